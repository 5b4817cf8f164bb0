"""``python -m ganlib``: help texts, a tiny training run, and bad options as one line without a traceback."""

import subprocess
import sys

import pytest
import torch

from ganlib.__main__ import main

TINY = ["--data", "bundled", "--device", "cpu", "--batch-size", "1000", "--eval-every", "0", "--no-progress"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ganlib", *args], capture_output=True, text=True, timeout=120)


def test_help_explains_every_train_option(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["train", "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    for option in ("--model", "--epochs", "--batch-size", "--k", "--loss", "--device", "--data", "--seed",
                   "--n-samples", "--out", "--resume", "--lr-g", "--lr-d", "--beta1", "--ema-decay", "--dropout",
                   "--eval-every", "--grid-every"):
        assert option in text, option
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "train" in capsys.readouterr().out


def test_a_tiny_run_writes_its_files_and_resumes(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", *TINY, "--epochs", "1", "--n-samples", "12", "--out", str(out)]) == 0
    assert torch.load(out / "samples.pt", weights_only=True).shape == (12, 1, 28, 28)
    assert {"checkpoint.pt", "history.json", "grid_epoch_001.png"} <= {p.name for p in out.iterdir()}
    assert main(["train", *TINY, "--epochs", "2", "--out", str(out), "--resume"]) == 0
    assert "epoch 2:" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["train", "--model", "nope"], "invalid choice: 'nope'"),
    (["train", "--epochs", "0"], "--epochs: must be at least 1"),
    (["train", "--data", "bundled", "--device", "cuda"], "not available"),
])
def test_bad_options_give_one_line_and_a_non_zero_exit(args, message):
    if "cuda" in args and torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    result = run_cli(*args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_an_unreadable_checkpoint_gives_one_line(tmp_path):
    (tmp_path / "checkpoint.pt").write_bytes(b"\x00 half a checkpoint")
    result = run_cli("train", *TINY, "--epochs", "1", "--out", str(tmp_path), "--resume")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "cannot read checkpoint" in errors[0]
