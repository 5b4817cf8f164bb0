"""The named pairs of networks, configured by keyword arguments: ``build_gan("mlp")`` and friends.

Used by lesson 05 ("mlp": the MLP GAN as it is usually taught), lesson 06 ("toy2d": two small MLPs
for points in the plane), lesson 07 ("dcgan", "dcgan-bn": convolutional), lesson 08 ("cgan": the
MLPs conditioned on the digit's label), lesson 09 ("dcgan-style": the "dcgan" D with a StyleGAN-style G),
``python -m ganlib train`` and ``python -m ganlib bench``.
Each generator class states ``sample_shape``, the shape of one sample it makes; a conditional pair
says ``conditional = True``. The networks themselves live in :mod:`~ganlib.gan.mlp`,
:mod:`~ganlib.gan.dcgan`, :mod:`~ganlib.gan.modulated` and :mod:`~ganlib.gan.conditional`.
"""

from functools import partial

from torch import nn

from .conditional import NUM_CLASSES, ConditionalMLPGenerator, ProjectionDiscriminator
from .config import MNIST_SIZE, image_options
from .dcgan import DCGANDiscriminator, DCGANGenerator
from .mlp import IMAGE_SHAPE, MLPDiscriminator, MLPGenerator, PointDiscriminator, PointGenerator
from .modulated import StyleGenerator

__all__ = ["IMAGE_SHAPE", "MODELS", "NUM_CLASSES", "ConditionalMLPGenerator", "DCGANDiscriminator", "DCGANGenerator",
           "MLPDiscriminator", "MLPGenerator", "PointDiscriminator", "PointGenerator", "ProjectionDiscriminator",
           "StyleGenerator", "build_gan", "count_parameters", "image_options", "is_conditional", "sample_shape"]

# Their names, and what sets each apart, are also in ganlib.gan.config (IMAGE_MODELS, POINT_MODELS), without
# torch, for the command line; tests/test_cli.py checks that both agree.
MODELS = {"mlp": (MLPGenerator, MLPDiscriminator), "toy2d": (PointGenerator, PointDiscriminator),
          "dcgan": (DCGANGenerator, DCGANDiscriminator),
          "dcgan-bn": (DCGANGenerator, partial(DCGANDiscriminator, norm="batch")),
          "dcgan-style": (StyleGenerator, DCGANDiscriminator),
          "cgan": (ConditionalMLPGenerator, ProjectionDiscriminator)}


def build_gan(model: str = "mlp", *, generator: dict | None = None,
              discriminator: dict | None = None) -> tuple[nn.Module, nn.Module]:
    """A fresh (generator, discriminator) pair of the named ``model`` (see :data:`MODELS`).

    ``generator`` and ``discriminator`` are keyword arguments for the two constructors, e.g.
    ``build_gan("mlp", discriminator={"dropout": 0.3})``. Used by lessons 05–08 and the CLI.
    """
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of: {', '.join(MODELS)}")
    make_g, make_d = MODELS[model]
    try:
        return make_g(**(generator or {})), make_d(**(discriminator or {}))
    except TypeError as error:  # an option this model's networks do not have, e.g. pack for "mlp"
        raise ValueError(f"model {model!r} cannot be built with these options: {error}") from None


def sample_shape(model: str, *, image_size: int = MNIST_SIZE) -> tuple[int, ...]:
    """The shape of one sample of the named ``model``: (1, 28, 28) for MNIST models, (2,) for "toy2d";
    (3, S, S) for colour pictures of ``image_size`` S = 32 or 64 (lesson 09, see :func:`image_options`)."""
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of: {', '.join(MODELS)}")
    return MODELS[model][0].sample_shape if image_size == MNIST_SIZE else (3, image_size, image_size)


def is_conditional(model: str) -> bool:
    """True when the named ``model``'s networks also read a label (G(z, y), D(x, y)), as "cgan" does."""
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of: {', '.join(MODELS)}")
    return getattr(MODELS[model][0], "conditional", False)


def count_parameters(module: nn.Module) -> int:
    """The number of trainable parameters of ``module``. Used by lesson 05."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)
