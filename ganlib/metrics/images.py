"""Offline numbers for GAN samples of MNIST digits: quality, diversity and mode collapse.

Used by lessons 05–08 (metrics over training, the class histogram) and ``python -m ganlib score``.

Every metric reads the shipped MNIST classifier (``ganlib.metrics.classifier``) and compares a sample
set with the 1000 ``reference`` digits of the bundled split, which the classifier never saw:

- ``fd``: Fréchet distance between Gaussians fitted to the classifier's 128 penultimate-layer
  features of the samples and of the reference (FID's formula with an MNIST network; 88 of the 128
  units are active on the reference digits, see ``ganlib.metrics.frechet``). 0 is best.
- ``classifier_score``: exp(E_x KL(p(y|x) ‖ p(y))), the Inception Score's formula with this
  classifier: 1 (one class, or no confident prediction) .. 10 (confident and balanced).
- ``class_histogram``: how many samples the classifier puts in each class 0..9;
  ``classes_covered``: classes holding at least 2% of the samples; ``kl_class``: KL (nats) of the
  sample class shares from the real ones (uniform), 0 .. log 10 ≈ 2.303 — the mode-collapse meter.
- ``precision`` / ``recall``: k-nearest-neighbour precision and recall (Kynkäänniemi et al. 2019,
  k = 3): the share of samples that land on the real digits' manifold, and the share of real
  digits the samples' manifold covers. 1 is best. They are computed on the classifier's 800
  convolutional features, not the 128 penultimate ones: the penultimate layer, trained only to
  tell digits apart, maps noise and blank images next to faint real digits whose k-NN balls are
  wide, so there even uniform noise reads precision 1.0; in the convolutional layer it reads 0.

The numbers depend on the number of samples N (for real digits FD is 45 at N = 100 and 5.5 at
N = 1000), so every report states N, and :func:`reference_scores` gives, at the same N, the floor (fresh real
digits: the best a generator can hope for) and the ceiling (uniform noise: a generator that has
learnt nothing). The ceiling is a landmark, not a bound: a generator that draws only one digit
class can have a larger FD than noise. Compare sample sets only at the same N.
"""

from copy import deepcopy
from functools import lru_cache

import numpy as np
import torch
from scipy.special import xlogy

from ..i18n import tr
from .classifier import NUM_CLASSES, PER_CLASS, shipped_classifier, split_digits, to_classifier_input
from .frechet import covariance_root, frechet_distance, gaussian_fit
from .ranges import GAN_RANGE, parse_range

NEIGHBOURS = 3
COVERAGE_SHARE = 0.02
MIN_SAMPLES = 10
MAX_SAMPLES = NUM_CLASSES * PER_CLASS["fresh"]  # the fresh real digits that make the floor
REFERENCE_SEED = 0
RANGE_TOLERANCE = 1e-5


def check_images(images: torch.Tensor) -> None:
    """Raise TypeError / ValueError unless ``images`` is a real-valued tensor N×1×28×28 with N ≥ 10."""
    if not isinstance(images, torch.Tensor):
        raise TypeError(tr(en=f"images must be a torch.Tensor, got {type(images).__name__}",
                           vi=f"images phải là torch.Tensor, nhận được {type(images).__name__}"))
    if images.dtype == torch.bool or images.is_complex():
        raise TypeError(tr(en=f"images must hold real numbers, got dtype {images.dtype}",
                           vi=f"images phải chứa số thực, nhận được dtype {images.dtype}"))
    if images.ndim != 4 or tuple(images.shape[1:]) != (1, 28, 28):
        raise ValueError(tr(
            en=f"images must have shape N×1×28×28 (MNIST digits), got {tuple(images.shape)}",
            vi=f"images phải có dạng N×1×28×28 (chữ số MNIST), nhận được {tuple(images.shape)}"))
    if images.shape[0] < MIN_SAMPLES:
        raise ValueError(tr(
            en=f"need at least {MIN_SAMPLES} images to score, got {images.shape[0]}",
            vi=f"cần ít nhất {MIN_SAMPLES} ảnh để chấm điểm, nhận được {images.shape[0]}"))


