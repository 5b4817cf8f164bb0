"""python -m ganlib: train the MNIST GAN, benchmark its training loop, score generated digits.

    python -m ganlib train --model mlp --data bundled --device cpu --epochs 100 --out runs/mlp
    python -m ganlib train --data bundled --device cpu --epochs 150 --out runs/mlp --resume
    python -m ganlib bench --device auto
    python -m ganlib score runs/mlp/samples.pt --range -1,1

Each subcommand is added by one ``add_*_command`` function and runs one ``run_*`` function.
Used by lesson 05.
"""

import argparse
import sys
from pathlib import Path

from .bench import MNIST_TRAIN_SIZE, format_table, run_benchmark
from .data import SOURCES, load_mnist
from .i18n import tr
from .metrics import add_score_command
from .models import MODELS
from .runtime import pick_device
from .train import CHECKPOINT, HISTORY, LOSSES, SAMPLES, TrainConfig, TrainingDiverged, train_gan

DEVICES = ("auto", "cpu", "cuda", "mps")


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr (and exit code 2), not a usage dump."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog.removeprefix('python -m ')}: error: {message} (see {self.prog} --help)\n")


def _number(kind: type, *, minimum: float, inclusive: bool = True):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if value < minimum or (not inclusive and value == minimum):
            bound = f"at least {minimum}" if inclusive else f"greater than {minimum}"
            raise argparse.ArgumentTypeError(f"must be {bound}, got {text}")
        return value
    return parse


positive_int = _number(int, minimum=1)
non_negative_int = _number(int, minimum=0)
positive_float = _number(float, minimum=0.0, inclusive=False)


def _fail(command: str, error: BaseException) -> int:
    print(f"ganlib {command}: {tr(en='error', vi='lỗi')}: {error}", file=sys.stderr)
    return 2


