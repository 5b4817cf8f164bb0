"""The course website: every lesson as a page and as a reveal.js deck, in both languages, offline.

``python notebooks/build.py site OUT`` calls :func:`build_site`, which writes

    OUT/index.html                    the course map, both languages, with links
    OUT/{vi,en}/NN_name.html          each committed, executed notebook as a page (nbconvert HTML)
    OUT/{vi,en}/NN_name.slides.html   its lecture deck (reveal.js via nbconvert): :func:`deck_notebook` cuts
                                      the lesson into slides of one formula, figure, result or short list,
                                      each under its heading with one short lead; the rest of the prose goes
                                      into speaker notes (press "s"); code, setup and widgets stay out
    OUT/reveal.js/                    the few reveal.js files the decks load

Nothing is fetched at build or view time. Formulas are taken out of the Markdown before it is parsed and
converted to MathML here, by latex2mathml,
and browsers render MathML themselves, so neither MathJax nor a CDN is needed; reveal.js is copied
from the sphinx-revealjs package, which ships its distribution unmodified. nbconvert's templates
load jQuery, RequireJS, MathJax and mermaid from CDNs; the templates below drop those blocks.
"""

import base64
import html
import io
import re
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
import nbformat
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from PIL import Image

LANGUAGES = ("vi", "en")
REVEAL_FILES = ("LICENSE", "dist/reveal.css", "dist/reveal.js", "dist/theme/white.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js")
WORDS = {
    "vi": {"page": "bài", "slides": "trình chiếu", "home": "Mục lục khóa học", "other": "English",
           "teaching": "giáo án 50 phút", "colab": "Mở trong Colab"},
    "en": {"page": "page", "slides": "slides", "home": "Course map", "other": "Tiếng Việt",
           "teaching": "50-minute path", "colab": "Open in Colab"},
}
FIGURE_IN = {"vi": "Hình trong mục “{}”", "en": "Figure in the section “{}”"}  # alt text of an untitled figure
COLAB = "https://colab.research.google.com/github/{repository}/blob/{branch}/notebooks/{lang}/{stem}.ipynb"
CSS = """
math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; }
math[display="block"] { margin: 0.6em 0; overflow-x: auto; }
.course-nav { font: 14px/1.5 system-ui, sans-serif; padding: 8px 12px; border-bottom: 1px solid #ddd; }
.course-nav a { margin-right: 1.2em; }
"""

# nbconvert's image block, with the alt text :func:`with_alt_text` stored in the output's metadata.
FIGURE_BLOCK = """{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ output | get_metadata('alt', 'image/png') | escape_html }}">
</div>
{% endblock data_png %}
"""

PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js %}{% endblock html_head_js %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}
{% block html_head_css %}<style>{{ resources.course.css }}</style>{% endblock html_head_css %}
{% block body_header %}{{ super() }}
<nav class="course-nav">{{ resources.course.nav }}</nav>
{% endblock body_header %}
""" + FIGURE_BLOCK

DECK_TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js %}{% endblock html_head_js %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_css %}<style>{{ resources.course.css }}
.course-nav { position: fixed; bottom: 0; left: 0; z-index: 40; border: 0; background: transparent; }
.reveal h1, .reveal h2, .reveal h3, .reveal h4 { text-transform: none !important; }
.reveal .slides section { font-size: 28px; }
.reveal .slides section .jp-RenderedHTMLCommon { font-size: 28px; line-height: 1.4; }
.reveal .slides section h1 { font-size: 48px; }
.reveal .slides section h2, .reveal .slides section h3 { font-size: 40px; }
.reveal .slides section img { max-height: 430px; max-width: 100%; width: auto; object-fit: contain; }
.reveal .slides section pre { font-size: 19px; line-height: 1.3; }
.reveal .slides section math[display="block"] { overflow: visible; font-size: 28px; }
.reveal .slides section .jp-InputArea, .reveal .slides section .jp-RenderedHTMLCommon,
.reveal .slides section .jp-OutputArea-output { overflow: visible; }
</style>{% endblock html_head_css %}
{% block body_footer %}</div></div></main>
<nav class="course-nav">{{ resources.course.nav }}</nav>
</body>{% endblock body_footer %}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({controls: true, progress: true, hash: true, slideNumber: "c/t",
                   transition: "none", width: 1280, height: 720, plugins: [RevealNotes]});
</script>
{% endblock footer_js %}
""" + FIGURE_BLOCK


