"""python -m ganlib: train a GAN on MNIST, benchmark its training loop, score and sample generated digits,
and paint a picture in the style of another.

Each command lives in its own module, which adds it (``add_*_command``) and runs it (``run_*``).
The options are parsed before torch is imported: the parsers read only modules without torch, and
each ``run_*`` imports what it needs, so ``--help`` and a bad option answer at once.
Nothing in ganlib imports this package: it is the top, beside the notebooks.
"""

import argparse

from .bench import add_bench_command
from .common import OneLineParser
from .sample import add_sample_command
from .score import add_score_command
from .stylize import add_stylize_command
from .train import add_train_command

DESCRIPTION = """\
Train a GAN on MNIST or on a folder of pictures, benchmark its training loop, score and sample generated images;
paint a picture in the style of another.

    python -m ganlib train --model mlp --data bundled --device cpu --epochs 100 --out runs/mlp
    python -m ganlib train --data bundled --device cpu --epochs 150 --out runs/mlp --resume
    python -m ganlib train --model dcgan --data path/to/my_pictures --image-size 32 --device cpu --out runs/mine
    python -m ganlib bench --device auto
    python -m ganlib score runs/mlp/samples.pt --range=-1,1
    python -m ganlib score runs/mine/samples.pt --range=-1,1 --against path/to/my_pictures
    python -m ganlib sample --model cgan --digit 7 --n 16 --seed 0 --out sevens.pt
    python -m ganlib sample --model dcgan-colour --n 64 --seed 0 --out colour.pt
    python -m ganlib stylize --content photo.jpg --style painting.jpg --out result.png --size 256
"""


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: the command line) and run the chosen command; return its exit code."""
    parser = OneLineParser(prog="python -m ganlib", description=DESCRIPTION,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    add_train_command(subparsers)
    add_bench_command(subparsers)
    add_score_command(subparsers)
    add_sample_command(subparsers)
    add_stylize_command(subparsers)
    args = parser.parse_args(argv)
    return args.run(args)
