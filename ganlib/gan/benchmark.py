"""A benchmark, not a test: ganlib's training loop against the DataLoader loop of the common blog recipe.

Used by ``python -m ganlib bench`` and quoted in lessons 05 and 07. Both loops train the same GAN
(the MLP, the DCGAN) on the same device, one after the other in one run, and the benchmark prints
seconds per epoch of each and their ratio; ganlib's loop is timed eager and, on request, with its
compiled step (``TrainConfig.compile``). Offline, the bundled 5000 digits are tiled to MNIST's 60000, so that an
epoch means what it means on full MNIST.

The blog loop is written the way the blog posts write it: a Dataset that hands out one PIL image
at a time through ``ToTensor`` and ``Normalize``, a shuffling ``DataLoader``, a host→device copy
per batch, fresh noise for each of the two steps, and ``loss.item()`` after every step for the
loss lists. The only change is that D gives logits and the loss is ``BCEWithLogits``, as in
ganlib, so that both loops train the very same networks.
"""

import time
from dataclasses import replace

import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

from ..data.sources import MNIST_TRAIN_SIZE
from ..i18n import tr
from .config import BLOG_RECIPE, TrainConfig
from .models import build_gan
from .train import train_gan

WARMUP_BATCHES = 5
BLOG_CONFIG = TrainConfig(**BLOG_RECIPE)  # the blog recipe (ganlib.gan.config.BLOG_RECIPE)


class PILDigits(Dataset):
    """What ``torchvision.datasets.MNIST`` gives a DataLoader: (image in [−1, 1] 1×28×28, label)
    per index, made from a PIL image by ``ToTensor`` and ``Normalize((0.5,), (0.5,))``.
    Indices past the end wrap around, so ``length`` may tile the digits."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, *, length: int | None = None) -> None:
        self.images = images.squeeze(1).numpy()
        self.labels = labels.numpy()
        self.length = length or len(self.images)
        self.transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        index %= len(self.images)
        return self.transform(Image.fromarray(self.images[index], mode="L")), int(self.labels[index])


def blog_epoch(generator: nn.Module, discriminator: nn.Module, opt_g: torch.optim.Optimizer,
               opt_d: torch.optim.Optimizer, loader: DataLoader, device: torch.device,
               *, max_batches: int | None = None) -> tuple[list[float], list[float]]:
    """One epoch of the blog loop; returns its per-step D and G losses (nats)."""
    d_losses, g_losses = [], []
    for index, (real, _) in enumerate(loader):
        if max_batches is not None and index == max_batches:
            break
        real = real.to(device)
        ones = torch.ones(real.size(0), device=device)
        zeros = torch.zeros(real.size(0), device=device)

        opt_d.zero_grad()
        fake = generator(torch.randn(real.size(0), generator.latent_dim, device=device))
        loss_d = (F.binary_cross_entropy_with_logits(discriminator(real), ones)
                  + F.binary_cross_entropy_with_logits(discriminator(fake.detach()), zeros))
        loss_d.backward()
        opt_d.step()

        opt_g.zero_grad()
        fake = generator(torch.randn(real.size(0), generator.latent_dim, device=device))
        loss_g = F.binary_cross_entropy_with_logits(discriminator(fake), ones)
        loss_g.backward()
        opt_g.step()

        d_losses.append(loss_d.item())
        g_losses.append(loss_g.item())
    return d_losses, g_losses


def blog_train(images: torch.Tensor, labels: torch.Tensor, *, epochs: int, config: TrainConfig = BLOG_CONFIG,
               device: torch.device | str = "cpu", length: int | None = None,
               max_batches: int | None = None) -> tuple[nn.Module, list[float]]:
    """Train with the blog loop (uint8 ``images`` N×1×28×28); return G and the seconds of each epoch."""
    device = torch.device(device)
    # The blog loop draws from torch's global generator, as blog code does: fork it, then seed it.
    with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
        torch.manual_seed(config.seed)
        generator, discriminator = build_gan(config.model, discriminator={"dropout": config.dropout})
        generator.to(device).train()
        discriminator.to(device).train()
        opt_g = torch.optim.Adam(generator.parameters(), lr=config.lr_g, betas=config.betas)
        opt_d = torch.optim.Adam(discriminator.parameters(), lr=config.lr_d, betas=config.betas)
        loader = DataLoader(PILDigits(images, labels, length=length), batch_size=config.batch_size, shuffle=True)
        seconds = []
        for _ in range(epochs):
            _synchronize(device)
            tic = time.perf_counter()
            blog_epoch(generator, discriminator, opt_g, opt_d, loader, device, max_batches=max_batches)
            _synchronize(device)
            seconds.append(time.perf_counter() - tic)
        return generator, seconds


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def tile(images: torch.Tensor, labels: torch.Tensor, length: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The digits repeated (and cut) to ``length`` of them, in order."""
    index = torch.arange(length) % len(images)
    return images[index], labels[index]


