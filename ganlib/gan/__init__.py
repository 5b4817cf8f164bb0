"""GANs in torch: one loss module, the networks, the training loop with its checkpoints and moving
average, the CUDA speed path, and the benchmark against a plain DataLoader loop. Lessons 04–08 and the
command line.
"""

from .checkpoints import export_generator, load_checkpoint, load_generator
from .config import TrainConfig
from .losses import (LOSSES, critic_loss, cross_entropy_loss, discriminator_loss, generator_loss,
                     generator_loss_on_scores, generator_loss_slope, gradient_penalty)
from .models import (MODELS, ConditionalMLPGenerator, DCGANDiscriminator, DCGANGenerator, MLPDiscriminator,
                     MLPGenerator, ProjectionDiscriminator, build_gan, count_parameters, is_conditional)
from .sampling import fixed_labels, fixed_noise, generate
from .steps import discriminator_step, generator_step
from .train import GANRun, TrainingDiverged, train_gan

__all__ = ["LOSSES", "MODELS", "ConditionalMLPGenerator", "DCGANDiscriminator", "DCGANGenerator", "GANRun",
           "MLPDiscriminator", "MLPGenerator", "ProjectionDiscriminator", "TrainConfig", "TrainingDiverged",
           "build_gan", "count_parameters", "critic_loss", "cross_entropy_loss", "discriminator_loss",
           "discriminator_step", "export_generator", "fixed_labels", "fixed_noise", "generate", "generator_loss",
           "generator_loss_on_scores", "generator_loss_slope", "generator_step", "gradient_penalty", "is_conditional",
           "load_checkpoint", "load_generator", "train_gan"]
