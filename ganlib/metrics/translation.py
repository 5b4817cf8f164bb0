"""How good translated digits are (lesson 10, pix2pix): how sharp they are, how far from their targets,
and whether the course's classifier reads the digit each one should be.

Sharpness is the mean gradient magnitude: with forward differences dx = x[i, j+1] − x[i, j] and
dy = x[i+1, j] − x[i, j] on the (H−1)×(W−1) pixels that have both, the mean of √(dx² + dy²), in the
images' own units per pixel (for [−1, 1] images a hard black-to-white edge adds 2). A linear ramp
x[i, j] = a·j has sharpness |a|. It is a total variation per pixel: a blur, an average of shifted copies, never
raises it away from the border, keeps it for a lone straight edge (the rise is spread, not lost) and lowers it
where it merges a stroke's two edges, so a mean of thin strokes in different places, the L1 answer, scores
low. The lesson reports it as a ratio to real digits.
"""

import numpy as np
import torch

from ..i18n import tr
from .conditional import check_labels, conditional_accuracy
from .images import check_images, classify
from .ranges import GAN_RANGE, parse_range


def sharpness(images: torch.Tensor) -> np.ndarray:
    """The mean gradient magnitude of each of ``images`` (N×C×H×W, H and W ≥ 2, any range), float64 N:
    the mean over channels and the (H−1)×(W−1) pixels of √(dx² + dy²) (module docstring). Lesson 10."""
    if not isinstance(images, torch.Tensor) or images.ndim != 4 or min(images.shape[-2:]) < 2:
        shape = tuple(images.shape) if isinstance(images, torch.Tensor) else type(images).__name__
        raise ValueError(tr(en=f"images must be a tensor N×C×H×W with H, W ≥ 2, got {shape}",
                            vi=f"images phải là tensor dạng N×C×H×W với H, W ≥ 2, nhận được {shape}"))
    x = images.detach().double().cpu()
    dx = x[..., :-1, 1:] - x[..., :-1, :-1]
    dy = x[..., 1:, :-1] - x[..., :-1, :-1]
    return torch.sqrt(dx ** 2 + dy ** 2).mean(dim=(1, 2, 3)).numpy()


def translation_scores(outputs: torch.Tensor, targets: torch.Tensor, labels: torch.Tensor | np.ndarray, *,
                       value_range: tuple[float, float] = GAN_RANGE) -> dict:
    """Scores of ``outputs`` against their ``targets`` (both N×1×28×28 in ``value_range``, N ≥ 10) whose
    digits are ``labels`` (N ints 0..9, more than 3 of each digit present), as plain floats:

    - "l1": the mean |output − target| per pixel, in [−1, 1] units whatever ``value_range``;
    - "sharpness_ratio": the mean :func:`sharpness` of the outputs over that of the targets (1: as sharp
      as the real digits; a blur is below 1, noise can be above);
    - "reads_intended": the share of outputs the shipped classifier reads as their label (for balanced
      labels, the mean over the digits, :func:`ganlib.metrics.conditional.conditional_accuracy`).

    Scoring the targets themselves gives the ceiling (l1 0, ratio 1, the classifier's own accuracy).
    Lesson 10.
    """
    check_images(outputs)
    if outputs.shape != targets.shape:
        raise ValueError(tr(en=f"outputs and targets must be pairs of the same shape, got {tuple(outputs.shape)} "
                               f"and {tuple(targets.shape)}",
                            vi=f"outputs và targets phải là từng cặp cùng dạng, nhận được {tuple(outputs.shape)} "
                               f"và {tuple(targets.shape)}"))
    labels = check_labels(labels, len(outputs))
    low, high = parse_range(value_range)
    _, _, probabilities = classify(outputs, value_range=value_range)
    l1 = (outputs.detach().double() - targets.detach().double()).abs().mean().item() * 2.0 / (high - low)
    return {"l1": l1, "sharpness_ratio": float(sharpness(outputs).mean() / sharpness(targets).mean()),
            "reads_intended": conditional_accuracy(probabilities, labels)[0]}
