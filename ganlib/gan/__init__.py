"""GANs in torch: one loss module, the networks, the training loop with its checkpoints and moving
average, the CUDA speed path, the benchmark against a plain DataLoader loop, and paired image
translation (pix2pix). Lessons 04–08, 10 and the command line.

The names below are imported on first use, as ``ganlib``'s own are, so that importing
:mod:`ganlib.gan.config` (what ``python -m ganlib`` reads to parse its options) does not import torch.
"""

from ..lazy import lazy_exports

_API = {
    "checkpoints": ["export_generator", "load_checkpoint", "load_generator"],
    "conditional": ["projection_logits_from_weights"],
    "config": ["LOSSES", "TrainConfig"],
    "losses": ["critic_loss", "cross_entropy_loss", "discriminator_loss", "generator_loss",
               "generator_loss_on_scores", "generator_loss_slope", "gradient_penalty"],
    "models": ["MODELS", "ConditionalMLPGenerator", "DCGANDiscriminator", "DCGANGenerator", "MLPDiscriminator",
               "MLPGenerator", "ProjectionDiscriminator", "StyleGenerator", "build_gan", "count_parameters",
               "is_conditional"],
    "modulated": ["demodulate"],
    "sampling": ["fixed_labels", "fixed_noise", "generate"],
    "steps": ["discriminator_step", "generator_step"],
    "timing": ["seconds_per_epoch"],
    "train": ["GANRun", "TrainingDiverged", "train_gan"],
    "translation": ["PatchDiscriminator", "TranslationRun", "UNetGenerator", "train_translation", "translate"],
}
__all__ = sorted(name for names in _API.values() for name in names)
__getattr__, __dir__ = lazy_exports(__name__, _API)
