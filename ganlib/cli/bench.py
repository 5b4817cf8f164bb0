"""``python -m ganlib bench``: ganlib's training loop against a plain DataLoader loop, side by side (lessons 05, 07)."""

import argparse

from ..data import load_mnist
from ..gan.benchmark import MNIST_TRAIN_SIZE, format_table, run_benchmark
from ..gan.models import image_models
from ..i18n import tr
from ..runtime import device_name, pick_device
from .common import add_device_and_data, fail


def add_bench_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``bench``: ganlib's loop against the blog's DataLoader loop, seconds per epoch."""
    parser = subparsers.add_parser(
        "bench", help="time ganlib's training loop against a plain DataLoader loop",
        description="Train the same GAN (the MLP, the DCGAN) with ganlib's loop (eager, and with --compiled "
                    "also its compiled step) and with the blog recipe's DataLoader loop, one epoch each in turn, "
                    "and print the device, the fastest epoch of each in seconds and their ratio. "
                    f"The bundled digits are tiled to {MNIST_TRAIN_SIZE}, so an epoch is a full-MNIST epoch.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    add_device_and_data(parser)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[64, 512],
                        help="batch sizes to time")
    parser.add_argument("--models", nargs="+", choices=image_models(), default=["mlp", "dcgan"],
                        help="the networks to time")
    parser.add_argument("--compiled", action="store_true",
                        help="also time ganlib's loop with its compiled step (TrainConfig.compile)")
    parser.add_argument("--repeats", type=int, default=3, help="epochs timed per loop and batch size")
    parser.set_defaults(run=run_bench_command)


def run_bench_command(args: argparse.Namespace) -> int:
    """Print the benchmark table; one line on stderr and exit code 2 on bad input."""
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
