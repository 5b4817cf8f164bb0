"""How much a convolution can stretch its input, two ways: the largest singular value of its kernel
reshaped into a matrix (what ``torch.nn.utils.parametrizations.spectral_norm`` divides by) and the
true operator norm of the convolution as a linear map on images of a given side. Lesson 07.

The two differ: a stride-s convolution with a k×k kernel uses each input pixel in up to (k/s)² output
positions, so its gain can exceed the reshaped matrix's σ by up to about k/s (2 for kernel 4,
stride 2), and spectral normalisation bounds the matrix, not the convolution.
"""

import torch
import torch.nn.functional as F
from torch import nn


def reshaped_sigma(layer: nn.Conv2d) -> float:
    """The largest singular value of ``layer.weight`` reshaped to out_channels × (in_channels·k·k),
    computed exactly (SVD), for the weight the layer uses now (already divided by the spectral
    normalisation's estimate if the layer has one)."""
    with torch.no_grad():
        weight = layer.weight
        return float(torch.linalg.matrix_norm(weight.reshape(weight.shape[0], -1), ord=2))


def conv_operator_norm(layer: nn.Conv2d, *, side: int, iterations: int = 100, seed: int = 0) -> float:
    """The largest factor by which ``layer`` (bias left out: the linear part only) stretches an
    input of in_channels × side × side, ‖conv(x)‖ / ‖x‖ maximised over x, by power iteration on
    convᵀ·conv (``conv_transpose2d`` is the adjoint). ``iterations`` ≥ 1; the estimate grows
    towards the true value from below. Seeded: the same number every call."""
    if not isinstance(layer, nn.Conv2d):
        raise ValueError(f"layer must be an nn.Conv2d, got {type(layer).__name__}")
    if side < 1 or iterations < 1:
        raise ValueError(f"side and iterations must be ≥ 1, got side={side}, iterations={iterations}")
    options = dict(stride=layer.stride, padding=layer.padding, dilation=layer.dilation, groups=layer.groups)
    with torch.no_grad():
        weight = layer.weight
        x = torch.randn(1, weight.shape[1] * layer.groups, side, side,
                        generator=torch.Generator().manual_seed(seed))
        y = F.conv2d(x, weight, **options)
        gain = 0.0
        for _ in range(iterations):
            x = F.conv_transpose2d(y, weight, **options,
                                   output_padding=_output_padding(layer, side=side, out_side=y.shape[-1]))
            x = x / x.norm()
            y = F.conv2d(x, weight, **options)
            gain = float(y.norm())
        return gain


def _output_padding(layer: nn.Conv2d, *, side: int, out_side: int) -> int:
    """The output_padding that makes conv_transpose2d give back an input of ``side`` (a stride above 1
    maps several sides to the same ``out_side``)."""
    (stride, _), (padding, _), (kernel, _) = layer.stride, layer.padding, layer.kernel_size
    dilation, _ = layer.dilation
    return side - ((out_side - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1)


def conv_gains(discriminator: nn.Module, *, side: int = 28, iterations: int = 100) -> list[dict]:
    """For each nn.Conv2d of ``discriminator`` in order (the input side halving at each stride-2 layer,
    starting from ``side``): {"layer", "reshaped_sigma", "operator_norm"} as returned by
    :func:`reshaped_sigma` and :func:`conv_operator_norm`."""
    rows = []
    for index, layer in enumerate(module for module in discriminator.modules() if isinstance(module, nn.Conv2d)):
        rows.append({"layer": index + 1, "reshaped_sigma": reshaped_sigma(layer),
                     "operator_norm": conv_operator_norm(layer, side=side, iterations=iterations)})
        (stride, _), (padding, _), (kernel, _) = layer.stride, layer.padding, layer.kernel_size
        side = (side + 2 * padding - kernel) // stride + 1
    return rows
