"""The two updates of GAN training, each spelled out: lesson 05 reads them line by line.

The training loop (:mod:`ganlib.gan.train`) calls them; lesson 06's instance noise is a wrapper
around D that both steps see the same way, and so are lesson 08's labels (:class:`Conditioned`).
"""

import torch
from torch import nn

from .losses import GP_WEIGHT, discriminator_loss, generator_loss


def discriminator_step(generator: nn.Module, discriminator: nn.Module, optimizer: torch.optim.Optimizer,
                       real: torch.Tensor, noise: torch.Tensor, *, loss: str = "ns", label_smoothing: float = 0.0,
                       gp_weight: float = GP_WEIGHT, rng: torch.Generator | None = None) -> tuple[torch.Tensor, ...]:
    """One update of D on a real batch and the fakes G makes from ``noise``, with D's loss ``loss``
    (:func:`ganlib.gan.losses.discriminator_loss`; ``rng`` draws the gradient penalty's mixing weights).

    Returns (fakes still attached to G's graph, loss, real scores, fake scores), the last three
    detached. Used by the training loop and lesson 05.
    """
    fake = generator(noise)
    # detach: D's loss must not send gradients into G (G is not D's to change).
    value, real_scores, fake_scores = discriminator_loss(
        discriminator, real, fake.detach(), loss=loss, label_smoothing=label_smoothing, gp_weight=gp_weight,
        generator=rng)
    optimizer.zero_grad(set_to_none=True)
    value.backward()
    optimizer.step()
    return fake, value.detach(), real_scores.detach(), fake_scores.detach()


def generator_step(discriminator: nn.Module, optimizer: torch.optim.Optimizer, fake: torch.Tensor,
                   *, loss: str = "ns") -> torch.Tensor:
    """One update of G through the current D, reusing ``fake`` (attached to G's graph).

    D is frozen meanwhile: gradients flow through D to G, but none is stored for D's weights,
    which saves their computation and leaves D exactly as it was; each weight's ``requires_grad``
    is restored afterwards, even if the step fails. Returns the detached loss. Used by the
    training loop and lesson 05.
    """
    flags = [(weight, weight.requires_grad) for weight in discriminator.parameters()]
    discriminator.requires_grad_(False)
    try:
        value = generator_loss(discriminator(fake), loss=loss)
        optimizer.zero_grad(set_to_none=True)
        value.backward()
        optimizer.step()
    finally:
        for weight, flag in flags:
            weight.requires_grad_(flag)
    return value.detach()


class InstanceNoise(nn.Module):
    """D behind a veil: ``discriminator`` applied to its input plus Gaussian noise of standard
    deviation ``std`` (drawn from ``rng``), for real and fake samples alike.

    The noise makes the real and fake distributions overlap, so D cannot become perfectly sure
    and G keeps getting useful gradients (Sønderby et al. 2017, Arjovsky & Bottou 2017). ``std``
    is a plain attribute: the training loop lowers it epoch by epoch. It has no weights of its own;
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


class Conditioned(nn.Module):
    """A conditional network (lesson 08) with the labels of the current batch bound to it:
    ``Conditioned(net)(x)`` is ``net(x, labels=self.labels)``, so the two steps above train a
    conditional GAN unchanged. ``labels`` is a plain attribute: the training loop sets it to the
    real batch's labels before each step (the fakes are drawn for the same labels). It has no
    weights of its own; ``network`` keeps them.
    """

    def __init__(self, network: nn.Module) -> None:
        super().__init__()
        self.network = network
        self.labels: torch.Tensor | None = None

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return self.network(inputs, labels=self.labels)


def instance_noise_std(instance_noise: float, *, epoch: int, epochs: int) -> float:
    """The instance noise of epoch ``epoch`` (1-based) of ``epochs``: σ·(E − epoch + 1)/E with
    σ = ``instance_noise``, a straight line from σ in the first epoch to σ/E in the last."""
    return instance_noise * (epochs - epoch + 1) / epochs
