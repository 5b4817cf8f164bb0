"""How well 2-D samples cover the ring of Gaussians of ``ganlib.data.ring``: modes covered, the share of
high-quality samples and the KL of the mode histogram, as in the VEEGAN and PacGAN experiments. Lesson 06.
"""

import torch

from ..data.ring import ring_centres


def mode_coverage(samples: torch.Tensor, *, modes: int = 8, radius: float = 2.0, std: float = 0.02,
                  min_count: int | None = None) -> dict:
    """How well ``samples`` (an N×2 tensor) cover the ring.

    Each sample belongs to its nearest centre. It is *high quality* if it lies within 3·std of
    that centre. A mode is *covered* if it holds at least ``min_count`` high-quality samples
    (default: 20 per 2500 samples, the threshold of the PacGAN experiments, scaled to N).
    Returns plain numbers: "n"; "modes_covered" (0..modes); "high_quality" (share of samples,
    0..1); "kl_modes", the KL divergence in nats of the histogram of nearest centres from the
    uniform one (0 for a perfect spread, log(modes) ≈ 2.079 when every sample sits on one mode);
    and "counts", the high-quality samples per mode.
    """
    if samples.ndim != 2 or samples.shape[1] != 2:
        raise ValueError(f"samples must be N×2, got shape {tuple(samples.shape)}")
    if not torch.isfinite(samples).all():
        raise ValueError("samples contain NaN or infinite values: the generator has diverged")
    n = len(samples)
    min_count = min_count if min_count is not None else max(1, round(20 * n / 2500))
    distances = torch.cdist(samples.double(), ring_centres(modes=modes, radius=radius).double())
    nearest_distance, nearest = distances.min(dim=1)
    good = nearest_distance < 3 * std
    counts = torch.bincount(nearest[good], minlength=modes)
    shares = torch.bincount(nearest, minlength=modes).double() / n
    present = shares > 0
    kl = float((shares[present] * (shares[present] * modes).log()).sum())
    return {"n": n, "modes_covered": int((counts >= min_count).sum()), "high_quality": float(good.double().mean()),
            "kl_modes": kl, "counts": counts.tolist()}
