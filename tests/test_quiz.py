"""The end-of-lesson quizzes: one JSON file per lesson, each lesson shows its own; every question has one right
answer and reasons in both languages; a broken file is refused with one line; the form marks answers and,
after a wrong one, offers the right answer and its reason."""

import copy
import html
import json
import re
from pathlib import Path

import pytest

import ganlib
from ganlib.exercises import quiz, quiz_bank

ROOT = Path(__file__).resolve().parent.parent
LESSON_SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
FILES = ROOT / "ganlib" / "exercises" / quiz_bank.FOLDER



def all_questions() -> list[dict]:
    return [question for lesson in quiz_bank.lessons() for question in quiz_bank.questions(lesson)]


CHOICE = {"question": {"en": "Which?", "vi": "Cái nào?"}, "choices": [{"en": "a", "vi": "a"}, {"en": "b", "vi": "b"}],
          "answer": 1, "why": {"en": "Because.", "vi": "Vì thế."}}
NUMBER = {"question": {"en": "How much?", "vi": "Bao nhiêu?"}, "number": 0.5, "tolerance": 0.01,
          "why": {"en": "Half.", "vi": "Một nửa."}}


def test_each_lesson_shows_its_own_quiz_and_each_quiz_file_has_its_lesson():
    shown = {source.name[:2]: re.findall(r'exercises\.show_quiz\("(\w+)"\)', source.read_text(encoding="utf-8"))
             for source in LESSON_SOURCES}
    assert shown == {lesson: [lesson] for lesson in shown}
    assert quiz_bank.lessons() == sorted(shown)
    assert {f"{n:02d}" for n in range(11)} <= set(quiz_bank.lessons())
    assert sorted(path.name for path in FILES.iterdir()) == [f"{lesson}.json" for lesson in quiz_bank.lessons()]


@pytest.mark.parametrize("lesson", quiz_bank.lessons())
def test_every_quiz_file_follows_the_format_and_stays_readable(lesson):
    assert len(quiz_bank.questions(lesson)) >= 3  # questions() refuses any file that breaks the format
    text = (FILES / f"{lesson}.json").read_text(encoding="utf-8")
    assert "\\u" not in text, "write the file with ensure_ascii=False, so that the Vietnamese stays readable"


def test_quiz_answers_are_not_all_in_one_place():
    answers = [q["answer"] for q in all_questions() if "choices" in q]
    assert len(set(answers)) == 3 and max(answers.count(a) for a in set(answers)) < len(answers) / 2


@pytest.mark.parametrize("change, words", [
    (lambda bank: bank.update(lesson="01"), "named 00.json"),  # two files claiming one lesson
    (lambda bank: bank.update(questions=[]), "non-empty"),
    (lambda bank: bank.update(extra=1), "nothing else"),
    (lambda bank: bank["questions"][0].pop("why"), "it needs"),
    (lambda bank: bank["questions"][0]["why"].pop("vi"), '"why"'),
    (lambda bank: bank["questions"][0]["question"].update(vi=" "), '"question"'),
    (lambda bank: bank["questions"][0].update(answer=2), '"answer" is 2'),
    (lambda bank: bank["questions"][0].update(answer=True), '"answer" is True'),
    (lambda bank: bank["questions"][0]["choices"].pop(), '"choices"'),
    (lambda bank: bank["questions"][0]["choices"][1].update(en="a"), "same thing"),
    (lambda bank: bank["questions"][1].update(number="0.5"), '"number"'),
    (lambda bank: bank["questions"][1].update(tolerance=-0.1), '"tolerance"'),
    (lambda bank: bank["questions"][1].pop("tolerance"), "it needs"),
    (lambda bank: bank["questions"][1].update(answer=0), "it needs"),
])
def test_a_broken_quiz_is_refused_with_what_is_wrong(change, words):
    bank = {"lesson": "00", "questions": [copy.deepcopy(CHOICE), copy.deepcopy(NUMBER)]}
    assert quiz_bank.problems(bank, lesson="00") == []
    change(bank)
    found = quiz_bank.problems(bank, lesson="00")
    assert found and words in found[0], found


@pytest.mark.parametrize("text, words", [
    ('{"lesson": "00", "questions": [],}', "not valid JSON"),
    (json.dumps({"lesson": "03", "questions": [CHOICE]}), "named 00.json"),
])
def test_a_broken_quiz_file_stops_show_quiz_with_one_line(monkeypatch, tmp_path, text, words):
    (tmp_path / "00.json").write_text(text, encoding="utf-8")
    monkeypatch.setattr(quiz_bank, "_folder", lambda: tmp_path)
    with pytest.raises(ValueError, match=words) as error:
        quiz.show_quiz("00")
    assert "\n" not in str(error.value) and "00.json" in str(error.value)


def test_quiz_markdown_speaks_the_current_language_and_folds_the_answers():
    with ganlib.language("vi"):
        text = quiz.quiz_markdown("02")
    assert text.count("<details>") == len(quiz_bank.questions("02")) and "Đáp án" in text and "Quiz" not in text
    assert quiz.quiz_markdown("02").startswith("**Quiz**")  # the block is over: English again
    with pytest.raises(ValueError, match="no quiz"):
        quiz.questions("99")


def click(box, value) -> str:
    """Set the answer field of a question's form to ``value``, press Check, return the feedback."""
    field, (button, feedback) = box.children[1], box.children[2].children
    field.value = value
    button.click()
    return feedback.value


def right_and_wrong(question: dict) -> tuple:
    if "choices" in question:
        return question["answer"], (question["answer"] + 1) % len(question["choices"])
    return str(question["number"]).replace(".", ","), str(question["number"] + 1)


def test_the_quiz_widget_marks_answers_and_offers_the_answer_after_a_wrong_one():
    pytest.importorskip("ipywidgets")
    for question in all_questions():
        box = quiz._question_widget(question)
        right, wrong = right_and_wrong(question)
        why = html.escape(question["why"]["en"])
        assert "Choose an answer" in click(box, None if "choices" in question else "")
        assert click(box, right) == f"✓ {why}"
        feedback = click(box, wrong)
        assert feedback.startswith("✗ Not quite") and "<details><summary>Show the answer</summary>" in feedback
        assert html.escape(quiz._right_answer(question)) in feedback and why in feedback


def test_the_quiz_widget_answers_in_the_language_it_was_drawn_in():
    pytest.importorskip("ipywidgets")
    question = quiz_bank.questions("01")[1]
    with ganlib.language("vi"):
        box = quiz._question_widget(question)
    right, wrong = right_and_wrong(question)
    feedback = click(box, wrong)  # clicked outside the block, as a later click would be
    assert feedback.startswith("✗ Chưa đúng") and "Xem đáp án" in feedback
    assert html.escape(question["why"]["vi"]) in feedback and question["choices"][right]["vi"] in feedback


@pytest.mark.parametrize("readme", ["README.md", "README.vi.md"])
def test_the_readme_shows_a_question_the_format_accepts(readme):
    blocks = re.findall(r"```json\n(.*?)```", (ROOT / readme).read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) == 1, "the README shows how to add a quiz question with one JSON example"
    assert quiz_bank.problems({"lesson": "00", "questions": [json.loads(blocks[0])]}, lesson="00") == []
