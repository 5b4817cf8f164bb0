"""KL, cross-entropy, JS and W1 between one-dimensional densities, in nats unless ``base=2`` (lesson 03).

Every integral goes through :mod:`ganlib.theory.quadrature`.
"""

import math

import numpy as np

from .quadrature import _edges, _integrate, check_distribution, expectation, softplus

LOG2 = math.log(2.0)

def _check_base(base: float) -> float:
    if not (isinstance(base, (int, float)) and math.isfinite(base) and base > 0 and base != 1):
        raise ValueError(f"base must be a positive number other than 1 (e.g. 2 for bits), got {base!r}")
    return math.log(base)


def _check_pair(p: object, q: object, base: float) -> float:
    """Check both distributions and the base; return log(base)."""
    check_distribution(p, name="p")
    check_distribution(q, name="q")
    return _check_base(base)


def _inside_support(p: object, q: object) -> bool:
    """Whether p's support lies inside q's (otherwise KL and cross-entropy are infinite)."""
    (p_low, p_high), (q_low, q_high) = p.support(), q.support()
    return q_low <= p_low and p_high <= q_high


def kl_divergence(p: object, q: object, *, base: float = math.e) -> float:
    """Kullback–Leibler divergence KL(p‖q) = E_p[log p(X) − log q(X)] ≥ 0, in nats (``base=2``: bits).

    Infinite when p puts mass where q has none. Not symmetric. Used by lesson 03.
    """
    log_base = _check_pair(p, q, base)
    if not _inside_support(p, q):
        return math.inf
    return expectation(p, lambda x: p.logpdf(x) - q.logpdf(x), also_cover=(q,)) / log_base


def cross_entropy(p: object, q: object, *, base: float = math.e) -> float:
    """Cross-entropy H(p, q) = −E_p[log q(X)] = H(p) + KL(p‖q), in nats (``base=2``: bits). Used by lesson 03."""
    log_base = _check_pair(p, q, base)
    if not _inside_support(p, q):
        return math.inf
    return -expectation(p, q.logpdf, also_cover=(q,)) / log_base


def js_divergence(p: object, q: object, *, base: float = math.e) -> float:
    """Jensen–Shannon divergence JSD(p‖q) = ½ KL(p‖m) + ½ KL(q‖m), m = (p + q)/2, in nats (``base=2``: bits).

    Symmetric, between 0 and log 2. Computed as log 2 − ½ E_p[softplus(log q − log p)]
    − ½ E_q[softplus(log p − log q)], which follows from log(p/m) = log 2 − softplus(log q − log p):
    the subtracted terms are tiny and positive for far-apart distributions, so the result is log 2
    to machine precision there instead of 0·log 0 = nan. Used by lessons 02 and 03.
    """
    check_distribution(p, name="p")
    check_distribution(q, name="q")
    log_base = _check_base(base)
    p_overlap = expectation(p, lambda x: softplus(q.logpdf(x) - p.logpdf(x)), also_cover=(q,))
    q_overlap = expectation(q, lambda x: softplus(p.logpdf(x) - q.logpdf(x)), also_cover=(p,))
    return max(LOG2 - 0.5 * (p_overlap + q_overlap), 0.0) / log_base


def js_divergence_shift_slope(p: object, q: object, *, step: float = 1e-5) -> float:
    """d/dt JSD(p ‖ q shifted right by t) at t = 0, in nats per unit of x.

    With s = d log q / dx (by central differences, ``step`` in units of q's standard deviation)
    the derivative is ½ E_q[s(X) · softplus(log p(X) − log q(X))]. It is computed to a relative
    accuracy, so it stays right when it is 10⁻⁴⁰, where a finite difference of two JSD values
    would return rounding noise. For a generator that shifts its distribution this is the
    gradient the minimax loss gives it (up to a factor 2). Used by lesson 03.
    """
    check_distribution(p, name="p")
    check_distribution(q, name="q")
    h = step * float(q.std())

    def weighted_score(x: np.ndarray) -> np.ndarray:
        score = (q.logpdf(x + h) - q.logpdf(x - h)) / (2.0 * h)
        return score * softplus(p.logpdf(x) - q.logpdf(x))

    return 0.5 * expectation(q, weighted_score, also_cover=(p,), atol=0.0, rtol=1e-8)


def wasserstein_1(p: object, q: object) -> float:
    """Wasserstein-1 (earth mover's) distance ∫ |F_p(x) − F_q(x)| dx, in units of x. Used by lesson 03."""
    check_distribution(p, name="p")
    check_distribution(q, name="q")

    def cdf_gap(x: np.ndarray) -> np.ndarray:
        # Where both CDFs are close to 1 their difference is taken from the survival functions.
        left = p.cdf(x) + q.cdf(x) < 1.0
        return np.where(left, np.abs(p.cdf(x) - q.cdf(x)), np.abs(p.sf(x) - q.sf(x)))

    edges = np.unique(np.concatenate([_edges(p, q), _edges(q, p)]))
    return _integrate(cdf_gap, edges)
