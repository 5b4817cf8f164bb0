"""Seconds per training epoch, measured side by side. Lessons 07 and 09.

Time on a shared machine drifts: a model timed first, while another process is busy, looks slower
than the same model timed later. :func:`seconds_per_epoch` therefore times every model in turns, one
epoch each per round, and keeps each model's best round, so that the ratio of two models is measured
under the same conditions. The numbers depend on the machine; print them, never compare them with
numbers taken elsewhere.
"""

from dataclasses import replace

import torch

from .config import TrainConfig
from .train import train_gan


def seconds_per_epoch(configs: dict[str, TrainConfig], data: torch.Tensor | dict[str, torch.Tensor], *,
                      rounds: int = 2) -> dict[str, float]:
    """Wall-clock seconds of one training epoch for each named config, timed in turns (``rounds``
    rounds, the best of each model's rounds), without scores or files. ``data`` as
    :func:`ganlib.gan.train.train_gan` takes it: one tensor for every config, or one per name (e.g. the
    pictures of one folder at 32 and at 64 px). Returns {name: seconds}."""
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, got {rounds}")
    data_of = data if isinstance(data, dict) else dict.fromkeys(configs, data)
    best = {name: float("inf") for name in configs}
    for _ in range(rounds):
        for name, config in configs.items():
            run = train_gan(data_of[name], replace(config, epochs=1, eval_every=0, grid_every=0), progress=False)
            best[name] = min(best[name], run.history["seconds"][0])
    return best
