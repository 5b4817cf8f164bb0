"""The end-of-lesson quiz: an ipywidgets form in a live notebook, Markdown where widgets do not run.

:func:`show_quiz` displays one output that carries both: the widget view (Jupyter, Colab and VS Code
draw it) and a Markdown rendering with each answer and its reason folded in a ``<details>`` block
(GitHub and any static viewer draw that). The notebook build keeps only the Markdown. Both speak the
notebook's language (``with ganlib.language("vi"):`` to choose another); the questions live in
:mod:`ganlib.exercises.quiz_bank`. Lessons 00–10.
"""

import html

from .quiz_bank import questions
from ..i18n import get_language, language, tr

LETTERS = "abcdefgh"


def _right_answer(question: dict) -> str:
    if "choices" in question:
        index = question["answer"]
        return f"({LETTERS[index]}) {question['choices'][index][get_language()]}"
    return f"{question['number']:g}"


def quiz_markdown(lesson: str) -> str:
    """The quiz of ``lesson`` as Markdown in the current language, answers folded away."""
    lang = get_language()
    lines = [f"**{tr(en='Quiz', vi='Câu hỏi kiểm tra')}**", ""]
    for number, question in enumerate(questions(lesson), start=1):
        lines.append(f"{number}. {question['question'][lang]}")
        if "choices" in question:
            lines += [f"   - ({LETTERS[i]}) {choice[lang]}" for i, choice in enumerate(question["choices"])]
        else:
            lines.append("   - " + tr(en="(a number)", vi="(một con số)"))
        lines += ["", f"   <details><summary>{tr(en='Answer', vi='Đáp án')}</summary>", "",
                  f"   **{_right_answer(question)}**. {question['why'][lang]}", "", "   </details>", ""]
    return "\n".join(lines)


def _question_widget(question: dict) -> object:
    """One question as a form in the current language; a wrong answer offers the right one and its reason."""
    import ipywidgets as widgets

    lang = get_language()
    if "choices" in question:
        field = widgets.RadioButtons(options=[(f"({LETTERS[i]}) {c[lang]}", i)
                                              for i, c in enumerate(question["choices"])],
                                     value=None, layout=widgets.Layout(width="auto"))
    else:
        field = widgets.Text(placeholder=tr(en="a number", vi="một con số"), layout=widgets.Layout(width="12em"))
    button = widgets.Button(description=tr(en="Check", vi="Kiểm tra"))
    feedback = widgets.HTML()
    why = html.escape(question["why"][lang])

    def verdict() -> str:
        if field.value in (None, ""):
            return tr(en="Choose an answer first.", vi="Hãy chọn một đáp án trước.")
        if "choices" in question:
            right = field.value == question["answer"]
        else:
            try:
                given = float(field.value.replace(",", ".").replace("−", "-"))
            except ValueError:
                return tr(en="Write a number, e.g. 0.5.", vi="Hãy viết một con số, ví dụ 0.5.")
            right = abs(given - question["number"]) <= question["tolerance"] + 1e-12
        if right:
            return f"✓ {why}"
        return (tr(en="✗ Not quite: think again.", vi="✗ Chưa đúng: hãy nghĩ lại.")
                + f" <details><summary>{tr(en='Show the answer', vi='Xem đáp án')}</summary>"
                  f"<b>{html.escape(_right_answer(question))}</b>. {why}</details>")

    def on_click(_: object) -> None:
        with language(lang):  # the click may come later, from another context: answer in the form's language
            feedback.value = verdict()

    button.on_click(on_click)
    return widgets.VBox([widgets.HTML(f"<b>{html.escape(question['question'][lang])}</b>"), field,
                         widgets.HBox([button, feedback])])


def show_quiz(lesson: str) -> None:
    """Display the quiz of ``lesson``: a widget where ipywidgets runs, with Markdown as the static fallback."""
    from IPython.display import display

    markdown = quiz_markdown(lesson)
    bundle = {"text/markdown": markdown, "text/plain": markdown}
    try:
        import ipywidgets as widgets
    except ImportError:
        display(bundle, raw=True)
        return
    form = widgets.VBox([_question_widget(q) for q in questions(lesson)])
    # The widget view as ipywidgets 7 (Colab's) and 8 both write it; 7 has no Widget._repr_mimebundle_.
    bundle["application/vnd.jupyter.widget-view+json"] = {"version_major": 2, "version_minor": 0,
                                                           "model_id": form.model_id}
    bundle["text/markdown"] = bundle["text/plain"] = markdown
    display(bundle, raw=True)
