"""Checkpoints that make training resumable exactly, and small generator files to sample from.

A checkpoint (``checkpoint.pt``, written after every epoch) holds everything a run needs to go on
as if never stopped: weights, optimiser states, RNG states, the epoch and the history. A generator
file (:func:`export_generator`) holds only the averaged generator in float16, its config and history;
the course ships one per model in ``assets/``. Used by lessons 05–08 and the CLI.
"""

import io
from dataclasses import asdict, fields
from pathlib import Path

import torch
from torch import nn

from ..assets import read_asset
from ..assets.registry import GENERATORS
from ..files import atomic_file
from ..i18n import tr
from .config import TrainConfig
from .models import build_gan, image_options

CHECKPOINT = "checkpoint.pt"


class _NotAGenerator(ValueError):
    """A file that holds something else, such as samples; the message is what it holds."""


def save_atomic(obj: object, path: str | Path) -> None:
    """``torch.save(obj, path)`` through :func:`atomic_file`: never a half-written file. The object
    is serialised in memory first, so that a failed write reads as the OSError it is (torch's own
    writer reports it as an unreadable RuntimeError)."""
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    with atomic_file(path) as file:
        file.write(buffer.getbuffer())


def load_checkpoint(path: str | Path) -> dict:
    """A checkpoint written by :func:`train_gan` (``weights_only=True``); ValueError if unreadable."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(tr(en=f"no checkpoint at {path}; train without --resume first",
                            vi=f"không có checkpoint tại {path}; hãy huấn luyện không kèm --resume trước"))
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # a truncated file, another format, a foreign pickle: all unreadable
        raise ValueError(tr(
            en=f"cannot read checkpoint {path} ({type(error).__name__}); delete it or train without --resume",
            vi=f"không đọc được checkpoint {path} ({type(error).__name__}); hãy xóa nó hoặc huấn luyện "
               "không kèm --resume")) from None
    if not isinstance(checkpoint, dict) or "config" not in checkpoint or "generator" not in checkpoint:
        raise ValueError(tr(en=f"{path} is not a ganlib checkpoint; delete it or train without --resume",
                            vi=f"{path} không phải checkpoint của ganlib; hãy xóa nó hoặc huấn luyện "
                               "không kèm --resume"))
    return checkpoint


def check_resumable(saved: TrainConfig, config: TrainConfig, device: torch.device, saved_device: str) -> None:
    changed = [f"{f.name}={getattr(saved, f.name)!r}" for f in fields(TrainConfig)
               if f.name != "epochs" and getattr(saved, f.name) != getattr(config, f.name)]
    if changed:
        raise ValueError(tr(en=f"the checkpoint was made with {', '.join(changed)}; resume with the same options "
                               "(only the number of epochs may change)",
                            vi=f"checkpoint được tạo với {', '.join(changed)}; hãy tiếp tục với đúng các tùy chọn "
                               "đó (chỉ được đổi số epoch)"))
    if saved_device != device.type:
        raise ValueError(tr(en=f"the checkpoint was made on {saved_device}; resume with --device {saved_device}",
                            vi=f"checkpoint được tạo trên {saved_device}; hãy tiếp tục với --device {saved_device}"))


def make_checkpoint(config, epoch, device, generator, discriminator, sampler, opt_g, opt_d, rng, history) -> dict:
    rng_states = {"train": rng.get_state(), "cpu": torch.get_rng_state()}
    if device.type == "cuda":
        rng_states["device"] = torch.cuda.get_rng_state(device)
    return {"config": asdict(config), "epoch": epoch, "device": device.type,
            "generator": generator.state_dict(), "discriminator": discriminator.state_dict(),
            "sampler": sampler.state_dict(), "opt_g": opt_g.state_dict(), "opt_d": opt_d.state_dict(),
            "rng": rng_states, "history": history}


def export_generator(checkpoint_path: str | Path, path: str | Path) -> Path:
    """Write the sampler of a training checkpoint as a small file for :func:`load_generator`:
    its weights in float16 (half the size; samples differ by far less than a grey level), the
    config, the epoch and the history. Made the generators in ``assets/`` (see ganlib.assets.registry)."""
    checkpoint = load_checkpoint(checkpoint_path)
    weights = {name: t.half() if t.is_floating_point() else t for name, t in checkpoint["sampler"].items()}
    path = Path(path)
    save_atomic({"config": checkpoint["config"], "epoch": checkpoint["epoch"], "generator": weights,
                 "history": checkpoint["history"]}, path)
    return path


def _read_generator(blob: bytes) -> tuple[nn.Module, dict]:
    saved = torch.load(io.BytesIO(blob), map_location="cpu", weights_only=True)
    if not isinstance(saved, dict) or "config" not in saved or not {"sampler", "generator"} & saved.keys():
        raise _NotAGenerator(type(saved).__name__)
    config = TrainConfig.from_dict(saved["config"])
    generator, _ = build_gan(config.model, generator=image_options(config))
    # A training checkpoint holds the averaged generator as "sampler"; an exported file as "generator".
    weights = saved["sampler"] if "sampler" in saved else saved["generator"]
    generator.load_state_dict({name: t.float() if t.is_floating_point() else t for name, t in weights.items()})
    return generator, saved["history"]


def load_generator(path: str | Path | None = None, *, model: str = "mlp",
                   device: torch.device | str = "cpu") -> tuple[nn.Module, dict]:
    """A generator written by :func:`export_generator` (or the averaged generator of a training
    checkpoint), in eval mode and float32, and the history of the run that made it. Without ``path``: the one the course ships for ``model`` (see
    :data:`ganlib.assets.registry.GENERATORS`; "dcgan-colour" is lesson 09's, trained on the colour digits),
    read through :func:`ganlib.assets.read_asset`, which checks its SHA-256.
    Loaded with ``weights_only=True``. Used by lessons 05–09 and ``python -m ganlib sample``.
    """
    if path is None:
        if model not in GENERATORS:
            raise ValueError(tr(en=f"the course ships no pretrained generator for {model!r}; choose one of "
                                   f"{', '.join(sorted(GENERATORS))} or give the path of one you exported",
                                vi=f"khóa học không kèm bộ sinh huấn luyện sẵn cho {model!r}; hãy chọn một trong "
                                   f"{', '.join(sorted(GENERATORS))} hoặc cho đường dẫn tới bộ sinh mà bạn đã xuất"))
        generator, history = _read_generator(read_asset(GENERATORS[model].file))
        return generator.to(device).eval(), history
    path = Path(path)
    if not path.is_file():
        raise ValueError(tr(en=f"no such file: {path}", vi=f"không có tệp: {path}"))
    try:
        generator, history = _read_generator(path.read_bytes())
    except _NotAGenerator as error:
        raise ValueError(tr(en=f"{path.name} holds a {error}, not a generator; give a checkpoint.pt of "
                               "python -m ganlib train or a file written by export_generator",
                            vi=f"{path.name} chứa {error}, không phải bộ sinh; hãy dùng checkpoint.pt do "
                               "python -m ganlib train tạo ra hoặc tệp ghi bằng export_generator")) from None
    except Exception as error:  # truncated, foreign, or weights of other networks: the fix is the same
        raise ValueError(tr(en=f"cannot load a generator from {path.name} ({type(error).__name__}); "
                               "write one with export_generator",
                            vi=f"không nạp được bộ sinh từ {path.name} ({type(error).__name__}); "
                               "hãy ghi bằng export_generator")) from None
    return generator.to(device).eval(), history
