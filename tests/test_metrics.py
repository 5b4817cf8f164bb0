"""Tests of ganlib.metrics and ``python -m ganlib score``: closed forms, real digits at the floor,
noise at the ceiling, mode collapse flagged, range declarations checked, the CLI's JSON and errors."""

import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest
import torch
from scipy.linalg import sqrtm
from scipy.spatial.distance import cdist
from scipy.stats import special_ortho_group

import ganlib.metrics.images
from ganlib.cli import main
from ganlib.data import to_gan_range
from ganlib.i18n import get_language, set_language
from ganlib.metrics.classifier import shipped_classifier, split_digits, to_classifier_input
from ganlib.metrics.frechet import frechet_distance, gaussian_fit
from ganlib.metrics.images import (
    check_range, class_histogram, class_kl, classes_covered, classifier_score, classify, pairwise_distances,
    precision_recall, reference_scores, score_samples)

KEYS = ("fd", "classifier_score", "kl_class", "precision", "recall")
N = 500
ENGLISH = {**os.environ, "GANLIB_LANG": "en"}


@pytest.fixture(autouse=True)
def english():
    # Error messages are matched in English; restore whatever language was set before.
    previous = get_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture(scope="module")
def split():
    return split_digits()


@pytest.fixture(scope="module")
def references():
    return reference_scores(N)


def real_digits(digits, n: int, *, seed: int) -> torch.Tensor:
    """n digits drawn without replacement, in the generator's range [−1, 1]."""
    order = torch.randperm(len(digits.labels), generator=torch.Generator().manual_seed(seed))
    return to_gan_range(digits.images[order[:n]])


def uniform_noise(n: int, *, seed: int) -> torch.Tensor:
    return torch.rand(n, 1, 28, 28, generator=torch.Generator().manual_seed(seed)) * 2 - 1


def position(scores: dict, references: dict, key: str) -> float:
    """Where a value lies from floor (0) to ceiling (1)."""
    floor, ceiling = references["floor"][key], references["ceiling"][key]
    return (scores[key] - floor) / (ceiling - floor)


# Fréchet distance


def test_frechet_distance_of_commuting_gaussians_has_closed_form():
    # Covariances sharing eigenvectors: (Σ1 Σ2)^½ has eigenvalues √(a b), so FD = ‖Δμ‖² + Σ (√a − √b)².
    rng = np.random.default_rng(0)
    rotation = special_ortho_group.rvs(6, random_state=1)
    a, b = rng.uniform(0.1, 4.0, 6), rng.uniform(0.1, 4.0, 6)
    mu1, mu2 = rng.normal(size=6), rng.normal(size=6)
    expected = np.sum((mu1 - mu2) ** 2) + np.sum((np.sqrt(a) - np.sqrt(b)) ** 2)
    fd = frechet_distance(mu1, rotation @ np.diag(a) @ rotation.T, mu2, rotation @ np.diag(b) @ rotation.T)
    assert fd == pytest.approx(expected, rel=1e-9)


def test_frechet_distance_agrees_with_scipy_sqrtm():
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(8, 8)), rng.normal(size=(8, 8))
    sigma1, sigma2 = x @ x.T + 0.1 * np.eye(8), y @ y.T + 0.1 * np.eye(8)
    mu1, mu2 = rng.normal(size=8), rng.normal(size=8)
    expected = np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * sqrtm(sigma1 @ sigma2).real)
    assert frechet_distance(mu1, sigma1, mu2, sigma2) == pytest.approx(expected, rel=1e-8)


def test_frechet_distance_is_symmetric_and_accepts_a_precomputed_root():
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=(6, 6)), rng.normal(size=(6, 6))
    sigma1, sigma2, mu1, mu2 = x @ x.T, y @ y.T, rng.normal(size=6), rng.normal(size=6)
    fd = frechet_distance(mu1, sigma1, mu2, sigma2)
    assert frechet_distance(mu2, sigma2, mu1, sigma1) == pytest.approx(fd, rel=1e-9)
    assert frechet_distance(mu1, sigma1, mu2, sigma2, root1=sqrtm(sigma1).real) == pytest.approx(fd, rel=1e-9)


