"""Every string the UI translates has a finished Chinese translation.

The sources are found the way pyside6-lupdate finds them: ``self.tr("…")`` in a class (the
class's name is the context) and ``translate("Context", "…")`` /
``QCoreApplication.translate("Context", "…")``. A string missing from
resources/translations/zonedesk_zh_CN.ts, or still marked unfinished there, would show in English
in the Chinese UI.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHINESE_TS = ROOT / "resources" / "translations" / "zonedesk_zh_CN.ts"

Source = tuple[str, str, str]  # context, source text, where (path:line)


def _string(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where = where
        self.classes: list[str] = []
        self.found: list[Source] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = _string(node.args[0]) if node.args else None
        second = _string(node.args[1]) if len(node.args) > 1 else None
        where = f"{self.where}:{node.lineno}"
        if name == "tr" and isinstance(func, ast.Attribute) and first is not None:
            context = self.classes[-1] if self.classes else "<no class>"
            self.found.append((context, first, where))
        elif name == "translate" and first is not None and second is not None:
            self.found.append((first, second, where))
        self.generic_visit(node)


def translatable_sources() -> list[Source]:
    found: list[Source] = []
    for path in sorted((ROOT / "editor").rglob("*.py")):
        finder = _Finder(str(path.relative_to(ROOT)))
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(finder.found)
    return found


def finished_translations(ts: Path) -> set[tuple[str, str]]:
    done: set[tuple[str, str]] = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = "".join(forms) if forms else translation.text or ""
            if text.strip() and all(f.strip() for f in forms):
                done.add((name, source))
    return done


def test_the_source_finder_finds_both_kinds_of_call() -> None:
    code = (
        "class Form:\n"
        "    def f(self):\n"
        "        self.tr('Title')\n"
        "        QCoreApplication.translate('Ctx', 'Save')\n"
        "        translate('Other', 'Quit')\n"
        "        'abc'.translate({})\n"
    )
    finder = _Finder("x.py")
    finder.visit(ast.parse(code))
    assert [(c, s) for c, s, _ in finder.found] == [
        ("Form", "Title"),
        ("Ctx", "Save"),
        ("Other", "Quit"),
    ]


def test_every_translatable_string_has_a_finished_chinese_translation() -> None:
    sources = translatable_sources()
    assert len(sources) > 300  # the finder sees the UI's strings
    done = finished_translations(CHINESE_TS)
    missing = sorted({(c, s, w) for c, s, w in sources if (c, s) not in done})
    listing = "\n".join(f"  {where}  [{context}] {source!r}" for context, source, where in missing)
    assert not missing, f"{len(missing)} strings have no finished Chinese translation:\n{listing}"
