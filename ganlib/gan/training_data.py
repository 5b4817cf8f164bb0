"""The training data as the loop of :mod:`ganlib.gan.train` holds it: one float32 tensor on the
training device (and, for a conditional model, one int64 tensor of labels), checked first.
Lessons 05–08 and ``python -m ganlib train``."""

import torch

from ..data import to_gan_range
from .config import MNIST_SIZE, TrainConfig
from .distributed import Processes
from .models import IMAGE_SHAPE, NUM_CLASSES, is_conditional, sample_shape
from .speed import prepare_layout


def prepare_images(images: torch.Tensor, device: torch.device, *, shape: tuple[int, int, int] = IMAGE_SHAPE
                   ) -> torch.Tensor:
    """uint8 images N×C×H×W (``shape`` = (C, H, W): MNIST's 1×28×28, or lesson 09's 3×S×S; 0..255) or
    floats in [−1, 1] → one float32 tensor on ``device`` in [−1, 1]."""
    if images.ndim != 4 or tuple(images.shape[1:]) != shape:
        raise ValueError(f"images must be N×{'×'.join(map(str, shape))}, got shape {tuple(images.shape)}")
    if not images.is_floating_point() and images.dtype != torch.uint8:
        raise TypeError(f"images must be uint8 (0..255) or float in [−1, 1], got {images.dtype}")
    # Contiguous whatever the caller's layout (e.g. a permuted H×W×C array): a convolution rounds differently
    # on another memory layout, and a run must not depend on how its data happened to be stored.
    images = images.to(device).contiguous()
    return to_gan_range(images) if images.dtype == torch.uint8 else images.float()


def prepare_data(data: torch.Tensor, model: str, device: torch.device, *, image_size: int = MNIST_SIZE) -> torch.Tensor:
    """The training data of ``model`` (images of side ``image_size``) as one float32 tensor on ``device``:
    images through :func:`prepare_images`, other samples (e.g. N×2 points for "toy2d") as they are."""
    shape = sample_shape(model, image_size=image_size)
    if len(shape) == 3:
        return prepare_images(data, device, shape=shape)
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


def prepare_training_data(data: torch.Tensor, labels: torch.Tensor | None, config: TrainConfig,
                          processes: Processes) -> tuple[torch.Tensor, torch.Tensor | None]:
    """``data`` and ``labels`` as the loop trains on them, on ``processes.device``: through
    :func:`prepare_data` (and channels_last on CUDA for images) and :func:`prepare_labels`; ValueError
    when there are fewer samples than one global batch of ``batch_size`` × (number of processes)."""
    data = prepare_data(data, config.model, processes.device, image_size=config.image_size)
    if data.ndim == 4:
        data = prepare_layout(data, processes.device)
    labels = prepare_labels(labels, len(data), config.model, processes.device)
    if len(data) < config.batch_size * processes.world_size:
        each = f" × {processes.world_size} processes" if processes.distributed else ""
        raise ValueError(f"batch_size {config.batch_size}{each} is larger than the {len(data)} samples")
    return data, labels
