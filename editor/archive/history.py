"""Revision history: what changed when and by whom, side-by-side diffs, restores, the trash.

Nothing here destroys anything: restoring a revision saves it again as a new revision (kind
RESTORE), and the trash only flags articles (``ArticleService.delete``/``restore``).

The comparing and merging itself (diffs, three-way merges) is editor.archive.compare: pure
functions over ``Snapshot``s, which this service reads from the archive.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from editor.archive.articles import ArticleService
from editor.archive.compare import ContentDiff, Snapshot, body_change, diff_snapshots
from editor.archive.database import Archive
from editor.archive.schema import Article, Revision
from editor.archive.snapshots import (
    DIFF_FIELDS,
    comparable,
)
from editor.domain.errors import NotFoundError
from editor.domain.model import (
    ArticleFilter,
    ArticleInput,
    ArticleRecord,
    Page,
    RevisionKind,
    SortKey,
)

#: kinds of revision that are a deliberate save (everything but AUTOSAVE)
DELIBERATE_KINDS = frozenset(k.value for k in RevisionKind if k is not RevisionKind.AUTOSAVE)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the History panel."""

    number: int
    kind: RevisionKind
    saved_at: dt.datetime
    saved_by: str
    title: str
    #: body length in characters
    size: int
    #: fields that differ from revision ``compared_with`` ("title", "zone" …; not "body")
    changed_fields: tuple[str, ...]
    body_added: int
    body_removed: int
    #: the newest deliberate revision: what the article is now
    is_current: bool
    #: the revision the change is told against (None: the first one)
    compared_with: int | None = None

    @property
    def deliberate(self) -> bool:
        return self.kind is not RevisionKind.AUTOSAVE

    @property
    def what_changed(self) -> str:
        """One line: ``created``, ``title, zone; body +12 −3``, ``no change`` …"""
        if self.compared_with is None and self.kind is not RevisionKind.AUTOSAVE:
            return "created"
        parts = []
        if self.changed_fields:
            parts.append(", ".join(self.changed_fields))
        if self.body_added or self.body_removed:
            parts.append(f"body +{self.body_added} −{self.body_removed}")
        return "; ".join(parts) if parts else "no change"


# ------------------------------------------------------------------------------------ service


def _version(fields: dict[str, Any] | None) -> int | None:
    """The article version a deliberate revision made (None for old rows without one)."""
    value = (fields or {}).get("version")
    return value if isinstance(value, int) else None


def _base_number(row: Revision, deliberate: list[tuple[int, int | None]]) -> int | None:
    """The revision ``row``'s change is told against, from ``deliberate``: the (number,
    version) of the article's deliberate revisions, oldest first.

    A deliberate revision: the deliberate one before it. An autosave: the deliberate revision
    that made the version its session was editing (``base_version`` in its fields; the one
    before it when the trash bumped the version); an autosave without one (older archives),
    the deliberate revision before it.
    """
    end = bisect.bisect_left(deliberate, row.number, key=lambda d: d[0])  # those before
    if end == 0:
        return None
    wanted = (row.fields or {}).get("base_version")
    if row.kind == RevisionKind.AUTOSAVE.value and isinstance(wanted, int):
        for number, version in reversed(deliberate[:end]):
            if version is not None and version <= wanted:
                return number
    return deliberate[end - 1][0]


def _snapshot(row: Revision, label: str | None = None) -> Snapshot:
    return Snapshot(row.title, dict(row.fields), row.body, label or f"revision {row.number}")


