"""The exercise checks of ganlib.exercises: each passes the reference solution (the source's
``solution`` cell) and fails untouched stubs and code that raises, with one line that does not give the
answer away; exercises.BY_LESSON lists what each lesson calls. The banks of typical wrong answers and of other
right forms are in test_exercise_banks.py; the quizzes are in test_quiz.py."""

import math
import re

import jupytext
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy import stats

import ganlib
from ganlib import exercises, toys
from ganlib.theory import wasserstein_1
from ganlib.toys import remedies

SOURCES = sorted((__import__("pathlib").Path(__file__).resolve().parent.parent / "notebooks" / "src").glob("[0-9]*.py"))


def solution(name: str) -> object:
    """The object ``name`` defined by the ``solution`` cells of the lesson sources."""
    for source in SOURCES:
        for cell in jupytext.read(source, fmt="py:percent").cells:
            if "solution" in cell.metadata.get("tags", []) and name in cell.source:
                namespace = {"torch": torch, "np": np, "math": math, "stats": stats, "toys": toys, "F": F}
                exec(cell.source, namespace)
                if name in namespace:
                    return namespace[name]
    raise LookupError(f"no solution cell defines {name}")


def verdict(capsys, check, answer) -> str:
    """The one line ``check(answer)`` prints; it must be one line starting with ✓ or ✗."""
    check(answer)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    assert lines[0][0] in "✓✗", lines[0]
    return lines[0]


def stub(*args, **kwargs):
    raise NotImplementedError


def crashes(*args, **kwargs):
    return {}["oops"]


# name of the solution → its check; typical wrong answers and other right forms: tests/test_exercise_banks.py
CASES = {
    "police_loss": exercises.check_police_loss,
    "d_star_logit": exercises.check_d_star_logit,
    "kl_gaussians": exercises.check_kl_gaussians,
    "js_divergence_discrete": exercises.check_js_divergence,
    "ns_generator_loss": exercises.check_ns_loss,
    "gradient_penalty": exercises.check_gradient_penalty,
    "police_steps": exercises.check_police_steps,
    "my_discriminator_step": exercises.check_discriminator_step,
    "knn_precision": exercises.check_knn_precision,
    "conditional_accuracy": exercises.check_conditional_accuracy,
    "projection_logit": exercises.check_projection_logit,
    "projection_parts": exercises.check_projection_parts,
    "spiral_radius": exercises.check_spiral_radius,
    "extragradient_step": exercises.check_extragradient_step,
    "police_slopes": exercises.check_police_slopes,
    "value_at_optimum": exercises.check_value_at_optimum,
    "losses_at_optimum": exercises.check_collapsed_losses,
}


def test_conditional_accuracy_counted_by_hand(capsys):
    """The reference solution on a case counted by hand: digit 0 3/4, digit 1 1/2, digit 3 4/4, the rest absent."""
    mean, per_digit = solution("conditional_accuracy")(torch.tensor([0, 0, 0, 5, 1, 7, 3, 3, 3, 3]),
                                                       torch.tensor([0, 0, 0, 0, 1, 1, 3, 3, 3, 3]))
    assert per_digit == [0.75, 0.5, None, 1.0, None, None, None, None, None, None]
    assert mean == pytest.approx(0.75)


def test_projection_logit_is_the_lessons_discriminator(capsys):
    """The reference solution gives the ProjectionDiscriminator's own logits on its features."""
    _, discriminator = ganlib.build_gan("cgan")
    images, digits = torch.rand(6, 1, 28, 28, generator=torch.Generator().manual_seed(1)) * 2 - 1, torch.arange(6)
    with torch.no_grad():
        features = discriminator.features(images)
        got = solution("projection_logit")(features, discriminator.embed(digits),
                                           discriminator.unconditional(features).squeeze(1))
        assert torch.allclose(got, discriminator(images, digits), atol=1e-6)


@pytest.mark.parametrize("name", CASES)
def test_the_solution_passes(capsys, name):
    assert verdict(capsys, CASES[name], solution(name)).startswith("✓")


@pytest.mark.parametrize("name", CASES)
def test_stubs_and_crashes_fail_without_crashing(capsys, name):
    check = CASES[name]
    assert verdict(capsys, check, stub) == f"✗ {verdict_title(capsys, check, stub)}: not done yet"
    line = verdict(capsys, check, crashes)
    assert line.startswith("✗") and "KeyError" in line


