"""The notebook test run: after a failing cell, the rest of that notebook is skipped, not a cascade."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def test_cells_after_a_failure_are_skipped(tmp_path):
    shutil.copy(ROOT / "notebooks" / "conftest.py", tmp_path / "conftest.py")
    cells = [nbformat.v4.new_code_cell(code) for code in ("x = 1", "1 / 0", "print(x)", "x + 1")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / "broken.ipynb")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
         "-q", "-rs", "broken.ipynb"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "1 failed, 1 passed, 2 skipped" in result.stdout, result.stdout
    assert "an earlier cell of this notebook failed" in result.stdout
    assert "NameError" not in result.stdout
