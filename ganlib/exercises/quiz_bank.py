"""The questions of the end-of-lesson quizzes: one JSON file per lesson, ``quizzes/NN.json``, in both languages.

A file holds ``{"lesson": "NN", "questions": [...]}``, and its name is the lesson's number. A question is
an object with "question" ({"en", "vi"}); either "choices" (a list of {"en", "vi"}) with "answer", the
index (from 0) of the one right choice, or "number" (the right value) with "tolerance" (how far off a
typed answer may be); and "why" ({"en", "vi"}), the reason behind the right answer, shown once the student
has answered. Math is written in Unicode, not LaTeX, so that it reads the same in a widget, in Markdown and
on GitHub. To add a question, edit one file (the README shows how); :func:`questions` refuses a file that
breaks this format, with one line that says where. Lessons 00–10.
"""

import json
from importlib import resources

FOLDER = "quizzes"
TEXT_KEYS = {"en", "vi"}
CHOICE_KEYS = {"question", "choices", "answer", "why"}
NUMBER_KEYS = {"question", "number", "tolerance", "why"}


def _folder() -> "resources.abc.Traversable":
    return resources.files(__package__).joinpath(FOLDER)


def lessons() -> list[str]:
    """The lessons with a quiz file ("00", "01", …), sorted."""
    return sorted(entry.name.removesuffix(".json") for entry in _folder().iterdir() if entry.name.endswith(".json"))


def questions(lesson: str) -> list[dict]:
    """The questions of ``lesson`` ("00" … "09"), read from its file and checked against the format above."""
    if lesson not in lessons():
        raise ValueError(f"no quiz for lesson {lesson!r}; lessons with a quiz: {lessons()}")
    text = _folder().joinpath(f"{lesson}.json").read_text(encoding="utf-8")
    try:
        bank = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"quiz file {FOLDER}/{lesson}.json is not valid JSON: {error}") from None
    found = problems(bank, lesson=lesson)
    if found:
        raise ValueError(f"quiz file {FOLDER}/{lesson}.json: {found[0]}")
    return bank["questions"]


def problems(bank: object, *, lesson: str) -> list[str]:
    """What is wrong with ``bank``, the parsed file of ``lesson``, each as one short sentence (none: it is fine)."""
    if not isinstance(bank, dict) or set(bank) != {"lesson", "questions"}:
        return ['the file must hold {"lesson": …, "questions": […]} and nothing else']
    if bank["lesson"] != lesson:
        return [f'"lesson" is {bank["lesson"]!r}, but the file is named {lesson}.json']
    if not isinstance(bank["questions"], list) or not bank["questions"]:
        return ['"questions" must be a non-empty list']
    return [f"question {number}: {problem}" for number, question in enumerate(bank["questions"], start=1)
            for problem in _question_problems(question)]


def _question_problems(question: object) -> list[str]:
    if not isinstance(question, dict) or set(question) not in (CHOICE_KEYS, NUMBER_KEYS):
        keys = sorted(question) if isinstance(question, dict) else type(question).__name__
        return [f"has {keys}; it needs {sorted(CHOICE_KEYS)} or {sorted(NUMBER_KEYS)}"]
    found = [f'"{key}" must be {{"en": …, "vi": …}} with text in both' for key in ("question", "why")
             if not _is_text(question[key])]
    if "choices" in question:
        choices, answer = question["choices"], question["answer"]
        if not isinstance(choices, list) or len(choices) < 2 or not all(map(_is_text, choices)):
            found.append('"choices" must list at least two {"en": …, "vi": …} with text in both')
        elif len({choice["en"] for choice in choices}) < len(choices):
            found.append("two choices say the same thing")
        elif not _is_number(answer, integer=True) or not 0 <= answer < len(choices):
            found.append(f'"answer" is {answer!r}; it must be the index of a choice, 0 to {len(choices) - 1}')
    else:
        if not _is_number(question["number"]):
            found.append(f'"number" is {question["number"]!r}; it must be a number')
        if not _is_number(question["tolerance"]) or question["tolerance"] < 0:
            found.append(f'"tolerance" is {question["tolerance"]!r}; it must be a number ≥ 0')
    return found


def _is_text(value: object) -> bool:
    return (isinstance(value, dict) and set(value) == TEXT_KEYS
            and all(isinstance(text, str) and text.strip() for text in value.values()))


def _is_number(value: object, *, integer: bool = False) -> bool:
    kinds = int if integer else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool)
