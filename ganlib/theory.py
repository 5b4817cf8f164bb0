"""The mathematics of lessons 01–03 on one-dimensional densities: D*, V(G, D), KL, JS and W1.

Pure NumPy/SciPy. A distribution is a frozen one-dimensional continuous ``scipy.stats``
distribution such as ``scipy.stats.norm(loc=0, scale=1)``. Integrals are computed in log space
(from ``logpdf``, never ``pdf``) by adaptive Gauss–Legendre quadrature over pieces whose ends
are quantiles of every distribution involved, so that both densities' mass is covered even when
the distributions are 30 standard deviations apart. Divergences are in nats unless ``base=2``.
"""

import math
from collections.abc import Callable

import numpy as np
from scipy import optimize, special, stats

LOG2 = math.log(2.0)
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


def _check_base(base: float) -> float:
    if not (isinstance(base, (int, float)) and math.isfinite(base) and base > 0 and base != 1):
        raise ValueError(f"base must be a positive number other than 1 (e.g. 2 for bits), got {base!r}")
    return math.log(base)


def kl_divergence(p: object, q: object, *, base: float = math.e) -> float:
    """Kullback–Leibler divergence KL(p‖q) = E_p[log p(X) − log q(X)] ≥ 0, in nats (``base=2``: bits).

    Infinite when p puts mass where q has none. Not symmetric. Used by lesson 03.
    """
    check_distribution(p, name="p")
    check_distribution(q, name="q")
    log_base = _check_base(base)
    (p_low, p_high), (q_low, q_high) = p.support(), q.support()
    if p_low < q_low or p_high > q_high:
        return math.inf
    return expectation(p, lambda x: p.logpdf(x) - q.logpdf(x), also_cover=(q,)) / log_base


def cross_entropy(p: object, q: object, *, base: float = math.e) -> float:
    """Cross-entropy H(p, q) = −E_p[log q(X)] = H(p) + KL(p‖q), in nats (``base=2``: bits). Used by lesson 03."""
    check_distribution(p, name="p")
    check_distribution(q, name="q")
    log_base = _check_base(base)
    (p_low, p_high), (q_low, q_high) = p.support(), q.support()
    if p_low < q_low or p_high > q_high:
        return math.inf
    return -expectation(p, q.logpdf, also_cover=(q,)) / log_base


def _softplus(t: np.ndarray) -> np.ndarray:
    """log(1 + e^t) without overflow; softplus(−inf) = 0."""
    return np.logaddexp(0.0, t)


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
    p_overlap = expectation(p, lambda x: _softplus(q.logpdf(x) - p.logpdf(x)), also_cover=(q,))
    q_overlap = expectation(q, lambda x: _softplus(p.logpdf(x) - q.logpdf(x)), also_cover=(p,))
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
        return score * _softplus(p.logpdf(x) - q.logpdf(x))

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


class OptimalDiscriminator:
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)) as a callable on NumPy arrays (lesson 02).

    Computed as sigmoid(log p_data(x) − log p_g(x)) from ``logpdf``, so it is exact where both
    densities underflow to 0. Outside both supports any value is optimal; we return 1/2 there.
    """

    def __init__(self, p_data: object, p_g: object) -> None:
        check_distribution(p_data, name="p_data")
        check_distribution(p_g, name="p_g")
        self.p_data, self.p_g = p_data, p_g

    def logit(self, x: np.ndarray) -> np.ndarray:
        """log p_data(x) − log p_g(x): ±inf outside one support, 0 outside both."""
        log_data, log_g = self.p_data.logpdf(x), self.p_g.logpdf(x)
        with np.errstate(invalid="ignore"):
            difference = log_data - log_g
        return np.where(np.isneginf(log_data) & np.isneginf(log_g), 0.0, difference)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """D*(x) in [0, 1], same shape as ``x``."""
        return special.expit(self.logit(x))


def optimal_discriminator(p_data: object, p_g: object) -> OptimalDiscriminator:
    """The optimal discriminator D* for fixed p_data and p_g: a callable x ↦ D*(x) on NumPy arrays.

    It also has ``.logit(x)``, which :func:`gan_value` uses for log D and log(1 − D). Used by lesson 02.
    """
    return OptimalDiscriminator(p_data, p_g)


def gan_value(p_data: object, p_g: object, discriminator: Callable) -> float:
    """V(G, D) = E_{x∼p_data}[log D(x)] + E_{x∼p_g}[log(1 − D(x))] in nats, by quadrature.

    ``discriminator`` maps x (a float or an array) to probabilities in [0, 1]. If it has a
    ``logit`` method (like :func:`optimal_discriminator`), log D = −softplus(−logit) and
    log(1 − D) = −softplus(logit) are used, which stay exact where D rounds to 0 or 1; without
    one, a D that rounds to exactly 0 or 1 where a density has mass raises ArithmeticError.
    Used by lessons 01 and 02.
    """
    check_distribution(p_data, name="p_data")
    check_distribution(p_g, name="p_g")
    if not callable(discriminator):
        raise TypeError(f"discriminator must be a callable x ↦ D(x) in [0, 1], got {type(discriminator).__name__}")
    logit = getattr(discriminator, "logit", None)
    if callable(logit):
        def log_real(x: np.ndarray) -> np.ndarray:
            return -_softplus(-logit(x))

        def log_fake(x: np.ndarray) -> np.ndarray:
            return -_softplus(logit(x))
    else:
        def probability(x: np.ndarray) -> np.ndarray:
            values = np.asarray(discriminator(x), dtype=float)
            if values.shape != np.shape(x) or not np.all((values >= 0.0) & (values <= 1.0)):
                raise ValueError("the discriminator must map an array of x to an array of the same shape "
                                 "with probabilities in [0, 1]")
            return values

        def log_real(x: np.ndarray) -> np.ndarray:
            with np.errstate(divide="ignore"):
                return np.log(probability(x))

        def log_fake(x: np.ndarray) -> np.ndarray:
            with np.errstate(divide="ignore"):
                return np.log1p(-probability(x))

    try:
        return (expectation(p_data, log_real, also_cover=(p_g,))
                + expectation(p_g, log_fake, also_cover=(p_data,)))
    except ArithmeticError:
        if callable(logit):
            raise
        raise ArithmeticError(
            "log D or log(1 − D) is −inf where p_data or p_g has mass: D(x) is exactly 0 or 1 there, "
            "perhaps only by rounding; give the discriminator a `logit` method (the log-odds "
            "log D − log(1 − D)) so that the logs are computed without rounding") from None


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
