"""The networks of the GANs, configured by keyword arguments.

Used by lesson 05 (the MLP GAN of Goodfellow et al. 2014 as it is usually taught), by
``python -m ganlib train`` and ``python -m ganlib bench``, by lesson 06 ("toy2d": two small
MLPs for points in the plane) and by lesson 07 (the convolutional GAN, DCGAN, of Radford et al.
2015: "dcgan" with spectral normalisation in D, "dcgan-bn" with BatchNorm in D as in 2015).
Each generator class states ``sample_shape``, the shape of one sample it makes.

Initialisation: PyTorch's default for every layer — ``nn.Linear`` weights and biases uniform in
(−1/√fan_in, 1/√fan_in), BatchNorm scale 1 and shift 0. Nothing is re-initialised afterwards.
"""

import math
from functools import partial

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

IMAGE_SHAPE = (1, 28, 28)
UPSAMPLINGS = ("transposed", "resize")
NORMS = ("spectral", "batch", "none")
MAP_SIDE = 7  # 28 = 7 · 2 · 2: two stride-2 layers lie between the 7×7 maps and the image


class MLPGenerator(nn.Module):
    """Noise ``z`` (N×latent_dim, standard normal) → images N×1×28×28 with values in [−1, 1] (tanh).

    Each hidden layer is Linear → BatchNorm1d (if ``batch_norm``) → LeakyReLU(``negative_slope``).
    The defaults are the blog recipe's generator: 100 → 256 → 512 → 1024 → 784.
    """

    sample_shape = IMAGE_SHAPE

    def __init__(self, *, latent_dim: int = 100, hidden: tuple[int, ...] = (256, 512, 1024),
                 batch_norm: bool = True, negative_slope: float = 0.2) -> None:
        super().__init__()
        self.latent_dim = latent_dim
        layers: list[nn.Module] = []
        width_in = latent_dim
        for width in hidden:
            layers.append(nn.Linear(width_in, width))
            if batch_norm:
                layers.append(nn.BatchNorm1d(width))
            layers.append(nn.LeakyReLU(negative_slope=negative_slope))
            width_in = width
        layers += [nn.Linear(width_in, math.prod(IMAGE_SHAPE)), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z).view(-1, *IMAGE_SHAPE)


