"""The course website: every lesson as a page and as a reveal.js deck, in both languages, offline.

``python notebooks/build.py --site OUT`` calls :func:`build_site`, which writes

    OUT/index.html                    the course map, both languages, with links
    OUT/{vi,en}/NN_name.html          each committed, executed notebook as a page (nbconvert HTML)
    OUT/{vi,en}/NN_name.slides.html   its deck (nbconvert slides, from the cells' ``slideshow`` metadata;
                                      what the cells print and draw, not their code: a lecture, not a notebook)
    OUT/reveal.js/                    the few reveal.js files the decks load

Nothing is fetched at build or view time. Formulas are converted to MathML here, by latex2mathml,
and browsers render MathML themselves, so neither MathJax nor a CDN is needed; reveal.js is copied
from the sphinx-revealjs package, which ships its distribution unmodified. nbconvert's templates
load jQuery, RequireJS, MathJax and mermaid from CDNs; the templates below drop those blocks.
"""

import html
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import nbformat
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

LANGUAGES = ("vi", "en")
REVEAL_FILES = ("LICENSE", "dist/reveal.css", "dist/reveal.js", "dist/theme/white.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js")
WORDS = {
    "vi": {"page": "bài", "slides": "trình chiếu", "home": "Mục lục khóa học", "other": "English",
           "teaching": "giáo án 50 phút", "colab": "Mở trong Colab"},
    "en": {"page": "page", "slides": "slides", "home": "Course map", "other": "Tiếng Việt",
           "teaching": "50-minute path", "colab": "Open in Colab"},
}
COLAB = "https://colab.research.google.com/github/{repository}/blob/{branch}/notebooks/{lang}/{stem}.ipynb"
CSS = """
math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; }
math[display="block"] { margin: 0.6em 0; overflow-x: auto; }
.course-nav { font: 14px/1.5 system-ui, sans-serif; padding: 8px 12px; border-bottom: 1px solid #ddd; }
.course-nav a { margin-right: 1.2em; }
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
"""

DECK_TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js %}{% endblock html_head_js %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_css %}<style>{{ resources.course.css }}
.course-nav { position: fixed; bottom: 0; left: 0; z-index: 40; border: 0; background: transparent; }
.reveal h1, .reveal h2, .reveal h3, .reveal h4 { text-transform: none !important; }
.reveal .slides section { max-height: 100%; overflow-y: auto; }
</style>{% endblock html_head_css %}
{% block body_footer %}</div></div></main>
<nav class="course-nav">{{ resources.course.nav }}</nav>
</body>{% endblock body_footer %}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({controls: true, progress: true, hash: true, slideNumber: "c/t",
                   transition: "none", width: 1280, height: 800, plugins: [RevealNotes]});
</script>
{% endblock footer_js %}
"""


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
        return MarkdownWithMath(renderer=renderer).render(source)


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
        raise FileNotFoundError(f"{lang}/{path.name} is missing: run `python notebooks/build.py {stem[:2]}` first")
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


def write_lesson(lesson: Lesson, lang: str, nb: nbformat.NotebookNode, out: Path, teaching: bool,
                 colab: str | None = None) -> list[Path]:
    """Write the page and the deck of one lesson in one language, linking its notebook on Colab when
    ``colab`` names the GitHub repository (``owner/name``); return their paths."""
    folder = out / lang
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.from_dict(nb)
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
        body, _ = exporter.from_notebook_node(nb, resources={"course": course,
                                                             "metadata": {"name": lesson.stem}})
        target = folder / f"{lesson.stem}{'.slides' if deck else ''}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def write_teaching(lesson: Lesson, source: Path, out: Path) -> Path:
    """Render the instructor's note ``source`` (Markdown, both languages) as ``out/teaching/NN_name.html``."""
    renderer = MathMLRenderer(escape=False)
    body = MarkdownWithMath(renderer=renderer).render(source.read_text(encoding="utf-8"))
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