@dataclass(frozen=True)
class Lesson:
    """One lesson: its file stem (``03_kl_js_vanishing_gradients``) and its title in each language."""

    stem: str
    titles: dict[str, str]

    @property
    def number(self) -> str:
        return self.stem[:2]


class MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer, with each formula written as MathML instead of left for MathJax."""

    def block_math(self, body: str) -> str:
        return latex_to_mathml(body, display="block")

    def latex_environment(self, name: str, body: str) -> str:
        return latex_to_mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", display="block")

    def inline_math(self, body: str) -> str:
        return latex_to_mathml(body)


# A formula, found before Markdown sees the text: "$$...$$", "$...$" or a LaTeX environment; fenced
# code and code spans are matched too, so that a "$" inside code stays code.
MATH_OR_CODE = re.compile(r"(?P<fence>^```.*?^```)|(?P<code>`[^`\n]+`)"
                          r"|\$\$(?P<display>.+?)\$\$|\\begin\{(?P<env>\w+\*?)\}(?P<body>.*?)\\end\{(?P=env)\}"
                          r"|(?<![\\$])\$(?P<inline>[^\s$](?:[^$]*?[^\s\\$])?)\$(?!\$)", re.DOTALL | re.MULTILINE)
PLACEHOLDER = re.compile(r"MATHPLACEHOLDER(\d+)END")  # plain letters: Markdown leaves them alone


def protect_math(source: str) -> tuple[str, list[tuple[str, str]]]:
    """``source`` with each formula replaced by a placeholder Markdown cannot parse, and the formulas as
    (``"display"`` or ``"inline"``, TeX) pairs. A formula wrapped onto a line that starts with "+ " or "1. "
    would otherwise become a list item and its TeX would show raw."""
    formulas: list[tuple[str, str]] = []

    def replace(match: re.Match) -> str:
        if match["fence"] or match["code"]:
            return match[0]
        if match["env"]:
            formulas.append(("display", f"\\begin{{{match['env']}}}{match['body']}\\end{{{match['env']}}}"))
        else:
            formulas.append(("display", match["display"]) if match["display"] is not None
                            else ("inline", match["inline"]))
        return f"MATHPLACEHOLDER{len(formulas) - 1}END"

    return MATH_OR_CODE.sub(replace, source), formulas


def render_markdown(source: str, renderer: MathMLRenderer) -> str:
    """Markdown to HTML with every formula as MathML, the formulas taken out before Markdown is parsed."""
    text, formulas = protect_math(source)
    body = MarkdownWithMath(renderer=renderer).render(text)

    def mathml(match: re.Match) -> str:
        kind, tex = formulas[int(match[1])]
        return latex_to_mathml(tex.strip(), display="block" if kind == "display" else "inline")

    body = re.sub(r'(?:id|href)="[^"]*"', lambda m: PLACEHOLDER.sub("math", m[0]), body)  # heading anchors
    body = re.sub(r"<p>\s*(MATHPLACEHOLDER\d+END)\s*</p>", lambda m: PLACEHOLDER.sub(mathml, m[1]), body)
    return PLACEHOLDER.sub(mathml, body)


class _MathMLMarkdown:
    """The ``markdown2html`` filter of both exporters, rendering with :class:`MathMLRenderer`."""

    @jinja2.pass_context
    def markdown2html(self, context: dict, source: str) -> str:
        cell = context.get("cell", {})
        renderer = MathMLRenderer(escape=False, attachments=cell.get("attachments", {}),
                                  embed_images=self.embed_images,
                                  path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                                  anchor_link_text=self.anchor_link_text,
                                  exclude_anchor_links=self.exclude_anchor_links, **self.lexer_options)
        return render_markdown(source, renderer)


class PageExporter(_MathMLMarkdown, HTMLExporter):
    """A lesson page: nbconvert's lab HTML with MathML formulas and nothing loaded from a network."""


