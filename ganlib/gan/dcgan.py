"""The convolutional GAN (DCGAN, Radford et al. 2015): lesson 07 (28×28 digits), lesson 09 (colour pictures of
32×32 or 64×64 px) and ``python -m ganlib train --model dcgan``. "dcgan" has spectral normalisation in D,
"dcgan-bn" BatchNorm in D as in 2015.

Each doubling of the side adds one up-sampling block to G and one stride-2 block to D: 28 = 7·2·2 (two
blocks between the 7×7 maps and the image), 32 = 4·2·2·2 (three), 64 = 4·2·2·2·2 (four)."""

import math

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

from .mlp import IMAGE_SHAPE

UPSAMPLINGS = ("transposed", "resize")
NORMS = ("spectral", "batch", "none")
MNIST_SIDE = IMAGE_SHAPE[-1]
MAP_SIDE = 7  # 28 = 7 · 2 · 2: two stride-2 layers lie between the 7×7 maps and the image
LAST_SIDE = 4  # D's last maps: for 28, its third convolution (kernel 3, stride 2, padding 1) takes 7×7 to 4×4
# The side of G's first maps for each image size the networks are built for (32 and 64: 4×4, as in Radford et al.).
FIRST_SIDES = {MNIST_SIDE: MAP_SIDE, 32: LAST_SIDE, 64: LAST_SIDE}
CHANNELS = (1, 3)  # grey (MNIST) or RGB
# The default widths by image size: G's maps from the first to the last before the image; D's from the first
# convolution on. 28: lesson 07's (unchanged); 32 and 64: one block more per doubling.
GENERATOR_WIDTHS = {MNIST_SIDE: (64, 32), 32: (128, 64, 32), 64: (128, 64, 32, 16)}
DISCRIMINATOR_WIDTHS = {MNIST_SIDE: (16, 32, 64), 32: (32, 64, 128), 64: (16, 32, 64, 128)}


def blocks(image_size: int) -> int:
    """The number of ×2 blocks between G's first maps (or D's last) and an image of side ``image_size``."""
    return round(math.log2(image_size / FIRST_SIDES[image_size]))


def _check_image(channels: int, image_size: int) -> None:
    if image_size not in FIRST_SIDES:
        raise ValueError(f"image_size must be one of {tuple(FIRST_SIDES)}, got {image_size!r}")
    if channels not in CHANNELS:
        raise ValueError(f"channels must be one of {CHANNELS}, got {channels!r}")


def _check_widths(widths: tuple[int, ...], *, count: int | None, name: str = "widths") -> None:
    """Raise ValueError unless ``widths`` holds ``count`` (None: any number of) positive integers."""
    if (count is not None and len(widths) != count) or not all(isinstance(w, int) and w > 0 for w in widths):
        raise ValueError(f"{name} must be {'' if count is None else f'{count} '}positive integers, got {widths!r}")


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
    """Noise ``z`` (N×latent_dim, standard normal) → images N×C×S×S in [−1, 1] (tanh), C = ``channels``
    (1 or 3), S = ``image_size`` (28, 32 or 64).

    z → Linear → widths[0] maps of F×F (F = 7 for S = 28, else 4) → BatchNorm → ReLU, then for each
    next width: ×2 (see :func:`upsample_layer`) → BatchNorm → ReLU, and a last ×2 to C maps of S×S →
    tanh. Layers followed by BatchNorm have no bias (BatchNorm's shift replaces it); the output layer
    has no BatchNorm. ``widths`` holds one width per ×2 block (2 for 28, 3 for 32, 4 for 64); None: the
    defaults of :data:`GENERATOR_WIDTHS`. Default: 100 → 64×7×7 → 32×14×14 → 1×28×28 (lesson 07);
    at 32 px 100 → 128×4×4 → 64×8×8 → 32×16×16 → 3×32×32 (lesson 09).
    """

    sample_shape = IMAGE_SHAPE  # of the default; an instance states its own

    def __init__(self, *, latent_dim: int = 100, widths: tuple[int, ...] | None = None,
                 upsample: str = "transposed", channels: int = 1, image_size: int = MNIST_SIDE) -> None:
        super().__init__()
        _check_image(channels, image_size)
        widths = GENERATOR_WIDTHS[image_size] if widths is None else tuple(widths)
        _check_widths(widths, count=blocks(image_size))
        self.latent_dim = latent_dim
        self.sample_shape = (channels, image_size, image_size)
        side = FIRST_SIDES[image_size]
        layers = [nn.Linear(latent_dim, widths[0] * side * side, bias=False),
                  nn.Unflatten(1, (widths[0], side, side)), nn.BatchNorm2d(widths[0]), nn.ReLU()]
        for width_in, width_out in zip(widths, widths[1:]):
            layers += [upsample_layer(width_in, width_out, upsample=upsample, bias=False),
                       nn.BatchNorm2d(width_out), nn.ReLU()]
        self.net = nn.Sequential(*layers, upsample_layer(widths[-1], channels, upsample=upsample), nn.Tanh())

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


