"""ganlib.game: the players' losses against hand formulas, what each step updates, determinism,
convergence of the 1-D game, and the density classifier of lesson 02."""

import dataclasses
import math

import numpy as np
import pytest
import torch
from scipy import stats

from ganlib.toys.counterfeiter import (Counterfeiter, Police, counterfeiter_loss, play_counterfeiter_game, play_round,
                                       police_loss)
from ganlib.toys.density_classifier import train_density_classifier
from ganlib.theory import optimal_discriminator, two_gaussian_mixture


@pytest.fixture(scope="module")
def history():
    return play_counterfeiter_game(seed=0)


def test_counterfeiter_notes_follow_its_distribution():
    counterfeiter = Counterfeiter(scale=-2.0, shift=1.5)
    notes = counterfeiter(torch.randn(200_000, generator=torch.Generator().manual_seed(0)))
    assert notes.mean().item() == pytest.approx(1.5, abs=0.02)
    assert notes.std().item() == pytest.approx(2.0, abs=0.02)
    fake = counterfeiter.distribution()
    assert (fake.mean(), fake.std()) == pytest.approx((1.5, 2.0))


def test_untrained_police_say_one_half_and_lose_log_4():
    police = Police(center=3.0, width=0.75)
    x = torch.linspace(-5, 5, 11)
    assert torch.equal(torch.sigmoid(police(x)), torch.full_like(x, 0.5))
    assert police_loss(police, x, x).item() == pytest.approx(math.log(4), abs=1e-6)


def test_losses_match_their_formulas():
    police = Police(center=1.0, width=2.0)
    with torch.no_grad():
        police.linear.weight.copy_(torch.tensor([[0.7, -1.3]]))
        police.linear.bias.fill_(0.4)
    real, fake = torch.tensor([0.5, 1.0, 2.5]), torch.tensor([-1.0, 0.0, 4.0])

    def d(x):
        u = (x - 1.0) / 2.0
        return torch.sigmoid(0.7 * u - 1.3 * u * u + 0.4)

    expected_police = -torch.log(d(real)).mean() - torch.log(1 - d(fake)).mean()
    expected_counterfeiter = torch.log(1 - d(fake)).mean()
    assert police_loss(police, real, fake).item() == pytest.approx(expected_police.item(), rel=1e-6)
    assert counterfeiter_loss(police, fake).item() == pytest.approx(expected_counterfeiter.item(), rel=1e-6)


def test_police_loss_pushes_the_counterfeiter_exactly_backwards():
    """Why detach(): without it, the police's loss gives the counterfeiter minus its own gradient."""
    police, counterfeiter = Police(center=3.0, width=0.75), Counterfeiter(scale=1.5, shift=0.0)
    with torch.no_grad():
        police.linear.weight.copy_(torch.tensor([[0.5, -0.8]]))
    generator = torch.Generator().manual_seed(1)
    real, z = 3 + 0.75 * torch.randn(64, generator=generator), torch.randn(64, generator=generator)
    police_loss(police, real, counterfeiter(z)).backward()
    leaked = [p.grad.clone() for p in counterfeiter.parameters()]
    counterfeiter.zero_grad()
    counterfeiter_loss(police, counterfeiter(z)).backward()
    for leak, own in zip(leaked, (p.grad for p in counterfeiter.parameters())):
        assert torch.allclose(leak, -own, atol=1e-7)


def test_play_round_takes_k_police_steps_then_one_counterfeiter_step():
    police, counterfeiter = Police(center=3.0, width=0.75), Counterfeiter(scale=1.5, shift=0.0)
    police_optimizer = torch.optim.SGD(police.parameters(), lr=0.2)
    counterfeiter_optimizer = torch.optim.SGD(counterfeiter.parameters(), lr=0.1)
    steps = {"police": 0, "counterfeiter": 0}
    police_optimizer.register_step_post_hook(lambda *_: steps.__setitem__("police", steps["police"] + 1))
    counterfeiter_optimizer.register_step_post_hook(
        lambda *_: steps.__setitem__("counterfeiter", steps["counterfeiter"] + 1))
    loss = play_round(police, counterfeiter, police_optimizer, counterfeiter_optimizer, real_mean=3.0,
                      real_std=0.75, police_steps=4, batch_size=32, generator=torch.Generator().manual_seed(0))
    assert steps == {"police": 4, "counterfeiter": 1}
    assert isinstance(loss, float) and loss > 0
    assert counterfeiter.shift.item() != 0.0 and police.linear.weight.abs().sum().item() > 0


def test_the_game_is_deterministic(history):
    def numbers(snapshots):
        return np.array([dataclasses.astuple(s) for s in snapshots])  # nan == nan for assert_array_equal

    again = numbers(play_counterfeiter_game(seed=0, rounds=20))
    np.testing.assert_array_equal(again, numbers(history[:21]))
    assert not np.array_equal(numbers(play_counterfeiter_game(seed=1, rounds=20))[1:], again[1:])


def test_the_game_gives_back_torch_threads():
    before = torch.get_num_threads()
    play_counterfeiter_game(rounds=2)
    assert torch.get_num_threads() == before


def test_the_game_reaches_the_equilibrium(history):
    last = history[-1]
    assert len(history) == 301
    assert last.fake_mean == pytest.approx(3.0, abs=0.05)
    assert last.fake_std == pytest.approx(0.75, abs=0.05)
    assert last.value == pytest.approx(-math.log(4), abs=0.01)
    assert last.best_value == pytest.approx(-math.log(4), abs=0.01)
    x = np.linspace(1.5, 4.5, 31)
    assert np.max(np.abs(last(x) - 0.5)) < 0.1


def test_no_police_beat_the_optimal_ones(history):
    for snapshot in history:
        assert snapshot.value <= snapshot.best_value + 1e-9
        assert snapshot.best_value >= -math.log(4) - 1e-9


def test_snapshot_is_a_discriminator_on_arrays(history):
    snapshot = history[50]
    x = np.linspace(-2, 6, 12).reshape(3, 4)
    d = snapshot(x)
    assert d.shape == (3, 4) and np.all((d > 0) & (d < 1))
    u = (x - snapshot.center) / snapshot.width
    np.testing.assert_allclose(snapshot.logit(x), snapshot.w * u + snapshot.v * u**2 + snapshot.c)


@pytest.mark.parametrize("keyword, value", [("rounds", 0), ("police_steps", 1.5), ("batch_size", -1),
                                            ("real_std", 0.0)])
def test_game_rejects_bad_settings(keyword, value):
    with pytest.raises(ValueError, match=keyword):
        play_counterfeiter_game(**{keyword: value})


def test_police_reject_a_bad_width():
    with pytest.raises(ValueError, match="width"):
        Police(width=0.0)


def test_density_classifier_learns_d_star():
    p_data = stats.norm(0, 1)
    p_g = two_gaussian_mixture(weight=0.5, mean1=-2, std1=0.5, mean2=2, std2=0.5)
    trained = train_density_classifier(p_data, p_g, samples=4000, steps=200, seed=0)
    x = np.linspace(-2.5, 2.5, 101)
    assert np.max(np.abs(trained(x) - optimal_discriminator(p_data, p_g)(x))) < 0.1
    assert trained(x.reshape(101, 1)).shape == (101, 1)
    again = train_density_classifier(p_data, p_g, samples=4000, steps=200, seed=0)
    np.testing.assert_array_equal(again(x), trained(x))


def test_density_classifier_rejects_bad_settings():
    with pytest.raises(ValueError, match="steps"):
        train_density_classifier(stats.norm(0, 1), stats.norm(1, 1), steps=0)
