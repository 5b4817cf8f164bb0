"""Figures of digits and training, labelled in the notebook's language. Each returns a matplotlib Figure."""

import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from torchvision.utils import make_grid

from ..i18n import tr


def show_digits(images: torch.Tensor, *, nrow: int = 10, title: str | None = None,
                value_range: tuple[float, float] = (0.0, 255.0)) -> plt.Figure:
    """A grid of digits or pictures: ``images`` is N×1×H×W (grey, e.g. MNIST's 28×28) or N×3×H×W (RGB,
    lesson 09's colour pictures) with values in ``value_range`` ((0, 255) for uint8 images, (−1, 1) for
    generator output). Used by lessons 00, 05 and 09."""
    if images.ndim != 4 or images.shape[1] not in (1, 3):
        raise ValueError(f"images must be N×1×H×W (grey) or N×3×H×W (colour), got shape {tuple(images.shape)}")
    low, high = value_range
    scaled = ((images.detach().float().cpu() - low) / (high - low)).clamp(0.0, 1.0)
    grid = make_grid(scaled, nrow=nrow, padding=2, pad_value=0.5)  # 3×H×W, grey images repeated in R, G and B
    grid = grid[0] if images.shape[1] == 1 else grid.permute(1, 2, 0)  # H×W (drawn in grey) or H×W×3 (RGB)
    fig, ax = plt.subplots(figsize=(nrow * 0.5, grid.shape[0] / grid.shape[1] * nrow * 0.5))
    ax.imshow(grid.numpy(), cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def _epoch_axis(ax: plt.Axes) -> None:
    ax.set_xlabel(tr(en="epoch", vi="epoch"))
    ax.grid(alpha=0.3)


def show_losses(history: dict) -> plt.Figure:
    """Per-epoch mean losses of D and G from a training ``history``. For the cross-entropy losses
    ("ns", "minimax", in nats) the values at the equilibrium D = 1/2 are marked: log 4 for D (log 2 on
    real plus log 2 on fake), log 2 for G's non-saturating loss, −log 2 for the minimax loss. A
    "wgan-gp" critic has no such equilibrium value (its loss estimates −W1 plus the penalty), so none
    is drawn. Used by lessons 05–08.
    """
    epochs = history["epoch"]
    loss = history["config"]["loss"]
    critic = loss == "wgan-gp"
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(epochs, history["loss_D"], color="tab:blue",
            label=tr(en="loss of the critic", vi="mất mát của critic") if critic else tr(en="loss of D", vi="mất mát của D"))
    ax.plot(epochs, history["loss_G"], color="tab:orange", label=tr(en="loss of G", vi="mất mát của G"))
    if not critic:
        sign = "" if loss == "ns" else "−"
        ax.axhline(math.log(4), color="tab:blue", linestyle="--", linewidth=1,
                   label=tr(en="D at equilibrium: log 4", vi="D tại cân bằng: log 4"))
        ax.axhline(math.log(2) if loss == "ns" else -math.log(2), color="tab:orange", linestyle="--", linewidth=1,
                   label=tr(en=f"G at equilibrium: {sign}log 2", vi=f"G tại cân bằng: {sign}log 2"))
    ax.set_ylabel(tr(en="loss (score units)", vi="mất mát (đơn vị điểm số)") if critic
                  else tr(en="loss (nats)", vi="mất mát (nat)"))
    ax.set_title(tr(en="Losses per epoch", vi="Mất mát theo epoch"))
    _epoch_axis(ax)
    ax.legend(fontsize=8, ncols=2)
    fig.tight_layout()
    return fig


def show_discriminator_outputs(history: dict) -> plt.Figure:
    """Per-epoch means of what D says about real digits and fakes, from a training ``history``: for
    "ns" and "minimax" the probabilities D(x) and D(G(z)) in [0, 1], with 1/2, their common value at
    the equilibrium, marked; for "wgan-gp" the critic's raw scores f(x) and f(G(z)), unbounded and
    with no equilibrium value (their gap estimates W1). Used by lessons 05–08.
    """
    epochs = history["epoch"]
    critic = history["config"]["loss"] == "wgan-gp"
    fig, ax = plt.subplots(figsize=(7, 3.2))
    if critic:
        ax.plot(epochs, history["D_real"], color="tab:green", label=tr(en="f(x), real", vi="f(x), thật"))
        ax.plot(epochs, history["D_fake"], color="tab:red", label=tr(en="f(G(z)), fake", vi="f(G(z)), giả"))
        ax.set_ylabel(tr(en="mean critic score", vi="điểm trung bình của critic"))
        ax.set_title(tr(en="What the critic scores real and fake digits",
                        vi="Critic chấm điểm chữ số thật và giả"))
    else:
        ax.plot(epochs, history["D_real"], color="tab:green", label=tr(en="D(x), real", vi="D(x), thật"))
        ax.plot(epochs, history["D_fake"], color="tab:red", label=tr(en="D(G(z)), fake", vi="D(G(z)), giả"))
        ax.axhline(0.5, color="gray", linestyle="--", linewidth=1,
                   label=tr(en="equilibrium: 1/2", vi="cân bằng: 1/2"))
        ax.set_ylim(0.0, 1.0)
        ax.set_ylabel(tr(en="mean output of D", vi="đầu ra trung bình của D"))
        ax.set_title(tr(en="What D says about real and fake digits", vi="D đánh giá chữ số thật và giả"))
    _epoch_axis(ax)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def show_metrics(history: dict, reference: dict) -> plt.Figure:
    """Scores recorded during training (``history["metrics"]``, from ganlib.metrics) beside the
    floor (real digits) and ceiling (noise) of ``reference`` (``metrics.reference_scores(n)`` at the
    same n): Fréchet distance (log scale; lower is better), classes covered, precision and recall.
    Used by lesson 05."""
    metrics = history["metrics"]
    epochs = metrics["epoch"]
    floor, ceiling = reference["floor"], reference["ceiling"]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.4))
    panels = [
        (axes[0], "fd", tr(en="Fréchet distance", vi="khoảng cách Fréchet"), True),
        (axes[1], "classes_covered", tr(en="classes covered", vi="số lớp có mặt"), False),
    ]
    for ax, key, title, log_scale in panels:
        ax.plot(epochs, metrics[key], marker="o", color="tab:purple", label=tr(en="generator", vi="bộ sinh"))
        ax.axhline(floor[key], color="tab:green", linestyle="--", label=tr(en="real digits", vi="chữ số thật"))
        ax.axhline(ceiling[key], color="tab:red", linestyle=":", label=tr(en="noise", vi="nhiễu"))
        if log_scale:
            ax.set_yscale("log")
        ax.set_title(title)
        _epoch_axis(ax)
    axes[1].set_ylim(0, 10.5)
    ax = axes[2]
    for key, colour in (("precision", "tab:blue"), ("recall", "tab:orange")):
        ax.plot(epochs, metrics[key], marker="o", color=colour, label=key)
        ax.axhline(floor[key], color=colour, linestyle="--", linewidth=1,
                   label=tr(en=f"{key}, real digits", vi=f"{key}, chữ số thật"))
    ax.set_ylim(0.0, 1.05)
    ax.set_title("precision / recall")
    _epoch_axis(ax)
    axes[0].legend(fontsize=8)
    ax.legend(fontsize=7)
    fig.suptitle(tr(en=f"Scores of {metrics['n'][-1]} samples from fixed noise",
                    vi=f"Điểm của {metrics['n'][-1]} mẫu từ nhiễu cố định"))
    fig.tight_layout()
    return fig


