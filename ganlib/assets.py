"""The one verified reader of the files the course ships: data and weights in ``assets/``.

The top-level ``assets/`` folder of the course is installed with the package as ``ganlib.asset_files``
(see ``pyproject.toml``), so the same files are found in a clone, after ``pip install .`` and on
Colab. Every shipped file is listed in :data:`SHIPPED` with its SHA-256; :func:`read_asset` returns
its bytes only if they match, and otherwise raises :class:`AssetError` saying how to restore it.
Provenance and the command that made each file: ``assets/README.md``. Used by every lesson that
loads data or weights (00, 05–08) through ``ganlib.data``, ``ganlib.metrics`` and ``ganlib.gan``.
"""

import hashlib
from importlib import resources

from .i18n import tr

SHIPPED = {
    "mnist_5k.npz": "246e0c30eeea57c8d0037d3f38c8e00651ec204cc61b8022563e9aeeb9d756f4",
    "mnist_classifier.pt": "b64adadc7b5d508b3f1c32fe1c893a88a768b6794556f1264f925064c5aea445",
    "mlp_generator.pt": "3cdb31c5d785ba893d9c453ff010d7534e48c72c7f3ca1f26f020cbb7c15f8f7",
    "dcgan_generator.pt": "4889b4b3da05ba7be7fa52aa8a0c610fc0b135d6e4acfc7542c0915cbe747f12",
    "cgan_generator.pt": "0edf885a585bb2cadb9ca4f64821b3e26aa9abbd1798002cf27b5731c7ed53f0",
}


class AssetError(RuntimeError):
    """A shipped file is missing, damaged or not the one the course ships."""


def _restore(name: str) -> str:
    return tr(en=f"restore it with `git checkout assets/{name}` in a clone of the course, or reinstall ganlib "
                 "(`pip install --force-reinstall ganlib`)",
              vi=f"hãy khôi phục bằng `git checkout assets/{name}` trong bản sao của khóa học, hoặc cài lại "
                 "ganlib (`pip install --force-reinstall ganlib`)")


def read_asset(name: str) -> bytes:
    """The bytes of the shipped file ``name`` (e.g. "mnist_5k.npz"), after checking its SHA-256.

    Raises ValueError for a name that is not shipped, and :class:`AssetError` when the file is
    missing or its checksum differs; nothing is ever rebuilt or downloaded silently.
    """
    if name not in SHIPPED:
        raise ValueError(f"{name!r} is not a shipped file; the course ships {sorted(SHIPPED)}")
    try:
        blob = resources.files("ganlib.asset_files").joinpath(name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        raise AssetError(tr(en=f"the shipped file {name} is missing; ", vi=f"thiếu tệp đi kèm {name}; ")
                         + _restore(name)) from None
    digest = hashlib.sha256(blob).hexdigest()
    if digest != SHIPPED[name]:
        raise AssetError(tr(en=f"the shipped file {name} is damaged or not the one the course ships (SHA-256 "
                               f"{digest[:12]}…, expected {SHIPPED[name][:12]}…); ",
                            vi=f"tệp đi kèm {name} bị hỏng hoặc không phải bản của khóa học (SHA-256 "
                               f"{digest[:12]}…, cần {SHIPPED[name][:12]}…); ") + _restore(name))
    return blob
