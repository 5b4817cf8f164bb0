"""A small StyleGAN-style generator: the mapping network of Karras et al. (2019) and the weight modulation and
demodulation of StyleGAN2 (Karras et al. 2020), at the DCGAN's sizes. Lesson 09 ("dcgan-style": this G with the
"dcgan" D) and ``python -m ganlib train --model dcgan-style``.

z → pixel norm → mapping MLP → w; a learned constant F×F input (F = 4 for 32 and 64 px, 7 for 28 px); per ×2
block: nearest-neighbour upsampling, a 3×3 convolution whose weights are scaled per input channel by a style
(an affine map of w) and then demodulated (:func:`demodulate`), a bias and LeakyReLU(0.2); a modulated 1×1
"toRGB" without demodulation, and tanh. As the DCGAN, one block more per doubling of the side.

Left out, because this network trains without them at 32–64 px on a CPU: the per-pixel noise inputs, style
mixing, the path-length regulariser, the equalised learning rate (Adam and demodulation make the result nearly
independent of the weights' scale), the mapping network's lower learning rate, the skip or residual
architecture (one toRGB at the end) and the truncation trick.
"""

import math

import torch
import torch.nn.functional as F
from torch import nn

from .dcgan import FIRST_SIDES, MNIST_SIDE, _check_image, _check_widths, blocks
from .mlp import IMAGE_SHAPE

# The default widths by image size: the constant's maps, then one width per ×2 block. At 32 px about the
# parameters and step time of the DCGAN's G (lesson 09 measures both).
STYLE_WIDTHS = {MNIST_SIDE: (64, 64, 32), 32: (128, 64, 32, 16), 64: (128, 64, 32, 16, 8)}
DEMODULATION_EPS = 1e-8


def demodulation_scales(weight: torch.Tensor, styles: torch.Tensor, *,
                        eps: float = DEMODULATION_EPS) -> torch.Tensor:
    """The N×O factors 1 / sqrt(Σ_{i,k,k} (s_{n,i}·w_{o,i})² + eps) that demodulate a convolution's ``weight``
    (O×I×k×k) modulated by ``styles`` (N×I): computed as (s²)·(Σ_{k,k} w²)ᵀ, without the N×O×I×k×k weights
    of :func:`demodulate`. Lesson 09."""
    return torch.rsqrt(styles.pow(2) @ weight.pow(2).sum(dim=(2, 3)).T + eps)


def demodulate(weight: torch.Tensor, styles: torch.Tensor, *, eps: float = DEMODULATION_EPS) -> torch.Tensor:
    """StyleGAN2's modulation and demodulation of a convolution's ``weight`` (O×I×k×k) by ``styles`` (N×I,
    one scale per input channel of each of N samples): the N×O×I×k×k weights
    w'_{n,o,i} = s_{n,i}·w_{o,i} / sqrt(Σ_{i,k,k} (s_{n,i}·w_{o,i})² + eps).
    Each output channel's weights then have unit norm, so for inputs of unit variance, independent
    across channels and pixels, every output channel has unit variance whatever the style. Lesson 09 (the
    exercise derives it; :class:`ModulatedConv2d` applies the same weights without building them)."""
    scales = demodulation_scales(weight, styles, eps=eps)
    return weight[None] * styles[:, None, :, None, None] * scales[:, :, None, None, None]


