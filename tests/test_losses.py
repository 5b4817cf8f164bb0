"""ganlib.losses and the loss options of ganlib.game (lesson 04): the losses against their formulas,
autograd against the closed-form slopes, the gradient penalty against hand computations, and the
games played with each loss against the theory (vanishing gradient, equilibrium, W1)."""

import dataclasses
import math

import numpy as np
import pytest
import torch
from scipy import special, stats

from ganlib.gan import losses
from ganlib.toys import counterfeiter as game
from ganlib.toys.counterfeiter import Police, play_counterfeiter_game
from ganlib.theory import expectation, wasserstein_1

LOGITS = torch.linspace(-30.0, 30.0, 121, dtype=torch.float64)
# The far-away game of lesson 04: counterfeits 12 real standard deviations from the real notes.
FAR = dict(real_mean=3.0, real_std=0.75, start_scale=1.5, start_shift=-6.0, police_steps=5, batch_size=256,
           police_lr=0.05, counterfeiter_lr=0.03, seed=0)


def numbers(history):
    return np.array([dataclasses.astuple(s) for s in history])  # nan == nan for assert_array_equal


def test_generator_losses_match_their_formulas():
    logits = torch.linspace(-8.0, 8.0, 33, dtype=torch.float64)
    d = torch.sigmoid(logits)
    on = losses.generator_loss_on_scores
    torch.testing.assert_close(on(logits, loss="minimax"), torch.log(1 - d))
    torch.testing.assert_close(on(logits, loss="ns"), -torch.log(d))
    torch.testing.assert_close(on(logits, loss="wgan-gp"), -logits)
    for loss in losses.LOSSES:
        torch.testing.assert_close(losses.generator_loss(logits, loss=loss), on(logits, loss=loss).mean())


def test_generator_losses_stay_finite_where_d_rounds_to_0_or_1():
    extreme = torch.tensor([-1000.0, 1000.0])
    assert torch.allclose(losses.generator_loss_on_scores(extreme, loss="minimax"), torch.tensor([0.0, -1000.0]))
    assert torch.allclose(losses.generator_loss_on_scores(extreme, loss="ns"), torch.tensor([1000.0, 0.0]))


def test_discriminator_loss_is_the_cross_entropy_or_the_critic_loss_plus_the_penalty():
    """One function gives D's loss for every entry of the vocabulary, from its parts."""
    critic = torch.nn.Linear(3, 1)
    real, fake = torch.randn(8, 3, generator=torch.Generator().manual_seed(1)), torch.randn(8, 3)

    def scores(x):
        return critic(x).squeeze(1)

    for loss in ("minimax", "ns"):
        value, real_scores, fake_scores = losses.discriminator_loss(scores, real, fake, loss=loss, label_smoothing=0.1)
        torch.testing.assert_close(value, losses.cross_entropy_loss(scores(real), scores(fake), label_smoothing=0.1))
    value, _, _ = losses.discriminator_loss(scores, real, fake, loss="wgan-gp", gp_weight=3.0,
                                            generator=torch.Generator().manual_seed(0))
    # a linear critic has the same gradient everywhere: the penalty is (‖w‖ − 1)², exactly
    penalty = (critic.weight.norm() - 1) ** 2
    torch.testing.assert_close(value, scores(fake).mean() - scores(real).mean() + 3.0 * penalty)
    with pytest.raises(ValueError, match="label_smoothing"):
        losses.discriminator_loss(scores, real, fake, loss="wgan-gp", label_smoothing=0.1)


@pytest.mark.parametrize("loss", losses.LOSSES)
def test_autograd_slopes_match_the_closed_forms(loss):
    logits = LOGITS.clone().requires_grad_(True)
    (autograd,) = torch.autograd.grad(losses.generator_loss_on_scores(logits, loss=loss).sum(), logits)
    closed = losses.generator_loss_slope(LOGITS.numpy(), loss=loss)
    # torch.nn.functional.softplus(t) returns t itself for t > 20, an error below e^-20 ≈ 2e-9.
    np.testing.assert_allclose(autograd.numpy(), closed, rtol=1e-8, atol=1e-300)
    assert losses.generator_loss_slope(np.zeros((2, 3)), loss=loss).shape == (2, 3)


def test_minimax_slope_vanishes_where_the_non_saturating_one_does_not():
    l = LOGITS.numpy()
    minimax = losses.generator_loss_slope(l, loss="minimax")
    ns = losses.generator_loss_slope(l, loss="ns")
    np.testing.assert_allclose(minimax / ns, np.exp(l), rtol=1e-12)  # ratio σ(l)/(1 − σ(l)) = e^l
    assert abs(minimax[0]) < 1e-12 and ns[0] == pytest.approx(-1.0, abs=1e-12)  # l = −30
    assert losses.generator_loss_slope(0.0, loss="minimax") == losses.generator_loss_slope(0.0, loss="ns") == -0.5
    assert np.all(losses.generator_loss_slope(l, loss="wgan-gp") == -1.0)


@pytest.mark.parametrize("function", [losses.generator_loss_on_scores, losses.generator_loss_slope])
def test_unknown_generator_loss_is_rejected(function):
    with pytest.raises(ValueError, match="loss must be one of"):
        function(torch.zeros(3), loss="hinge")


