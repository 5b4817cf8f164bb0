"""Paired image translation, the GAN way (pix2pix, Isola et al. 2017): lesson 10.

G maps an input picture x (N×1×H×W, [−1, 1]) to an output ŷ of the same shape. With the L1 loss alone
G learns, for each pixel, the median of the targets that share an input: where many sharp digits share
one blocky thumbnail, a blur. pix2pix adds a conditional adversarial loss: a PatchGAN D sees the input
and an output side by side and says, patch by patch, whether the output is a real target; a blur is
easy to tell from real strokes, so G is pushed towards sharp ones. G minimises

    l1_weight · mean |ŷ − y| + adversarial_weight · "ns" loss of D's patch logits on (x, ŷ),

D minimises its cross-entropy on (x, y) as real and (x, ŷ) as fake, both from :mod:`ganlib.gan.losses`
(pix2pix: l1_weight λ = 100, adversarial_weight 1). With ``adversarial_weight`` = 0 it is L1 regression:
no D is built, none is trained, and its loss never enters G's.
"""

import time
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from ..i18n import tr
from .losses import cross_entropy_loss, generator_loss

DOWNSAMPLINGS = 2  # 28 → 14 → 7: the sides must be divisible by 2² = 4
RANGE_TOLERANCE = 1e-5


def _down(in_channels: int, out_channels: int, *, norm: bool) -> nn.Sequential:
    """A stride-2 convolution (kernel 4, padding 1) that halves the side, then LeakyReLU(0.2)."""
    layers = [nn.Conv2d(in_channels, out_channels, 4, stride=2, padding=1, bias=not norm)]
    return nn.Sequential(*layers, *([nn.BatchNorm2d(out_channels)] if norm else []), nn.LeakyReLU(0.2))


