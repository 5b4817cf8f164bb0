"""Build the Vietnamese and English notebooks from the one bilingual source of each lesson.

A source is ``notebooks/src/NN_name.py`` in jupytext's percent format. Text cells come in pairs
tagged ``vi`` and ``en``; code cells are shared. The first code cell of a source is a one-line cell
tagged ``colab``: the build writes there, in the notebook's language, the cell that installs ganlib
where it is missing (Colab) and picks the language (:func:`colab_cell`, one template for every lesson).
For each language the build keeps that language's cells, executes the notebook top to bottom in a
fresh kernel from its own folder, and writes ``notebooks/vi/NN_name.ipynb`` and ``notebooks/en/NN_name.ipynb``.

A lesson with exercises has, for each exercise, a code cell tagged ``exercise`` (the stub the student
fills in) and one tagged ``solution``. The student notebooks are the whole lesson, with the stubs; a
lesson with solutions also gets solution notebooks, ``notebooks/{vi,en}/solutions/NN_name.ipynb``: the
lesson's opening and its exercise section, with the solutions in place of the stubs (:func:`exercises_only`).
Both are executed, so their check cells print ✗ and ✓ respectively.

    python notebooks/build.py build              # every lesson, both languages
    python notebooks/build.py build 01 03        # lessons whose name starts with 01 or 03
    python notebooks/build.py build 01 --variant solutions   # only the solution notebooks of lesson 01
    python notebooks/build.py check              # are the committed notebooks what the sources make?
    python notebooks/build.py metadata           # copy cell tags and slide types into the committed notebooks
    python notebooks/build.py site OUT           # the course website from the committed notebooks (website.py)

The build runs the student notebooks in full mode (GANLIB_QUICK unset) and the solution notebooks in
quick mode, on the bundled MNIST subset unless GANLIB_DATA says otherwise, so a rebuild on the same
machine writes the same bytes. It hands these settings to each kernel (:func:`kernel_env`) and leaves
its own environment alone, so the tests import it (``from notebooks import build``) without side effects.
"""

import argparse
import builtins
import functools
import json
import os
import string
import symtable
import sys
from collections.abc import Mapping
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent
SOURCES = NOTEBOOKS / "src"
LANGUAGES = ("vi", "en")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CELL_TIMEOUT_S = 1800
VARIANTS = ("student", "solutions")
# A cell with one of these tags appears only in the other variant's notebooks.
LEFT_OUT = {"student": "solution", "solutions": "exercise"}

SOLUTIONS_NOTE = {
    "vi": "*Notebook này chỉ gồm phần bài tập của bài học, kèm lời giải. Toàn bộ bài học nằm ở "
          "[{lesson}.ipynb](../{lesson}.ipynb).*",
    "en": "*This notebook holds only the lesson's exercises, with their solutions. The whole lesson is "
          "[{lesson}.ipynb](../{lesson}.ipynb).*",
}
KNOWN_NAMES = set(dir(builtins)) | {"display", "get_ipython"}  # what a notebook reads without defining it

REPOSITORY = "OWNER/NAME"  # the course's GitHub repository (owner/name): the Colab cell installs ganlib from it
COLAB_TAG = "colab"
# The first code cell of every notebook. Where ganlib is installed it only picks the language; elsewhere
# (Colab, Kaggle, a JupyterHub) it installs ganlib and says so in one line. When pip fails it stops the
# notebook with one line instead of a traceback: IPython shows what ``_render_traceback_`` returns.
COLAB_CELL = string.Template("""\
try:
    import ganlib
except ModuleNotFoundError:  # e.g. on Colab: install the course's package, once per session
    import subprocess
    import sys
    package = "ganlib[widgets] @ git+https://github.com/$repository"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", package], capture_output=True, text=True)
    if pip.returncode != 0:
        class InstallFailed(Exception):  # shown as its one line, not a traceback; "Run all" stops here
            def _render_traceback_(self):
                return [str(self)]
        raise InstallFailed($failed)
    import ganlib
    print($installed)
ganlib.set_language("$lang")""")
COLAB_MESSAGES = {
    "vi": {"installed": "Máy chưa có ganlib nên vừa cài từ kho mã của khóa học.",
           "failed": "Không cài được ganlib từ github.com/{repository}: hãy kiểm tra kết nối Internet rồi chạy lại "
                     "ô này (lệnh print(pip.stderr) sẽ hiện thông báo lỗi của pip)."},
    "en": {"installed": "ganlib was not installed: it has just been installed from the course's repository.",
           "failed": "Could not install ganlib from github.com/{repository}: check the Internet connection, then "
                     "run this cell again (print(pip.stderr) shows pip's own message)."},
}