def show_class_histograms(history: dict) -> plt.Figure:
    """How the classifier labels the fixed-noise samples at each scored epoch
    (``history["metrics"]["class_histogram"]``): a heat map of the share of each digit, where
    a real data set has 10% everywhere and a missing class is a dark column. Used by lesson 05."""
    metrics = history["metrics"]
    counts = np.asarray(metrics["class_histogram"], dtype=float)
    percent = 100 * counts / counts.sum(axis=1, keepdims=True)
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(percent) + 1.4))
    image = ax.imshow(percent, cmap="viridis", vmin=0.0, vmax=20.0, aspect="auto")
    for row, values in enumerate(percent):
        for digit, share in enumerate(values):
            ax.text(digit, row, f"{share:.0f}", ha="center", va="center", fontsize=7,
                    color="white" if share < 12 else "black")
    ax.set_xticks(range(10))
    ax.set_yticks(range(len(percent)), [str(e) for e in metrics["epoch"]])
    ax.set_xlabel(tr(en="digit (as the classifier reads it)", vi="chữ số (theo bộ phân loại)"))
    ax.set_ylabel(tr(en="epoch", vi="epoch"))
    ax.set_title(tr(en="Share of each digit among the samples (%; real data: 10)",
                    vi="Tỉ lệ mỗi chữ số trong các mẫu (%; dữ liệu thật: 10)"))
    fig.colorbar(image, ax=ax, fraction=0.03)
    fig.tight_layout()
    return fig


def show_grid_files(folder: str | Path, *, epochs: list[int] | None = None, ncols: int = 4) -> plt.Figure:
    """The sample grids ``grid_epoch_XXX.png`` a training run wrote into ``folder`` (all of them,
    or those of ``epochs``), ``ncols`` to a row, each titled with its epoch. Used by lesson 05."""
    found = {int(p.stem.rsplit("_", 1)[1]): p for p in Path(folder).glob("grid_epoch_*.png")}
    wanted = sorted(found) if epochs is None else list(epochs)
    missing = [e for e in wanted if e not in found]
    if not wanted or missing:
        raise ValueError(f"no grid_epoch_XXX.png in {Path(folder).name}/ for epochs {missing or 'any'}")
    ncols = min(ncols, len(wanted))
    nrows = math.ceil(len(wanted) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.6 * ncols, 2.8 * nrows), squeeze=False)
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, epoch in zip(axes.flat, wanted):
        ax.imshow(plt.imread(found[epoch]), interpolation="nearest")
        ax.set_title(tr(en=f"epoch {epoch}", vi=f"epoch {epoch}"))
    fig.tight_layout()
    return fig
