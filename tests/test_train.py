"""The training loop on a slice of the bundled digits: files, resume, determinism, steps, losses, divergence,
and the figures drawn from its history.

Every run here is a few steps of the real MLP GAN on 256 digits: a second or less on a CPU.
"""

import json
import math
from dataclasses import replace

import pytest
import torch

from ganlib.data import load_bundled_mnist
from ganlib.metrics.images import reference_scores
from ganlib.gan.models import build_gan
from ganlib.plots import show_class_histograms, show_discriminator_outputs, show_grid_files, show_losses, show_metrics
from ganlib.gan.checkpoints import export_generator, load_checkpoint, load_generator
from ganlib.gan.config import TrainConfig
from ganlib.gan.losses import cross_entropy_loss as discriminator_loss
from ganlib.gan.losses import generator_loss
from ganlib.gan.sampling import ema_decay, generate, refresh_batchnorm, update_ema
from ganlib.gan.steps import discriminator_step, generator_step
from ganlib.gan.train import TrainingDiverged, train_gan
from ganlib.metrics.images import score_samples

TINY = TrainConfig(epochs=2, batch_size=64, eval_every=0, n_eval=100, grid_every=1)


@pytest.fixture(scope="module")
def digits() -> torch.Tensor:
    return load_bundled_mnist().images[:256]


def state_equal(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)


def test_a_short_run_writes_every_file(digits, tmp_path):
    run = train_gan(digits, TINY, out_dir=tmp_path, n_samples=30, progress=False)
    samples = torch.load(tmp_path / "samples.pt", weights_only=True)
    assert samples.dtype == torch.float32 and samples.shape == (30, 1, 28, 28)
    assert samples.min() >= -1.0 and samples.max() <= 1.0
    assert sorted(p.name for p in tmp_path.glob("grid_epoch_*.png")) == ["grid_epoch_001.png", "grid_epoch_002.png"]
    history = json.loads((tmp_path / "history.json").read_text())
    assert history["epoch"] == [1, 2] and history["config"]["batch_size"] == 64
    assert all(0.0 < p < 1.0 for p in history["D_real"] + history["D_fake"])
    checkpoint = load_checkpoint(tmp_path / "checkpoint.pt")
    assert checkpoint["epoch"] == 2
    assert state_equal(checkpoint["generator"], run.generator.state_dict())


def test_resume_ends_with_the_same_weights_as_an_uninterrupted_run(digits, tmp_path):
    straight = train_gan(digits, TINY, out_dir=tmp_path / "straight", progress=False)
    train_gan(digits, replace(TINY, epochs=1), out_dir=tmp_path / "stopped", progress=False)
    resumed = train_gan(digits, TINY, out_dir=tmp_path / "stopped", resume=True, progress=False)
    for name in ("generator", "discriminator", "sampler"):
        assert state_equal(getattr(straight, name).state_dict(), getattr(resumed, name).state_dict()), name
    assert straight.history["loss_D"] == resumed.history["loss_D"]
    assert straight.history["epoch"] == resumed.history["epoch"] == [1, 2]


def test_same_seed_same_weights_other_seed_other_weights(digits):
    one_epoch = replace(TINY, epochs=1)
    first = train_gan(digits, one_epoch, progress=False)
    again = train_gan(digits, one_epoch, progress=False)
    other = train_gan(digits, replace(one_epoch, seed=1), progress=False)
    assert state_equal(first.generator.state_dict(), again.generator.state_dict())
    assert not state_equal(first.generator.state_dict(), other.generator.state_dict())


