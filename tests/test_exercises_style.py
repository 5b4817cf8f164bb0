"""Lesson 10's exercise checks: the lesson's solutions and ganlib's own functions pass, stubs read "not done yet",
code that raises is a ✗ and not a crash, the answers are measured and not stored, and the experiment waits for a
prediction and has a clear outcome. Typical wrong answers and other right forms: test_exercise_banks.py."""

import pytest
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
    squares = lambda x: 0.5 * (x.diff(dim=2).pow(2).mean() + x.diff(dim=3).pow(2).mean())  # noqa: E731
    assert "trị tuyệt đối" in verdict(capsys, exercises.check_total_variation, squares)