def test_frechet_distance_with_singular_covariances():
    # Rank-deficient, as when there are fewer samples than features: still the closed form.
    a, b = np.array([0.0, 1.0, 4.0]), np.array([9.0, 0.0, 1.0])
    fd = frechet_distance(np.zeros(3), np.diag(a), np.ones(3), np.diag(b))
    assert fd == pytest.approx(3 + np.sum((np.sqrt(a) - np.sqrt(b)) ** 2), rel=1e-9)


def test_frechet_distance_on_gaussian_features_matches_the_closed_form():
    rng = np.random.default_rng(3)
    mu1, mu2 = np.zeros(4), np.array([1.0, -2.0, 0.5, 0.0])
    std1, std2 = np.array([1.0, 2.0, 0.5, 1.5]), np.array([2.0, 1.0, 0.5, 3.0])
    x = mu1 + std1 * rng.normal(size=(200_000, 4))
    y = mu2 + std2 * rng.normal(size=(200_000, 4))
    expected = np.sum((mu1 - mu2) ** 2) + np.sum((std1 - std2) ** 2)
    assert frechet_distance(*gaussian_fit(x), *gaussian_fit(y)) == pytest.approx(expected, rel=0.02)


def nuclear_norm_fd(a: np.ndarray, b: np.ndarray) -> float:
    """FD of the Gaussians fitted to the rows of ``a`` (n×D) and ``b`` (m×D) by a route that takes no
    matrix square root and no eigendecomposition of a covariance: one SVD of an m×n matrix.

    Centre the features: A = a − mean(a), B = b − mean(b), so that Σ1 = AᵀA/(n−1) and Σ2 = BᵀB/(m−1)
    (the unbiased covariances of ``gaussian_fit``) and tr Σ1 = ‖A‖²_F/(n−1), tr Σ2 = ‖B‖²_F/(m−1).
    tr (Σ1 Σ2)^½ is Σ √λ over the eigenvalues λ of Σ1 Σ2 = Aᵀ (A BᵀB) / ((n−1)(m−1)). XY and YX have
    the same non-zero eigenvalues; with X = Aᵀ and Y = A BᵀB, YX = A BᵀB Aᵀ = (B Aᵀ)ᵀ (B Aᵀ), whose
    eigenvalues are the squares s² of the singular values s of B Aᵀ. Hence
        tr (Σ1 Σ2)^½ = Σ s / √((n−1)(m−1)) = ‖B Aᵀ‖_* / √((n−1)(m−1)),   (‖B Aᵀ‖_*/(n−1) when m = n)
    with ‖·‖_* the nuclear norm, and FD = ‖mean(a) − mean(b)‖² + tr Σ1 + tr Σ2 − 2 tr (Σ1 Σ2)^½.
    Zero singular values stay near 0 here instead of turning into √(rounding) as eigenvalues would.
    """
    n, m = len(a), len(b)
    centred_a, centred_b = a - a.mean(axis=0), b - b.mean(axis=0)
    trace_root = np.linalg.svd(centred_b @ centred_a.T, compute_uv=False).sum() / math.sqrt((n - 1) * (m - 1))
    return float(np.sum((a.mean(axis=0) - b.mean(axis=0)) ** 2) + np.sum(centred_a**2) / (n - 1)
                 + np.sum(centred_b**2) / (m - 1) - 2.0 * trace_root)


def relu_features(n: int, *, seed: int, shift: float = 0.0) -> np.ndarray:
    """n×64 ReLU features of one fixed random layer over 8 inputs, in which 20 scattered units never
    fire: rank-deficient covariances, like the shipped classifier's (40 dead of 128)."""
    weights = np.random.default_rng(0).normal(size=(8, 64))
    bias = np.where(np.random.default_rng(1).permutation(64) < 20, -100.0, 0.5)
    return np.maximum((np.random.default_rng(seed).normal(size=(n, 8)) + shift) @ weights + bias, 0.0)


@pytest.mark.parametrize("case", ["dead units", "fewer samples than features", "a low-dimensional subspace"])
def test_frechet_distance_agrees_with_the_nuclear_norm_route_on_rank_deficient_features(case):
    rng = np.random.default_rng(6)
    a, b = {
        "dead units": lambda: (relu_features(300, seed=2), relu_features(250, seed=3, shift=0.3)),
        "fewer samples than features": lambda: (rng.normal(size=(30, 64)), 2 * rng.normal(size=(20, 64)) + 1),
        "a low-dimensional subspace": lambda: (rng.normal(size=(100, 5)) @ rng.normal(size=(5, 32)),
                                              rng.normal(size=(80, 7)) @ rng.normal(size=(7, 32))),
    }[case]()
    # Square roots of rounding noise (√1e-14 per lost dimension) would put the FD off by about 1e-8 of itself.
    assert frechet_distance(*gaussian_fit(a), *gaussian_fit(b)) == pytest.approx(nuclear_norm_fd(a, b), rel=1e-12)


