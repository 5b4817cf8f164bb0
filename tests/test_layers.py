"""ganlib is layered and data flows one way: this test reads every module's imports and fails on any
import against the flow, and on any import cycle.

The layers are written once, in the table of ganlib/__init__.py's docstring; the test reads them from
there. An import is any of: ``import x``, ``from x import y`` (relative ones resolved), a name of the
package's lazy front door (``from ganlib import show_digits`` imports ganlib.plots, where the front
door's ``_API`` table says the name lives), ``ganlib.show_digits`` after ``import ganlib``, and
``importlib.import_module`` or ``__import__`` with a literal name. A module name computed at run time
cannot be checked, so only the front door may use one.
"""

import ast
import importlib.util
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ganlib"
FRONT_DOOR = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
OPEN_TO_ALL = {"ganlib", "ganlib.__main__"}  # the package's front door and `python -m ganlib`
# The one module allowed to import by a computed name: it imports, on first use, the modules that a
# package's ``_API`` table names (``from .lazy import lazy_exports``), and the test reads those tables.
LAZY_LOADER = "ganlib.lazy"
PLOTTING = ("matplotlib", "ipywidgets", "IPython")
COMPUTED = "<a name computed at run time>"


def layer_table(doc: str) -> dict[str, int]:
    """Module or sub-package → layer, from the rows of the docstring table ("    3      gan/   ...")."""
    rows = re.findall(r"^    (\d+)\s+(\w+)/?\s{2,}\S", doc, flags=re.MULTILINE)
    return {name: int(number) for number, name in rows}


LAYERS = layer_table(ast.get_docstring(FRONT_DOOR) or "")


def lazy_table(tree: ast.Module) -> dict[str, list[str]]:
    """A package's ``_API`` table (its module → the names it exports on first use), or {} if none."""
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and any(getattr(t, "id", "") == "_API" for t in targets):
            return ast.literal_eval(node.value)
    return {}


def front_door_names() -> dict[str, str]:
    """Each name ``ganlib`` exports → the module that defines it: the lazy ``_API`` table and the
    eager ``from .module import name`` lines of ganlib/__init__.py."""
    homes = {name: f"ganlib.{module}" for module, names in lazy_table(FRONT_DOOR).items() for name in names}
    for node in FRONT_DOOR.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            homes |= {alias.asname or alias.name: f"ganlib.{node.module}" for alias in node.names}
    return homes


EXPORTED = front_door_names()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path) for path in PACKAGE.rglob("*.py")}


def provider(package: str, name: str) -> str:
    """The module that ``from package import name`` reads: the submodule if there is one, the
    defining sub-package for a name of the lazy front door, else ``package`` itself."""
    if f"{package}.{name}" in MODULES:
        return f"{package}.{name}"
    if package == "ganlib" and name in EXPORTED:
        return EXPORTED[name]
    return package


def literal(node: ast.expr | None, *, module: str, package: str) -> str | None:
    """The string an argument holds when it is written in the source (``__name__`` and
    ``__package__`` count: they are known), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return {"__name__": module, "__package__": package}.get(getattr(node, "id", None))


def dynamic_import(call: ast.Call, *, module: str, package: str) -> str | None:
    """The module an ``importlib.import_module(name, package)`` or ``__import__(name)`` call imports,
    COMPUTED when its name is not written literally, None when ``call`` is another call."""
    function = call.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    if name not in ("import_module", "__import__") or not call.args:
        return None
    target = literal(call.args[0], module=module, package=package)
    if target is None or not target.startswith("."):
        return target or COMPUTED
    anchor = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "package"), None)
    anchor = literal(anchor, module=module, package=package)
    return importlib.util.resolve_name(target, anchor) if anchor else COMPUTED


def imports_in(source: str, *, module: str, is_package: bool) -> set[str]:
    """The absolute names of the modules that ``source``, the code of ``module``, imports; a package's
    ``_API`` table counts as importing each module it names."""
    package = module if is_package else module.rpartition(".")[0]
    tree = ast.parse(source)
    # (The front door's own table is read by provider(): its names are imported where they are used.)
    found = {f"{package}.{name}" for name in lazy_table(tree)} if is_package and module != "ganlib" else set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found |= {provider(target, alias.name) for alias in node.names}
        elif isinstance(node, ast.Call):
            found |= {dynamic_import(node, module=module, package=package)} - {None}
        elif isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "ganlib":
            found.add(provider("ganlib", node.attr))  # ganlib.show_digits after `import ganlib`
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
            if target == COMPUTED:
                if module != LAZY_LOADER:
                    found.append(f"{module} imports a module by {target}: write its name literally so that "
                                 "the layers can be checked")
                continue
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


def cycles(modules: dict[str, set[str]]) -> list[str]:
    """Import cycles among ganlib's modules, each written "a → b → a" (depth-first search)."""
    found, done, path = [], set(), []

    def visit(module: str) -> None:
        path.append(module)
        for target in sorted(modules.get(module, set()) & modules.keys()):
            if target in path:
                found.append(" → ".join(path[path.index(target):] + [target]))
            elif target not in done:
                visit(target)
        path.pop()
        done.add(module)

    for module in sorted(modules):
        if module not in done:
            visit(module)
    return found