class MLPDiscriminator(nn.Module):
    """Images N×1×28×28 in [−1, 1] → logits N (D(x) = sigmoid(logit) is the probability "real").

    Each hidden layer is Linear → LeakyReLU(``negative_slope``) → Dropout(``dropout``); no
    BatchNorm, so a sample's score does not depend on the rest of its batch. The defaults are the
    blog recipe's discriminator, 784 → 512 → 256 → 1, without its final sigmoid: the losses take
    logits (``BCEWithLogits``), because sigmoid followed by log turns into NaN once D is confident.
    """

    def __init__(self, *, hidden: tuple[int, ...] = (512, 256), negative_slope: float = 0.2,
                 dropout: float = 0.0) -> None:
        super().__init__()
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout!r}")
        layers: list[nn.Module] = [nn.Flatten()]
        width_in = math.prod(IMAGE_SHAPE)
        for width in hidden:
            layers += [nn.Linear(width_in, width), nn.LeakyReLU(negative_slope=negative_slope)]
            if dropout > 0:
                layers.append(nn.Dropout(p=dropout))
            width_in = width
        layers.append(nn.Linear(width_in, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.net(images).squeeze(1)


class PointGenerator(nn.Module):
    """Noise ``z`` (N×latent_dim, standard normal) → points N×2 (no squashing: any real values).

    Hidden layers Linear → ReLU: 16 → 128 → 128 → 2 by default, the size of the generators in the
    first ring-of-Gaussians experiments (Metz et al. 2017), with 16 noise dimensions instead of
    256. Used by lesson 06.
    """

    sample_shape = (2,)

    def __init__(self, *, latent_dim: int = 16, hidden: tuple[int, ...] = (128, 128)) -> None:
        super().__init__()
        self.latent_dim = latent_dim
        widths = (latent_dim, *hidden)
        layers: list[nn.Module] = []
        for width_in, width in zip(widths, widths[1:]):
            layers += [nn.Linear(width_in, width), nn.ReLU()]
        layers.append(nn.Linear(widths[-1], self.sample_shape[0]))
        self.net = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


class PointDiscriminator(nn.Module):
    """Points N×2 → logits N/``pack``: one logit for each group of ``pack`` consecutive points.

    Hidden layers Linear → ReLU. With ``pack`` > 1 (PacGAN, Lin et al. 2018) D judges ``pack``
    points at once, all real or all fake, so it sees whether a group is too alike: the packed
    input is the ``pack`` points side by side (2·pack numbers). N must be a multiple of ``pack``.
    The logit is not squashed; under a Wasserstein loss it is the critic's score. The default,
    one hidden layer of 128 units, is deliberately small: with it a plain GAN collapses on the ring
    of lesson 06. Used by lesson 06.
    """

    def __init__(self, *, hidden: tuple[int, ...] = (128,), pack: int = 1, dropout: float = 0.0) -> None:
        super().__init__()
        if not isinstance(pack, int) or pack < 1:
            raise ValueError(f"pack must be a positive integer, got {pack!r}")
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout!r}")
        self.pack = pack
        widths = (2 * pack, *hidden)
        layers: list[nn.Module] = []
        for width_in, width in zip(widths, widths[1:]):
            layers += [nn.Linear(width_in, width), nn.ReLU()]
            if dropout > 0:
                layers.append(nn.Dropout(p=dropout))
        layers.append(nn.Linear(widths[-1], 1))
        self.net = nn.Sequential(*layers)

    def forward(self, points: torch.Tensor) -> torch.Tensor:
        if points.ndim != 2 or points.shape[1] != 2 or len(points) % self.pack:
            raise ValueError(f"points must be N×2 with N a multiple of pack={self.pack}, got {tuple(points.shape)}")
        return self.net(points.reshape(-1, 2 * self.pack)).squeeze(1)


def _check_widths(widths: tuple[int, ...]) -> None:
    if len(widths) != 2 or not all(isinstance(w, int) and w > 0 for w in widths):
        raise ValueError(f"widths must be two positive integers, got {widths!r}")


def _unchanged(layer: nn.Module) -> nn.Module:
    return layer


def upsample_layer(width_in: int, width_out: int, *, upsample: str = "transposed", bias: bool = True) -> nn.Module:
    """Maps N×width_in×H×W → N×width_out×2H×2W. "transposed": a transposed convolution with kernel
    4, stride 2, padding 1 (4 is a multiple of the stride, so every output pixel receives the same
    number of kernel taps: no checkerboard from uneven overlap); "resize": nearest-neighbour
    upsampling, then a 3×3 convolution (Odena et al. 2016). Lesson 07."""
    if upsample not in UPSAMPLINGS:
        raise ValueError(f"upsample must be one of {UPSAMPLINGS}, got {upsample!r}")
    if upsample == "transposed":
        return nn.ConvTranspose2d(width_in, width_out, kernel_size=4, stride=2, padding=1, bias=bias)
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"),
                         nn.Conv2d(width_in, width_out, kernel_size=3, padding=1, bias=bias))


class DCGANGenerator(nn.Module):
    """Noise ``z`` (N×latent_dim, standard normal) → images N×1×28×28 in [−1, 1] (tanh).

    z → Linear → widths[0] maps of 7×7 → BatchNorm → ReLU → ×2 (see :func:`upsample_layer`) to
    widths[1] maps of 14×14 → BatchNorm → ReLU → ×2 to one 28×28 map → tanh. Layers followed by
    BatchNorm have no bias (BatchNorm's shift replaces it); the output layer has no BatchNorm.
    Default: 100 → 64×7×7 → 32×14×14 → 1×28×28. Lesson 07.
    """

    sample_shape = IMAGE_SHAPE

    def __init__(self, *, latent_dim: int = 100, widths: tuple[int, int] = (64, 32),
                 upsample: str = "transposed") -> None:
        super().__init__()
        _check_widths(widths)
        self.latent_dim = latent_dim
        first, second = widths
        self.net = nn.Sequential(
            nn.Linear(latent_dim, first * MAP_SIDE * MAP_SIDE, bias=False),
            nn.Unflatten(1, (first, MAP_SIDE, MAP_SIDE)), nn.BatchNorm2d(first), nn.ReLU(),
            upsample_layer(first, second, upsample=upsample, bias=False), nn.BatchNorm2d(second), nn.ReLU(),
            upsample_layer(second, 1, upsample=upsample), nn.Tanh())

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


