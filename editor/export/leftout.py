"""The articles an export leaves out, and why: every live article that is not published.

The site shows published articles only; a draft, an article in review or an archived one is
left out, and the export says so (how many, by reason, and which) rather than leaving a writer to
wonder where an article went. An article published with a time still to come is exported like
any other published article: the export has no notion of scheduling. The trash is not counted:
a deleted article is meant to be gone.

Qt-free: the command line and the export dialog word the counts each in their own language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The reasons in the order they are named: the statuses an article passes through.
REASONS = ("draft", "review", "archived")


@dataclass(frozen=True, slots=True)
class LeftOut:
    """One article the export left out; ``reason`` is its status (``REASONS``, or a status some
    other tool stored, as it is)."""

    id: int
    title: str
    reason: str


def by_reason(left_out: Sequence[LeftOut]) -> dict[str, int]:
    """How many were left out for each reason, in ``REASONS`` order (unknown ones last)."""
    counts = Counter(item.reason for item in left_out)
    known = {reason: counts.pop(reason) for reason in REASONS if reason in counts}
    return known | dict(sorted(counts.items()))


def as_json(left_out: Sequence[LeftOut]) -> dict[str, Any]:
    """The report's ``left_out``: the total, the counts by reason and each article."""
    return {
        "total": len(left_out),
        "by_reason": by_reason(left_out),
        "articles": [
            {"id": item.id, "title": item.title, "reason": item.reason} for item in left_out
        ],
    }


def summary(left_out: Sequence[LeftOut]) -> str:
    """The command line's line: ``left out 5 articles that are not published: 3 draft, …``."""
    counts = ", ".join(f"{count} {reason}" for reason, count in by_reason(left_out).items())
    noun = "article" if len(left_out) == 1 else "articles"
    verb = "is" if len(left_out) == 1 else "are"
    return f"left out {len(left_out)} {noun} that {verb} not published: {counts}"