def test_critic_loss_is_a_difference_of_means_and_ignores_constants():
    real, fake = torch.tensor([1.0, 2.0, 6.0]), torch.tensor([-4.0, 0.0])
    assert losses.critic_loss(real, fake).item() == pytest.approx(-2.0 - 3.0)
    assert losses.critic_loss(real + 7, fake + 7).item() == pytest.approx(losses.critic_loss(real, fake).item())


@pytest.mark.parametrize("slope", [1.0, 2.0, -0.5, 0.0])
def test_penalty_of_a_linear_critic_is_its_slope_minus_one_squared(slope):
    generator = torch.Generator().manual_seed(0)
    real, fake = 3 + torch.randn(64, generator=generator), -6 + torch.randn(64, generator=generator)
    penalty = losses.gradient_penalty(lambda x: slope * x + 0.3, real, fake, generator=generator)
    assert penalty.item() == pytest.approx((abs(slope) - 1) ** 2, abs=1e-6)


def test_penalty_of_a_quadratic_critic_matches_a_hand_computation():
    real, fake = torch.tensor([3.0, 2.0, 4.5, 3.5]), torch.tensor([-6.0, -5.0, -7.5, 0.0])
    penalty = losses.gradient_penalty(lambda x: x**2, real, fake, generator=torch.Generator().manual_seed(5))
    epsilon = torch.rand(4, generator=torch.Generator().manual_seed(5))
    mixed = epsilon * real + (1 - epsilon) * fake
    assert penalty.item() == pytest.approx(((2 * mixed.abs() - 1) ** 2).mean().item(), rel=1e-6)


def test_penalty_takes_the_norm_over_each_sample():
    """Images (N, C, H, W): f(x) = Σ a·x has gradient a at every x, so the penalty is (‖a‖ − 1)²."""
    a = torch.randn(1, 2, 3, 3, generator=torch.Generator().manual_seed(1))
    real, fake = torch.randn(5, 2, 3, 3), torch.randn(5, 2, 3, 3)
    penalty = losses.gradient_penalty(lambda x: (a * x).sum(dim=(1, 2, 3)), real, fake,
                                      generator=torch.Generator().manual_seed(0))
    assert penalty.item() == pytest.approx((a.norm().item() - 1) ** 2, rel=1e-5)


def test_penalty_trains_the_critic_and_leaves_the_generator_alone():
    police = Police(center=3.0, width=0.75)
    with torch.no_grad():
        police.linear.weight.copy_(torch.tensor([[0.3, -0.2]]))
    shift = torch.tensor(-6.0, requires_grad=True)
    fake = shift + torch.randn(32, generator=torch.Generator().manual_seed(2))
    real = 3 + 0.75 * torch.randn(32, generator=torch.Generator().manual_seed(3))
    losses.gradient_penalty(police, real, fake, generator=torch.Generator().manual_seed(4)).backward()
    assert police.linear.weight.grad.abs().sum().item() > 0
    assert shift.grad is None


def test_penalty_rejects_batches_of_different_shapes():
    with pytest.raises(ValueError, match="same shape"):
        losses.gradient_penalty(lambda x: x, torch.zeros(4), torch.zeros(5), generator=torch.Generator())


def test_wasserstein_police_loss_is_the_critic_loss_plus_the_penalty():
    police = Police(center=3.0, width=0.75)
    with torch.no_grad():
        police.linear.weight.copy_(torch.tensor([[0.5, 0.1]]))
        police.linear.bias.fill_(2.0)
    real, fake = torch.tensor([2.5, 3.0, 3.5]), torch.tensor([-7.0, -6.0, -5.0])
    value = game.police_loss(police, real, fake, loss="wgan-gp", generator=torch.Generator().manual_seed(0))
    by_hand = (losses.critic_loss(police(real), police(fake))
               + losses.GP_WEIGHT * losses.gradient_penalty(police, real, fake, generator=torch.Generator().manual_seed(0)))
    assert value.item() == pytest.approx(by_hand.item(), rel=1e-6)
    # The counterfeiter's loss does not change the police's: "ns" police play the BCE of lesson 01.
    assert game.police_loss(police, real, fake, loss="ns").item() == pytest.approx(game.police_loss(police, real, fake).item())


def test_counterfeiter_losses_read_the_police_logits():
    police = Police(center=3.0, width=0.75)
    with torch.no_grad():
        police.linear.weight.copy_(torch.tensor([[0.8, -1.2]]))
    fake = torch.tensor([-1.0, 0.5, 2.0])
    logits = police(fake)
    assert game.counterfeiter_loss(police, fake, loss="ns").item() == pytest.approx(-torch.log(torch.sigmoid(logits)).mean().item(), rel=1e-6)
    assert game.counterfeiter_loss(police, fake, loss="wgan-gp").item() == pytest.approx(-logits.mean().item(), rel=1e-6)


@pytest.mark.parametrize("call", [lambda: play_counterfeiter_game(rounds=1, loss="hinge"),
                                  lambda: game.police_loss(Police(), torch.zeros(2), torch.zeros(2), loss="hinge")])
