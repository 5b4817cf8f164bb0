"""The ring of Gaussians, the standard 2-D test of mode collapse (counted by ``ganlib.metrics.ring``).

Eight narrow Gaussians on a circle: radius 2, standard deviation 0.02, the setting of the
unrolled-GAN experiments that VEEGAN and PacGAN reused. A generator that lands on some modes and
misses others has collapsed, and here, unlike on images, that can be counted exactly.
Used by lesson 06.
"""

import math

import torch


def ring_centres(*, modes: int = 8, radius: float = 2.0) -> torch.Tensor:
    """The ``modes`` centres, evenly spaced on a circle of ``radius``: a modes×2 float32 tensor."""
    angles = torch.arange(modes, dtype=torch.float64) * (2 * math.pi / modes)
    return (radius * torch.stack([angles.cos(), angles.sin()], dim=1)).float()


def sample_ring(n: int, *, modes: int = 8, radius: float = 2.0, std: float = 0.02,
                generator: torch.Generator | None = None) -> torch.Tensor:
    """n points (an n×2 float32 tensor) from the equal-weight mixture of Gaussians on the ring."""
    if n < 1 or modes < 1 or not std > 0:
        raise ValueError(f"need n ≥ 1, modes ≥ 1 and std > 0, got n={n}, modes={modes}, std={std}")
    which = torch.randint(modes, (n,), generator=generator)
    return ring_centres(modes=modes, radius=radius)[which] + std * torch.randn(n, 2, generator=generator)
