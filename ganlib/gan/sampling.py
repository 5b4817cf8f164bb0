"""Drawing samples from a generator, and the moving average of its weights that samples best.

Used by lessons 05–08, the training loop (grids, scores, ``samples.pt``) and ``python -m ganlib sample``.
"""

import torch
from torch import nn


@torch.no_grad()
def generate(generator: nn.Module, noise: torch.Tensor, *, labels: torch.Tensor | None = None,
             batch_size: int = 1000) -> torch.Tensor:
    """Samples G makes from ``noise`` (N×latent_dim), in eval mode, float32 on the CPU: images
    N×1×28×28 in [−1, 1] for the MNIST models, points N×2 for "toy2d". A conditional generator
    (lesson 08) also takes ``labels``, the N digits to draw (int64 in 0..9).

    Used by lessons 05–08, the training loop's grids and scores, ``samples.pt`` and ``python -m ganlib sample``.
    """
    was_training = generator.training
    generator.eval()
    device = next(generator.parameters()).device
    if labels is not None and len(labels) != len(noise):
        raise ValueError(f"labels must be one per noise vector: got {len(labels)} for {len(noise)}")
    parts = noise.split(batch_size)
    conditions = [()] * len(parts) if labels is None else [(y.to(device),) for y in labels.split(batch_size)]
    images = torch.cat([generator(z.to(device), *condition).float().cpu() for z, condition in zip(parts, conditions)])
    generator.train(was_training)
    return images


def fixed_noise(n: int, latent_dim: int, *, seed: int) -> torch.Tensor:
    """n×latent_dim standard normal noise drawn on the CPU from ``seed``: the same on every device."""
    return torch.randn(n, latent_dim, generator=torch.Generator().manual_seed(seed))


def fixed_labels(n: int, *, num_classes: int = 10) -> torch.Tensor:
    """The labels (int64, shape n) that go with fixed noise for a conditional generator: each class
    ten times in a row, 0, 0, …, 1, 1, …, repeating every 10·num_classes. In a 10-wide grid each
    row is then one digit, and n a multiple of 100 holds n/10 of each. Lesson 08 and the loop."""
    return (torch.arange(n) // 10) % num_classes


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
def refresh_batchnorm(generator: nn.Module, noise: torch.Tensor, *, labels: torch.Tensor | None = None) -> None:
    """Set the BatchNorm statistics of ``generator`` to those of its activations on ``noise``
    (N×latent_dim, on its device), with ``labels`` (N) for a conditional generator. An averaged
    generator needs this: the running statistics collected while training belong to the current
    weights, not to their average. A generator without BatchNorm (lesson 09's "dcgan-style") only goes
    to eval mode: running it on ``noise`` would change nothing."""
    norms = [m for m in generator.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if not norms:
        generator.eval()
        return
    momenta = [norm.momentum for norm in norms]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None  # a cumulative average: after one batch, exactly its statistics
    generator.train()
    generator(noise, *(() if labels is None else (labels,)))
    for norm, momentum in zip(norms, momenta):
        norm.momentum = momentum
    generator.eval()
