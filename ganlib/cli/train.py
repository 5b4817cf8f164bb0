"""``python -m ganlib train``: one option per field of :class:`ganlib.gan.config.TrainConfig` (lessons 05–09).

The options, their help and their checks come from the config's fields, so the command line can
never offer less, or other, than a run can be configured with: a bad value is refused by the
config itself, in one line.
"""

import argparse
import sys
from dataclasses import fields
from functools import partial
from pathlib import Path

from ..gan.config import IMAGE_MODELS, LOSSES, MNIST_SIZE, TrainConfig, describe_models, model_defaults
from ..i18n import tr
from .common import add_device_and_data, check_folder, data_folder, fail

FOLDER_SIZE = 32  # the --image-size of a folder of pictures when none is given

# The fields with a fixed set of values: the values offered, and the help that names them (from one place).
CHOICES = {"model": (list(IMAGE_MODELS), f"the networks (ganlib.gan.models.MODELS): {describe_models(IMAGE_MODELS)}"),
           "loss": (list(LOSSES), None)}


def option_name(field_name: str) -> str:
    """The command-line flag of a TrainConfig field: ``lr_g`` → ``--lr-g``."""
    return "--" + field_name.replace("_", "-")


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """One option per TrainConfig field, with the field's help; options left out take the model's
    defaults (:func:`ganlib.gan.config.model_defaults`)."""
    defaults = TrainConfig()
    for field in fields(TrainConfig):
        default = getattr(defaults, field.name)
        choices, help_text = CHOICES.get(field.name, (None, None))
        options = {"dest": field.name, "default": argparse.SUPPRESS,
                   "help": f"{help_text or field.metadata['help']} (default: {default})"}
        if choices:
            options["choices"] = choices
        elif isinstance(default, bool):  # --compile / --no-compile
            options["action"] = argparse.BooleanOptionalAction
        elif isinstance(default, tuple):
            options.update(type=type(default[0]), nargs=len(default), metavar=tuple(f"B{i + 1}" for i in
                                                                                   range(len(default))))
        else:
            options["type"] = type(default)
        parser.add_argument(option_name(field.name), **options)


def config_from(args: argparse.Namespace) -> TrainConfig:
    """The TrainConfig of the parsed ``args``: the chosen model's defaults (for a folder of pictures,
    its colour tier), then the options given (for a folder without --image-size: :data:`FOLDER_SIZE`). ValueError for an
    --image-size that does not fit the data: MNIST is 28 px, a folder is trained at 32 or 64."""
    given = {field.name: getattr(args, field.name) for field in fields(TrainConfig) if hasattr(args, field.name)}
    folder = data_folder(getattr(args, "data", None))  # a parser of the config's options alone has no --data
    if folder is not None:
        given.setdefault("image_size", FOLDER_SIZE)
    config = TrainConfig(**{**model_defaults(given.get("model", TrainConfig.model), folder=folder is not None),
                            **given})
    if folder is None and config.image_size != MNIST_SIZE:
        raise ValueError(tr(
            en=f"MNIST digits are {MNIST_SIZE}×{MNIST_SIZE}: --image-size {config.image_size} is for a folder of "
               "pictures (--data FOLDER); leave --image-size out",
            vi=f"chữ số MNIST có kích thước {MNIST_SIZE}×{MNIST_SIZE}: --image-size {config.image_size} chỉ dành "
               "cho một thư mục ảnh (--data FOLDER); hãy bỏ tùy chọn --image-size"))
    if folder is not None and config.image_size == MNIST_SIZE:
        raise ValueError(tr(
            en=f"a folder of pictures is trained in colour at --image-size 32 or 64, not {MNIST_SIZE} "
               "(MNIST's size)",
            vi=f"huấn luyện trên một thư mục ảnh dùng ảnh màu với --image-size 32 hoặc 64, không dùng "
               f"{MNIST_SIZE} (kích thước của MNIST)"))
    return config


