"""The layers of DESIGN.md hold: nothing below editor/gui imports Qt, and the CLI starts light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import editor

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = (
    "editor.domain",
    "editor.archive",
    "editor.render",
    "editor.spell",
    "editor.export",
    "editor.portalpage",
    "editor.text",
    "editor.cli",
    "editor.launcher",
    "editor.parallel",
)


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(editor.__path__, "editor."):
        if info.name.startswith(QT_FREE) and ".migrations" not in info.name:
            names.append(info.name)
    return sorted(names)


def test_nothing_below_the_gui_imports_qt():
    modules = core_modules()
    assert "editor.archive.articles" in modules
    assert "editor.export.exporter" in modules
    assert "editor.parallel" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "", f"Qt imported by the core: {result.stdout}"


def test_the_command_line_does_not_load_the_gui_or_alembic():
    code = (
        "import sys\n"
        "from editor import cli\n"
        "cli.build_parser()\n"
        "heavy = [m for m in ('PySide6', 'alembic', 'markdown', 'enchant', 'jinja2') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
