"""The files the course ships (data and weights, in ``assets/``): their registry and their one verified reader.

The top-level ``assets/`` folder of the course is installed with the package as ``ganlib.asset_files``
(see ``pyproject.toml``), so the same files are found in a clone, after ``pip install .`` and on
Colab. Every shipped file has an entry in :data:`ganlib.assets.registry.SHIPPED` (its SHA-256, the
commands that made it, its scores); :func:`read_asset` returns its bytes only if they match, and
otherwise raises :class:`AssetError` saying how to restore it. ``assets/README.md`` is written from
the registry. Used by every lesson that loads data or weights (00, 05–08) through ``ganlib.data``,
``ganlib.metrics`` and ``ganlib.gan``.
"""

import hashlib
from importlib import resources

from ..i18n import tr
from .registry import SHIPPED


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
    expected = SHIPPED[name].sha256
    if digest != expected:
        raise AssetError(tr(en=f"the shipped file {name} is damaged or not the one the course ships (SHA-256 "
                               f"{digest[:12]}…, expected {expected[:12]}…); ",
                            vi=f"tệp đi kèm {name} bị hỏng hoặc không phải bản của khóa học (SHA-256 "
                               f"{digest[:12]}…, đúng ra phải là {expected[:12]}…); ") + _restore(name))
    return blob
