"""The counterfeiter game of lesson 01 in one dimension.

Real notes are numbers x ∼ N(real_mean, real_std²). The counterfeiter is the generator
G(z) = scale·z + shift, z ∼ N(0, 1), so its notes follow N(shift, scale²); it never sees a real note.
The police are the discriminator D(x) = sigmoid(w·u + v·u² + c), u = (x − center)/width, a logistic
regression on x and x². For two normal densities log p_data − log p_g is quadratic in x, so D*
(lesson 02) is one of the police's possible answers. Both players are tiny torch modules; every loss
is written with logits (``binary_cross_entropy_with_logits``), never log(sigmoid(·)), which overflows
once D is sure.

Lesson 04 plays the same game with the counterfeiter's other losses (``loss="ns"``, the
non-saturating loss) and as a Wasserstein game (``loss="wgan-gp"``), where the police become a
critic: the same quadratic w·u + v·u² + c, read as an unbounded score f(x) instead of a logit.
Every loss comes from :mod:`ganlib.gan.losses`, in its vocabulary.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import torch
from scipy import special, stats
from torch import nn

from ..gan.losses import GP_WEIGHT, check_loss, discriminator_loss, generator_loss
from ..i18n import tr
from ..runtime import one_torch_thread
from ..theory import expectation, gan_value, optimal_discriminator, wasserstein_1


class Counterfeiter(nn.Module):
    """The generator G(z) = scale·z + shift: noise z ∼ N(0, 1) in, counterfeit notes out. Lesson 01."""

    def __init__(self, *, scale: float = 1.0, shift: float = 0.0) -> None:
        super().__init__()
        self.scale = nn.Parameter(torch.tensor(float(scale)))
        self.shift = nn.Parameter(torch.tensor(float(shift)))

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """z: any shape, float32 → notes of the same shape."""
        return self.scale * z + self.shift

    def distribution(self) -> object:
        """The distribution of G(z) for z ∼ N(0, 1): scipy.stats.norm(shift, |scale|)."""
        return stats.norm(loc=self.shift.item(), scale=abs(self.scale.item()))


class Police(nn.Module):
    """The discriminator D(x) = sigmoid(w·u + v·u² + c) with u = (x − center)/width:
    logistic regression on x and x². Lesson 01.

    The police measure a note against a typical real one (``center``, ``width``: the real notes'
    mean and standard deviation). Without this, x and x² are nearly collinear around x = 3, the
    regression learns slowly, and the counterfeiter shrinks to a single point.
    ``forward`` returns the logit w·u + v·u² + c (the log-odds that x is real), not D(x).
    In the Wasserstein game of lesson 04 the same number is the critic's score f(x).
    """

    def __init__(self, *, center: float = 0.0, width: float = 1.0) -> None:
        super().__init__()
        if not width > 0:
            raise ValueError(f"width must be positive, got {width!r}")
        self.center, self.width = float(center), float(width)
        self.linear = nn.Linear(2, 1)
        nn.init.zeros_(self.linear.weight)
        nn.init.zeros_(self.linear.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: shape (N,) → logits, shape (N,)."""
        u = (x - self.center) / self.width
        return self.linear(torch.stack([u, u * u], dim=-1)).squeeze(-1)


def police_loss(police: Police, real: torch.Tensor, fake: torch.Tensor, *, loss: str = "minimax",
                gp_weight: float = GP_WEIGHT, generator: torch.Generator | None = None) -> torch.Tensor:
    """The police's loss, :func:`ganlib.gan.losses.discriminator_loss` in the game's words.

    For "minimax" and "ns": the binary cross-entropy −mean log D(real) − mean log(1 − D(fake)),
    an estimate of −V(G, D) (log 4 ≈ 1.386 at the equilibrium D = 1/2; the counterfeiter's loss
    does not change the police's). For "wgan-gp" the police are a critic: mean f(fake) − mean f(real)
    + ``gp_weight``·gradient penalty, whose random interpolation weights come from ``generator``.
    Used by lessons 01 and 04.
    """
    return discriminator_loss(police, real, fake, loss=loss, gp_weight=gp_weight, generator=generator)[0]


