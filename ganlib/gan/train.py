"""Training a GAN, made for speed: the loop of lessons 05–08 and ``python -m ganlib train``.

Lesson 06 trains the same loop on 2-D points (model "toy2d") with the remedies for mode collapse,
which are options of :class:`ganlib.gan.config.TrainConfig`. Why it is fast:

- the whole dataset is one tensor on the training device: a batch is an index into it, so there
  is no per-batch host→device copy and no Python collation;
- noise and shuffling come from one explicit ``torch.Generator`` on the device;
- losses and scores are added up on the device and read once per epoch, so the host never waits
  for the device inside an epoch;
- the generator step reuses the fakes of the discriminator step before it, and freezes D, so no
  work is spent on gradients nobody uses.

The loop draws every random number from its own generators (the initial weights inside
``torch.random.fork_rng``), so training never reseeds the caller's global random state.
"""

import copy
import json
import math
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch import nn
from torchvision.utils import save_image
from tqdm.auto import tqdm

from ..data import to_gan_range
from ..i18n import tr
from ..runtime import one_torch_thread
from .checkpoints import CHECKPOINT, atomic_file, check_resumable, load_checkpoint, make_checkpoint, save_atomic
from .config import GRID_SIZE, TrainConfig
from .models import IMAGE_SHAPE, NUM_CLASSES, build_gan, is_conditional, sample_shape
from .sampling import ema_decay, fixed_labels, fixed_noise, generate, refresh_batchnorm, update_ema
from .speed import prepare_layout, step_boundary, step_networks
from .steps import Conditioned, InstanceNoise, discriminator_step, generator_step, instance_noise_std

HISTORY = "history.json"
SAMPLES = "samples.pt"
BATCHNORM_SAMPLES = 1000
EPOCH_COLUMNS = ("epoch", "loss_D", "loss_G", "D_real", "D_fake", "seconds")


class TrainingDiverged(RuntimeError):
    """Raised when a loss becomes NaN or infinite, or grows past ``TrainConfig.max_loss``."""


@dataclass
class GANRun:
    """What :func:`train_gan` returns: the networks (on the training device), the generator to
    sample from (the EMA copy, or G itself when ``ema_decay`` is 0), the config and the history."""

    generator: nn.Module
    discriminator: nn.Module
    sampler: nn.Module
    config: TrainConfig
    history: dict


def prepare_images(images: torch.Tensor, device: torch.device) -> torch.Tensor:
    """uint8 MNIST (N×1×28×28, 0..255) or floats in [−1, 1] → one float32 tensor on ``device`` in [−1, 1]."""
    if images.ndim != 4 or tuple(images.shape[1:]) != IMAGE_SHAPE:
        raise ValueError(f"images must be N×1×28×28, got shape {tuple(images.shape)}")
    if images.dtype == torch.uint8:
        return to_gan_range(images.to(device))
    if not images.is_floating_point():
        raise TypeError(f"images must be uint8 (0..255) or float in [−1, 1], got {images.dtype}")
    return images.to(device=device, dtype=torch.float32)


def empty_history(config: TrainConfig) -> dict:
    """A history before training: the config (a dict), the per-epoch columns (lists) and the
    ``metrics`` columns (filled every ``eval_every`` epochs by :func:`ganlib.metrics.score_samples`)."""
    return {"config": asdict(config), **{column: [] for column in EPOCH_COLUMNS}, "metrics": {"epoch": []}}


def prepare_data(data: torch.Tensor, model: str, device: torch.device) -> torch.Tensor:
    """The training data of ``model`` as one float32 tensor on ``device``: images through
    :func:`prepare_images`, other samples (e.g. N×2 points for "toy2d") as they are."""
    shape = sample_shape(model)
    if shape == IMAGE_SHAPE:
        return prepare_images(data, device)
    if data.ndim != 1 + len(shape) or tuple(data.shape[1:]) != shape or not data.is_floating_point():
        raise ValueError(f"model {model!r} trains on float samples of shape N×{'×'.join(map(str, shape))}, "
                         f"got {data.dtype} of shape {tuple(data.shape)}")
    return data.to(device=device, dtype=torch.float32)


