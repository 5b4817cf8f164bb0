"""The optimal discriminator D* and the value function V(G, D) of two 1-D densities (lessons 01–02)."""

from collections.abc import Callable

import numpy as np
from scipy import special

from .quadrature import check_distribution, expectation, softplus


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
            return -softplus(-logit(x))

        def log_fake(x: np.ndarray) -> np.ndarray:
            return -softplus(logit(x))
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
