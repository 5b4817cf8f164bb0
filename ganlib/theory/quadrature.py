"""Expectations over one-dimensional densities by adaptive quadrature in log space (lessons 01–03).

A distribution is a frozen one-dimensional continuous ``scipy.stats`` distribution such as
``scipy.stats.norm(loc=0, scale=1)``. Integrals are computed from ``logpdf`` (never ``pdf``) by
adaptive Gauss–Legendre quadrature over pieces whose ends are quantiles of every distribution
involved, so that both densities' mass is covered even when they are 30 standard deviations apart.
"""

from collections.abc import Callable

import numpy as np
from scipy import stats

# Quantiles that cut each distribution's support into pieces; the tails beyond the extreme
# ones are integrated as pieces of their own, so no mass is dropped.
_EDGE_PROBABILITIES = (1e-12, 1e-6, 1e-3, 0.1, 0.5)
_MAX_ROUNDS = 60
_GAUSS_LEGENDRE = {order: np.polynomial.legendre.leggauss(order) for order in (10, 20)}

RealFunction = Callable[[np.ndarray], np.ndarray]


def check_distribution(dist: object, *, name: str = "distribution") -> None:
    """Raise TypeError or ValueError unless ``dist`` is a frozen 1-D continuous scipy.stats distribution
    with finite, valid parameters. Used by every function of this module (lessons 01–03)."""
    expected = "a frozen continuous scipy.stats distribution such as scipy.stats.norm(loc=0, scale=1)"
    if isinstance(dist, stats.rv_continuous):
        raise TypeError(f"{name} is the distribution family {dist.name!r}, not one distribution: "
                        f"give it parameters to freeze it, e.g. scipy.stats.{dist.name}(...); expected {expected}")
    family = getattr(dist, "dist", None)
    if isinstance(family, stats.rv_discrete):
        raise TypeError(f"{name} is the discrete distribution {family.name!r}; "
                        f"densities, D* and divergences here need {expected}")
    if not isinstance(family, stats.rv_continuous) or not hasattr(dist, "logpdf"):
        raise TypeError(f"{name} must be {expected}, got {type(dist).__name__}")
    parameters = list(dist.args) + list(dist.kwds.values())
    for value in parameters:
        array = np.asarray(value, dtype=float)
        if array.ndim != 0:
            raise ValueError(f"{name} must be one distribution, but a parameter is an array {array.tolist()}; "
                             "give scalar parameters")
        if not np.isfinite(array):
            raise ValueError(f"{name} has a non-finite parameter ({value}); parameters must be finite numbers")
    low, high = dist.support()
    if np.isnan(low) or np.isnan(high):
        raise ValueError(f"{name} has invalid parameters {tuple(parameters)} for {family.name!r} "
                         "(is a scale or shape zero or negative?)")


def _edges(main: object, *others: object) -> np.ndarray:
    """Cut points of the support of ``main``: its ends and quantiles of ``main`` and ``others`` inside it."""
    low, high = (float(end) for end in main.support())
    points = [low, high]
    probabilities = np.array(_EDGE_PROBABILITIES)
    for dist in (main, *others):
        points += list(dist.ppf(probabilities)) + list(dist.isf(probabilities))
    points = np.unique(np.clip(np.array(points, dtype=float), low, high))
    return points[~np.isnan(points)]


