"""``python -m ganlib stylize``: paint a picture in the style of another, offline on a CPU (lesson 10).

    python -m ganlib stylize --content photo.jpg --style painting.jpg --out result.png --size 256

The feature network is VGG-19 where its ImageNet weights already sit in torchvision's cache, else a
network of random filters (:mod:`ganlib.style.features`); one printed line says which, and nothing is
downloaded. The picture is written whole or not at all.
"""

import argparse
from pathlib import Path

from ..i18n import tr
from ..style.options import (CONTENT_WEIGHT, INITS, MAX_SIZE, MIN_SIZE, OPTIMIZERS, STEPS, STYLE_WEIGHT,
                             TV_WEIGHT, check_size)
from .common import check_folder, check_out_file, fail

NETWORKS = ("auto", "random")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp")


def add_stylize_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``stylize``: --content, --style, --out, --size, --steps, the three weights, --init,
    --optimizer, --network, --seed, --no-progress."""
    parser = subparsers.add_parser(
        "stylize", help="paint a picture in the style of another (neural style transfer, offline)",
        description="Paint --content in the style of --style (Gatys et al.'s neural style transfer): the pixels "
                    "are optimised so that the picture's features match the content picture's and their Gram "
                    "matrices the style picture's, with a total-variation term for smoothness. Both pictures are "
                    "resized so that their longer side is --size. Runs on the CPU; 256 px with the defaults "
                    "takes about a minute. The feature network is VGG-19 if its ImageNet weights are already in "
                    "torchvision's cache, else random filters (nothing is downloaded).")
    parser.add_argument("--content", type=Path, required=True, help="the picture whose layout is kept")
    parser.add_argument("--style", type=Path, required=True, help="the picture whose style is painted")
    parser.add_argument("--out", type=Path, required=True,
                        help=f"the picture to write ({', '.join(PICTURE_SUFFIXES)}), whole or not at all")
    parser.add_argument("--size", type=int, default=256,
                        help=f"longer side in pixels, {MIN_SIZE} to {MAX_SIZE} (default: 256)")
    parser.add_argument("--steps", type=int, default=STEPS, help=f"optimisation steps (default: {STEPS})")
    parser.add_argument("--content-weight", type=float, default=CONTENT_WEIGHT,
                        help=f"weight of the content loss (default: {CONTENT_WEIGHT:g})")
    parser.add_argument("--style-weight", type=float, default=STYLE_WEIGHT,
                        help=f"weight of the style loss (default: {STYLE_WEIGHT:g})")
    parser.add_argument("--tv-weight", type=float, default=TV_WEIGHT,
                        help=f"weight of the total-variation loss, against noisy pixels (default: {TV_WEIGHT:g})")
    parser.add_argument("--init", choices=INITS, default="content",
                        help="start from the content picture or from noise (default: content)")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default="adam", help="Adam or L-BFGS (default: adam)")
    parser.add_argument("--network", choices=NETWORKS, default="auto",
                        help="auto: VGG-19 if its weights are cached, else random filters; random: always random "
                             "filters (default: auto)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the random filters and of the starting noise (default: 0)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(run=run_stylize_command)


def check_request(args: argparse.Namespace) -> None:
    """Raise ValueError, saying what to do, for a --size outside 32..1024, steps below 1, a negative
    weight, a seed outside 0..2⁶³−1, or an --out that is a folder, a device or not a picture's name.
    The pictures themselves are checked when they are read (:func:`ganlib.style.images.load_image`)."""
    check_size(args.size)
    if args.steps < 1:
        raise ValueError(tr(en=f"--steps must be 1 or more, got {args.steps}",
                            vi=f"--steps phải từ 1 trở lên, nhận được {args.steps}"))
    for option in ("content_weight", "style_weight", "tv_weight"):
        value = getattr(args, option)
        if not value >= 0:  # also refuses nan
            flag = "--" + option.replace("_", "-")
            raise ValueError(tr(en=f"{flag} must be 0 or more, got {value}",
                                vi=f"{flag} phải từ 0 trở lên, nhận được {value}"))
    if not 0 <= args.seed < 2**63:
        raise ValueError(tr(en=f"--seed must be from 0 to 2^63 - 1, got {args.seed}",
                            vi=f"--seed phải từ 0 đến 2^63 - 1, nhận được {args.seed}"))
    check_out_file(args.out, example="result.png")
    if args.out.suffix.lower() not in PICTURE_SUFFIXES:
        raise ValueError(tr(en=f"--out {args.out} must end in one of {', '.join(PICTURE_SUFFIXES)}, such as "
                               "result.png",
                            vi=f"--out {args.out} phải có đuôi là một trong {', '.join(PICTURE_SUFFIXES)}, ví dụ "
                               "result.png"))


def run_stylize_command(args: argparse.Namespace) -> int:
    """Paint and write the picture; one line on stderr and exit code 2 on bad input or a file that
    cannot be written (nothing half-written)."""
    try:
        check_request(args)
        check_folder(args.out.parent, option="--out")
    except ValueError as error:
        return fail("stylize", error)
    from ..style import feature_network, load_image, save_image, stylize
    try:
        content = load_image(args.content, size=args.size)
        style = load_image(args.style, size=args.size)
        network = feature_network(seed=args.seed, use_vgg19=args.network == "auto")
        painting = stylize(content, style, network, steps=args.steps, content_weight=args.content_weight,
                           style_weight=args.style_weight, tv_weight=args.tv_weight, init=args.init,
                           optimizer=args.optimizer, seed=args.seed, progress=not args.no_progress)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        save_image(painting.image, args.out)
    except (ValueError, OSError) as error:
        return fail("stylize", error)
    start, end = ({name: values[i] for name, values in painting.history.items()} for i in (0, -1))
    height, width = painting.image.shape[-2:]
    print(tr(en=f"wrote {args.out} ({width}×{height} px) after {args.steps} steps in {painting.seconds:.0f} s: "
                f"style loss {start['style']:.3g} → {end['style']:.3g}, content loss {start['content']:.3g} → "
                f"{end['content']:.3g}",
             vi=f"đã ghi {args.out} ({width}×{height} điểm ảnh) sau {args.steps} bước trong {painting.seconds:.0f} "
                f"giây: mất mát phong cách {start['style']:.3g} → {end['style']:.3g}, mất mát nội dung "
                f"{start['content']:.3g} → {end['content']:.3g}"))
    return 0
