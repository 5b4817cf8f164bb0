"""``python -m ganlib sample``: N samples from a generator the course ships, or from one you trained.

    python -m ganlib sample --model cgan --digit 7 --n 16 --seed 0 --out sevens.pt
    python -m ganlib sample --model mlp --n 1000 --seed 0 --out mlp.pt
    python -m ganlib sample --checkpoint runs/cgan/checkpoint.pt --digit 3 --n 100 --out threes.pt

The file holds what ``samples.pt`` of a training run holds: a float32 tensor N×1×28×28 in [−1, 1],
read by ``python -m ganlib score``. Lessons 05 and 08.
"""

import argparse
from pathlib import Path

import torch

from ..assets import AssetError
from ..assets.registry import GENERATORS
from ..gan.checkpoints import load_generator
from ..gan.models import is_conditional
from ..gan.sampling import fixed_noise, generate
from ..i18n import tr
from .common import fail

NUM_DIGITS = 10


def add_sample_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sample``: --model or --checkpoint, --digit for a conditional model, --n, --seed, --out."""
    parser = subparsers.add_parser(
        "sample", help="draw samples from a shipped or trained generator into a .pt file",
        description="Write N samples (float32 N×1×28×28 in [-1, 1], the format of samples.pt) drawn from "
                    "the generator the course ships for --model, or from --checkpoint (a checkpoint.pt of "
                    "'python -m ganlib train', or a file written by export_generator). The noise is "
                    "standard normal, drawn on the CPU from --seed, so a seed gives the same samples everywhere.")
    parser.add_argument("--model", choices=sorted(GENERATORS), default=None,
                        help="the shipped generator to sample (default: mlp; with --checkpoint: the file's model)")
    parser.add_argument("--checkpoint", type=Path, default=None, help="sample this trained generator instead")
    parser.add_argument("--digit", type=int, default=None,
                        help="the digit 0-9 a conditional model (cgan) draws; required for it, refused for others")
    parser.add_argument("--n", type=int, default=100, help="number of samples (at least 1)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the noise (at least 0)")
    parser.add_argument("--out", type=Path, required=True, help="the .pt file to write")
    parser.set_defaults(run=run_sample_command)


def check_request(args: argparse.Namespace) -> None:
    """Raise ValueError, saying what to do, for a digit outside 0–9, N < 1 or a negative seed."""
    if args.digit is not None and not 0 <= args.digit < NUM_DIGITS:
        raise ValueError(tr(en=f"--digit must be one of the digits 0 to 9, got {args.digit}",
                            vi=f"--digit phải là một chữ số từ 0 đến 9, nhận được {args.digit}"))
    if args.n < 1 or args.seed < 0:
        raise ValueError(tr(en=f"--n must be at least 1 and --seed at least 0, got --n {args.n} --seed {args.seed}",
                            vi=f"--n phải ít nhất là 1 và --seed không âm, nhận được --n {args.n} --seed {args.seed}"))


def sample_labels(model: str, digit: int | None, n: int) -> torch.Tensor | None:
    """The labels for ``n`` samples of ``model``: ``digit`` n times for a conditional model, None for
    another; ValueError when --digit is missing for the one or given to the other."""
    if is_conditional(model):
        if digit is None:
            raise ValueError(tr(en=f"model {model!r} draws the digit it is asked for: add --digit 0..9",
                                vi=f"mô hình {model!r} vẽ chữ số được yêu cầu: hãy thêm --digit 0..9"))
        return torch.full((n,), digit, dtype=torch.int64)
    if digit is not None:
        raise ValueError(tr(en=f"model {model!r} cannot choose the digit; leave out --digit (or use --model cgan)",
                            vi=f"mô hình {model!r} không chọn được chữ số; hãy bỏ --digit (hoặc dùng --model cgan)"))
    return None


def run_sample_command(args: argparse.Namespace) -> int:
    """Write the samples and say what was written; one line on stderr and exit code 2 on bad input,
    1 when a shipped file is missing or damaged."""
    try:
        check_request(args)
        generator, history = load_generator(args.checkpoint, model=args.model or "mlp")
        model = history["config"]["model"]
        if args.checkpoint is not None and args.model not in (None, model):
            raise ValueError(tr(en=f"{args.checkpoint.name} holds a {model!r} generator, not {args.model!r}; "
                                   "leave out --model",
                                vi=f"{args.checkpoint.name} chứa bộ sinh {model!r}, không phải {args.model!r}; "
                                   "hãy bỏ --model"))
        labels = sample_labels(model, args.digit, args.n)
        samples = generate(generator, fixed_noise(args.n, generator.latent_dim, seed=args.seed), labels=labels)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        torch.save(samples, args.out)
    except AssetError as error:
        return fail("sample", error, code=1)
    except (ValueError, OSError) as error:
        return fail("sample", error)
    what = tr(en=f" of digit {args.digit}", vi=f" chữ số {args.digit}") if labels is not None else ""
    print(tr(en=f"wrote {args.n} samples{what} ({model}, seed {args.seed}) to {args.out}",
             vi=f"đã ghi {args.n} mẫu{what} ({model}, seed {args.seed}) vào {args.out}"))
    return 0
