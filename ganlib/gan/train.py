"""Training a GAN, made for speed: the loop of lessons 05–09 and ``python -m ganlib train``.

Lesson 06 trains the same loop on 2-D points (model "toy2d") with the remedies for mode collapse,
which are options of :class:`ganlib.gan.config.TrainConfig`. Why it is fast:

- the whole dataset is one tensor on the training device: a batch is an index into it, so there
  is no per-batch host→device copy and no Python collation;
- noise and shuffling come from one explicit ``torch.Generator`` on the device;
- losses and scores are added up on the device and read once per epoch, so the host never waits
  for the device inside an epoch;
- the generator step reuses the fakes of the discriminator step before it, and freezes D, so no
  work is spent on gradients nobody uses.

The loop reads top to bottom: :class:`RunState` holds what training changes (the networks, their
optimisers, the random generator, the history, the epoch) and is what a checkpoint saves;
:class:`StepNetworks` is how the two steps see the same networks; each epoch is
:func:`_train_epoch` followed by :func:`_end_epoch` (scores, grid, checkpoint).

The loop draws every random number from its own generators (the initial weights inside
``torch.random.fork_rng``), so training never reseeds the caller's global random state.
"""

import copy
import json
import math
import os
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

import torch
from torch import nn
from torchvision.utils import save_image
from tqdm.auto import tqdm

from ..i18n import tr
from ..runtime import one_torch_thread
from .checkpoints import CHECKPOINT, atomic_file, check_resumable, load_checkpoint, make_checkpoint, save_atomic
from .config import GRID_SIZE, TrainConfig
from .distributed import Processes, mean_over_ranks, process_group, rank_seeds, sync_batchnorm, wrap
from .models import build_gan, image_options
from .sampling import ema_decay, fixed_labels, fixed_noise, generate, refresh_batchnorm, update_ema
from .speed import step_boundary, step_networks
from .steps import Conditioned, InstanceNoise, discriminator_step, generator_step, instance_noise_std
from .training_data import prepare_training_data

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


def empty_history(config: TrainConfig) -> dict:
    """A history before training: the config (a dict), the per-epoch columns (lists) and the
    ``metrics`` columns (filled every ``eval_every`` epochs by :func:`ganlib.metrics.score_samples`)."""
    return {"config": asdict(config), **{column: [] for column in EPOCH_COLUMNS}, "metrics": {"epoch": []}}


def _record_metrics(history: dict, epoch: int, sampler: nn.Module, noise: torch.Tensor,
                    score: Callable[..., dict], labels: torch.Tensor | None) -> None:
    samples = generate(sampler, noise, labels=labels)
    scores = score(samples) if labels is None else score(samples, labels.cpu())
    record = history["metrics"]
    record["epoch"].append(epoch)
    for key, value in scores.items():
        record.setdefault(key, []).append(value.tolist() if isinstance(value, torch.Tensor) else value)


