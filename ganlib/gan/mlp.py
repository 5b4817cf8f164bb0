"""The multilayer-perceptron networks: lesson 05's MNIST GAN and lesson 06's 2-D toy GAN.

Initialisation: PyTorch's default for every layer — ``nn.Linear`` weights and biases uniform in
(−1/√fan_in, 1/√fan_in), BatchNorm scale 1 and shift 0. Nothing is re-initialised afterwards.
"""

import math

import torch
from torch import nn

IMAGE_SHAPE = (1, 28, 28)


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
