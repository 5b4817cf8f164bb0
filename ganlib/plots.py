"""Figures of digits and training, labelled in the notebook's language. Each returns a matplotlib Figure."""

import matplotlib.pyplot as plt
import torch
from torchvision.utils import make_grid


def show_digits(images: torch.Tensor, *, nrow: int = 10, title: str | None = None,
                value_range: tuple[float, float] = (0.0, 255.0)) -> plt.Figure:
    """A grid of digits: ``images`` is N×1×28×28 with values in ``value_range``
    ((0, 255) for uint8 MNIST, (−1, 1) for generator output). Used by lessons 00 and 05."""
    if images.ndim != 4 or images.shape[1] != 1:
        raise ValueError(f"images must be N×1×H×W, got shape {tuple(images.shape)}")
    low, high = value_range
    scaled = ((images.detach().float().cpu() - low) / (high - low)).clamp(0.0, 1.0)
    grid = make_grid(scaled, nrow=nrow, padding=2, pad_value=0.5)[0]
    fig, ax = plt.subplots(figsize=(nrow * 0.5, grid.shape[0] / grid.shape[1] * nrow * 0.5))
    ax.imshow(grid.numpy(), cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