class DeckExporter(_MathMLMarkdown, SlidesExporter):
    """A lesson deck: nbconvert's reveal.js slides with MathML formulas and reveal.js from ``../reveal.js``."""


def title_of(nb: nbformat.NotebookNode, stem: str) -> str:
    """The text of the notebook's first ``# `` heading, without its ``NN — `` prefix."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(?:\d+\s*[—–-]\s*)?(.+?)\s*$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1)
    raise ValueError(f"{stem}.ipynb has no '# ' heading in a markdown cell: its first heading is the title")


def _read(folder: Path, lang: str, stem: str) -> nbformat.NotebookNode:
    path = folder / lang / f"{stem}.ipynb"
    if not path.exists():
        raise FileNotFoundError(f"{lang}/{path.name} is missing: run `python notebooks/build.py build {stem[:2]}` first")
    return nbformat.read(path, as_version=4)


def reveal_source() -> Path:
    """The reveal.js distribution shipped inside the sphinx-revealjs package."""
    try:
        root = Path(str(resources.files("sphinx_revealjs") / "_static" / "revealjs"))
    except ModuleNotFoundError:
        raise ModuleNotFoundError("the decks need reveal.js, which the package sphinx-revealjs ships: "
                                  "pip install -r requirements.txt") from None
    missing = [name for name in REVEAL_FILES if not (root / name).exists()]
    if missing:
        raise FileNotFoundError(f"sphinx-revealjs at {root} lacks {missing}: install the version in requirements.txt")
    return root


def copy_reveal(out: Path) -> None:
    """Copy the reveal.js files the decks load into ``out/reveal.js``."""
    source = reveal_source()
    for name in REVEAL_FILES:
        target = out / "reveal.js" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (source / name).is_dir():
            shutil.copytree(source / name, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source / name, target)


def _exporter(kind: type, template: str, lang: str, **options: object) -> HTMLExporter:
    return kind(extra_loaders=[jinja2.DictLoader({"course.html.j2": template})], template_file="course.html.j2",
                language_code=lang, **options)


def _link(href: str, text: str, lang: str | None = None) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return f'<a href="{html.escape(href)}"{lang_attr}>{html.escape(text)}</a>'


def colab_url(repository: str, lang: str, stem: str, *, branch: str = "main") -> str:
    """The "Open in Colab" link of a lesson notebook on GitHub; ``repository`` is ``owner/name``."""
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        raise ValueError(f"repository must be GitHub's owner/name, e.g. someone/gan-course, got {repository!r}")
    return COLAB.format(repository=repository, branch=branch, lang=lang, stem=stem)


def _nav(lesson: Lesson, lang: str, teaching: bool, deck: bool, colab: str | None) -> str:
    other = "en" if lang == "vi" else "vi"
    words = WORDS[lang]
    links = [_link("../index.html", words["home"]),
             _link(f"{lesson.stem}.html" if deck else f"{lesson.stem}.slides.html",
                   words["page"] if deck else words["slides"]),
             _link(f"../{other}/{lesson.stem}{'.slides' if deck else ''}.html", words["other"], other)]
    if teaching:
        links.append(_link(f"../teaching/{lesson.stem}.html", words["teaching"]))
    if colab:
        links.append(_link(colab_url(colab, lang, lesson.stem), words["colab"]))
    return " ".join(links)


# The decks are cut from the lesson by rule, one thing to look at per slide (the course's slides guide):
# each heading starts a slide; a section's display formulas, figures, short printed results, short code
# and tables each get a slide of their own; a slide shows its heading and one short lead sentence, and
# the rest of the section's prose goes into the speaker notes. Cells of slide type "skip" stay out (but
# a figure is always shown), "notes" cells go into the notes.
DECK_WORDS = 60  # the most words of prose a slide may show (outside formulas, code and notes)
LEAD_WORDS = 30  # the longest sentence shown as a slide's lead
RESULT_LINES, RESULT_WIDTH = 8, 100  # a printed result longer or wider than this stays in the notes
NO_DECK_MIMES = ("application/vnd.jupyter.widget-view+json",)  # no static form: a widget never makes a slide
WORD = re.compile(r"[^\W_]")


def prose_words(markdown: str) -> int:
    """The words a reader sees in ``markdown`` outside formulas and code: whitespace-separated tokens with
    at least one letter or digit (a Vietnamese syllable counts as a word)."""
    text, _ = protect_math(markdown)
    text = re.sub(r"^```.*?^```|`[^`\n]+`|MATHPLACEHOLDER\d+END", " ", text, flags=re.DOTALL | re.MULTILINE)
    return sum(1 for token in text.split() if WORD.search(token))


def _restore(text: str, formulas: list[tuple[str, str]]) -> str:
    """Undo :func:`protect_math`: each placeholder back to its formula with its dollars."""
    def formula(match: re.Match) -> str:
        kind, tex = formulas[int(match[1])]
        dollars = "$$" if kind == "display" else "$"
        return f"{dollars}{tex}{dollars}"

    return PLACEHOLDER.sub(formula, text)


def _blocks(source: str) -> list[tuple[str, str]]:
    """``source`` cut into (kind, Markdown) blocks at blank lines and around a display formula on its own
    line: kind is heading, display, table, code, list or paragraph."""
    text, formulas = protect_math(source)

    def kind_of(piece: str) -> str:
        match = PLACEHOLDER.fullmatch(piece.strip().rstrip(".,;:"))
        if match and formulas[int(match[1])][0] == "display":
            return "display"
        for kind, pattern in (("heading", r"#"), ("code", r"```"), ("table", r"\s*\|"),
                              ("list", r"\s*(?:[-*+]|\d+[.)])\s")):
            if re.match(pattern, piece):
                return kind
        return "paragraph"

    parts: list[str] = []
    for part in re.split(r"\n\s*\n", text.strip()):
        if parts and parts[-1].count("```") % 2:  # a blank line inside a code fence
            parts[-1] += "\n\n" + part
        else:
            parts.append(part)
    blocks: list[str] = []
    for part in parts:
        lines: list[str] = []
        for line in part.splitlines():
            if kind_of(line) == "display" and not part.startswith("```"):
                blocks += ["\n".join(lines), line] if lines else [line]
                lines = []
            else:
                lines.append(line)
        if lines:
            blocks.append("\n".join(lines))
    return [(kind_of(block), _restore(block, formulas)) for block in blocks if block.strip()]


def _sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``: a sentence ends at ".", "!", "?" or ":" before a capital letter."""
    text, formulas = protect_math(paragraph)
    capital = r"(?=[*_(\[]*(?:[A-ZĐ\u00C0-\u00DD\u1EA0-\u1EF8]|MATHPLACEHOLDER))"
    return [_restore(part, formulas) for part in re.split(r"(?<=[.!?:])\s+" + capital, " ".join(text.split()))]


