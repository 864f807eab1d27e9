"""What reading a portal page gives: the article's fields, and the fields it could not find."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from editor.domain.errors import FieldProblem, ZoneDeskError

#: An article page is some tens of kilobytes; a file this large is something else.
MAX_PAGE_BYTES = 4_000_000

#: The fields a page of the portal shows, by the name the archive gives them.
FIELDS = ("title", "category", "published_at", "source", "zone", "body")


class PageError(ZoneDeskError):
    """The file cannot be read as a page at all (binary, undecodable, too large, no article)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec that decoded the bytes, e.g. "utf-8" or "gb18030"
    declared: str | None = None  # the charset the page declared, when it did


@dataclass(frozen=True, slots=True)
class PortalPage:
    """One article as its page shows it. A field the page lacks is None (or empty) and has a
    problem in ``problems`` naming it."""

    title: str | None
    category: tuple[str, ...]
    published_at: dt.datetime | None
    source: str | None
    zone: str | None
    body: str  # Markdown
    url: str | None  # the page's address, when the saved page carries it
    form: str  # "html" or "text"
    encoding: str
    problems: tuple[FieldProblem, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def missing(self) -> frozenset[str]:
        return frozenset(p.field for p in self.problems)
