"""MNIST loading: the bundled subset, its checksum, the download and the loud fallback."""

import hashlib
import socket

import pytest
import torch

import ganlib
from ganlib import data
from ganlib.data import mnist


def test_bundled_subset_is_5000_real_digits_500_per_class():
    digits = data.load_bundled_mnist()
    assert digits.source == "bundled"
    assert digits.images.shape == (5000, 1, 28, 28) and digits.images.dtype == torch.uint8
    assert digits.labels.shape == (5000,) and digits.labels.dtype == torch.int64
    assert torch.bincount(digits.labels, minlength=10).tolist() == [500] * 10
    assert digits.images.min().item() == 0 and digits.images.max().item() == 255
    # Real MNIST: mostly black background, about a fifth of the pixels carry ink.
    assert 0.15 < (digits.images > 0).float().mean().item() < 0.25


def test_failed_download_falls_back_loudly(monkeypatch, capsys):
    def no_network(root, train, timeout_s):
        raise OSError("network is unreachable")

    monkeypatch.setattr(mnist, "_download_mnist", no_network)
    digits = data.load_mnist("auto")
    assert digits.source == "bundled" and len(digits.labels) == 5000
    message = capsys.readouterr().err
    assert "WARNING" in message and "OSError" in message and "bundled subset" in message


def test_failed_download_is_an_error_when_full_mnist_is_required(monkeypatch):
    monkeypatch.setattr(mnist, "_download_mnist", lambda root, train, timeout_s: 1 / 0)
    with pytest.raises(RuntimeError, match="could not load full MNIST"):
        data.load_mnist("mnist")


def test_download_fetches_each_file_with_its_own_timeout_through_torchvision(monkeypatch, tmp_path):
    """The raw files are fetched here, each request with the timeout (nothing process-wide), from the
    first mirror that answers; torchvision's MNIST class then checks and reads them from the cache folder."""
    calls, fetched = {}, []

    class FakeMNIST:
        mirrors = ["http://first.invalid/", "http://second.invalid/"]
        resources = [("images.gz", hashlib.md5(b"digits").hexdigest())]

        def __init__(self, root, train, download):
            calls.update(root=root, train=train, download=download)
            self.data = torch.zeros(3, 28, 28, dtype=torch.uint8)
            self.targets = torch.tensor([0, 1, 2])

    def fake_fetch(url, path, timeout_s):
        fetched.append((url, timeout_s))
        if url.startswith("http://first"):
            raise OSError("mirror down")
        path.write_bytes(b"digits")

    import torchvision.datasets

    monkeypatch.setattr(torchvision.datasets, "MNIST", FakeMNIST)
    monkeypatch.setattr(mnist, "_fetch", fake_fetch)
    monkeypatch.setenv(mnist.CACHE_ENV, str(tmp_path))
    digits = data.load_mnist("mnist", train=False, timeout_s=7.0, verbose=False)
    assert digits.source == "mnist" and digits.images.shape == (3, 1, 28, 28)
    assert calls == {"root": str(tmp_path), "train": False, "download": True}
    assert fetched == [("http://first.invalid/images.gz", 7.0), ("http://second.invalid/images.gz", 7.0)]
    assert (tmp_path / "MNIST" / "raw" / "images.gz").read_bytes() == b"digits"
    assert socket.getdefaulttimeout() is None


def test_source_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(mnist.SOURCE_ENV, "bundled")
    monkeypatch.setattr(mnist, "_download_mnist", lambda *a: pytest.fail("must not touch the network"))
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


def _worst_prefix_imbalance(labels: torch.Tensor, *, start: int = 100) -> float:
    """The largest |count of a class − its proportional share| over every prefix of ``start`` or more."""
    classes = torch.unique(labels)
    shares = torch.stack([(labels == c).double().mean() for c in classes])
    counts = torch.stack([(labels == c).double().cumsum(0) for c in classes], dim=1)
    sizes = torch.arange(1, len(labels) + 1, dtype=torch.float64).unsqueeze(1)
    return (counts - sizes * shares)[start - 1:].abs().max().item()


def test_the_bundled_file_is_sorted_by_label_which_is_the_trap_dealing_removes():
    in_file_order = data.load_bundled_mnist(dealt=False).labels
    assert in_file_order[:500].unique().tolist() == [0]
    assert in_file_order[:2000].unique().tolist() == [0, 1, 2, 3]
    assert _worst_prefix_imbalance(in_file_order) > 100


def test_every_prefix_of_100_or_more_dealt_digits_holds_every_class_equally_give_or_take_one():
    digits = data.load_bundled_mnist()
    assert _worst_prefix_imbalance(digits.labels) <= 1.0
    assert torch.bincount(digits.labels[:2000], minlength=10).tolist() == [200] * 10
    assert torch.bincount(digits.labels[:500], minlength=10).tolist() == [50] * 10


def test_dealing_is_a_fixed_permutation_of_the_file():
    dealt, in_file = data.load_bundled_mnist(), data.load_bundled_mnist(dealt=False)
    order = mnist.dealt_order(in_file.labels)
    assert torch.equal(torch.sort(order).values, torch.arange(5000))
    assert torch.equal(dealt.images, in_file.images[order]) and torch.equal(dealt.labels, in_file.labels[order])
    assert torch.equal(order, mnist.dealt_order(in_file.labels))  # the same order every time
    assert not torch.equal(order, mnist.dealt_order(in_file.labels, seed=1))  # and the seed matters
    assert len(set(dealt.labels[:10].tolist())) == 10 and dealt.labels[:10].tolist() != list(range(10))


def test_dealing_unequal_classes_keeps_every_prefix_in_proportion():
    # Full MNIST's classes differ in size (5421 fives, 6742 ones): shares, not equal counts.
    sizes = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    labels = torch.cat([torch.full((size,), label) for label, size in enumerate(sizes)])
    dealt = labels[mnist.dealt_order(labels)]
    assert _worst_prefix_imbalance(dealt) <= 2.0
    assert _worst_prefix_imbalance(labels) > 5000  # as given, the prefixes are one class each


def test_the_metrics_split_does_not_depend_on_the_dealing_and_each_part_is_dealt():
    from ganlib.metrics import split_digits

    split = split_digits()
    again = split_digits(data.load_bundled_mnist(dealt=False))
    for part, same in zip(split, again):
        assert torch.equal(part.images, same.images)
        assert _worst_prefix_imbalance(part.labels) <= 1.0
    # The parts share no digit: the classifier never saw the reference or the fresh digits.
    flat = {name: {bytes(image.numpy()) for image in part.images} for name, part in zip(split._fields, split)}
    assert not flat["train"] & flat["reference"] and not flat["train"] & flat["fresh"]
    assert not flat["reference"] & flat["fresh"]
