"""Did the generator draw the digit it was asked for? The scores of a conditional GAN (lesson 08).

A conditional generator makes samples for given labels y. On top of the pooled scores of
:func:`ganlib.metrics.images.score_samples`, the course's classifier reads each sample:

- ``conditional_accuracy``: the share of samples asked for y that the classifier reads as y,
  per digit (``accuracy_per_digit``) and averaged over the digits; for real digits scored the same
  way it is the classifier's own accuracy;
- ``classes_per_label``: for each asked y, how many classes hold at least 2% of its samples
  (1 is ideal; more means the label leaks into other digits);
- ``precision_per_digit`` / ``recall_per_digit``: k-NN precision and recall of the samples asked
  for y against the reference digits of class y only, on the classifier's conv features: a
  generator that draws each digit in only a few styles (a per-class mode collapse) keeps its
  accuracy and loses recall.

:func:`real_conditional_scores` scores the 1000 fresh real digits with their true labels: the floor.
"""

from copy import deepcopy
from functools import lru_cache

import numpy as np
import torch

from ..i18n import tr
from .classifier import NUM_CLASSES, split_digits, to_classifier_input
from .images import (GAN_RANGE, NEIGHBOURS, class_histogram, classes_covered, classify, neighbour_radii,
                     precision_recall, score_samples)


def check_labels(labels: torch.Tensor | np.ndarray, n: int) -> np.ndarray:
    """``labels`` as an int64 array of n digits, after checking shape, type and range (0..9), and that
    every digit present has more than k = 3 samples (the per-digit k-NN needs that many)."""
    array = np.asarray(labels.cpu() if isinstance(labels, torch.Tensor) else labels)
    if array.shape != (n,) or not np.issubdtype(array.dtype, np.integer):
        raise ValueError(tr(en=f"labels must be {n} integers (one per image), got {array.dtype} of shape {array.shape}",
                            vi=f"labels phải là {n} số nguyên (mỗi ảnh một nhãn), nhận được {array.dtype} "
                               f"dạng {array.shape}"))
    if n and (array.min() < 0 or array.max() >= NUM_CLASSES):
        raise ValueError(tr(en=f"labels must be digits 0..9, got values from {array.min()} to {array.max()}",
                            vi=f"labels phải là chữ số 0..9, nhận được giá trị từ {array.min()} đến {array.max()}"))
    counts = np.bincount(array, minlength=NUM_CLASSES)
    scarce = [digit for digit in range(NUM_CLASSES) if 0 < counts[digit] <= NEIGHBOURS]
    if scarce:
        raise ValueError(tr(en=f"digits {scarce} have {NEIGHBOURS} samples or fewer; ask for more than "
                               f"{NEIGHBOURS} samples of every digit scored",
                            vi=f"các chữ số {scarce} có không quá {NEIGHBOURS} mẫu; hãy sinh nhiều hơn "
                               f"{NEIGHBOURS} mẫu cho mỗi chữ số được chấm"))
    return array.astype(np.int64)


def conditional_accuracy(probabilities: np.ndarray, labels: np.ndarray) -> tuple[float, list[float | None]]:
    """(mean over the digits present, per digit 0..9) of the share of samples labelled y whose
    most probable class is y. ``probabilities``: N×10; ``labels``: N ints. A digit without
    samples gets None and is left out of the mean."""
    predicted = probabilities.argmax(axis=1)
    per_digit = [float((predicted[labels == digit] == digit).mean()) if (labels == digit).any() else None
                 for digit in range(NUM_CLASSES)]
    present = [value for value in per_digit if value is not None]
    return float(np.mean(present)), per_digit


def classes_per_label(probabilities: np.ndarray, labels: np.ndarray) -> list[int | None]:
    """For each asked digit 0..9, the classes holding at least 2% of its samples
    (:func:`ganlib.metrics.images.classes_covered`); None for a digit without samples."""
    return [classes_covered(class_histogram(probabilities[labels == digit])) if (labels == digit).any() else None
            for digit in range(NUM_CLASSES)]


@lru_cache(maxsize=1)
def _reference_by_digit() -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The reference digits' conv features and their k-NN radii, one pair per class (100 digits each)."""
    reference = split_digits().reference
    conv, _, _ = classify(to_classifier_input(reference.images), value_range=(0.0, 1.0))
    labels = reference.labels.numpy()
    return tuple((conv[labels == digit], neighbour_radii(conv[labels == digit])) for digit in range(NUM_CLASSES))


def precision_recall_per_digit(conv: np.ndarray, labels: np.ndarray) -> tuple[list[float | None], list[float | None]]:
    """k-NN precision and recall (k = 3) of the samples of each digit y (conv features N×800) against
    the 100 reference digits of class y; None for a digit without samples."""
    pairs = [precision_recall(real, conv[labels == digit], real_radii=radii) if (labels == digit).any() else (None, None)
             for digit, (real, radii) in enumerate(_reference_by_digit())]
    return [p for p, _ in pairs], [r for _, r in pairs]


def score_conditional(images: torch.Tensor, labels: torch.Tensor | np.ndarray, *,
                      value_range: tuple[float, float] = GAN_RANGE) -> dict:
    """:func:`ganlib.metrics.images.score_samples` of the pooled ``images`` (N×1×28×28 in
    ``value_range``) plus, with ``labels`` (N digits, the one asked for each image):
    conditional_accuracy (mean over the digits), accuracy_per_digit, classes_per_label,
    precision_per_digit and recall_per_digit (10 values each, None for a digit without samples).
    Plain JSON. Used by lesson 08 and the training loop of ``python -m ganlib train --model cgan``."""
    labels = check_labels(labels, len(images))
    scores = score_samples(images, value_range=value_range)
    conv, _, probabilities = classify(images, value_range=value_range)
    accuracy, per_digit = conditional_accuracy(probabilities, labels)
    precision, recall = precision_recall_per_digit(conv, labels)
    return {**scores, "conditional_accuracy": accuracy, "accuracy_per_digit": per_digit,
            "classes_per_label": classes_per_label(probabilities, labels),
            "precision_per_digit": precision, "recall_per_digit": recall}


@lru_cache(maxsize=1)
def _real_conditional_scores() -> dict:
    fresh = split_digits().fresh
    return score_conditional(to_classifier_input(fresh.images), fresh.labels, value_range=(0.0, 1.0))


def real_conditional_scores() -> dict:
    """:func:`score_conditional` of the 1000 fresh real digits (100 per class) with their true labels:
    what a perfect conditional generator would read at N = 1000. Its conditional accuracy is the
    classifier's accuracy on digits it never saw. Computed once per process. Lesson 08."""
    return deepcopy(_real_conditional_scores())