def _rule(function: RealFunction, lows: np.ndarray, highs: np.ndarray, tails: np.ndarray,
          anchors: np.ndarray, order: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Legendre estimates of ∫ function and ∫ |function| on each interval [lows, highs] of t.

    tails: 0 for a finite interval (x = t); +1 for the right tail x = anchor + t/(1 − t);
    −1 for the left tail x = anchor − t/(1 − t), with t in [0, 1).
    """
    nodes, weights = _GAUSS_LEGENDRE[order]
    half = (highs - lows)[:, None] / 2
    t = (highs + lows)[:, None] / 2 + half * nodes
    x, jacobian = t.copy(), np.ones_like(t)
    tail = tails != 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        x[tail] = anchors[tail, None] + tails[tail, None] * t[tail] / (1 - t[tail])
        jacobian[tail] = 1 / (1 - t[tail]) ** 2
        values = np.asarray(function(x.ravel()), dtype=float).reshape(x.shape) * jacobian * half
    return values @ weights, np.abs(values) @ weights


def _integrate(function: RealFunction, edges: np.ndarray, *, atol: float = 1e-15, rtol: float = 1e-12) -> float:
    """∫ function(x) dx from edges[0] to edges[-1] (which may be infinite), cut at every edge.

    Why not ``scipy.integrate.quad``: it calls the integrand one point at a time, which made the
    lessons' sweeps 10–50 times slower; this routine calls it once per round on all nodes.

    Adaptive and vectorised: each round evaluates ``function`` once on the nodes of every
    unfinished interval, compares 10- and 20-point Gauss–Legendre rules and halves the intervals
    that are not yet accurate. Stops when the estimated error is below max(atol, rtol · ∫|function|).
    """
    lows, highs, tails, anchors = [], [], [], []
    for a, b in zip(edges[:-1], edges[1:]):
        if np.isinf(a) and np.isinf(b):
            raise ValueError("cannot cut (-inf, inf) without a finite edge")
        tail = -1 if np.isinf(a) else (1 if np.isinf(b) else 0)
        lows.append(0.0 if tail else a)
        highs.append(1.0 if tail else b)
        tails.append(tail)
        anchors.append(b if tail == -1 else a)
    lows, highs, tails, anchors = (np.array(v, dtype=float) for v in (lows, highs, tails, anchors))
    done_value = done_abs = done_error = 0.0
    for _ in range(_MAX_ROUNDS):
        value, absolute = _rule(function, lows, highs, tails, anchors, 20)
        with np.errstate(invalid="ignore"):
            error = np.abs(value - _rule(function, lows, highs, tails, anchors, 10)[0])
        if not np.all(np.isfinite(error)):
            raise ArithmeticError("the integrand is not finite on the integration range; "
                                  "is the expectation infinite or undefined for these distributions?")
        tolerance = max(atol, rtol * (done_abs + absolute.sum()))
        if done_error + error.sum() <= tolerance:
            return float(done_value + value.sum())
        # Intervals that are already far more accurate than needed are set aside; the rest are halved.
        retire = error <= 1e-3 * tolerance / len(error)
        done_value += value[retire].sum()
        done_abs += absolute[retire].sum()
        done_error += error[retire].sum()
        keep = ~retire
        middles = (lows[keep] + highs[keep]) / 2
        lows = np.concatenate([lows[keep], middles])
        highs = np.concatenate([middles, highs[keep]])
        tails, anchors = np.tile(tails[keep], 2), np.tile(anchors[keep], 2)
    raise ArithmeticError("the integral did not converge; is the expectation infinite for these distributions?")


def _weighted(log_density: RealFunction, function: RealFunction) -> RealFunction:
    """x ↦ exp(log_density(x)) · function(x), and 0 where the density is 0 (even if function is ±inf there)."""
    def integrand(x: np.ndarray) -> np.ndarray:
        weight = np.exp(log_density(x))
        with np.errstate(invalid="ignore", over="ignore"):
            values = weight * function(x)
        return np.where(weight > 0.0, values, 0.0)
    return integrand


def expectation(p: object, function: RealFunction, *, also_cover: tuple = (),
                atol: float = 1e-15, rtol: float = 1e-12) -> float:
    """E_{X∼p}[function(X)] by adaptive quadrature over p's support.

    ``function`` maps a NumPy array of x values to an array of the same shape. ``also_cover``
    lists other distributions whose quantiles should also be cut points (``function`` may vary
    fast near their mass). The error is below max(atol, rtol · E_p|function|). Used by lessons 01–03.
    """
    check_distribution(p, name="p")
    for other in also_cover:
        check_distribution(other, name="also_cover")
    return _integrate(_weighted(p.logpdf, function), _edges(p, *also_cover), atol=atol, rtol=rtol)


def softplus(t: np.ndarray) -> np.ndarray:
    """log(1 + e^t) without overflow; softplus(−inf) = 0."""
    return np.logaddexp(0.0, t)

