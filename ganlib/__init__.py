"""ganlib: the helpers of the bilingual GAN course. Each function's docstring names the lessons that use it."""

from .data import Digits, from_gan_range, load_bundled_mnist, load_mnist, to_gan_range
from .game import play_counterfeiter_game
from .i18n import get_language, set_language, tr
from .losses import critic_loss, generator_loss_on_scores, generator_loss_slope, gradient_penalty
from .metrics import reference_scores, score_samples
from .models import MLPDiscriminator, MLPGenerator, build_gan, count_parameters
from .plots import show_class_histograms, show_digits, show_discriminator_outputs, show_grid_files, show_losses, show_metrics
from .runtime import is_quick, pick_device, print_setup, seed_everything
from .theory import (cross_entropy, expectation, fit_gaussian, gan_value, js_divergence, js_divergence_shift_slope,
                     kl_divergence, optimal_discriminator, two_gaussian_mixture, wasserstein_1)
from .train import (GANRun, TrainConfig, TrainingDiverged, discriminator_loss, discriminator_step, export_generator,
                    fixed_noise, generate, generator_loss, generator_step, load_checkpoint, load_generator, train_gan)

__version__ = "0.1.0"