def ganlib_modules() -> dict[str, set[str]]:
    return {module_name(path): imports_in(path.read_text(encoding="utf-8"), module=module_name(path),
                                          is_package=path.name == "__init__.py")
            for path in sorted(PACKAGE.rglob("*.py"))}


def test_the_layer_table_is_read_and_lists_what_exists():
    assert LAYERS and sorted(set(LAYERS.values())) == list(range(max(LAYERS.values()) + 1)), LAYERS
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert packages | modules == set(LAYERS), (
        f"the table in ganlib/__init__.py's docstring: give {sorted(packages | modules - set(LAYERS))} a layer, "
        f"remove {sorted(set(LAYERS) - packages - modules)}")


def test_data_flows_one_way():
    assert violations(ganlib_modules()) == []


def test_no_import_cycles():
    assert cycles(ganlib_modules()) == []


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


@pytest.mark.parametrize("source, target", [
    ("from ganlib import show_digits", "ganlib.plots"),                   # the lazy front door
    ("from .. import show_digits", "ganlib.plots"),
    ("import ganlib\nganlib.show_digits(images)", "ganlib.plots"),
    ("from ganlib import score_samples, tr", "ganlib.metrics"),
    ("import importlib\nimportlib.import_module('ganlib.plots')", "ganlib.plots"),
    ("from importlib import import_module\nimport_module('..toys', __package__)", "ganlib.toys"),
    ("__import__('ganlib.metrics.images')", "ganlib.metrics.images"),
    ("import importlib\nimportlib.import_module(f'ganlib.{name}')", COMPUTED),
])
def test_a_hidden_import_against_the_flow_is_caught(source, target):
    modules = ganlib_modules()
    modules["ganlib.gan.train"] = modules["ganlib.gan.train"] | imports_in(source, module="ganlib.gan.train",
                                                                              is_package=False)
    assert any(line.startswith(f"ganlib.gan.train imports {target}") or
               (target == COMPUTED and COMPUTED in line) for line in violations(modules)), violations(modules)


def test_an_import_cycle_inside_a_sub_package_is_caught():
    modules = ganlib_modules()
    assert "ganlib.gan.losses" in modules["ganlib.gan.steps"]
    modules["ganlib.gan.losses"] = modules["ganlib.gan.losses"] | {"ganlib.gan.steps"}
    assert any(set(cycle.split(" → ")) == {"ganlib.gan.losses", "ganlib.gan.steps"} for cycle in cycles(modules))


def test_a_name_the_front_door_re_exports_counts_as_its_package():
    source = "from . import TrainConfig\nfrom . import losses"
    assert imports_in(source, module="ganlib.gan.train", is_package=False) == {"ganlib.gan", "ganlib.gan.losses"}


def test_each_sub_package_says_what_lives_there_and_which_lessons_use_it():
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert doc and ("lesson" in doc.lower() or "python -m ganlib" in doc), f"{init.parent.name}/__init__.py"


def test_modules_stay_small():
    sizes = {module_name(path): len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 420} == {}
