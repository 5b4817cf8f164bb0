"""Lesson 06's remedies as options of train_gan, the 2-D model, and the seeds×remedies comparison.

Every training run here is a few hundred steps of the tiny "toy2d" pair: well under a second each.
"""

import math
from dataclasses import replace

import pytest
import torch
from torch import nn

from ganlib.toys import remedies
from ganlib.gan.models import PointDiscriminator, PointGenerator, build_gan, sample_shape
from ganlib.data.ring import sample_ring
from ganlib.metrics.ring import mode_coverage
from ganlib.gan.checkpoints import load_checkpoint
from ganlib.gan.config import TrainConfig
from ganlib.gan.losses import cross_entropy_loss as discriminator_loss
from ganlib.gan.losses import generator_loss
from ganlib.gan.steps import InstanceNoise, discriminator_step, instance_noise_std
from ganlib.gan.train import train_gan

POINTS = sample_ring(256, generator=torch.Generator().manual_seed(0))
TINY = TrainConfig(model="toy2d", epochs=2, batch_size=64, eval_every=0, n_eval=100)


def bce(logit: float, target: float) -> float:
    """Binary cross-entropy of one logit against a target in [0, 1], from its definition."""
    p = 1.0 / (1.0 + math.exp(-logit))
    return -(target * math.log(p) + (1.0 - target) * math.log(1.0 - p))


def test_label_smoothing_moves_only_the_real_target():
    real, fake = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64), torch.tensor([0.5, -0.7], dtype=torch.float64)
    smoothed = discriminator_loss(real, fake, label_smoothing=0.1).item()
    expected = (sum(bce(l, 0.9) for l in real.tolist()) / 3 + sum(bce(l, 0.0) for l in fake.tolist()) / 2)
    assert smoothed == pytest.approx(expected, rel=1e-12)
    assert discriminator_loss(real, fake).item() == pytest.approx(
        sum(bce(l, 1.0) for l in real.tolist()) / 3 + sum(bce(l, 0.0) for l in fake.tolist()) / 2, rel=1e-12)
    # The best real logit under smoothing s is log((1 − s)/s): D(x) = 0.9, not 1.
    best = torch.tensor([math.log(0.9 / 0.1)], dtype=torch.float64, requires_grad=True)
    discriminator_loss(best, torch.zeros(1, dtype=torch.float64), label_smoothing=0.1).backward()
    assert best.grad.item() == pytest.approx(0.0, abs=1e-12)


def test_wgan_gp_step_is_critic_loss_plus_the_penalty_of_a_linear_critic():
    torch.manual_seed(0)
    critic = nn.Sequential(nn.Linear(2, 1), nn.Flatten(0))  # f(x) = w·x + b, so ∇f = w everywhere
    generator = nn.Linear(16, 2)
    real, noise = torch.randn(8, 2), torch.randn(8, 16)
    w = critic[0].weight.detach().clone()
    with torch.no_grad():
        fake = generator(noise)
        expected = critic(fake).mean() - critic(real).mean() + 10.0 * (w.norm() - 1) ** 2
    optimizer = torch.optim.SGD(critic.parameters(), lr=0.0)
    _, value, _, _ = discriminator_step(generator, critic, optimizer, real, noise, loss="wgan-gp", gp_weight=10.0,
                                        rng=torch.Generator().manual_seed(1))
    assert value.item() == pytest.approx(expected.item(), rel=1e-5)
    scores = torch.tensor([1.0, -3.0, 0.5])
    assert generator_loss(scores, loss="wgan-gp").item() == pytest.approx(0.5)


def test_instance_noise_adds_seeded_gaussian_noise_and_anneals_linearly():
    discriminator = PointDiscriminator()
    x = torch.zeros(5, 2)
    veiled = InstanceNoise(discriminator, std=0.3, rng=torch.Generator().manual_seed(4))
    expected = discriminator(0.3 * torch.randn(5, 2, generator=torch.Generator().manual_seed(4)))
    assert torch.equal(veiled(x), expected)
    veiled.std = 0.0
    assert torch.equal(veiled(x), discriminator(x))
    config = replace(TINY, epochs=4, instance_noise=0.2)
    assert [instance_noise_std(config.instance_noise, epoch=e, epochs=config.epochs) for e in (1, 2, 3, 4)] == pytest.approx([0.2, 0.15, 0.1, 0.05])


def test_packed_discriminator_judges_groups_of_consecutive_points():
    torch.manual_seed(0)
    packed = PointDiscriminator(pack=3)
    points = torch.randn(6, 2)
    assert torch.equal(packed(points), packed.net(points.reshape(2, 6)).squeeze(1))
    with pytest.raises(ValueError, match="multiple of pack=3"):
        packed(torch.randn(5, 2))
    with pytest.raises(ValueError, match="cannot be built.*pack"):
        build_gan("mlp", discriminator={"pack": 2})


def test_the_2d_pair_has_the_documented_shapes_and_sizes():
    generator, discriminator = build_gan("toy2d")
    assert sample_shape("toy2d") == (2,) and sample_shape("mlp") == (1, 28, 28)
    assert generator(torch.randn(7, generator.latent_dim)).shape == (7, 2)
    assert discriminator(torch.randn(7, 2)).shape == (7,)
    assert sum(p.numel() for p in generator.parameters()) == (16 * 128 + 128) + (128 * 128 + 128) + (128 * 2 + 2)
    assert sum(p.numel() for p in discriminator.parameters()) == (2 * 128 + 128) + (128 + 1)
    with pytest.raises(TypeError):
        PointGenerator(16)  # hyperparameters are keyword-only


