"""Files written whole or not at all: a crash, a full disk or an interrupt never leaves half a file.

Used by the training loop and ``python -m ganlib sample`` (checkpoints, histories, samples; lessons 05–08)
and by the picture-folder cache of lesson 09 (:mod:`ganlib.data.folders`).
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .i18n import tr


def _cannot_write(path: Path, reason: str) -> OSError:
    return OSError(tr(en=f"cannot write {path}: {reason}; nothing was written",
                      vi=f"không ghi được {path}: {reason}; chưa có gì được ghi ra đĩa"))


@contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, all at once or not at all: the bytes go to a hidden
    temporary file in the same folder, which is synced to disk and renamed over ``path`` when the
    block ends. On any error (a full disk, no permission, an interrupt) the temporary file is removed
    and ``path`` is left as it was; a failed write raises OSError saying which file and why, in one
    line. ``path`` may be new or a regular file, never a folder or a device such as /dev/full.
    Used for every file the training loop writes, by ``python -m ganlib sample`` and by the
    picture-folder cache (lesson 09)."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise _cannot_write(path, tr(en="it is a folder" if path.is_dir() else "it is not a regular file",
                                     vi="đó là một thư mục" if path.is_dir() else "đó không phải tệp thông thường"))
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with open(temporary, "xb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise _cannot_write(path, error.strerror or str(error)) from error
        raise
