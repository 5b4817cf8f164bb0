"""Figures of one-dimensional densities, discriminators and divergences for lessons 01–03.

Every function takes data (distributions, game snapshots, arrays), draws with labels in the
notebook's language (:func:`ganlib.tr`) and returns a matplotlib Figure without showing it.
Colours follow Figure 1 of Goodfellow et al. (2014): real data black, generator green,
discriminator blue (dashed).
"""

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from ..i18n import tr
from ..theory import LOG2, js_divergence, optimal_discriminator, wasserstein_1
from ..toys.counterfeiter import GameSnapshot
from .style import D_COLOR, FAKE_COLOR, MIX_COLOR, REAL_COLOR


def _grid(*dists: object, low: float | None = None, high: float | None = None, points: int = 600) -> np.ndarray:
    """x values from the 0.001 to the 0.999 quantile of all ``dists`` (or from ``low`` to ``high``), widened 10 %."""
    if low is None or high is None:
        lows = [float(d.ppf(0.001)) for d in dists]
        highs = [float(d.isf(0.001)) for d in dists]
        margin = 0.1 * (max(highs) - min(lows))
        low = min(lows) - margin if low is None else low
        high = max(highs) + margin if high is None else high
    return np.linspace(low, high, points)


def _draw_game_round(ax: plt.Axes, snapshot: GameSnapshot, real: object, x: np.ndarray) -> None:
    ax.fill_between(x, real.pdf(x), color=REAL_COLOR, alpha=0.15)
    ax.plot(x, real.pdf(x), color=REAL_COLOR, label=tr(en="real notes $p_{data}$", vi="tiền thật $p_{data}$"))
    ax.plot(x, snapshot.fake_distribution().pdf(x), color=FAKE_COLOR, lw=2,
            label=tr(en="counterfeits $p_g$", vi="tiền giả $p_g$"))
    ax.plot(x, snapshot(x), color=D_COLOR, ls="--", lw=2, label=tr(en="police $D(x)$", vi="cảnh sát $D(x)$"))
    ax.axhline(0.5, color="gray", lw=0.8, ls=":")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("x")
    ax.set_title(tr(en=f"round {snapshot.round}", vi=f"vòng {snapshot.round}")
                 + f"\n$V = {snapshot.value:.3f}$")


def plot_game_round(snapshot: GameSnapshot, real: object, *, x_range: tuple[float, float] = (-3.0, 7.0)) -> plt.Figure:
    """One round of the 1-D game: real density, counterfeit density and the police's D(x). Lesson 01 (widget)."""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    _draw_game_round(ax, snapshot, real, np.linspace(*x_range, 600))
    ax.set_ylabel(tr(en="density / probability", vi="mật độ / xác suất"))
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig


def plot_game_rounds(history: Sequence[GameSnapshot], real: object, *, rounds: Sequence[int],
                     x_range: tuple[float, float] = (-3.0, 7.0)) -> plt.Figure:
    """Chosen rounds of the 1-D game side by side (indices into ``history``). Lesson 01."""
    fig, axes = plt.subplots(1, len(rounds), figsize=(3.2 * len(rounds), 3.4), sharey=True)
    x = np.linspace(*x_range, 600)
    for ax, index in zip(np.atleast_1d(axes), rounds):
        _draw_game_round(ax, history[index], real, x)
    first = np.atleast_1d(axes)[0]
    first.set_ylabel(tr(en="density / probability", vi="mật độ / xác suất"))
    first.legend(loc="upper left", fontsize=7)
    fig.tight_layout()
    return fig


