"""Build the Vietnamese and English notebooks from the one bilingual source of each lesson.

A source is ``notebooks/src/NN_name.py`` in jupytext's percent format. Text cells come in pairs
tagged ``vi`` and ``en``; code cells are shared, except the few tagged with one language (the
cell that calls ``ganlib.set_language``). For each language the build keeps that language's cells,
executes the notebook top to bottom in a fresh kernel from its own folder, and writes
``notebooks/vi/NN_name.ipynb`` and ``notebooks/en/NN_name.ipynb``.

A lesson with exercises has, for each exercise, a code cell tagged ``exercise`` (the stub the student
fills in) and one tagged ``solution``. The student notebooks keep the stubs; a lesson with solutions
also gets solution notebooks, ``notebooks/{vi,en}/solutions/NN_name.ipynb``, with the solutions in place
of the stubs. Both are executed, so their check cells print ✗ and ✓ respectively.

    python notebooks/build.py              # every lesson, both languages (full mode)
    python notebooks/build.py 01 03        # lessons whose name starts with 01 or 03
    python notebooks/build.py --check      # are the committed twins what the sources make?
    python notebooks/build.py 01 --variant solutions   # only the solution notebooks of lesson 01
    python notebooks/build.py --metadata   # copy cell tags and slide types into the committed twins, no execution
    python notebooks/build.py --site OUT   # the course website from the committed notebooks (website.py)

The build runs the student notebooks in full mode (GANLIB_QUICK unset) and the solution notebooks in
quick mode, on the bundled MNIST subset unless GANLIB_DATA says otherwise, so a rebuild on the same
machine writes the same bytes.
"""

import argparse
import os
import sys
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


def source_paths(prefixes: list[str] | None = None) -> list[Path]:
    """The lesson sources, sorted; only those whose name starts with one of ``prefixes`` if given."""
    paths = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if prefixes:
        paths = [p for p in paths if any(p.stem.startswith(prefix) for prefix in prefixes)]
    return paths


def has_solutions(source: Path) -> bool:
    """Whether ``source`` has cells tagged ``solution``, hence solution notebooks."""
    return any("solution" in cell.metadata.get("tags", []) for cell in jupytext.read(source, fmt="py:percent").cells)


def variants(source: Path) -> tuple[str, ...]:
    """The notebooks ``source`` makes in each language: "student", and "solutions" if it has solutions."""
    return VARIANTS if has_solutions(source) else VARIANTS[:1]


def target_path(source: Path, lang: str, variant: str = "student") -> Path:
    """Where the ``variant`` notebook of ``source`` in ``lang`` is written."""
    folder = NOTEBOOKS / lang / ("solutions" if variant == "solutions" else "")
    return folder / f"{source.stem}.ipynb"


def twin(source: Path, lang: str, variant: str = "student") -> nbformat.NotebookNode:
    """The unexecuted ``variant`` notebook of ``source`` in ``lang``: its cells, in order, with language
    tags removed; the student variant leaves out the cells tagged ``solution``, the solutions variant
    those tagged ``exercise``."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
    left_out = (set(LANGUAGES) - {lang}) | {LEFT_OUT[variant]}
    cells = []
    for cell in jupytext.read(source, fmt="py:percent").cells:
        tags = cell.metadata.get("tags", [])
        if left_out & set(tags):
            continue
        make = nbformat.v4.new_code_cell if cell.cell_type == "code" else nbformat.v4.new_markdown_cell
        new = make(cell.source)
        new.id = f"{source.stem[:2]}-{lang}-{len(cells):03d}"
        kept = [tag for tag in tags if tag not in LANGUAGES]
        if kept:
            new.metadata["tags"] = kept
        if "slideshow" in cell.metadata:
            new.metadata["slideshow"] = dict(cell.metadata["slideshow"])
        cells.append(new)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return nb


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

    Student notebooks run in full mode. Solution notebooks run in quick mode (``GANLIB_QUICK=1``):
    their point is the ✓ of every check, whose output is the same in both modes, and the lesson's
    full-size training is already in the student notebook beside them.
    """
    target = target_path(source, lang, variant)
    target.parent.mkdir(exist_ok=True)
    nb = twin(source, lang, variant)
    client = NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT_S, record_timing=False,
                            resources={"metadata": {"path": str(target.parent)}})
    if variant == "solutions":
        os.environ["GANLIB_QUICK"] = "1"
    try:
        client.execute()
    finally:
        os.environ.pop("GANLIB_QUICK", None)
    _clean(nb)
    nbformat.write(nb, target)
    return target


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
        return [f"{name} is missing: run `python notebooks/build.py {source.stem[:2]} --variant {variant}`"]
    want, have = _shape(twin(source, lang, variant)), _shape(nbformat.read(target, as_version=4))
    found = []
    if len(want) != len(have):
        found.append(f"{name} has {len(have)} cells, its source makes {len(want)}")
    for index, (w, h) in enumerate(zip(want, have)):
        if w[:2] != h[:2]:
            found.append(f"{name} cell {index} differs from its source: {h[1][:60]!r} instead of {w[1][:60]!r}")
        elif w != h:
            found.append(f"{name} cell {index} has tags {h[2]} and slide type {h[3]!r}, its source {w[2]} and "
                         f"{w[3]!r}: run `python notebooks/build.py --metadata {source.stem[:2]}`")
    return found


