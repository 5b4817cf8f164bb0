"""The generator's three losses and the Wasserstein critic's loss: lesson 04.

The discriminator's last layer gives a logit l (the log-odds that its input is real), and
D = σ(l) = 1/(1 + e^{−l}). The generator wants l large. Written as functions of l:

- minimax (saturating):  log(1 − σ(l)) = −softplus(l),  d/dl = −σ(l),      which → 0 as l → −∞;
- non-saturating ("ns"): −log σ(l)     = softplus(−l),  d/dl = −(1 − σ(l)), which → −1 as l → −∞.

Early in training D rejects the fakes confidently (l ≪ 0), exactly where the minimax slope dies.

A Wasserstein critic f gives an unbounded score, not a probability. The critic maximises
E_data[f(x)] − E_g[f(x)]; over 1-Lipschitz f the maximum is W1(p_data, p_g). The generator
minimises −E_g[f(G(z))], whose slope in the score is −1 everywhere. The gradient penalty of
Gulrajani et al. (2017) keeps the critic close to 1-Lipschitz.

Every loss is in torch and works elementwise on scores (``*_generator_loss``) or returns a batch
mean (``critic_loss``, ``gradient_penalty``); the slopes are closed forms in NumPy, so a lesson can
check one against the other.
"""

from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F
from scipy import special

GENERATOR_LOSSES = ("minimax", "ns", "wasserstein")


def minimax_generator_loss(logits: torch.Tensor) -> torch.Tensor:
    """log(1 − D) with D = σ(logits), elementwise: −softplus(l), which never takes log 0.

    The generator's part of the value function V(G, D) of Goodfellow et al. (2014); it lies in
    (−∞, 0) and tends to 0 (flat) as l → −∞. Used by lesson 04 (and by the game of lessons 01 and 03).
    """
    return -F.softplus(logits)


def ns_generator_loss(logits: torch.Tensor) -> torch.Tensor:
    """−log D with D = σ(logits), elementwise: softplus(−l), the non-saturating loss.

    Positive; it grows like −l as l → −∞, so its slope stays near −1 there. Used by lesson 04.
    """
    return F.softplus(-logits)


def wasserstein_generator_loss(scores: torch.Tensor) -> torch.Tensor:
    """−f with f the critic's scores, elementwise: the generator raises the critic's score of its fakes.

    Unbounded; its slope in the score is −1 everywhere. Used by lesson 04.
    """
    return -scores


_LOSS_FUNCTIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "minimax": minimax_generator_loss, "ns": ns_generator_loss, "wasserstein": wasserstein_generator_loss}


def _check_loss(loss: str) -> None:
    if loss not in GENERATOR_LOSSES:
        raise ValueError(f"loss must be one of {GENERATOR_LOSSES}, got {loss!r}")


def generator_loss_on_scores(scores: torch.Tensor, *, loss: str) -> torch.Tensor:
    """The generator's loss ``loss`` ("minimax", "ns" or "wasserstein") of D's logits (or the critic's
    scores), elementwise; same shape as ``scores``. Used by lesson 04 and by :mod:`ganlib.game`."""
    _check_loss(loss)
    return _LOSS_FUNCTIONS[loss](scores)


def generator_loss_slope(scores: np.ndarray, *, loss: str) -> np.ndarray:
    """d(loss)/d(score) in closed form, elementwise, as a float64 array of the same shape.

    minimax: −σ(l); ns: −(1 − σ(l)) = −σ(−l); wasserstein: −1. Computed with ``scipy.special.expit``,
    independently of the torch losses, so that autograd can be checked against it. Used by lesson 04.
    """
    _check_loss(loss)
    scores = np.asarray(scores, dtype=float)
    if loss == "minimax":
        return -special.expit(scores)
    if loss == "ns":
        return -special.expit(-scores)
    return -np.ones_like(scores)


def critic_loss(real_scores: torch.Tensor, fake_scores: torch.Tensor) -> torch.Tensor:
    """mean f(fake) − mean f(real): the critic minimises it, i.e. maximises its estimate of W1.

    Scores are unbounded real numbers, not probabilities. Without a Lipschitz constraint this loss
    has no minimum (scale f up and it falls without end). Used by lesson 04.
    """
    return fake_scores.mean() - real_scores.mean()


def gradient_penalty(critic: Callable[[torch.Tensor], torch.Tensor], real: torch.Tensor, fake: torch.Tensor,
                     *, generator: torch.Generator | None) -> torch.Tensor:
    """mean over the batch of (‖∇_x f(x̂)‖ − 1)², x̂ = ε·real + (1 − ε)·fake, ε ∼ U(0, 1) per sample.

    ``real`` and ``fake``: the same shape (N, ...) (for 1-D data (N,): each entry is one sample);
    ``critic`` maps a batch of that shape to N scores. The norm is taken over all but the first
    dimension. The penalty of WGAN-GP (Gulrajani et al., 2017): a 1-Lipschitz critic has ‖∇f‖ ≤ 1,
    and the best one has ‖∇f‖ = 1 between the two distributions. ``generator`` draws ε (None:
    torch's global generator). Used by lesson 04.
    """
    if real.shape != fake.shape or real.dim() == 0:
        raise ValueError(f"real and fake must be batches of the same shape (N, ...), got "
                         f"{tuple(real.shape)} and {tuple(fake.shape)}")
    device = generator.device if generator is not None else real.device
    epsilon = torch.rand(real.shape[0], generator=generator, device=device).to(real.device)
    epsilon = epsilon.reshape(-1, *([1] * (real.dim() - 1)))
    # detach: the penalty constrains the critic only; it must not reach the generator.
    mixed = (epsilon * real + (1 - epsilon) * fake).detach().requires_grad_(True)
    (slopes,) = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=True)
    norms = slopes.reshape(real.shape[0], -1).norm(dim=1)
    return ((norms - 1) ** 2).mean()
