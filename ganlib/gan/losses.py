"""Every loss of the course in one module, with one vocabulary: lessons 01, 04–08 and the training loop.

The discriminator's last layer gives a score s. For "minimax" and "ns" it is a logit (the log-odds
that its input is real), D = σ(s) = 1/(1 + e^{−s}); for "wgan-gp" it is a critic's unbounded score f.
``loss`` names the pair of losses the two players use, everywhere in ganlib, the lessons and the CLI:

- "minimax" (Goodfellow et al. 2014, the game's own value): G minimises log(1 − σ(s)) = −softplus(s),
  whose slope −σ(s) → 0 as s → −∞, exactly where an early, confident D puts the fakes;
- "ns" (non-saturating): G minimises −log σ(s) = softplus(−s), slope −σ(−s) → −1 as s → −∞;
  with either, D minimises its binary cross-entropy on real (label 1) and fake (label 0) batches;
- "wgan-gp" (Gulrajani et al. 2017): the critic minimises mean f(fake) − mean f(real) plus
  ``gp_weight`` times the gradient penalty, which keeps f close to 1-Lipschitz, so the critic's
  best value estimates W1(p_data, p_g); G minimises −mean f(fake), slope −1 everywhere.

Losses are in torch (nats for the first two) and work on scores, never on probabilities, so that no
log of 0 is ever taken; the slopes are closed forms in NumPy, so a lesson can check one against the other.
"""

from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F
from scipy import special

from .config import LOSSES
GP_WEIGHT = 10.0  # λ of WGAN-GP (Gulrajani et al. 2017)


def check_loss(loss: str) -> None:
    """Raise ValueError unless ``loss`` is one of :data:`LOSSES`."""
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")


def generator_loss_on_scores(scores: torch.Tensor, *, loss: str) -> torch.Tensor:
    """G's loss ``loss`` for each of D's scores of fakes, elementwise (same shape as ``scores``).

    "minimax": −softplus(s) = log(1 − σ(s)), in (−∞, 0); "ns": softplus(−s) = −log σ(s), positive;
    "wgan-gp": −s. Used by lesson 04 (its figures) and by :func:`generator_loss`.
    """
    check_loss(loss)
    if loss == "minimax":
        return -F.softplus(scores)
    if loss == "ns":
        return F.softplus(-scores)
    return -scores


def generator_loss(fake_scores: torch.Tensor, *, loss: str = "ns") -> torch.Tensor:
    """G's loss ``loss`` on D's scores of a batch of fakes, the batch mean: log 2 for "ns" and −log 2
    for "minimax" at the equilibrium D = 1/2. Used by lessons 01, 04 and 05 and the training loop."""
    return generator_loss_on_scores(fake_scores, loss=loss).mean()


def generator_loss_slope(scores: np.ndarray, *, loss: str) -> np.ndarray:
    """d(loss)/d(score) in closed form, elementwise, as a float64 array of the same shape.

    "minimax": −σ(s); "ns": −(1 − σ(s)) = −σ(−s); "wgan-gp": −1. Computed with ``scipy.special.expit``,
    independently of the torch losses, so that autograd can be checked against it. Used by lesson 04.
    """
    check_loss(loss)
    scores = np.asarray(scores, dtype=float)
    if loss == "minimax":
        return -special.expit(scores)
    if loss == "ns":
        return -special.expit(-scores)
    return -np.ones_like(scores)


def cross_entropy_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor, *,
                       label_smoothing: float = 0.0) -> torch.Tensor:
    """D's binary cross-entropy: the mean on real (label 1 − ``label_smoothing``) plus the mean on fake
    (label 0), in nats; −V(G, D) as estimated on the two batches.

    At the equilibrium D = 1/2 each term is log 2, so the sum is log 4 ≈ 1.386. Smoothing is one-sided
    (Salimans et al. 2016): only the real label moves. Used by lessons 01, 05 and 06.
    """
    return (F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 1.0 - label_smoothing))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


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
    dimension. The penalty of WGAN-GP (Gulrajani et al. 2017). ``generator`` draws ε (None: torch's
    global generator). Used by lesson 04 and by :func:`discriminator_loss`.
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


def discriminator_loss(discriminator: Callable[[torch.Tensor], torch.Tensor], real: torch.Tensor,
                       fake: torch.Tensor, *, loss: str = "ns", label_smoothing: float = 0.0,
                       gp_weight: float = GP_WEIGHT, generator: torch.Generator | None = None
                       ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """D's loss ``loss`` on a real and a fake batch (``fake`` already detached from G).

    "minimax" and "ns": :func:`cross_entropy_loss` with ``label_smoothing``; "wgan-gp":
    :func:`critic_loss` plus ``gp_weight`` × :func:`gradient_penalty` (ε drawn from ``generator``).
    Returns (loss, real scores, fake scores). Used by lessons 01 and 04 (the 1-D game) and the
    training loop of lessons 05–08.
    """
    check_loss(loss)
    real_scores, fake_scores = discriminator(real), discriminator(fake)
    if loss == "wgan-gp":
        if label_smoothing:
            raise ValueError("label_smoothing changes D's cross-entropy targets; a wgan-gp critic has none")
        value = (critic_loss(real_scores, fake_scores)
                 + gp_weight * gradient_penalty(discriminator, real, fake, generator=generator))
    else:
        value = cross_entropy_loss(real_scores, fake_scores, label_smoothing=label_smoothing)
    return value, real_scores, fake_scores
