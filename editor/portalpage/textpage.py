"""A page saved as its text (what a reader selects and copies, or a browser's "Save as text").

Each line of the article is a paragraph. What the text still shows of the page's structure is
kept: bullet lines (``•``, ``·``, ``●`` …) become a list, tab-separated rows a table. The text is
literal, so whatever Markdown would read as markup is escaped.
"""

from __future__ import annotations

import re

from editor.portalpage.fields import analyse, normalize_line, read_fields
from editor.portalpage.markup import escape_text
from editor.portalpage.model import Decoded, PortalPage

_BULLET = re.compile(r"^(?:[•·●▪◆■◇□○◦‣]\s*|-\s+)(?=\S)")
_INDENT = " \t\xa0\u3000"


def parse_text(decoded: Decoded) -> PortalPage:
    raw_lines = [line.replace("&nbsp;", "\xa0") for line in decoded.text.split("\n")]
    kept = [(raw, normalize_line(raw)) for raw in raw_lines]
    kept = [(raw, line) for raw, line in kept if line]
    lines = [line for _, line in kept]
    layout = analyse(lines)
    fields = read_fields(lines, layout)
    body_lines = [kept[i][0] for i in layout.body if i not in layout.noise]
    body = text_to_markdown(body_lines)
    return fields.page(body, url=None, form="text", encoding=decoded.encoding)


def text_to_markdown(lines: list[str]) -> str:
    """Lines of a page's text as Markdown: paragraphs, bullet lists, tab-separated tables."""
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        table = _table_at(lines, i)
        if table:
            blocks.append(_table(lines[i : i + table]))
            i += table
            continue
        items: list[str] = []
        while i < len(lines) and _BULLET.match(lines[i].strip(_INDENT)):
            item = _BULLET.sub("", lines[i].strip(_INDENT))
            items.append("- " + escape_text(normalize_line(item)))
            i += 1
        if items:
            blocks.append("\n".join(items))
            continue
        text = normalize_line(lines[i])
        if text:
            blocks.append(escape_text(text))
        i += 1
    return "\n\n".join(blocks)


def _cells(line: str) -> list[str]:
    return [normalize_line(c) for c in line.strip("\n").split("\t")]


def _table_at(lines: list[str], start: int) -> int:
    """How many lines from ``start`` form a tab-separated table (two rows at least), or 0."""
    width = len(_cells(lines[start])) if "\t" in lines[start].strip(_INDENT) else 0
    if width < 2:
        return 0
    count = 1
    while start + count < len(lines) and len(_cells(lines[start + count])) == width:
        count += 1
    return count if count >= 2 else 0


def _table(rows: list[str]) -> str:
    cells = [[escape_text(c).replace("|", "\\|") for c in _cells(row)] for row in rows]
    head, *rest = cells
    out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rest]
    return "\n".join(out)