def counterfeiter_loss(police: Police, fake: torch.Tensor, *, loss: str = "minimax") -> torch.Tensor:
    """The counterfeiter's loss, :func:`ganlib.gan.losses.generator_loss` of the police's verdict on its
    notes: "minimax" mean log(1 − D(fake)) (the part of V(G, D) that depends on G), "ns" mean
    −log D(fake), "wgan-gp" −mean f(fake). Used by lessons 01 and 04.
    """
    return generator_loss(police(fake), loss=loss)


def play_round(police: Police, counterfeiter: Counterfeiter, police_optimizer: torch.optim.Optimizer,
               counterfeiter_optimizer: torch.optim.Optimizer, *, real_mean: float, real_std: float,
               police_steps: int, batch_size: int, generator: torch.Generator,
               police_loss: Callable[..., torch.Tensor] = police_loss,
               counterfeiter_loss: Callable[..., torch.Tensor] = counterfeiter_loss) -> float:
    """One round of the game: ``police_steps`` police updates, then one counterfeiter update.

    Returns the police's loss on its last batch. Lesson 01 reads this function line by line.
    The players' losses are arguments, ``police_loss(police, real, fake)`` and
    ``counterfeiter_loss(police, fake)``, so that lesson 04 can swap in others.
    """
    for _ in range(police_steps):
        real = real_mean + real_std * torch.randn(batch_size, generator=generator)
        # The counterfeiter is frozen while the police learn: detach() cuts its notes from its parameters.
        fake = counterfeiter(torch.randn(batch_size, generator=generator)).detach()
        loss = police_loss(police, real, fake)
        police_optimizer.zero_grad()
        loss.backward()
        police_optimizer.step()
    # The police are frozen while the counterfeiter learns: only counterfeiter_optimizer steps.
    # The gradients this backward() leaves on the police are cleared by their next zero_grad().
    fake = counterfeiter(torch.randn(batch_size, generator=generator))
    counterfeiter_optimizer.zero_grad()
    counterfeiter_loss(police, fake).backward()
    counterfeiter_optimizer.step()
    return loss.item()


@dataclass(frozen=True)
class GameSnapshot:
    """The state of the game after a round: the counterfeiter's N(fake_mean, fake_std²), the police's
    D(x) = sigmoid(w·u + v·u² + c) with u = (x − center)/width, the value V(G, D) against these
    police and the value V(G, D*) against the best possible police (both by integration, in nats),
    the police's loss on their last batch and the norm of the counterfeiter's gradient in its
    update, ‖∇_(scale, shift) loss‖ (both nan before the first round).

    A snapshot is itself a discriminator: ``snapshot(x)`` is D(x) and ``snapshot.logit(x)`` its
    logit, for NumPy arrays x, so it can be passed to :func:`ganlib.theory.gan_value`.

    In the Wasserstein game (lesson 04, ``loss="wgan-gp"``) the police are a critic: ``logit(x)`` is its score f(x),
    ``value`` is E_data[f] − E_g[f] (the critic's estimate of W1) and ``best_value`` is
    W1(p_data, p_g) itself, in units of x.
    """

    round: int
    fake_mean: float
    fake_std: float
    w: float
    v: float
    c: float
    center: float
    width: float
    value: float
    best_value: float
    police_loss: float
    gradient_norm: float = float("nan")

    def logit(self, x: np.ndarray) -> np.ndarray:
        """w·u + v·u² + c, same shape as x."""
        u = (np.asarray(x, dtype=float) - self.center) / self.width
        return self.w * u + self.v * u * u + self.c

    def logit_slope(self, x: np.ndarray) -> np.ndarray:
        """d logit/dx = (w + 2·v·u)/width, same shape as x: how fast the police's verdict (or the critic's
        score) changes with the note. Used by lesson 04."""
        u = (np.asarray(x, dtype=float) - self.center) / self.width
        return (self.w + 2 * self.v * u) / self.width

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """D(x) in (0, 1), same shape as x."""
        return special.expit(self.logit(x))

    def fake_distribution(self) -> object:
        """The counterfeit notes' distribution, scipy.stats.norm(fake_mean, fake_std)."""
        return stats.norm(loc=self.fake_mean, scale=self.fake_std)


