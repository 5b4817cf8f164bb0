"""What every ``python -m ganlib`` command shares: one-line errors and warnings, the device and data
options, and the check that an output folder can be written.

Nothing here imports torch: the commands parse their options first, and import it only to run.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from ..data.sources import SOURCES
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


def warn(command: str, message: str) -> None:
    """Print ``message`` as one line on stderr for ``command``, as a warning."""
    print(f"ganlib {command}: {tr(en='warning', vi='cảnh báo')}: {message}", file=sys.stderr)


def add_device_and_data(parser: argparse.ArgumentParser, *, folders: bool = False) -> None:
    """The --device and --data options of the commands that train; with ``folders``, --data also takes
    the path of a folder of pictures (lesson 09)."""
    parser.add_argument("--device", choices=DEVICES, default=None,
                        help="where to train (default: $GANLIB_DEVICE, else auto: cuda, then mps, then cpu)")
    sources = ("mnist: full MNIST (download), bundled: the 5000 shipped digits, auto: mnist if it can be had, "
               "else bundled")
    if not folders:
        parser.add_argument("--data", choices=SOURCES, default=None,
                            help=f"{sources} (default: $GANLIB_DATA, else auto)")
        return
    parser.add_argument("--data", default=None, metavar="{" + ",".join(SOURCES) + "} or FOLDER",
                        help=f"{sources}; or the path of a folder of pictures (PNG, JPEG, ...; sub-folders "
                             "too), trained in colour at --image-size 32 (default) or 64 and cached decoded in "
                             "$GANLIB_DATA_DIR/folders (~/.cache/ganlib/folders; delete it to clear) "
                             "(default: $GANLIB_DATA, else auto)")


def data_folder(data: str | None) -> Path | None:
    """The folder of pictures that ``--data`` names, or None when it names an MNIST source (or nothing)."""
    return None if data is None or data.lower() in SOURCES else Path(data)


def check_folder(folder: Path, *, option: str) -> None:
    """Check, before any work is done, that ``folder`` is or can become a folder a file can be written
    into: its nearest existing part must be a folder that takes a file. Nothing is created; ValueError
    saying what to do otherwise (``option`` names the flag)."""
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    if not existing.is_dir():
        raise ValueError(tr(en=f"{existing} is a file, not a folder; choose another {option}",
                            vi=f"{existing} là một tệp, không phải thư mục; hãy chọn {option} khác"))
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise ValueError(tr(en=f"cannot write into {existing} ({reason}); choose another {option}",
                            vi=f"không ghi được vào {existing} ({reason}); hãy chọn {option} khác")) from None


def check_out_file(out: Path, *, example: str) -> None:
    """ValueError (one line) when ``out`` is a folder or exists as something other than a regular file (a
    device such as /dev/full, a pipe: never replaced); ``example`` is a file name to suggest, e.g. "samples.pt".
    Used by ``sample`` and ``stylize``."""
    if out.is_dir():
        raise ValueError(tr(en=f"--out {out} is a folder; give a file name such as {out / example}",
                            vi=f"--out {out} là một thư mục; hãy ghi rõ tên tệp, ví dụ {out / example}"))
    if out.exists() and not out.is_file():
        raise ValueError(tr(en=f"--out {out} is not a regular file; give a file name such as {example}",
                            vi=f"--out {out} không phải tệp thông thường; hãy ghi rõ tên tệp, ví dụ {example}"))
