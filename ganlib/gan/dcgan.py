"""The convolutional GAN (DCGAN, Radford et al. 2015) for 28×28 digits: lesson 07 and ``python -m ganlib train
--model dcgan``. "dcgan" has spectral normalisation in D, "dcgan-bn" BatchNorm in D as in 2015."""

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

from .mlp import IMAGE_SHAPE

UPSAMPLINGS = ("transposed", "resize")
NORMS = ("spectral", "batch", "none")
MAP_SIDE = 7  # 28 = 7 · 2 · 2: two stride-2 layers lie between the 7×7 maps and the image
LAST_SIDE = 4  # D's third convolution (kernel 3, stride 2, padding 1) takes 7×7 maps to 4×4


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
        _check_widths(widths, count=2)
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

    Three strided convolutions (the stride replaces pooling), each followed by LeakyReLU
    (``negative_slope``) and, if ``dropout`` > 0, Dropout: 1 → widths[0] maps of 14×14 (kernel 4,
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

    Default: 1 → 16 → 32 → 64 maps → 256 units → 1, with spectral normalisation. Lesson 07.
    """

    def __init__(self, *, widths: tuple[int, int, int] = (16, 32, 64), hidden: tuple[int, ...] = (256,),
                 norm: str = "spectral", negative_slope: float = 0.2, dropout: float = 0.0) -> None:
        super().__init__()
        _check_widths(widths, count=3)
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

        first, second, third = widths
        layers = [*block(1, first, 4, normalise=False), *block(first, second, 4, normalise=batch_norm),
                  *block(second, third, 3, normalise=batch_norm), nn.Flatten()]
        width_in = third * LAST_SIDE * LAST_SIDE
        for width in hidden:
            layers += [wrap(nn.Linear(width_in, width)), *activation()]
            width_in = width
        self.net = nn.Sequential(*layers, wrap(nn.Linear(width_in, 1)))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.net(images).squeeze(1)
