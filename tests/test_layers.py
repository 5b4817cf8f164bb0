"""ganlib is layered and data flows one way: this test reads every module's imports and fails on any
import against the flow. The layers, bottom to top (a module may import its own sub-package and any
layer below its own, never one above):

    0  ganlib.i18n (the notebook's language), ganlib.lazy (names imported on first use)
    1  ganlib.runtime, ganlib.assets
    2  ganlib.theory (NumPy/SciPy only: no torch, no plots), ganlib.data
    3  ganlib.gan
    4  ganlib.metrics
    5  ganlib.toys
    6  ganlib.plots, ganlib.exercises
    7  ganlib.cli (nothing in ganlib imports it)
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ganlib"
LAYERS = {"i18n": 0, "lazy": 0, "runtime": 1, "assets": 1, "theory": 2, "data": 2, "gan": 3, "metrics": 4, "toys": 5,
          "plots": 6, "exercises": 6, "cli": 7}
OPEN_TO_ALL = {"ganlib", "ganlib.__main__"}  # the package's front door and `python -m ganlib`
PLOTTING = ("matplotlib", "ipywidgets", "IPython")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The absolute names of the modules ``path`` imports (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.add(target)
            if target in ("ganlib",) or (node.level and not node.module):
                found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def layer(module: str) -> int | None:
    """The layer of a ganlib module (None for the front door and for names outside ganlib)."""
    parts = module.split(".")
    if parts[0] != "ganlib" or module in OPEN_TO_ALL or len(parts) < 2:
        return None
    return LAYERS.get(parts[1])


def violations(modules: dict[str, set[str]]) -> list[str]:
    """Every import in ``modules`` (name → imported names) that goes against the flow."""
    found = []
    for module, imported in sorted(modules.items()):
        own = layer(module)
        if own is None:
            continue
        for target in sorted(imported):
            other = layer(target)
            same_package = target.split(".")[:2] == module.split(".")[:2]
            if other is not None and not same_package and other >= own:
                found.append(f"{module} imports {target} (layer {other} ≥ its own {own})")
            if target.startswith("ganlib.cli") and not module.startswith("ganlib.cli"):
                found.append(f"{module} imports {target}: nothing imports the command line")
            if module.startswith("ganlib.theory") and target.split(".")[0] in ("torch", "torchvision"):
                found.append(f"{module} imports {target}: the theory is NumPy and SciPy only")
            if own < LAYERS["plots"] and target.split(".")[0] in PLOTTING:
                found.append(f"{module} imports {target}: only plots and widgets draw")
    return found


def ganlib_modules() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_sub_package_has_a_layer():
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert packages | modules <= set(LAYERS), f"give {sorted(packages | modules - set(LAYERS))} a layer"


def test_data_flows_one_way():
    assert violations(ganlib_modules()) == []


@pytest.mark.parametrize("bad", [
    ("ganlib.gan.train", "ganlib.metrics.images"),    # training would pull in the classifier
    ("ganlib.theory.divergences", "torch"),          # the theory would need torch
    ("ganlib.data.mnist", "matplotlib.pyplot"),       # data would draw
    ("ganlib.plots.training", "ganlib.cli.train"),    # something would import the command line
    ("ganlib.toys.counterfeiter", "ganlib.plots.densities"),
])
def test_an_import_against_the_flow_is_caught(bad):
    module, target = bad
    modules = ganlib_modules()
    modules[module] = modules[module] | {target}
    assert any(f"{module} imports {target}" in line for line in violations(modules))


def test_each_sub_package_says_what_lives_there_and_which_lessons_use_it():
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert doc and ("lesson" in doc.lower() or "python -m ganlib" in doc), f"{init.parent.name}/__init__.py"


def test_modules_stay_small():
    sizes = {module_name(path): len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 420} == {}