@pytest.mark.parametrize("k", [1, 3])
def test_k_discriminator_steps_per_generator_step(digits, tmp_path, k):
    train_gan(digits, replace(TINY, epochs=1, k=k, batch_size=32), out_dir=tmp_path, progress=False)
    checkpoint = load_checkpoint(tmp_path / "checkpoint.pt")
    d_steps = len(digits) // 32  # Adam counts its own steps
    assert all(s["step"].item() == d_steps for s in checkpoint["opt_d"]["state"].values())
    assert all(s["step"].item() == d_steps // k for s in checkpoint["opt_g"]["state"].values())


def test_losses_at_the_equilibrium_and_far_from_it():
    half = torch.zeros(16)  # logit 0: D = 1/2
    assert discriminator_loss(half, half).item() == pytest.approx(math.log(4))
    assert generator_loss(half, loss="ns").item() == pytest.approx(math.log(2))
    assert generator_loss(half, loss="minimax").item() == pytest.approx(-math.log(2))
    confident = torch.full((16,), 200.0)  # sigmoid(200) is 1.0 in float32: log(1 − D) would be −inf
    assert discriminator_loss(confident, -confident).item() == pytest.approx(0.0, abs=1e-6)
    assert generator_loss(-confident, loss="ns").item() == pytest.approx(200.0)
    assert generator_loss(-confident, loss="minimax").item() == pytest.approx(0.0, abs=1e-6)
    with pytest.raises(ValueError, match="loss must be"):
        generator_loss(half, loss="wasserstein")  # the one vocabulary says "wgan-gp"


def test_discriminator_step_leaves_g_alone_and_generator_step_leaves_d_alone(digits):
    torch.manual_seed(0)
    generator, discriminator = build_gan("mlp")
    opt_g = torch.optim.Adam(generator.parameters(), lr=1e-3)
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=1e-3)
    real = digits[:16].float() / 127.5 - 1.0
    g_before = [p.detach().clone() for p in generator.parameters()]
    fake, *_ = discriminator_step(generator, discriminator, opt_d, real, torch.randn(16, 100))
    assert all(p.grad is None for p in generator.parameters())
    assert all(torch.equal(a, b) for a, b in zip(g_before, generator.parameters()))
    d_before = [p.detach().clone() for p in discriminator.parameters()]
    d_grads = [p.grad.clone() for p in discriminator.parameters()]  # left by D's own step
    generator_step(discriminator, opt_g, fake)
    assert all(torch.equal(a, b) for a, b in zip(d_before, discriminator.parameters()))
    assert all(torch.equal(a, p.grad) for a, p in zip(d_grads, discriminator.parameters()))
    assert all(p.requires_grad for p in discriminator.parameters())
    assert not all(torch.equal(a, b) for a, b in zip(g_before, generator.parameters()))


def test_ema_is_the_weighted_average():
    average, model = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    torch.nn.init.constant_(average.weight, 1.0)
    torch.nn.init.constant_(model.weight, 3.0)
    update_ema(average, model, decay=0.75)
    assert torch.allclose(average.weight, torch.full((2, 2), 0.75 * 1.0 + 0.25 * 3.0))


def test_ema_decay_warms_up_then_stays_at_its_setting():
    assert ema_decay(0.999, 0) == pytest.approx(0.1)
    assert ema_decay(0.999, 90) == pytest.approx(0.91)
    assert ema_decay(0.999, 10**6) == 0.999


def test_refreshed_batchnorm_statistics_are_those_of_the_noise_batch():
    torch.manual_seed(0)
    generator, _ = build_gan("mlp")
    noise = torch.randn(500, 100)
    refresh_batchnorm(generator, noise)
    norm = generator.net[1]
    with torch.no_grad():
        hidden = generator.net[0](noise)
    assert torch.allclose(norm.running_mean, hidden.mean(0), atol=1e-5)
    assert torch.allclose(norm.running_var, hidden.var(0), rtol=1e-4)
    assert norm.momentum == 0.1 and not generator.training


def test_nan_in_the_data_is_reported_as_divergence(digits, tmp_path):
    poisoned = digits.float() / 127.5 - 1.0
    poisoned[0, 0, 0, 0] = float("nan")
    with pytest.raises(TrainingDiverged, match="diverged at epoch 1.*loss_D = nan"):
        train_gan(poisoned, replace(TINY, batch_size=256), out_dir=tmp_path, progress=False)
    assert not (tmp_path / "checkpoint.pt").exists()


def test_exploding_losses_are_reported_as_divergence(digits):
    with pytest.raises(TrainingDiverged, match="diverged"):
        train_gan(digits, replace(TINY, epochs=1, max_loss=1e-3), progress=False)