class DCGANDiscriminator(nn.Module):
    """Images N×C×S×S in [−1, 1] → logits N; C = ``channels`` (1 or 3), S = ``image_size`` (28, 32 or 64).

    For 28×28 digits (lesson 07), three strided convolutions (the stride replaces pooling), each
    followed by LeakyReLU (``negative_slope``) and, if ``dropout`` > 0, Dropout: 1 → widths[0] maps of 14×14 (kernel 4,
    stride 2) → widths[1] maps of 7×7 (kernel 4, stride 2) → widths[2] maps of 4×4 (kernel 3,
    stride 2). The third convolution gives every unit of the last maps a view of nearly the whole
    digit. Then, as in lesson 05's MLP discriminator, fully connected layers of ``hidden`` units
    (each Linear → LeakyReLU → Dropout if ``dropout``) and one linear map to the logit: they weigh
    what the convolutions found anywhere in the digit together, so D judges shapes, not only
    strokes (``hidden=()``: the logit is read straight from the maps, as Radford et al. advise).
    ``norm``:

    - "spectral": every weight, reshaped to a matrix (out × in·k·k for a convolution), is divided by
      its largest singular value, estimated by one power iteration per training forward (Miyato et
      al. 2018). That bounds each linear layer's gain by 1 and an image's score depends on that image
      alone; but a stride-s convolution with a k×k kernel can still stretch its input by up to about
      k/s (measured by :func:`ganlib.gan.gain.conv_operator_norm`);
    - "batch": BatchNorm after the second and third convolutions, as in 2015 (never after the
      first: D's first layer sees the raw images). D's score of an image then depends on the rest
      of its batch;
    - "none": neither.

    For 32 and 64 px (lesson 09) every convolution has kernel 4 and halves the side down to 4×4 maps:
    three of them for 32 (C → 32 → 64 → 128 maps by default), four for 64 (C → 16 → 32 → 64 → 128);
    ``widths`` holds one width per convolution (None: :data:`DISCRIMINATOR_WIDTHS`).

    Default: 1 → 16 → 32 → 64 maps → 256 units → 1, with spectral normalisation. Lesson 07.
    """

    def __init__(self, *, widths: tuple[int, ...] | None = None, hidden: tuple[int, ...] = (256,),
                 norm: str = "spectral", negative_slope: float = 0.2, dropout: float = 0.0, channels: int = 1,
                 image_size: int = MNIST_SIDE) -> None:
        super().__init__()
        _check_image(channels, image_size)
        widths = DISCRIMINATOR_WIDTHS[image_size] if widths is None else tuple(widths)
        _check_widths(widths, count=blocks(image_size) + (image_size == MNIST_SIDE))
        _check_widths(hidden, count=None, name="hidden")
        if norm not in NORMS:
            raise ValueError(f"norm must be one of {NORMS}, got {norm!r}")
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout!r}")
        wrap = spectral_norm if norm == "spectral" else _unchanged
        batch_norm = norm == "batch"

        def activation() -> list[nn.Module]:
            return [nn.LeakyReLU(negative_slope=negative_slope)] + ([nn.Dropout(p=dropout)] if dropout else [])

        def block(width_in: int, width_out: int, kernel_size: int, *, normalise: bool) -> list[nn.Module]:
            layers = [wrap(nn.Conv2d(width_in, width_out, kernel_size=kernel_size, stride=2, padding=1,
                                     bias=not normalise))]
            return layers + ([nn.BatchNorm2d(width_out)] if normalise else []) + activation()

        # 28 → 14 → 7 → 4 takes a kernel of 3 last (7 is odd); 32 and 64 halve with kernel 4 throughout.
        kernels = [4] * (len(widths) - 1) + [3 if image_size == MNIST_SIDE else 4]
        layers = []
        for index, (width_in, width_out, kernel) in enumerate(zip((channels, *widths), widths, kernels)):
            layers += block(width_in, width_out, kernel, normalise=batch_norm and index > 0)
        layers.append(nn.Flatten())
        width_in = widths[-1] * LAST_SIDE * LAST_SIDE
        for width in hidden:
            layers += [wrap(nn.Linear(width_in, width)), *activation()]
            width_in = width
        self.net = nn.Sequential(*layers, wrap(nn.Linear(width_in, 1)))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.net(images).squeeze(1)