class HistoryService:
    """The history of articles in one archive: list, compare, restore; and the trash."""

    def __init__(self, archive: Archive, user: str | None = None) -> None:
        self.archive = archive
        self.articles = ArticleService(archive, user)
        self.user = self.articles.user

    def entries(self, article_id: int, *, limit: int | None = None) -> list[HistoryEntry]:
        """The article's revisions, newest first (``limit``: the newest so many).

        What each changed is told against the revision it followed from (``compared_with``): a
        deliberate save against the deliberate revision before it (never against an autosave,
        which may be another session's text the save never saw), an autosave against the
        revision its session was editing (the version it was read at), so no entry claims a
        change someone else made.
        """
        with self.archive.session() as session:
            if session.get(Article, article_id) is None:
                raise NotFoundError(f"there is no article {article_id}")
            query = (
                select(Revision)
                .where(Revision.article_id == article_id)
                .order_by(Revision.number.desc())
            )
            if limit is not None:
                query = query.limit(max(1, limit))
            rows = list(session.scalars(query))
            rows.reverse()
            oldest = rows[0].number if rows else 0
            # the deliberate revisions below the ones shown: numbers and versions only
            earlier = session.execute(
                select(Revision.number, Revision.fields)
                .where(
                    Revision.article_id == article_id,
                    Revision.number < oldest,
                    Revision.kind.in_(DELIBERATE_KINDS),
                )
                .order_by(Revision.number)
            ).all()
            deliberate = [(n, _version(f)) for n, f in earlier]
            deliberate += [
                (r.number, _version(r.fields)) for r in rows if r.kind in DELIBERATE_KINDS
            ]
            bases = {r.number: _base_number(r, deliberate) for r in rows}
            shown = {r.number: r for r in rows}
            missing = {b for b in bases.values() if b is not None and b not in shown}
            extra = (
                {
                    r.number: r
                    for r in session.scalars(
                        select(Revision).where(
                            Revision.article_id == article_id, Revision.number.in_(missing)
                        )
                    )
                }
                if missing
                else {}
            )
            current = max((n for n, _ in deliberate), default=None)
            values = {
                r.number: comparable(r.title, dict(r.fields), r.body)
                for r in [*rows, *extra.values()]
            }
        entries = []
        for row in rows:
            mine = values[row.number]
            base = bases[row.number]
            if base is None:
                changed: tuple[str, ...] = ()
                added, removed = (len(row.body), 0) if row.number > 1 else (0, 0)
            else:
                before = values[base]
                changed = tuple(n for n in DIFF_FIELDS if mine[n] != before[n])
                added, removed = body_change(before["body"], mine["body"])
            entries.append(
                HistoryEntry(
                    number=row.number,
                    kind=RevisionKind(row.kind),
                    saved_at=row.saved_at,
                    saved_by=row.saved_by,
                    title=mine["title"],
                    size=len(row.body),
                    changed_fields=changed,
                    body_added=added,
                    body_removed=removed,
                    is_current=row.number == current,
                    compared_with=base,
                )
            )
        entries.reverse()
        return entries

    def snapshot(self, article_id: int, number: int | None = None) -> Snapshot:
        """Revision ``number`` of an article, or (None) the article as stored now."""
        if number is None:
            return Snapshot.of_record(self.articles.get(article_id), "stored")
        with self.archive.session() as session:
            row = session.scalar(
                select(Revision).where(Revision.article_id == article_id, Revision.number == number)
            )
            if row is None:
                raise NotFoundError(f"article {article_id} has no revision {number}")
            return _snapshot(row)

    def version_snapshot(self, article_id: int, version: int) -> Snapshot | None:
        """The article's content at ``version`` (the base of a merge): the deliberate revision
        that made it, or, for a version made by the trash (which bumps the version and writes
        no revision), the deliberate revision before it. None for a version the article never
        had, or one older than the newest 500 saves."""
        with self.archive.session() as session:
            stored = session.scalar(select(Article.version).where(Article.id == article_id))
            if stored is None or version > stored or version < 1:
                return None
            rows = session.scalars(
                select(Revision)
                .where(Revision.article_id == article_id, Revision.kind.in_(DELIBERATE_KINDS))
                .order_by(Revision.number.desc())
                .limit(500)
            )
            for row in rows:
                made = _version(row.fields)
                if made is not None and made <= version:
                    return _snapshot(row)
        return None

    def diff(self, article_id: int, left: int, right: int | None = None) -> ContentDiff:
        """Revision ``left`` against revision ``right`` (None: the article as stored now)."""
        return diff_snapshots(self.snapshot(article_id, left), self.snapshot(article_id, right))

    def restore_revision(
        self, article_id: int, number: int, *, expected_version: int
    ) -> ArticleRecord:
        """Save revision ``number`` again as the article's newest revision (kind RESTORE).

        ``expected_version``: the version the writer sees; ConflictError when the article moved
        on since. A slug meanwhile taken by another article is left as the article has it now.
        ValidationError when the old content is no longer valid (say, a long-gone category
        rule); nothing is written then.
        """
        data = self.snapshot(article_id, number).to_input()
        if data.slug:
            with self.archive.session() as session:
                owner = session.scalar(select(Article.id).where(Article.slug == data.slug))
            if owner is not None and owner != article_id:
                data = ArticleInput(**{**_input_dict(data), "slug": None})
        return self.articles.update(
            article_id, data, expected_version=expected_version, kind=RevisionKind.RESTORE
        )

    def revision_count(self, article_id: int) -> int:
        with self.archive.session() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(Revision)
                    .where(Revision.article_id == article_id)
                )
                or 0
            )

    # ---------------------------------------------------------------------------- trash

    def trash(self, *, offset: int = 0, limit: int = 50) -> Page[ArticleRecord]:
        """Articles in the trash, most recently deleted first."""
        return self.articles.list_articles(
            ArticleFilter(trashed=True), sort=SortKey.UPDATED, offset=offset, limit=limit
        )

    def delete(self, article_id: int) -> ArticleRecord:
        """Move an article to the trash (its revisions stay)."""
        return self.articles.delete(article_id)

    def restore_from_trash(self, article_id: int) -> ArticleRecord:
        return self.articles.restore(article_id)


def _input_dict(data: ArticleInput) -> dict[str, Any]:
    return {name: getattr(data, name) for name in ArticleInput.__dataclass_fields__}