def colab_cell(lang: str, *, repository: str = REPOSITORY) -> str:
    """The first code cell of the notebooks in ``lang``: it installs ganlib from ``repository`` where
    ganlib is missing, saying so (or why it could not) in one line in ``lang``, then picks ``lang``."""
    words = {key: json.dumps(text.format(repository=repository), ensure_ascii=False)
             for key, text in COLAB_MESSAGES[lang].items()}
    return COLAB_CELL.substitute(repository=repository, lang=lang, **words)


def kernel_env(lang: str, variant: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of the kernel that runs the ``variant`` notebook in ``lang``: ``base`` (default:
    this process's environment, which is left unchanged) with GANLIB_LANG=``lang``, GANLIB_DATA=bundled
    unless it is set, and GANLIB_QUICK=1 for solution notebooks, unset for student notebooks (full mode)."""
    env = dict(os.environ if base is None else base)
    env["GANLIB_LANG"] = lang
    env.setdefault("GANLIB_DATA", "bundled")
    env.pop("GANLIB_QUICK", None)
    if variant == "solutions":
        env["GANLIB_QUICK"] = "1"
    return env


def source_paths(prefixes: list[str] | None = None) -> list[Path]:
    """The lesson sources, sorted; only those whose name starts with one of ``prefixes`` if given."""
    paths = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if prefixes:
        paths = [p for p in paths if any(p.stem.startswith(prefix) for prefix in prefixes)]
    return paths


def source_cells(source: Path) -> tuple:
    """The cells of ``source`` as jupytext reads them, read once per version of the file (callers must
    not change them): the tests ask for the same sources many times."""
    stat = source.stat()
    return _read_cells(source, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _read_cells(source: Path, mtime_ns: int, size: int) -> tuple:
    return tuple(jupytext.read(source, fmt="py:percent").cells)


def has_solutions(source: Path) -> bool:
    """Whether ``source`` has cells tagged ``solution``, hence solution notebooks."""
    return any("solution" in cell.metadata.get("tags", []) for cell in source_cells(source))


def variants(source: Path) -> tuple[str, ...]:
    """The notebooks ``source`` makes in each language: "student", and "solutions" if it has solutions."""
    return VARIANTS if has_solutions(source) else VARIANTS[:1]


def target_path(source: Path, lang: str, variant: str = "student") -> Path:
    """Where the ``variant`` notebook of ``source`` in ``lang`` is written."""
    folder = NOTEBOOKS / lang / ("solutions" if variant == "solutions" else "")
    return folder / f"{source.stem}.ipynb"


def twin(source: Path, lang: str, variant: str = "student") -> nbformat.NotebookNode:
    """The unexecuted ``variant`` notebook of ``source`` in ``lang``: its cells, in order, with language
    tags removed and the cell tagged ``colab`` replaced by :func:`colab_cell` in ``lang``. The student
    variant is the whole lesson, without the cells tagged ``solution``. The solutions variant keeps only
    the lesson's opening and its exercise section (:func:`exercises_only`), without the cells tagged
    ``exercise``."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
    left_out = (set(LANGUAGES) - {lang}) | {LEFT_OUT[variant]}
    cells = []
    for cell in source_cells(source):
        tags = cell.metadata.get("tags", [])
        if left_out & set(tags):
            continue
        make = nbformat.v4.new_code_cell if cell.cell_type == "code" else nbformat.v4.new_markdown_cell
        new = make(colab_cell(lang) if COLAB_TAG in tags else cell.source)
        kept = [tag for tag in tags if tag not in (*LANGUAGES, COLAB_TAG)]
        if kept:
            new.metadata["tags"] = kept
        if "slideshow" in cell.metadata:
            new.metadata["slideshow"] = dict(cell.metadata["slideshow"])
        cells.append(new)
    if variant == "solutions":
        cells = exercises_only(cells, lesson=source.stem, lang=lang)
    for index, cell in enumerate(cells):
        cell.id = f"{source.stem[:2]}-{lang}-{index:03d}"
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return nb


def _is_section(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "markdown" and cell.source.startswith("## ")


def exercises_only(cells: list, *, lesson: str, lang: str) -> list:
    """The cells of a solution notebook, from the ``cells`` of a lesson in ``lang`` with its solutions:
    the lesson's opening (every cell before its first ``## `` heading: title, Colab cell, imports), a
    line pointing to the lesson, and the exercise section (from the last ``## `` heading before the
    first solution to the end: exercises, To explore, quiz). Only these run, in quick mode; the checks
    print the same as in the whole lesson. :func:`undefined_names` catches an exercise section that
    needs a name which only the body of the lesson defines."""
    solutions = [index for index, cell in enumerate(cells) if "solution" in cell.metadata.get("tags", [])]
    sections = [index for index, cell in enumerate(cells) if _is_section(cell)]
    if not solutions or not sections or sections[0] > solutions[0]:
        raise ValueError(f"{lesson}: a lesson with solutions needs a '## ' heading before its first solution "
                         f"(the exercise section's), and its opening before a first '## ' heading")
    start = max(index for index in sections if index < solutions[0])
    pointer = nbformat.v4.new_markdown_cell(SOLUTIONS_NOTE[lang].format(lesson=lesson))
    return cells[:sections[0]] + [pointer] + cells[start:]


def undefined_names(nb: nbformat.NotebookNode) -> list[str]:
    """The global names the code cells of ``nb`` read before any cell defines them (builtins and
    IPython's ``display`` aside), as "cell N reads NAME". Static (:mod:`symtable`): nothing is run."""
    defined, found = set(), []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        table = symtable.symtable(cell.source, f"cell {index}", "exec")
        binds = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
        reads = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
        nested = list(table.get_children())
        while nested:
            scope = nested.pop()
            reads |= {s.get_name() for s in scope.get_symbols() if s.is_referenced() and s.is_global()}
            nested += scope.get_children()
        found += [f"cell {index} reads {name}" for name in sorted(reads - binds - defined - KNOWN_NAMES)]
        defined |= binds
    return found


def _clean(nb: nbformat.NotebookNode) -> None:
    """Drop what differs between two runs: widget views (their ids are random), timings, widget state,
    and the kernel's timing-dependent split of printed text into several outputs. A widget output
    that carries a Markdown fallback (the quizzes) keeps the Markdown."""
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            outputs = []
            for out in cell.outputs:
                data = out.get("data", {})
                if WIDGET_MIME in data and "text/markdown" in data:
                    out.data = {key: data[key] for key in ("text/markdown", "text/plain") if key in data}
                elif WIDGET_MIME in data:
                    continue
                outputs.append(out)
            cell.outputs = _merge_streams(outputs)


def _merge_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) outputs: how the kernel splits a cell's text depends on timing."""
    merged = []
    for out in outputs:
        previous = merged[-1] if merged else None
        if (out.output_type == "stream" and previous is not None and previous.output_type == "stream"
                and previous.name == out.name):
            previous.text += out.text
        else:
            merged.append(out)
    return merged


def build(source: Path, lang: str, variant: str = "student") -> Path:
    """Execute the ``variant`` notebook of ``source`` in ``lang`` in a fresh kernel and write it; return its path.

    The kernel gets :func:`kernel_env`. Student notebooks run in full mode. Solution notebooks run in
    quick mode (``GANLIB_QUICK=1``):
    their point is the ✓ of every check, whose output is the same in both modes, and the lesson's
    full-size training is already in the student notebook beside them.
    """
    target = target_path(source, lang, variant)
    target.parent.mkdir(exist_ok=True)
    nb = twin(source, lang, variant)
    client = NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT_S, record_timing=False,
                            resources={"metadata": {"path": str(target.parent)}})
    client.execute(env=kernel_env(lang, variant))  # handed to jupyter_client's KernelManager.start_kernel
    _clean(nb)
    _write_atomically(nb, target)
    return target


def _write_atomically(nb: nbformat.NotebookNode, target: Path) -> None:
    """Write ``nb`` to ``target`` through a temporary file beside it: never a half-written notebook."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        nbformat.write(nb, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _shape(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str], str]]:
    """Per cell: its type, its text or code, its tags and its slide type ("" when it has none)."""
    return [(c.cell_type, c.source, list(c.metadata.get("tags", [])),
             c.metadata.get("slideshow", {}).get("slide_type", "")) for c in nb.cells]


def differences(source: Path, lang: str, target: Path | None = None, variant: str = "student") -> list[str]:
    """How the committed ``variant`` notebook of ``source`` in ``lang`` (or the notebook at ``target``)
    differs from what the source makes, outputs aside."""
    target = target or target_path(source, lang, variant)
    name = target.relative_to(NOTEBOOKS).as_posix() if target.is_relative_to(NOTEBOOKS) else target.name
    if not target.exists():
        return [f"{name} is missing: run `python notebooks/build.py build {source.stem[:2]} --variant {variant}`"]
    want, have = _shape(twin(source, lang, variant)), _shape(nbformat.read(target, as_version=4))
    found = []
    if len(want) != len(have):
        found.append(f"{name} has {len(have)} cells, its source makes {len(want)}")
    for index, (w, h) in enumerate(zip(want, have)):
        if w[:2] != h[:2]:
            found.append(f"{name} cell {index} differs from its source: {_first_difference(h[1], w[1])}")
        elif w != h:
            found.append(f"{name} cell {index} has tags {h[2]} and slide type {h[3]!r}, its source {w[2]} and "
                         f"{w[3]!r}: run `python notebooks/build.py metadata {source.stem[:2]}`")
    return found


def _first_difference(have: str, want: str) -> str:
    """The first line where ``have`` and ``want`` differ, as "line N: HAVE instead of WANT"."""
    pairs = zip(have.splitlines() + [""], want.splitlines() + [""])
    for number, (h, w) in enumerate(pairs, start=1):
        if h != w:
            return f"line {number}: {h[:70]!r} instead of {w[:70]!r}"
    return f"line endings: {have[-70:]!r} instead of {want[-70:]!r}"


def source_problems(source: Path) -> list[str]:
    """What is wrong in a source itself: a text cell without exactly one language tag (it would show
    untranslated in both notebooks, or in neither), a cell that prints library code without
    ``nbval-check-output`` (its stored output would go stale unseen when the library changes), or a
    first code cell that is not the one ``colab`` cell holding only a comment (the build replaces it)."""
    cells = source_cells(source)
    colab = [index for index, cell in enumerate(cells) if COLAB_TAG in cell.metadata.get("tags", [])]
    first_code = next((index for index, cell in enumerate(cells) if cell.cell_type == "code"), None)
    found = []
    if colab != [first_code]:
        found.append(f"{source.name}: the first code cell must be the only cell tagged {COLAB_TAG!r} "
                     f"(cells tagged {COLAB_TAG!r}: {colab}, first code cell: {first_code})")
    elif any(line and not line.startswith("#") for line in cells[first_code].source.splitlines()):
        found.append(f"{source.name} cell {first_code}: the {COLAB_TAG!r} cell is replaced by the build, so it "
                     f"may hold only a comment, not code")
    if has_solutions(source):
        try:
            found += [f"{source.name}: its {lang} solution notebook (opening and exercises only) {problem}, "
                      f"which only the body of the lesson defines: define it in the exercise section"
                      for lang in LANGUAGES for problem in undefined_names(twin(source, lang, "solutions"))]
        except ValueError as error:
            found.append(str(error))
    for index, cell in enumerate(cells):
        tags = cell.metadata.get("tags", [])
        languages = [tag for tag in tags if tag in LANGUAGES]
        if cell.cell_type == "markdown" and len(languages) != 1:
            found.append(f"{source.name} cell {index}: a text cell needs exactly one language tag "
                         f"({' or '.join(LANGUAGES)}), it has {languages or 'none'}: {cell.source[:50]!r}")
        if cell.cell_type == "code" and "getsource" in cell.source and "nbval-check-output" not in tags:
            found.append(f"{source.name} cell {index}: it prints library code, so tag it nbval-check-output")
    return found


def copy_metadata(source: Path, lang: str, variant: str = "student") -> Path:
    """Give the committed ``variant`` notebook of ``source`` in ``lang`` the cell tags and slide types of
    its source, keeping its outputs: no execution. Refuses when a cell's text or code differs (that needs
    a real build)."""
    target = target_path(source, lang, variant)
    want, have = twin(source, lang, variant), nbformat.read(target, as_version=4)
    if [(c.cell_type, c.source) for c in want.cells] != [(c.cell_type, c.source) for c in have.cells]:
        raise ValueError(f"{target.relative_to(NOTEBOOKS).as_posix()}: cells differ from the source, not only "
                         f"their metadata: run `python notebooks/build.py build {source.stem[:2]} --variant {variant}`")
    for new, old in zip(want.cells, have.cells):
        for key in ("tags", "slideshow"):
            old.metadata.pop(key, None)
            if key in new.metadata:
                old.metadata[key] = new.metadata[key]
    _write_atomically(have, target)
    return target


def orphans() -> list[str]:
    """Committed notebooks that no source makes (solution notebooks only for lessons with solutions)."""
    stems = {p.stem for p in source_paths()}
    with_solutions = {p.stem for p in source_paths() if has_solutions(p)}
    return ([f"{lang}/{nb.name} has no source in src/" for lang in LANGUAGES
             for nb in sorted((NOTEBOOKS / lang).glob("*.ipynb")) if nb.stem not in stems]
            + [f"{lang}/solutions/{nb.name} has no source with solutions in src/" for lang in LANGUAGES
               for nb in sorted((NOTEBOOKS / lang / "solutions").glob("*.ipynb")) if nb.stem not in with_solutions])


def _site(out: Path, stems: list[str], colab: str | None) -> list[Path]:
    """Write the course website into ``out`` with :func:`website.build_site` (website.py, beside this file)."""
    if __package__:  # imported, as notebooks.build
        from . import website
    else:  # run as a script: its folder is on sys.path
        import website
    return website.build_site(out, stems=stems, notebooks=NOTEBOOKS, teaching_folder=NOTEBOOKS / "teaching",
                              colab=colab)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="{build,check,metadata,site}")

    def command(name: str, help: str, *, lang_and_variant: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        if lang_and_variant:
            sub.add_argument("--lang", choices=LANGUAGES, action="append", help="only this language")
            sub.add_argument("--variant", choices=VARIANTS, action="append",
                             help="only the student notebooks or only the solution notebooks")
        return sub

    lessons = {"nargs": "*", "help": "lesson number prefixes, e.g. 01 05 (default: every lesson)"}
    command("build", "execute the notebooks of the lessons and write them (student: full mode, "
            "solutions: quick mode)", lang_and_variant=True).add_argument("lessons", **lessons)
    command("check", "compare the committed notebooks with their sources, outputs aside; no execution"
            ).add_argument("lessons", **lessons)
    command("metadata", "copy cell tags and slide types from the sources into the committed notebooks, "
            "keeping their outputs; no execution", lang_and_variant=True).add_argument("lessons", **lessons)
    site = command("site", "write the course website (a page and a deck per committed notebook) into OUT")
    site.add_argument("out", metavar="OUT", type=Path)
    site.add_argument("lessons", **lessons)
    site.add_argument("--colab", metavar="OWNER/NAME",
                      help="link each page to its notebook on Colab, from this GitHub repository")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    sources = source_paths(args.lessons)
    if not sources:
        parser.error(f"no lesson source in {SOURCES.name}/ matches {args.lessons}")
    if args.command == "site":
        written = _site(args.out, [s.stem for s in sources], args.colab)
        print(f"{len(written)} files written; open {args.out / 'index.html'}")
    elif args.command == "check":
        found = orphans() + [problem for s in sources for problem in source_problems(s)]
        found += [d for s in sources for lang in LANGUAGES for variant in variants(s)
                  for d in differences(s, lang, variant=variant)]
        print("\n".join(found) or f"{len(sources)} lessons: every notebook matches its source")
        return 1 if found else 0
    elif args.command == "metadata":
        for source in sources:
            for lang in args.lang or LANGUAGES:
                for variant in [v for v in variants(source) if v in (args.variant or VARIANTS)]:
                    target = copy_metadata(source, lang, variant)
                    print(f"metadata of {target.relative_to(NOTEBOOKS).as_posix()} updated from its source")
    else:
        for source in sources:
            for variant in [v for v in variants(source) if v in (args.variant or VARIANTS)]:
                for lang in args.lang or LANGUAGES:
                    print(f"building {target_path(source, lang, variant).relative_to(NOTEBOOKS).as_posix()}",
                          flush=True)
                    build(source, lang, variant)
    return 0


if __name__ == "__main__":
    sys.exit(main())
