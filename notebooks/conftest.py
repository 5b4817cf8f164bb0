"""nbval settings for the lesson notebooks: quick mode, offline data, and one failure per notebook, not a cascade."""

import os

import pytest

# Set before any kernel starts: nbval runs kernels in this environment (--nbval-current-env).
os.environ.setdefault("GANLIB_QUICK", "1")
os.environ.setdefault("GANLIB_DATA", "bundled")
os.environ.setdefault("MPLBACKEND", "Agg")

_failed_notebooks: set[str] = set()


def _notebook(item: pytest.Item) -> str | None:
    path = str(item.path)
    return path if path.endswith(".ipynb") else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    notebook = _notebook(item)
    if notebook and report.failed:
        _failed_notebooks.add(notebook)


def pytest_runtest_setup(item):
    notebook = _notebook(item)
    if notebook in _failed_notebooks:
        pytest.skip("an earlier cell of this notebook failed; see that failure first")
