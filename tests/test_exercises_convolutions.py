"""Lesson 07's exercise checks: the reference answers pass, a wrong answer's line does not hold the expected
value, stubs read "not done yet", code that raises is a ✗ and not a crash, and the batch experiment waits
for a prediction and measures an outcome that is not fixed by construction. Typical wrong answers:
test_exercise_banks.py."""

import pytest
import torch
from test_exercises import crashes, solution, stub, verdict

import ganlib
from ganlib import exercises
from ganlib.exercises.convolutions import OVERLAP_CASES, _torch_overlaps


def transposed_side(side, kernel, stride, padding):
    """The reference answer of exercise 1, as in the lesson's solution cell."""
    return (side - 1) * stride - 2 * padding + kernel


def overlap_counts(side, kernel, stride):
    """The reference answer of exercise 2, as in the lesson's solution cell."""
    counts = torch.zeros((side - 1) * stride + kernel, dtype=torch.int64)
    for i in range(side):
        counts[i * stride:i * stride + kernel] += 1
    return counts


def constant_gain(kernel, stride):
    """The reference answer of exercise 4, as in the lesson's solution cell."""
    return kernel / stride


REFERENCES = {"transposed_side": (exercises.check_transposed_side, transposed_side),
              "overlap_counts": (exercises.check_overlap_counts, overlap_counts),
              "constant_gain": (exercises.check_conv_gain, constant_gain)}

@pytest.mark.parametrize("name", REFERENCES)
def test_the_reference_answer_passes(capsys, name):
    check, reference = REFERENCES[name]
    assert verdict(capsys, check, reference).startswith("✓")


@pytest.mark.parametrize("name", REFERENCES)
def test_the_lessons_solution_passes(capsys, name):
    try:
        answer = solution(name)
    except LookupError:
        pytest.skip("lesson 07's source has no solution cell for this exercise here")
    assert verdict(capsys, REFERENCES[name][0], answer).startswith("✓")


def test_the_lessons_prediction_is_the_measured_one(capsys):
    try:
        answer = solution("batch_prediction")
    except LookupError:
        pytest.skip("lesson 07's source has no solution cell for the experiment here")
    assert verdict(capsys, exercises.experiment_batch_statistics, answer).startswith("✓")


@pytest.mark.parametrize("name", REFERENCES)
def test_stubs_and_crashes_fail_without_crashing(capsys, name):
    check, _ = REFERENCES[name]
    assert verdict(capsys, check, stub).endswith(": not done yet")
    line = verdict(capsys, check, crashes)
    assert line.startswith("✗") and "KeyError" in line


def test_a_check_never_prints_the_expected_value(capsys):
    line = verdict(capsys, exercises.check_transposed_side, lambda s, k, st, p: transposed_side(s, k, st, p) - 1)
    assert "14" not in line  # the lesson's 7 → 14 is the first case
    line = verdict(capsys, exercises.check_overlap_counts, lambda s, k, st: overlap_counts(s, k, st) + 1)
    want = overlap_counts(*OVERLAP_CASES[0])
    assert str(want.tolist())[1:-1] not in line and " ".join(map(str, want.tolist())) not in line


def test_hints_speak_the_notebook_language(capsys):
    ganlib.set_language("vi")
    assert verdict(capsys, exercises.check_overlap_counts, stub) == "✗ số lần phủ ở mỗi vị trí đầu ra: chưa làm"
    assert "cả hai phía" in verdict(capsys, exercises.check_transposed_side, lambda s, k, st, p: (s - 1) * st + k)


@pytest.mark.parametrize("side,kernel,stride", OVERLAP_CASES)
def test_uneven_overlap_exactly_when_the_kernel_is_not_a_multiple_of_the_stride(side, kernel, stride):
    """The lesson's claim, on the layer the check compares with: every input pixel adds ``kernel`` taps,
    and the inner positions all receive the same count exactly when the stride divides the kernel."""
    counts = _torch_overlaps(side, kernel, stride)
    assert torch.equal(counts, overlap_counts(side, kernel, stride))
    assert int(counts.sum()) == side * kernel
    inner = counts[kernel - 1:(side - 1) * stride + 1]
    assert (len(set(inner.tolist())) == 1) == (kernel % stride == 0)


def test_the_experiment_waits_for_a_prediction(capsys):
    assert verdict(capsys, exercises.experiment_batch_statistics, ...).endswith("not done yet")
    assert "'a', 'b' or 'c'" in verdict(capsys, exercises.experiment_batch_statistics, "d")


def test_batchnorm_learns_a_function_of_the_batch(capsys):
    """Both Ds separate pure batches; only the one with BatchNorm fails on a mixed batch, by a margin that no
    construction fixes (it comes out of training), and the line is the same every time (seeded)."""
    line = verdict(capsys, exercises.experiment_batch_statistics, "b")
    assert line.startswith("✓"), line
    numbers = [float(word.rstrip(",;")) for word in line.split() if word.rstrip(",;").replace(".", "", 1).isdigit()]
    bn_separate, plain_separate, bn_mixed, plain_mixed = numbers
    assert min(bn_separate, plain_separate, plain_mixed) >= 0.95 and 0.4 <= bn_mixed <= 0.8
    assert verdict(capsys, exercises.experiment_batch_statistics, "b") == line
    for other in "ac":
        wrong = verdict(capsys, exercises.experiment_batch_statistics, other)
        assert wrong.startswith("✗") and "its own mean and variance" in wrong


def test_the_gain_check_measures_about_twice_the_reshaped_sigma(capsys):
    line = verdict(capsys, exercises.check_conv_gain, constant_gain)
    measured = float(line.split("measures a gain of ")[1].split()[0])
    assert 1.9 <= measured < 2.0, line


def test_the_mixed_batch_of_the_batch_experiment_was_never_trained_on(monkeypatch):
    """Exercise 3 scores its Ds on the last 2·64 digits, "never seen": every training draw must stop short of them."""
    from ganlib.exercises import convolutions
    drawn = []
    randint = torch.randint

    def spy(high, *args, **kwargs):
        index = randint(high, *args, **kwargs)
        drawn.append(int(index.max()))
        return index

    monkeypatch.setattr(convolutions.torch, "randint", spy)
    digits = torch.rand(400, 1, 28, 28) * 2 - 1
    convolutions._batch_accuracies("dcgan", {"norm": "none"}, digits)
    assert len(drawn) == convolutions.TRAIN_STEPS and max(drawn) < len(digits) - 2 * convolutions.BATCH