def add_train_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``train``: every TrainConfig field as an option, plus device, data, output and resume."""
    defaults = TrainConfig()
    parser = subparsers.add_parser(
        "train", help="train a GAN on MNIST, writing samples, grids, history and checkpoints",
        description="Train a GAN on MNIST. Writes into --out: samples.pt (float32 N×1×28×28 in [-1, 1], "
                    "from the final generator), grid_epoch_XXX.png (10×10 samples from fixed noise), "
                    "history.json (per-epoch losses, mean D(x) and D(G(z)), metrics) and checkpoint.pt "
                    "(after every epoch; continue with --resume).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--model", choices=sorted(MODELS), default=defaults.model, help="the network pair")
    parser.add_argument("--epochs", type=positive_int, default=defaults.epochs,
                        help="total epochs (with --resume: the epoch to stop at)")
    parser.add_argument("--batch-size", type=positive_int, default=defaults.batch_size,
                        help="real images per discriminator step")
    parser.add_argument("--k", type=positive_int, default=defaults.k,
                        help="discriminator steps per generator step")
    parser.add_argument("--loss", choices=LOSSES, default=defaults.loss,
                        help="generator loss: ns = -log D(G(z)) (non-saturating), minimax = log(1 - D(G(z)))")
    parser.add_argument("--lr-g", type=positive_float, default=defaults.lr_g, help="Adam learning rate of G")
    parser.add_argument("--lr-d", type=positive_float, default=defaults.lr_d, help="Adam learning rate of D")
    parser.add_argument("--beta1", type=_number(float, minimum=0.0), default=defaults.betas[0],
                        help="Adam's beta1 for both networks (beta2 is 0.999)")
    parser.add_argument("--ema-decay", type=_number(float, minimum=0.0), default=defaults.ema_decay,
                        help="decay of the moving average of G's weights used for sampling (0: sample G itself)")
    parser.add_argument("--dropout", type=_number(float, minimum=0.0), default=defaults.dropout,
                        help="dropout probability after each hidden layer of D")
    parser.add_argument("--seed", type=non_negative_int, default=defaults.seed,
                        help="seed of the noise, shuffling, dropout and fixed sample noise")
    parser.add_argument("--eval-every", type=non_negative_int, default=defaults.eval_every,
                        help="score samples from fixed noise every this many epochs and at the end (0: never)")
    parser.add_argument("--n-eval", type=positive_int, default=defaults.n_eval,
                        help="number of samples scored (10 <= N <= 1000 for the metrics' floor)")
    parser.add_argument("--grid-every", type=non_negative_int, default=defaults.grid_every,
                        help="write a sample grid every this many epochs (always the first and the last)")
    parser.add_argument("--n-samples", type=non_negative_int, default=1000,
                        help="number of images written to samples.pt at the end (0: none)")
    parser.add_argument("--device", choices=DEVICES, default=None,
                        help="where to train (default: $GANLIB_DEVICE, else auto: cuda, then mps, then cpu)")
    parser.add_argument("--data", choices=SOURCES, default=None,
                        help="mnist: full MNIST (download), bundled: the 5000 shipped digits, auto: mnist if "
                             "it can be had, else bundled (default: $GANLIB_DATA, else auto)")
    parser.add_argument("--out", type=Path, default=Path("runs/mnist_gan"), help="output folder")
    parser.add_argument("--resume", action="store_true",
                        help="continue from OUT/checkpoint.pt (same options; --epochs may grow)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(run=run_train_command)


def run_train_command(args: argparse.Namespace) -> int:
    """Train as ``args`` say; one line on stderr and a non-zero exit on bad input or divergence."""
    try:
        config = TrainConfig(model=args.model, epochs=args.epochs, batch_size=args.batch_size, k=args.k,
                             loss=args.loss, lr_g=args.lr_g, lr_d=args.lr_d, betas=(args.beta1, 0.999),
                             ema_decay=args.ema_decay, dropout=args.dropout, seed=args.seed,
                             eval_every=args.eval_every, n_eval=args.n_eval, grid_every=args.grid_every)
        device = pick_device(args.device, verbose=True)
        digits = load_mnist(args.data)
        run = train_gan(digits.images, config, device=device, out_dir=args.out, resume=args.resume,
                        n_samples=args.n_samples, progress=not args.no_progress)
    except TrainingDiverged as error:
        _fail("train", error)
        return 1
    except (ValueError, TypeError, RuntimeError) as error:
        return _fail("train", error)
    except KeyboardInterrupt:
        print(tr(en=f"\ninterrupted; continue with the same command and --resume ({args.out / CHECKPOINT})",
                 vi=f"\nđã dừng; chạy lại đúng lệnh này kèm --resume để tiếp tục ({args.out / CHECKPOINT})"),
              file=sys.stderr)
        return 130
    print(_summary(run.history, args.out, args.n_samples))
    return 0


def _summary(history: dict, out: Path, n_samples: int) -> str:
    last = {name: history[name][-1] for name in ("epoch", "loss_D", "loss_G", "D_real", "D_fake")}
    lines = [tr(en=f"epoch {last['epoch']}: loss_D {last['loss_D']:.3f}, loss_G {last['loss_G']:.3f}, "
                   f"D(x) {last['D_real']:.3f}, D(G(z)) {last['D_fake']:.3f}; "
                   f"{sum(history['seconds']):.1f} s of training in all",
                vi=f"epoch {last['epoch']}: loss_D {last['loss_D']:.3f}, loss_G {last['loss_G']:.3f}, "
                   f"D(x) {last['D_real']:.3f}, D(G(z)) {last['D_fake']:.3f}; "
                   f"tổng thời gian huấn luyện {sum(history['seconds']):.1f} s")]
    metrics = history["metrics"]
    if metrics.get("fd"):
        lines.append(tr(en=f"scores at epoch {metrics['epoch'][-1]} ({metrics['n'][-1]} samples): "
                           f"FD {metrics['fd'][-1]:.2f}, classes covered {metrics['classes_covered'][-1]}/10, "
                           f"precision {metrics['precision'][-1]:.3f}, recall {metrics['recall'][-1]:.3f}",
                        vi=f"điểm ở epoch {metrics['epoch'][-1]} ({metrics['n'][-1]} mẫu): "
                           f"FD {metrics['fd'][-1]:.2f}, số lớp có mặt {metrics['classes_covered'][-1]}/10, "
                           f"precision {metrics['precision'][-1]:.3f}, recall {metrics['recall'][-1]:.3f}"))
    written = [CHECKPOINT, HISTORY, "grid_epoch_XXX.png"] + ([SAMPLES] if n_samples else [])
    lines.append(tr(en=f"wrote {', '.join(written)} to {out}", vi=f"đã ghi {', '.join(written)} vào {out}"))
    return "\n".join(lines)


def add_bench_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``bench``: ganlib's loop against the blog's DataLoader loop, seconds per epoch."""
    parser = subparsers.add_parser(
        "bench", help="time ganlib's training loop against a plain DataLoader loop",
        description="Train the same MLP GAN with ganlib's loop and with the blog recipe's DataLoader loop, "
                    "one epoch each in turn, and print the fastest epoch of each in seconds and their ratio. "
                    f"The bundled digits are tiled to {MNIST_TRAIN_SIZE}, so an epoch is a full-MNIST epoch.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--device", choices=DEVICES, default=None,
                        help="where to train (default: $GANLIB_DEVICE, else auto)")
    parser.add_argument("--data", choices=SOURCES, default=None,
                        help="which digits (default: $GANLIB_DATA, else auto)")
    parser.add_argument("--batch-sizes", type=positive_int, nargs="+", default=[64, 512],
                        help="batch sizes to time")
    parser.add_argument("--repeats", type=positive_int, default=3, help="epochs timed per loop and batch size")
    parser.set_defaults(run=run_bench_command)


def run_bench_command(args: argparse.Namespace) -> int:
    """Print the benchmark table; one line on stderr and exit code 2 on bad input."""
    try:
        device = pick_device(args.device, verbose=True)
        digits = load_mnist(args.data)
    except (ValueError, RuntimeError) as error:
        return _fail("bench", error)
    tiled = len(digits.labels) < MNIST_TRAIN_SIZE
    print(tr(en=f"{MNIST_TRAIN_SIZE} images per epoch{f' (the {len(digits.labels)} digits tiled)' if tiled else ''}, "
                f"fastest of {args.repeats} epochs per loop",
             vi=f"{MNIST_TRAIN_SIZE} ảnh mỗi epoch{f' ({len(digits.labels)} chữ số lặp lại)' if tiled else ''}, "
                f"nhanh nhất trong {args.repeats} epoch của mỗi vòng lặp"), flush=True)
    rows = run_benchmark(digits.images, digits.labels, device=device, batch_sizes=tuple(args.batch_sizes),
                         repeats=args.repeats)
    print(format_table(rows))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: the command line) and run the chosen subcommand; return its exit code."""
    parser = OneLineParser(prog="python -m ganlib", description=__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    add_train_command(subparsers)
    add_bench_command(subparsers)
    add_score_command(subparsers)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
