"""Device choice, seeding, quick mode and the language setting."""

import random

import numpy as np
import pytest
import torch

import ganlib
from ganlib import runtime


@pytest.fixture
def no_accelerator(monkeypatch):
    monkeypatch.delenv(runtime.DEVICE_ENV, raising=False)
    monkeypatch.setattr(runtime, "_available", lambda kind: kind == "cpu")


def test_auto_picks_cpu_without_accelerators(no_accelerator):
    assert ganlib.pick_device() == torch.device("cpu")
    assert ganlib.pick_device("auto") == torch.device("cpu")


def test_auto_prefers_cuda_then_mps(monkeypatch):
    monkeypatch.delenv(runtime.DEVICE_ENV, raising=False)
    monkeypatch.setattr(runtime, "_available", lambda kind: True)
    assert ganlib.pick_device() == torch.device("cuda")
    monkeypatch.setattr(runtime, "_available", lambda kind: kind in ("mps", "cpu"))
    assert ganlib.pick_device() == torch.device("mps")


def test_environment_overrides_the_order(monkeypatch):
    monkeypatch.setattr(runtime, "_available", lambda kind: True)
    monkeypatch.setenv(runtime.DEVICE_ENV, "cpu")
    assert ganlib.pick_device() == torch.device("cpu")


def test_absent_or_unknown_device_is_a_clear_error(no_accelerator):
    with pytest.raises(ValueError, match="not available"):
        ganlib.pick_device("cuda")
    with pytest.raises(ValueError, match="auto, cuda, mps or cpu"):
        ganlib.pick_device("tpu")


def test_verbose_reports_the_device(no_accelerator, capsys):
    ganlib.set_language("vi")
    try:
        ganlib.pick_device(verbose=True)
    finally:
        ganlib.set_language("en")
    assert capsys.readouterr().out.strip() == "Thiết bị: cpu"


def test_seeding_repeats_every_generator():
    def draw(generator):
        return random.random(), np.random.rand(), torch.rand(3), torch.rand(3, generator=generator)

    first, second = draw(ganlib.seed_everything(7)), draw(ganlib.seed_everything(7))
    assert first[:2] == second[:2]
    assert torch.equal(first[2], second[2]) and torch.equal(first[3], second[3])
    assert not torch.equal(draw(ganlib.seed_everything(8))[2], first[2])


def test_deterministic_algorithms_can_be_asked_for():
    try:
        ganlib.seed_everything(0, deterministic=True)
        assert torch.are_deterministic_algorithms_enabled()
    finally:
        torch.use_deterministic_algorithms(False)


@pytest.mark.parametrize("seed", [-1, 1.5, "1"])
def test_bad_seed_is_refused(seed):
    with pytest.raises(ValueError, match="non-negative integer"):
        ganlib.seed_everything(seed)


@pytest.mark.parametrize("value, quick", [("1", True), ("true", True), ("0", False), ("", False)])
def test_quick_mode_reads_the_environment(monkeypatch, value, quick):
    monkeypatch.setenv(runtime.QUICK_ENV, value)
    assert ganlib.is_quick() is quick


def test_language_setting():
    ganlib.set_language("vi")
    assert ganlib.get_language() == "vi" and ganlib.tr(en="generator", vi="bộ sinh") == "bộ sinh"
    ganlib.set_language("en")
    assert ganlib.get_language() == "en" and ganlib.tr(en="generator", vi="bộ sinh") == "generator"
    with pytest.raises(ValueError, match="language must be one of"):
        ganlib.set_language("fr")
    assert ganlib.get_language() == "en"  # a refused language changes nothing


def test_setup_report_names_versions_device_and_data(no_accelerator, capsys):
    ganlib.set_language("en")
    ganlib.print_setup(data_source="bundled")
    out = capsys.readouterr().out
    assert f"torch        {torch.__version__}" in out
    assert "device       cpu" in out and "data         bundled" in out
