"""``python -m ganlib score FILE.pt``: the metrics of lessons 05–08 for a file of generated digits, as JSON;
with ``--against FOLDER``, lesson 09's weights-free distance of generated colour pictures from a folder's."""

import argparse
import json
from pathlib import Path

from ..i18n import tr
from ..metrics.ranges import GAN_RANGE, parse_range, range_warning
from .common import fail, warn


def load_samples(path: str | Path):
    """Read a tensor saved with ``torch.save`` (N×1×28×28), safely (``weights_only=True``)."""
    import torch

    path = Path(path)
    if not path.is_file():
        raise ValueError(tr(en=f"no such file: {path}", vi=f"không có tệp: {path}"))
    try:
        loaded = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # a damaged file or a pickle of arbitrary objects: both refused
        raise ValueError(tr(
            en=f"{path.name} is not a tensor saved with torch.save ({type(error).__name__})",
            vi=f"{path.name} không phải tensor lưu bằng torch.save ({type(error).__name__})")) from None
    if not isinstance(loaded, torch.Tensor):
        raise ValueError(tr(en=f"{path.name} holds a {type(loaded).__name__}, not a tensor N×1×28×28",
                            vi=f"{path.name} chứa {type(loaded).__name__}, không phải tensor N×1×28×28"))
    return loaded


def _range_argument(text: str) -> tuple[float, float]:
    try:
        return parse_range(text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LOW,HIGH such as -1,1 or 0,1, got {text!r}") from None


def add_score_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``score FILE.pt [--range=-1,1|--range=0,1]`` on ``python -m ganlib``'s subcommands."""
    parser = subparsers.add_parser(
        "score", help="score generated digits (one JSON object on stdout)",
        description="Score N×1×28×28 generated digits saved with torch.save against held-out real "
                    "MNIST digits; print one JSON object with the floor and ceiling at the same N. "
                    "A warning on stderr says when the values cannot plausibly use the declared range.")
    parser.add_argument("file", help="a tensor N×1×28×28 saved with torch.save, 10 ≤ N ≤ 1000 (with --against: "
                                     "N×3×S×S, N ≥ 10)")
    parser.add_argument("--range", dest="value_range", type=_range_argument, default=GAN_RANGE,
                        metavar="LOW,HIGH", help="the values' range, written with '=' because it may start "
                                                 "with a minus: --range=-1,1 (tanh output, the default) or "
                                                 "--range=0,1")
    parser.add_argument("--against", metavar="FOLDER", default=None,
                        help="score N×3×S×S pictures (S = 32 or 64) against a folder of real pictures with a "
                             "distance that needs no pretrained network (sliced Wasserstein, lower is better)")
    parser.set_defaults(run=run_score_command)


def against_folder(samples, folder: str, *, value_range: tuple[float, float]) -> dict:
    """Lesson 09's report (:func:`ganlib.metrics.sliced_wasserstein.folder_report`) of ``samples`` against
    the pictures of ``folder``, read at the samples' size; the skipped files are named in a warning."""
    from ..data import load_folder
    from ..data.folders import IMAGE_SIZES, skipped_line
    from ..metrics.images import MIN_SAMPLES
    from ..metrics.sliced_wasserstein import folder_report

    shape = tuple(samples.shape)
    if len(shape) != 4 or shape[1] != 3 or shape[2] != shape[3] or shape[2] not in IMAGE_SIZES:
        raise ValueError(tr(en=f"--against compares colour pictures N×3×32×32 or N×3×64×64, got {shape}",
                            vi=f"--against chỉ so sánh được mẫu là ảnh màu N×3×32×32 hoặc N×3×64×64, "
                               f"nhận được {shape}"))
    pictures = load_folder(folder, image_size=shape[2], min_images=MIN_SAMPLES, verbose=False)
    if pictures.skipped:
        warn("score", skipped_line(pictures.skipped))
    return folder_report(samples, pictures.images, value_range=value_range)


def run_score_command(args: argparse.Namespace) -> int:
    """Print the JSON report for ``args.file``, after a one-line warning on stderr when the values
    cannot plausibly use the declared range. On bad input: one line on stderr and exit code 2;
    when the classifier's weights are missing or damaged: one line and exit code 1."""
    from ..metrics import score_report
    try:
        samples = load_samples(args.file)
        if args.against is not None:
            print(json.dumps(against_folder(samples, args.against, value_range=args.value_range)))
            return 0
        report = score_report(samples, value_range=args.value_range)
    except (TypeError, ValueError, RuntimeError) as error:
        return fail("score", error, code=1 if isinstance(error, RuntimeError) else 2)
    warning = range_warning(samples, args.value_range)
    if warning:
        warn("score", warning)
    print(json.dumps(report))
    return 0
