"""``python -m ganlib bench``: ganlib's training loop against a plain DataLoader loop, side by side (lessons 05, 07)."""

import argparse

from ..data.sources import MNIST_TRAIN_SIZE
from ..gan.config import IMAGE_MODELS
from ..i18n import tr
from .common import add_device_and_data, fail

BATCH_SIZES, MODELS, REPEATS = [64, 512], ["mlp", "dcgan"], 3  # the defaults


def add_bench_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``bench``: ganlib's loop against the blog's DataLoader loop, seconds per epoch."""
    parser = subparsers.add_parser(
        "bench", help="time ganlib's training loop against a plain DataLoader loop",
        description="Train the same GAN (the MLP, the DCGAN) with ganlib's loop (eager, and with --compiled "
                    "also its compiled step) and with the blog recipe's DataLoader loop, one epoch each in turn, "
                    "and print the device, the fastest epoch of each in seconds and their ratio. "
                    f"The bundled digits are tiled to {MNIST_TRAIN_SIZE}, so an epoch is a full-MNIST epoch.")
    add_device_and_data(parser)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=BATCH_SIZES,
                        help=f"batch sizes to time, each from 1 to {MNIST_TRAIN_SIZE} "
                             f"(default: {' '.join(map(str, BATCH_SIZES))})")
    parser.add_argument("--models", nargs="+", choices=list(IMAGE_MODELS), default=MODELS,
                        help=f"the networks to time (default: {' '.join(MODELS)})")
    parser.add_argument("--compiled", action="store_true",
                        help="also time ganlib's loop with its compiled step (TrainConfig.compile)")
    parser.add_argument("--repeats", type=int, default=REPEATS,
                        help=f"epochs timed per loop and batch size, at least 1 (default: {REPEATS})")
    parser.set_defaults(run=run_bench_command)


def check_bench_options(args: argparse.Namespace) -> None:
    """Raise ValueError, saying what to do, for a batch size outside 1..60000 or fewer than one repeat."""
    wrong = [size for size in args.batch_sizes if not 1 <= size <= MNIST_TRAIN_SIZE]
    if wrong:
        raise ValueError(tr(en=f"--batch-sizes must each be from 1 to {MNIST_TRAIN_SIZE} (the images of an epoch), "
                               f"got {wrong[0]}",
                            vi=f"mỗi giá trị của --batch-sizes phải từ 1 đến {MNIST_TRAIN_SIZE} (số ảnh của một "
                               f"epoch), nhận được {wrong[0]}"))
    if args.repeats < 1:
        raise ValueError(tr(en=f"--repeats must be at least 1, got {args.repeats}",
                            vi=f"--repeats phải từ 1 trở lên, nhận được {args.repeats}"))


def run_bench_command(args: argparse.Namespace) -> int:
    """Print the benchmark table; one line on stderr and exit code 2 on bad input."""
    try:
        check_bench_options(args)
    except ValueError as error:
        return fail("bench", error)
    from ..data import load_mnist
    from ..gan.benchmark import format_table, run_benchmark
    from ..runtime import device_name, pick_device
    try:
        device = pick_device(args.device, verbose=True)
        digits = load_mnist(args.data)
    except (ValueError, RuntimeError) as error:
        return fail("bench", error)
    tiled = len(digits.labels) < MNIST_TRAIN_SIZE
    print(tr(en=f"{MNIST_TRAIN_SIZE} images per epoch{f' (the {len(digits.labels)} digits tiled)' if tiled else ''}, "
                f"fastest of {args.repeats} epochs per loop, on {device_name(device)}",
             vi=f"{MNIST_TRAIN_SIZE} ảnh mỗi epoch{f' ({len(digits.labels)} chữ số lặp lại)' if tiled else ''}, "
                f"nhanh nhất trong {args.repeats} epoch của mỗi vòng lặp, trên {device_name(device)}"), flush=True)
    rows = run_benchmark(digits.images, digits.labels, device=device, models=tuple(args.models),
                         batch_sizes=tuple(args.batch_sizes), repeats=args.repeats, compiled=args.compiled)
    print(format_table(rows))
    return 0
