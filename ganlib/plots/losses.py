"""Figures of lesson 04: the generator's losses and their slopes, games played with each loss, and
the police's probability beside the Wasserstein critic's score.

Every function takes data (a grid of logits, game snapshots, distributions), draws with labels in
the notebook's language (:func:`ganlib.tr`) and returns a matplotlib Figure without showing it.
Colours: real data black, as in every figure (:mod:`ganlib.plots.style`); one colour per loss.
"""

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import torch
from scipy import special

from ..gan.losses import check_loss, generator_loss_on_scores, generator_loss_slope
from ..i18n import tr
from ..toys.counterfeiter import GameSnapshot
from .style import FAKE_COLOR, REAL_COLOR

LOSS_COLORS = {"minimax": "tab:red", "ns": "tab:blue", "wgan-gp": "tab:purple"}
# Gradient norms that are exactly 0 cannot sit on a log axis; they are drawn at this height instead.
ZERO_FLOOR = 1e-25


def loss_label(loss: str) -> str:
    """The name of a generator loss in the notebook's language. Used by lesson 04's figures."""
    check_loss(loss)
    return {"minimax": tr(en="minimax (saturating)", vi="minimax (bão hòa)"),
            "ns": tr(en="non-saturating", vi="không bão hòa"),
            "wgan-gp": tr(en="Wasserstein (WGAN-GP)", vi="Wasserstein (WGAN-GP)")}[loss]


def plot_generator_losses(logits: np.ndarray, *, early_below: float = -3.0) -> plt.Figure:
    """Left: the minimax loss log(1 − σ(l)) and the non-saturating loss −log σ(l) against D's logit l.
    Right: the size of their slopes |d loss/dl| on a log scale, with the region l < ``early_below``
    (D rejects the fakes confidently, as early in training) shaded. Lesson 04.
    """
    logits = np.asarray(logits, dtype=float)
    if logits.ndim != 1 or logits.size < 2:
        raise ValueError("logits must be a 1-D grid of at least two values, e.g. np.linspace(-10, 10, 401)")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8))
    for loss in ("minimax", "ns"):
        with torch.no_grad():
            values = generator_loss_on_scores(torch.as_tensor(logits), loss=loss).numpy()
        left.plot(logits, values, color=LOSS_COLORS[loss], lw=2, label=loss_label(loss))
        right.semilogy(logits, np.abs(generator_loss_slope(logits, loss=loss)), color=LOSS_COLORS[loss], lw=2,
                       label=loss_label(loss))
    early = tr(en=f"early training: $D(G(z)) < {special.expit(early_below):.2f}$",
               vi=f"đầu quá trình huấn luyện: $D(G(z)) < {special.expit(early_below):.2f}$")
    for ax in (left, right):
        ax.axvspan(logits.min(), early_below, color="gray", alpha=0.15, label=early if ax is right else None)
        ax.axvline(0.0, color="gray", lw=0.8, ls=":")
        ax.set_xlabel(tr(en="D's logit $l$ on a fake, $D(G(z)) = \\sigma(l)$",
                         vi="logit $l$ của $D$ trên mẫu giả, $D(G(z)) = \\sigma(l)$"))
    left.set_title(tr(en="the generator's loss (it wants it low)", vi="mất mát của bộ sinh (càng thấp càng tốt)"))
    left.legend(fontsize=8)
    right.set_title(tr(en="size of the slope $|d\\,\\mathrm{loss}/dl|$ (log scale)",
                       vi="độ lớn của đạo hàm $|d\\,\\mathrm{loss}/dl|$ (thang log)"))
    right.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def plot_loss_runs(runs: Mapping[str, Sequence[GameSnapshot]], *, real_mean: float) -> plt.Figure:
    """Games of lesson 04 side by side, one per generator loss (the keys of ``runs``: "minimax", "ns",
    "wgan-gp"). Left: the mean of p_g round by round against the real mean. Right: the norm of
    the counterfeiter's gradient in each round on a log scale; gradients that are exactly 0 (float32
    underflow) are drawn at ZERO_FLOOR. Lesson 04.
    """
    if not runs:
        raise ValueError("runs is empty: pass {'minimax': history, 'ns': history, ...}")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8))
    any_zero = False
    for loss, history in runs.items():
        label = loss_label(loss)
        rounds = np.array([s.round for s in history])
        left.plot(rounds, [s.fake_mean for s in history], color=LOSS_COLORS[loss], lw=2, label=label)
        norms = np.array([s.gradient_norm for s in history])
        any_zero |= bool(np.any(norms == 0.0))
        right.semilogy(rounds, np.where(norms == 0.0, ZERO_FLOOR, norms), color=LOSS_COLORS[loss], lw=1.5, label=label)
    left.axhline(real_mean, color=REAL_COLOR, lw=0.8, label=tr(en="mean of real notes", vi="trung bình của tiền thật"))
    left.set_title(tr(en="mean of $p_g$", vi="trung bình của $p_g$"))
    right.set_title(tr(en="norm of the counterfeiter's gradient", vi="chuẩn của gradient gửi về kẻ làm tiền giả"))
    if any_zero:
        right.axhline(ZERO_FLOOR, color="gray", lw=0.8, ls=":",
                      label=tr(en="exactly 0 (float32)", vi="đúng bằng 0 (float32)"))
    for ax in (left, right):
        ax.set_xlabel(tr(en="round", vi="vòng"))
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_police_and_critic(police: GameSnapshot, critic: GameSnapshot, real: object, *,
                           x_range: tuple[float, float] = (-11.0, 7.0)) -> plt.Figure:
    """Left: the police's D(x), a probability in [0, 1]. Right: the Wasserstein critic's score f(x),
    an unbounded number (``critic.logit``). Both over the real density and each one's counterfeits
    (light, on a second axis). Lesson 04.
    """
    x = np.linspace(*x_range, 600)
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    curves = [(police(x), tr(en="police $D(x)$", vi="cảnh sát $D(x)$"), "tab:red", police),
              (critic.logit(x), tr(en="critic $f(x)$", vi="critic $f(x)$"), "tab:purple", critic)]
    for ax, (values, label, color, snapshot) in zip(axes, curves):
        densities = ax.twinx()
        densities.fill_between(x, real.pdf(x), color=REAL_COLOR, alpha=0.12)
        densities.fill_between(x, snapshot.fake_distribution().pdf(x), color=FAKE_COLOR, alpha=0.15)
        densities.set_yticks([])
        densities.set_ylim(bottom=0)
        ax.plot(x, values, color=color, lw=2, label=label)
        ax.plot([], [], color=REAL_COLOR, alpha=0.4, lw=6, label=tr(en="real notes", vi="tiền thật"))
        ax.plot([], [], color=FAKE_COLOR, alpha=0.4, lw=6, label=tr(en="counterfeits", vi="tiền giả"))
        ax.set_xlabel("x")
        ax.legend(fontsize=8, loc="upper left")
    axes[0].set_ylim(-0.02, 1.02)
    axes[0].set_title(tr(en="police: a probability, flat at 0 on the counterfeits",
                         vi="cảnh sát: một xác suất, phẳng ở 0 trên vùng tiền giả"))
    axes[1].set_title(tr(en="critic: an unbounded score whose slope does not die out",
                         vi="critic: một điểm số không bị chặn, đạo hàm không tắt"))
    fig.tight_layout()
    return fig
