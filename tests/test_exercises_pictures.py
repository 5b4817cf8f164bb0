"""Lesson 09's exercise checks: the reference answers pass (and the lesson's solution cells, once the lesson
source has them), stubs read "not done yet", code that raises is a ✗ and not a crash, a wrong answer's line does
not hold the expected value, the references agree with independent computations, and the experiment waits for a
prediction and measures an outcome with a margin. Typical wrong answers: test_exercise_banks.py."""

import numpy as np
import pytest
import torch
from test_exercises import crashes, solution, stub, verdict

import ganlib
from ganlib import exercises
from ganlib.data import colour_digits
from ganlib.data.colours import INK_HUES, palette
from ganlib.exercises import pictures
from ganlib.metrics.sliced_wasserstein import sliced_wasserstein


def sliced_distance(a, b, directions):
    """The reference answer of exercise 1, as in the lesson's solution cell."""
    projected_a, _ = torch.sort(a @ directions, dim=0)
    projected_b, _ = torch.sort(b @ directions, dim=0)
    return (projected_a - projected_b).abs().mean()


def demodulation_scale(weight):
    """The reference answer of exercise 2, as in the lesson's solution cell."""
    return 1.0 / torch.sqrt(weight.pow(2).sum(dim=(1, 2, 3)) + 1e-8)


REFERENCES = {"sliced_distance": (exercises.check_sliced_distance, sliced_distance),
              "demodulation_scale": (exercises.check_demodulation_scale, demodulation_scale)}


@pytest.mark.parametrize("name", REFERENCES)
def test_the_reference_answer_passes(capsys, name):
    check, reference = REFERENCES[name]
    assert verdict(capsys, check, reference).startswith("✓")


@pytest.mark.parametrize("name", REFERENCES)
def test_the_lessons_solution_passes(capsys, name):
    assert verdict(capsys, REFERENCES[name][0], solution(name)).startswith("✓")


def test_the_lessons_prediction_is_the_measured_one(capsys):
    assert verdict(capsys, exercises.experiment_swapped_colours, solution("colour_prediction")).startswith("✓")


@pytest.mark.parametrize("name", REFERENCES)
def test_stubs_and_crashes_fail_without_crashing(capsys, name):
    check, _ = REFERENCES[name]
    assert verdict(capsys, check, stub).endswith(": not done yet")
    line = verdict(capsys, check, crashes)
    assert line.startswith("✗") and "KeyError" in line


def test_the_distance_cases_have_their_known_answers():
    """A shifted copy moves every sorted projection by the shift's projection; a reordering gives 0; ganlib's
    sliced_wasserstein, drawing the same directions, and scipy agree with the reference on every case."""
    cases = {name: (a, b, d) for name, a, b, d in pictures._distance_cases()}
    a, b, d = cases["shifted"]
    assert pictures._scipy_distance(a, b, d) == pytest.approx(np.abs((b[0] - a[0]) @ d).mean(), rel=1e-12)
    assert pictures._scipy_distance(*cases["reordered"]) == pytest.approx(0.0, abs=1e-12)
    assert pictures._scipy_distance(*cases["stretched"]) > 0.5
    for seed, (a, b, d) in enumerate(cases.values(), start=1):
        ours = float(sliced_distance(*map(torch.from_numpy, (a, b, d))))
        assert ours == pytest.approx(pictures._scipy_distance(a, b, d), rel=1e-10)
        assert ours == pytest.approx(sliced_wasserstein(a, b, directions=7, rng=np.random.default_rng(seed)), rel=1e-10)


def test_the_demodulation_reference_is_the_measured_std():
    """Independently of the formula: dividing each output channel's weights by the std measured through conv2d
    on unit-variance noise gives the reference factors, to the noise of the measurement."""
    for weight in pictures._weights()[:3]:
        measured = pictures._output_std(weight, np.ones(weight.shape[0]))
        np.testing.assert_allclose(1.0 / measured, pictures._want_scale(weight), rtol=pictures.STD_TOLERANCE)
    zero = pictures._weights()[-1]
    assert pictures._want_scale(zero)[1] == pytest.approx(1e4)


def test_a_check_never_prints_the_expected_value(capsys):
    line = verdict(capsys, exercises.check_sliced_distance, lambda a, b, d: sliced_distance(a, b, d) + 0.01)
    want = pictures._scipy_distance(*pictures._distance_cases()[0][1:])
    assert f"{want:.2f}" not in line and f"{want:.3f}" not in line
    line = verdict(capsys, exercises.check_demodulation_scale, lambda w: 3 * demodulation_scale(w))
    wants = pictures._want_scale(pictures._weights()[0])
    shown = [f"{value:.2f}" for value in wants] + [f"{np.floor(value * 100) / 100:.2f}" for value in wants]
    assert line.startswith("✗") and not any(text in line for text in shown), line


def test_hints_speak_the_notebook_language(capsys):
    ganlib.set_language("vi")
    assert verdict(capsys, exercises.check_sliced_distance, stub) == "✗ khoảng cách Wasserstein cắt lát: chưa làm"
    assert "căn bậc hai" in verdict(capsys, exercises.check_demodulation_scale,
                                    lambda w: 1.0 / (w.pow(2).sum(dim=(1, 2, 3)) + 1e-8))


def test_the_experiment_waits_for_a_prediction(capsys):
    assert verdict(capsys, exercises.experiment_swapped_colours, ...).endswith("not done yet")
    assert "'a', 'b' or 'c'" in verdict(capsys, exercises.experiment_swapped_colours, "d")


def test_the_experiment_has_a_clear_answer_and_agrees_only_with_it(capsys):
    """The swapped digits sit near the floor and far from the grey ones (at the writing: 13.6, 19.6, 94.9), so
    that (a) is right with a margin: their gap to the floor is under a quarter of their gap to the grey set."""
    floor, swapped, grey = pictures._swap_distances()
    assert floor < swapped and 4 * (swapped - floor) < grey - swapped, (floor, swapped, grey)
    assert verdict(capsys, exercises.experiment_swapped_colours, "a").startswith("✓")
    for other in "bc":
        assert verdict(capsys, exercises.experiment_swapped_colours, other).startswith("✗")


def test_the_swapped_palette_moves_each_class_to_another_class_s_colours_with_the_same_draws():
    """colour_digits(palette_shift=k) draws class y in class (y + k) mod 10's palette, with the same random
    draws (the corner pixel is pure background); a shift of 10 changes nothing."""
    images, labels = colour_digits(n=100)
    shifted, same_labels = colour_digits(n=100, palette_shift=pictures.SWAP_SHIFT)
    np.testing.assert_array_equal(labels, same_labels)
    np.testing.assert_array_equal(colour_digits(n=100, palette_shift=len(INK_HUES))[0], images)
    rng = np.random.default_rng(0)
    for image, label in zip(shifted, labels):
        _, background = palette((int(label) + pictures.SWAP_SHIFT) % len(INK_HUES), rng)
        assert np.abs(image[0, 0].astype(int) - np.rint(background * 255)).max() <= 1
    assert np.abs(shifted[:, 0, 0].astype(int) - images[:, 0, 0]).max() > 50
