"""Training a GAN on MNIST, made for speed: the loop, its two steps, checkpoints, resume and history.

Used by lesson 05 and by ``python -m ganlib train``; lesson 06 trains the same loop on 2-D points
(model "toy2d") with the remedies for mode collapse, which are options of :class:`TrainConfig`.
Why it is fast:

- the whole dataset is one tensor on the training device: a batch is an index into it, so there
  is no per-batch host→device copy and no Python collation;
- noise and shuffling come from one explicit ``torch.Generator`` on the device;
- losses and scores are added up on the device and read once per epoch, so the host never waits
  for the device inside an epoch;
- the generator step reuses the fakes of the discriminator step before it, and freezes D, so no
  work is spent on gradients nobody uses.
"""

import copy
import hashlib
import io
import json
import math
import os
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.utils import save_image
from tqdm.auto import tqdm

from .data import ASSETS, to_gan_range
from .i18n import tr
from .losses import critic_loss, gradient_penalty
from .metrics import score_samples
from .models import IMAGE_SHAPE, build_gan, sample_shape
from .runtime import one_torch_thread

LOSSES = ("ns", "minimax", "wgan-gp")
CHECKPOINT = "checkpoint.pt"
HISTORY = "history.json"
SAMPLES = "samples.pt"
PRETRAINED = ASSETS / "mlp_generator.pt"
PRETRAINED_SHA256 = "3cdb31c5d785ba893d9c453ff010d7534e48c72c7f3ca1f26f020cbb7c15f8f7"
GRID_SIZE = 100
BATCHNORM_SAMPLES = 1000
EPOCH_COLUMNS = ("epoch", "loss_D", "loss_G", "D_real", "D_fake", "seconds")


class TrainingDiverged(RuntimeError):
    """Raised when a loss becomes NaN or infinite, or grows past ``TrainConfig.max_loss``."""


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run; saved in every checkpoint and in history.json.

    Learning rates are for Adam with ``betas`` (``lr_d`` ≠ ``lr_g`` is the two time-scale update
    rule, TTUR); ``k`` is the number of discriminator steps per generator step; ``loss`` is "ns"
    (non-saturating: G maximises log D(G(z))), "minimax" (G minimises log(1 − D(G(z))), the game's
    own value) or "wgan-gp" (D is a critic: Wasserstein loss plus ``gp_weight`` times the gradient
    penalty; ``gp_weight`` is read only then). ``ema_decay`` > 0 keeps an exponential moving
    average of G's weights for sampling (0 samples from G itself). ``dropout`` is D's.
    The remedies of lesson 06, all off by default: ``label_smoothing`` s > 0 gives real samples
    the target 1 − s in D's loss (one-sided: fakes keep 0); ``instance_noise`` σ > 0 adds Gaussian
    noise to everything D sees, real and fake, with a standard deviation annealed linearly from σ
    in the first epoch towards 0 (:func:`instance_noise_std`); ``pack`` > 1 makes D judge
    groups of ``pack`` samples (PacGAN; models with a packing discriminator only, e.g. "toy2d").
    Every ``eval_every`` epochs (0: never) ``n_eval`` samples from fixed noise are scored (image
    models: :func:`ganlib.metrics.score_samples`); every ``grid_every`` epochs (and at the first
    and last) an image model writes a 10×10 grid from the first 100 of that fixed noise.
    """

    model: str = "mlp"
    epochs: int = 100
    batch_size: int = 64
    k: int = 1
    loss: str = "ns"
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema_decay: float = 0.999
    dropout: float = 0.0
    label_smoothing: float = 0.0
    instance_noise: float = 0.0
    gp_weight: float = 10.0
    pack: int = 1
    seed: int = 0
    eval_every: int = 10
    n_eval: int = 1000
    grid_every: int = 10
    max_loss: float = 50.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "betas", tuple(self.betas))
        positive = {"epochs": self.epochs, "batch_size": self.batch_size, "k": self.k,
                    "lr_g": self.lr_g, "lr_d": self.lr_d, "n_eval": self.n_eval, "max_loss": self.max_loss}
        for name, value in positive.items():
            if not value > 0:
                raise ValueError(f"{name} must be positive, got {value!r}")
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {self.loss!r}")
        if not 0.0 <= self.label_smoothing < 1.0:
            raise ValueError(f"label_smoothing must be in [0, 1), got {self.label_smoothing!r}")
        if self.label_smoothing and self.loss == "wgan-gp":
            raise ValueError("label_smoothing changes D's cross-entropy targets; a wgan-gp critic has none: "
                             "leave it at 0")
        if self.instance_noise < 0 or self.gp_weight < 0:
            raise ValueError(f"instance_noise and gp_weight must be non-negative, got "
                             f"{self.instance_noise!r} and {self.gp_weight!r}")
        if not isinstance(self.pack, int) or self.pack < 1 or self.batch_size % self.pack:
            raise ValueError(f"pack must be a positive integer that divides batch_size {self.batch_size}, "
                             f"got {self.pack!r}")
        if len(self.betas) != 2 or not all(0.0 <= beta < 1.0 for beta in self.betas):
            raise ValueError(f"betas must be two numbers in [0, 1), got {self.betas!r}")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {self.dropout!r}")
        if not 0.0 <= self.ema_decay < 1.0:
            raise ValueError(f"ema_decay must be in [0, 1), got {self.ema_decay!r}")
        if self.eval_every < 0 or self.grid_every < 0 or self.seed < 0:
            raise ValueError("eval_every, grid_every and seed must be non-negative")
        if self.n_eval < GRID_SIZE:
            raise ValueError(f"n_eval must be at least {GRID_SIZE} (the grid uses the first {GRID_SIZE})")

    @classmethod
    def from_dict(cls, values: dict) -> "TrainConfig":
        """The config saved by ``asdict`` (in a checkpoint or history.json)."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})


