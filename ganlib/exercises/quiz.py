"""The end-of-lesson quiz: an ipywidgets form in a live notebook, Markdown where widgets do not run.

:func:`show_quiz` displays one output that carries both: the widget view (Jupyter, Colab and VS Code
draw it) and a Markdown rendering with each answer and its reason folded in a ``<details>`` block
(GitHub and any static viewer draw that). The notebook build keeps only the Markdown. Lessons 00–08.
"""

from .quiz_questions import QUIZZES
from ..i18n import get_language, tr

LETTERS = "abcdefgh"


def questions(lesson: str) -> list[dict]:
    """The questions of ``lesson`` ("00" … "08"), as in :data:`QUIZZES`."""
    if lesson not in QUIZZES:
        raise ValueError(f"no quiz for lesson {lesson!r}; lessons with a quiz: {sorted(QUIZZES)}")
    return QUIZZES[lesson]


def _right_answer(question: dict, lang: str) -> str:
    if "choices" in question:
        index = question["answer"]
        return f"({LETTERS[index]}) {question['choices'][index][lang]}"
    return f"{question['number']:g}"


def quiz_markdown(lesson: str, *, lang: str | None = None) -> str:
    """The quiz of ``lesson`` as Markdown in ``lang`` (default: the notebook's), answers folded away."""
    lang = lang or get_language()
    title = "Quiz" if lang == "en" else "Câu hỏi kiểm tra"
    lines = [f"**{title}**", ""]
    for number, question in enumerate(questions(lesson), start=1):
        lines.append(f"{number}. {question['question'][lang]}")
        if "choices" in question:
            lines += [f"   - ({LETTERS[i]}) {choice[lang]}" for i, choice in enumerate(question["choices"])]
        else:
            lines.append("   - " + ("(a number)" if lang == "en" else "(một con số)"))
        summary = "Answer" if lang == "en" else "Đáp án"
        lines += ["", f"   <details><summary>{summary}</summary>", "",
                  f"   **{_right_answer(question, lang)}**. {question['why'][lang]}", "", "   </details>", ""]
    return "\n".join(lines)


def _question_widget(question: dict, lang: str) -> object:
    import ipywidgets as widgets

    if "choices" in question:
        field = widgets.RadioButtons(options=[(f"({LETTERS[i]}) {c[lang]}", i)
                                              for i, c in enumerate(question["choices"])],
                                     value=None, layout=widgets.Layout(width="auto"))
    else:
        field = widgets.Text(placeholder=tr(en="a number", vi="một con số"), layout=widgets.Layout(width="12em"))
    button = widgets.Button(description=tr(en="Check", vi="Kiểm tra"))
    feedback = widgets.HTML()

    def on_click(_: object) -> None:
        if field.value in (None, ""):
            feedback.value = tr(en="Choose an answer first.", vi="Hãy chọn một đáp án trước.")
            return
        if "choices" in question:
            right = field.value == question["answer"]
        else:
            try:
                given = float(field.value.replace(",", ".").replace("−", "-"))
            except ValueError:
                feedback.value = tr(en="Write a number, e.g. 0.5.", vi="Hãy viết một con số, ví dụ 0.5.")
                return
            right = abs(given - question["number"]) <= question["tolerance"] + 1e-12
        feedback.value = (f"✓ {question['why'][lang]}" if right
                          else tr(en="✗ Not quite: think again.", vi="✗ Chưa đúng: hãy nghĩ lại."))

    button.on_click(on_click)
    return widgets.VBox([widgets.HTML(f"<b>{question['question'][lang]}</b>"), field,
                         widgets.HBox([button, feedback])])


def show_quiz(lesson: str) -> None:
    """Display the quiz of ``lesson``: a widget where ipywidgets runs, with Markdown as the static fallback."""
    from IPython.display import display

    lang = get_language()
    markdown = quiz_markdown(lesson, lang=lang)
    bundle = {"text/markdown": markdown, "text/plain": markdown}
    try:
        import ipywidgets as widgets
    except ImportError:
        display(bundle, raw=True)
        return
    form = widgets.VBox([_question_widget(q, lang) for q in questions(lesson)])
    # The widget view as ipywidgets 7 (Colab's) and 8 both write it; 7 has no Widget._repr_mimebundle_.
    bundle["application/vnd.jupyter.widget-view+json"] = {"version_major": 2, "version_minor": 0,
                                                           "model_id": form.model_id}
    bundle["text/markdown"] = bundle["text/plain"] = markdown
    display(bundle, raw=True)