def check_range(images: torch.Tensor, value_range: tuple[float, float]) -> None:
    """Raise ValueError unless every value of ``images`` lies in ``value_range`` = (low, high).

    Nothing is ever clamped: clamping would hide a noisy background and flatter the scores.
    A tiny tolerance (1e-5 of the range's width) absorbs float rounding. Used by
    :func:`score_samples` and ``python -m ganlib score``.
    """
    low, high = parse_range(value_range)
    seen_low, seen_high = (value.item() for value in torch.aminmax(images.detach().float()))
    if not (np.isfinite(seen_low) and np.isfinite(seen_high)):  # NaN and ±inf reach the extremes
        raise ValueError(tr(en="images contain NaN or infinite values; the generator has diverged",
                            vi="images chứa giá trị NaN hoặc vô cùng; bộ sinh đã mất ổn định"))
    slack = RANGE_TOLERANCE * (high - low)
    if seen_low < low - slack or seen_high > high + slack:
        raise ValueError(tr(
            en=f"images have values in [{seen_low:.4g}, {seen_high:.4g}], outside the declared range "
               f"[{low:g}, {high:g}]; declare the range the images really use (tanh output: -1,1; "
               "from_gan_range or ToTensor output: 0,1). Values are never clamped.",
            vi=f"images có giá trị trong [{seen_low:.4g}, {seen_high:.4g}], nằm ngoài khoảng đã khai "
               f"báo [{low:g}, {high:g}]; hãy khai báo đúng khoảng của ảnh (đầu ra tanh: -1,1; đầu ra "
               "from_gan_range hoặc ToTensor: 0,1). ganlib không bao giờ cắt (clamp) giá trị."))