@dataclass
class _Slide:
    """One slide of a deck while it is made: its heading, its lead, the one thing shown and its notes."""

    heading: str
    lead: str = ""
    shown: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def _short_list(block: str) -> str:
    """The items of a Markdown list as a slide shows them: each cut to its first clause (its first sentence
    when that clause is under three words), an item whose clause is over twenty words left out, at most six
    items and DECK_WORDS - 15 words in all; "" if none fits."""
    text, formulas = protect_math(block)
    shown: list[str] = []
    for item in re.split(r"\n(?=\s*(?:[-*+]|\d+[.)])\s)", text.strip()):
        body = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", " ".join(item.split()))
        clause = re.split(r"(?<=\S):\s|;\s|\s[—–]\s|(?<=[.!?])\s", body)[0]
        if prose_words(clause) < 3:  # "Each round: ..." says nothing alone
            clause = re.split(r"(?<=[.!?])\s", body)[0]
        clause = clause.rstrip(".,;:")
        if not 3 <= prose_words(clause) <= 20:
            continue
        if len(shown) == 6 or prose_words("\n".join(shown + [clause])) > DECK_WORDS - 15:
            break
        shown.append(f"- {clause}")
    return _restore("\n".join(shown), formulas)


def _lead(prose: list[tuple[str, str]], *, last: bool) -> tuple[str, list[tuple[str, str]]]:
    """The lead of a slide from its prose blocks (the first sentence, or with ``last`` the sentence just
    before the slide's formula or figure when it introduces it with ":"), and the prose left for the notes."""
    texts = [(i, kind, text) for i, (kind, text) in enumerate(prose) if kind in ("paragraph", "list")]
    if not texts:
        return "", prose
    if last:
        i, kind, text = texts[-1]
        sentences = _sentences(text) if kind == "paragraph" else []
        if sentences and sentences[-1].rstrip().endswith(":") and prose_words(sentences[-1]) <= LEAD_WORDS:
            rest = " ".join(sentences[:-1])
            return sentences[-1], prose[:i] + ([("paragraph", rest)] if rest else []) + prose[i + 1:]
    i, kind, text = texts[0]
    if kind == "list":
        short = _short_list(text)
        return (short, prose) if short else ("", prose)
    sentences = _sentences(text)
    if prose_words(sentences[0]) > LEAD_WORDS:
        return "", prose
    rest = " ".join(sentences[1:])
    return sentences[0], prose[:i] + ([("paragraph", rest)] if rest else []) + prose[i + 1:]