class UNetGenerator(nn.Module):
    """A small U-Net: an encoder 28 → 14 → 7, a 3×3 convolution at 7×7, and a decoder 7 → 14 → 28 whose
    every up-sampling step also reads the encoder's maps of the same side (the skip connections,
    concatenated on channels), then tanh. Inputs and outputs N×C×H×W in [−1, 1], H and W divisible by 4.

    The skips carry where the strokes are straight to the decoder, so the 7×7 bottleneck only has to
    say what to draw there. No dropout: pix2pix keeps dropout at test time as its only noise, and
    Isola et al. report that G learns to ignore it (its outputs are nearly deterministic); ours is
    deterministic, so ``eval()`` and ``train()`` differ only in BatchNorm's statistics. Lesson 10.
    """

    def __init__(self, *, channels: int = 1, width: int = 32):
        super().__init__()
        self.encode14 = _down(channels, width, norm=False)  # 28 → 14
        self.encode7 = _down(width, 2 * width, norm=True)  # 14 → 7
        self.middle = nn.Sequential(nn.Conv2d(2 * width, 2 * width, 3, padding=1, bias=False),
                                    nn.BatchNorm2d(2 * width), nn.ReLU())
        self.decode14 = nn.Sequential(  # 7 → 14, reading the middle and encode7's maps
            nn.ConvTranspose2d(4 * width, width, 4, stride=2, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        # 14 → 28, reading decode14's and encode14's maps
        self.decode28 = nn.ConvTranspose2d(2 * width, channels, 4, stride=2, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skip14 = self.encode14(x)
        skip7 = self.encode7(skip14)
        middle = self.middle(skip7)
        up14 = self.decode14(torch.cat([middle, skip7], dim=1))
        return torch.tanh(self.decode28(torch.cat([up14, skip14], dim=1)))


class PatchDiscriminator(nn.Module):
    """A conditional PatchGAN D: it reads the input and an output concatenated on channels
    (N×2C×H×W) and returns a grid of logits N×1×(H/4)×(W/4), 7×7 for 28×28 digits, one per patch.

    Two stride-2 convolutions (kernel 4, padding 1) and a 3×3 convolution: each logit sees a square
    of :attr:`RECEPTIVE_FIELD_PX` = 18 pixels of the picture (3 → (3 − 1)·2 + 4 = 8 → (8 − 1)·2 + 4 = 18),
    so it judges strokes locally and leaves the global shape to the L1 loss, as in pix2pix (whose
    70×70 patches are on 256×256 pictures). Lesson 10.
    """

    KERNELS_AND_STRIDES = ((4, 2), (4, 2), (3, 1))
    RECEPTIVE_FIELD_PX = 18

    def __init__(self, *, channels: int = 1, width: int = 32):
        super().__init__()
        self.layers = nn.Sequential(_down(2 * channels, width, norm=False), _down(width, 2 * width, norm=True),
                                    nn.Conv2d(2 * width, 1, 3, padding=1))

    def forward(self, inputs: torch.Tensor, outputs: torch.Tensor) -> torch.Tensor:
        return self.layers(torch.cat([inputs, outputs], dim=1))


def receptive_field(kernels_and_strides: tuple[tuple[int, int], ...]) -> int:
    """The side in pixels of the square one output of a stack of convolutions sees: r ← (r − 1)·s + k,
    from the last layer back to the first."""
    field = 1
    for kernel, stride in reversed(kernels_and_strides):
        field = (field - 1) * stride + kernel
    return field


@dataclass
class TranslationRun:
    """What :func:`train_translation` returns: G in eval mode (on the CPU), D (None when
    ``adversarial_weight`` is 0), the history (every ``log_every`` steps: "step", "l1" (G's mean |ŷ − y| on
    the batch, in [−1, 1] units), and with a D "adversarial" (G's "ns" loss) and "discriminator" (D's
    cross-entropy), both in nats), and the seconds training took."""

    generator: UNetGenerator
    discriminator: PatchDiscriminator | None
    history: dict
    seconds: float


def _check_pairs(inputs: torch.Tensor, targets: torch.Tensor) -> None:
    for name, images in (("inputs", inputs), ("targets", targets)):
        if not isinstance(images, torch.Tensor) or not images.is_floating_point() or images.ndim != 4:
            shape = tuple(images.shape) if isinstance(images, torch.Tensor) else type(images).__name__
            raise ValueError(tr(en=f"{name} must be a float tensor N×C×H×W, got {shape}",
                                vi=f"{name} phải là tensor số thực dạng N×C×H×W, nhận được {shape}"))
        low, high = (value.item() for value in torch.aminmax(images.detach()))
        if not (-1 - RANGE_TOLERANCE <= low and high <= 1 + RANGE_TOLERANCE):
            raise ValueError(tr(en=f"{name} have values in [{low:.4g}, {high:.4g}]; translation works on [−1, 1] "
                                   "(to_gan_range of uint8 digits)",
                                vi=f"{name} có giá trị trong [{low:.4g}, {high:.4g}]; bài dịch ảnh dùng khoảng "
                                   "[−1, 1] (to_gan_range của chữ số uint8)"))
    if inputs.shape != targets.shape:
        raise ValueError(tr(en=f"inputs and targets must be pairs of the same shape, got {tuple(inputs.shape)} and "
                               f"{tuple(targets.shape)}",
                            vi=f"inputs và targets phải là từng cặp cùng dạng, nhận được {tuple(inputs.shape)} và "
                               f"{tuple(targets.shape)}"))
    side = 2 ** DOWNSAMPLINGS
    if inputs.shape[-1] % side or inputs.shape[-2] % side:
        raise ValueError(tr(en=f"the sides must be divisible by {side}, got {tuple(inputs.shape[-2:])}",
                            vi=f"các cạnh ảnh phải chia hết cho {side}, nhận được {tuple(inputs.shape[-2:])}"))


def _check_settings(*, adversarial_weight: float, l1_weight: float, steps: int, batch_size: int, n: int) -> None:
    if adversarial_weight < 0 or l1_weight < 0 or adversarial_weight + l1_weight == 0:
        raise ValueError(tr(en=f"the weights must be ≥ 0 and not both 0, got adversarial_weight={adversarial_weight}"
                               f" and l1_weight={l1_weight}",
                            vi=f"các trọng số phải ≥ 0 và không cùng bằng 0, nhận được "
                               f"adversarial_weight={adversarial_weight} và l1_weight={l1_weight}"))
    if steps < 1:
        raise ValueError(tr(en=f"steps must be at least 1, got {steps}", vi=f"steps phải ít nhất là 1, nhận được {steps}"))
    if not 1 <= batch_size <= n:
        raise ValueError(tr(en=f"batch_size must be between 1 and the {n} pairs, got {batch_size}",
                            vi=f"batch_size phải nằm giữa 1 và số cặp ảnh ({n}), nhận được {batch_size}"))


def _batches(n: int, batch_size: int, *, steps: int, generator: torch.Generator):
    """``steps`` index batches: a fresh shuffle every epoch, the incomplete last batch of each dropped."""
    done = 0
    while True:
        order = torch.randperm(n, generator=generator)
        for start in range(0, n - batch_size + 1, batch_size):
            if done == steps:
                return
            done += 1
            yield order[start:start + batch_size]


def train_translation(inputs: torch.Tensor, targets: torch.Tensor, *, adversarial_weight: float,
                      l1_weight: float = 100.0, steps: int, batch_size: int = 64, lr: float = 2e-4, seed: int,
                      width: int = 32, log_every: int = 10) -> TranslationRun:
    """Train a :class:`UNetGenerator` to map ``inputs`` to ``targets`` (pairs, float N×C×H×W in [−1, 1], H
    and W divisible by 4) for ``steps`` steps of ``batch_size`` pairs, with Adam (``lr``, β = (0.5, 0.999),
    as pix2pix) on the CPU.

    G's loss: ``l1_weight`` · L1 + ``adversarial_weight`` · the "ns" generator loss of a
    :class:`PatchDiscriminator` (averaged over its patches); D then takes one cross-entropy step per G step,
    before it. ``adversarial_weight`` = 0 is L1 alone: no D is built or trained. ``width``: the channels
    of both networks' first layer. The same ``seed`` gives the same weights, batches and history on the
    CPU; the caller's global random state is left as it was. On lesson 10's thumbnails (600 steps of 64),
    pix2pix's weights (100 and 1) sharpen the outputs only a little; ``adversarial_weight`` = 20 does
    clearly, for a slightly larger L1 error. Lesson 10.
    """
    _check_pairs(inputs, targets)
    _check_settings(adversarial_weight=adversarial_weight, l1_weight=l1_weight, steps=steps, batch_size=batch_size,
                    n=len(inputs))
    inputs, targets = inputs.detach().float().cpu(), targets.detach().float().cpu()
    adversarial = adversarial_weight > 0
    history = {"step": [], "l1": [], **({"adversarial": [], "discriminator": []} if adversarial else {})}
    tic = time.perf_counter()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        generator = UNetGenerator(channels=inputs.shape[1], width=width)
        discriminator = PatchDiscriminator(channels=inputs.shape[1], width=width) if adversarial else None
        g_optimiser = torch.optim.Adam(generator.parameters(), lr=lr, betas=(0.5, 0.999))
        d_optimiser = (torch.optim.Adam(discriminator.parameters(), lr=lr, betas=(0.5, 0.999))
                       if adversarial else None)
        shuffle = torch.Generator().manual_seed(seed)
        for step, batch in enumerate(_batches(len(inputs), batch_size, steps=steps, generator=shuffle), start=1):
            x, y = inputs[batch], targets[batch]
            fake = generator(x)
            if adversarial:
                d_loss = cross_entropy_loss(discriminator(x, y), discriminator(x, fake.detach()))
                d_optimiser.zero_grad(set_to_none=True)
                d_loss.backward()
                d_optimiser.step()
            l1 = F.l1_loss(fake, y)
            g_loss = l1_weight * l1
            if adversarial:
                g_adversarial = generator_loss(discriminator(x, fake), loss="ns")
                g_loss = g_loss + adversarial_weight * g_adversarial
            g_optimiser.zero_grad(set_to_none=True)
            g_loss.backward()
            g_optimiser.step()
            if step % log_every == 0 or step == steps:
                history["step"].append(step)
                history["l1"].append(l1.item())
                if adversarial:
                    history["adversarial"].append(g_adversarial.item())
                    history["discriminator"].append(d_loss.item())
    generator.eval()
    if discriminator is not None:
        discriminator.eval()
    return TranslationRun(generator=generator, discriminator=discriminator, history=history,
                          seconds=time.perf_counter() - tic)


@torch.no_grad()
def translate(generator: nn.Module, inputs: torch.Tensor, *, batch_size: int = 1000) -> torch.Tensor:
    """G's outputs for ``inputs`` (N×C×H×W in [−1, 1]), in eval mode, float32 on the CPU, in [−1, 1].
    G's own mode is restored afterwards. Lesson 10."""
    was_training = generator.training
    generator.eval()
    outputs = torch.cat([generator(part.float()) for part in inputs.split(batch_size)])
    generator.train(was_training)
    return outputs
