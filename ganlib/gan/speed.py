"""What makes a training step fast on a GPU, kept out of the step itself: channels_last memory,
bf16 autocast and a compiled step. Lesson 07 and ``python -m ganlib bench``.

The training loop hands its networks to :func:`step_networks`, which returns the modules the two
steps call. On CUDA they run under bf16 autocast (the weights, their gradients and Adam's state stay
float32) on channels_last tensors; with ``compile=True`` they are compiled with ``torch.compile``
("reduce-overhead" on CUDA, which also replays the step as CUDA graphs where the step allows;
the default mode elsewhere). On the CPU, without ``compile``, the networks are returned as they
are. The wrappers hold no weights: checkpoints, EMA and sampling keep using the original modules.
"""

from collections.abc import Callable

import torch
from torch import nn

AUTOCAST_DTYPE = torch.bfloat16


class Autocast(nn.Module):
    """``module`` run under autocast to ``dtype`` on ``device_type``, its output cast back to float32,
    so that losses and their backward pass run outside autocast, in float32."""

    def __init__(self, module: nn.Module, *, device_type: str, dtype: torch.dtype = AUTOCAST_DTYPE) -> None:
        super().__init__()
        self.module = module
        self.device_type = device_type
        self.dtype = dtype

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        with torch.autocast(device_type=self.device_type, dtype=self.dtype):
            return self.module(inputs).float()


def compile_mode(device: torch.device) -> str:
    """The ``torch.compile`` mode of a compiled step on ``device``: "reduce-overhead" (CUDA graphs)
    on CUDA, "default" elsewhere."""
    return "reduce-overhead" if device.type == "cuda" else "default"


def step_networks(generator: nn.Module, discriminator: nn.Module, *, device: torch.device,
                  compile: bool = False, wrap: Callable[[nn.Module], nn.Module] | None = None
                  ) -> tuple[nn.Module, nn.Module]:
    """The (generator, discriminator) the training step should call on ``device``.

    On CUDA: both moved to channels_last (in place; the values do not change) and wrapped in
    :class:`Autocast`. Then each passed to ``wrap`` if given (the loop's DistributedDataParallel
    under torchrun). With ``compile``: each then compiled with ``torch.compile`` in
    :func:`compile_mode`. Otherwise the networks themselves.
    """
    if device.type == "cuda":
        generator.to(memory_format=torch.channels_last)
        discriminator.to(memory_format=torch.channels_last)
        generator = Autocast(generator, device_type=device.type)
        discriminator = Autocast(discriminator, device_type=device.type)
    if wrap is not None:
        generator, discriminator = wrap(generator), wrap(discriminator)
    if compile:
        mode = compile_mode(device)
        generator = torch.compile(generator, mode=mode)
        discriminator = torch.compile(discriminator, mode=mode)
    return generator, discriminator


def prepare_layout(images: torch.Tensor, device: torch.device) -> torch.Tensor:
    """Images N×C×H×W in channels_last on CUDA, unchanged elsewhere."""
    return images.contiguous(memory_format=torch.channels_last) if device.type == "cuda" else images


def step_boundary(device: torch.device, *, compile: bool) -> None:
    """Tell CUDA graphs that a new training step begins (the previous step's outputs may be reused);
    nothing elsewhere. Called by the training loop before every step."""
    if compile and device.type == "cuda":
        torch.compiler.cudagraph_mark_step_begin()
