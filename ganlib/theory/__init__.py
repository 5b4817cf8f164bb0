"""The mathematics of one-dimensional densities, in NumPy and SciPy only (no torch, no plots).

D*, V(G, D), KL, cross-entropy, JS and W1, computed by quadrature to near machine precision so that
lessons 01–04 can check every formula against them.
"""

from .discriminator import OptimalDiscriminator, gan_value, optimal_discriminator
from .distributions import fit_gaussian, two_gaussian_mixture
from .divergences import LOG2, cross_entropy, js_divergence, js_divergence_shift_slope, kl_divergence, wasserstein_1
from .quadrature import check_distribution, expectation

__all__ = ["LOG2", "OptimalDiscriminator", "check_distribution", "cross_entropy", "expectation", "fit_gaussian",
           "gan_value", "js_divergence", "js_divergence_shift_slope", "kl_divergence", "optimal_discriminator",
           "two_gaussian_mixture", "wasserstein_1"]