def add_train_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``train``: every TrainConfig field as an option, plus device, data, output and resume."""
    parser = subparsers.add_parser(
        "train", help="train a GAN on MNIST or a folder of pictures, writing samples, grids, history and "
                      "checkpoints",
        description="Train a GAN on MNIST, or (--model dcgan, dcgan-bn or dcgan-style) on a folder of pictures in "
                    "colour. Writes into --out: "
                    "samples.pt (float32 N×1×28×28 in [-1, 1], N×3×S×S for a folder at --image-size S, from the "
                    "final generator), grid_epoch_XXX.png (10×10 samples from fixed noise), "
                    "history.json (per-epoch losses, mean D(x) and D(G(z)), metrics) and checkpoint.pt "
                    "(after every epoch; continue with --resume, the same options and more --epochs). "
                    "Options left out take the chosen model's defaults (for a folder, the tier tuned on colour "
                    "pictures: ganlib.gan.config.model_defaults(MODEL, folder=True)).")
    add_config_options(parser)
    parser.add_argument("--n-samples", type=int, default=1000,
                        help="number of images written to samples.pt at the end (0: none) (default: 1000)")
    add_device_and_data(parser, folders=True)
    parser.add_argument("--out", type=Path, default=Path("runs/mnist_gan"), help="output folder (default: runs/mnist_gan)")
    parser.add_argument("--resume", action="store_true",
                        help="continue from OUT/checkpoint.pt (same options; --epochs may grow)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(run=run_train_command)


def run_train_command(args: argparse.Namespace) -> int:
    """Train as ``args`` say; one line on stderr and a non-zero exit on bad input, on a file that
    cannot be written (a full disk: the file being written is left as it was) or on divergence."""
    try:
        config = config_from(args)
        if args.n_samples < 0:
            raise ValueError(tr(en=f"--n-samples must be 0 or more, got {args.n_samples}",
                                vi=f"--n-samples phải từ 0 trở lên, nhận được {args.n_samples}"))
        check_folder(args.out, option="--out")
    except (ValueError, TypeError) as error:
        return fail("train", error)
    from ..data import load_folder, load_mnist
    from ..gan.distributed import launched_rank
    from ..gan.checkpoints import CHECKPOINT
    from ..gan.models import is_conditional
    from ..gan.train import TrainingDiverged, train_gan
    from ..metrics import score_samples
    from ..metrics.conditional import score_conditional
    from ..runtime import pick_device
    try:
        main = launched_rank() == 0  # under torchrun only rank 0 speaks
        device = pick_device(args.device, verbose=main)
        folder = data_folder(args.data)
        if folder is None:
            digits = load_mnist(args.data, verbose=main)
            conditional = is_conditional(config.model)
            data, labels = digits.images, digits.labels if conditional else None
            score = score_conditional if conditional else score_samples
        else:
            pictures = load_folder(folder, image_size=config.image_size, seed=config.seed,
                                   min_images=config.batch_size, verbose=main)
            data, labels, score = pictures.images, None, partial(distance_score, pictures=pictures.images)
        run = train_gan(data, config, device=device, out_dir=args.out, resume=args.resume,
                        n_samples=args.n_samples, score=score, progress=not args.no_progress, labels=labels)
    except TrainingDiverged as error:
        return fail("train", error, code=1)
    except (ValueError, TypeError, RuntimeError, OSError) as error:
        return fail("train", error)
    except KeyboardInterrupt:
        print(tr(en=f"\ninterrupted; continue with the same command and --resume ({args.out / CHECKPOINT})",
                 vi=f"\nđã dừng; chạy lại đúng lệnh này kèm --resume để tiếp tục ({args.out / CHECKPOINT})"),
              file=sys.stderr)
        return 130
    if main:
        print(summary(run.history, args.out, args.n_samples))
    return 0


def distance_score(samples, *, pictures) -> dict:
    """The training loop's score of samples (N×3×S×S in [−1, 1]) from a folder: their weights-free
    distance (:func:`ganlib.metrics.sliced_wasserstein.sliced_wasserstein_distance`, lower is better)
    from the training ``pictures`` (uint8 M×3×S×S). Lesson 09."""
    from ..data import to_gan_range
    from ..metrics.sliced_wasserstein import sliced_wasserstein_distance
    return {"distance": sliced_wasserstein_distance(samples, to_gan_range(pictures))["distance"]}


def summary(history: dict, out: Path, n_samples: int) -> str:
    from ..gan.checkpoints import CHECKPOINT
    from ..gan.train import HISTORY, SAMPLES
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
    if metrics.get("distance"):
        lines.append(tr(en=f"sliced Wasserstein distance from the training pictures at epoch {metrics['epoch'][-1]}: "
                           f"{metrics['distance'][-1]:.1f} (×1e3, lower is better)",
                        vi=f"khoảng cách Wasserstein cắt lát (sliced Wasserstein) tới ảnh huấn luyện ở epoch "
                           f"{metrics['epoch'][-1]}: {metrics['distance'][-1]:.1f} (×1e3, càng thấp càng tốt)"))
    if metrics.get("conditional_accuracy"):
        per_digit = metrics["accuracy_per_digit"][-1]
        lines.append(tr(en=f"conditional accuracy {metrics['conditional_accuracy'][-1]:.1%} (lowest digit: "
                           f"{min(per_digit):.0%})",
                        vi=f"độ chính xác có điều kiện {metrics['conditional_accuracy'][-1]:.1%} (chữ số thấp "
                           f"nhất: {min(per_digit):.0%})"))
    written = [CHECKPOINT, HISTORY, "grid_epoch_XXX.png"] + ([SAMPLES] if n_samples else [])
    lines.append(tr(en=f"wrote {', '.join(written)} to {out}", vi=f"đã ghi {', '.join(written)} vào {out}"))
    return "\n".join(lines)
