"""Training on two processes with torchrun and DistributedDataParallel (gloo, on the CPU).

One torchrun launch of tests/ddp_worker.py trains every run below in one process group (a few steps
on 256 bundled digits each) and each rank saves what it saw; a second launch runs the command line
itself. What must hold, and how closely:

- after every step both ranks hold bit-identical weights and buffers (BatchNorm's running statistics
  excepted: on the CPU each rank normalises its own batch, and DDP copies rank 0's statistics before
  every forward pass);
- the two-process run of a model without BatchNorm follows the one-process run with the same global
  batch to within 1e-5: the data order, the global batches and the noise are the same, so only the
  rounding differs (the gradient is averaged over the ranks instead of over one batch). Measured:
  ≤ 2e-7 in the losses, ≤ 1e-6 in the weights. With D's gradients left unsynchronised (D not in DDP)
  loss_D differs by 2e-3 in the first epoch; with the same noise rows on both ranks, by 8e-3 in the
  second;
- resuming on two processes ends bit-identical to the uninterrupted two-process run.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

import ganlib.gan.distributed as distributed
from ganlib.cli import main
from ganlib.data import load_bundled_mnist
from ganlib.gan.checkpoints import load_checkpoint
from ganlib.gan.config import TrainConfig
from ganlib.gan.train import train_gan

ROOT = Path(__file__).resolve().parents[1]
# torchrun is this module of torch; --standalone picks a free port, so parallel runs do not collide.
TORCHRUN = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2"]
TOLERANCE = 1e-5
# name: model, epochs, other options. "remedies" has G's forward without backward (k = 2), the gradient
# penalty's double backward through DDP, and per-rank streams for dropout and instance noise.
RUNS = {"plain": ("mlp-plain", 2, {}), "dcgan": ("dcgan", 1, {}), "dcgan-bn": ("dcgan-bn", 1, {}),
        "cgan": ("cgan", 1, {}), "style": ("dcgan-style", 1, {}),  # lesson 09's StyleGAN-style G: no BatchNorm
        "remedies": ("mlp", 1, {"loss": "wgan-gp", "k": 2, "dropout": 0.2, "instance_noise": 0.1}),
        "straight": ("mlp", 2, {}), "stopped": ("mlp", 1, {})}  # "stopped" last: it is resumed


def launch(arguments: list[str], **options) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    return subprocess.run(TORCHRUN + arguments, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          **options)


@pytest.fixture(scope="module")
def ranks(tmp_path_factory) -> dict[str, list[dict]]:
    """Each run's [rank 0's, rank 1's] hashes after every step, history and final state dicts."""
    root = tmp_path_factory.mktemp("ddp")
    jobs = [{"out": str(root / name), "model": model, "epochs": epochs, "batch_size": 32, "n": 256,
             "options": options} for name, (model, epochs, options) in RUNS.items()]
    jobs.append({**jobs[-1], "epochs": 2, "resume": True})  # "stopped" goes on to epoch 2
    done = launch([str(ROOT / "tests" / "ddp_worker.py"), json.dumps(jobs)])
    assert done.returncode == 0, done.stderr[-3000:]
    return {name: [torch.load(root / name / f"rank{rank}.pt", weights_only=False) | {"out": root / name}
                   for rank in (0, 1)] for name in RUNS}


def bn_statistic(name: str) -> bool:
    return "running_" in name


@pytest.mark.parametrize("name", ["plain", "dcgan", "dcgan-bn", "cgan", "remedies", "straight", "style"])
def test_ranks_hold_identical_networks_after_every_step(ranks, name):
    first, second = ranks[name]
    _, epochs, options = RUNS[name]
    d_steps = 256 // 64 * epochs  # global batches of 64
    steps = d_steps + d_steps // options.get("k", 1)
    assert len(first["hashes"]) == len(second["hashes"]) == steps
    assert first["hashes"] == second["hashes"]
    for network in ("generator", "discriminator", "sampler"):
        for key, value in first["state"][network].items():
            assert bn_statistic(key) or torch.equal(value, second["state"][network][key]), (network, key)
    assert first["history"]["loss_D"] == second["history"]["loss_D"]


def test_spectral_norm_vectors_are_hashed_and_equal(ranks):
    first, second = (rank["state"]["discriminator"] for rank in ranks["dcgan"])
    vectors = [key for key in first if key.endswith(("._u", "._v"))]
    assert len(vectors) == 2 * 5  # three convolutions, the hidden layer and the logit
    assert all(torch.equal(first[key], second[key]) for key in vectors)


