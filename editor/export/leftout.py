"""The articles an export leaves out, and why: every live article that is not published, and
every published one whose page cannot be written.

The site shows published articles only; a draft, an article in review or an archived one is
left out, and the export says so (how many, by reason, and which) rather than leaving a writer to
wonder where an article went. A published article is left out as ``unwritable`` when a page it
needs cannot be written (its own, or its category's listing: a name too long for the file
system, see ``editor.export.unwritable``); the entry names that page and the system's words, and
the rest of the site is written without it. An article published with a time still to come is
exported like any other published article: the export has no notion of scheduling. The trash is
not counted: a deleted article is meant to be gone.

Qt-free: the command line and the export dialog word the counts each in their own language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: A published article whose page cannot be written.
UNWRITABLE = "unwritable"
#: The reasons in the order they are named: the statuses an article passes through, then
#: ``UNWRITABLE``.
REASONS = ("draft", "review", "archived", UNWRITABLE)


@dataclass(frozen=True, slots=True)
class LeftOut:
    """One article the export left out; ``reason`` is its status (``REASONS``, or a status some
    other tool stored, as it is) or ``UNWRITABLE``, with the page (``path``) that could not be
    written and why (``error``)."""

    id: int
    title: str
    reason: str
    path: str = ""
    error: str = ""


def unpublished(left_out: Sequence[LeftOut]) -> list[LeftOut]:
    """Those left out for their status."""
    return [item for item in left_out if item.reason != UNWRITABLE]


def unwritable(left_out: Sequence[LeftOut]) -> list[LeftOut]:
    """Those left out because a page of theirs cannot be written."""
    return [item for item in left_out if item.reason == UNWRITABLE]


def by_reason(left_out: Sequence[LeftOut]) -> dict[str, int]:
    """How many were left out for each reason, in ``REASONS`` order (unknown ones last)."""
    counts = Counter(item.reason for item in left_out)
    known = {reason: counts.pop(reason) for reason in REASONS if reason in counts}
    return known | dict(sorted(counts.items()))


def as_json(left_out: Sequence[LeftOut]) -> dict[str, Any]:
    """The report's ``left_out``: the total, the counts by reason and each article (with the
    page and the error for an unwritable one)."""
    return {
        "total": len(left_out),
        "by_reason": by_reason(left_out),
        "articles": [_entry(item) for item in left_out],
    }


def _entry(item: LeftOut) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": item.id, "title": item.title, "reason": item.reason}
    if item.reason == UNWRITABLE:
        entry |= {"path": item.path, "error": item.error}
    return entry


def summary(left_out: Sequence[LeftOut]) -> str:
    """The command line's line on those not published: ``left out 5 articles that are not
    published: 3 draft, …``."""
    counts = ", ".join(f"{count} {reason}" for reason, count in by_reason(left_out).items())
    noun = "article" if len(left_out) == 1 else "articles"
    verb = "is" if len(left_out) == 1 else "are"
    return f"left out {len(left_out)} {noun} that {verb} not published: {counts}"


def unwritable_summary(left_out: Sequence[LeftOut]) -> str:
    """The command line's line on the unwritable ones (each follows on a line of its own)."""
    noun = "article" if len(left_out) == 1 else "articles"
    return (
        f"left out {len(left_out)} published {noun} whose page cannot be written (the rest of "
        "the site is written; shorten the category names or the slug, and export again):"
    )


def unwritable_line(item: LeftOut) -> str:
    """``  12  标题: list/…/index.html: File name too long``, a long path shortened in the middle
    (the report's JSON has it whole)."""
    path = item.path
    if len(path) > 160:
        path = f"{path[:70]}…{path[-70:]} ({len(path):,} characters)"
    return f"{item.id:>7}  {item.title}: {path}: {item.error}"