def classify(images: torch.Tensor, *, value_range: tuple[float, float] = GAN_RANGE
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The shipped classifier's view of N×1×28×28 images in ``value_range``, computed on the CPU.

    Returns float64 arrays (conv features N×800, penultimate features N×128, class probabilities
    N×10). Checks shape and range first.
    """
    check_images(images)
    check_range(images, value_range)
    low, high = parse_range(value_range)
    unit = (images.detach().float().cpu() - low) / (high - low)
    model = shipped_classifier().eval()
    with torch.inference_mode():
        conv, features, logits = model.representations(unit)
        probabilities = torch.softmax(logits, dim=1)
    return conv.double().numpy(), features.double().numpy(), probabilities.double().numpy()


def classifier_score(probabilities: np.ndarray) -> float:
    """exp(E_x KL(p(y|x) ‖ p(y))) for N×C class probabilities, with p(y) their mean over x; 1..C."""
    marginal = probabilities.mean(axis=0, keepdims=True)
    kl = (xlogy(probabilities, probabilities) - xlogy(probabilities, marginal)).sum(axis=1)
    return float(np.exp(kl.mean()))


def class_histogram(probabilities: np.ndarray) -> list[int]:
    """How many of the N samples the classifier assigns (argmax) to each class 0..9."""
    counts = np.bincount(probabilities.argmax(axis=1), minlength=NUM_CLASSES)
    return [int(c) for c in counts]


def classes_covered(histogram: list[int], *, min_share: float = COVERAGE_SHARE) -> int:
    """Number of classes holding at least ``min_share`` (default 2%) of the samples."""
    counts = np.asarray(histogram, dtype=float)
    return int((counts >= min_share * counts.sum()).sum())


def class_kl(histogram: list[int]) -> float:
    """KL(sample class shares ‖ real class shares) in nats; the real shares are uniform (1/10).

    No epsilon is needed in this direction: a class without samples adds 0·log 0 = 0, and the
    uniform reference has no zero. 0 for perfectly balanced classes, log 10 ≈ 2.303 for one class.
    """
    shares = np.asarray(histogram, dtype=float) / sum(histogram)
    return float(xlogy(shares, shares * NUM_CLASSES).sum())


def pairwise_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Euclidean distances between the rows of ``a`` (N×D) and ``b`` (M×D), shape N×M.

    Expands ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b so that one matrix product does the work.
    """
    squared = (a * a).sum(axis=1)[:, np.newaxis] + (b * b).sum(axis=1)[np.newaxis, :] - 2.0 * a @ b.T
    return np.sqrt(np.clip(squared, 0.0, None))


def neighbour_radii(features: np.ndarray, *, k: int = NEIGHBOURS) -> np.ndarray:
    """Distance from each of N points to its k-th nearest other point (Euclidean), shape N."""
    distances = pairwise_distances(features, features)
    return np.partition(distances, k, axis=1)[:, k]  # column 0 is the point itself


def precision_recall(real: np.ndarray, fake: np.ndarray, *, k: int = NEIGHBOURS,
                     real_radii: np.ndarray | None = None) -> tuple[float, float]:
    """k-NN precision and recall of ``fake`` (N×D) against ``real`` (M×D) features.

    Kynkäänniemi et al. 2019: each point's ball reaches its k-th nearest neighbour in its own set;
    the union of the balls estimates a manifold. precision: share of fake points inside the real
    manifold; recall: share of real points inside the fake manifold. ``real_radii`` may be passed
    when already computed.
    """
    if real_radii is None:
        real_radii = neighbour_radii(real, k=k)
    fake_radii = neighbour_radii(fake, k=k)
    cross = pairwise_distances(fake, real)
    precision = (cross <= real_radii[np.newaxis, :]).any(axis=1).mean()
    recall = (cross <= fake_radii[:, np.newaxis]).any(axis=0).mean()
    return float(precision), float(recall)


@lru_cache(maxsize=1)
def _reference() -> dict:
    """The 1000 reference digits as the metrics need them, computed once: the Gaussian fit of
    their penultimate features (with the covariance's square root), their conv features and
    those features' k-NN radii."""
    conv, features, _ = classify(to_classifier_input(split_digits().reference.images), value_range=(0.0, 1.0))
    mu, sigma = gaussian_fit(features)
    return {"mu": mu, "sigma": sigma, "root": covariance_root(sigma), "conv": conv, "radii": neighbour_radii(conv)}


def score_samples(images: torch.Tensor, *, value_range: tuple[float, float] = GAN_RANGE) -> dict:
    """Score N generated digits against the 1000 real reference digits.

    images: float N×1×28×28 (N ≥ 10; any device; gradients are ignored) with every value in
    ``value_range`` ((−1, 1) for a tanh generator, (0, 1) after ``from_gan_range``); a range that
    does not fit raises ValueError. Returns a plain-JSON dict: n, fd, classifier_score,
    classes_covered, kl_class (nats), precision, recall (k = 3), class_histogram (10 ints).
    Cheap enough for the training loop: about 0.25 s for N = 1000 on one free CPU core (the first
    call also prepares the reference: about 0.5 s). Used by lesson 05.
    """
    conv, features, probabilities = classify(images, value_range=value_range)
    reference = _reference()
    mu, sigma = gaussian_fit(features)
    histogram = class_histogram(probabilities)
    precision, recall = precision_recall(reference["conv"], conv, real_radii=reference["radii"])
    return {
        "n": int(features.shape[0]),
        "fd": frechet_distance(reference["mu"], reference["sigma"], mu, sigma, root1=reference["root"]),
        "classifier_score": classifier_score(probabilities),
        "classes_covered": classes_covered(histogram),
        "kl_class": class_kl(histogram),
        "precision": precision,
        "recall": recall,
        "class_histogram": histogram,
    }


@lru_cache(maxsize=None)
def _reference_scores(n: int) -> dict:
    fresh = split_digits().fresh.images
    generator = torch.Generator().manual_seed(REFERENCE_SEED)
    real = fresh[torch.randperm(len(fresh), generator=generator)[:n]]
    noise = torch.rand(n, 1, 28, 28, generator=generator)
    return {"n": n,
            "floor": score_samples(to_classifier_input(real), value_range=(0.0, 1.0)),
            "ceiling": score_samples(noise, value_range=(0.0, 1.0))}


def reference_scores(n: int) -> dict:
    """What the metrics read at sample size ``n`` for the best and the worst generator.

    "floor": ``n`` fresh real digits (unseen by the classifier, not in the reference), the best
    achievable at this N; "ceiling": ``n`` images of uniform noise, a generator that learnt
    nothing (a landmark, not a bound: a collapsed generator can be worse). Each is a dict with
    the keys of :func:`score_samples`. Deterministic (fixed seed) and cached per ``n``;
    10 ≤ n ≤ 1000. Used by lesson 05 and ``python -m ganlib score``.
    """
    if not isinstance(n, int) or not MIN_SAMPLES <= n <= MAX_SAMPLES:
        raise ValueError(tr(
            en=f"n must be an integer from {MIN_SAMPLES} to {MAX_SAMPLES} (the fresh real digits "
               f"available for the floor), got {n!r}",
            vi=f"n phải là số nguyên từ {MIN_SAMPLES} đến {MAX_SAMPLES} (số chữ số thật còn dành "
               f"cho mức sàn), nhận được {n!r}"))
    return deepcopy(_reference_scores(n))


def score_report(images: torch.Tensor, *, value_range: tuple[float, float] = GAN_RANGE) -> dict:
    """:func:`score_samples` with the floor and ceiling at the same N beside the values.

    N must be at most 1000 (see :func:`reference_scores`). Used by ``python -m ganlib score``.
    """
    check_images(images)
    n = images.shape[0]
    if n > MAX_SAMPLES:
        raise ValueError(tr(
            en=f"got {n} images, but the floor and ceiling exist only up to N = {MAX_SAMPLES} (the fresh "
               f"real digits); score at most {MAX_SAMPLES} samples, e.g. images[:{MAX_SAMPLES}]",
            vi=f"nhận {n} ảnh, nhưng mức sàn và mức trần chỉ có đến N = {MAX_SAMPLES} (số chữ số thật "
               f"còn dành riêng); hãy chấm tối đa {MAX_SAMPLES} mẫu, ví dụ images[:{MAX_SAMPLES}]"))
    references = reference_scores(n)
    scores = score_samples(images, value_range=value_range)
    return {**scores, "floor": references["floor"], "ceiling": references["ceiling"]}
