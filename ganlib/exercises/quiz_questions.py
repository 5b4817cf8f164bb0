"""The questions of the end-of-lesson quizzes, lessons 00–08, each written once in both languages.

A question is a dict: "question" ({"en", "vi"}); either "choices" (a list of {"en", "vi"}) with
"answer", the index of the one right choice, or "number" (the right value) with "tolerance";
and "why" ({"en", "vi"}), the reason behind the right answer, shown once the student has answered.
Math is written in Unicode, not LaTeX, so that it reads the same in a widget, in Markdown and on GitHub.
"""

from .quiz_images import IMAGES
from .quiz_practice import PRACTICE
from .quiz_theory import THEORY

QUIZZES: dict[str, list[dict]] = {**THEORY, **PRACTICE, **IMAGES}
