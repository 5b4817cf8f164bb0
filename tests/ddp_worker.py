"""What each process runs in tests/test_distributed.py: ``torchrun --nproc_per_node 2 tests/ddp_worker.py JOBS``.

JOBS is a JSON list of runs, each {"out": folder, "model": name, "epochs": n, "batch_size": b,
"n": digits, "resume": bool, "options": other TrainConfig fields}, the last two optional, trained
one after the other in one process group (joined here, so train_gan uses it and leaves it open).
The networks are watched from outside the library: the worker wraps the two step functions the
loop calls and, after every step, hashes G's and D's weights and buffers (spectral norm's vectors
among them; not BatchNorm's running statistics, which are per rank on the CPU). Each rank writes
OUT/rank{R}.pt: the hashes, its final state dicts and its history. It also registers "mlp-plain",
the MLP GAN with no BatchNorm in G, whose two-process run must follow the one-process run with the
same global batch up to rounding; that a model the library never heard of trains unchanged under
torchrun is also what lets lesson 09's models do so.
"""

import hashlib
import json
import sys
from pathlib import Path

import torch
import torch.distributed as dist

from ganlib.data import load_bundled_mnist
from ganlib.gan import models, train
from ganlib.gan.config import TrainConfig
from ganlib.gan.mlp import MLPGenerator


class PlainMLPGenerator(MLPGenerator):
    """Lesson 05's MLP generator without BatchNorm: nothing in the step depends on the rank's batch."""

    def __init__(self, **options) -> None:
        super().__init__(batch_norm=False, **options)


models.MODELS["mlp-plain"] = (PlainMLPGenerator, models.MODELS["mlp"][1])


def digest(*networks: torch.nn.Module) -> str:
    """A hash of the networks' weights and buffers, BatchNorm's running statistics left out."""
    hasher = hashlib.sha256()
    for network in networks:
        for name, value in network.state_dict().items():
            if "running_" not in name:
                hasher.update(value.detach().cpu().contiguous().numpy().tobytes())
    return hasher.hexdigest()


def watched(step, built: list, hashes: list):
    """``step`` followed by a hash of the networks ``build_gan`` made last."""
    def run(*args, **kwargs):
        result = step(*args, **kwargs)
        hashes.append(digest(*built[-1]))
        return result
    return run


def main(jobs: list[dict]) -> None:
    digits = load_bundled_mnist()
    built, hashes = [], []
    build_gan = train.build_gan
    train.build_gan = lambda *args, **kwargs: built.append(build_gan(*args, **kwargs)) or built[-1]
    train.discriminator_step = watched(train.discriminator_step, built, hashes)
    train.generator_step = watched(train.generator_step, built, hashes)
    dist.init_process_group("gloo")
    for job in jobs:
        hashes.clear()
        config = TrainConfig(model=job["model"], epochs=job["epochs"], batch_size=job["batch_size"], eval_every=0,
                             n_eval=100, seed=1, **job.get("options", {}))
        labels = digits.labels[:job["n"]] if job["model"] == "cgan" else None
        run = train.train_gan(digits.images[:job["n"]], config, device="cpu", out_dir=job["out"],
                              resume=job.get("resume", False), progress=False, labels=labels)
        torch.save({"hashes": list(hashes), "history": run.history,
                    "state": {name: getattr(run, name).state_dict() for name in ("generator", "discriminator",
                                                                                 "sampler")}},
                   Path(job["out"]) / f"rank{dist.get_rank()}.pt")
    dist.destroy_process_group()


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
