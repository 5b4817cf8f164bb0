"""The notebook's language: one setting at the top of each lesson, read by every label ganlib draws.

Used by every lesson: the first code cell calls ``ganlib.set_language("vi")`` or ``("en")``. Code that
needs the other language for a while (a test, a build drawing both) writes ``with ganlib.language("vi"):``.

A ``with`` block holds its language in a :class:`contextvars.ContextVar`, so it changes the language of
its own thread or task only, and the innermost block wins. :func:`set_language` sets the session's
language, used outside every block: a context variable cannot hold that one, because some kernels run
each cell in a fresh context (ipykernel 5, which Colab ships, and any cell with ``await``) and would
forget the notebook's language at the next cell.
"""

import contextlib
import os
from contextvars import ContextVar
from typing import Iterator

LANGUAGES = ("vi", "en")
_session = os.environ.get("GANLIB_LANG", "en")
_language: ContextVar[str | None] = ContextVar("ganlib_language", default=None)


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    return lang


def set_language(lang: str) -> None:
    """Choose the language ("vi" or "en") of figure labels and printed messages for the session."""
    global _session
    _session = _checked(lang)


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Speak ``lang`` ("vi" or "en") inside the ``with`` block, and the language before it after."""
    token = _language.set(_checked(lang))
    try:
        yield
    finally:
        _language.reset(token)


def get_language() -> str:
    """The language in force: the innermost :func:`language` block's, else the session's ("en" at first)."""
    return _language.get() or _session


def tr(*, en: str, vi: str) -> str:
    """Return the text in the current language: ``tr(en="Real data", vi="Dữ liệu thật")``."""
    return vi if get_language() == "vi" else en
