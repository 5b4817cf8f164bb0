"""The figures of mode collapse on the ring of Gaussians and its remedies (lesson 06).

Every function takes data (samples, runs) and returns a matplotlib Figure, labelled in the
notebook's language. Used by lesson 06.
"""

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import torch

from ..data.ring import ring_centres
from ..i18n import tr
from ..toys.remedies import METRICS, NETWORKS, RingRun, network_label, remedy_label
from ..toys.seeds import mean_and_spread

# How far from the origin a ring panel reaches: the ring has radius 2.
RING_LIMIT = 2.7


def _ring_panel(ax: plt.Axes, points: torch.Tensor, *, title: str) -> None:
    centres = ring_centres().numpy()
    shown = points.detach().cpu().numpy()
    ax.scatter(shown[:, 0], shown[:, 1], s=2, alpha=0.3, color="tab:blue", rasterized=True)
    ax.scatter(centres[:, 0], centres[:, 1], s=40, marker="x", color="tab:red", linewidths=1.2)
    ax.set_xlim(-RING_LIMIT, RING_LIMIT)
    ax.set_ylim(-RING_LIMIT, RING_LIMIT)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=9)


def plot_ring_snapshots(snapshots: dict[str, dict[str, Sequence[torch.Tensor]]], *, epochs: Sequence[int],
                        steps_per_epoch: int) -> plt.Figure:
    """Samples during training: ``snapshots`` maps a remedy (a key of
    :data:`ganlib.toys.remedies.REMEDIES`) to the output of :func:`ganlib.toys.remedies.snapshots`, the N×2
    samples of G and of its average after each of ``epochs``. One row per remedy and network, one
    column per moment; the ring's centres are red crosses."""
    rows = [(remedy, network, points) for remedy, networks in snapshots.items() for network, points in networks.items()]
    fig, axes = plt.subplots(len(rows), len(epochs), figsize=(1.9 * len(epochs), 2.0 * len(rows) + 0.4),
                             squeeze=False)
    for row_axes, (remedy, network, points) in zip(axes, rows):
        if len(points) != len(epochs):
            raise ValueError(f"{remedy}, {network}: {len(points)} snapshots for {len(epochs)} epochs")
        for ax, samples, epoch in zip(row_axes, points, epochs):
            _ring_panel(ax, samples, title=tr(en=f"{epoch * steps_per_epoch} steps", vi=f"{epoch * steps_per_epoch} bước"))
        row_axes[0].set_ylabel(f"{remedy_label(remedy)}\n{network_label(network)}", fontsize=9)
    modes = len(ring_centres())
    fig.suptitle(tr(en=f"Samples during training (red crosses: the {modes} modes)",
                    vi=f"Mẫu trong lúc huấn luyện (dấu chéo đỏ: {modes} mode)"))
    fig.tight_layout()
    return fig


def plot_final_samples(runs: Sequence[RingRun], *, seed: int) -> plt.Figure:
    """The final samples of each remedy's run with ``seed``: G in the top row, its average in the
    bottom row, each panel titled with its modes covered and high-quality share."""
    chosen = [run for run in runs if run.seed == seed]
    if not chosen:
        raise ValueError(f"no run with seed {seed}")
    fig, axes = plt.subplots(len(NETWORKS), len(chosen), figsize=(2.0 * len(chosen), 4.8), squeeze=False)
    for column, run in enumerate(chosen):
        for row, network in enumerate(NETWORKS):
            scores = run.scores[network]
            modes = len(scores["counts"])
            title = tr(en=f"{scores['modes_covered']}/{modes} modes, {scores['high_quality']:.0%} good",
                       vi=f"{scores['modes_covered']}/{modes} mode, {scores['high_quality']:.0%} tốt")
            _ring_panel(axes[row, column], run.samples[network],
                        title=f"{remedy_label(run.remedy)}\n{title}" if row == 0 else title)
    for row, network in enumerate(NETWORKS):
        axes[row, 0].set_ylabel(network_label(network), fontsize=9)
    fig.suptitle(tr(en=f"Final samples, seed {seed}", vi=f"Mẫu cuối cùng, seed {seed}"))
    fig.tight_layout()
    return fig