def plot_game_progress(history: Sequence[GameSnapshot], *, real_mean: float, real_std: float) -> plt.Figure:
    """Left: V(G, D) and V(G, D*) round by round against −log 4. Right: the counterfeiter's mean and standard
    deviation against the real ones. Lesson 01."""
    rounds = [s.round for s in history]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.4))
    left.plot(rounds, [s.value for s in history], color=D_COLOR,
              label=tr(en="$V(G, D)$, the police in the game", vi="$V(G, D)$ với cảnh sát đang chơi"))
    left.plot(rounds, [s.best_value for s in history], color="gray", ls=":",
              label=tr(en="$V(G, D^*)$, the best police", vi="$V(G, D^*)$ với cảnh sát giỏi nhất"))
    left.axhline(-math.log(4), color="gray", ls="--", label=r"$-\log 4$")
    left.set_xlabel(tr(en="round", vi="vòng"))
    left.set_title(tr(en="value of the game", vi="giá trị của trò chơi"))
    left.legend()
    right.plot(rounds, [s.fake_mean for s in history], color=FAKE_COLOR,
               label=tr(en="mean of $p_g$", vi="trung bình của $p_g$"))
    right.plot(rounds, [s.fake_std for s in history], color=FAKE_COLOR, ls="--",
               label=tr(en="std of $p_g$", vi="độ lệch chuẩn của $p_g$"))
    right.axhline(real_mean, color=REAL_COLOR, lw=0.8, label=tr(en="mean of real notes", vi="trung bình của tiền thật"))
    right.axhline(real_std, color=REAL_COLOR, lw=0.8, ls="--", label=tr(en="std of real notes", vi="độ lệch chuẩn của tiền thật"))
    right.set_xlabel(tr(en="round", vi="vòng"))
    right.set_title(tr(en="the counterfeits, round by round", vi="tiền giả qua từng vòng"))
    right.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_pointwise_maximum(pairs: Sequence[tuple[float, float]]) -> plt.Figure:
    """f(y) = a·log y + b·log(1 − y) on (0, 1) for each (a, b), with its maximum at y = a/(a + b) marked. Lesson 02."""
    y = np.linspace(0.001, 0.999, 999)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for a, b in pairs:
        line, = ax.plot(y, a * np.log(y) + b * np.log1p(-y), label=f"$a = {a:g},\\ b = {b:g}$")
        best = a / (a + b)
        ax.plot([best], [a * np.log(best) + b * np.log1p(-best)], "o", color=line.get_color())
        ax.axvline(best, color=line.get_color(), lw=0.8, ls=":")
    ax.set_ylim(-4, 0.2)
    ax.set_xlabel("$y = D(x)$")
    ax.set_ylabel(r"$a \log y + b \log(1 - y)$")
    ax.set_title(tr(en="the maximum sits at $y = a/(a + b)$", vi="cực đại đạt tại $y = a/(a + b)$"))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_optimal_discriminator(p_data: object, p_g: object, *, trained: object | None = None,
                               x_range: tuple[float, float] | None = None) -> plt.Figure:
    """Top: the two densities. Bottom: D*(x) and, if given, a trained classifier's D(x). Lesson 02."""
    x = _grid(p_data, p_g) if x_range is None else np.linspace(*x_range, 600)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6.4, 5), sharex=True)
    top.plot(x, p_data.pdf(x), color=REAL_COLOR, label="$p_{data}$")
    top.plot(x, p_g.pdf(x), color=FAKE_COLOR, label="$p_g$")
    top.set_ylabel(tr(en="density", vi="mật độ"))
    top.legend()
    bottom.plot(x, optimal_discriminator(p_data, p_g)(x), color=D_COLOR, lw=3, alpha=0.5,
                label=r"$D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)}$")
    if trained is not None:
        bottom.plot(x, trained(x), color="tab:red", ls="--",
                    label=tr(en="trained classifier", vi="bộ phân loại đã huấn luyện"))
    bottom.axhline(0.5, color="gray", lw=0.8, ls=":")
    bottom.set_ylim(-0.02, 1.02)
    bottom.set_xlabel("x")
    bottom.set_ylabel("$D(x)$")
    bottom.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_value_against_jsd(jsd: Sequence[float], value: Sequence[float]) -> plt.Figure:
    """Points (JSD, V(G, D*)) from numerical integration on the line V = −log 4 + 2·JSD. Lesson 02."""
    line = np.linspace(0, LOG2, 50)
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    ax.plot(line, -math.log(4) + 2 * line, color="gray", label=r"$-\log 4 + 2\,\mathrm{JSD}$")
    ax.plot(jsd, value, "o", color=D_COLOR,
            label=tr(en="$V(G, D^*)$ by integration", vi="$V(G, D^*)$ tính bằng tích phân"))
    ax.set_xlabel(r"$\mathrm{JSD}(p_{data} \,\|\, p_g)$")
    ax.set_ylabel("$V(G, D^*)$")
    ax.legend()
    fig.tight_layout()
    return fig


