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


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_a_50_minute_path_in_both_languages(lesson):
    note = ROOT / "notebooks" / "teaching" / f"{lesson}.md"
    assert note.exists(), f"{lesson} has no instructor's path: write notebooks/teaching/{lesson}.md"
    found = sections(note.read_text(encoding="utf-8"))
    assert list(found) == list(SECTIONS), f"{note.name}: sections {list(found)}, expected {list(SECTIONS)}"
    for heading, unit in SECTIONS.items():
        rows = timings(found[heading], unit)
        assert rows, f"{note.name} {heading}: no timetable rows like '| 0–5 {unit} |'"
        starts, ends = [a for a, _ in rows], [b for _, b in rows]
        assert starts[0] == 0 and ends[-1] == 50 and starts[1:] == ends[:-1], (
            f"{note.name} {heading}: the timings {rows} do not run without gaps from 0 to 50 minutes")
    assert timings(found["## Tiếng Việt"], "phút") == timings(found["## English"], "min"), (
        f"{note.name}: the Vietnamese and English timetables differ")


def test_timings_catch_a_gap():
    section = "| 0–5 min | a | b |\n| 6–50 min | c | d |\n"
    rows = timings(section, "min")
    assert rows == [(0, 5), (6, 50)] and rows[1][0] != rows[0][1]
