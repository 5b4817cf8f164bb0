"""ganlib: the helpers of the bilingual GAN course. Each function's docstring names the lessons that use it.

The package is layered, and data flows one way: a module may import from its own sub-package and from
lower layers, nothing else of ganlib. This table is the one list of the layers; ``tests/test_layers.py``
reads it and enforces it::

    layer  module      what lives there
    0      i18n        the notebook's language
    0      lazy        names imported on first use (here and in data/, gan/, metrics/, style/)
    1      runtime     device, seeds, quick mode
    1      assets/     the registry of shipped files and their one verified reader
    1      files       writing a file whole or not at all
    2      theory/     1-D densities: D*, V(G, D), KL, JS, W1 — NumPy and SciPy only
    2      data/       MNIST (download, else the bundled digits), folders of pictures, the ring of Gaussians
    3      gan/        losses (one vocabulary), networks, training loop, checkpoints
    3      style/      style transfer offline: Gram matrices, the three losses, a random-filter network
    4      metrics/    the course's MNIST classifier and the scores built on it; ring coverage; a patch distance
    5      toys/       games that train in seconds: counterfeiter, density classifier, x·y, remedies
    6      plots/      figures by subject, and widgets
    6      exercises/  the checks of the exercises, the quizzes and the challenges
    7      cli/        python -m ganlib train | score | bench | sample | stylize (nothing imports it)

The names below are the student-facing API, imported on first use, so ``import ganlib`` stays light
(the theory lessons never load torchvision). They count as imports of the sub-package that defines
them: ``from ganlib import show_digits`` imports ganlib.plots.
"""

from .i18n import get_language, language, set_language, tr
from .lazy import lazy_exports

__version__ = "0.2.0"

_API = {
    "runtime": ["is_quick", "pick_device", "print_setup", "seed_everything"],
    "theory": ["cross_entropy", "expectation", "fit_gaussian", "gan_value", "js_divergence",
               "js_divergence_shift_slope", "kl_divergence", "optimal_discriminator", "two_gaussian_mixture",
               "wasserstein_1"],
    "data": ["Digits", "from_gan_range", "load_bundled_mnist", "load_folder", "load_mnist", "to_gan_range",
             "write_colour_digits"],
    "gan": ["DCGANDiscriminator", "DCGANGenerator", "GANRun", "MLPDiscriminator",
            "MLPGenerator", "TrainConfig", "TrainingDiverged", "build_gan",
            "count_parameters", "critic_loss", "cross_entropy_loss", "discriminator_loss", "discriminator_step",
            "export_generator", "fixed_labels", "fixed_noise", "generate", "generator_loss", "generator_loss_on_scores",
            "generator_loss_slope", "generator_step", "gradient_penalty", "load_checkpoint", "load_generator",
            "train_gan"],
    "metrics": ["real_conditional_scores", "reference_scores", "score_conditional", "score_samples",
                "sliced_wasserstein_distance"],
    "toys": ["play_counterfeiter_game"],
    "plots": ["plot_digit_walk", "show_class_histograms", "show_conditional_grid", "show_conditional_scores",
              "show_digits", "show_discriminator_outputs", "show_grid_files", "show_losses", "show_metrics"],
}
_HOME = {name: module for module, names in _API.items() for name in names}

__all__ = sorted(["get_language", "language", "set_language", "tr", *_HOME])


__getattr__, __dir__ = lazy_exports(__name__, _API)
