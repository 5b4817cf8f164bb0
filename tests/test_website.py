"""The website's pieces, without a browser: formulas become MathML, nothing is loaded from a network,
titles come from each notebook's first heading, the deck maker cuts short slides and keeps the prose in
notes, figures get alt text. (tests/test_browser.py
renders the built site in Chromium.)"""

import base64
import io
import re
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pytest

from notebooks import website

ROOT = Path(__file__).resolve().parent.parent

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def _png() -> str:
    figure, axes = plt.subplots(figsize=(1, 1))
    axes.plot([0, 1], [0, 1])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode()


def _notebook() -> nbformat.NotebookNode:
    title = nbformat.v4.new_markdown_cell("# 09 — Một bài thử\n\nVới $p_g = p_{\\text{data}}$:\n\n"
                                          "$$D^*(x) = \\frac{p_{\\text{data}}(x)}{p_{\\text{data}}(x) + p_g(x)}$$")
    title.metadata["slideshow"] = {"slide_type": "slide"}
    hidden = nbformat.v4.new_markdown_cell("A long aside that the deck leaves out.")
    hidden.metadata["slideshow"] = {"slide_type": "skip"}
    figure = nbformat.v4.new_code_cell("draw()", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/png": _png(), "text/plain": "<Figure>"})])
    figure.metadata["slideshow"] = {"slide_type": "subslide"}
    return nbformat.v4.new_notebook(cells=[title, hidden, figure],
                                    metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})


def test_formulas_become_mathml():
    html = website.MarkdownWithMath(renderer=website.MathMLRenderer(escape=False)).render(
        "Inline $\\log 4$ and display\n\n$$\\min_G \\max_D V(G, D)$$\n")
    assert html.count("<math") == 2 and 'display="block"' in html
    assert "$" not in html and "\\log" not in html


def test_title_is_the_first_heading_without_its_number():
    assert website.title_of(_notebook(), "09_test") == "Một bài thử"
    with pytest.raises(ValueError, match="heading"):
        website.title_of(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("no heading")]), "09_x")


@pytest.mark.parametrize("deck", [False, True], ids=["page", "deck"])
def test_pages_and_decks_load_nothing_from_a_network(tmp_path, deck):
    lesson = website.Lesson(stem="09_test", titles={"vi": "Một bài thử", "en": "A test"})
    page, slides = website.write_lesson(lesson, "vi", _notebook(), tmp_path, teaching=False)
    html = (slides if deck else page).read_text(encoding="utf-8")
    assert not REMOTE.search(html), REMOTE.search(html).group(0)
    assert "mathjax" not in html.lower() and "require.js" not in html.lower()
    assert html.count("<math") == 2 and "data:image/png;base64," in html
    assert '<html lang="vi">' in html and "09 — Một bài thử" in html
    if deck:
        assert "../reveal.js/dist/reveal.js" in html
        assert "A long aside" not in html, "a cell with slide type 'skip' is on the deck"
        assert ">draw<" not in html, "the deck shows the code, not only what it draws"
    else:
        assert "A long aside" in html and ">draw<" in html


def test_reveal_files_are_copied(tmp_path):
    website.copy_reveal(tmp_path)
    for name in website.REVEAL_FILES:
        assert (tmp_path / "reveal.js" / name).exists(), name
    assert "Reveal" in (tmp_path / "reveal.js" / "dist" / "reveal.js").read_text(encoding="utf-8")[:2000]


def test_colab_links_follow_the_documented_template(tmp_path):
    assert website.colab_url("someone/gan-course", "vi", "01_counterfeiter") == (
        "https://colab.research.google.com/github/someone/gan-course/blob/main/notebooks/vi/01_counterfeiter.ipynb")
    with pytest.raises(ValueError, match="owner/name"):
        website.colab_url("https://github.com/someone/gan-course", "vi", "01_counterfeiter")
    lesson = website.Lesson(stem="09_test", titles={"vi": "Một bài thử", "en": "A test"})
    page, _ = website.write_lesson(lesson, "en", _notebook(), tmp_path, teaching=False, colab="someone/gan-course")
    assert "github/someone/gan-course/blob/main/notebooks/en/09_test.ipynb" in page.read_text(encoding="utf-8")


def test_a_formula_wrapped_onto_a_plus_line_stays_a_formula():
    # en/04 exercise 3 and en/08: "+ " at the start of a wrapped line made a list item of half a formula
    html = website.render_markdown("with $\\hat x = \\epsilon\\, x_{\\text{real}}\n+ (1 - \\epsilon)\\, x$, one\n"
                                   "$\\epsilon$ per sample; code `$x$` stays", website.MathMLRenderer(escape=False))
    assert "<li>" not in html and html.count("<math") == 2, html
    assert "\\epsilon" not in html and "<code>$x$</code>" in html


def test_prose_words_leave_out_formulas_and_code():
    assert website.prose_words("The **loss** $\\log(1 - D(G(z)))$ saturates, see `train_gan`.\n\n$$x^2$$") == 4
    assert website.prose_words("Mạng đối sinh $G$") == 3  # a Vietnamese syllable is a word


