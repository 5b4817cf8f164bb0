"""ganlib installs anywhere, not only as an editable clone: a regular (non-editable) install into a
fresh folder, used from another working directory, finds its shipped data, weights and quiz files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

USE_THE_INSTALLED_COPY = """
import sys
from pathlib import Path

import torch

import ganlib

assert Path(ganlib.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), ganlib.__file__
digits = ganlib.load_mnist("bundled", verbose=False)
assert digits.images.shape == (5000, 1, 28, 28)
scores = ganlib.score_samples(ganlib.to_gan_range(digits.images[::50]))
generator, history = ganlib.load_generator()
samples = ganlib.generate(generator, torch.zeros(3, 100))
from ganlib.exercises import quiz_bank
assert all(quiz_bank.questions(lesson) for lesson in quiz_bank.lessons())
print(ganlib.__version__, round(scores["fd"], 3), scores["classes_covered"], tuple(samples.shape))
"""


def test_a_regular_install_works_from_another_folder(tmp_path):
    source = tmp_path / "source"
    for part in ("ganlib", "assets"):
        shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / part, source / part)
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-cache-dir", "--target", str(target), str(source)], check=True, timeout=600,
                   capture_output=True)
    assert (target / "ganlib" / "asset_files" / "mnist_5k.npz").is_file()
    quizzes = sorted(path.name for path in (ROOT / "ganlib" / "exercises" / "quizzes").glob("*.json"))
    assert sorted(path.name for path in (target / "ganlib" / "exercises" / "quizzes").glob("*.json")) == quizzes
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "GANLIB_LANG": "en"}
    used = subprocess.run([sys.executable, "-c", USE_THE_INSTALLED_COPY, str(target)], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=300)
    assert used.returncode == 0, used.stderr
    version, fd, classes, shape = used.stdout.split(maxsplit=3)
    assert version == "0.2.0" and float(fd) > 0 and int(classes) == 10 and shape.strip() == "(3, 1, 28, 28)"
    helped = subprocess.run([sys.executable, "-m", "ganlib", "--help"], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0 and "train" in helped.stdout and "score" in helped.stdout