def prepare_labels(labels: torch.Tensor | None, n: int, model: str, device: torch.device) -> torch.Tensor | None:
    """The labels of the ``n`` training samples as int64 on ``device`` for a conditional ``model``
    (lesson 08), None for another; ValueError when they are missing, unused, or not n labels in 0..C−1."""
    if not is_conditional(model):
        if labels is not None:
            raise ValueError(f"model {model!r} does not read labels; leave labels out (or train model 'cgan')")
        return None
    if labels is None:
        raise ValueError(f"model {model!r} needs the label of every training sample: pass labels=")
    if labels.dtype.is_floating_point or labels.dtype == torch.bool or tuple(labels.shape) != (n,):
        raise ValueError(f"labels must be integers, one label per sample ({n}), got {labels.dtype} "
                         f"of shape {tuple(labels.shape)}")
    if n and (int(labels.min()) < 0 or int(labels.max()) >= NUM_CLASSES):
        raise ValueError(f"labels must lie in 0..{NUM_CLASSES - 1}, got values from {int(labels.min())} "
                         f"to {int(labels.max())}")
    return labels.to(device=device, dtype=torch.int64)


def _record_metrics(history: dict, epoch: int, sampler: nn.Module, noise: torch.Tensor,
                    score: Callable[..., dict], labels: torch.Tensor | None) -> None:
    samples = generate(sampler, noise, labels=labels)
    scores = score(samples) if labels is None else score(samples, labels.cpu())
    record = history["metrics"]
    record["epoch"].append(epoch)
    for key, value in scores.items():
        record.setdefault(key, []).append(value.tolist() if isinstance(value, torch.Tensor) else value)


def _write_grid(path: Path, images: torch.Tensor) -> None:
    # White ink on black with grey padding, as show_digits draws digits.
    with atomic_file(path) as file:
        save_image((images + 1.0) / 2.0, file, format="png", nrow=10, padding=2, pad_value=0.5)


def _check_finite(epoch: int, values: dict, max_loss: float, out_dir: Path | None) -> None:
    losses = {name: values[name] for name in ("loss_D", "loss_G")}
    if all(math.isfinite(v) and abs(v) <= max_loss for v in losses.values()):
        return
    shown = ", ".join(f"{name} = {value:.4g}" for name, value in losses.items())
    where = (tr(en=f"; {out_dir / CHECKPOINT} holds the last good epoch",
                vi=f"; {out_dir / CHECKPOINT} lưu epoch tốt cuối cùng") if out_dir else "")
    raise TrainingDiverged(tr(
        en=f"training diverged at epoch {epoch} ({shown}); lower the learning rates or change the seed{where}",
        vi=f"huấn luyện mất ổn định ở epoch {epoch} ({shown}); hãy giảm tốc độ học hoặc đổi seed{where}"))


def train_gan(data: torch.Tensor, config: TrainConfig = TrainConfig(), *, device: torch.device | str = "cpu",
              out_dir: str | Path | None = None, resume: bool = False, n_samples: int = 0,
              score: Callable[..., dict] | None = None, progress: bool = True,
              labels: torch.Tensor | None = None) -> GANRun:
    """Train a GAN on ``data`` as ``config`` says: MNIST images (uint8 N×1×28×28 in 0..255, or
    float in [−1, 1]) for the image models, float points N×2 for "toy2d".

    Each epoch shuffles the data, makes ``N // batch_size`` discriminator steps and one generator
    step after every ``k``-th of them, then appends the epoch's mean losses, mean D(x) and mean
    D(G(z)) (probabilities, from the discriminator steps; for "wgan-gp" the critic's mean scores)
    and its wall time in seconds to the history. Every ``eval_every`` epochs ``score`` (samples →
    dict of numbers, e.g. :func:`ganlib.metrics.score_samples` for MNIST images; None: no scores)
    rates ``n_eval`` samples from fixed noise into ``history["metrics"]``.
    A conditional model (lesson 08, "cgan") also needs ``labels``, the N labels of ``data``: each
    step draws the fakes for the labels of the real batch, and both networks see them. Its fixed
    noise comes with :func:`ganlib.gan.sampling.fixed_labels` (each grid row one digit), which
    ``score`` receives too: ``score(samples, labels)``, e.g. :func:`ganlib.metrics.conditional.score_conditional`.
    With ``out_dir`` it writes there after every epoch ``checkpoint.pt`` (weights, optimisers, RNG
    states, epoch, history) and ``history.json``, for image models grids ``grid_epoch_XXX.png``, and
    at the end ``samples.pt``: ``n_samples`` samples from the final sampler (see :func:`generate`;
    for a conditional model sample i is of digit (i // 10) mod 10, as :func:`fixed_labels` says).
    ``resume=True`` continues from ``out_dir/checkpoint.pt`` exactly as if never stopped.
    Raises :class:`TrainingDiverged` on NaN/infinite or exploding losses.
    The caller's global random state is left as it was. Used by lessons 05–08 and the CLI.
    """
    device = torch.device(device)
    with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
        return _train(data, config, device=device, out_dir=out_dir, resume=resume, n_samples=n_samples,
                      score=score, progress=progress, labels=labels)