def test_bad_configs_and_checkpoints_are_clear_errors(digits, tmp_path):
    with pytest.raises(ValueError, match="epochs must be positive"):
        TrainConfig(epochs=0)
    with pytest.raises(ValueError, match="loss must be"):
        TrainConfig(loss="hinge")
    with pytest.raises(ValueError, match="images must be N×1×28×28"):
        train_gan(digits[:, :, :14], TINY, progress=False)
    with pytest.raises(ValueError, match="no checkpoint"):
        train_gan(digits, TINY, out_dir=tmp_path, resume=True, progress=False)
    (tmp_path / "checkpoint.pt").write_bytes(b"not a checkpoint")
    with pytest.raises(ValueError, match="cannot read checkpoint"):
        train_gan(digits, TINY, out_dir=tmp_path, resume=True, progress=False)
    train_gan(digits, replace(TINY, epochs=1), out_dir=tmp_path, progress=False)
    with pytest.raises(ValueError, match="batch_size=64"):
        train_gan(digits, replace(TINY, batch_size=32), out_dir=tmp_path, resume=True, progress=False)
    with pytest.raises(ValueError, match="already at epoch 1"):
        train_gan(digits, replace(TINY, epochs=1), out_dir=tmp_path, resume=True, progress=False)


def test_metrics_are_recorded_on_fixed_noise(digits):
    run = train_gan(digits, replace(TINY, eval_every=2, n_eval=100), score=score_samples, progress=False)
    metrics = run.history["metrics"]
    assert metrics["epoch"] == [2] and metrics["n"] == [100]
    assert len(metrics["class_histogram"][0]) == 10 and sum(metrics["class_histogram"][0]) == 100
    assert {"fd", "classifier_score", "classes_covered", "kl_class", "precision", "recall"} <= metrics.keys()


def test_exported_generator_reloads_in_half_precision_faithfully(digits, tmp_path):
    run = train_gan(digits, replace(TINY, epochs=1), out_dir=tmp_path, progress=False)
    generator, history = load_generator(export_generator(tmp_path / "checkpoint.pt", tmp_path / "g.pt"))
    noise = torch.randn(20, 100, generator=torch.Generator().manual_seed(0))
    assert history["epoch"] == [1]
    assert (generate(generator, noise) - generate(run.sampler, noise)).abs().max() < 0.02
    with pytest.raises(ValueError, match="no such file"):
        load_generator(tmp_path / "checkpoint.pt.missing")


def test_pretrained_generator_is_shipped_and_loads():
    generator, history = load_generator()
    assert not generator.training
    assert generate(generator, torch.zeros(2, 100)).shape == (2, 1, 28, 28)
    assert history["epoch"][-1] == history["config"]["epochs"] == 100


def test_history_figures_mark_the_equilibrium_and_show_every_grid(digits, tmp_path):
    run = train_gan(digits, replace(TINY, eval_every=1), out_dir=tmp_path, score=score_samples, progress=False)
    levels = {round(line.get_ydata()[0], 6) for line in show_losses(run.history).axes[0].lines[2:]}
    assert levels == {round(math.log(4), 6), round(math.log(2), 6)}
    assert show_discriminator_outputs(run.history).axes[0].lines[2].get_ydata()[0] == 0.5
    assert len(show_metrics(run.history, reference_scores(100)).axes) == 3
    heat = show_class_histograms(run.history).axes[0].images[0].get_array()
    assert heat.shape == (2, 10) and list(heat.sum(axis=1)) == pytest.approx([100.0, 100.0])
    assert sum(bool(ax.images) for ax in show_grid_files(tmp_path).axes) == 2
    with pytest.raises(ValueError, match="epochs \\[7\\]"):
        show_grid_files(tmp_path, epochs=[7])


def test_figures_of_a_critic_show_scores_without_cross_entropy_equilibria(digits):
    """A wgan-gp critic's loss has no log 4 and its scores are no probabilities: none is drawn as such."""
    run = train_gan(digits, replace(TINY, loss="wgan-gp"), progress=False)
    losses_axes = show_losses(run.history).axes[0]
    assert len(losses_axes.lines) == 2  # D's and G's curves, no equilibrium lines
    outputs = show_discriminator_outputs(run.history).axes[0]
    assert [list(line.get_ydata()) for line in outputs.lines] == [run.history["D_real"], run.history["D_fake"]]
    assert "critic" in outputs.get_ylabel() and "probab" not in outputs.get_title().lower()
