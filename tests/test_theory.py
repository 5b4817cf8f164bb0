"""ganlib.theory against closed forms and independent quadrature (scipy.integrate.quad), and bad input."""

import math

import numpy as np
import pytest
from scipy import integrate, special, stats

from ganlib import theory
from ganlib.theory import (cross_entropy, expectation, fit_gaussian, gan_value, js_divergence,
                           js_divergence_shift_slope, kl_divergence, optimal_discriminator,
                           two_gaussian_mixture, wasserstein_1)

LOG2 = math.log(2)
norm = stats.norm


def kl_normal(m1: float, s1: float, m2: float, s2: float) -> float:
    return math.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5


def naive_jsd(p, q, low: float, high: float) -> float:
    """JSD straight from its definition with pdf (0 where the density underflows), for overlapping p and q."""
    def half(a, b):
        def integrand(x):
            density = a.pdf(x)
            return density * math.log(2 * density / (density + b.pdf(x))) if density > 0 else 0.0
        return integrand
    return 0.5 * (integrate.quad(half(p, q), low, high, limit=200, epsabs=1e-13)[0]
                  + integrate.quad(half(q, p), low, high, limit=200, epsabs=1e-13)[0])


# KL -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("m1, s1, m2, s2", [(0, 1, 0, 1), (0, 1, 1, 1), (1, 2, -3, 0.5), (0, 0.1, 2, 3),
                                            (0, 1, 20, 1), (0, 1, 30, 1), (5, 1, -25, 2)])
def test_kl_of_normals_matches_closed_form(m1, s1, m2, s2):
    assert kl_divergence(norm(m1, s1), norm(m2, s2)) == pytest.approx(kl_normal(m1, s1, m2, s2), abs=1e-8)


@pytest.mark.parametrize("rate_p, rate_q", [(2.0, 5.0), (1.0, 0.1), (3.0, 3.0)])
def test_kl_of_exponentials_matches_closed_form(rate_p, rate_q):
    expected = math.log(rate_p / rate_q) + rate_q / rate_p - 1
    got = kl_divergence(stats.expon(scale=1 / rate_p), stats.expon(scale=1 / rate_q))
    assert got == pytest.approx(expected, abs=1e-8)


@pytest.mark.parametrize("m1, b1, m2, b2", [(0, 1, 0, 2), (0, 1, 3, 1), (-1, 0.5, 2, 1.5)])
def test_kl_of_laplace_matches_closed_form(m1, b1, m2, b2):
    gap = abs(m1 - m2)
    expected = math.log(b2 / b1) + gap / b2 + b1 / b2 * math.exp(-gap / b1) - 1
    assert kl_divergence(stats.laplace(m1, b1), stats.laplace(m2, b2)) == pytest.approx(expected, abs=1e-8)


def test_kl_of_nested_uniforms_and_disjoint_support():
    assert kl_divergence(stats.uniform(0, 1), stats.uniform(0, 4)) == pytest.approx(math.log(4), abs=1e-8)
    assert kl_divergence(stats.uniform(0, 4), stats.uniform(0, 1)) == math.inf
    assert kl_divergence(norm(0, 1), stats.uniform(-5, 10)) == math.inf


def test_kl_is_not_symmetric_and_is_nonnegative():
    p, q = norm(0, 1), norm(1, 2)
    assert kl_divergence(p, q) != pytest.approx(kl_divergence(q, p), abs=1e-3)
    assert kl_divergence(p, q) > 0 and kl_divergence(q, p) > 0
    assert kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


def test_base_two_gives_bits():
    p, q = norm(0, 1), norm(2, 1.5)
    assert kl_divergence(p, q, base=2) == pytest.approx(kl_divergence(p, q) / LOG2, abs=1e-12)
    assert js_divergence(norm(0, 1), norm(30, 1), base=2) == pytest.approx(1.0, abs=1e-9)


def test_cross_entropy_is_entropy_plus_kl():
    p, q = norm(1, 2), norm(-1, 0.7)
    assert cross_entropy(p, q) == pytest.approx(float(p.entropy()) + kl_normal(1, 2, -1, 0.7), abs=1e-8)
    assert cross_entropy(p, p) == pytest.approx(float(p.entropy()), abs=1e-10)