class ModulatedConv2d(nn.Module):
    """Maps N×width_in×H×W and w (N×w_dim) → N×width_out×H×W: a k×k convolution (padding k // 2) whose weights
    are modulated by the styles ``affine(w)`` (N×width_in; at the start about 1 ± 1 for w of unit rms: the
    affine map's bias starts at 1, its weights at N(0, 1/w_dim), as in StyleGAN2) and, if ``demodulated``,
    demodulated (:func:`demodulate`); then a bias. Convolving with each sample's
    weights is the same as scaling the input's channels by the styles, convolving with the shared weights and
    scaling each output channel by :func:`demodulation_scales`, which is what is computed (Karras et al. 2020,
    "fused_modconv" off): about 4× faster on a CPU than one grouped convolution with N groups. Lesson 09."""

    def __init__(self, width_in: int, width_out: int, *, w_dim: int, kernel_size: int = 3,
                 demodulated: bool = True) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.randn(width_out, width_in, kernel_size, kernel_size)
                                   / math.sqrt(width_in * kernel_size * kernel_size))
        self.bias = nn.Parameter(torch.zeros(width_out))
        self.affine = nn.Linear(w_dim, width_in)
        nn.init.normal_(self.affine.weight, std=w_dim ** -0.5)  # styles about 1 ± 1 for w of unit rms
        nn.init.ones_(self.affine.bias)
        self.demodulated = demodulated

    def forward(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        styles = self.affine(w)
        out = F.conv2d(x * styles[:, :, None, None], self.weight, padding=self.weight.shape[-1] // 2)
        if self.demodulated:
            out = out * demodulation_scales(self.weight, styles)[:, :, None, None]
        return out + self.bias[:, None, None]


class StyleBlock(nn.Module):
    """N×width_in×H×W and w → N×width_out×2H×2W: nearest ×2, a demodulated 3×3 :class:`ModulatedConv2d`,
    LeakyReLU(0.2). Lesson 09."""

    def __init__(self, width_in: int, width_out: int, *, w_dim: int) -> None:
        super().__init__()
        self.conv = ModulatedConv2d(width_in, width_out, w_dim=w_dim)

    def forward(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return F.leaky_relu(self.conv(F.interpolate(x, scale_factor=2, mode="nearest"), w), 0.2)


class PixelNorm(nn.Module):
    """Each row of N×D divided by its root mean square (Karras et al. 2018): z then lies near the sphere of
    radius sqrt(D). Lesson 09."""

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return z * torch.rsqrt(z.pow(2).mean(dim=1, keepdim=True) + DEMODULATION_EPS)


class StyleGenerator(nn.Module):
    """Noise ``z`` (N×latent_dim, standard normal) → images N×C×S×S in [−1, 1] (tanh), C = ``channels`` (1 or
    3), S = ``image_size`` (28, 32 or 64), through the mapping network and modulated convolutions (module
    docstring).

    ``mapping_layers`` Linear layers of ``w_dim`` units, each followed by LeakyReLU(0.2), take the pixel-normed z
    to w (N×w_dim). Their weights start as He et al. (2015) say, so that w keeps z's unit rms: with PyTorch's
    default initialisation each layer shrinks it about 2×, the styles all start at the affine maps' bias and
    every z draws nearly the same picture (the spread over z is 40× smaller). ``widths`` holds the constant's
    maps, then one width per ×2 block (3 for 28 px, 4 for 32, 5 for 64); None: :data:`STYLE_WIDTHS`. Default
    at 32 px: a constant 128×4×4 → 64×8×8 → 32×16×16 → 16×32×32 → 3×32×32, with w of 256 from 4 mapping
    layers: 383,891 parameters (the DCGAN's G: 370,627). Lesson 09.
    """

    sample_shape = IMAGE_SHAPE  # of the default; an instance states its own

    def __init__(self, *, latent_dim: int = 100, w_dim: int = 256, mapping_layers: int = 4,
                 widths: tuple[int, ...] | None = None, channels: int = 1, image_size: int = MNIST_SIDE) -> None:
        super().__init__()
        _check_image(channels, image_size)
        widths = STYLE_WIDTHS[image_size] if widths is None else tuple(widths)
        _check_widths(widths, count=blocks(image_size) + 1)
        _check_widths((w_dim, mapping_layers), count=2, name="w_dim and mapping_layers")
        self.latent_dim = latent_dim
        self.sample_shape = (channels, image_size, image_size)
        layers = [PixelNorm()]
        for width_in in (latent_dim, *[w_dim] * (mapping_layers - 1)):
            layers += [nn.Linear(width_in, w_dim), nn.LeakyReLU(0.2)]
        self.mapping = nn.Sequential(*layers)
        for linear in self.mapping[1::2]:  # He's initialisation: w keeps z's unit rms (PyTorch's shrinks it)
            nn.init.kaiming_normal_(linear.weight, a=0.2)
            nn.init.zeros_(linear.bias)
        side = FIRST_SIDES[image_size]
        self.constant = nn.Parameter(torch.randn(1, widths[0], side, side))
        self.blocks = nn.ModuleList(StyleBlock(width_in, width_out, w_dim=w_dim)
                                    for width_in, width_out in zip(widths, widths[1:]))
        self.to_rgb = ModulatedConv2d(widths[-1], channels, w_dim=w_dim, kernel_size=1, demodulated=False)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        w = self.mapping(z)
        x = self.constant.expand(len(z), -1, -1, -1)
        for block in self.blocks:
            x = block(x, w)
        return torch.tanh(self.to_rgb(x, w))