def _first_column(table: str) -> str:
    """A Markdown table reduced to a list of its first column (the header row left out)."""
    rows = [row for row in table.strip().splitlines()[2:] if row.strip().startswith("|")]
    return "\n".join(f"- {row.strip().strip('|').split('|')[0].strip()}" for row in rows)


def _shown_markdown(kind: str, text: str) -> tuple[str, str] | None:
    """How a formula, table or code block of the lesson shows on a slide: (Markdown shown, Markdown left
    for the notes), or None when it is too long to show."""
    if kind == "display":
        return text, ""
    if kind == "code":
        lines = text.strip().splitlines()[1:-1]
        fits = len(lines) <= RESULT_LINES and max(map(len, lines), default=0) <= RESULT_WIDTH
        return (text, "") if fits else None
    rows = [row for row in text.strip().splitlines() if row.strip().startswith("|")]
    if len(rows) <= RESULT_LINES and prose_words(text) <= DECK_WORDS - 15:
        return text, ""
    short = _first_column(text)
    if len(rows) - 2 <= RESULT_LINES and prose_words(short) <= DECK_WORDS - 15:
        return short, text
    return None


def _result(output: nbformat.NotebookNode) -> bool:
    """Whether a printed output is short enough to be a slide's result."""
    lines = output.text.rstrip("\n").splitlines()
    return 0 < len(lines) <= RESULT_LINES and max(map(len, lines)) <= RESULT_WIDTH


def _items(nb: nbformat.NotebookNode) -> list[tuple[str, object]]:
    """The lesson as a flat list of (kind, payload): heading, prose (kind, Markdown), notes (Markdown),
    shown (Markdown) and output (a code cell's output)."""
    items = []
    for cell in nb.cells:
        slide_type = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if cell.cell_type == "markdown" and slide_type != "skip":
            notes = slide_type == "notes"
            for kind, text in _blocks(cell.source):
                if kind == "heading":  # a heading inside a notes cell starts a section of its own
                    items.append(("heading", text))
                    notes = False
                elif notes:
                    items.append(("notes", text))
                elif kind in ("display", "table", "code"):
                    shown = _shown_markdown(kind, text)
                    if shown:
                        items.append(("shown", shown[0]))
                        if shown[1]:
                            items.append(("notes", shown[1]))
                    else:
                        items.append(("notes", text))
                else:
                    items.append(("prose", (kind, text)))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if any(mime in data for mime in NO_DECK_MIMES):
                    continue
                if "image/png" in data:
                    items.append(("output", output))
                elif slide_type == "skip":
                    continue
                elif output.output_type == "stream" and output.name == "stdout":
                    items.append(("output", output) if _result(output)
                                 else ("notes", f"```\n{output.text.rstrip()}\n```"))
                elif "text/markdown" in data:
                    items.append(("notes", data["text/markdown"]))
    return items


def _sections(items: list[tuple[str, object]]) -> list[tuple[str, list]]:
    """The items grouped under their heading."""
    sections: list[tuple[str, list]] = []
    for kind, payload in items:
        if kind == "heading":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
    return sections