@dataclass
class GANRun:
    """What :func:`train_gan` returns: the networks (on the training device), the generator to
    sample from (the EMA copy, or G itself when ``ema_decay`` is 0), the config and the history."""

    generator: nn.Module
    discriminator: nn.Module
    sampler: nn.Module
    config: TrainConfig
    history: dict


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor, *,
                       label_smoothing: float = 0.0) -> torch.Tensor:
    """BCE of D on real (label 1 − ``label_smoothing``) plus BCE on fake (label 0), each a batch mean, in nats.

    At the equilibrium D = 1/2 everywhere each term is log 2, so the sum is log 4 ≈ 1.386.
    Smoothing is one-sided (Salimans et al. 2016): only the real label moves, so D's best answer
    stays 0 where there are only fakes. Used by lessons 05 and 06.
    """
    return (F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 1.0 - label_smoothing))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits: torch.Tensor, *, loss: str = "ns") -> torch.Tensor:
    """G's loss on D's logits for fakes, a batch mean (in nats for the first two).

    "ns": −log D(G(z)) (non-saturating; log 2 at D = 1/2). "minimax": log(1 − D(G(z)))
    (−log 2 at D = 1/2; its gradient vanishes when D rejects the fakes confidently).
    "wgan-gp": −mean f(G(z)), the logits read as a critic's scores f. Used by lessons 05 and 06.
    """
    if loss == "ns":
        return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    if loss == "minimax":
        return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    if loss == "wgan-gp":
        return -fake_logits.mean()
    raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")


def discriminator_step(generator: nn.Module, discriminator: nn.Module, optimizer: torch.optim.Optimizer,
                       real: torch.Tensor, noise: torch.Tensor, *, loss: str = "ns", label_smoothing: float = 0.0,
                       gp_weight: float = 10.0, rng: torch.Generator | None = None) -> tuple[torch.Tensor, ...]:
    """One update of D on a real batch and the fakes G makes from ``noise``.

    With ``loss="wgan-gp"`` D is a critic: Wasserstein loss plus ``gp_weight`` times the gradient
    penalty (its random mixing weights drawn from ``rng``); otherwise D's cross-entropy with
    ``label_smoothing``. Returns (fakes still attached to G's graph, loss, real logits, fake
    logits), the last three detached. Used by :func:`train_gan` and lessons 05 and 06.
    """
    fake = generator(noise)
    real_logits = discriminator(real)
    # detach: D's loss must not send gradients into G (G is not D's to change).
    fake_logits = discriminator(fake.detach())
    if loss == "wgan-gp":
        value = (critic_loss(real_logits, fake_logits)
                 + gp_weight * gradient_penalty(discriminator, real, fake.detach(), generator=rng))
    else:
        value = discriminator_loss(real_logits, fake_logits, label_smoothing=label_smoothing)
    optimizer.zero_grad(set_to_none=True)
    value.backward()
    optimizer.step()
    return fake, value.detach(), real_logits.detach(), fake_logits.detach()


