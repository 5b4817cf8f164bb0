"""The vi and en notebooks are exactly what their bilingual sources make: they cannot drift."""

import json
import re
from pathlib import Path

import nbformat
import pytest

from notebooks import build

ROOT = Path(__file__).resolve().parent.parent

SOURCES = build.source_paths()
MACHINE_PATH = re.compile(r"/(?:work|root|tmp|opt|usr|home/[^/]+)/")


def test_every_lesson_has_a_source():
    assert SOURCES, "no lesson sources found in notebooks/src"
    assert build.orphans() == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_source_is_well_formed(source):
    assert build.source_problems(source) == []


WELL_FORMED = ('# %% [markdown] tags=["vi"]\n# Chào.\n\n# %% [markdown] tags=["en"]\n# Hello.\n\n'
               '# %% tags=["colab"]\n# the Colab cell\n\n')


@pytest.mark.parametrize("cell, problem", [
    ('# %% [markdown]\n# An untagged text cell.\n', "exactly one language tag"),
    ('# %% [markdown] tags=["vi", "en"]\n# Both tags.\n', "exactly one language tag"),
    ('# %%\nimport inspect\nprint(inspect.getsource(print))\n', "tag it nbval-check-output"),
])
def test_a_malformed_source_is_caught(tmp_path, cell, problem):
    source = tmp_path / "99_bad.py"
    source.write_text(WELL_FORMED + cell, encoding="utf-8")
    found = build.source_problems(source)
    assert len(found) == 1 and problem in found[0]


@pytest.mark.parametrize("text, problem", [
    (WELL_FORMED.replace('tags=["colab"]', ""), "first code cell must be the only cell tagged 'colab'"),
    ('# %%\nimport torch\n\n' + WELL_FORMED, "first code cell must be the only cell tagged 'colab'"),
    (WELL_FORMED + '# %% tags=["colab"]\n# again\n', "first code cell must be the only cell tagged 'colab'"),
    (WELL_FORMED.replace("# the Colab cell", "import ganlib"), "may hold only a comment"),
])
def test_a_misplaced_colab_cell_is_caught(tmp_path, text, problem):
    """Every source has one cell tagged colab, its first code cell, holding only a comment: the build
    writes the Colab cell there, so code put in it would vanish."""
    source = tmp_path / "99_bad.py"
    source.write_text(text, encoding="utf-8")
    found = build.source_problems(source)
    assert len(found) == 1 and problem in found[0], found
    source.write_text(WELL_FORMED, encoding="utf-8")
    assert build.source_problems(source) == []


NOTEBOOKS = [(source, variant) for source in SOURCES for variant in build.variants(source)]
NOTEBOOK_IDS = [f"{source.stem}-{variant}" for source, variant in NOTEBOOKS]