def test_fd_of_real_digits_agrees_with_the_nuclear_norm_route(split):
    # The shipped classifier's penultimate features: 40 of the 128 units are dead on these digits.
    reference, fresh = (classify(to_classifier_input(getattr(split, part).images), value_range=(0.0, 1.0))[1]
                        for part in ("reference", "fresh"))
    assert int((reference.std(axis=0) > 0).sum()) == 88
    fd = frechet_distance(*gaussian_fit(reference), *gaussian_fit(fresh))
    assert fd == pytest.approx(nuclear_norm_fd(reference, fresh), rel=1e-9)


NOT_A_COVARIANCE = np.array([[1.0, 2.0], [2.0, 1.0]])  # eigenvalues 3 and −1


@pytest.mark.parametrize("arguments, message", [
    ((np.zeros((2, 2)), np.eye(2), np.zeros(2), np.eye(2)), r"mu1 must be a vector of D ≥ 1 means"),
    ((np.zeros(3), np.eye(2), np.zeros(2), np.eye(2)), r"sigma1 a D×D covariance matrix, got shapes \(3,\) and"),
    ((np.zeros(0), np.eye(0), np.zeros(0), np.eye(0)), r"D ≥ 1"),
    ((np.zeros(2), np.eye(2), np.zeros(3), np.eye(3)), "same dimension, got 2 and 3"),
    ((np.zeros(2), np.eye(2), np.zeros(2), np.diag([1.0, np.nan])), "mu2 and sigma2 must hold finite numbers"),
    ((np.array([0.0, np.inf]), np.eye(2), np.zeros(2), np.eye(2)), "mu1 and sigma1 must hold finite numbers"),
    ((np.zeros(2), np.array([[1.0, 0.5], [0.0, 1.0]]), np.zeros(2), np.eye(2)), "sigma1 must be symmetric"),
    ((np.zeros(2), NOT_A_COVARIANCE, np.zeros(2), np.eye(2)), "sigma1 has the eigenvalue -1, clearly below 0"),
    ((np.zeros(2), np.eye(2), np.zeros(2), NOT_A_COVARIANCE), "sigma2 has the eigenvalue -1, clearly below 0"),
])
def test_frechet_distance_refuses_what_is_not_a_gaussian(arguments, message):
    with pytest.raises(ValueError, match=message):
        frechet_distance(*arguments)


def test_frechet_distance_refuses_a_root_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"root1 must be sigma1's square root, of shape \(2, 2\)"):
        frechet_distance(np.zeros(2), np.eye(2), np.zeros(2), np.eye(2), root1=np.eye(3))


def test_rounding_sized_negative_eigenvalues_count_as_zero():
    # −1e-13 is rounding for a matrix of norm 1: no error, and it adds nothing to the trace of the root.
    sigma = np.diag([1.0, -1e-13])
    assert frechet_distance(np.zeros(2), sigma, np.ones(2), np.diag([1.0, 4.0])) == pytest.approx(2 + 4, abs=1e-12)


# Class statistics


def test_classifier_score_extremes():
    one_hot = np.eye(10)[np.arange(50) % 10]
    assert classifier_score(one_hot) == pytest.approx(10.0)
    assert classifier_score(np.tile(np.eye(10)[3], (50, 1))) == pytest.approx(1.0)
    assert classifier_score(np.full((50, 10), 0.1)) == pytest.approx(1.0)
    # Two equally used classes, each predicted with certainty: exp(log 2) = 2.
    assert classifier_score(np.eye(10)[np.arange(50) % 2]) == pytest.approx(2.0)


def test_class_histogram_counts_argmax():
    probabilities = np.eye(10)[[0, 0, 3, 9]] * 0.9 + 0.01
    assert class_histogram(probabilities) == [2, 0, 0, 1, 0, 0, 0, 0, 0, 1]


