"""What every ``python -m ganlib`` command shares: one-line errors and the device and data options."""

import argparse
import sys

from ..data import SOURCES
from ..i18n import tr

DEVICES = ("auto", "cpu", "cuda", "mps")


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr (and exit code 2), not a usage dump."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog.removeprefix('python -m ')}: error: {message} (see {self.prog} --help)\n")


def fail(command: str, error: BaseException, *, code: int = 2) -> int:
    """Print ``error`` as one line on stderr for ``command`` and return the exit code ``code``."""
    print(f"ganlib {command}: {tr(en='error', vi='lỗi')}: {error}", file=sys.stderr)
    return code


def add_device_and_data(parser: argparse.ArgumentParser) -> None:
    """The --device and --data options of the commands that train."""
    parser.add_argument("--device", choices=DEVICES, default=None,
                        help="where to train (default: $GANLIB_DEVICE, else auto: cuda, then mps, then cpu)")
    parser.add_argument("--data", choices=SOURCES, default=None,
                        help="mnist: full MNIST (download), bundled: the 5000 shipped digits, auto: mnist if "
                             "it can be had, else bundled (default: $GANLIB_DATA, else auto)")
