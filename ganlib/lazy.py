"""Names a package exports but imports only when first used (PEP 562), so that importing it stays light.

Used by ``ganlib`` itself (the theory lessons never load torchvision) and by its sub-packages ``gan``, ``style``,
``data`` and ``metrics`` (``python -m ganlib`` parses its options before importing torch).
"""

import importlib
import sys
from collections.abc import Callable


def lazy_exports(package: str, api: dict[str, list[str]]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the package named ``package``, whose ``api`` maps each of
    its modules to the names it exports: a name is imported from its module on first use, then kept."""
    home = {name: module for module, names in api.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{home[name]}", package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(home))

    return __getattr__, __dir__
