"""Every lesson has a 50-minute instructor's path, in Vietnamese then English, whose timings add up."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
SECTIONS = {"## Tiếng Việt": "phút", "## English": "min"}


def timings(section: str, unit: str) -> list[tuple[int, int]]:
    """The (start, end) minutes of the timetable rows of one language's section."""
    return [(int(a), int(b)) for a, b in re.findall(rf"^\| (\d+)–(\d+) {unit} \|", section, flags=re.MULTILINE)]


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^(## .+)$", text, flags=re.MULTILINE)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2])}


def problems(text: str) -> list[str]:
    """What is wrong with a teaching note: its sections, and timetables that do not run from 0 to 50
    minutes without a gap or an overlap, or that differ between the two languages. [] when it is right."""
    found = sections(text)
    if list(found) != list(SECTIONS):
        return [f"sections {list(found)}, expected {list(SECTIONS)}"]
    wrong = []
    for heading, unit in SECTIONS.items():
        rows = timings(found[heading], unit)
        starts, ends = [a for a, _ in rows], [b for _, b in rows]
        if not rows:
            wrong.append(f"{heading}: no timetable rows like '| 0–5 {unit} |'")
        elif not (starts[0] == 0 and ends[-1] == 50 and starts[1:] == ends[:-1]):
            wrong.append(f"{heading}: the timings {rows} do not run without gaps from 0 to 50 minutes")
    if timings(found["## Tiếng Việt"], "phút") != timings(found["## English"], "min"):
        wrong.append("the Vietnamese and English timetables differ")
    return wrong


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_a_50_minute_path_in_both_languages(lesson):
    note = ROOT / "notebooks" / "teaching" / f"{lesson}.md"
    assert note.exists(), f"{lesson} has no instructor's path: write notebooks/teaching/{lesson}.md"
    assert problems(note.read_text(encoding="utf-8")) == [], note.name


@pytest.mark.parametrize("old, new, expected", [
    ("| 5–12 min |", "| 6–12 min |", "do not run without gaps"),       # a gap in the English timetable
    ("| 5–12 phút |", "| 4–12 phút |", "do not run without gaps"),     # an overlap in the Vietnamese one
    ("| 0–5 min |", "| 1–5 min |", "do not run without gaps"),         # a late start
    ("| 47–50 min |", "| 47–49 min |", "do not run without gaps"),     # an early end
    ("| 5–12 min |", "| 5-12 min |", "do not run without gaps"),       # a row the timetable misses (hyphen)
    ("## English", "## In English", "sections"),
], ids=["gap", "overlap", "late start", "early end", "row missed", "sections"])
def test_a_broken_timetable_is_caught(old, new, expected):
    # Lesson 05's real note with one planted mistake: the check the lessons run must report it.
    text = (ROOT / "notebooks" / "teaching" / "05_mnist_gan.md").read_text(encoding="utf-8")
    assert problems(text) == [] and text.count(old) == 1
    assert any(expected in problem for problem in problems(text.replace(old, new)))