@pytest.mark.parametrize("lang", build.LANGUAGES)
@pytest.mark.parametrize("source,variant", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_twin_matches_source(source, variant, lang):
    assert build.differences(source, lang, variant=variant) == []


@pytest.mark.parametrize("source", [s for s in SOURCES if build.has_solutions(s)], ids=lambda p: p.stem)
def test_checks_fail_in_student_notebooks_and_pass_in_solution_notebooks(source):
    """Each exercise cell is followed by a check: ✗ not done yet for the stub, ✓ for the solution. (A text cell
    tagged solution is a worked solution in prose, shown in the solution notebook only.)"""
    for lang in build.LANGUAGES:
        for variant, mark in (("student", "✗"), ("solutions", "✓")):
            nb = json.loads(build.target_path(source, lang, variant).read_text(encoding="utf-8"))
            tagged = [i for i, c in enumerate(nb["cells"])
                      if c["cell_type"] == "code" and {"exercise", "solution"} & set(c["metadata"].get("tags", []))]
            assert len(tagged) >= 3, f"{lang}/{variant}/{source.stem}: fewer than 3 exercises"
            for index in tagged:
                check = nb["cells"][index + 1]
                lines = "".join("".join(o.get("text", "")) for o in check["outputs"]).splitlines()
                assert len(lines) == 1 and lines[0].startswith(mark), (lang, variant, source.stem, lines)
                if variant == "student":
                    assert lines[0].endswith(("not done yet", "chưa làm")), lines[0]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_twins_share_their_code(source):
    """Code cells are the same in both languages, except the one that sets the language; so are slide types."""
    vi, en = (build.twin(source, lang) for lang in ("vi", "en"))
    slides = [[c.metadata.get("slideshow", {}).get("slide_type", "") for c in nb.cells] for nb in (vi, en)]
    assert slides[0] == slides[1], "the vi and en cells of a pair must have the same slide type"
    code = [[c.source for c in nb.cells if c.cell_type == "code" and "set_language" not in c.source] for nb in (vi, en)]
    assert code[0] == code[1]
    assert [c.cell_type for c in vi.cells] == [c.cell_type for c in en.cells]


@pytest.mark.parametrize("source,variant", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_twins_are_executed_and_clean(source, variant):
    for lang in build.LANGUAGES:
        nb = json.loads(build.target_path(source, lang, variant).read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3"
        assert "widgets" not in nb["metadata"], "saved widget state makes rebuilds differ"
        assert any("quiz" in c["metadata"].get("tags", []) for c in nb["cells"]), f"{lang}/{source.stem}: no quiz"
        for cell in (c for c in nb["cells"] if c["cell_type"] == "code"):
            assert cell["execution_count"] is not None, f"{lang}/{source.stem}: a code cell was never executed"
            for output in cell["outputs"]:
                assert output["output_type"] != "error", f"{lang}/{source.stem}: a stored output is an error"
                assert build.WIDGET_MIME not in output.get("data", {})
                text = json.dumps(output)
                assert not MACHINE_PATH.search(text), f"{lang}/{source.stem}: a machine path in an output"
                assert not re.search(r"[A-Za-z]+Warning\b", text), f"{lang}/{source.stem}: a Python warning"


@pytest.mark.parametrize("lang", build.LANGUAGES)
def test_an_edit_without_the_source_is_caught(tmp_path, lang):
    """Editing a twin's text or code by hand makes the parity check fail."""
    source = SOURCES[0]
    committed = ROOT / "notebooks" / lang / f"{source.stem}.ipynb"
    for kind in ("markdown", "code"):
        nb = json.loads(committed.read_text(encoding="utf-8"))
        cell = next(c for c in nb["cells"] if c["cell_type"] == kind)
        cell["source"] = "".join(cell["source"]) + "\nedited by hand"
        edited = tmp_path / f"{kind}.ipynb"
        edited.write_text(json.dumps(nb), encoding="utf-8")
        found = build.differences(source, lang, target=edited)
        assert found and "differs from its source" in found[0]


def test_a_quiz_keeps_its_markdown_and_a_plain_widget_is_dropped():
    """The build strips widget views (random ids); a quiz output keeps its Markdown fallback for GitHub."""
    quiz = nbformat.v4.new_output("display_data", data={build.WIDGET_MIME: {"model_id": "x"},
                                                        "text/markdown": "**Quiz**", "text/plain": "**Quiz**"})
    widget = nbformat.v4.new_output("display_data", data={build.WIDGET_MIME: {"model_id": "y"}, "text/plain": "VBox()"})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("show_quiz()", outputs=[quiz, widget])])
    build._clean(nb)
    assert [dict(out["data"]) for out in nb.cells[0].outputs] == [{"text/markdown": "**Quiz**", "text/plain": "**Quiz**"}]


@pytest.mark.parametrize("lang", build.LANGUAGES)
def test_a_slide_type_edited_in_a_twin_is_caught(tmp_path, lang):
    """A slide type set in a twin by hand (e.g. from RISE's property inspector) but not in the source fails
    the parity check, which names the command that copies the source's metadata."""
    source = SOURCES[0]
    nb = json.loads(nbformat.writes(build.twin(source, lang)))  # what the source makes, then edited by hand
    cell = nb["cells"][-1]
    want = build.twin(source, lang).cells[-1].metadata.get("slideshow", {}).get("slide_type", "")
    cell["metadata"]["slideshow"] = {"slide_type": "skip" if want == "notes" else "notes"}
    edited = tmp_path / "slides.ipynb"
    edited.write_text(json.dumps(nb), encoding="utf-8")
    found = build.differences(source, lang, target=edited)
    assert found and "slide type" in found[0] and "build.py metadata" in found[0]


def test_copying_metadata_keeps_outputs_and_restores_parity(tmp_path, monkeypatch):
    """`build.py metadata` puts the source's slide types into a twin without touching its outputs."""
    source = SOURCES[0]
    monkeypatch.setattr(build, "NOTEBOOKS", tmp_path)
    (tmp_path / "en").mkdir()
    committed = json.loads(build.nbformat.writes(build.twin(source, "en")))  # a twin with outputs, stale slides
    for cell in committed["cells"]:
        cell["metadata"]["slideshow"] = {"slide_type": "fragment"}
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "kept\n"}]
    (tmp_path / "en" / f"{source.stem}.ipynb").write_text(json.dumps(committed), encoding="utf-8")
    assert build.differences(source, "en") != []
    target = build.copy_metadata(source, "en")
    fixed = build.nbformat.read(target, as_version=4)
    assert build.differences(source, "en") == []
    assert all([out.text for out in c.outputs] == ["kept\n"] for c in fixed.cells if c.cell_type == "code")