class DCGANDiscriminator(nn.Module):
    """Images N×1×28×28 in [−1, 1] → logits N.

    Two convolutions with kernel 4, stride 2 and padding 1 (the stride replaces pooling): 1 →
    widths[0] maps of 14×14 → widths[1] maps of 7×7, each followed by LeakyReLU(``negative_slope``)
    and, if ``dropout`` > 0, Dropout; then one linear map to the logit. ``norm``:

    - "spectral": every weight is divided by its largest singular value, estimated by one power
      iteration per training forward (Miyato et al. 2018), so no layer can stretch its input by
      more than a factor 1 and D's output cannot change abruptly;
    - "batch": BatchNorm after the second convolution, as in 2015 (never after the first: D's
      first layer sees the raw images). D's score of an image then depends on the rest of its batch;
    - "none": neither.

    Default: 1 → 32 → 64 → 1 with spectral normalisation. Lesson 07.
    """

    def __init__(self, *, widths: tuple[int, int] = (32, 64), norm: str = "spectral",
                 negative_slope: float = 0.2, dropout: float = 0.0) -> None:
        super().__init__()
        _check_widths(widths)
        if norm not in NORMS:
            raise ValueError(f"norm must be one of {NORMS}, got {norm!r}")
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout!r}")
        wrap = spectral_norm if norm == "spectral" else _unchanged
        first, second = widths

        def activation() -> list[nn.Module]:
            return [nn.LeakyReLU(negative_slope=negative_slope)] + ([nn.Dropout(p=dropout)] if dropout else [])

        layers = [wrap(nn.Conv2d(1, first, kernel_size=4, stride=2, padding=1)), *activation(),
                  wrap(nn.Conv2d(first, second, kernel_size=4, stride=2, padding=1, bias=norm != "batch"))]
        if norm == "batch":
            layers.append(nn.BatchNorm2d(second))
        layers += [*activation(), nn.Flatten(), wrap(nn.Linear(second * MAP_SIDE * MAP_SIDE, 1))]
        self.net = nn.Sequential(*layers)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.net(images).squeeze(1)


MODELS = {"mlp": (MLPGenerator, MLPDiscriminator), "toy2d": (PointGenerator, PointDiscriminator),
          "dcgan": (DCGANGenerator, DCGANDiscriminator),
          "dcgan-bn": (DCGANGenerator, partial(DCGANDiscriminator, norm="batch"))}


def build_gan(model: str = "mlp", *, generator: dict | None = None,
              discriminator: dict | None = None) -> tuple[nn.Module, nn.Module]:
    """A fresh (generator, discriminator) pair of the named ``model`` (see :data:`MODELS`).

    ``generator`` and ``discriminator`` are keyword arguments for the two constructors, e.g.
    ``build_gan("mlp", discriminator={"dropout": 0.3})``. Used by lessons 05 and 06 and the CLI.
    """
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of: {', '.join(MODELS)}")
    make_g, make_d = MODELS[model]
    try:
        return make_g(**(generator or {})), make_d(**(discriminator or {}))
    except TypeError as error:  # an option this model's networks do not have, e.g. pack for "mlp"
        raise ValueError(f"model {model!r} cannot be built with these options: {error}") from None


def sample_shape(model: str) -> tuple[int, ...]:
    """The shape of one sample of the named ``model``: (1, 28, 28) for MNIST models, (2,) for "toy2d"."""
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of: {', '.join(MODELS)}")
    return MODELS[model][0].sample_shape


def image_models() -> list[str]:
    """The names in :data:`MODELS` whose generators make MNIST images (what ``python -m ganlib train`` offers)."""
    return [name for name, (make_g, _) in MODELS.items() if make_g.sample_shape == IMAGE_SHAPE]


def count_parameters(module: nn.Module) -> int:
    """The number of trainable parameters of ``module``. Used by lesson 05."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)