def test_class_kl_closed_forms():
    assert class_kl([100] * 10) == pytest.approx(0.0)
    assert class_kl([0, 0, 0, 50, 0, 0, 0, 0, 0, 0]) == pytest.approx(math.log(10))
    assert class_kl([25, 25] + [0] * 8) == pytest.approx(math.log(5))


def test_classes_covered_uses_a_two_percent_share():
    assert classes_covered([2] + [98 // 9] * 9) == 10
    assert classes_covered([1] + [11] * 9) == 9  # 1 of 100 is 1 %, below 2 %
    assert classes_covered([100] + [0] * 9) == 1


# k-NN precision and recall


def test_pairwise_distances_agree_with_scipy():
    rng = np.random.default_rng(4)
    a, b = rng.normal(size=(30, 7)), rng.normal(size=(20, 7))
    np.testing.assert_allclose(pairwise_distances(a, b), cdist(a, b), atol=1e-9)


def test_precision_recall_by_hand():
    # Real points 0..4 on a line, k = 1: every real ball has radius 1. Fake 0.5 is inside, 10 is not.
    # The two fake points are each other's nearest neighbour (9.5 apart), so their balls cover 0..4.
    real, fake = np.arange(5.0)[:, None], np.array([[0.5], [10.0]])
    assert precision_recall(real, fake, k=1) == (0.5, 1.0)
    assert precision_recall(real, real + 100.0, k=1) == (0.0, 0.0)


# Range declarations


def test_wrong_range_declaration_is_refused(split):
    images = real_digits(split.fresh, 50, seed=0)
    with pytest.raises(ValueError, match=r"outside the declared range \[0, 1\]"):
        score_samples(images, value_range=(0.0, 1.0))
    with pytest.raises(ValueError, match="outside the declared range"):
        check_range(images * 1.01, (-1.0, 1.0))
    check_range(images, (-1.0, 1.0))
    check_range((images + 1) / 2, (0.0, 1.0))


@pytest.mark.parametrize("bad, error", [
    (np.zeros((20, 1, 28, 28)), TypeError),
    (torch.zeros(20, 28, 28), ValueError),
    (torch.zeros(5, 1, 28, 28), ValueError),
    (torch.full((20, 1, 28, 28), float("nan")), ValueError),
    (torch.zeros(20, 1, 28, 28).index_fill_(0, torch.tensor([3]), float("inf")), ValueError),
    (torch.zeros(20, 1, 28, 28, dtype=torch.bool), TypeError),
])
def test_bad_images_are_refused(bad, error):
    with pytest.raises(error):
        score_samples(bad)


def test_bad_range_is_refused():
    with pytest.raises(ValueError, match="low < high"):
        score_samples(torch.zeros(20, 1, 28, 28), value_range=(1.0, 0.0))


def test_the_declared_range_only_rescales(split):
    images = real_digits(split.fresh, 100, seed=0)
    in_gan_range = score_samples(images)
    in_unit_range = score_samples((images + 1) / 2, value_range=(0.0, 1.0))
    for key in KEYS:
        assert in_unit_range[key] == pytest.approx(in_gan_range[key], rel=1e-5, abs=1e-6)


# Scores of real digits, noise and collapsed sets


def test_scores_are_plain_json(split):
    scores = score_samples(real_digits(split.fresh, 40, seed=0))
    assert json.loads(json.dumps(scores)) == scores
    assert scores["n"] == 40 and sum(scores["class_histogram"]) == 40 and len(scores["class_histogram"]) == 10


def test_reference_scores_are_deterministic_cached_and_ordered(references):
    # A second, independent computation: empty every cache the first one filled (the classifier, the
    # reference digits' fit and the scores per N), so that nothing is read back from the first.
    for cached in (shipped_classifier, ganlib.metrics.images._reference, ganlib.metrics.images._reference_scores):
        cached.cache_clear()
    again = reference_scores(N)
    assert ganlib.metrics.images._reference_scores.cache_info().misses == 1
    assert again == references
    again["floor"]["fd"] = -1.0  # the caller's copy: the cache keeps its own
    assert reference_scores(N)["floor"]["fd"] == references["floor"]["fd"]
    floor, ceiling = references["floor"], references["ceiling"]
    assert floor["fd"] < ceiling["fd"] and floor["kl_class"] < ceiling["kl_class"]
    for key in ("classifier_score", "classes_covered", "precision", "recall"):
        assert floor[key] > ceiling[key], key
    assert floor["n"] == ceiling["n"] == references["n"] == N


@pytest.mark.parametrize("n", [5, 1001, 500.0])
def test_reference_scores_refuse_an_n_without_a_floor(n):
    with pytest.raises(ValueError, match="n must be an integer"):
        reference_scores(n)


@pytest.mark.parametrize("part, seed", [("fresh", 1), ("train", 2)])
def test_real_digits_score_near_the_floor(split, references, part, seed):
    # Other real digits than the floor's: the classifier's training digits, or another draw of fresh ones.
    scores = score_samples(real_digits(getattr(split, part), N, seed=seed))
    assert scores["classes_covered"] == 10
    for key in KEYS:
        assert abs(position(scores, references, key)) < 0.1, key


def test_noise_scores_at_the_ceiling(references):
    scores = score_samples(uniform_noise(N, seed=1))
    assert scores["classes_covered"] <= 2
    for key in KEYS:
        assert abs(position(scores, references, key) - 1.0) < 0.1, key


def test_one_repeated_class_is_flagged_as_collapse(split):
    sevens = to_gan_range(split.fresh.images[split.fresh.labels == 7]).repeat(3, 1, 1, 1)
    scores = score_samples(sevens)
    assert scores["classes_covered"] == 1
    assert scores["class_histogram"].index(max(scores["class_histogram"])) == 7
    assert scores["kl_class"] > 0.9 * math.log(10)
    assert scores["recall"] < 0.3


def test_fd_falls_as_noise_is_replaced_by_real_digits(split):
    n = 250
    real, noise = real_digits(split.fresh, n, seed=3), uniform_noise(n, seed=3)
    step = n // 5
    fds = [score_samples(torch.cat([real[:step * j], noise[step * j:]]))["fd"] for j in range(6)]
    assert all(later < earlier for earlier, later in zip(fds, fds[1:])), fds


# The command line


def test_cli_prints_one_json_object(tmp_path, split):
    path = tmp_path / "samples.pt"
    torch.save(real_digits(split.fresh, 100, seed=4), path)
    done = subprocess.run([sys.executable, "-m", "ganlib", "score", str(path), "--range=-1,1"],
                          capture_output=True, text=True, check=False, env=ENGLISH)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    for key in ("n", "fd", "classifier_score", "classes_covered", "kl_class", "precision", "recall",
                "class_histogram", "floor", "ceiling"):
        assert key in report, key
    assert report["n"] == report["floor"]["n"] == report["ceiling"]["n"] == 100


def test_cli_fails_cleanly_on_a_wrong_range(tmp_path, split):
    path = tmp_path / "samples.pt"
    torch.save(real_digits(split.fresh, 20, seed=5), path)
    done = subprocess.run([sys.executable, "-m", "ganlib", "score", str(path), "--range", "0,1"],
                          capture_output=True, text=True, check=False, env=ENGLISH)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "outside the declared range" in done.stderr


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (torch.zeros(20, 1, 32, 32), "N×1×28×28"),
    ({"samples": torch.zeros(20, 1, 28, 28)}, "holds a dict"),
    (torch.zeros(1001, 1, 28, 28), "score at most 1000 samples"),
    (b"not a torch file", "not a tensor saved with torch.save"),
])
def test_cli_bad_input_is_one_line_and_exit_code_2(tmp_path, capsys, content, message):
    path = tmp_path / "samples.pt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        torch.save(content, path)
    assert main(["score", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and message in captured.err


def test_cli_refuses_a_malformed_range(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(tmp_path / "samples.pt"), "--range", "1,0"])
    assert exit_info.value.code == 2
    assert "expected LOW,HIGH" in capsys.readouterr().err


def test_cli_reports_unusable_weights_in_one_line(tmp_path, capsys, monkeypatch, split):
    def damaged():
        raise RuntimeError("classifier weights mnist_classifier.pt are damaged")

    monkeypatch.setattr(ganlib.metrics.images, "shipped_classifier", damaged)
    path = tmp_path / "samples.pt"
    torch.save(real_digits(split.fresh, 20, seed=6), path)
    assert main(["score", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and "damaged" in captured.err
