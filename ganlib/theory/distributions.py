"""Distributions the theory lessons fit and compare: a two-Gaussian mixture and the best Gaussian
fit to it under either direction of KL (lesson 03)."""

import math

import numpy as np
from scipy import optimize, special, stats

from .divergences import kl_divergence
from .quadrature import check_distribution


class _TwoGaussianMixture(stats.rv_continuous):
    """weight·N(mean1, std1²) + (1 − weight)·N(mean2, std2²), a scipy.stats continuous distribution.

    Written with scipy.special's normal functions (ndtr, ndtri) rather than scipy.stats.norm,
    which would be much slower inside the quantile bisection.
    """

    def _argcheck(self, weight, mean1, std1, mean2, std2):
        return (0 < weight) & (weight < 1) & (std1 > 0) & (std2 > 0) & np.isfinite(mean1) & np.isfinite(mean2)

    def _logpdf(self, x, weight, mean1, std1, mean2, std2):
        def log_normal(mean, std):
            return -0.5 * ((x - mean) / std) ** 2 - np.log(std) - 0.5 * np.log(2 * np.pi)
        return np.logaddexp(np.log(weight) + log_normal(mean1, std1), np.log1p(-weight) + log_normal(mean2, std2))

    def _pdf(self, x, weight, mean1, std1, mean2, std2):
        return np.exp(self._logpdf(x, weight, mean1, std1, mean2, std2))

    def _cdf(self, x, weight, mean1, std1, mean2, std2):
        return weight * special.ndtr((x - mean1) / std1) + (1 - weight) * special.ndtr((x - mean2) / std2)

    def _sf(self, x, weight, mean1, std1, mean2, std2):
        return weight * special.ndtr((mean1 - x) / std1) + (1 - weight) * special.ndtr((mean2 - x) / std2)

    def _ppf(self, u, weight, mean1, std1, mean2, std2):
        guesses = mean1 + std1 * special.ndtri(u), mean2 + std2 * special.ndtri(u)
        return self._bisect(lambda x: self._cdf(x, weight, mean1, std1, mean2, std2) - u, *guesses)

    def _isf(self, u, weight, mean1, std1, mean2, std2):
        guesses = mean1 - std1 * special.ndtri(u), mean2 - std2 * special.ndtri(u)
        return self._bisect(lambda x: u - self._sf(x, weight, mean1, std1, mean2, std2), *guesses)

    def _rvs(self, weight, mean1, std1, mean2, std2, size=None, random_state=None):
        first = random_state.random(size) < weight
        return np.where(first, mean1 + std1 * random_state.standard_normal(size),
                        mean2 + std2 * random_state.standard_normal(size))

    @staticmethod
    def _bisect(increasing, guess1, guess2):
        """Root of an increasing function that lies between the two components' quantiles."""
        low, high = np.minimum(guess1, guess2), np.maximum(guess1, guess2)
        for _ in range(80):
            middle = (low + high) / 2
            below = increasing(middle) < 0
            low, high = np.where(below, middle, low), np.where(below, high, middle)
        return (low + high) / 2


_two_gaussian_mixture = _TwoGaussianMixture(name="two_gaussian_mixture", shapes="weight, mean1, std1, mean2, std2")


def two_gaussian_mixture(*, weight: float = 0.5, mean1: float = -3.0, std1: float = 1.0,
                         mean2: float = 3.0, std2: float = 1.0) -> object:
    """The two-mode density weight·N(mean1, std1²) + (1 − weight)·N(mean2, std2²) as a frozen
    scipy.stats distribution (pdf, logpdf, cdf, ppf, rvs all work). Used by lessons 02 and 03."""
    dist = _two_gaussian_mixture(weight, mean1, std1, mean2, std2)
    check_distribution(dist, name="two_gaussian_mixture")
    return dist


def fit_gaussian(p: object, *, direction: str, start: tuple[float, float] = (0.0, 1.0)) -> object:
    """The normal distribution q = N(m, s²) that minimises KL(p‖q) (``direction="forward"``) or
    KL(q‖p) (``direction="reverse"``), found by Nelder–Mead from ``start`` = (m, s).

    Forward KL covers every mode of p (it matches p's mean and variance); reverse KL settles on
    the mode nearest ``start``. Returns a frozen ``scipy.stats.norm``. Used by lesson 03.
    """
    check_distribution(p, name="p")
    if direction not in ("forward", "reverse"):
        raise ValueError(f"direction must be 'forward' (KL(p‖q)) or 'reverse' (KL(q‖p)), got {direction!r}")
    mean, std = (float(value) for value in start)
    if not (math.isfinite(mean) and math.isfinite(std) and std > 0):
        raise ValueError(f"start must be (mean, std) with a finite mean and std > 0, got {start!r}")

    def divergence(params: np.ndarray) -> float:
        q = stats.norm(loc=params[0], scale=math.exp(params[1]))
        return kl_divergence(p, q) if direction == "forward" else kl_divergence(q, p)

    result = optimize.minimize(divergence, x0=[mean, math.log(std)], method="Nelder-Mead",
                               options={"xatol": 1e-7, "fatol": 1e-12, "maxiter": 2000})
    return stats.norm(loc=float(result.x[0]), scale=math.exp(float(result.x[1])))