def test_train_gan_learns_points_without_image_parts(tmp_path):
    threads = torch.get_num_threads()
    run = train_gan(POINTS, replace(TINY, eval_every=1), out_dir=tmp_path, n_samples=10, score=mode_coverage,
                    progress=False)
    assert torch.get_num_threads() == threads  # the one-thread block gives the threads back
    assert run.history["metrics"]["epoch"] == [1, 2] and run.history["metrics"]["n"] == [100, 100]
    assert torch.load(tmp_path / "samples.pt", weights_only=True).shape == (10, 2)
    assert not list(tmp_path.glob("grid_epoch_*.png"))
    again = train_gan(POINTS, TINY, progress=False)
    assert all(torch.equal(a, b) for a, b in zip(run.generator.state_dict().values(),
                                                 again.generator.state_dict().values()))
    assert train_gan(POINTS, TINY, progress=False).history["metrics"] == {"epoch": []}  # no score, no metrics


@pytest.mark.parametrize("remedy", list(remedies.REMEDIES))
def test_every_remedy_trains_and_resumes_exactly(remedy, tmp_path):
    config = replace(remedies.remedy_config(remedy, seed=0, base=TINY), epochs=2)
    straight = train_gan(POINTS, config, progress=False)
    train_gan(POINTS, replace(config, epochs=1), out_dir=tmp_path, progress=False)
    resumed = train_gan(POINTS, config, out_dir=tmp_path, resume=True, progress=False)
    if remedy != "instance noise":  # its annealing follows the epochs asked for
        assert straight.history["loss_D"] == resumed.history["loss_D"]
    assert all(math.isfinite(v) for v in straight.history["loss_D"] + straight.history["loss_G"])
    assert load_checkpoint(tmp_path / "checkpoint.pt")["config"]["pack"] == config.pack


def test_bad_remedy_options_and_data_are_clear_errors():
    with pytest.raises(ValueError, match="label_smoothing must be in"):
        TrainConfig(label_smoothing=1.0)
    with pytest.raises(ValueError, match="critic has none"):
        TrainConfig(loss="wgan-gp", label_smoothing=0.1)
    with pytest.raises(ValueError, match="non-negative"):
        TrainConfig(instance_noise=-0.1)
    with pytest.raises(ValueError, match="divides batch_size 64"):
        TrainConfig(batch_size=64, pack=3)
    with pytest.raises(ValueError, match="float samples of shape N×2"):
        train_gan(torch.zeros(64, 1, 28, 28), TINY, progress=False)
    with pytest.raises(ValueError, match="float samples of shape N×2"):
        train_gan(POINTS.long(), TINY, progress=False)
    with pytest.raises(ValueError, match="unknown remedy"):
        remedies.remedy_config("dropout", seed=0)


def fake_run(remedy: str, seed: int, modes: float, quality: float, kl: float) -> remedies.RingRun:
    scores = {"modes_covered": modes, "high_quality": quality, "kl_modes": kl}
    return remedies.RingRun(remedy, seed, {"generator": scores, "average": {**scores, "modes_covered": 8}},
                            {"generator": torch.zeros(3, 2), "average": torch.zeros(3, 2)}, {})


def test_summary_is_the_mean_and_sample_deviation_over_seeds():
    runs = [fake_run("vanilla", 0, 1, 0.1, 2.0), fake_run("vanilla", 1, 3, 0.3, 1.0), fake_run("PacGAN", 0, 8, 0.9, 0.0)]
    summary = remedies.summarise(runs, network="generator")
    assert list(summary) == ["vanilla", "PacGAN"]
    assert summary["vanilla"]["modes_covered"] == pytest.approx((2.0, math.sqrt(2.0)))
    assert summary["vanilla"]["high_quality"] == pytest.approx((0.2, math.sqrt(0.02)))
    assert summary["PacGAN"]["kl_modes"] == (0.0, 0.0)
    assert remedies.summarise(runs)["vanilla"]["modes_covered"] == (8.0, 0.0)
    table = remedies.format_table(runs)
    assert "| vanilla GAN | 2.0 ± 1.4 / 8.0 ± 0.0 |" in table and "2 seeds" in table
    with pytest.raises(ValueError, match="network must be"):
        remedies.summarise(runs, network="discriminator")


def test_comparison_and_snapshots_score_the_runs_they_train():
    base = replace(remedies.RING_BASE, epochs=2, eval_every=1)
    runs = remedies.compare_remedies(["vanilla", "PacGAN"], seeds=[0], base=base, progress=False)
    assert [(run.remedy, run.seed) for run in runs] == [("vanilla", 0), ("PacGAN", 0)]
    for run in runs:
        assert run.samples["average"].shape == (remedies.N_SCORED, 2)
        assert run.scores["average"] == mode_coverage(run.samples["average"])
        assert run.history["metrics"]["modes_covered"][-1] == run.scores["average"]["modes_covered"]
    frames = remedies.snapshots("vanilla", seed=0, epochs=[1, 2], base=base)
    assert torch.equal(frames["generator"][-1], runs[0].samples["generator"])  # paused and resumed: the same run
    assert not torch.equal(frames["average"][0], frames["average"][1])
    with pytest.raises(ValueError, match="increasing"):
        remedies.snapshots("vanilla", seed=0, epochs=[2, 1], base=base)