def _train(data: torch.Tensor, config: TrainConfig, *, device: torch.device, out_dir: str | Path | None,
           resume: bool, n_samples: int, score: Callable[..., dict] | None, progress: bool,
           labels: torch.Tensor | None) -> GANRun:
    images = sample_shape(config.model) == IMAGE_SHAPE
    data = prepare_data(data, config.model, device)
    if images:
        data = prepare_layout(data, device)
    labels = prepare_labels(labels, len(data), config.model, device)
    if len(data) < config.batch_size:
        raise ValueError(f"batch_size {config.batch_size} is larger than the {len(data)} samples")
    out_dir = Path(out_dir) if out_dir is not None else None
    if resume and out_dir is None:
        raise ValueError("resume=True needs the out_dir that holds the checkpoint")

    # The initial weights, and dropout later on, draw from torch's global generator, forked by
    # train_gan: seed it here.
    torch.manual_seed(config.seed)
    packing = {"pack": config.pack} if config.pack > 1 else {}
    generator, discriminator = build_gan(config.model, discriminator={"dropout": config.dropout, **packing})
    generator.to(device)
    discriminator.to(device)
    sampler = copy.deepcopy(generator) if config.ema_decay > 0 else generator
    opt_g = torch.optim.Adam(generator.parameters(), lr=config.lr_g, betas=config.betas)
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=config.lr_d, betas=config.betas)
    rng = torch.Generator(device=device)
    # What the steps see: G and D themselves, or, for a conditional GAN, G and D with the batch's
    # labels bound (the same weights either way).
    conditioned = [Conditioned(generator), Conditioned(discriminator)] if labels is not None else []
    draw, judge = conditioned or (generator, discriminator)
    # D behind instance noise, if asked for.
    judge = InstanceNoise(judge, std=config.instance_noise, rng=rng) if config.instance_noise else judge
    history, start = empty_history(config), 0
    if resume:
        checkpoint = load_checkpoint(out_dir / CHECKPOINT)
        check_resumable(TrainConfig.from_dict(checkpoint["config"]), config, device, checkpoint["device"])
        generator.load_state_dict(checkpoint["generator"])
        discriminator.load_state_dict(checkpoint["discriminator"])
        sampler.load_state_dict(checkpoint["sampler"])
        opt_g.load_state_dict(checkpoint["opt_g"])
        opt_d.load_state_dict(checkpoint["opt_d"])
        rng.set_state(checkpoint["rng"]["train"])
        torch.set_rng_state(checkpoint["rng"]["cpu"])
        if device.type == "cuda":
            torch.cuda.set_rng_state(checkpoint["rng"]["device"], device)
        history, start = {**checkpoint["history"], "config": asdict(config)}, checkpoint["epoch"]
        if config.epochs <= start:
            raise ValueError(tr(en=f"the checkpoint is already at epoch {start}; ask for more epochs to continue",
                                vi=f"checkpoint đã ở epoch {start}; hãy đặt số epoch lớn hơn để tiếp tục"))
    else:
        rng.manual_seed(config.seed)
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            for stale in out_dir.glob("grid_epoch_*.png"):
                stale.unlink()

    noise = fixed_noise(config.n_eval, generator.latent_dim, seed=config.seed).to(device)
    statistics_noise = fixed_noise(BATCHNORM_SAMPLES, generator.latent_dim, seed=config.seed + 2).to(device)
    # The labels that go with the fixed noise (conditional models only).
    noise_labels, statistics_labels = (
        (fixed_labels(config.n_eval).to(device), fixed_labels(BATCHNORM_SAMPLES).to(device)) if conditioned
        else (None, None))
    n_batches = len(data) // config.batch_size
    # The history's D(x) and D(G(z)): probabilities, or a critic's raw scores.
    reading = nn.Identity() if config.loss == "wgan-gp" else torch.sigmoid
    generator.train()
    discriminator.train()
    # What the steps call: the networks, on CUDA in bf16 autocast, compiled if config.compile (ganlib.gan.speed).
    g_net, d_net = step_networks(draw, judge, device=device, compile=config.compile)
    bar = tqdm(range(start + 1, config.epochs + 1), initial=start, total=config.epochs, disable=not progress,
               desc=tr(en="epochs", vi="epoch"), unit="epoch", dynamic_ncols=True)
    # 2-D points make tensors so small that waking a second CPU thread costs more than it saves.
    with one_torch_thread() if device.type == "cpu" and not images else nullcontext():
        for epoch in bar:
            tic = time.perf_counter()
            if isinstance(judge, InstanceNoise):
                judge.std = instance_noise_std(config.instance_noise, epoch=epoch, epochs=config.epochs)
            # Running sums on the device: loss_D, loss_G, D(x), D(G(z)); read once, after the epoch.
            sums = torch.zeros(4, device=device)
            order = torch.randperm(len(data), device=device, generator=rng)
            for step in range(n_batches):
                batch = order[step * config.batch_size:(step + 1) * config.batch_size]
                real = data[batch]
                for network in conditioned:
                    network.labels = labels[batch]
                z = torch.randn(config.batch_size, generator.latent_dim, device=device, generator=rng)
                step_boundary(device, compile=config.compile)
                fake, loss_d, real_logits, fake_logits = discriminator_step(
                    g_net, d_net, opt_d, real, z, loss=config.loss, label_smoothing=config.label_smoothing,
                    gp_weight=config.gp_weight, rng=rng)
                sums[0] += loss_d
                sums[2] += reading(real_logits).mean()
                sums[3] += reading(fake_logits).mean()
                if (step + 1) % config.k == 0:
                    sums[1] += generator_step(d_net, opt_g, fake, loss=config.loss)
                    if sampler is not generator:
                        g_steps = (epoch - 1) * (n_batches // config.k) + (step + 1) // config.k
                        update_ema(sampler, generator, decay=ema_decay(config.ema_decay, g_steps))
            loss_d, loss_g, d_real, d_fake = sums.tolist()
            values = {"epoch": epoch, "loss_D": loss_d / n_batches, "loss_G": loss_g / max(1, n_batches // config.k),
                      "D_real": d_real / n_batches, "D_fake": d_fake / n_batches,
                      "seconds": time.perf_counter() - tic}
            _check_finite(epoch, values, config.max_loss, out_dir)
            for column in EPOCH_COLUMNS:
                history[column].append(values[column])
            bar.set_postfix(loss_D=f"{values['loss_D']:.3f}", loss_G=f"{values['loss_G']:.3f}")
            last = epoch == config.epochs
            if sampler is not generator:
                refresh_batchnorm(sampler, statistics_noise, labels=statistics_labels)
            if score is not None and config.eval_every and (epoch % config.eval_every == 0 or last):
                _record_metrics(history, epoch, sampler, noise, score, noise_labels)
            if out_dir is not None:
                if images and (epoch == 1 or last or (config.grid_every and epoch % config.grid_every == 0)):
                    grid = generate(sampler, noise[:GRID_SIZE],
                                    labels=None if noise_labels is None else noise_labels[:GRID_SIZE])
                    _write_grid(out_dir / f"grid_epoch_{epoch:03d}.png", grid)
                save_atomic(make_checkpoint(config, epoch, device, generator, discriminator, sampler, opt_g, opt_d,
                                         rng, history), out_dir / CHECKPOINT)
                with atomic_file(out_dir / HISTORY) as file:
                    file.write(json.dumps(history, indent=1).encode())
    bar.close()
    if out_dir is not None and n_samples > 0:
        sample_noise = fixed_noise(n_samples, generator.latent_dim, seed=config.seed + 1)
        sample_labels = fixed_labels(n_samples) if labels is not None else None
        save_atomic(generate(sampler, sample_noise, labels=sample_labels), out_dir / SAMPLES)
    return GANRun(generator, discriminator, sampler, config, history)