def _write_grid(path: Path, images: torch.Tensor) -> None:
    # White ink on black (colour pictures in colour) with grey padding, as show_digits draws them.
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
    float in [−1, 1]) for the image models, colour pictures N×3×S×S for "dcgan", "dcgan-bn" and
    "dcgan-style" at ``config.image_size`` S = 32 or 64 (lesson 09, e.g. :func:`ganlib.data.load_folder`'s), float
    points N×2 for "toy2d".

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

    Started by ``torchrun`` with several processes, every process trains on its own rows of each
    global batch of ``batch_size`` × (number of processes) samples, and both networks are kept
    identical by DistributedDataParallel (see :mod:`ganlib.gan.distributed`); only rank 0 writes
    files, scores and shows progress. Resuming is exact for the same number of processes.
    """
    with process_group(torch.device(device)) as processes:
        device = processes.device
        with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
            return _train(data, config, processes=processes, out_dir=out_dir, resume=resume, n_samples=n_samples,
                          score=score, progress=progress and processes.main, labels=labels)


def _train(data: torch.Tensor, config: TrainConfig, *, processes: Processes, out_dir: str | Path | None,
           resume: bool, n_samples: int, score: Callable[..., dict] | None, progress: bool,
           labels: torch.Tensor | None) -> GANRun:
    device = processes.device
    data, labels = prepare_training_data(data, labels, config, processes)
    out_dir = Path(out_dir) if out_dir is not None else None
    if resume and out_dir is None:
        raise ValueError("resume=True needs the out_dir that holds the checkpoint")
    run = _start(config, processes)
    if resume:
        _restore(run, out_dir / CHECKPOINT)
    elif out_dir is not None and processes.main:
        _clear(out_dir)
    fixed = FixedInputs.of(config, run.generator.latent_dim, conditional=labels is not None, device=device)
    step = StepNetworks(run, conditional=labels is not None)
    bar = tqdm(range(run.epoch + 1, config.epochs + 1), initial=run.epoch, total=config.epochs,
               disable=not progress, desc=tr(en="epochs", vi="epoch"), unit="epoch", dynamic_ncols=True)
    # 2-D points make tensors so small that waking a second CPU thread costs more than it saves.
    points = data.ndim == 2
    with one_torch_thread() if device.type == "cpu" and points else nullcontext():
        for epoch in bar:
            tic = time.perf_counter()
            values = _train_epoch(run, step, data, labels, epoch=epoch)
            values["seconds"] = time.perf_counter() - tic
            _check_finite(epoch, values, config.max_loss, out_dir)
            for column in EPOCH_COLUMNS:
                run.history[column].append(values[column])
            run.epoch = epoch
            bar.set_postfix(loss_D=f"{values['loss_D']:.3f}", loss_G=f"{values['loss_G']:.3f}")
            _end_epoch(run, fixed, score=score, out_dir=out_dir)
    bar.close()
    if out_dir is not None and n_samples > 0 and processes.main:
        _write_samples(run, out_dir / SAMPLES, n=n_samples, conditional=labels is not None)
    processes.wait_for_all()
    return GANRun(run.generator, run.discriminator, run.sampler, config, run.history)


@dataclass
class RunState:
    """Everything a run changes as it trains, which is what a checkpoint saves: the networks
    (``sampler`` is the moving average of ``generator``, or ``generator`` itself when ``ema_decay``
    is 0), their optimisers, the generator ``rng`` that shuffles and draws noise, the history,
    the number of epochs done, and the ``processes`` training together (one without torchrun)."""

    config: TrainConfig
    processes: Processes
    generator: nn.Module
    discriminator: nn.Module
    sampler: nn.Module
    opt_g: torch.optim.Optimizer
    opt_d: torch.optim.Optimizer
    rng: torch.Generator
    history: dict
    epoch: int = 0

    @property
    def device(self) -> torch.device:
        return self.processes.device

    def checkpoint(self) -> dict:
        return make_checkpoint(self.config, self.epoch, self.device, self.generator, self.discriminator,
                               self.sampler, self.opt_g, self.opt_d, self.rng, self.history)


def _start(config: TrainConfig, processes: Processes) -> RunState:
    """A new run: networks with the initial weights of ``config.seed``, fresh optimisers, an empty history."""
    device = processes.device
    # The initial weights, and dropout later on, draw from torch's global generator, forked by
    # train_gan: seed it here.
    torch.manual_seed(config.seed)
    packing = {"pack": config.pack} if config.pack > 1 else {}
    shape = image_options(config)
    generator, discriminator = build_gan(config.model, generator=shape,
                                         discriminator={"dropout": config.dropout, **packing, **shape})
    generator.to(device)
    discriminator.to(device)
    sampler = copy.deepcopy(generator) if config.ema_decay > 0 else generator
    if processes.distributed:  # the sampler keeps plain BatchNorm: it runs on each process alone
        generator, discriminator = sync_batchnorm(generator, device), sync_batchnorm(discriminator, device)
    return RunState(config, processes, generator, discriminator, sampler,
                    opt_g=torch.optim.Adam(generator.parameters(), lr=config.lr_g, betas=config.betas),
                    opt_d=torch.optim.Adam(discriminator.parameters(), lr=config.lr_d, betas=config.betas),
                    rng=torch.Generator(device=device).manual_seed(config.seed), history=empty_history(config))


def _restore(run: RunState, path: Path) -> None:
    """Put ``run`` where the checkpoint at ``path`` left off: weights, optimisers, RNG states, history, epoch."""
    checkpoint = load_checkpoint(path)
    check_resumable(TrainConfig.from_dict(checkpoint["config"]), run.config, run.device, checkpoint["device"])
    for name in ("generator", "discriminator", "sampler", "opt_g", "opt_d"):
        getattr(run, name).load_state_dict(checkpoint[name])
    run.rng.set_state(checkpoint["rng"]["train"])
    torch.set_rng_state(checkpoint["rng"]["cpu"])
    if run.device.type == "cuda":
        torch.cuda.set_rng_state(checkpoint["rng"]["device"], run.device)
    run.history, run.epoch = {**checkpoint["history"], "config": asdict(run.config)}, checkpoint["epoch"]
    if run.config.epochs <= run.epoch:
        raise ValueError(tr(en=f"the checkpoint is already at epoch {run.epoch}; ask for more epochs to continue",
                            vi=f"checkpoint đã ở epoch {run.epoch}; hãy đặt số epoch lớn hơn để tiếp tục"))


def _clear(out_dir: Path) -> None:
    """Make ``out_dir`` for a new run, without the grids of an earlier one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("grid_epoch_*.png"):
        stale.unlink()


@dataclass
class FixedInputs:
    """The inputs every epoch reuses: ``noise`` (n_eval × latent_dim) for scores and grids,
    ``statistics_noise`` for the sampler's BatchNorm statistics, and for a conditional model
    the labels that go with each (:func:`fixed_labels`; None otherwise)."""

    noise: torch.Tensor
    statistics_noise: torch.Tensor
    labels: torch.Tensor | None
    statistics_labels: torch.Tensor | None

    @classmethod
    def of(cls, config: TrainConfig, latent_dim: int, *, conditional: bool, device: torch.device) -> "FixedInputs":
        noise = fixed_noise(config.n_eval, latent_dim, seed=config.seed).to(device)
        statistics_noise = fixed_noise(BATCHNORM_SAMPLES, latent_dim, seed=config.seed + 2).to(device)
        if not conditional:
            return cls(noise, statistics_noise, None, None)
        return cls(noise, statistics_noise, fixed_labels(config.n_eval).to(device),
                   fixed_labels(BATCHNORM_SAMPLES).to(device))


class StepNetworks:
    """The run's two networks as the steps call them: ``generator`` and ``discriminator`` hold the
    same weights as ``run.generator`` and ``run.discriminator``, seen through what the run asks for,
    innermost first: the batch's labels bound (conditional models, :class:`Conditioned`),
    instance noise on everything D sees (:class:`InstanceNoise`), on CUDA bf16 autocast, under
    torchrun DistributedDataParallel, and torch.compile if ``config.compile``
    (:func:`ganlib.gan.speed.step_networks`). ``rng`` draws what is random inside a step (instance
    noise, the gradient penalty's mixing weights): the run's generator on one process, this rank's
    own stream on several.

    Under torchrun, G's step goes through the same DDP-wrapped D as D's step. That is correct:
    :func:`generator_step` freezes D (``requires_grad_(False)`` on all its weights) for the step, so
    autograd computes no gradient for any of D's weights, none of the hooks by which D's DDP
    all-reduces gradients fires, and D's DDP waits for nothing: no D gradient is left
    unsynchronised (none exists; D's ``.grad`` stays as D's own step left it, all-reduced) and there
    is no unused-parameter error (DDP raises it when some of a module's hooks fire in a backward
    pass and others do not). The gradient flows through D's weights, identical on every rank, into
    the fakes, which G made through its own DDP wrapper in D's step: G's hooks fire in this backward
    pass and average G's gradients over the ranks. ``tests/test_distributed.py`` checks that D and G
    stay identical on all ranks after every step and follow a one-process run.
    """

    def __init__(self, run: RunState, *, conditional: bool) -> None:
        config, processes = run.config, run.processes
        self.rng = torch.Generator(device=run.device) if processes.distributed else run.rng
        generator, discriminator = run.generator, run.discriminator
        self.conditioned = [Conditioned(generator), Conditioned(discriminator)] if conditional else []
        generator, discriminator = self.conditioned or (generator, discriminator)
        if config.instance_noise:
            discriminator = self.instance_noise = InstanceNoise(discriminator, std=config.instance_noise,
                                                                rng=self.rng)
        else:
            self.instance_noise = None
        run.generator.train()
        run.discriminator.train()
        self.generator, self.discriminator = step_networks(
            generator, discriminator, device=run.device, compile=config.compile,
            wrap=partial(wrap, device=run.device) if processes.distributed else None)
        self.config, self.processes = config, processes

    @property
    def device(self) -> torch.device:
        return self.processes.device

    def start_epoch(self, epoch: int) -> None:
        """Lower the instance noise to its level for ``epoch`` (1-based); on several processes, seed
        this rank's own streams for the epoch (:func:`ganlib.gan.distributed.rank_seeds`)."""
        if self.processes.distributed:
            step_seed, global_seed = rank_seeds(self.config.seed, rank=self.processes.rank, epoch=epoch)
            self.rng.manual_seed(step_seed)
            torch.manual_seed(global_seed)
        if self.instance_noise is not None:
            self.instance_noise.std = instance_noise_std(self.config.instance_noise, epoch=epoch,
                                                         epochs=self.config.epochs)

    def start_step(self, labels: torch.Tensor | None) -> None:
        """Bind the batch's ``labels`` (conditional models) and mark a new step for CUDA graphs."""
        for network in self.conditioned:
            network.labels = labels
        step_boundary(self.device, compile=self.config.compile)


def _train_epoch(run: RunState, step: StepNetworks, data: torch.Tensor, labels: torch.Tensor | None, *,
                 epoch: int) -> dict:
    """One pass over ``data`` in a new random order; the epoch's mean losses, D(x) and D(G(z)).

    Each step takes a global batch of ``batch_size`` × (number of processes) samples and noise
    vectors, drawn from ``run.rng``, which every rank holds in the same state; this rank trains on
    its own rows of both. On one process that is the whole batch."""
    config, processes = run.config, run.processes
    batch_size, global_batch = config.batch_size, config.batch_size * processes.world_size
    n_batches = len(data) // global_batch
    rows = processes.rows(batch_size)
    g_steps_per_epoch = n_batches // config.k
    # The history's D(x) and D(G(z)): probabilities, or a critic's raw scores.
    reading = nn.Identity() if config.loss == "wgan-gp" else torch.sigmoid
    step.start_epoch(epoch)
    # Running sums on the device: loss_D, loss_G, D(x), D(G(z)); read once, after the epoch.
    sums = torch.zeros(4, device=run.device)
    order = torch.randperm(len(data), device=run.device, generator=run.rng)
    for i in range(n_batches):
        batch = order[i * global_batch:(i + 1) * global_batch][rows]
        real = data[batch]
        step.start_step(labels[batch] if labels is not None else None)
        z = torch.randn(global_batch, run.generator.latent_dim, device=run.device, generator=run.rng)[rows]
        fake, loss_d, real_scores, fake_scores = discriminator_step(
            step.generator, step.discriminator, run.opt_d, real, z, loss=config.loss,
            label_smoothing=config.label_smoothing, gp_weight=config.gp_weight, rng=step.rng)
        sums[0] += loss_d
        sums[2] += reading(real_scores).mean()
        sums[3] += reading(fake_scores).mean()
        if (i + 1) % config.k == 0:
            sums[1] += generator_step(step.discriminator, run.opt_g, fake, loss=config.loss)
            if run.sampler is not run.generator:
                g_steps = (epoch - 1) * g_steps_per_epoch + (i + 1) // config.k
                update_ema(run.sampler, run.generator, decay=ema_decay(config.ema_decay, g_steps))
    if processes.distributed:  # the global batch's means, the same on every rank
        mean_over_ranks(sums)
    loss_d, loss_g, d_real, d_fake = sums.tolist()
    return {"epoch": epoch, "loss_D": loss_d / n_batches, "loss_G": loss_g / max(1, g_steps_per_epoch),
            "D_real": d_real / n_batches, "D_fake": d_fake / n_batches}


def _end_epoch(run: RunState, fixed: FixedInputs, *, score: Callable[..., dict] | None,
               out_dir: Path | None) -> None:
    """After epoch ``run.epoch``: the sampler's BatchNorm statistics, the scores, the grid, the checkpoint."""
    config, epoch = run.config, run.epoch
    last = epoch == config.epochs
    if run.sampler is not run.generator:
        refresh_batchnorm(run.sampler, fixed.statistics_noise, labels=fixed.statistics_labels)
    if not run.processes.main:  # rank 0 alone scores and writes
        return
    if score is not None and config.eval_every and (epoch % config.eval_every == 0 or last):
        _record_metrics(run.history, epoch, run.sampler, fixed.noise, score, fixed.labels)
    if out_dir is None:
        return
    images = len(run.sampler.sample_shape) == 3
    if images and (epoch == 1 or last or (config.grid_every and epoch % config.grid_every == 0)):
        grid = generate(run.sampler, fixed.noise[:GRID_SIZE],
                        labels=None if fixed.labels is None else fixed.labels[:GRID_SIZE])
        _write_grid(out_dir / f"grid_epoch_{epoch:03d}.png", grid)
    save_atomic(run.checkpoint(), out_dir / CHECKPOINT)
    with atomic_file(out_dir / HISTORY) as file:
        file.write(json.dumps(run.history, indent=1).encode())


def _write_samples(run: RunState, path: Path, *, n: int, conditional: bool) -> None:
    noise = fixed_noise(n, run.generator.latent_dim, seed=run.config.seed + 1)
    save_atomic(generate(run.sampler, noise, labels=fixed_labels(n) if conditional else None), path)