# JSD ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("mu", [20, 25, 30])
def test_jsd_of_far_apart_normals_is_log_2(mu):
    assert abs(js_divergence(norm(0, 1), norm(mu, 1)) - LOG2) < 1e-9
    assert abs(js_divergence(norm(mu, 1), norm(0, 1)) - LOG2) < 1e-9


def test_jsd_of_far_apart_normals_of_different_widths_is_log_2():
    assert abs(js_divergence(norm(0, 1), norm(30, 0.1)) - LOG2) < 1e-9


@pytest.mark.parametrize("shift", [0.0, 0.25, 0.5, 1.0])
def test_jsd_of_shifted_uniforms_matches_closed_form(shift):
    # On the overlap p = q = m; elsewhere m = p/2, so JSD = shift · log 2.
    got = js_divergence(stats.uniform(0, 1), stats.uniform(shift, 1))
    assert got == pytest.approx(shift * LOG2, abs=1e-9)


@pytest.mark.parametrize("p, q", [(norm(0, 1), norm(1, 1)), (norm(0, 1), norm(2, 0.5)),
                                  (norm(-1, 2), norm(1, 1)), (stats.laplace(0, 1), norm(1, 1))])
def test_jsd_matches_independent_quadrature(p, q):
    assert js_divergence(p, q) == pytest.approx(naive_jsd(p, q, -40, 40), abs=1e-9)


def test_jsd_is_symmetric_bounded_and_zero_for_equal_distributions():
    p, q = norm(0, 1), norm(1.5, 0.6)
    assert js_divergence(p, q) == pytest.approx(js_divergence(q, p), abs=1e-12)
    assert 0 < js_divergence(p, q) < LOG2
    assert js_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


def test_jsd_slope_matches_a_finite_difference_and_stays_positive_when_tiny():
    p, h = norm(0, 1), 1e-4
    for mu in (0.5, 2.0, 4.0):
        difference = (js_divergence(p, norm(mu + h, 1)) - js_divergence(p, norm(mu - h, 1))) / (2 * h)
        assert js_divergence_shift_slope(p, norm(mu, 1)) == pytest.approx(difference, rel=1e-5)
    assert js_divergence_shift_slope(p, norm(0, 1)) == pytest.approx(0.0, abs=1e-12)
    tiny = js_divergence_shift_slope(p, norm(20, 1))
    assert 0 < tiny < 1e-20


# W1 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("mu", [0.0, 1.0, 7.5, 30.0])
def test_w1_of_shifted_normals_is_the_shift(mu):
    assert wasserstein_1(norm(0, 1), norm(mu, 1)) == pytest.approx(mu, abs=1e-8)


def test_w1_closed_forms_for_scaled_distributions():
    # Quantile coupling: W1 = ∫ |Q_p(u) − Q_q(u)| du.
    assert wasserstein_1(norm(0, 1), norm(0, 2)) == pytest.approx(math.sqrt(2 / math.pi), abs=1e-8)
    assert wasserstein_1(stats.uniform(0, 1), stats.uniform(0, 2)) == pytest.approx(0.5, abs=1e-8)


# D* and V(G, D) -------------------------------------------------------------------------------

def test_optimal_discriminator_matches_the_density_ratio():
    p_data, p_g = norm(0, 1), norm(1, 2)
    x = np.linspace(-5, 5, 101)
    expected = p_data.pdf(x) / (p_data.pdf(x) + p_g.pdf(x))
    np.testing.assert_allclose(optimal_discriminator(p_data, p_g)(x), expected, rtol=1e-12)


def test_optimal_discriminator_is_exact_where_both_densities_underflow():
    d_star = optimal_discriminator(norm(0, 1), norm(30, 1))
    x = np.array([[-100.0, 15.0], [14.0, 500.0]])
    assert norm(0, 1).pdf(500.0) == 0.0 and norm(30, 1).pdf(500.0) == 0.0
    got = d_star(x)
    assert got.shape == x.shape
    assert got[0, 1] == 0.5  # midway between the means the two densities are equal
    # log p_data − log p_g = 30·(15 − x) for these two normals
    np.testing.assert_allclose(got, special.expit(30 * (15 - x)), rtol=1e-12)
    assert float(d_star(15.0)) == 0.5


def test_optimal_discriminator_outside_both_supports_is_one_half():
    d_star = optimal_discriminator(stats.uniform(0, 1), stats.uniform(0.5, 1))
    np.testing.assert_array_equal(d_star(np.array([-1.0, 0.25, 0.75, 1.25, 3.0])), [0.5, 1.0, 0.5, 0.0, 0.5])


