"""Imports point one way: only the UI imports Qt; core imports no I/O layer; the CLI stays light."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "panelreview"
QT = ("PySide6", "shiboken6")
# what each layer may not import (besides Qt, which only ui/ and app.py may use); fileio.py holds the
# file-writing mechanics storage and export share, so it may use nothing of the app
FORBIDDEN = {
    "core": ("panelreview.storage", "panelreview.ingest", "panelreview.export", "panelreview.ui",
             "panelreview.fileio", "sqlite3", "sqlite_utils", "pymupdf", "docx"),
    "ingest": ("panelreview.storage", "panelreview.export", "panelreview.ui"),
    "storage": ("panelreview.export", "panelreview.ui"),
    "export": ("panelreview.ui",),
    "fileio.py": ("panelreview",),
}  # fmt: skip


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)  # ``from panelreview import fileio`` imports panelreview.fileio too
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_ui_imports_qt() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "ui" or rel.name == "app.py":
            continue
        offenders += [f"{rel}: {name}" for name in _imports(path) if name.split(".")[0] in QT]
    assert offenders == []


def test_layers_import_one_way() -> None:
    offenders = []
    for layer, banned in FORBIDDEN.items():
        where = PACKAGE / layer
        for path in [where] if where.is_file() else where.rglob("*.py"):
            for name in _imports(path):
                if any(name == b or name.startswith(b + ".") for b in banned):
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


# The window's rooms, from the most shared to the one that wires them all: a room may import its own
# modules and those of rooms before it, never a room after it (so a panel never reaches into the window).
UI_ROOMS = ("common", "session", "reader", "notes", "dialogs", "clerk", "versions", "app")


def _ui_modules() -> dict[str, Path]:
    ui = PACKAGE / "ui"
    return {
        "panelreview." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts): path
        for path in ui.rglob("*.py")
        if path.name != "__init__.py"
    }


def test_every_ui_module_lives_in_a_room() -> None:
    strays = [name for name in _ui_modules() if name.split(".")[2] not in UI_ROOMS]
    assert strays == []


def test_ui_rooms_import_one_way() -> None:
    offenders = []
    for name, path in _ui_modules().items():
        room = UI_ROOMS.index(name.split(".")[2])
        for imported in _imports(path):
            parts = imported.split(".")
            inside = parts[:2] == ["panelreview", "ui"] and len(parts) > 2 and parts[2] in UI_ROOMS
            if inside and UI_ROOMS.index(parts[2]) > room:
                offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_no_ui_module_imports_itself_round_a_circle() -> None:
    """Also counting imports made only for type checking or inside functions: a circle is a knot."""
    modules = _ui_modules()
    edges = {
        name: sorted({i for i in _imports(path) if i in modules and i != name})
        for name, path in modules.items()
    }
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for nxt in edges[name]:
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[name] = 2

    for name in sorted(modules):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_outline_command_loads_only_what_reading_a_draft_needs(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("1. Purpose\n\n1.1 To inform the panel.\n", encoding="utf-8")
    code = (
        "import sys, json, runpy\n"
        "sys.argv = ['panelreview', 'outline', '--json', sys.argv[1]]\n"
        "from panelreview.cli import main\n"
        "rc = main()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sqlite3', 'sqlite_utils', 'docx', 'pymupdf', 'multiprocessing') "
        "or m.startswith(('panelreview.storage', 'panelreview.export', 'panelreview.core.review')))), "
        "file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(draft)], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert loaded == []
    assert json.loads(result.stdout)[0] == {"number": "1", "title": "Purpose", "level": 1, "page": None}


def test_the_window_starts_without_loading_the_review_file_or_report_code() -> None:
    """The first page of a draft is drawn before sqlite-utils, python-docx or the exporters load."""
    code = (
        "import os, sys, json\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import panelreview.app\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlite_utils', 'docx') "
        "or m.startswith(('panelreview.export', 'panelreview.storage.review')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
