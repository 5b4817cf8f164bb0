"""Lesson 10's exercise checks: the lesson's solutions pass, stubs read "not done yet", code that raises is a ✗
and not a crash, each typical wrong answer gets its own hint, the answers are measured and not stored, and the
experiment waits for a prediction and has a clear outcome."""

import numpy as np
import pytest
import torch
from test_exercise_banks import line_of
from test_exercises import crashes, solution, stub, verdict

import ganlib
from ganlib import exercises
from ganlib.exercises import style
from ganlib.style import gram_matrix, total_variation_loss

CHECKS = {"gram": exercises.check_gram_matrix, "total_variation": exercises.check_total_variation}


@pytest.mark.parametrize("name", CHECKS)
def test_the_lessons_solution_passes(capsys, name):
    assert verdict(capsys, CHECKS[name], solution(name)).startswith("✓")


@pytest.mark.parametrize("name", CHECKS)
def test_stubs_and_crashes_fail_without_crashing(capsys, name):
    assert verdict(capsys, CHECKS[name], stub).endswith(": not done yet")
    line = verdict(capsys, CHECKS[name], crashes)
    assert line.startswith("✗") and "KeyError" in line


def test_ganlib_s_own_functions_pass_the_checks(capsys):
    assert verdict(capsys, exercises.check_gram_matrix, gram_matrix).startswith("✓")
    assert verdict(capsys, exercises.check_total_variation, total_variation_loss).startswith("✓")


def _flat(f):
    return f.reshape(f.shape[0], f.shape[1], -1)


def _mixed(f):
    """N×C×H×W read as N×(H·W)×C without moving the channels first: a reshape that mixes channels and positions."""
    return f.reshape(f.shape[0], -1, f.shape[1])


GRAM_ANSWERS = {  # a typical answer → a phrase of its hint alone ("✓" for another right form)
    "einsum": (lambda f: torch.einsum("nchw,ndhw->ncd", f, f) / (f.shape[2] * f.shape[3]), "✓"),
    "bmm in float64": (lambda f: torch.bmm(_flat(f).double(), _flat(f).double().transpose(1, 2))
                       / (f.shape[2] * f.shape[3]), "✓"),
    "no division": (lambda f: _flat(f) @ _flat(f).transpose(1, 2), "is a mean"),
    "divided by C·H·W": (lambda f: _flat(f) @ _flat(f).transpose(1, 2) / f[0].numel(), "not by C·H·W"),
    "divided by N·H·W": (lambda f: _flat(f) @ _flat(f).transpose(1, 2) / (f.shape[0] * f.shape[2] * f.shape[3]),
                         "not by N·H·W"),
    "FᵀF": (lambda f: _flat(f).transpose(1, 2) @ _flat(f) / (f.shape[2] * f.shape[3]), "compares positions"),
    "first picture only": (lambda f: gram_matrix(f)[0], "one C×C matrix per image"),
    "channels and positions mixed": (lambda f: _mixed(f).transpose(1, 2) @ _mixed(f) / (f.shape[2] * f.shape[3]),
                                     "mean over the positions"),
}


@pytest.mark.parametrize("name", GRAM_ANSWERS)
def test_each_gram_answer_gets_its_own_verdict(capsys, name):
    answer, phrase = GRAM_ANSWERS[name]
    line = line_of(capsys, exercises.check_gram_matrix, answer)
    assert line.startswith("✓") if phrase == "✓" else (line.startswith("✗") and phrase in line), line


def _diff(x, dim):
    return x.diff(dim=dim).abs()


TV_ANSWERS = {
    "means": (lambda x: 0.5 * (_diff(x, 2).mean() + _diff(x, 3).mean()), "✓"),
    "numpy": (lambda x: 0.5 * (np.abs(np.diff(x.numpy(), axis=2)).mean() + np.abs(np.diff(x.numpy(), axis=3)).mean()),
              "✓"),
    "no half": (lambda x: _diff(x, 2).mean() + _diff(x, 3).mean(), "half the sum"),
    "squares": (lambda x: 0.5 * (x.diff(dim=2).pow(2).mean() + x.diff(dim=3).pow(2).mean()), "not squared"),
    "sums": (lambda x: 0.5 * (_diff(x, 2).sum() + _diff(x, 3).sum()), "instead of summing"),
    "horizontal only": (lambda x: 0.5 * _diff(x, 3).mean(), "add the vertical"),
    "vertical only": (lambda x: 0.5 * _diff(x, 2).mean(), "add the horizontal"),
    "roll": (lambda x: 0.5 * ((x - x.roll(1, 2)).abs().mean() + (x - x.roll(1, 3)).abs().mean()), "wraps"),
    "one mean of both": (lambda x: torch.cat([_diff(x, 2).flatten(), _diff(x, 3).flatten()]).mean(), "wrong for the"),
}


@pytest.mark.parametrize("name", TV_ANSWERS)
def test_each_total_variation_answer_gets_its_own_verdict(capsys, name):
    answer, phrase = TV_ANSWERS[name]
    line = line_of(capsys, exercises.check_total_variation, answer)
    assert line.startswith("✓") if phrase == "✓" else (line.startswith("✗") and phrase in line), line


def test_the_closed_forms_of_the_total_variation_cases():
    cases = dict(style._image_cases())
    assert style._want_tv(cases["ramp"]) == pytest.approx(0.1, rel=1e-6)  # step 0.2 along the width, none down
    assert style._want_tv(cases["checkerboard"]) == pytest.approx(1.0)


def test_the_invariant_changes_are_measured_and_only_the_right_set_passes(capsys):
    """The answer is measured on a feature map, not stored: (a) and (b) permute positions, the rest do not."""
    assert style._invariant() == {"a", "b"}
    assert verdict(capsys, exercises.check_gram_invariance, solution("invariant_changes")).startswith("✓")
    assert verdict(capsys, exercises.check_gram_invariance, "a, b").startswith("✓")
    for wrong in ({"a"}, {"a", "b", "e"}, {"a", "b", "d"}, {"a", "b", "c"}, set()):
        line = verdict(capsys, exercises.check_gram_invariance, wrong)
        assert line.startswith("✗") and f"({sorted(wrong ^ {'a', 'b'})[0]})" in line, line
    assert "'a' to 'e'" in verdict(capsys, exercises.check_gram_invariance, {"a", "z"})
    assert verdict(capsys, exercises.check_gram_invariance, ...).endswith("not done yet")


def test_the_experiment_has_a_clear_answer_and_agrees_only_with_it(capsys):
    """Style weight 10 → 100: the content loss rises by about half (at the writing 0.097 → 0.147, ×1.51), away from
    both edges of (b), 1.2 and 2."""
    low, high = style._content_losses()
    assert 1.3 < high / low < 1.8, (low, high)
    assert verdict(capsys, exercises.experiment_style_weight, solution("style_weight_prediction")).startswith("✓")
    for other in "ac":
        assert verdict(capsys, exercises.experiment_style_weight, other).startswith("✗")
    assert verdict(capsys, exercises.experiment_style_weight, ...).endswith("not done yet")


def test_hints_speak_the_notebook_language(capsys):
    ganlib.set_language("vi")
    assert verdict(capsys, exercises.check_gram_matrix, stub) == "✗ ma trận Gram: chưa làm"
    assert "trị tuyệt đối" in verdict(capsys, exercises.check_total_variation, TV_ANSWERS["squares"][0])