def test_gan_value_of_the_constant_one_half_is_minus_log_4():
    one_half = gan_value(norm(0, 1), norm(3, 2), lambda x: np.full(np.shape(x), 0.5))
    assert one_half == pytest.approx(-math.log(4), abs=1e-12)


@pytest.mark.parametrize("mu, sigma", [(0, 1), (0.5, 1), (2, 0.5), (3, 3), (10, 1), (30, 1)])
def test_value_at_d_star_is_minus_log_4_plus_twice_jsd(mu, sigma):
    p_data, p_g = norm(0, 1), norm(mu, sigma)
    value = gan_value(p_data, p_g, optimal_discriminator(p_data, p_g))
    assert value == pytest.approx(-math.log(4) + 2 * js_divergence(p_data, p_g), abs=1e-9)


def test_gan_value_matches_independent_quadrature():
    p_data, p_g = norm(0, 1), norm(1, 1.5)

    def d(x):
        return special.expit(1.0 - 0.8 * x)

    expected = (integrate.quad(lambda x: p_data.pdf(x) * math.log(d(x)), -40, 40)[0]
                + integrate.quad(lambda x: p_g.pdf(x) * math.log(1 - d(x)), -40, 40)[0])
    assert gan_value(p_data, p_g, d) == pytest.approx(expected, abs=1e-9)


class ShiftedDStar:
    """D*(x − 0.1), given with its logit so that gan_value computes the logs without rounding."""

    def __init__(self, d_star):
        self.d_star = d_star

    def logit(self, x):
        return self.d_star.logit(np.asarray(x) - 0.1)

    def __call__(self, x):
        return special.expit(self.logit(x))


def test_d_star_beats_other_discriminators():
    p_data, p_g = norm(0, 1), norm(1.5, 0.8)
    d_star = optimal_discriminator(p_data, p_g)
    best = gan_value(p_data, p_g, d_star)
    for other in (lambda x: np.full(np.shape(x), 0.5), lambda x: 0.9 * d_star(x) + 0.05,
                  lambda x: special.expit(-x), ShiftedDStar(d_star)):
        assert gan_value(p_data, p_g, other) < best


def test_a_discriminator_that_rounds_to_one_needs_a_logit():
    p_data, p_g = norm(0, 1), norm(1.5, 0.8)
    d_star = optimal_discriminator(p_data, p_g)
    with pytest.raises(ArithmeticError, match="logit"):
        gan_value(p_data, p_g, lambda x: d_star(np.asarray(x) - 0.1))


def test_gan_value_rejects_a_bad_discriminator():
    with pytest.raises(TypeError, match="callable"):
        gan_value(norm(0, 1), norm(1, 1), 0.5)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        gan_value(norm(0, 1), norm(1, 1), lambda x: 2 * np.ones_like(x))


# Expectation, the mixture, fitting ------------------------------------------------------------

def test_expectation_matches_moments():
    assert expectation(norm(2, 3), lambda x: x**2) == pytest.approx(4 + 9, abs=1e-9)
    assert expectation(stats.gamma(3), lambda x: x) == pytest.approx(3.0, abs=1e-9)
    assert expectation(stats.cauchy(), np.ones_like) == pytest.approx(1.0, abs=1e-9)


def test_divergent_expectation_raises_instead_of_returning_a_number():
    with pytest.raises(ArithmeticError, match="infinite"):
        kl_divergence(stats.cauchy(), norm(0, 1))


def test_two_gaussian_mixture_is_a_proper_distribution():
    mix = two_gaussian_mixture(weight=0.3, mean1=-1, std1=0.5, mean2=2, std2=2)
    x = np.linspace(-6, 10, 9)
    expected = 0.3 * norm(-1, 0.5).pdf(x) + 0.7 * norm(2, 2).pdf(x)
    np.testing.assert_allclose(mix.pdf(x), expected, rtol=1e-12)
    u = np.array([1e-12, 1e-3, 0.3, 0.5, 0.9])
    np.testing.assert_allclose(mix.cdf(mix.ppf(u)), u, rtol=1e-10)
    np.testing.assert_allclose(mix.sf(mix.isf(u)), u, rtol=1e-10)
    assert expectation(mix, lambda t: t) == pytest.approx(0.3 * -1 + 0.7 * 2, abs=1e-9)
    sample = mix.rvs(size=200_000, random_state=np.random.default_rng(0))
    assert sample.mean() == pytest.approx(1.1, abs=0.02)
    with pytest.raises(ValueError):
        two_gaussian_mixture(weight=1.5)


