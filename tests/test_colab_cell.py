"""Each lesson's first code cell runs on Colab: it installs ganlib when missing and says so in one line,
in the notebook's language; where ganlib is installed (here, and in the tests of the notebooks) it
prints nothing; when pip fails it stops with one line saying what to do, not a traceback. The build
writes that cell from one template (``build.colab_cell``), so the tests run the template once per
language and check that every notebook starts with it.

Colab ships ipywidgets 7.x, so ganlib's widgets keep to the API that 7.6 and 8 share (the
``[widgets]`` extra accepts ``ipywidgets>=7.6``)."""

import builtins
import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import ganlib
from ganlib import exercises
from notebooks import build

ROOT = Path(__file__).resolve().parent.parent
VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
NOTEBOOKS = [(source, lang, variant) for source in build.source_paths() for lang in build.LANGUAGES
             for variant in build.variants(source)]


def run_cell(code: str, *, ganlib_missing: bool) -> str:
    """Run ``code`` as a notebook would, with ``import ganlib`` failing once if ``ganlib_missing``; return
    what it printed."""
    missing = [ganlib_missing]

    def importer(name, *args, **kwargs):
        if name == "ganlib" and missing[0]:
            missing[0] = False
            raise ModuleNotFoundError("No module named 'ganlib'", name="ganlib")
        return builtins.__import__(name, *args, **kwargs)

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "<first cell>", "exec"), {"__builtins__": {**vars(builtins), "__import__": importer}})
    return printed.getvalue()


def fake_pip(monkeypatch, *, returncode: int) -> list:
    """Replace subprocess.run by a pip that exits with ``returncode``; return the list of its calls."""
    calls = []

    def run(command, **options):
        calls.append((command, options))
        return subprocess.CompletedProcess(command, returncode, "", "" if returncode == 0 else "ERROR: no network\n")

    monkeypatch.setattr(subprocess, "run", run)
    return calls


def in_language(text: str, lang: str) -> bool:
    return bool(VIETNAMESE & set(text)) == (lang == "vi")


@pytest.mark.parametrize(("source", "lang", "variant"), NOTEBOOKS,
                         ids=[f"{s.stem[:2]}-{lang}-{variant}" for s, lang, variant in NOTEBOOKS])
def test_every_notebook_starts_with_the_colab_cell(source, lang, variant):
    cells = build.twin(source, lang, variant).cells
    assert next(c.source for c in cells if c.cell_type == "code") == build.colab_cell(lang)
    assert sum("set_language" in c.source for c in cells) == 1, "only the Colab cell picks the language"


@pytest.mark.parametrize("lang", build.LANGUAGES)
def test_the_cell_prints_nothing_where_ganlib_is_installed(lang, monkeypatch):
    calls = fake_pip(monkeypatch, returncode=0)
    assert run_cell(build.colab_cell(lang), ganlib_missing=False) == ""
    assert calls == [] and ganlib.get_language() == lang


@pytest.mark.parametrize("lang", build.LANGUAGES)
def test_the_cell_installs_ganlib_when_missing_and_says_so(lang, monkeypatch):
    calls = fake_pip(monkeypatch, returncode=0)
    printed = run_cell(build.colab_cell(lang, repository="someone/gan-course"), ganlib_missing=True)
    assert len(calls) == 1, "the first cell must install ganlib once when it is missing"
    command, _ = calls[0]
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    assert command[-1] == "ganlib[widgets] @ git+https://github.com/someone/gan-course"
    assert len(printed.strip().splitlines()) == 1, f"say it in one line: {printed!r}"
    assert in_language(printed, lang), f"the {lang} notebook says it in the wrong language: {printed!r}"
    assert ganlib.get_language() == lang