def verdict_title(capsys, check, answer):
    check(answer)
    return capsys.readouterr().out.split(":")[0][2:]


def test_numbers_pass_their_solution_and_wait_for_an_answer(capsys):
    assert verdict(capsys, exercises.check_uniform_value, solution("v_uniform")).startswith("✓")
    assert verdict(capsys, exercises.check_uniform_value, ...).endswith("not done yet")
    assert verdict(capsys, exercises.check_slope_ratio, solution("ratio")).startswith("✓")
    assert verdict(capsys, exercises.check_slope_ratio, "many").startswith("✗")


def test_hints_speak_the_notebook_language(capsys):
    ganlib.set_language("vi")
    assert verdict(capsys, exercises.check_slope_ratio, ...) == "✗ tỉ số hai độ dốc tại logit −10: chưa làm"
    assert "bị đảo ngược" in verdict(capsys, exercises.check_slope_ratio, math.exp(-10))


def test_a_check_never_prints_the_expected_value(capsys):
    line = verdict(capsys, exercises.check_uniform_value, 0.0)
    assert "0.69" not in line and "log 2" not in line
    line = verdict(capsys, exercises.check_slope_ratio, 3.0)
    assert "22026" not in line


@pytest.mark.parametrize("experiment", [exercises.experiment_police_steps, exercises.experiment_tiny_classifier,
                                        exercises.experiment_jsd_slope, exercises.experiment_minimax_start,
                                        exercises.experiment_one_class, exercises.experiment_smaller_steps,
                                        exercises.experiment_long_noise])
def test_experiments_wait_for_a_prediction(capsys, experiment):
    assert verdict(capsys, experiment, ...).endswith("not done yet")
    assert "'a', 'b' or 'c'" in verdict(capsys, experiment, "d")


def test_cheap_experiments_agree_with_their_solution_only(capsys):
    for experiment, name in ((exercises.experiment_jsd_slope, "jsd_prediction"),
                             (exercises.experiment_smaller_steps, "step_prediction"),
                             (exercises.experiment_long_noise, "long_noise_prediction")):
        right = solution(name)
        assert verdict(capsys, experiment, right).startswith("✓")
        for other in set("abc") - {right}:
            assert verdict(capsys, experiment, other).startswith("✗")


def test_challenges_reject_changed_rules(capsys):
    assert "start_shift" in verdict(capsys, lambda _: exercises.score_game_challenge(start_shift=0.0), None)
    assert "1000" in verdict(capsys, lambda _: exercises.score_game_challenge(rounds=5000), None)
    assert "pack=1" in verdict(capsys, exercises.score_ring_challenge, remedies.remedy_config("PacGAN", seed=0))


def test_game_challenge_scores_a_short_game(capsys):
    line = verdict(capsys, lambda rounds: exercises.score_game_challenge(rounds=rounds), 2)
    distance = float(line.split("W1 = ")[1].split(";")[0])
    assert line.startswith("✗") and distance > 8  # two rounds from −6 leave the counterfeiter far away
    assert distance == pytest.approx(wasserstein_1(stats.norm(float(line.split("N(")[1].split(",")[0]),
                                                              float(line.split(", ")[1].split("²")[0])),
                                                   stats.norm(3.0, 0.75)), abs=2e-3)


def called_in_lesson(source) -> list[str]:
    """The names of ``exercises.NAME(...)`` a lesson source calls, in its code or in code it gives the student
    to run (lesson 06's ring challenge), first call first."""
    return list(dict.fromkeys(re.findall(r"\bexercises\.(\w+)\s*\(", source.read_text(encoding="utf-8"))))


def test_the_index_by_lesson_lists_what_each_lesson_calls():
    called = {source.name[:2]: [name for name in called_in_lesson(source) if name != "show_quiz"]
              for source in sorted(SOURCES[0].parent.glob("[0-9][0-9]_*.py"))}
    listed = {lesson: [check.__name__ for check in checks] for lesson, checks in exercises.BY_LESSON.items()}
    assert listed == called
    public = {name for name in dir(exercises) if name.startswith(("check_", "experiment_", "score_"))}
    assert sorted(public) == sorted(name for names in listed.values() for name in names), "a check no lesson calls"
