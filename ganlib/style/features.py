"""Feature networks for style transfer that work offline. Lesson 10 and ``python -m ganlib stylize``.

Every tutorial of style transfer downloads VGG-19's ImageNet weights (about 550 MB). The course's
default needs no download: :class:`RandomFeatures`, a small VGG-like network whose filters are random
(He, Wang & Hopcroft 2016 transferred style with random-weight networks). Random filters still respond
to edges, colours and their combinations at several scales, which is what Gram matrices summarise.
Where VGG-19's weights already sit in torchvision's cache (``torch.hub.get_dir()/checkpoints``),
:func:`feature_network` uses them instead; it never downloads.

A feature network maps images (N×3×H×W in [0, 1]) to two lists of feature maps (each N×C×h×w): the
content layers and the style layers.
"""

import math
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from ..i18n import tr

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
VGG19_FILE = "vgg19-dcbb9e9d.pth"  # the file name torchvision gives VGG-19's ImageNet weights
VGG19_STYLE = (1, 6, 11, 20, 29)  # relu1_1 … relu5_1 in torchvision's vgg19().features
VGG19_CONTENT = (22,)  # relu4_2


def normalise(images: torch.Tensor) -> torch.Tensor:
    """Images in [0, 1] (N×3×H×W) → ImageNet-normalised, as VGG-19 was trained on. Lesson 10."""
    mean = images.new_tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = images.new_tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (images - mean) / std


def halve(images: torch.Tensor) -> torch.Tensor:
    """Half the height and width, antialiased (a plain 2×2 average leaves blocks in the painted image)."""
    return F.interpolate(images, scale_factor=0.5, mode="bilinear", antialias=True)


class RandomFeatures(nn.Module):
    """A VGG-like network of random filters, the course's offline feature network (Lesson 10).

    Blocks of ``depth`` 3×3 convolutions with ReLU (reflection padding), widths ``widths``, the image
    halved between blocks; weights drawn once from ``seed`` with He's scaling (std √(2 / (9·C_in))),
    so activations keep their size through the layers; never trained. Style layers: the first ReLU
    of each block (1, ½, ¼, ⅛ of the image's size); content layer: the last ReLU of block
    ``content_block`` (¼ of the size by default). Inputs N×3×H×W in [0, 1], H and W at least 16."""

    def __init__(self, *, widths: tuple[int, ...] = (32, 64, 128, 128), depth: int = 2, content_block: int = 2,
                 seed: int = 0):
        super().__init__()
        generator = torch.Generator().manual_seed(seed)
        shapes, channels = [], 3
        for width in widths:
            for _ in range(depth):
                shapes.append((width, channels, 3, 3))
                channels = width
        self.weights = nn.ParameterList(
            nn.Parameter(torch.randn(shape, generator=generator) * math.sqrt(2 / (9 * shape[1])), requires_grad=False)
            for shape in shapes)
        self.depth, self.content_block = depth, content_block

    def forward(self, images: torch.Tensor) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        x, content, style = normalise(images), [], []
        for index, weight in enumerate(self.weights):
            block, layer = divmod(index, self.depth)
            if layer == 0 and block > 0:
                x = halve(x)
            x = F.relu(F.conv2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), weight))
            if layer == 0:
                style.append(x)
            if block == self.content_block and layer == self.depth - 1:
                content.append(x)
        return content, style


class VGG19Features(nn.Module):
    """VGG-19's convolutional layers with ImageNet weights read from ``path`` (Gatys et al.'s network):
    style layers relu1_1 … relu5_1, content layer relu4_2. Inputs N×3×H×W in [0, 1]. Lesson 10."""

    def __init__(self, path: Path):
        super().__init__()
        from torchvision.models import vgg19

        network = vgg19(weights=None)
        network.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        self.layers = network.features[:max(VGG19_STYLE) + 1].eval().requires_grad_(False)

    def forward(self, images: torch.Tensor) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        x, content, style = normalise(images), [], []
        for index, layer in enumerate(self.layers):
            x = layer(x)
            if index in VGG19_CONTENT:
                content.append(x)
            if index in VGG19_STYLE:
                style.append(x)
        return content, style


def cached_vgg19() -> Path | None:
    """The path of VGG-19's ImageNet weights in torchvision's cache if they are there, else None;
    nothing is downloaded. Lesson 10."""
    path = Path(torch.hub.get_dir()) / "checkpoints" / VGG19_FILE
    return path if path.is_file() else None


def feature_network(*, seed: int = 0, use_vgg19: bool = True, verbose: bool = True) -> nn.Module:
    """The feature network for style transfer: VGG-19 where its weights are already cached (and
    ``use_vgg19``), else :class:`RandomFeatures` drawn from ``seed``. With ``verbose``, one printed
    line says which. Lesson 10 and ``python -m ganlib stylize``."""
    path = cached_vgg19() if use_vgg19 else None
    if path is not None:
        network = VGG19Features(path)
        message = tr(en=f"feature network: VGG-19 with ImageNet weights (found in {path})",
                     vi=f"mạng đặc trưng: VGG-19 với trọng số ImageNet (có sẵn tại {path})")
    else:
        network = RandomFeatures(seed=seed)
        message = tr(en=f"feature network: random filters, seed {seed} (offline; VGG-19's weights are not "
                        "in torchvision's cache, and nothing is downloaded)",
                     vi=f"mạng đặc trưng: bộ lọc ngẫu nhiên, seed {seed} (không cần Internet: bộ nhớ đệm "
                        "của torchvision không có trọng số VGG-19, và không có gì được tải xuống)")
    if verbose:
        print(message)
    return network