def test_the_game_rejects_an_unknown_loss(call):
    with pytest.raises(ValueError, match="loss must be one of"):
        call()


def test_minimax_is_the_default_and_unchanged():
    np.testing.assert_array_equal(numbers(play_counterfeiter_game(rounds=5, seed=3)),
                                  numbers(play_counterfeiter_game(rounds=5, seed=3, loss="minimax")))


def test_snapshot_logit_slope_is_the_derivative_of_the_logit():
    snapshot = play_counterfeiter_game(rounds=3)[-1]
    x, h = np.linspace(-8, 8, 17), 1e-5
    np.testing.assert_allclose(snapshot.logit_slope(x), (snapshot.logit(x + h) - snapshot.logit(x - h)) / (2 * h),
                               rtol=1e-6, atol=1e-8)


@pytest.fixture(scope="module")
def far_games():
    return {"minimax": play_counterfeiter_game(**FAR, rounds=100, loss="minimax"),
            "ns": play_counterfeiter_game(**FAR, rounds=300, loss="ns")}


def exact_gradient_norm(police, fake, loss):
    """The counterfeiter's expected gradient by the chain rule, integrated in float64: an independent check."""
    a, b = fake.std(), fake.mean()

    def expected(dx):
        return expectation(fake, lambda x: losses.generator_loss_slope(police.logit(x), loss=loss)
                           * police.logit_slope(x) * dx(x), atol=0.0, rtol=1e-10)

    return math.hypot(expected(lambda x: (x - b) / a), expected(np.ones_like))


def test_far_away_the_minimax_gradient_vanishes_and_the_ns_one_does_not(far_games):
    minimax, ns = far_games["minimax"], far_games["ns"]
    assert (minimax[1].w, minimax[1].v, minimax[1].c) == (ns[1].w, ns[1].v, ns[1].c)  # the same police
    assert math.isnan(minimax[0].gradient_norm)
    assert minimax[1].gradient_norm == 0.0
    fake = stats.norm(-6.0, 1.5)
    assert exact_gradient_norm(minimax[1], fake, "minimax") < 1e-6
    assert ns[1].gradient_norm == pytest.approx(exact_gradient_norm(ns[1], fake, "ns"), rel=0.1)
    assert ns[1].gradient_norm > 10


def test_far_away_only_the_ns_counterfeiter_reaches_the_equilibrium(far_games):
    minimax, ns = far_games["minimax"][-1], far_games["ns"][-1]
    assert minimax.fake_mean == pytest.approx(-6.0, abs=0.05)  # after 100 rounds
    assert ns.fake_mean == pytest.approx(3.0, abs=0.05)
    assert ns.fake_std == pytest.approx(0.75, abs=0.05)
    assert ns.value == pytest.approx(-math.log(4), abs=0.01)  # the same equilibrium as the minimax game
    assert np.max(np.abs(ns(np.linspace(1.5, 4.5, 31)) - 0.5)) < 0.1


def test_a_critic_facing_a_frozen_shift_estimates_w1_with_the_penalty_bias():
    """Δ = 1 apart, linear critic: s* = 1 + Δ/(2λ), estimate Δ + Δ²/(2λ)."""
    history = play_counterfeiter_game(start_scale=0.75, start_shift=2.0, rounds=60, police_lr=1e-3,
                                      counterfeiter_lr=0.0, loss="wgan-gp")
    critic, lam = history[-1], losses.GP_WEIGHT
    assert (critic.fake_mean, critic.fake_std) == (2.0, 0.75)  # frozen
    assert critic.best_value == wasserstein_1(stats.norm(3.0, 0.75), stats.norm(2.0, 0.75))
    assert critic.best_value == pytest.approx(1.0, abs=1e-9)
    assert critic.value == pytest.approx(1 + 1 / (2 * lam), abs=0.01)
    assert float(critic.logit_slope(3.0)) == pytest.approx(1 + 1 / (2 * lam), abs=0.01)
    assert critic.gradient_norm == pytest.approx(1 + 1 / (2 * lam), rel=0.1)


def test_the_wasserstein_counterfeiter_gets_a_steady_gradient_far_away():
    history = play_counterfeiter_game(**{**FAR, "police_lr": 1e-4}, rounds=40, loss="wgan-gp")
    norms = np.array([s.gradient_norm for s in history[1:]])
    assert np.all((norms > 0.5) & (norms < 5))
    assert history[-1].fake_mean > -5.5
    assert np.all(np.diff([s.fake_mean for s in history]) > 0)  # every round a step towards the real notes
    np.testing.assert_array_equal(numbers(history[:11]), numbers(play_counterfeiter_game(
        **{**FAR, "police_lr": 1e-4}, rounds=10, loss="wgan-gp")))


def test_a_diverging_game_says_so():
    """Far from the real notes the penalty is stiff: a critic step of 1e-3 blows up (lesson 04, exercise 4)."""
    with pytest.raises(FloatingPointError, match="police_lr"):
        play_counterfeiter_game(**{**FAR, "police_lr": 1e-3}, rounds=50, loss="wgan-gp")
