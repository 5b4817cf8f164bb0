"""The three losses of neural style transfer (Gatys, Ecker & Bethge 2016), as d2l and the seed lesson
write them: content, style (on Gram matrices) and total variation. Lesson 10.

Content and style losses are *relative*: each layer's squared error is divided by the squared size of
its target, so a loss of 1 means "as far from the target as an all-zero image's features are", whatever
the feature network and its scale. A weight of 1 then means the same thing for every network.
"""

import torch


def gram_matrix(features: torch.Tensor) -> torch.Tensor:
    """The Gram matrix of ``features`` (N×C×H×W): N×C×C, entry (i, j) the mean over the H·W positions of
    channel i times channel j, G = F Fᵀ / (H·W) with F the C×(H·W) matrix of one image's features.

    It says which features fire together, and forgets where: permuting the positions (the columns of F)
    leaves it exactly as it was. Dividing by H·W makes Gram matrices of images of different sizes
    comparable. Lesson 10."""
    n, c, h, w = features.shape
    flat = features.reshape(n, c, h * w)
    return flat @ flat.transpose(1, 2) / (h * w)


def relative_error(value: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """‖value − target‖² / ‖target‖² (a scalar tensor; 0 when they are equal). Lesson 10."""
    return (value - target).pow(2).sum() / target.pow(2).sum().clamp_min(torch.finfo(target.dtype).tiny)


def content_loss(features: list[torch.Tensor], targets: list[torch.Tensor]) -> torch.Tensor:
    """Mean over the content layers of the relative squared error between the image's feature maps and
    the content image's (each N×C×H×W, same shapes): small when the image keeps the content's layout.
    Lesson 10."""
    return torch.stack([relative_error(f, t) for f, t in zip(features, targets, strict=True)]).mean()


def style_loss(features: list[torch.Tensor], target_grams: list[torch.Tensor]) -> torch.Tensor:
    """Mean over the style layers of the relative squared error between the Gram matrices of the image's
    feature maps (N×C×H×W) and the style image's Gram matrices (N×C×C, :func:`gram_matrix`); the sizes
    H×W may differ from the style image's. Zero when the image has the style image's feature
    correlations, wherever its features sit. Lesson 10."""
    return torch.stack([relative_error(gram_matrix(f), g) for f, g in zip(features, target_grams, strict=True)]).mean()


def total_variation_loss(images: torch.Tensor) -> torch.Tensor:
    """Half the sum of the mean absolute differences between vertical and between horizontal neighbours
    of ``images`` (N×C×H×W, values in [0, 1]), as d2l writes it: small for smooth images, it discourages
    the pixel-level noise the other two losses leave. Lesson 10."""
    vertical = (images[:, :, 1:, :] - images[:, :, :-1, :]).abs().mean()
    horizontal = (images[:, :, :, 1:] - images[:, :, :, :-1]).abs().mean()
    return 0.5 * (vertical + horizontal)
