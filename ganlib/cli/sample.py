"""``python -m ganlib sample``: N samples from a generator the course ships, or from one you trained.

    python -m ganlib sample --model cgan --digit 7 --n 16 --seed 0 --out sevens.pt
    python -m ganlib sample --model mlp --n 1000 --seed 0 --out mlp.pt
    python -m ganlib sample --checkpoint runs/cgan/checkpoint.pt --digit 3 --n 100 --out threes.pt

The file holds what ``samples.pt`` of a training run holds: a float32 tensor N×1×28×28 in [−1, 1]
(N×3×S×S for a generator trained on a folder of pictures at ``--image-size`` S, lesson 09), read by
``python -m ganlib score``. The tensor is held in memory whole, here and wherever it is loaded, so
it may take at most :data:`MAX_BYTES` (188 MB, MNIST's 60000 training images in float32): N is at most
60000 digits of 1×28×28, 15312 pictures of 3×32×32, 3828 of 3×64×64. Lessons 05, 08 and 09.
"""

import argparse
import math
from pathlib import Path

from ..assets.registry import GENERATORS
from ..data.sources import MNIST_TRAIN_SIZE
from ..i18n import tr
from .common import check_folder, check_out_file, fail

NUM_DIGITS = 10
FLOAT_BYTES = 4  # samples are float32
MAX_BYTES = MNIST_TRAIN_SIZE * 28 * 28 * FLOAT_BYTES  # one tensor of samples: MNIST's training set, 188 MB
MAX_SAMPLES = MNIST_TRAIN_SIZE  # of the smallest samples, 1×28×28 digits; bigger pictures fit fewer


def max_samples(shape: tuple[int, ...]) -> int:
    """How many float32 samples of ``shape`` (one sample's, e.g. 3×64×64) fit in :data:`MAX_BYTES`."""
    return MAX_BYTES // (math.prod(shape) * FLOAT_BYTES)


def check_memory(n: int, shape: tuple[int, ...]) -> None:
    """Raise ValueError, saying how many fit, when ``n`` samples of ``shape`` take more than :data:`MAX_BYTES`."""
    if n > max_samples(shape):
        size, bound = "×".join(map(str, shape)), MAX_BYTES / 1e6
        raise ValueError(tr(
            en=f"--n {n} samples of {size} do not fit in one tensor of at most {bound:.0f} MB; at most "
               f"{max_samples(shape)} do: for more, run sample again with another --seed",
            vi=f"--n {n}: {n} mẫu cỡ {size} không vừa trong một tensor tối đa {bound:.0f} MB; chỉ vừa được "
               f"{max_samples(shape)} mẫu: muốn nhiều hơn, hãy chạy sample thêm lần nữa với --seed khác"))


