"""An article's content as JSON and back: what revisions and autosaves store, what diffs compare.

A snapshot is ``(title, fields, body)``: ``fields`` holds every other field the way
``articles.snapshot_fields`` writes a revision's (category as a list, names for zone and source,
the publication time in ISO 8601 …). These helpers turn an editor's ``ArticleInput`` or a stored
``ArticleRecord`` into one, and a snapshot back into an ``ArticleInput`` (to restore a revision or
an autosave). Qt-free and SQL-free.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from editor.domain.model import (
    ArticleInput,
    ArticleRecord,
    ArticleStatus,
    Language,
    RevisionRecord,
)
from editor.domain.validation import aware

#: the fields a history diff shows, in the order of the article form
DIFF_FIELDS = (
    "title",
    "category",
    "published_at",
    "source",
    "zone",
    "author",
    "summary",
    "tags",
    "language",
    "slug",
    "status",
)
#: longest title a revision row holds; a longer (not yet valid) one is kept whole in its fields
REVISION_TITLE_MAX = 200


def _clean(text: str) -> str:
    """PostgreSQL refuses NUL characters in text; an autosave must never fail on one."""
    return text.replace("\x00", "\ufffd")


def _name(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _iso(moment: dt.datetime | None) -> str | None:
    return aware(moment).isoformat() if moment is not None else None


def input_fields(data: ArticleInput) -> dict[str, Any]:
    """The fields of an editor's content in revision form (unvalidated: drafts may be invalid)."""
    fields: dict[str, Any] = {
        "category": [_clean(p) for p in data.category],
        "zone": _name(data.zone),
        "source": _name(data.source),
        "author": _name(data.author),
        "summary": _clean(data.summary),
        "tags": [_clean(t) for t in data.tags],
        "language": Language(data.language).value,
        "slug": _name(data.slug),
        "status": ArticleStatus(data.status).value,
        "published_at": _iso(data.published_at),
        "external_id": data.external_id,
    }
    if len(data.title) > REVISION_TITLE_MAX:
        fields["title"] = _clean(data.title)
    return fields


def revision_title(title: str) -> str:
    """The title as a revision row holds it (cut to the column; the whole one is in fields)."""
    return _clean(title)[:REVISION_TITLE_MAX]


def record_fields(record: ArticleRecord) -> dict[str, Any]:
    """The fields of a stored article in revision form."""
    return {
        "category": list(record.category),
        "zone": record.zone,
        "source": record.source,
        "author": record.author,
        "summary": record.summary,
        "tags": list(record.tags),
        "language": record.language.value,
        "slug": record.slug,
        "status": record.status.value,
        "published_at": _iso(record.published_at),
        "external_id": record.external_id,
        "version": record.version,
    }


def input_from_snapshot(title: str, fields: dict[str, Any], body: str) -> ArticleInput:
    """An ``ArticleInput`` carrying a stored snapshot (a revision's or an autosave's)."""
    published = fields.get("published_at")
    try:
        language = Language(fields.get("language") or Language.ZH_CN.value)
    except ValueError:
        language = Language.ZH_CN
    try:
        status = ArticleStatus(fields.get("status") or ArticleStatus.DRAFT.value)
    except ValueError:
        status = ArticleStatus.DRAFT
    return ArticleInput(
        title=str(fields.get("title") or title),
        body=body,
        category=tuple(str(p) for p in fields.get("category") or ()),
        published_at=aware(dt.datetime.fromisoformat(published)) if published else None,
        source=fields.get("source"),
        zone=fields.get("zone"),
        author=fields.get("author"),
        summary=str(fields.get("summary") or ""),
        tags=tuple(str(t) for t in fields.get("tags") or ()),
        language=language,
        slug=fields.get("slug"),
        status=status,
        external_id=fields.get("external_id"),
    )


def input_from_revision(revision: RevisionRecord) -> ArticleInput:
    return input_from_snapshot(revision.title, revision.fields, revision.body)


def comparable(title: str, fields: dict[str, Any], body: str) -> dict[str, Any]:
    """The diffable values of a snapshot, normalized so equal content compares equal."""
    data = input_from_snapshot(title, fields, body)
    return {
        "title": data.title.strip(),
        "category": " > ".join(p.strip() for p in data.category),
        "published_at": _iso(data.published_at) or "",
        "source": _name(data.source) or "",
        "zone": _name(data.zone) or "",
        "author": _name(data.author) or "",
        "summary": data.summary.strip(),
        "tags": ", ".join(t.strip() for t in data.tags if t.strip()),
        "language": data.language.value,
        "slug": _name(data.slug) or "",
        "status": data.status.value,
        "body": data.body,
    }


def same_content(data: ArticleInput, record: ArticleRecord) -> bool:
    """True when saving ``data`` over ``record`` would change nothing a writer sees.

    A slug left empty in the editor means "keep the stored one".
    """
    mine = comparable(data.title, input_fields(data), data.body)
    stored = comparable(record.title, record_fields(record), record.body)
    if not mine["slug"]:
        mine["slug"] = stored["slug"]
    return mine == stored
