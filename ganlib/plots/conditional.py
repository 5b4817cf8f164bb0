"""Figures of a conditional generator: digits by row and style by column, the conditional scores
beside real digits', and a walk along the noise with the digit fixed. Lesson 08."""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
from torchvision.utils import make_grid

from ..gan.sampling import generate
from ..i18n import tr
from ..metrics.classifier import NUM_CLASSES, shipped_classifier
from .style import FAKE_COLOR, REAL_COLOR

WALK_STEPS = 10


def _image_grid(images: torch.Tensor, *, nrow: int) -> np.ndarray:
    # Images in [−1, 1] → one grey image with 2-pixel grey padding, as show_digits draws them.
    return make_grid((images.detach().float().cpu() + 1.0) / 2.0, nrow=nrow, padding=2, pad_value=0.5)[0].numpy()


def show_conditional_grid(images: torch.Tensor, *, title: str | None = None) -> plt.Figure:
    """``images`` (100×1×28×28 in [−1, 1]) as a 10×10 grid whose row k is digit k and whose column j
    is the j-th noise vector, with the rows and columns labelled. Lesson 08."""
    if images.ndim != 4 or images.shape[0] != NUM_CLASSES * NUM_CLASSES or images.shape[1] != 1:
        raise ValueError(f"images must be 100×1×28×28 (ten digits × ten noise vectors), got {tuple(images.shape)}")
    grid = _image_grid(images, nrow=NUM_CLASSES)
    fig, ax = plt.subplots(figsize=(5.6, 5.6))
    ax.imshow(grid, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    centres = [2 + 15 + 30 * k for k in range(NUM_CLASSES)]  # 28-pixel cells, 2-pixel padding
    ax.set_yticks(centres, [str(k) for k in range(NUM_CLASSES)])
    ax.set_xticks(centres, [f"z{j + 1}" for j in range(NUM_CLASSES)], fontsize=8)
    ax.tick_params(length=0)
    ax.set_ylabel(tr(en="label y (content)", vi="nhãn y (nội dung)"))
    ax.set_xlabel(tr(en="noise z (style)", vi="nhiễu z (phong cách)"))
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def show_conditional_scores(scores: dict, real: dict) -> plt.Figure:
    """Per digit, the generator's conditional accuracy and per-class recall (from
    :func:`ganlib.metrics.conditional.score_conditional`) beside real digits scored the same way
    (:func:`ganlib.metrics.conditional.real_conditional_scores`). Lesson 08."""
    digits = np.arange(NUM_CLASSES)
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.4))
    panels = ((axes[0], "accuracy_per_digit", tr(en="conditional accuracy", vi="độ chính xác có điều kiện")),
              (axes[1], "recall_per_digit", tr(en="per-class recall", vi="recall theo lớp")))
    for ax, key, title in panels:
        for offset, values, colour, label in ((-0.2, scores[key], FAKE_COLOR, tr(en="generator", vi="bộ sinh")),
                                              (0.2, real[key], REAL_COLOR, tr(en="real digits", vi="chữ số thật"))):
            ax.bar(digits + offset, [math.nan if v is None else v for v in values], width=0.4, color=colour,
                   label=label)
        ax.set_xticks(digits)
        ax.set_xlabel(tr(en="asked digit y", vi="chữ số được yêu cầu y"))
        ax.set_ylim(0.0, 1.05)
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def walk_noise(z_start: torch.Tensor, z_end: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Points z(t) = cos(πt/2)·z_start + sin(πt/2)·z_end for t (shape T) in [0, 1], shape T×latent_dim.
    For independent standard normal ends every z(t) is standard normal too (cos² + sin² = 1)."""
    angle = (torch.pi / 2) * t.reshape(-1, 1)
    return torch.cos(angle) * z_start.reshape(1, -1) + torch.sin(angle) * z_end.reshape(1, -1)


def plot_digit_walk(generator: torch.nn.Module, *, digit: int, z_start: torch.Tensor, z_end: torch.Tensor,
                    steps: int = WALK_STEPS, highlight: int | None = None) -> plt.Figure:
    """A strip of ``steps`` samples of ``digit`` from a conditional ``generator``, the noise walking
    from ``z_start`` to ``z_end`` (:func:`walk_noise`, t = 0 … 1); the step ``highlight`` is framed.
    Lesson 08."""
    if not 0 <= digit < NUM_CLASSES:
        raise ValueError(f"digit must be 0..9, got {digit!r}")
    t = torch.linspace(0.0, 1.0, steps)
    images = generate(generator, walk_noise(z_start, z_end, t), labels=torch.full((steps,), digit))
    fig, ax = plt.subplots(figsize=(steps * 0.8, 1.4))
    ax.imshow(_image_grid(images, nrow=steps), cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_xticks([2 + 15 + 30 * k for k in range(steps)], [f"{v:.2f}" for v in t.tolist()], fontsize=7)
    ax.set_yticks([])
    ax.set_xlabel("t")
    if highlight is not None:
        ax.add_patch(plt.Rectangle((30 * highlight + 0.5, 0.5), 30, 30, fill=False, edgecolor="tab:orange",
                                   linewidth=2))
    ax.set_title(tr(en=f"Digit {digit}, the noise walking from z0 (t = 0) to z1 (t = 1)",
                    vi=f"Chữ số {digit}, nhiễu đi từ z0 (t = 0) tới z1 (t = 1)"), fontsize=10)
    fig.tight_layout()
    return fig


def plot_walk_point(generator: torch.nn.Module, *, digit: int, z_start: torch.Tensor, z_end: torch.Tensor,
                    t: float) -> plt.Figure:
    """One sample of ``digit`` at the point z(t) of :func:`walk_noise`, with the probabilities the
    course's classifier gives each digit for it. What :func:`ganlib.plots.widgets.digit_walk_widget`
    draws. Lesson 08."""
    if not 0 <= digit < NUM_CLASSES:
        raise ValueError(f"digit must be 0..9, got {digit!r}")
    image = generate(generator, walk_noise(z_start, z_end, torch.tensor([float(t)])), labels=torch.tensor([digit]))
    with torch.no_grad():
        probabilities = torch.softmax(shipped_classifier()((image + 1.0) / 2.0), dim=1)[0]
    fig, (left, right) = plt.subplots(1, 2, figsize=(6.5, 2.6), gridspec_kw={"width_ratios": [1, 1.6]})
    left.imshow((image[0, 0].numpy() + 1.0) / 2.0, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    left.set_axis_off()
    left.set_title(tr(en=f"asked: {digit}, t = {t:.2f}", vi=f"yêu cầu: {digit}, t = {t:.2f}"), fontsize=10)
    colours = [FAKE_COLOR if k == digit else "lightgrey" for k in range(NUM_CLASSES)]
    right.bar(range(NUM_CLASSES), probabilities[0], color=colours)
    right.set_xticks(range(NUM_CLASSES))
    right.set_ylim(0.0, 1.0)
    right.set_xlabel(tr(en="digit", vi="chữ số"))
    right.set_title(tr(en="what the classifier reads", vi="bộ phân loại đọc ra"), fontsize=10)
    fig.tight_layout()
    return fig
