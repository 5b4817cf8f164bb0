"""Every ganlib function a lesson prints with ``inspect.getsource`` has a Vietnamese reading beside it.

The listing shows the library's English docstring and comments, so the Vietnamese text cell right after the
listing quotes each docstring paragraph and each comment and gives it in Vietnamese. The test holds the
quotes to the library: a changed docstring or comment fails here, instead of leaving the reading stale."""

import importlib
import inspect
import io
import re
import tokenize
from pathlib import Path

import jupytext
import pytest

import ganlib

SOURCES = sorted((Path(__file__).resolve().parent.parent / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
LISTED = re.compile(r"inspect\.getsource\(([\w.]+)\)")


def listed_object(dotted: str) -> object:
    """The ganlib object a lesson names ``dotted`` (``toys.counterfeiter.play_round``, ``discriminator_step``)."""
    found, path = ganlib, "ganlib"
    for part in dotted.split("."):
        path = f"{path}.{part}"
        try:
            found = getattr(found, part)
        except AttributeError:  # a sub-module the lazy package has not imported yet
            found = importlib.import_module(path)
    return found


def english_texts(function: object) -> list[str]:
    """The docstring's paragraphs and the comments (consecutive comment lines joined) of ``function``."""
    paragraphs = [" ".join(p.split()) for p in (inspect.getdoc(function) or "").split("\n\n") if p.strip()]
    comments, previous_line = [], None
    for token in tokenize.generate_tokens(io.StringIO(inspect.getsource(function)).readline):
        if token.type == tokenize.COMMENT:
            text = token.string.lstrip("#").strip()
            if previous_line == token.start[0] - 1:
                comments[-1] += " " + text
            else:
                comments.append(text)
            previous_line = token.start[0]
    return paragraphs + comments


def flat(text: str) -> str:
    """``text`` with whitespace runs made single spaces and Markdown's backticks and asterisks removed."""
    return " ".join(text.replace("`", "").replace("*", "").split())


def listings() -> list[tuple[str, str, str]]:
    """(lesson, listed name, the Vietnamese text cell right after the listing) for every listing cell."""
    found = []
    for source in SOURCES:
        cells = jupytext.read(source, fmt="py:percent").cells
        for index, cell in enumerate(cells):
            if cell.cell_type == "code" and "inspect.getsource" in cell.source:
                after = cells[index + 1] if index + 1 < len(cells) else None
                reading = after.source if after and "vi" in after.metadata.get("tags", []) else ""
                found += [(source.name[:2], name, reading) for name in LISTED.findall(cell.source)]
    return found


def test_the_lessons_that_print_library_code_are_found():
    assert {(lesson, name) for lesson, name, _ in listings()} == {
        ("01", "toys.counterfeiter.play_round"), ("04", "gan.losses.gradient_penalty"),
        ("05", "discriminator_step"), ("05", "generator_step")}


@pytest.mark.parametrize("lesson,name,reading", listings(), ids=lambda value: value if "\n" not in value else "")
def test_each_listing_has_a_vietnamese_reading_of_its_english(lesson, name, reading):
    assert reading.startswith("**Đọc mã bằng tiếng Việt.**"), (
        f"lesson {lesson}: the cell after the listing of {name} must be its Vietnamese reading")
    missing = [text for text in english_texts(listed_object(name)) if flat(text) not in flat(reading)]
    assert not missing, f"lesson {lesson}: the Vietnamese reading of {name} does not quote (and translate) {missing}"