def plot_gaussian_fits(p: object, *, forward: object, reverse: object) -> plt.Figure:
    """A density p with the normal fits that minimise KL(p‖q) and KL(q‖p). Lesson 03."""
    x = _grid(p, forward, reverse)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.fill_between(x, p.pdf(x), color=REAL_COLOR, alpha=0.15)
    ax.plot(x, p.pdf(x), color=REAL_COLOR, label="$p$")
    ax.plot(x, forward.pdf(x), color=D_COLOR, lw=2,
            label=tr(en=r"$q$ minimising $\mathrm{KL}(p\,\|\,q)$ (forward)",
                     vi=r"$q$ cực tiểu hóa $\mathrm{KL}(p\,\|\,q)$ (KL thuận)"))
    ax.plot(x, reverse.pdf(x), color="tab:red", lw=2, ls="--",
            label=tr(en=r"$q$ minimising $\mathrm{KL}(q\,\|\,p)$ (reverse)",
                     vi=r"$q$ cực tiểu hóa $\mathrm{KL}(q\,\|\,p)$ (KL ngược)"))
    ax.set_xlabel("x")
    ax.set_ylabel(tr(en="density", vi="mật độ"))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_far_apart(p: object, others: Sequence[object]) -> plt.Figure:
    """p and several distributions far from it, each labelled with JSD(p‖q) in nats. Lesson 03."""
    x = _grid(p, *others, points=3000)
    fig, ax = plt.subplots(figsize=(8, 3.4))
    ax.plot(x, p.pdf(x), color=REAL_COLOR, lw=2, label="$p = N(0, 1)$")
    for q, color in zip(others, ("tab:green", "tab:olive", "tab:cyan", "tab:purple")):
        mean, std = float(q.mean()), float(q.std())
        ax.plot(x, q.pdf(x), color=color, lw=2,
                label=f"$N({mean:g}, {std:g}^2)$: JSD = {js_divergence(p, q):.6f}")
    ax.set_xlabel("x")
    ax.set_ylabel(tr(en="density", vi="mật độ"))
    ax.set_title(tr(en=r"far apart, JSD stops at $\log 2 = 0.693147$",
                    vi=r"các phân phối cách xa nhau: JSD dừng ở $\log 2 = 0.693147$"))
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(0.2, 1.0))
    fig.tight_layout()
    return fig


def plot_divergence_against_shift(shifts: np.ndarray, jsd: np.ndarray, jsd_slope: np.ndarray,
                                  w1: np.ndarray) -> plt.Figure:
    """JSD(N(0,1)‖N(μ,1)) and W1 = |μ| against the shift μ, and their derivatives in μ on a log scale. Lesson 03."""
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(13, 3.6))
    left.plot(shifts, jsd, color=D_COLOR)
    left.axhline(LOG2, color="gray", ls="--", label=r"$\log 2$")
    left.set_title(r"$\mathrm{JSD}(p\,\|\,q_\mu)$")
    left.legend()
    middle.plot(shifts, w1, color="tab:red")
    middle.set_title(r"$W_1(p, q_\mu)$")
    positive = shifts > 0  # at μ = 0 both derivatives are 0 (JSD) or undefined (W1 = |μ|)
    right.semilogy(shifts[positive], jsd_slope[positive], color=D_COLOR, label=r"$d\,\mathrm{JSD}/d\mu$")
    right.semilogy(shifts[positive], np.ones(positive.sum()), color="tab:red", label=r"$dW_1/d\mu$")
    right.set_title(tr(en="derivatives in μ (log scale)", vi="đạo hàm theo μ (thang log)"))
    right.legend()
    for ax in (left, middle, right):
        ax.set_xlabel(r"$\mu$")
    fig.tight_layout()
    return fig


def plot_shift(p: object, q: object, *, x_range: tuple[float, float] | None = None) -> plt.Figure:
    """p, q and their mixture m = (p + q)/2, titled with JSD(p‖q) and W1(p, q). Lesson 03 (static figure and slider)."""
    x = _grid(p, q, points=2000) if x_range is None else np.linspace(*x_range, 2000)
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    ax.plot(x, p.pdf(x), color=REAL_COLOR, lw=2, label="$p$")
    ax.plot(x, q.pdf(x), color=FAKE_COLOR, lw=2, label="$q$")
    ax.plot(x, (p.pdf(x) + q.pdf(x)) / 2, color=MIX_COLOR, ls="--", label="$m = (p + q)/2$")
    ax.set_title(f"JSD = {js_divergence(p, q):.6f} (log 2 = {LOG2:.6f}),   $W_1$ = {wasserstein_1(p, q):.3f}")
    ax.set_xlabel("x")
    ax.set_ylabel(tr(en="density", vi="mật độ"))
    ax.legend()
    fig.tight_layout()
    return fig