def source_problems(source: Path) -> list[str]:
    """What is wrong in a source itself: a text cell without exactly one language tag (it would show
    untranslated in both notebooks, or in neither), or a cell that prints library code without
    ``nbval-check-output`` (its stored output would go stale unseen when the library changes)."""
    found = []
    for index, cell in enumerate(jupytext.read(source, fmt="py:percent").cells):
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
                         f"their metadata: run `python notebooks/build.py {source.stem[:2]} --variant {variant}`")
    for new, old in zip(want.cells, have.cells):
        for key in ("tags", "slideshow"):
            old.metadata.pop(key, None)
            if key in new.metadata:
                old.metadata[key] = new.metadata[key]
    nbformat.write(have, target)
    return target


def orphans() -> list[str]:
    """Committed notebooks that no source makes (solution notebooks only for lessons with solutions)."""
    stems = {p.stem for p in source_paths()}
    with_solutions = {p.stem for p in source_paths() if has_solutions(p)}
    return ([f"{lang}/{nb.name} has no source in src/" for lang in LANGUAGES
             for nb in sorted((NOTEBOOKS / lang).glob("*.ipynb")) if nb.stem not in stems]
            + [f"{lang}/solutions/{nb.name} has no source with solutions in src/" for lang in LANGUAGES
               for nb in sorted((NOTEBOOKS / lang / "solutions").glob("*.ipynb")) if nb.stem not in with_solutions])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lessons", nargs="*", help="lesson number prefixes, e.g. 01 05 (default: all)")
    parser.add_argument("--check", action="store_true", help="only compare the committed twins with their sources")
    parser.add_argument("--metadata", action="store_true",
                        help="copy cell tags and slide types from the sources into the committed twins, no execution")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="build only this language")
    parser.add_argument("--variant", choices=VARIANTS, action="append",
                        help="build only the student notebooks or only the solution notebooks")
    parser.add_argument("--site", metavar="OUT", type=Path,
                        help="write the course website (pages and decks of the committed notebooks) into OUT")
    parser.add_argument("--colab", metavar="OWNER/NAME",
                        help="with --site: link each page to its notebook on Colab, from this GitHub repository")
    args = parser.parse_args(argv)
    sources = source_paths(args.lessons)
    if not sources:
        parser.error(f"no lesson source in {SOURCES.name}/ matches {args.lessons}")
    if args.colab and not args.site:
        parser.error("--colab only adds links to the website: use it with --site OUT")
    if args.site:
        import website

        written = website.build_site(args.site, stems=[s.stem for s in sources], notebooks=NOTEBOOKS,
                                     teaching_folder=NOTEBOOKS / "teaching", colab=args.colab)
        print(f"{len(written)} files written; open {args.site / 'index.html'}")
        return 0
    if args.check:
        found = orphans() + [problem for s in sources for problem in source_problems(s)]
        found += [d for s in sources for lang in LANGUAGES for variant in variants(s)
                  for d in differences(s, lang, variant=variant)]
        print("\n".join(found) or f"{len(sources)} lessons: both twins match their sources")
        return 1 if found else 0
    if args.metadata:
        for source in sources:
            for lang in args.lang or LANGUAGES:
                for variant in args.variant or variants(source):
                    target = copy_metadata(source, lang, variant)
                    print(f"metadata of {target.relative_to(NOTEBOOKS)} updated from its source")
        return 0
    os.environ.pop("GANLIB_QUICK", None)
    os.environ.setdefault("GANLIB_DATA", "bundled")
    for source in sources:
        for variant in [v for v in variants(source) if v in (args.variant or VARIANTS)]:
            for lang in args.lang or LANGUAGES:
                print(f"building {target_path(source, lang, variant).relative_to(NOTEBOOKS).as_posix()}", flush=True)
                build(source, lang, variant)
    return 0


if __name__ == "__main__":
    sys.exit(main())