@pytest.mark.parametrize("lang", build.LANGUAGES)
def test_a_failed_install_stops_with_one_line_in_the_notebooks_language(lang, monkeypatch):
    fake_pip(monkeypatch, returncode=1)
    with pytest.raises(Exception) as raised:
        run_cell(build.colab_cell(lang), ganlib_missing=True)
    assert not isinstance(raised.value, subprocess.CalledProcessError | ModuleNotFoundError | NameError)
    shown = raised.value._render_traceback_()  # what IPython shows instead of the traceback
    assert len(shown) == 1 and "\n" not in shown[0], shown
    assert "github.com/OWNER/NAME" in shown[0] and "print(pip.stderr)" in shown[0], "say what to do next"
    assert in_language(shown[0], lang), shown[0]


def test_a_kernel_shows_a_failed_install_as_one_line():
    """In a real kernel (ipykernel, as on Colab) with ganlib missing and pip failing, the cell's error
    output is the one line, and the cells after it do not run."""
    hide_ganlib_and_fail_pip = "\n".join([
        "import subprocess, sys",
        "sys.modules['ganlib'] = None  # import ganlib raises ModuleNotFoundError",
        "subprocess.run = lambda command, **options: subprocess.CompletedProcess(command, 1, '', 'ERROR: no network')",
    ])
    cells = [nbformat.v4.new_code_cell(code) for code in (hide_ganlib_and_fail_pip, build.colab_cell("vi"), "1 + 1")]
    nb = nbformat.v4.new_notebook(cells=cells)
    with pytest.raises(CellExecutionError):  # the kernel reports an error: "Run all" stops at this cell
        NotebookClient(nb, kernel_name="python3", timeout=120).execute(env=build.kernel_env("vi", "student"))
    (error,) = nb.cells[1].outputs
    assert error.output_type == "error" and error.ename == "InstallFailed"
    assert error.traceback == [build.COLAB_MESSAGES["vi"]["failed"].format(repository=build.REPOSITORY)]
    assert nb.cells[2].outputs == [] and nb.cells[2].execution_count is None


# ganlib's widget API, each class and argument present in ipywidgets 7.6 (Colab ships 7.x) as in 8:
# Button(description), FloatSlider / IntSlider(value, min, max, step, description, continuous_update),
# HBox, VBox, HTML(value), Layout(width), Output (with .clear_output(wait=True)), RadioButtons(options,
# value=None, layout), Text(placeholder, layout); .observe(names="value") and .on_click. Not
# Widget._repr_mimebundle_, which came with ipywidgets 8.
WIDGETS_IN_7_6 = {"Button", "FloatSlider", "HBox", "HTML", "IntSlider", "Layout", "Output", "RadioButtons", "Text",
                  "VBox"}


def test_ganlib_uses_only_widgets_that_ipywidgets_7_has():
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "ganlib").rglob("*.py"))
    used = set(re.findall(r"\bwidgets\.([A-Z]\w*)", code))
    assert used, "the widget scan found nothing: has the import name changed?"
    assert used <= WIDGETS_IN_7_6, f"check that {sorted(used - WIDGETS_IN_7_6)} exist in ipywidgets 7.6, then list them"
    assert "._repr_mimebundle_(" not in code, "Widget._repr_mimebundle_ does not exist in ipywidgets 7 (Colab)"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.findall(r"^widgets = (.*)$", pyproject, flags=re.M) == ['["ipywidgets>=7.6"]']


def test_the_quiz_shows_its_widget_without_the_ipywidgets_8_api(monkeypatch):
    """The quiz's output carries the widget view and the Markdown also where widgets lack
    _repr_mimebundle_ (ipywidgets 7, as on Colab)."""
    widgets = pytest.importorskip("ipywidgets")
    import IPython.display

    monkeypatch.delattr(widgets.Widget, "_repr_mimebundle_", raising=False)
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw: shown.append(bundle))
    exercises.show_quiz("01")
    (bundle,) = shown
    assert bundle["text/markdown"].startswith("**Quiz**")
    view = bundle[build.WIDGET_MIME]
    assert view["version_major"] == 2 and view["model_id"]