def _long_lesson() -> nbformat.NotebookNode:
    words = " ".join(f"Word{i}" for i in range(80))
    section = nbformat.v4.new_markdown_cell(
        f"## The value function\n\nA short first sentence. {words}.\n\n$$V(G, D) = \\log D(x)$$\n\n"
        f"{words}. So the best police are:\n\n$$D^*(x) = \\frac{{1}}{{2}}$$\n\nLast words after the formulas.")
    section.metadata["slideshow"] = {"slide_type": "slide"}
    widget = nbformat.v4.new_code_cell("widget()", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "w"})])
    widget.metadata["slideshow"] = {"slide_type": "subslide"}
    figure = nbformat.v4.new_code_cell("draw()", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/png": _png(), "text/plain": "<Figure>"})])
    figure.metadata["slideshow"] = {"slide_type": "skip"}  # a figure is shown even from a skipped cell
    return nbformat.v4.new_notebook(cells=[_notebook().cells[0], section, widget, figure])


def test_deck_slides_show_one_thing_and_keep_the_prose_in_notes():
    deck = website.deck_notebook(_long_lesson())
    slides = [c for c in deck.cells if c.metadata["slideshow"]["slide_type"] == "slide"]
    notes = "\n".join(c.source for c in deck.cells if c.metadata["slideshow"]["slide_type"] == "notes")
    assert len(slides) == 4, [s.source[:40] for s in slides]  # the title, two formulas, the figure
    assert all(website.prose_words(s.source) <= website.DECK_WORDS for s in slides), [s.source for s in slides]
    assert "A short first sentence." in slides[1].source and "$$V(G, D)" in slides[1].source
    assert slides[2].source.endswith("$$D^*(x) = \\frac{1}{2}$$") and "So the best police are:" in slides[2].source
    assert "Word79" in notes and "Last words after the formulas." in slides[3].source  # no prose is lost
    outputs = [o for c in deck.cells if c.cell_type == "code" for o in c.outputs]
    assert len(outputs) == 1 and "image/png" in outputs[0].data, "the widget made a slide, or the figure none"


def test_a_wordy_table_keeps_its_slide_within_the_word_limit_by_moving_the_lead_to_the_notes():
    # Lesson 08 (vi): heading 10 words + lead 20 + table 44 made a 74-word slide.
    lead = "Như bài 05, biến TIER quyết định bài này huấn luyện bao lâu, tính bằng epoch, một lượt qua toàn bộ dữ liệu:"
    row = " | ".join(" ".join(["chữ"] * 5) for _ in range(4))
    table = "| a | b | c | d |\n|---|---|---|---|\n" + "\n".join(f"| {row} |" for _ in range(2))
    cell = nbformat.v4.new_markdown_cell(f"## Ba mức tính toán và những chữ số để riêng\n\n{lead}\n\n{table}")
    cell.metadata["slideshow"] = {"slide_type": "slide"}
    deck = website.deck_notebook(nbformat.v4.new_notebook(cells=[_notebook().cells[0], cell]))
    slides = [c.source for c in deck.cells if c.metadata["slideshow"]["slide_type"] == "slide"]
    notes = "\n".join(c.source for c in deck.cells if c.metadata["slideshow"]["slide_type"] == "notes")
    assert website.prose_words(table) <= website.DECK_WORDS - 15 < website.prose_words(lead + table)
    assert all(website.prose_words(slide) <= website.DECK_WORDS for slide in slides), slides
    assert any(table.splitlines()[2] in slide for slide in slides) and lead in notes  # nothing is lost


def test_deck_shows_an_empty_widget_cell_nowhere(tmp_path):
    lesson = website.Lesson(stem="09_test", titles={"vi": "Một bài thử", "en": "A test"})
    _, slides = website.write_lesson(lesson, "en", _long_lesson(), tmp_path, teaching=False)
    html = slides.read_text(encoding="utf-8")
    assert html.count('<aside class="notes">') >= 2 and "Word79" in html
    assert not re.search(r"<section[^>]*>\s*</section>", html), "an empty slide"


def _titled_png(title: str) -> str:
    figure, axes = plt.subplots(figsize=(1, 1))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Title": title})
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_figures_get_alt_text_from_their_title_or_section(tmp_path, lang):
    nb = _notebook()
    nb.cells.append(nbformat.v4.new_code_cell("draw()", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/png": _titled_png("Mật độ của bộ sinh"), "text/plain": "<Figure>"})]))
    lesson = website.Lesson(stem="09_test", titles={"vi": "Một bài thử", "en": "A test"})
    page, slides = website.write_lesson(lesson, lang, nb, tmp_path, teaching=False)
    for html in (page.read_text(encoding="utf-8"), slides.read_text(encoding="utf-8")):
        alts = re.findall(r'<img[^>]*\salt="([^"]*)"', html)
        assert len(alts) == 2 and "No description" not in html, alts
        assert alts[1] == "Mật độ của bộ sinh"
        assert alts[0] == website.FIGURE_IN[lang].format("09 — Một bài thử")


def test_a_figure_png_carries_its_titles():
    from ganlib.plots import titles

    figure, (left, right) = plt.subplots(1, 2, figsize=(2, 1))
    figure.suptitle("Hai mật độ")
    left.set_title("$p_g$")
    right.set_title("D*", loc="right")
    png = base64.b64encode(titles.titled_png(figure)).decode()
    plt.close(figure)
    assert titles.figure_title(figure) == "Hai mật độ · $p_g$ · D*"
    assert website.png_title(png) == "Hai mật độ · p g · D"
    assert website.png_title(_png()) == "", "an untitled figure's PNG has a title"
