"""MNIST loading: the bundled subset, its checksum, the download and the loud fallback."""

import shutil

import pytest
import torch

import ganlib
from ganlib import data


def test_bundled_subset_is_5000_real_digits_500_per_class():
    digits = data.load_bundled_mnist()
    assert digits.source == "bundled"
    assert digits.images.shape == (5000, 1, 28, 28) and digits.images.dtype == torch.uint8
    assert digits.labels.shape == (5000,) and digits.labels.dtype == torch.int64
    assert torch.bincount(digits.labels, minlength=10).tolist() == [500] * 10
    assert digits.images.min().item() == 0 and digits.images.max().item() == 255
    # Real MNIST: mostly black background, about a fifth of the pixels carry ink.
    assert 0.15 < (digits.images > 0).float().mean().item() < 0.25


def test_damaged_bundled_file_is_refused(tmp_path, monkeypatch):
    damaged = tmp_path / "mnist_5k.npz"
    shutil.copy(data.BUNDLED_FILE, damaged)
    blob = bytearray(damaged.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    damaged.write_bytes(bytes(blob))
    monkeypatch.setattr(data, "BUNDLED_FILE", damaged)
    with pytest.raises(RuntimeError, match="damaged"):
        data.load_bundled_mnist()


def test_failed_download_falls_back_loudly(monkeypatch, capsys):
    def no_network(root, train, timeout_s):
        raise OSError("network is unreachable")

    monkeypatch.setattr(data, "_download_mnist", no_network)
    digits = data.load_mnist("auto")
    assert digits.source == "bundled" and len(digits.labels) == 5000
    message = capsys.readouterr().err
    assert "WARNING" in message and "OSError" in message and "bundled subset" in message


def test_failed_download_is_an_error_when_full_mnist_is_required(monkeypatch):
    monkeypatch.setattr(data, "_download_mnist", lambda root, train, timeout_s: 1 / 0)
    with pytest.raises(RuntimeError, match="could not load full MNIST"):
        data.load_mnist("mnist")


def test_download_goes_through_torchvision(monkeypatch, tmp_path):
    """The full set comes from torchvision's MNIST class, into the cache folder, with a timeout."""
    calls = {}

    class FakeMNIST:
        def __init__(self, root, train, download):
            calls.update(root=root, train=train, download=download)
            self.data = torch.zeros(3, 28, 28, dtype=torch.uint8)
            self.targets = torch.tensor([0, 1, 2])

    import torchvision.datasets

    monkeypatch.setattr(torchvision.datasets, "MNIST", FakeMNIST)
    monkeypatch.setenv(data.CACHE_ENV, str(tmp_path))
    digits = data.load_mnist("mnist", train=False, verbose=False)
    assert digits.source == "mnist" and digits.images.shape == (3, 1, 28, 28)
    assert calls == {"root": str(tmp_path), "train": False, "download": True}


def test_source_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(data.SOURCE_ENV, "bundled")
    monkeypatch.setattr(data, "_download_mnist", lambda *a: pytest.fail("must not touch the network"))
    assert data.load_mnist(verbose=False).source == "bundled"


def test_unknown_source_is_refused():
    with pytest.raises(ValueError, match="source must be one of"):
        data.load_mnist("imagenet")


def test_gan_range_round_trip():
    images = torch.tensor([0, 51, 255], dtype=torch.uint8)
    scaled = ganlib.to_gan_range(images)
    assert scaled.dtype == torch.float32
    assert torch.allclose(scaled, torch.tensor([-1.0, 51 / 127.5 - 1, 1.0]))
    assert torch.allclose(ganlib.from_gan_range(scaled) * 255, images.float())
    assert ganlib.from_gan_range(torch.tensor([-3.0, 3.0])).tolist() == [0.0, 1.0]
