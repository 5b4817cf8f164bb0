"""Figures of style transfer (lesson 10): pictures side by side, and how the losses of a painting fall step
by step. Each returns a matplotlib Figure labelled in the notebook's language."""

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import torch

from ..i18n import tr


def show_pictures(pictures: Sequence[torch.Tensor], titles: Sequence[str], *, height: float = 2.6) -> plt.Figure:
    """One row of pictures, each 1×3×H×W or 3×H×W with values in [0, 1] (clipped), sizes free, under its title;
    ``height`` in inches. Lesson 10."""
    if len(pictures) != len(titles):
        raise ValueError(f"got {len(pictures)} pictures and {len(titles)} titles; give one title per picture")
    arrays = [picture.detach().reshape(3, *picture.shape[-2:]).clamp(0, 1).permute(1, 2, 0).cpu().numpy()
              for picture in pictures]
    widths = [array.shape[1] / array.shape[0] for array in arrays]
    fig, axes = plt.subplots(1, len(arrays), figsize=(height * sum(widths) + 0.2 * len(arrays), height + 0.5),
                             gridspec_kw={"width_ratios": widths}, squeeze=False)
    for ax, array, title in zip(axes[0], arrays, titles):
        ax.imshow(array, interpolation="nearest")
        ax.set_title(title, fontsize=9)
        ax.set_axis_off()
    fig.tight_layout()
    return fig


def show_painting_losses(histories: Mapping[str, Mapping[str, Sequence[float]]], *,
                         parts: Sequence[str] = ("content", "style")) -> plt.Figure:
    """For each painting (name → :attr:`ganlib.style.Painting.history`), its unweighted ``parts`` losses
    against the step, on a log scale, one panel per part. Lesson 10."""
    names = {"content": tr(en="content loss", vi="mất mát nội dung"),
             "style": tr(en="style loss", vi="mất mát phong cách"),
             "tv": tr(en="total variation", vi="biến phân toàn phần")}
    fig, axes = plt.subplots(1, len(parts), figsize=(4.2 * len(parts), 3.2), squeeze=False)
    for ax, part in zip(axes[0], parts):
        for label, history in histories.items():
            ax.plot(history[part], label=label)
        ax.set_yscale("log")
        ax.set_xlabel(tr(en="step", vi="bước"))
        ax.set_title(names[part])
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.tight_layout()
    return fig