def test_batchnorm_normalises_each_ranks_batch_and_rank_0_writes_the_checkpoint(ranks):
    first, second = ranks["dcgan-bn"]
    statistics = [key for key in first["state"]["discriminator"] if bn_statistic(key) and "mean" in key]
    assert statistics
    # per-rank batches leave per-rank statistics after the last step ...
    assert all(not torch.equal(first["state"]["discriminator"][key], second["state"]["discriminator"][key])
               for key in statistics)
    # ... and the checkpoint, written by rank 0 alone, holds rank 0's.
    saved = load_checkpoint(first["out"] / "checkpoint.pt")
    assert all(torch.equal(saved["discriminator"][key], first["state"]["discriminator"][key]) for key in statistics)
    assert sorted(path.name for path in first["out"].iterdir()) == [
        "checkpoint.pt", "grid_epoch_001.png", "history.json", "rank0.pt", "rank1.pt"]


@pytest.mark.parametrize("name", ["plain", "style"])  # the runs without BatchNorm
def test_two_processes_follow_one_process_with_the_same_global_batch(ranks, name):
    # "mlp-plain" is registered by the worker; importing it registers it here too.
    sys.path.insert(0, str(ROOT / "tests"))
    import ddp_worker  # noqa: F401
    model, epochs, _ = RUNS[name]
    config = TrainConfig(model=model, epochs=epochs, batch_size=64, eval_every=0, n_eval=100, seed=1)
    alone = train_gan(load_bundled_mnist().images[:256], config, progress=False)
    together = ranks[name][0]
    for column in ("loss_D", "loss_G", "D_real", "D_fake"):
        assert together["history"][column] == pytest.approx(alone.history[column], abs=TOLERANCE, rel=0), column
    for network in ("generator", "discriminator", "sampler"):
        for key, value in getattr(alone, network).state_dict().items():
            assert_equal_up_to_adam_rounding(together["state"][network][key], value, lr=config.lr_d, name=key)


def assert_equal_up_to_adam_rounding(actual: torch.Tensor, expected: torch.Tensor, *, lr: float, name: str) -> None:
    """Equal up to float rounding, which Adam amplifies on the few weights whose gradient is about 0 (its step
    lr·m/√v has the size lr for any tiny gradient): every element within one Adam step, and all but 0.1 % of
    them (at least all but one) within TOLERANCE. Splitting a batch over two ranks changes the order of the sums,
    nothing else. (Measured for lesson 09's "dcgan-style": one of the 256 elements of a spectral-norm vector of D
    off by more than TOLERANCE.)"""
    gap = (actual.double() - expected.double()).abs()
    assert gap.max().item() <= lr, (name, gap.max().item())
    far = int((gap > TOLERANCE).sum())
    assert far <= max(1, 1e-3 * gap.numel()), (name, far, gap.numel())


def test_resume_on_two_processes_ends_where_an_uninterrupted_run_ends(ranks):
    for straight, resumed in zip(ranks["straight"], ranks["stopped"]):
        for network in ("generator", "discriminator", "sampler"):
            a, b = straight["state"][network], resumed["state"][network]
            assert a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a), network
        for column in ("epoch", "loss_D", "loss_G", "D_real", "D_fake"):
            assert straight["history"][column] == resumed["history"][column]


def test_the_command_line_under_torchrun(tmp_path):
    done = launch(["-m", "ganlib", "train", "--model", "cgan", "--data", "bundled", "--device", "cpu", "--epochs",
                   "1", "--batch-size", "256", "--eval-every", "0", "--n-eval", "100", "--n-samples", "10",
                   "--no-progress", "--out", str(tmp_path)])
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.count("epoch 1: loss_D") == 1  # rank 0 alone reports
    history = json.loads((tmp_path / "history.json").read_text())
    assert history["epoch"] == [1] and history["config"]["batch_size"] == 256
    assert torch.load(tmp_path / "samples.pt", weights_only=True).shape == (10, 1, 28, 28)
    assert not list(tmp_path.glob("*.partial"))


def test_without_torchrun_nothing_is_distributed(monkeypatch):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    with distributed.process_group(torch.device("cpu")) as processes:
        assert (processes.rank, processes.world_size, processes.distributed) == (0, 1, False)
        assert processes.rows(64) == slice(0, 64)
    assert not torch.distributed.is_initialized()


def test_backend_rows_and_rank_streams():
    assert distributed.backend(torch.device("cpu")) == "gloo"
    assert distributed.backend(torch.device("cuda")) == "nccl"
    with pytest.raises(ValueError, match="cpu or cuda"):
        distributed.backend(torch.device("mps"))
    assert distributed.Processes(rank=1, world_size=2).rows(32) == slice(32, 64)
    seeds = {distributed.rank_seeds(0, rank=rank, epoch=epoch) for rank in range(4) for epoch in range(1, 4)}
    assert len({seed for pair in seeds for seed in pair}) == 2 * 12
    assert distributed.rank_seeds(0, rank=1, epoch=2) == distributed.rank_seeds(0, rank=1, epoch=2)


def test_help_says_the_global_batch_is_per_process_times_processes(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    assert "global batch is batch_size × the number of processes" in " ".join(capsys.readouterr().out.split())