def generator_step(discriminator: nn.Module, optimizer: torch.optim.Optimizer, fake: torch.Tensor,
                   *, loss: str = "ns") -> torch.Tensor:
    """One update of G through the current D, reusing ``fake`` (attached to G's graph).

    D is frozen meanwhile: gradients flow through D to G, but none is stored for D's weights,
    which saves their computation and leaves D exactly as it was. Returns the detached loss.
    Used by :func:`train_gan` and lesson 05.
    """
    discriminator.requires_grad_(False)
    value = generator_loss(discriminator(fake), loss=loss)
    optimizer.zero_grad(set_to_none=True)
    value.backward()
    optimizer.step()
    discriminator.requires_grad_(True)
    return value.detach()


class InstanceNoise(nn.Module):
    """D behind a veil: ``discriminator`` applied to its input plus Gaussian noise of standard
    deviation ``std`` (drawn from ``rng``), for real and fake samples alike.

    The noise makes the real and fake distributions overlap, so D cannot become perfectly sure
    and G keeps getting useful gradients (Sønderby et al. 2017, Arjovsky & Bottou 2017). ``std``
    is a plain attribute: :func:`train_gan` lowers it epoch by epoch. It has no weights of its own;
    ``discriminator`` keeps them. Used by lesson 06.
    """

    def __init__(self, discriminator: nn.Module, *, std: float, rng: torch.Generator | None = None) -> None:
        super().__init__()
        self.discriminator = discriminator
        self.std = std
        self.rng = rng

    def forward(self, samples: torch.Tensor) -> torch.Tensor:
        noise = torch.randn(samples.shape, generator=self.rng, device=samples.device, dtype=samples.dtype)
        return self.discriminator(samples + self.std * noise)


def instance_noise_std(config: TrainConfig, epoch: int) -> float:
    """The instance noise of epoch ``epoch`` (1-based): ``config.instance_noise``·(E − epoch + 1)/E
    with E = ``config.epochs``, a straight line from σ in the first epoch to σ/E in the last."""
    return config.instance_noise * (config.epochs - epoch + 1) / config.epochs


@torch.no_grad()
def update_ema(average: nn.Module, model: nn.Module, *, decay: float) -> None:
    """average ← decay·average + (1 − decay)·model, weight by weight (BatchNorm statistics are not
    averaged: :func:`refresh_batchnorm` recomputes them for the averaged weights)."""
    for averaged, current in zip(average.parameters(), model.parameters()):
        averaged.lerp_(current, 1.0 - decay)


def ema_decay(decay: float, steps: int) -> float:
    """The decay used after ``steps`` generator steps: min(decay, (1 + steps) / (10 + steps)).
    Early on the average then forgets the random initial weights quickly (TensorFlow's
    ExponentialMovingAverage with ``num_updates`` does the same)."""
    return min(decay, (1.0 + steps) / (10.0 + steps))


