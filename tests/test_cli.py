"""``python -m ganlib``: help texts, a tiny training run, and bad options as one line without a traceback."""

import argparse
import dataclasses
import subprocess
import sys

import pytest
import torch

from ganlib.cli import main, train
from ganlib.gan.config import TrainConfig, model_defaults

TINY = ["--data", "bundled", "--device", "cpu", "--batch-size", "1000", "--eval-every", "0", "--no-progress"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ganlib", *args], capture_output=True, text=True, timeout=120)


def test_help_offers_every_config_field_with_its_help(capsys):
    """The options are derived from TrainConfig's fields: a field added there is an option here."""
    with pytest.raises(SystemExit) as stop:
        main(["train", "--help"])
    assert stop.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for field in dataclasses.fields(TrainConfig):
        flag = "--" + field.name.replace("_", "-")
        assert flag in text, flag
        assert " ".join(field.metadata["help"].split())[:40] in text, field.name
    for extra in ("--device", "--data", "--n-samples", "--out", "--resume"):
        assert extra in text
    with pytest.raises(SystemExit):
        main(["--help"])
    assert {"train", "bench", "score"} <= set(capsys.readouterr().out.split())


def test_every_option_reaches_the_config():
    """Each field given on the command line arrives in the TrainConfig, with its type."""
    parser = argparse.ArgumentParser()
    train.add_config_options(parser)
    args = parser.parse_args(["--lr-g", "0.001", "--betas", "0.3", "0.9", "--pack", "2", "--loss", "wgan-gp",
                              "--instance-noise", "0.1", "--gp-weight", "5", "--max-loss", "9"])
    config = train.config_from(args)
    assert (config.lr_g, config.betas, config.pack, config.loss) == (0.001, (0.3, 0.9), 2, "wgan-gp")
    assert (config.instance_noise, config.gp_weight, config.max_loss) == (0.1, 5.0, 9.0)
    assert train.config_from(parser.parse_args([])) == TrainConfig(**model_defaults("mlp"))


def test_only_image_models_are_offered(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--model", "toy2d"])
    assert "invalid choice: 'toy2d'" in capsys.readouterr().err


def test_a_tiny_run_writes_its_files_and_resumes(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", *TINY, "--epochs", "1", "--n-samples", "12", "--out", str(out)]) == 0
    assert torch.load(out / "samples.pt", weights_only=True).shape == (12, 1, 28, 28)
    assert {"checkpoint.pt", "history.json", "grid_epoch_001.png"} <= {p.name for p in out.iterdir()}
    assert main(["train", *TINY, "--epochs", "2", "--out", str(out), "--resume"]) == 0
    assert "epoch 2:" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["train", "--model", "nope"], "invalid choice: 'nope'"),
    (["train", "--epochs", "0"], "epochs must be positive, got 0"),
    (["train", "--n-eval", "50"], "n_eval must be at least 100"),
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
