"""notebooks/build.py: its subcommands, and the settings it hands to each kernel without changing its own
environment."""

import os

import nbformat
import pytest

from notebooks import build

TINY_SOURCE = """\
# %% [markdown] tags=["vi"]
# Chào.

# %% [markdown] tags=["en"]
# Hello.

# %% tags=["colab"]
# the Colab cell

# %% [markdown] tags=["vi"]
# ## Bài tập

# %% [markdown] tags=["en"]
# ## Exercises

# %%
import os
print(os.environ.get("GANLIB_QUICK"), os.environ.get("GANLIB_DATA"), ganlib.get_language())

# %% tags=["exercise"]
answer = ...

# %% tags=["solution"]
answer = 42
"""


@pytest.mark.parametrize(("variant", "quick"), [("student", None), ("solutions", "1")])
@pytest.mark.parametrize("lang", build.LANGUAGES)
def test_kernel_env_sets_the_mode_language_and_data(lang, variant, quick):
    base = {"PATH": "/bin", "GANLIB_QUICK": "1", "GANLIB_LANG": "en"}
    env = build.kernel_env(lang, variant, base)
    assert env.get("GANLIB_QUICK") == quick and env["GANLIB_LANG"] == lang
    assert env["GANLIB_DATA"] == "bundled" and env["PATH"] == "/bin"
    assert base == {"PATH": "/bin", "GANLIB_QUICK": "1", "GANLIB_LANG": "en"}, "the caller's mapping is left alone"
    assert build.kernel_env(lang, variant, {"GANLIB_DATA": "download"})["GANLIB_DATA"] == "download"


def test_build_hands_the_settings_to_the_kernel_and_leaves_its_environment_alone(tmp_path, monkeypatch):
    """A solution notebook runs in quick mode in its own language, on the bundled data, while the
    builder's own environment says otherwise and stays as it was."""
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "99_tiny.py"
    source.write_text(TINY_SOURCE, encoding="utf-8")
    monkeypatch.setattr(build, "NOTEBOOKS", tmp_path)
    monkeypatch.setenv("GANLIB_LANG", "en")
    monkeypatch.delenv("GANLIB_QUICK", raising=False)
    monkeypatch.delenv("GANLIB_DATA", raising=False)
    before = dict(os.environ)
    (tmp_path / "vi").mkdir()
    target = build.build(source, "vi", "solutions")
    assert dict(os.environ) == before
    assert target == tmp_path / "vi" / "solutions" / "99_tiny.ipynb"
    (printed,) = [c.outputs for c in nbformat.read(target, as_version=4).cells if "os.environ" in c.source]
    assert printed[0].text == "1 bundled vi\n"
    assert [p.name for p in target.parent.iterdir()] == ["99_tiny.ipynb"], "no temporary file left behind"


@pytest.mark.parametrize("argv", [[], ["--check"], ["01", "--site", "out"], ["frobnicate"]])
def test_the_old_flags_and_a_missing_subcommand_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        build.main(argv)
    assert exited.value.code == 2
    assert "build,check,metadata,site" in capsys.readouterr().err


def test_an_unknown_lesson_is_refused(capsys):
    with pytest.raises(SystemExit):
        build.main(["check", "77"])
    assert "no lesson source in src/ matches ['77']" in capsys.readouterr().err


def test_each_subcommand_does_its_own_job(tmp_path, monkeypatch, capsys):
    """build executes, check and metadata compare and copy without executing, site writes the website."""
    done = []
    monkeypatch.setattr(build, "build", lambda source, lang, variant: done.append(("build", source.stem, lang,
                                                                                    variant)))
    monkeypatch.setattr(build, "copy_metadata", lambda source, lang, variant: done.append(
        ("metadata", source.stem, lang, variant)) or build.target_path(source, lang, variant))
    monkeypatch.setattr(build, "_site", lambda out, stems, colab: done.append(("site", out, stems, colab)) or [out])
    monkeypatch.setattr(build, "differences", lambda source, lang, variant: [])
    assert build.main(["build", "01", "--lang", "en"]) == 0
    assert done == [("build", "01_counterfeiter", "en", "student"), ("build", "01_counterfeiter", "en", "solutions")]
    done.clear()
    assert build.main(["metadata", "00", "--variant", "solutions"]) == 0 and done == [], "00 has no solutions"
    assert build.main(["metadata", "00", "--lang", "vi"]) == 0
    assert done == [("metadata", "00_introduction", "vi", "student")]
    done.clear()
    assert build.main(["check", "00", "01"]) == 0 and done == []
    assert "2 lessons: every notebook matches its source" in capsys.readouterr().out
    assert build.main(["site", str(tmp_path), "01", "--colab", "someone/course"]) == 0
    assert done == [("site", tmp_path, ["01_counterfeiter"], "someone/course")]