def time_ganlib(images: torch.Tensor, config: TrainConfig, device: torch.device) -> float:
    """Seconds of one epoch of :func:`ganlib.train_gan` (fresh networks), after a short warm-up."""
    one_epoch = replace(config, epochs=1, eval_every=0)
    train_gan(images[:WARMUP_BATCHES * config.batch_size], one_epoch, device=device, progress=False)
    return train_gan(images, one_epoch, device=device, progress=False).history["seconds"][0]


def time_blog(images: torch.Tensor, labels: torch.Tensor, config: TrainConfig, device: torch.device) -> float:
    """Seconds of one epoch of the blog loop (fresh networks), after a short warm-up."""
    blog_train(images, labels, epochs=1, config=config, device=device, max_batches=WARMUP_BATCHES)
    return blog_train(images, labels, epochs=1, config=config, device=device)[1][0]


def run_benchmark(images: torch.Tensor, labels: torch.Tensor, *, device: torch.device,
                  models: tuple[str, ...] = ("mlp", "dcgan"), batch_sizes: tuple[int, ...] = (64, 512),
                  repeats: int = 3, compiled: bool = False, length: int = MNIST_TRAIN_SIZE) -> list[dict]:
    """Time both loops for each model and batch size on ``length`` digits (tiled if fewer).

    The loops alternate, one epoch each, ``repeats`` times, and the fastest epoch of each is kept:
    other work on a shared machine can only slow an epoch down, never speed it up. With
    ``compiled``, ganlib's loop is also timed with its compiled step (the compilation itself
    happens in the warm-up, which is not timed). Returns one dict per model and batch size: model,
    batch_size, ganlib_s, compiled_s (None unless ``compiled``) and blog_s (seconds per epoch),
    ratio (blog_s / ganlib_s) and compiled_ratio (blog_s / compiled_s, or None).
    """
    if len(images) < length:
        images, labels = tile(images, labels, length)
    rows = []
    for model in models:
        for batch_size in batch_sizes:
            ganlib_config = replace(TrainConfig(), model=model, batch_size=batch_size)
            blog_config = replace(BLOG_CONFIG, model=model, batch_size=batch_size)
            ganlib_s, compiled_s, blog_s = [], [], []
            for _ in range(repeats):
                ganlib_s.append(time_ganlib(images, ganlib_config, device))
                if compiled:
                    compiled_s.append(time_ganlib(images, replace(ganlib_config, compile=True), device))
                blog_s.append(time_blog(images, labels, blog_config, device))
            row = {"model": model, "batch_size": batch_size, "ganlib_s": min(ganlib_s),
                   "compiled_s": min(compiled_s) if compiled else None, "blog_s": min(blog_s)}
            rows.append({**row, "ratio": row["blog_s"] / row["ganlib_s"],
                         "compiled_ratio": row["blog_s"] / row["compiled_s"] if compiled else None})
    return rows


def format_table(rows: list[dict]) -> str:
    """The benchmark's rows as a text table (a dash where the compiled step was not timed)."""
    header = tr(en=f"{'model':>6} {'batch':>6} {'ganlib s/epoch':>15} {'compiled s/epoch':>17} "
                   f"{'DataLoader s/epoch':>19} {'speed-up':>9} {'compiled':>9}",
                vi=f"{'mô hình':>7} {'batch':>6} {'ganlib s/epoch':>15} {'biên dịch s/epoch':>17} "
                   f"{'DataLoader s/epoch':>19} {'nhanh hơn':>9} {'biên dịch':>9}")
    lines = [header]
    for row in rows:
        compiled = f"{row['compiled_s']:>17.3f}" if row["compiled_s"] is not None else f"{'-':>17}"
        compiled_ratio = f"{row['compiled_ratio']:>8.2f}×" if row["compiled_ratio"] is not None else f"{'-':>9}"
        lines.append(f"{row['model']:>6} {row['batch_size']:>6} {row['ganlib_s']:>15.3f} {compiled} "
                     f"{row['blog_s']:>19.3f} {row['ratio']:>8.2f}× {compiled_ratio}")
    return "\n".join(lines)
