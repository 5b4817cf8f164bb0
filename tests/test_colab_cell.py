"""Each lesson's first code cell runs on Colab: it installs ganlib when missing and says so in one line,
in the notebook's language; where ganlib is installed (here, and in the tests of the notebooks) it
prints nothing."""

import builtins
import contextlib
import importlib.util
import io
import subprocess
import sys
from pathlib import Path

import pytest

import ganlib

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build", ROOT / "notebooks" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

CASES = [(source, lang) for source in build.source_paths() for lang in build.LANGUAGES]


def first_code_cell(source: Path, lang: str) -> str:
    return next(c.source for c in build.twin(source, lang).cells if c.cell_type == "code")


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


@pytest.mark.parametrize(("source", "lang"), CASES, ids=[f"{s.stem[:2]}-{lang}" for s, lang in CASES])
def test_first_cell_prints_nothing_where_ganlib_is_installed(source, lang, monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a))
    assert run_cell(first_code_cell(source, lang), ganlib_missing=False) == ""
    assert calls == [] and ganlib.get_language() == lang


@pytest.mark.parametrize(("source", "lang"), CASES, ids=[f"{s.stem[:2]}-{lang}" for s, lang in CASES])
def test_first_cell_installs_ganlib_when_missing_and_says_so(source, lang, monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda command, **options: calls.append((command, options)))
    printed = run_cell(first_code_cell(source, lang), ganlib_missing=True)
    assert len(calls) == 1, "the first cell must install ganlib once when it is missing"
    command, options = calls[0]
    assert command[:4] == [sys.executable, "-m", "pip", "install"] and options.get("check") is True
    assert command[-1].startswith("ganlib[widgets] @ git+https://github.com/"), command[-1]
    assert len(printed.strip().splitlines()) == 1, f"say it in one line: {printed!r}"
    assert ganlib.get_language() == lang
    vietnamese = any(ch in printed for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    assert vietnamese == (lang == "vi"), f"the {lang} notebook says it in the wrong language: {printed!r}"


def test_the_fake_import_really_fails_once():
    with pytest.raises(ModuleNotFoundError):
        run_cell("import ganlib", ganlib_missing=True)
    assert run_cell("import ganlib\nprint(ganlib.__name__)", ganlib_missing=False) == "ganlib\n"