LESSON_WITH_EXERCISES = """\
# %% [markdown] tags=["vi"]
# # 99 — Thử

# %% [markdown] tags=["en"]
# # 99 — Try

# %% tags=["colab"]
# the Colab cell

# %%
import math

# %% [markdown] tags=["vi"]
# ## Thân bài

# %% [markdown] tags=["en"]
# ## Body

# %%
lesson_value = math.pi

# %% [markdown] tags=["vi"]
# ## Bài tập

# %% [markdown] tags=["en"]
# ## Exercises

# %% tags=["exercise"]
answer = ...

# %% tags=["solution"]
answer = round(math.tau, 2)

# %% tags=["nbval-check-output"]
print(answer)
"""


def test_a_solution_notebook_is_the_opening_and_the_exercise_section(tmp_path):
    source = tmp_path / "99_try.py"
    source.write_text(LESSON_WITH_EXERCISES, encoding="utf-8")
    student = [c.source for c in build.twin(source, "en").cells]
    solutions = [c.source for c in build.twin(source, "en", "solutions").cells]
    assert student[:3] == ["# 99 — Try", build.colab_cell("en"), "import math"]
    assert solutions == student[:3] + [build.SOLUTIONS_NOTE["en"].format(lesson="99_try"), "## Exercises",
                                       "answer = round(math.tau, 2)", "print(answer)"]
    assert "lesson_value = math.pi" in student and build.source_problems(source) == []


def test_a_solution_that_needs_the_body_of_the_lesson_is_caught(tmp_path):
    source = tmp_path / "99_try.py"
    source.write_text(LESSON_WITH_EXERCISES.replace("round(math.tau, 2)", "round(lesson_value, 2)"),
                      encoding="utf-8")
    found = build.source_problems(source)
    assert len(found) == 2 and all("reads lesson_value" in problem for problem in found), found
    source.write_text(LESSON_WITH_EXERCISES.replace("# ## ", "# "), encoding="utf-8")
    assert any("needs a '## ' heading before its first solution" in p for p in build.source_problems(source))


@pytest.mark.parametrize(("cells", "found"), [
    (["x = 1", "print(x, len([x]))"], []),
    (["print(y)"], ["cell 0 reads y"]),
    (["def f():\n    return y\n"], ["cell 0 reads y"]),
    (["def f(a: np.ndarray):\n    return a\n"], ["cell 0 reads np"]),
    (["values = [v * scale for v in range(3)]"], ["cell 0 reads scale"]),
    (["class C:\n    size = limit\n"], ["cell 0 reads limit"]),
    (["import numpy as np", "def f():\n    x = 2\n    return np.sqrt(x)\n", "display(f())"], []),
    (["print(later)", "later = 1"], ["cell 0 reads later"]),
])
def test_undefined_names_are_found_without_running_anything(cells, found):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    assert build.undefined_names(nb) == found


@pytest.mark.parametrize(("have", "want", "said"), [
    ("a\nb\nc", "a\nB\nc", "line 2: 'b' instead of 'B'"),
    ("a\nb", "a\nb\nc", "line 3: '' instead of 'c'"),
    ("a\n", "a", "line endings: 'a\\n' instead of 'a'"),
])
def test_check_names_the_first_line_that_differs(have, want, said):
    assert build._first_difference(have, want) == said