@torch.no_grad()
def refresh_batchnorm(generator: nn.Module, noise: torch.Tensor) -> None:
    """Set the BatchNorm statistics of ``generator`` to those of its activations on ``noise``
    (N×latent_dim, on its device). An averaged generator needs this: the running statistics
    collected while training belong to the current weights, not to their average."""
    norms = [m for m in generator.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    momenta = [norm.momentum for norm in norms]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None  # a cumulative average: after one batch, exactly its statistics
    generator.train()
    generator(noise)
    for norm, momentum in zip(norms, momenta):
        norm.momentum = momentum
    generator.eval()


@torch.no_grad()
def generate(generator: nn.Module, noise: torch.Tensor, *, batch_size: int = 1000) -> torch.Tensor:
    """Samples G makes from ``noise`` (N×latent_dim), in eval mode, float32 on the CPU: images
    N×1×28×28 in [−1, 1] for the MNIST models, points N×2 for "toy2d".

    Used by lessons 05 and 06, the training loop's grids and scores, and ``samples.pt``.
    """
    was_training = generator.training
    generator.eval()
    device = next(generator.parameters()).device
    images = torch.cat([generator(chunk.to(device)).float().cpu() for chunk in noise.split(batch_size)])
    generator.train(was_training)
    return images


def fixed_noise(n: int, latent_dim: int, *, seed: int) -> torch.Tensor:
    """n×latent_dim standard normal noise drawn on the CPU from ``seed``: the same on every device."""
    return torch.randn(n, latent_dim, generator=torch.Generator().manual_seed(seed))


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


def _record_metrics(history: dict, epoch: int, sampler: nn.Module, noise: torch.Tensor,
                    score: Callable[[torch.Tensor], dict]) -> None:
    scores = score(generate(sampler, noise))
    record = history["metrics"]
    record["epoch"].append(epoch)
    for key, value in scores.items():
        record.setdefault(key, []).append(value.tolist() if isinstance(value, torch.Tensor) else value)


def _write_grid(path: Path, images: torch.Tensor) -> None:
    # White ink on black with grey padding, as show_digits draws digits.
    save_image((images + 1.0) / 2.0, path, nrow=10, padding=2, pad_value=0.5)


def _save_atomic(obj: object, path: Path) -> None:
    # Write then rename: an interrupted save never leaves a half-written checkpoint behind.
    partial = path.with_name(path.name + ".partial")
    torch.save(obj, partial)
    os.replace(partial, path)


def load_checkpoint(path: str | Path) -> dict:
    """A checkpoint written by :func:`train_gan` (``weights_only=True``); ValueError if unreadable."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(tr(en=f"no checkpoint at {path}; train without --resume first",
                            vi=f"không có checkpoint tại {path}; hãy huấn luyện không kèm --resume trước"))
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # a truncated file, another format, a foreign pickle: all unreadable
        raise ValueError(tr(
            en=f"cannot read checkpoint {path} ({type(error).__name__}); delete it or train without --resume",
            vi=f"không đọc được checkpoint {path} ({type(error).__name__}); hãy xóa nó hoặc huấn luyện "
               "không kèm --resume")) from None
    if not isinstance(checkpoint, dict) or "config" not in checkpoint or "generator" not in checkpoint:
        raise ValueError(tr(en=f"{path} is not a ganlib checkpoint; delete it or train without --resume",
                            vi=f"{path} không phải checkpoint của ganlib; hãy xóa nó hoặc huấn luyện "
                               "không kèm --resume"))
    return checkpoint


def _check_resumable(saved: TrainConfig, config: TrainConfig, device: torch.device, saved_device: str) -> None:
    changed = [f"{f.name}={getattr(saved, f.name)!r}" for f in fields(TrainConfig)
               if f.name != "epochs" and getattr(saved, f.name) != getattr(config, f.name)]
    if changed:
        raise ValueError(tr(en=f"the checkpoint was made with {', '.join(changed)}; resume with the same options "
                               "(only the number of epochs may change)",
                            vi=f"checkpoint được tạo với {', '.join(changed)}; hãy tiếp tục với đúng các tùy chọn "
                               "đó (chỉ được đổi số epoch)"))
    if saved_device != device.type:
        raise ValueError(tr(en=f"the checkpoint was made on {saved_device}; resume with --device {saved_device}",
                            vi=f"checkpoint được tạo trên {saved_device}; hãy tiếp tục với --device {saved_device}"))


def _check_finite(epoch: int, values: dict, max_loss: float, out_dir: Path | None) -> None:
    losses = {name: values[name] for name in ("loss_D", "loss_G")}
    if all(math.isfinite(v) and abs(v) <= max_loss for v in losses.values()):
        return
    shown = ", ".join(f"{name} = {value:.4g}" for name, value in losses.items())
    where = (tr(en=f"; {out_dir / CHECKPOINT} holds the last good epoch",
                vi=f"; {out_dir / CHECKPOINT} giữ epoch tốt cuối cùng") if out_dir else "")
    raise TrainingDiverged(tr(
        en=f"training diverged at epoch {epoch} ({shown}); lower the learning rates or change the seed{where}",
        vi=f"huấn luyện phân kỳ ở epoch {epoch} ({shown}); hãy giảm tốc độ học hoặc đổi seed{where}"))


def train_gan(data: torch.Tensor, config: TrainConfig = TrainConfig(), *, device: torch.device | str = "cpu",
              out_dir: str | Path | None = None, resume: bool = False, n_samples: int = 0,
              score: Callable[[torch.Tensor], dict] | None = None, progress: bool = True) -> GANRun:
    """Train a GAN on ``data`` as ``config`` says: MNIST images (uint8 N×1×28×28 in 0..255, or
    float in [−1, 1]) for the image models, float points N×2 for "toy2d".

    Each epoch shuffles the data, makes ``N // batch_size`` discriminator steps and one generator
    step after every ``k``-th of them, then appends the epoch's mean losses, mean D(x) and mean
    D(G(z)) (probabilities, from the discriminator steps; for "wgan-gp" the critic's mean scores)
    and its wall time in seconds to the history. Every ``eval_every`` epochs ``score`` (samples →
    dict of numbers; default: :func:`ganlib.metrics.score_samples` for image models, nothing for
    others) rates ``n_eval`` samples from fixed noise into ``history["metrics"]``.
    With ``out_dir`` it writes there after every epoch ``checkpoint.pt`` (weights, optimisers, RNG
    states, epoch, history) and ``history.json``, for image models grids ``grid_epoch_XXX.png``, and
    at the end ``samples.pt``: ``n_samples`` samples from the final sampler (see :func:`generate`).
    ``resume=True`` continues from ``out_dir/checkpoint.pt`` exactly as if never stopped.
    Raises :class:`TrainingDiverged` on NaN/infinite or exploding losses.
    Used by lessons 05 and 06 and the CLI.
    """
    device = torch.device(device)
    images = sample_shape(config.model) == IMAGE_SHAPE
    if score is None and images:
        score = score_samples
    data = prepare_data(data, config.model, device)
    if len(data) < config.batch_size:
        raise ValueError(f"batch_size {config.batch_size} is larger than the {len(data)} samples")
    out_dir = Path(out_dir) if out_dir is not None else None
    if resume and out_dir is None:
        raise ValueError("resume=True needs the out_dir that holds the checkpoint")

    # The initial weights, and dropout later on, draw from torch's global generator: seed it first.
    torch.manual_seed(config.seed)
    packing = {"pack": config.pack} if config.pack > 1 else {}
    generator, discriminator = build_gan(config.model, discriminator={"dropout": config.dropout, **packing})
    generator.to(device)
    discriminator.to(device)
    sampler = copy.deepcopy(generator) if config.ema_decay > 0 else generator
    opt_g = torch.optim.Adam(generator.parameters(), lr=config.lr_g, betas=config.betas)
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=config.lr_d, betas=config.betas)
    rng = torch.Generator(device=device)
    # What D sees in both steps: D itself, or D behind instance noise (the same weights either way).
    judge = InstanceNoise(discriminator, std=config.instance_noise, rng=rng) if config.instance_noise else discriminator
    history, start = empty_history(config), 0
    if resume:
        checkpoint = load_checkpoint(out_dir / CHECKPOINT)
        _check_resumable(TrainConfig.from_dict(checkpoint["config"]), config, device, checkpoint["device"])
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
    n_batches = len(data) // config.batch_size
    # The history's D(x) and D(G(z)): probabilities, or a critic's raw scores.
    reading = nn.Identity() if config.loss == "wgan-gp" else torch.sigmoid
    generator.train()
    discriminator.train()
    bar = tqdm(range(start + 1, config.epochs + 1), initial=start, total=config.epochs, disable=not progress,
               desc=tr(en="epochs", vi="epoch"), unit="epoch", dynamic_ncols=True)
    # 2-D points make tensors so small that waking a second CPU thread costs more than it saves.
    with one_torch_thread() if device.type == "cpu" and not images else nullcontext():
        for epoch in bar:
            tic = time.perf_counter()
            if judge is not discriminator:
                judge.std = instance_noise_std(config, epoch)
            # Running sums on the device: loss_D, loss_G, D(x), D(G(z)); read once, after the epoch.
            sums = torch.zeros(4, device=device)
            order = torch.randperm(len(data), device=device, generator=rng)
            for step in range(n_batches):
                real = data[order[step * config.batch_size:(step + 1) * config.batch_size]]
                z = torch.randn(config.batch_size, generator.latent_dim, device=device, generator=rng)
                fake, loss_d, real_logits, fake_logits = discriminator_step(
                    generator, judge, opt_d, real, z, loss=config.loss, label_smoothing=config.label_smoothing,
                    gp_weight=config.gp_weight, rng=rng)
                sums[0] += loss_d
                sums[2] += reading(real_logits).mean()
                sums[3] += reading(fake_logits).mean()
                if (step + 1) % config.k == 0:
                    sums[1] += generator_step(judge, opt_g, fake, loss=config.loss)
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
                refresh_batchnorm(sampler, statistics_noise)
            if score is not None and config.eval_every and (epoch % config.eval_every == 0 or last):
                _record_metrics(history, epoch, sampler, noise, score)
            if out_dir is not None:
                if images and (epoch == 1 or last or (config.grid_every and epoch % config.grid_every == 0)):
                    _write_grid(out_dir / f"grid_epoch_{epoch:03d}.png", generate(sampler, noise[:GRID_SIZE]))
                _save_atomic(_checkpoint(config, epoch, device, generator, discriminator, sampler, opt_g, opt_d,
                                         rng, history), out_dir / CHECKPOINT)
                (out_dir / HISTORY).write_text(json.dumps(history, indent=1))
    bar.close()
    if out_dir is not None and n_samples > 0:
        sample_noise = fixed_noise(n_samples, generator.latent_dim, seed=config.seed + 1)
        torch.save(generate(sampler, sample_noise), out_dir / SAMPLES)
    return GANRun(generator, discriminator, sampler, config, history)


def _checkpoint(config, epoch, device, generator, discriminator, sampler, opt_g, opt_d, rng, history) -> dict:
    rng_states = {"train": rng.get_state(), "cpu": torch.get_rng_state()}
    if device.type == "cuda":
        rng_states["device"] = torch.cuda.get_rng_state(device)
    return {"config": asdict(config), "epoch": epoch, "device": device.type,
            "generator": generator.state_dict(), "discriminator": discriminator.state_dict(),
            "sampler": sampler.state_dict(), "opt_g": opt_g.state_dict(), "opt_d": opt_d.state_dict(),
            "rng": rng_states, "history": history}


def export_generator(checkpoint_path: str | Path, path: str | Path) -> Path:
    """Write the sampler of a training checkpoint as a small file for :func:`load_generator`:
    its weights in float16 (half the size; samples differ by far less than a grey level), the
    config, the epoch and the history. Made ``assets/mlp_generator.pt`` (see assets/README.md)."""
    checkpoint = load_checkpoint(checkpoint_path)
    weights = {name: t.half() if t.is_floating_point() else t for name, t in checkpoint["sampler"].items()}
    path = Path(path)
    torch.save({"config": checkpoint["config"], "epoch": checkpoint["epoch"], "generator": weights,
                "history": checkpoint["history"]}, path)
    return path


def load_generator(path: str | Path | None = None, *, device: torch.device | str = "cpu") -> tuple[nn.Module, dict]:
    """A generator written by :func:`export_generator`, in eval mode and float32, and the history
    of the run that made it. Without ``path``: the pretrained one in ``assets/``, after checking its
    SHA-256. Loaded with ``weights_only=True``. Used by lesson 05."""
    pretrained = path is None
    path = PRETRAINED if pretrained else Path(path)
    restore = tr(en="restore it with `git checkout assets/mlp_generator.pt`",
                 vi="hãy khôi phục bằng `git checkout assets/mlp_generator.pt`")
    try:
        blob = path.read_bytes()
        if pretrained and hashlib.sha256(blob).hexdigest() != PRETRAINED_SHA256:
            raise ValueError(tr(en=f"{path.name} is damaged or not the shipped file (SHA-256 mismatch); {restore}",
                                vi=f"{path.name} bị hỏng hoặc không phải tệp đi kèm (SHA-256 không khớp); {restore}"))
        saved = torch.load(io.BytesIO(blob), map_location="cpu", weights_only=True)
        generator, _ = build_gan(TrainConfig.from_dict(saved["config"]).model)
        generator.load_state_dict({name: t.float() if t.is_floating_point() else t
                                   for name, t in saved["generator"].items()})
    except ValueError:
        raise
    except Exception as error:  # missing, truncated or foreign: the fix is the same
        hint = restore if pretrained else tr(en="write one with export_generator", vi="hãy ghi bằng export_generator")
        raise ValueError(tr(en=f"cannot load a generator from {path.name} ({type(error).__name__}); {hint}",
                            vi=f"không nạp được bộ sinh từ {path.name} ({type(error).__name__}); {hint}")) from None
    return generator.to(device).eval(), saved["history"]
