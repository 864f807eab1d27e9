"""Plain domain objects of ZoneDesk: what an article is, apart from how it is stored or shown.

No Qt, no SQL. Rows become these objects at the archive's boundary; the CLI and the GUI only ever
see these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from editor.domain.values import (  # noqa: F401 - re-exported: callers know them from here
    MAX_SHORT_FIELD,
    MAX_SLUG_LENGTH,
    MAX_TITLE_LENGTH,
    ArticleStatus,
    Language,
    RevisionKind,
    SortKey,
)

#: Publication times without an offset are Beijing time: the portal's readers live there.
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """What a writer gives: the editable fields of an article.

    Category, zone and source are given by name; the archive resolves them (creating unknown ones).
    """

    title: str
    body: str = ""
    category: tuple[str, ...] = ()
    published_at: dt.datetime | None = None
    source: str | None = None
    zone: str | None = None
    author: str | None = None
    summary: str = ""
    tags: tuple[str, ...] = ()
    language: Language = Language.ZH_CN
    slug: str | None = None
    status: ArticleStatus = ArticleStatus.PUBLISHED
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article as stored: its fields, identity, bookkeeping and the version it was read at."""

    id: int
    title: str
    body: str
    body_html: str
    summary: str
    category: tuple[str, ...]
    zone: str | None
    city: str | None
    source: str | None
    author: str | None
    tags: tuple[str, ...]
    language: Language
    slug: str
    status: ArticleStatus
    published_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    external_id: str | None = None
    deleted_at: dt.datetime | None = None

    def to_input(self) -> ArticleInput:
        return ArticleInput(
            title=self.title,
            body=self.body,
            category=self.category,
            published_at=self.published_at,
            source=self.source,
            zone=self.zone,
            author=self.author,
            summary=self.summary,
            tags=self.tags,
            language=self.language,
            slug=self.slug,
            status=self.status,
            external_id=self.external_id,
        )


@dataclass(frozen=True, slots=True)
class RevisionRecord:
    id: int
    article_id: int
    number: int
    kind: RevisionKind
    saved_at: dt.datetime
    saved_by: str
    title: str
    body: str
    fields: dict[str, object]


@dataclass(frozen=True, slots=True)
class ZoneRecord:
    id: int
    name: str
    short_name: str
    province: str
    city: str
    level: str


@dataclass(frozen=True, slots=True)
class CategoryNode:
    id: int
    name: str
    path: tuple[str, ...]
    parent_id: int | None
    article_count: int = 0
    children: list[CategoryNode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a list shows. Every field narrows; None means no narrowing."""

    category: tuple[str, ...] | None = None  # the subtree under this path
    zone: str | None = None
    city: str | None = None
    source: str | None = None
    status: ArticleStatus | None = None
    published_from: dt.datetime | None = None  # inclusive
    published_to: dt.datetime | None = None  # exclusive
    trashed: bool = False  # True lists the trash instead of the live articles


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: ArticleRecord
    score: float
    snippet: str
    #: (start, end) character spans of the matched words inside ``snippet``
    highlights: tuple[tuple[int, int], ...] = ()
