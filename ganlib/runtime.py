"""Where and how reproducibly code runs: device choice, seeding, quick mode.

Used by lesson 00 (setup check) and by every lesson that trains a network.
"""

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import torch

from .i18n import tr

DEVICE_ENV = "GANLIB_DEVICE"
QUICK_ENV = "GANLIB_QUICK"


def _available(kind: str) -> bool:
    if kind == "cuda":
        return torch.cuda.is_available()
    if kind == "mps":
        return hasattr(torch.backends, "mps") and torch.backends.mps.is_available()
    return kind == "cpu"


def pick_device(preferred: str | None = None, *, verbose: bool = False) -> torch.device:
    """The device to train on: cuda, then mps, then cpu.

    ``preferred`` ("auto", "cuda", "mps", "cpu"; default: the GANLIB_DEVICE environment
    variable, else "auto") overrides the order. Asking for a device that is not there
    raises ValueError. With ``verbose=True`` the choice is printed.
    """
    choice = (preferred or os.environ.get(DEVICE_ENV) or "auto").lower()
    if choice not in ("auto", "cuda", "mps", "cpu"):
        raise ValueError(f"device must be auto, cuda, mps or cpu, got {choice!r}")
    if choice == "auto":
        choice = next(kind for kind in ("cuda", "mps", "cpu") if _available(kind))
    elif not _available(choice):
        raise ValueError(tr(
            en=f"device {choice!r} is not available on this machine; use --device auto or cpu",
            vi=f"máy này không có thiết bị {choice!r}; hãy dùng --device auto hoặc cpu"))
    device = torch.device(choice)
    if verbose:
        print(tr(en=f"Device: {device}", vi=f"Thiết bị: {device}"))
    return device


def device_name(device: torch.device) -> str:
    """What ``device`` is, in words: the GPU's name on CUDA, the processor's on the CPU (with the
    number of threads torch uses). Printed by ``python -m ganlib bench``. Lesson 07."""
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    if device.type == "cpu":
        import platform

        return f"cpu ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)"
    return device.type


def seed_everything(seed: int, *, deterministic: bool = False) -> torch.Generator:
    """Seed Python's, NumPy's and torch's random generators; return a seeded ``torch.Generator``.

    With ``deterministic=True`` torch is also asked to use deterministic algorithms only
    (slower on a GPU; the CPU is deterministic already for the operations used here).
    """
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    if deterministic:
        torch.use_deterministic_algorithms(True, warn_only=False)
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    return torch.Generator().manual_seed(seed)


@contextmanager
def one_torch_thread() -> Iterator[None]:
    """Run torch on one thread inside the block, then restore the thread count: on the tiny tensors
    of the 1-D and 2-D games, waking other threads costs more than the arithmetic (about ten times
    slower on a busy two-core machine). Used by lessons 01, 02, 04, 06 and exercise 4 of lesson 10."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def is_quick() -> bool:
    """True when GANLIB_QUICK is set to 1: training cells shrink so the test suite runs fast."""
    return os.environ.get(QUICK_ENV, "0").strip().lower() in ("1", "true", "yes")


def print_setup(device: torch.device | None = None, data_source: str | None = None) -> None:
    """Print library versions, the device found, the mode and the data in use: lesson 00's setup check.

    ``data_source`` is ``Digits.source`` ("mnist" or "bundled") from :func:`ganlib.load_mnist`.
    """
    import platform
    from importlib.metadata import version

    from . import __version__

    versions = {"python": platform.python_version(), "torch": torch.__version__,
                **{name: version(name) for name in ("torchvision", "numpy", "scipy", "matplotlib")},
                "ganlib": __version__}
    for name, version in versions.items():
        print(f"{name:<12} {version}")
    device = device or pick_device()
    print(tr(en=f"device       {device}", vi=f"thiết bị     {device}"))
    quick = is_quick()
    print(tr(en=f"quick mode   {'on' if quick else 'off'} ({QUICK_ENV}={int(quick)})",
             vi=f"chế độ nhanh {'bật' if quick else 'tắt'} ({QUICK_ENV}={int(quick)})"))
    if data_source is not None:
        print(tr(en=f"data         {data_source}", vi=f"dữ liệu      {data_source}"))
