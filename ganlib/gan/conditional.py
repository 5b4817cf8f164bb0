"""The conditional GAN of lesson 08: lesson 05's MLPs, told which digit to draw or judge."""

import torch
from torch import nn

from ..i18n import tr
from .mlp import IMAGE_SHAPE, MLPDiscriminator, MLPGenerator

NUM_CLASSES = 10  # the digits a conditional model is asked for


class ConditionalMLPGenerator(nn.Module):
    """Noise ``z`` (N×latent_dim, standard normal) and labels ``labels`` (N, int64 in 0..num_classes−1)
    → images N×1×28×28 in [−1, 1]: G(z, y) of the conditional GAN of lesson 08.

    The label enters through an embedding, a learnt vector of ``embedding_dim`` numbers per class
    (``nn.Embedding``, initialised N(0, 1)), placed beside the noise; lesson 05's
    :class:`MLPGenerator` does the rest: (100 + 50) → 256 → 512 → 1024 → 784 by default.
    """

    sample_shape = IMAGE_SHAPE
    conditional = True

    def __init__(self, *, latent_dim: int = 100, num_classes: int = NUM_CLASSES, embedding_dim: int = 50,
                 hidden: tuple[int, ...] = (256, 512, 1024), batch_norm: bool = True,
                 negative_slope: float = 0.2) -> None:
        super().__init__()
        self.latent_dim = latent_dim
        self.num_classes = num_classes
        self.embed = nn.Embedding(num_classes, embedding_dim)
        self.body = MLPGenerator(latent_dim=latent_dim + embedding_dim, hidden=hidden, batch_norm=batch_norm,
                                 negative_slope=negative_slope)

    def forward(self, z: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        return self.body(torch.cat([z, self.embed(labels)], dim=1))


class ProjectionDiscriminator(nn.Module):
    """Images N×1×28×28 in [−1, 1] and labels N (int64 in 0..num_classes−1) → logits N: D(x, y) of
    lesson 08, a projection discriminator (Miyato & Koyama 2018).

    logit = ψ(φ(x)) + embed(y)·φ(x): φ (``features``) is lesson 05's :class:`MLPDiscriminator`
    up to its last hidden layer (784 → 512 → 256 by default), ψ (``unconditional``) its final
    linear layer, and ``embed`` a learnt vector per class, as wide as φ. The label thus enters as an
    inner product with D's features rather than as an extra input.
    """

    conditional = True

    def __init__(self, *, num_classes: int = NUM_CLASSES, hidden: tuple[int, ...] = (512, 256), negative_slope: float = 0.2,
                 dropout: float = 0.0) -> None:
        super().__init__()
        mlp = MLPDiscriminator(hidden=hidden, negative_slope=negative_slope, dropout=dropout)
        self.features = mlp.net[:-1]
        self.unconditional = mlp.net[-1]
        self.embed = nn.Embedding(num_classes, hidden[-1])

    def forward(self, images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        features = self.features(images)
        return self.unconditional(features).squeeze(1) + (self.embed(labels) * features).sum(dim=1)


def projection_logits_from_weights(discriminator: ProjectionDiscriminator, images: torch.Tensor,
                                   labels: torch.Tensor) -> torch.Tensor:
    """ψ(φ(x)) + e_y·φ(x) of a :class:`ProjectionDiscriminator` for images N×1×28×28 and labels N
    (int64 in 0..C−1), computed from its weights with explicit matrix algebra: no submodule is called.
    φ(x) = leaky(W_L … leaky(W_1 x + b_1) … + b_L) with the slope of each LeakyReLU, ψ(φ) = w·φ + b, and
    e_y the row y of the embedding matrix E (C×F), picked by a one-hot matrix: Y E. Returns N logits.
    Lesson 08 compares them with ``discriminator(images, labels)``: a forward pass that routes the
    label elsewhere, skips ψ or reads another layer's features gives other numbers.
    Dropout layers are skipped, so ``discriminator`` must be in eval mode when it has any."""
    features = images.reshape(len(images), -1)
    for layer in discriminator.features:
        if isinstance(layer, nn.Linear):
            features = features @ layer.weight.T + layer.bias
        elif isinstance(layer, nn.LeakyReLU):
            features = torch.where(features >= 0, features, layer.negative_slope * features)
        elif isinstance(layer, nn.Dropout) and not discriminator.training:
            continue
        elif not isinstance(layer, nn.Flatten):
            raise TypeError(tr(en=f"cannot follow layer {layer!r} by hand: expected Flatten, Linear, LeakyReLU, "
                                  "or Dropout in eval mode (call discriminator.eval() first)",
                               vi=f"không tính tay được qua tầng {layer!r}: chỉ tính được qua Flatten, Linear, "
                                  "LeakyReLU hoặc Dropout ở chế độ eval (hãy gọi discriminator.eval() trước)"))
    psi = features @ discriminator.unconditional.weight.T.squeeze(1) + discriminator.unconditional.bias
    one_hot = (labels[:, None] == torch.arange(discriminator.embed.num_embeddings)).to(features.dtype)
    return psi + ((one_hot @ discriminator.embed.weight) * features).sum(dim=1)