def _section_slides(heading: str, items: list) -> list[_Slide]:
    """The slides of one section: one per thing shown, each with its lead, the rest of the prose in notes."""
    slides, prose, notes = [], [], []
    for kind, payload in items:
        if kind == "prose":
            prose.append(payload)
        elif kind == "notes":
            (slides[-1].notes if slides and not prose else notes).append(payload)
        else:
            lead, rest = _lead(prose, last=bool(slides))
            above = prose_words(heading) + prose_words(lead)
            shown_words = prose_words(payload) if kind == "shown" else 0  # a table's words count too
            if above > DECK_WORDS - 15 or above + shown_words > DECK_WORDS:
                lead, rest = "", prose
            slides.append(_Slide(heading=heading, lead=lead, shown=[(kind, payload)],
                                 notes=notes + [text for _, text in rest]))
            prose, notes = [], []
    if not slides:
        lead, rest = _lead(prose, last=False)
        return [_Slide(heading=heading, lead=lead, shown=[], notes=notes + [text for _, text in rest])]
    slides[-1].notes += notes + [text for _, text in prose]
    return slides


def deck_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The lecture deck of a lesson notebook, as a notebook whose cells carry reveal.js slide types: per
    slide a Markdown cell (heading, lead, formula or table), the output shown and a "notes" cell."""
    cells = []
    for heading, items in _sections(_items(nb)):
        for slide in _section_slides(heading, items):
            text = "\n\n".join(filter(None, [slide.heading, slide.lead]
                                      + [p for kind, p in slide.shown if kind == "shown"]))
            cells.append(nbformat.v4.new_markdown_cell(text, metadata={"slideshow": {"slide_type": "slide"}}))
            for kind, output in slide.shown:
                if kind == "output":
                    cells.append(nbformat.v4.new_code_cell("", outputs=[output],
                                                           metadata={"slideshow": {"slide_type": "-"}}))
            if slide.notes:
                cells.append(nbformat.v4.new_markdown_cell("\n\n".join(slide.notes),
                                                           metadata={"slideshow": {"slide_type": "notes"}}))
    return nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)


def png_title(png_base64: str) -> str:
    """The title a PNG carries in its "Title" text chunk (matplotlib writes it from ``savefig(metadata=...)``),
    or "" if it has none."""
    with Image.open(io.BytesIO(base64.b64decode(png_base64))) as image:
        return _plain(str(image.info.get("Title", "")))


def _plain(markdown: str) -> str:
    """Markdown or a figure title as plain text for an alt attribute: no "#", "$", backslash commands or braces."""
    text = re.sub(r"\\[A-Za-z]+|[#$*`{}_^\\]", " ", markdown)
    return " ".join(text.split())


def with_alt_text(nb: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` in which every PNG output has alt text: the figure's own title when its PNG carries
    one, else the heading of the section it is drawn in."""
    nb = nbformat.from_dict(nb)
    heading = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = re.findall(r"^#+\s+(.+?)\s*$", cell.source, flags=re.MULTILINE)
            heading = _plain(found[-1]) if found else heading
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                alt = png_title(output.data["image/png"]) or FIGURE_IN[lang].format(heading)
                output.setdefault("metadata", {}).setdefault("image/png", {})["alt"] = alt
    return nb