def test_forward_fit_matches_moments_and_reverse_fit_picks_a_mode():
    mix = two_gaussian_mixture(weight=0.5, mean1=-3, std1=1, mean2=3, std2=1)
    forward = fit_gaussian(mix, direction="forward")
    assert forward.mean() == pytest.approx(0.0, abs=1e-5)
    assert forward.std() == pytest.approx(math.sqrt(1 + 9), abs=1e-5)  # variance = 1 + 3²
    right = fit_gaussian(mix, direction="reverse", start=(1.0, 1.0))
    left = fit_gaussian(mix, direction="reverse", start=(-1.0, 1.0))
    assert right.mean() == pytest.approx(3.0, abs=0.1) and right.std() == pytest.approx(1.0, abs=0.1)
    assert left.mean() == pytest.approx(-right.mean(), abs=1e-4)
    with pytest.raises(ValueError, match="direction"):
        fit_gaussian(mix, direction="sideways")


# Bad input ------------------------------------------------------------------------------------

BAD_DISTRIBUTIONS = [
    (stats.norm, TypeError, "freeze"),
    (stats.poisson(3), TypeError, "discrete"),
    (norm(np.nan, 1), ValueError, "non-finite"),
    (norm(0, np.inf), ValueError, "non-finite"),
    (norm(0, -1), ValueError, "invalid parameters"),
    (norm(0, [1, 2]), ValueError, "one distribution"),
    (stats.multivariate_normal([0, 0]), TypeError, "frozen continuous"),
    ([0.2, 0.8], TypeError, "frozen continuous"),
    (np.array([1.0, 2.0]), TypeError, "frozen continuous"),
]


@pytest.mark.parametrize("bad, error, message", BAD_DISTRIBUTIONS)
@pytest.mark.parametrize("function", [kl_divergence, js_divergence, cross_entropy, wasserstein_1,
                                      optimal_discriminator], ids=lambda f: f.__name__)
def test_bad_distributions_are_rejected_with_a_clear_error(function, bad, error, message):
    with pytest.raises(error, match=message):
        function(bad, norm(0, 1))
    with pytest.raises(error, match=message):
        function(norm(0, 1), bad)


@pytest.mark.parametrize("bad, error, message", BAD_DISTRIBUTIONS)
def test_gan_value_rejects_bad_distributions(bad, error, message):
    with pytest.raises(error, match=message):
        gan_value(bad, norm(0, 1), lambda x: np.full(np.shape(x), 0.5))


@pytest.mark.parametrize("base", [0, -2, 1, math.nan, "2"])
def test_bad_base_is_rejected(base):
    with pytest.raises(ValueError, match="base"):
        js_divergence(norm(0, 1), norm(1, 1), base=base)


@pytest.mark.parametrize("good, bad, message", [
    (norm(loc=1.0, scale=2.0), norm(loc=np.nan, scale=2.0), "non-finite"),
    (norm(loc=1.0, scale=2.0), norm(loc=1.0, scale=-2.0), "invalid parameters"),
    (stats.gamma(a=2.0, scale=0.5), stats.gamma(a=-2.0, scale=0.5), "invalid parameters"),
    (stats.t(df=3), stats.t(df=[3, 4]), "one distribution"),
    (stats.t(df=3), stats.t(df=np.inf), "non-finite"),
], ids=["loc", "scale", "gamma shape", "t shape array", "t shape infinite"])
def test_check_distribution_reads_keyword_and_shape_parameters(good, bad, message):
    # Parameters given by keyword and shape parameters are checked as positional ones are: a valid one
    # passes, the same distribution with that parameter broken is refused with the usual message.
    assert theory.check_distribution(good) is None
    with pytest.raises(ValueError, match=message):
        theory.check_distribution(bad)


def test_keyword_parameters_reach_the_divergences():
    got = kl_divergence(norm(loc=1.0, scale=2.0), norm(loc=-3.0, scale=0.5))
    assert got == pytest.approx(kl_normal(1.0, 2.0, -3.0, 0.5), abs=1e-8)
