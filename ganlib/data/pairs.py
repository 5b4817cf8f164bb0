"""Paired pictures for image-to-image translation (pix2pix, Isola et al. 2017): lesson 10.

A thumbnail pair is (the picture average-pooled ``factor`` × ``factor`` and blown back up by
nearest neighbour, the picture itself). For a 28×28 digit and factor 4 the input is a blocky 7×7
thumbnail; many sharp digits share one thumbnail, so the task has no single right answer per pixel.
"""

import torch
import torch.nn.functional as F

from ..i18n import tr


def thumbnail_pairs(images: torch.Tensor, *, factor: int = 4) -> tuple[torch.Tensor, torch.Tensor]:
    """(inputs, targets) for translation, both float32 N×C×H×W like ``images``.

    ``images``: a float tensor N×C×H×W in any range (the course uses [−1, 1], ``to_gan_range``), with H
    and W divisible by ``factor``. targets: the images as float32; inputs: each ``factor`` × ``factor``
    block replaced by its mean (so an input keeps the range and the mean brightness of its target).
    TypeError for a non-float tensor, ValueError for a wrong shape or factor. Lesson 10.
    """
    if not isinstance(images, torch.Tensor) or not images.is_floating_point():
        kind = images.dtype if isinstance(images, torch.Tensor) else type(images).__name__
        raise TypeError(tr(en=f"images must be a float tensor (e.g. to_gan_range(digits.images)), got {kind}",
                           vi=f"images phải là tensor số thực (ví dụ to_gan_range(digits.images)), nhận được {kind}"))
    if images.ndim != 4 or len(images) == 0:
        raise ValueError(tr(en=f"images must have shape N×C×H×W with N ≥ 1, got {tuple(images.shape)}",
                            vi=f"images phải có dạng N×C×H×W với N ≥ 1, nhận được {tuple(images.shape)}"))
    if isinstance(factor, bool) or not isinstance(factor, int) or factor < 1:
        raise ValueError(tr(en=f"factor must be a whole number ≥ 1, got {factor!r}",
                            vi=f"factor phải là số nguyên ≥ 1, nhận được {factor!r}"))
    height, width = images.shape[-2:]
    if height % factor or width % factor:
        raise ValueError(tr(en=f"the sides {height}×{width} must be divisible by factor {factor}; crop the images "
                               "or choose a factor that divides both",
                            vi=f"hai cạnh {height}×{width} phải chia hết cho factor {factor}; hãy cắt ảnh hoặc "
                               "chọn factor chia hết cả hai cạnh"))
    targets = images.detach().float()
    thumbnails = F.avg_pool2d(targets, factor)
    inputs = thumbnails.repeat_interleave(factor, dim=-2).repeat_interleave(factor, dim=-1)
    return inputs, targets.clone()
