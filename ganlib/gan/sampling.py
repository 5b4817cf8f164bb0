"""Drawing samples from a generator, and the moving average of its weights that samples best.

Used by lessons 05–08, the training loop (grids, scores, ``samples.pt``) and ``python -m ganlib sample``.
"""

import torch
from torch import nn


@torch.no_grad()
def generate(generator: nn.Module, noise: torch.Tensor, *, batch_size: int = 1000) -> torch.Tensor:
    """Samples G makes from ``noise`` (N×latent_dim), in eval mode, float32 on the CPU: images
    N×1×28×28 in [−1, 1] for the MNIST models, points N×2 for "toy2d".

    Used by lessons 05 and 06, the training loop's grids and scores, and ``samples.pt``.
    """
    was_training = generator.training
    generator.eval()
    device = next(generator.parameters()).device
    images = torch.cat([generator(chunk.to(device)).float().cpu() for chunk in noise.split(batch_size)])
    generator.train(was_training)
    return images


def fixed_noise(n: int, latent_dim: int, *, seed: int) -> torch.Tensor:
    """n×latent_dim standard normal noise drawn on the CPU from ``seed``: the same on every device."""
    return torch.randn(n, latent_dim, generator=torch.Generator().manual_seed(seed))


@torch.no_grad()
def update_ema(average: nn.Module, model: nn.Module, *, decay: float) -> None:
    """average ← decay·average + (1 − decay)·model, weight by weight (BatchNorm statistics are not
    averaged: :func:`refresh_batchnorm` recomputes them for the averaged weights)."""
    for averaged, current in zip(average.parameters(), model.parameters()):
        averaged.lerp_(current, 1.0 - decay)


def ema_decay(decay: float, steps: int) -> float:
    """The decay used after ``steps`` generator steps: min(decay, (1 + steps) / (10 + steps)).
    Early on the average then forgets the random initial weights quickly (TensorFlow's
    ExponentialMovingAverage with ``num_updates`` does the same)."""
    return min(decay, (1.0 + steps) / (10.0 + steps))


@torch.no_grad()
def refresh_batchnorm(generator: nn.Module, noise: torch.Tensor) -> None:
    """Set the BatchNorm statistics of ``generator`` to those of its activations on ``noise``
    (N×latent_dim, on its device). An averaged generator needs this: the running statistics
    collected while training belong to the current weights, not to their average."""
    norms = [m for m in generator.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    momenta = [norm.momentum for norm in norms]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None  # a cumulative average: after one batch, exactly its statistics
    generator.train()
    generator(noise)
    for norm, momentum in zip(norms, momenta):
        norm.momentum = momentum
    generator.eval()
