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
    printed = nbformat.read(target, as_version=4).cells[2].outputs[0].text
    assert printed == "1 bundled vi\n"
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
