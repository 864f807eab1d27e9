"""Looking after an archive: statistics, a full check (`verify`) and backups."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from editor.archive import assets, search
from editor.archive.database import (
    Archive,
    backup_postgresql,
    backup_sqlite,
    current_revision,
    head_revision,
)
from editor.archive.schema import Article, Asset, Category, Revision, Source, Zone
from editor.domain.errors import ArchiveError
from editor.domain.model import ArticleStatus


@dataclass(slots=True)
class VerifyReport:
    checked_articles: int = 0
    checked_assets: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def archive_size(archive: Archive) -> int:
    """Bytes the archive takes on disk (with SQLite's WAL), or in the PostgreSQL server."""
    path = archive.path
    if path is not None:
        return sum(
            p.stat().st_size
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
            if p.exists()
        )
    with archive.session() as session:
        return int(session.scalar(text("SELECT pg_database_size(current_database())")) or 0)


def stats(archive: Archive) -> dict[str, Any]:
    with archive.session() as session:
        live = Article.deleted_at.is_(None)
        by_status: dict[str, int] = dict(
            session.execute(
                select(Article.status, func.count()).where(live).group_by(Article.status)
            ).all()
        )
        top_zones = session.execute(
            select(Zone.name, func.count(Article.id))
            .join(Article, Article.zone_id == Zone.id)
            .where(live)
            .group_by(Zone.name)
            .order_by(func.count(Article.id).desc(), Zone.name)
            .limit(10)
        ).all()
        first, last = session.execute(
            select(func.min(Article.published_at), func.max(Article.published_at)).where(live)
        ).one()
        return {
            "archive": archive.location,
            "database": archive.dialect,
            "schema": current_revision(archive.engine),
            "articles": sum(by_status.values()),
            "by_status": {s.value: by_status.get(s.value, 0) for s in ArticleStatus},
            "trashed": session.scalar(
                select(func.count()).select_from(Article).where(Article.deleted_at.is_not(None))
            ),
            "revisions": session.scalar(select(func.count()).select_from(Revision)),
            "categories": session.scalar(select(func.count()).select_from(Category)),
            "zones": session.scalar(select(func.count()).select_from(Zone)),
            "sources": session.scalar(select(func.count()).select_from(Source)),
            "assets": session.scalar(select(func.count()).select_from(Asset)),
            "asset_bytes": int(session.scalar(select(func.coalesce(func.sum(Asset.size), 0))) or 0),
            "first_published": first.isoformat() if first else None,
            "last_published": last.isoformat() if last else None,
            "top_zones": [{"zone": name, "articles": n} for name, n in top_zones],
            "size_bytes": archive_size(archive),
        }


def verify(archive: Archive) -> VerifyReport:
    """Check the archive through and through; every problem is named in words."""
    report = VerifyReport()
    problems = report.problems
    current = current_revision(archive.engine)
    if current != head_revision():
        problems.append(f"schema is at {current}, expected {head_revision()}")
    with archive.session() as session:
        if archive.dialect == "sqlite":
            for (line,) in session.execute(text("PRAGMA integrity_check")):
                if line != "ok":
                    problems.append(f"SQLite integrity: {line}")
            for row in session.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"broken reference in table {row[0]} (row {row[1]} → {row[2]})")
        problems.extend(search.check_search_index(session))

        revisions = dict(
            session.execute(
                select(Revision.article_id, func.max(Revision.number)).group_by(Revision.article_id)
            ).all()
        )
        known_assets = set(session.scalars(select(Asset.sha256)))
        rows = session.execute(
            select(
                Article.id,
                Article.title,
                Article.body,
                Article.body_html,
                Article.slug,
                Article.status,
                Article.published_at,
                Article.category_id,
            )
        )
        for aid, title, body, body_html, slug, status, published_at, category_id in rows:
            report.checked_articles += 1
            where = f"article {aid}"
            if not (title or "").strip():
                problems.append(f"{where}: title is empty")
            if not slug or "/" in slug or ".." in slug:
                problems.append(f"{where}: slug {slug!r} is missing or unsafe")
            if category_id is None:
                problems.append(f"{where}: no category")
            if status == ArticleStatus.PUBLISHED.value and published_at is None:
                problems.append(f"{where}: published without a publication time")
            if (body or "").strip() and not (body_html or "").strip():
                problems.append(f"{where}: the rendered body is missing")
            if aid not in revisions:
                problems.append(f"{where}: has no revision")
            for sha in assets.referenced_hashes(body or ""):
                if sha not in known_assets:
                    problems.append(f"{where}: image media/{sha[:12]}… is not in the archive")

        for sha, size, data in session.execute(select(Asset.sha256, Asset.size, Asset.data)):
            report.checked_assets += 1
            if data is None:
                problems.append(f"asset {sha[:12]}…: its bytes are missing")
            elif len(data) != size or hashlib.sha256(data).hexdigest() != sha:
                problems.append(f"asset {sha[:12]}…: its bytes do not match their hash")
    return report


def backup(archive: Archive, target: Path, *, overwrite: bool = False) -> Path:
    """A consistent copy of the live archive: SQLite's backup API, or pg_dump."""
    target = target.expanduser().resolve()
    if target.exists() and not overwrite:
        raise ArchiveError(f"{target} exists already; choose another name or use --force")
    if archive.path is not None:
        if target == archive.path.resolve():
            raise ArchiveError("the backup cannot overwrite the archive itself")
        backup_sqlite(archive.path, target)
    else:
        backup_postgresql(archive.url, target)
    return target
