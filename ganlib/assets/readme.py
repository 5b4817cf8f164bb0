"""``assets/README.md``, written from the registry (:mod:`ganlib.assets.registry`), so that the page an
instructor reads on GitHub and the numbers the code checks are one source. ``tests/test_assets.py``
fails when the file and the registry disagree; :data:`WRITE_COMMAND` rewrites it. Used by no lesson:
it documents the files lessons 00 and 05–08 load.
"""

import os
from pathlib import Path

from .registry import ENTRIES, Shipped

WRITE_COMMAND = "python -c \"from ganlib.assets.readme import write_readme; write_readme()\""
LABELS = {"fd": "FD", "fd_floor": "FD floor (N = 1000)", "fd_ceiling": "FD ceiling (N = 1000)",
          "precision_floor": "precision floor (N = 1000)", "recall_floor": "recall floor (N = 1000)",
          "train_seconds": "seconds of training epochs"}

HEADER = f"""# Assets

<!-- Written from ganlib/assets/registry.py by {WRITE_COMMAND}: edit the registry, not this file. -->

Files the course ships so that it works offline. Every one is listed, with its SHA-256, the commands
that made it and its measured scores, in one registry, `ganlib/assets/registry.py`; this page is
written from it (`{WRITE_COMMAND}`), and a test fails when the two disagree.

Each file is checked against its SHA-256 every time it is loaded (`ganlib.assets.read_asset`), then
read with `torch.load(..., weights_only=True)` or `numpy.load(..., allow_pickle=False)`. A missing or
damaged file is an error that says how to restore it (`git checkout assets/NAME` in a clone, or
reinstall ganlib); nothing is ever rebuilt or downloaded silently. To remake a file, run its commands
from the course root, then put the new SHA-256 in its registry entry: a retrained file has other bytes.
"""


def _summary() -> str:
    rows = [f"| [`{e.file}`](#{e.file.replace('.', '')}) | {', '.join(e.lessons)} | {e.model or '—'} | "
            f"`{e.sha256[:12]}…` |" for e in ENTRIES]
    return "\n".join(["| file | lessons | model | SHA-256 |", "|---|---|---|---|", *rows])


def _tier(entry: Shipped) -> str:
    changed = ", ".join(f"`{name}={value!r}`" for name, value in entry.config.items()) or "none"
    data, folder = (" --data FOLDER", ", folder=True") if entry.folder else ("", "")
    return (f"- **Laptop tier** (what `python -m ganlib train --model {entry.model}{data}` and "
            f"`ganlib.gan.config.model_defaults(\"{entry.model}\"{folder})` start from): changed from TrainConfig's "
            f"defaults: {changed}; every other option at its default (`python -m ganlib train --help`).")


def _section(entry: Shipped) -> str:
    commands = "\n".join(f"  {command}" for command in entry.made_by)
    scores = "\n".join(f"  | {LABELS.get(name, name.replace('_', ' '))} | {score.value:g} | {score.source} |"
                       for name, score in entry.scores.items())
    lines = [f"## {entry.file}", "", entry.what, "",
             f"- **Lessons:** {', '.join(entry.lessons)}.",
             "- **Made by** (from the course root):", "", "  ```", commands, "  ```", ""]
    if entry.model:
        lines.append(_tier(entry))
    lines += ["- **Measured:**", "", "  | score | value | source |", "  |---|---|---|", scores, "",
              f"- **SHA-256:** `{entry.sha256}`", f"- **Licence:** {entry.licence}."]
    if entry.notes:
        lines += ["", entry.notes]
    return "\n".join(lines)


def readme() -> str:
    """The text of ``assets/README.md``: a header, a summary table and one section per registry entry."""
    return "\n\n".join([HEADER.rstrip("\n"), _summary(), *(_section(entry) for entry in ENTRIES)]) + "\n"


def write_readme(path: str | Path = "assets/README.md") -> Path:
    """Write :func:`readme` to ``path`` (default: the course's, from its root) atomically."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(readme(), encoding="utf-8")
    os.replace(partial, path)
    return path