def write_lesson(lesson: Lesson, lang: str, nb: nbformat.NotebookNode, out: Path, teaching: bool,
                 colab: str | None = None) -> list[Path]:
    """Write the page and the deck of one lesson in one language, linking its notebook on Colab when
    ``colab`` names the GitHub repository (``owner/name``); return their paths."""
    folder = out / lang
    folder.mkdir(parents=True, exist_ok=True)
    nb = with_alt_text(nb, lang)
    nb.metadata["title"] = f"{lesson.number} — {lesson.titles[lang]}"
    written = []
    for deck in (False, True):
        if deck:
            exporter = _exporter(DeckExporter, DECK_TEMPLATE, lang, reveal_url_prefix="../reveal.js",
                                 reveal_theme="white", exclude_input=True, exclude_input_prompt=True,
                                 exclude_output_prompt=True)
        else:
            exporter = _exporter(PageExporter, PAGE_TEMPLATE, lang)
        course = {"css": CSS, "nav": _nav(lesson, lang, teaching, deck, colab)}
        body, _ = exporter.from_notebook_node(deck_notebook(nb) if deck else nb, resources={"course": course,
                                                             "metadata": {"name": lesson.stem}})
        target = folder / f"{lesson.stem}{'.slides' if deck else ''}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def write_teaching(lesson: Lesson, source: Path, out: Path) -> Path:
    """Render the instructor's note ``source`` (Markdown, both languages) as ``out/teaching/NN_name.html``."""
    body = render_markdown(source.read_text(encoding="utf-8"), MathMLRenderer(escape=False))
    target = out / "teaching" / f"{lesson.stem}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_standalone(f"{lesson.number} — {lesson.titles['vi']} / {lesson.titles['en']}",
                                  f'<p>{_link("../index.html", "Mục lục khóa học · Course map")}</p>\n{body}'),
                      encoding="utf-8")
    return target


def _standalone(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<style>
body {{ font: 16px/1.6 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; }}
a.anchor-link {{ display: none; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 0.35em 0.7em; text-align: left; vertical-align: top; }}
{CSS}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def write_index(lessons: list[Lesson], out: Path, teaching: set[str]) -> Path:
    """Write ``out/index.html``: the course map, each lesson's page and deck in both languages."""
    rows = []
    for lesson in lessons:
        cells = [f"<td>{lesson.number}</td>"]
        for lang in LANGUAGES:
            words = WORDS[lang]
            cells.append(f'<td lang="{lang}">{_link(f"{lang}/{lesson.stem}.html", lesson.titles[lang])}'
                         f' · {_link(f"{lang}/{lesson.stem}.slides.html", words["slides"])}</td>')
        note = (_link(f"teaching/{lesson.stem}.html", "giáo án · instructor's path")
                if lesson.stem in teaching else "")
        cells.append(f"<td>{note}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    body = f"""<h1>Mạng đối sinh (GAN) · Generative adversarial networks</h1>
<p lang="vi">Khóa học về mạng đối sinh bằng tiếng Việt và tiếng Anh. Mỗi bài có một trang (sổ tay đã chạy,
với hình, công thức và kết quả) và một bộ trình chiếu cho giờ lên lớp. Trang này đọc được không cần mạng.</p>
<p lang="en">A course on generative adversarial networks in Vietnamese and English. Each lesson has a page
(the executed notebook, with its figures, formulas and outputs) and a slide deck for the lecture hall.
This site works offline.</p>
<table>
<thead><tr><th>#</th><th lang="vi">Tiếng Việt</th><th lang="en">English</th>
<th>Giảng viên · Instructors</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
"""
    target = out / "index.html"
    target.write_text(_standalone("Mạng đối sinh (GAN) · Generative adversarial networks", body), encoding="utf-8")
    return target


def build_site(out: Path, *, stems: list[str], notebooks: Path, teaching_folder: Path,
               colab: str | None = None) -> list[Path]:
    """Write the whole site into ``out`` from the committed notebooks ``notebooks/{vi,en}/<stem>.ipynb``
    and the instructor notes ``teaching_folder/<stem>.md`` that exist, with "Open in Colab" links when
    ``colab`` names the GitHub repository (``owner/name``); return the files written."""
    if not stems:
        raise ValueError("no lesson to put on the site: notebooks/src/ has no NN_name.py source")
    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(out)
    lessons, written, teaching = [], [], set()
    for stem in stems:
        notes = teaching_folder / f"{stem}.md"
        nbs = {lang: _read(notebooks, lang, stem) for lang in LANGUAGES}
        lesson = Lesson(stem=stem, titles={lang: title_of(nb, stem) for lang, nb in nbs.items()})
        lessons.append(lesson)
        if notes.exists():
            teaching.add(stem)
            written.append(write_teaching(lesson, notes, out))
        for lang, nb in nbs.items():
            written += write_lesson(lesson, lang, nb, out, notes.exists(), colab)
    written.append(write_index(lessons, out, teaching))
    return written