def add_sample_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sample``: --model or --checkpoint, --digit for a conditional model, --n, --seed, --out."""
    parser = subparsers.add_parser(
        "sample", help="draw samples from a shipped or trained generator into a .pt file",
        description="Write N samples (float32 N×1×28×28 in [-1, 1], or N×3×S×S from a generator trained on a "
                    "folder at --image-size S: the format of samples.pt) drawn from "
                    "the generator the course ships for --model, or from --checkpoint (a checkpoint.pt of "
                    "'python -m ganlib train', or a file written by export_generator). The noise is "
                    "standard normal, drawn on the CPU from --seed, so a seed gives the same samples everywhere. "
                    "The file is written whole or not at all.")
    parser.add_argument("--model", choices=sorted(GENERATORS), default=None,
                        help="the model whose shipped generator to sample (default: mlp; with --checkpoint: the "
                             "file's model)")
    parser.add_argument("--checkpoint", type=Path, default=None, help="sample this trained generator instead")
    parser.add_argument("--digit", type=int, default=None,
                        help="the digit 0-9 a conditional model (cgan) draws; required for it, refused for others")
    parser.add_argument("--n", type=int, default=100,
                        help=f"number of samples, from 1 to {MAX_SAMPLES} of 28-px digits, fewer of bigger pictures "
                             f"({max_samples((3, 64, 64))} of 3×64×64): at most {MAX_BYTES / 1e6:.0f} MB in one "
                             "tensor (default: 100)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the noise (at least 0; default: 0)")
    parser.add_argument("--out", type=Path, required=True, help="the .pt file to write")
    parser.set_defaults(run=run_sample_command)


def check_request(args: argparse.Namespace) -> None:
    """Raise ValueError, saying what to do, for a digit outside 0–9, N outside 1..60000 (the most of any
    generator's samples; :func:`check_memory` bounds bigger ones once the generator is known), a seed
    outside 0..2⁶⁴−1 or an --out that is a folder or a device."""
    if args.digit is not None and not 0 <= args.digit < NUM_DIGITS:
        raise ValueError(tr(en=f"--digit must be one of the digits 0 to 9, got {args.digit}",
                            vi=f"--digit phải là một chữ số từ 0 đến 9, nhận được {args.digit}"))
    if not 1 <= args.n <= MAX_SAMPLES:
        raise ValueError(tr(
            en=f"--n must be from 1 to {MAX_SAMPLES} (as many as MNIST's training set: "
               f"{MAX_BYTES / 1e6:.0f} MB in one tensor; fewer for bigger pictures), got {args.n}; for more, run "
               "sample again with another --seed",
            vi=f"--n phải từ 1 đến {MAX_SAMPLES} (bằng số ảnh của tập huấn luyện MNIST: "
               f"{MAX_BYTES / 1e6:.0f} MB trong một tensor; ảnh lớn hơn thì được ít hơn), nhận được {args.n}; "
               "muốn nhiều hơn, hãy chạy sample thêm lần nữa với --seed khác"))
    if not 0 <= args.seed < 2**64:
        raise ValueError(tr(en=f"--seed must be from 0 to 2^64 - 1, got {args.seed}",
                            vi=f"--seed phải từ 0 đến 2^64 - 1, nhận được {args.seed}"))
    check_out_file(args.out, example="samples.pt")


def sample_labels(model: str, digit: int | None, n: int):
    """The labels for ``n`` samples of ``model`` (an int64 tensor): ``digit`` n times for a
    conditional model, None for another; ValueError when --digit is missing for the one or given to the other."""
    import torch

    from ..gan.models import is_conditional
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
    """Write the samples, whole or not at all, and say what was written; one line on stderr and exit
    code 2 on bad input or a file that cannot be written, 1 when a shipped file is missing or damaged."""
    try:
        check_request(args)
        check_folder(args.out.parent, option="--out")
    except ValueError as error:
        return fail("sample", error)
    from ..assets import AssetError
    from ..gan.checkpoints import load_generator, save_atomic
    from ..gan.sampling import fixed_noise, generate
    try:
        generator, history = load_generator(args.checkpoint, model=args.model or "mlp")
        model = history["config"]["model"]
        if args.checkpoint is not None and args.model not in (None, model):
            raise ValueError(tr(en=f"{args.checkpoint.name} holds a {model!r} generator, not {args.model!r}; "
                                   "leave out --model",
                                vi=f"{args.checkpoint.name} chứa bộ sinh {model!r}, không phải {args.model!r}; "
                                   "hãy bỏ --model"))
        check_memory(args.n, generator.sample_shape)
        labels = sample_labels(model, args.digit, args.n)
        samples = generate(generator, fixed_noise(args.n, generator.latent_dim, seed=args.seed), labels=labels)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        save_atomic(samples, args.out)
    except AssetError as error:
        return fail("sample", error, code=1)
    except (ValueError, OSError) as error:
        return fail("sample", error)
    what = tr(en=f" of digit {args.digit}", vi=f" chữ số {args.digit}") if labels is not None else ""
    print(tr(en=f"wrote {args.n} samples{what} ({model}, seed {args.seed}) to {args.out}",
             vi=f"đã ghi {args.n} mẫu{what} ({model}, seed {args.seed}) vào {args.out}"))
    return 0