def _snapshot(round_: int, police: Police, counterfeiter: Counterfeiter, real: object, last_loss: float, *,
              wasserstein: bool = False) -> GameSnapshot:
    (w, v), c = police.linear.weight.detach()[0].tolist(), police.linear.bias.item()
    fake = counterfeiter.distribution()
    gradients = [p.grad for p in counterfeiter.parameters()]
    gradient_norm = float("nan") if gradients[0] is None else torch.stack(gradients).norm().item()
    state = dict(round=round_, fake_mean=float(fake.mean()), fake_std=float(fake.std()), w=w, v=v, c=c,
                 center=police.center, width=police.width, police_loss=last_loss, gradient_norm=gradient_norm)
    police_now = GameSnapshot(**state, value=float("nan"), best_value=float("nan"))
    if wasserstein:
        value = (expectation(real, police_now.logit, also_cover=(fake,))
                 - expectation(fake, police_now.logit, also_cover=(real,)))
        best_value = wasserstein_1(real, fake)
    else:
        value = gan_value(real, fake, police_now)
        best_value = gan_value(real, fake, optimal_discriminator(real, fake))
    return GameSnapshot(**state, value=value, best_value=best_value)


def play_counterfeiter_game(*, real_mean: float = 3.0, real_std: float = 0.75, start_scale: float = 1.5,
                            start_shift: float = 0.0, rounds: int = 300, police_steps: int = 5,
                            batch_size: int = 256, police_lr: float = 0.2, counterfeiter_lr: float = 0.1,
                            seed: int = 0, loss: str = "minimax", gp_weight: float = GP_WEIGHT
                            ) -> list[GameSnapshot]:
    """Play the 1-D game from a counterfeiter at N(start_shift, start_scale²); return one snapshot
    before the first round and one after every round (``rounds + 1`` in all).

    Both players use plain SGD (θ ← θ ∓ lr·gradient), as in Algorithm 1 of Goodfellow et al. (2014).
    ``police_steps`` is k, the police updates per counterfeiter update. Deterministic for a given
    ``seed``; one to two seconds for 300 rounds on one CPU core. Used by lessons 01, 03 and 04.

    ``loss`` is the pair of losses (lesson 04): "minimax", log(1 − D(G(z))); "ns", the
    non-saturating −log D(G(z)), against the same police; or "wgan-gp": the police become a
    critic with a gradient penalty of weight ``gp_weight`` (see :func:`police_loss`) and the
    counterfeiter minimises −f(G(z)). ``counterfeiter_lr=0`` freezes the counterfeiter, so that only the police learn.
    Raises FloatingPointError if the players' parameters stop being finite (a learning rate too large).
    """
    for name, value in (("rounds", rounds), ("police_steps", police_steps), ("batch_size", batch_size)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if not real_std > 0:
        raise ValueError(f"real_std must be positive, got {real_std!r}")
    check_loss(loss)
    generator = torch.Generator().manual_seed(seed)
    police = Police(center=real_mean, width=real_std)
    counterfeiter = Counterfeiter(scale=start_scale, shift=start_shift)
    police_optimizer = torch.optim.SGD(police.parameters(), lr=police_lr)
    counterfeiter_optimizer = torch.optim.SGD(counterfeiter.parameters(), lr=counterfeiter_lr)
    real = stats.norm(loc=real_mean, scale=real_std)
    wasserstein = loss == "wgan-gp"
    loss_functions = dict(police_loss=partial(police_loss, loss=loss, gp_weight=gp_weight, generator=generator),
                          counterfeiter_loss=partial(counterfeiter_loss, loss=loss))
    history = [_snapshot(0, police, counterfeiter, real, float("nan"), wasserstein=wasserstein)]
    with one_torch_thread():
        for round_ in range(1, rounds + 1):
            last_loss = play_round(police, counterfeiter, police_optimizer, counterfeiter_optimizer,
                                   real_mean=real_mean, real_std=real_std, police_steps=police_steps,
                                   batch_size=batch_size, generator=generator, **loss_functions)
            if not all(torch.isfinite(p).all() for p in (*police.parameters(), *counterfeiter.parameters())):
                raise FloatingPointError(tr(
                    en=f"the game diverged in round {round_}: the players' parameters are no longer finite; "
                       "try a smaller police_lr or counterfeiter_lr",
                    vi=f"trò chơi mất ổn định ở vòng {round_}: tham số của hai bên không còn hữu hạn; "
                       "hãy thử police_lr hoặc counterfeiter_lr nhỏ hơn"))
            history.append(_snapshot(round_, police, counterfeiter, real, last_loss, wasserstein=wasserstein))
    return history
