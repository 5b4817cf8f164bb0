"""Build the Vietnamese and English notebooks from the one bilingual source of each lesson.

A source is ``notebooks/src/NN_name.py`` in jupytext's percent format. Text cells come in pairs
tagged ``vi`` and ``en``; code cells are shared, except the few tagged with one language (the
cell that calls ``ganlib.set_language``). For each language the build keeps that language's cells,
executes the notebook top to bottom in a fresh kernel from its own folder, and writes
``notebooks/vi/NN_name.ipynb`` and ``notebooks/en/NN_name.ipynb``.

    python notebooks/build.py              # every lesson, both languages (full mode)
    python notebooks/build.py 01 03        # lessons whose name starts with 01 or 03
    python notebooks/build.py --check      # are the committed twins what the sources make?

The build runs in full mode (GANLIB_QUICK unset) on the bundled MNIST subset unless GANLIB_DATA
says otherwise, so a rebuild on the same machine writes the same bytes.
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


def source_paths(prefixes: list[str] | None = None) -> list[Path]:
    """The lesson sources, sorted; only those whose name starts with one of ``prefixes`` if given."""
    paths = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if prefixes:
        paths = [p for p in paths if any(p.stem.startswith(prefix) for prefix in prefixes)]
    return paths


def twin(source: Path, lang: str) -> nbformat.NotebookNode:
    """The unexecuted notebook of ``source`` in ``lang``: its cells, in order, with language tags removed."""
    other = set(LANGUAGES) - {lang}
    cells = []
    for cell in jupytext.read(source, fmt="py:percent").cells:
        tags = cell.metadata.get("tags", [])
        if other & set(tags):
            continue
        make = nbformat.v4.new_code_cell if cell.cell_type == "code" else nbformat.v4.new_markdown_cell
        new = make(cell.source)
        new.id = f"{source.stem[:2]}-{lang}-{len(cells):03d}"
        kept = [tag for tag in tags if tag not in LANGUAGES]
        if kept:
            new.metadata["tags"] = kept
        cells.append(new)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return nb


def _clean(nb: nbformat.NotebookNode) -> None:
    """Drop what differs between two runs: widget views (their ids are random), timings, widget state,
    and the kernel's timing-dependent split of printed text into several outputs."""
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = _merge_streams([out for out in cell.outputs if WIDGET_MIME not in out.get("data", {})])


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


def build(source: Path, lang: str) -> Path:
    """Execute the ``lang`` twin of ``source`` in a fresh kernel and write it; return its path."""
    folder = NOTEBOOKS / lang
    folder.mkdir(exist_ok=True)
    nb = twin(source, lang)
    NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT_S, record_timing=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    _clean(nb)
    target = folder / f"{source.stem}.ipynb"
    nbformat.write(nb, target)
    return target


def _shape(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def differences(source: Path, lang: str, target: Path | None = None) -> list[str]:
    """How the committed ``lang`` twin of ``source`` (or the notebook at ``target``) differs from
    what the source makes, outputs aside."""
    target = target or NOTEBOOKS / lang / f"{source.stem}.ipynb"
    if not target.exists():
        return [f"{lang}/{target.name} is missing: run `python notebooks/build.py {source.stem[:2]}`"]
    want, have = _shape(twin(source, lang)), _shape(nbformat.read(target, as_version=4))
    found = []
    if len(want) != len(have):
        found.append(f"{lang}/{target.name} has {len(have)} cells, its source makes {len(want)}")
    for index, (w, h) in enumerate(zip(want, have)):
        if w != h:
            found.append(f"{lang}/{target.name} cell {index} differs from its source: "
                         f"{h[1][:60]!r} instead of {w[1][:60]!r}")
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


def orphans() -> list[str]:
    """Committed notebooks that no source makes."""
    stems = {p.stem for p in source_paths()}
    return [f"{lang}/{nb.name} has no source in src/" for lang in LANGUAGES
            for nb in sorted((NOTEBOOKS / lang).glob("*.ipynb")) if nb.stem not in stems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lessons", nargs="*", help="lesson number prefixes, e.g. 01 05 (default: all)")
    parser.add_argument("--check", action="store_true", help="only compare the committed twins with their sources")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="build only this language")
    args = parser.parse_args(argv)
    sources = source_paths(args.lessons)
    if not sources:
        parser.error(f"no lesson source in {SOURCES.name}/ matches {args.lessons}")
    if args.check:
        found = orphans() + [problem for s in sources for problem in source_problems(s)]
        found += [d for s in sources for lang in LANGUAGES for d in differences(s, lang)]
        print("\n".join(found) or f"{len(sources)} lessons: both twins match their sources")
        return 1 if found else 0
    os.environ.pop("GANLIB_QUICK", None)
    os.environ.setdefault("GANLIB_DATA", "bundled")
    for source in sources:
        for lang in args.lang or LANGUAGES:
            print(f"building {lang}/{source.stem}.ipynb", flush=True)
            build(source, lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