def _metric_label(metric: str) -> str:
    return {"modes_covered": tr(en="modes covered (of 8)", vi="số mode bao phủ (trên 8)"),
            "high_quality": tr(en="high-quality share", vi="tỉ lệ mẫu chất lượng cao"),
            "kl_modes": tr(en="KL of the modes (nats; 0 is best)", vi="KL của các mode (nat; 0 là tốt nhất)")}[metric]


def plot_remedy_scores(runs: Sequence[RingRun]) -> plt.Figure:
    """For each remedy and network (G, its average), the scores of its runs: a bar at the mean
    over seeds, a black line for ± one standard deviation and a dot per seed."""
    remedies = list(dict.fromkeys(run.remedy for run in runs))
    colours = {"generator": "tab:blue", "average": "tab:green"}
    width = 0.38
    fig, axes = plt.subplots(1, len(METRICS), figsize=(12, 3.8))
    for ax, metric in zip(axes, METRICS):
        for offset, network in zip((-width / 2, width / 2), NETWORKS):
            for position, remedy in enumerate(remedies):
                values = [run.scores[network][metric] for run in runs if run.remedy == remedy]
                mean, spread = mean_and_spread(values)
                x = position + offset
                ax.bar(x, mean, width=width, color=colours[network], alpha=0.6,
                       label=network_label(network) if position == 0 else None)
                ax.errorbar(x, mean, yerr=spread, color="black", capsize=2, linewidth=1)
                ax.plot(np.full(len(values), x), values, "o", color="black", markersize=2)
        ax.set_xticks(range(len(remedies)), [remedy_label(r) for r in remedies], rotation=35, ha="right",
                      fontsize=8)
        ax.set_title(_metric_label(metric), fontsize=10)
        ax.grid(alpha=0.3, axis="y")
    axes[0].set_ylim(0, 8.5)
    axes[1].set_ylim(0, 1)
    axes[2].set_ylim(bottom=0)
    axes[0].legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def plot_coverage_over_training(runs: Sequence[RingRun], *, steps_per_epoch: int) -> plt.Figure:
    """Modes covered (left) and KL of the modes (right) for the moving average of G at each scoring
    during training (``history["metrics"]``), per remedy: the mean over seeds (thick) and each seed
    (thin), against discriminator steps."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    for remedy in dict.fromkeys(run.remedy for run in runs):
        chosen = [run.history["metrics"] for run in runs if run.remedy == remedy]
        steps = np.array(chosen[0]["epoch"]) * steps_per_epoch
        for ax, metric in zip(axes, ("modes_covered", "kl_modes")):
            curves = np.array([metrics[metric] for metrics in chosen], dtype=float)
            line, = ax.plot(steps, curves.mean(axis=0), linewidth=2, label=remedy_label(remedy))
            for curve in curves:
                ax.plot(steps, curve, color=line.get_color(), linewidth=0.6, alpha=0.3)
    for ax, metric in zip(axes, ("modes_covered", "kl_modes")):
        ax.set_xlabel(tr(en="discriminator steps", vi="số bước của bộ phân biệt"))
        ax.set_title(_metric_label(metric), fontsize=10)
        ax.grid(alpha=0.3)
    axes[0].set_ylim(-0.2, 8.2)
    axes[1].set_ylim(bottom=0)
    axes[1].legend(fontsize=8, ncols=2)
    fig.suptitle(tr(en="The moving average of G during training (thick: mean over seeds, thin: each seed)",
                    vi="Trung bình trượt của G trong lúc huấn luyện (nét đậm: trung bình các seed, nét mảnh: từng seed)"),
                 fontsize=11)
    fig.tight_layout()
    return fig
