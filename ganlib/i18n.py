"""The notebook's language: one setting at the top of each lesson, read by every label ganlib draws.

Used by every lesson: the first code cell calls ``ganlib.set_language("vi")`` or ``("en")``.
"""

import os

LANGUAGES = ("vi", "en")
_current = os.environ.get("GANLIB_LANG", "en")


def set_language(lang: str) -> None:
    """Choose the language ("vi" or "en") of figure labels and printed messages."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    _current = lang


def get_language() -> str:
    """The language chosen by :func:`set_language` ("en" until one is chosen)."""
    return _current


def tr(*, en: str, vi: str) -> str:
    """Return the text in the current language: ``tr(en="Real data", vi="Dữ liệu thật")``."""
    return vi if _current == "vi" else en
