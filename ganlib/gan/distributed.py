"""Training on several processes: ``torchrun`` and DistributedDataParallel (DDP), as torch provides them.

``torchrun --nproc_per_node N -m ganlib train ...`` starts N copies of the same command and tells each,
through environment variables (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT), who it is. The
training loop (:mod:`ganlib.gan.train`) then, on every process ("rank"):

- joins the process group, with the gloo backend on CPUs and NCCL on GPUs (:func:`process_group`);
- trains on its own rows of every global batch of ``batch_size × N`` samples: all ranks draw the same
  shuffled order from the same seeded generator, a new one each epoch (as DistributedSampler with
  ``set_epoch`` does), and each takes its own ``batch_size`` rows (:meth:`Processes.rows`);
- feeds G its own rows of one global noise draw, so no two ranks ever share a noise vector, and draws
  whatever else is random inside a step (dropout, instance noise, the gradient penalty's mixing
  weights) from streams of its own, seeded from (seed, rank, epoch) (:func:`rank_seeds`);
- wraps both networks in DDP (:func:`wrap`), which averages their gradients over the ranks during
  ``backward()``, so that every rank takes the same optimiser step and the weights stay identical;
- on CUDA uses SyncBatchNorm (:func:`sync_batchnorm`), whose statistics are those of the global batch.
  torch's SyncBatchNorm runs on GPUs only: on CPUs each rank's BatchNorm normalises its own
  ``batch_size`` samples, and DDP copies rank 0's running statistics to the others before every
  forward pass (``broadcast_buffers``), so between two forward passes they may differ by rank.

DDP also copies the other buffers from rank 0 before every forward pass, spectral normalisation's
power-iteration vectors among them; as every rank computes them from identical weights, they are
identical anyway (``tests/test_distributed.py`` checks both after every step).
Without torchrun (one process) none of this happens and training is exactly as before.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from ..i18n import tr


@dataclass(frozen=True)
class Processes:
    """Who this process is among those training together: ``rank`` in 0..``world_size`` − 1, and
    the ``device`` it trains on (its own GPU on CUDA). One process: rank 0 of 1."""

    rank: int = 0
    world_size: int = 1
    device: torch.device = torch.device("cpu")

    @property
    def distributed(self) -> bool:
        return self.world_size > 1

    @property
    def main(self) -> bool:
        """True on rank 0, the one process that writes files and shows progress."""
        return self.rank == 0

    def wait_for_all(self) -> None:
        """Return once every rank got here (a barrier; nothing on one process): then rank 0's files are written."""
        if self.distributed:
            dist.barrier()

    def rows(self, batch_size: int) -> slice:
        """This rank's rows of a global batch of ``batch_size × world_size``."""
        return slice(self.rank * batch_size, (self.rank + 1) * batch_size)


def launched_rank() -> int:
    """This process's rank as torchrun announced it (0 without torchrun), readable before the group
    exists: the command line prints only on rank 0."""
    return int(os.environ.get("RANK", "0"))


def backend(device: torch.device) -> str:
    """The torch.distributed backend for ``device``: "nccl" on CUDA, "gloo" on the CPU."""
    if device.type not in ("cpu", "cuda"):
        raise ValueError(tr(en=f"training on several processes needs --device cpu or cuda, not {device.type}",
                            vi=f"huấn luyện trên nhiều tiến trình cần --device cpu hoặc cuda, không phải {device.type}"))
    return "nccl" if device.type == "cuda" else "gloo"


@contextmanager
def process_group(device: torch.device) -> Iterator[Processes]:
    """The :class:`Processes` of this run on ``device``. Started by torchrun with more than one
    process, it joins the default process group (from the environment, :func:`backend`) for the
    duration and, on CUDA, trains on GPU LOCAL_RANK; a group the caller already joined is used and
    left open. Otherwise: rank 0 of 1 on ``device``, and nothing else happens."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    if world_size == 1 and not (dist.is_available() and dist.is_initialized()):
        yield Processes(device=device)
        return
    if device.type == "cuda":
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        torch.cuda.set_device(device)
    joined = not dist.is_initialized()
    if joined:
        dist.init_process_group(backend(device))
    try:
        yield Processes(rank=dist.get_rank(), world_size=dist.get_world_size(), device=device)
    finally:
        if joined:
            dist.destroy_process_group()


def sync_batchnorm(module: nn.Module, device: torch.device) -> nn.Module:
    """``module`` with its BatchNorm layers replaced by SyncBatchNorm on CUDA (same weights and
    buffers, statistics over the global batch); unchanged on the CPU, where torch has no SyncBatchNorm."""
    return nn.SyncBatchNorm.convert_sync_batchnorm(module) if device.type == "cuda" else module


def wrap(module: nn.Module, device: torch.device) -> DistributedDataParallel:
    """``module`` in DistributedDataParallel: rank 0's weights and buffers copied to every rank now and
    its buffers before every forward pass, gradients averaged over the ranks in ``backward()``."""
    return DistributedDataParallel(module, device_ids=[device] if device.type == "cuda" else None)


def mean_over_ranks(values: torch.Tensor) -> torch.Tensor:
    """The mean of ``values`` over all ranks (every rank gets it), in place."""
    dist.all_reduce(values)
    return values.div_(dist.get_world_size())


def rank_seeds(seed: int, *, rank: int, epoch: int) -> tuple[int, int]:
    """Two seeds of this rank's own random streams in ``epoch`` (for the step's generator and for
    torch's global one, which dropout reads), different for every (seed, rank, epoch) and
    statistically independent (numpy's SeedSequence, made for parallel streams). Seeding per
    epoch makes resuming exact without saving every rank's generator states."""
    words = np.random.SeedSequence(seed, spawn_key=(rank, epoch)).generate_state(2, dtype=np.uint64)
    return int(words[0]), int(words[1])
