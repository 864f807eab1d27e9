"""Looking after an archive: statistics and a full check (`verify`).

``verify`` checks integrity, revisions, the search index, that every article renders and that
every image it shows is in the archive. Backups and restores: ``editor.archive.backups``.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text

from editor.archive import assets, search
from editor.archive.articlelimits import (
    article_finding,
    category_findings,
    rendered_body_missing,
    slug_finding,
)
from editor.archive.database import Archive, current_revision, head_revision
from editor.archive.schema import Article, Asset, Category, Revision, Source, Zone
from editor.domain.model import ArticleStatus, RevisionKind
from editor.parallel import process_pool
from editor.render.markdown import render_markdown

#: verify renders bodies on other cores from this many articles on
RENDER_PARALLEL_THRESHOLD = 400
RENDER_BATCH = 200

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class VerifyReport:
    checked_articles: int = 0
    checked_assets: int = 0
    checked_revisions: int = 0
    rendered_articles: int = 0
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


def verify(
    archive: Archive,
    *,
    render: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
) -> VerifyReport:
    """Check the archive through and through; every problem is named in words.

    Database integrity (SQLite's integrity and foreign-key checks), the schema, the search index,
    every article's fields, its revisions (numbered 1…n without a gap, the newest deliberate one
    holding the article's very title and body), every image it shows (present, bytes matching
    their hash) and, with ``render``, that every body renders (on ``workers`` processes).
    Reads only: a read-only archive can be verified.
    """
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
            if archive.damage is not None and problems:
                # its pages are damaged (quick_check said so at open): reading on would stop
                # at the first damaged one, so say what SQLite found and stop here
                problems.append("the rest was not checked: the archive file is damaged")
                return report
            for row in session.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"broken reference in table {row[0]} (row {row[1]} → {row[2]})")
        problems.extend(search.check_search_index(session))

        revisions = dict(
            session.execute(
                select(Revision.article_id, func.max(Revision.number)).group_by(Revision.article_id)
            ).all()
        )
        known_assets = set(session.scalars(select(Asset.sha256)))
        bad_categories = category_findings(session)
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
            elif (long_slug := slug_finding(slug)) is not None:
                problems.append(article_finding(aid, title, long_slug))
            if category_id is None:
                problems.append(f"{where}: no category")
            elif category_id in bad_categories:
                problems.append(article_finding(aid, title, bad_categories[category_id]))
            if status == ArticleStatus.PUBLISHED.value and published_at is None:
                problems.append(f"{where}: published without a publication time")
            if rendered_body_missing(body, body_html):  # rendered as the saver does
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
        _check_revisions(session, report)
    if render:
        _check_rendering(archive, report, workers, progress)
    return report


def _check_revisions(session: Any, report: VerifyReport) -> None:
    """Revisions numbered 1…n per article; the newest deliberate one is the article itself."""
    problems = report.problems
    counts = session.execute(
        select(
            Revision.article_id,
            func.count(),
            func.min(Revision.number),
            func.max(Revision.number),
        ).group_by(Revision.article_id)
    )
    for aid, count, first, last in counts:
        report.checked_revisions += count
        if first != 1 or last != count:
            problems.append(
                f"article {aid}: its {count} revisions are numbered {first}…{last}, "
                "not 1 without gaps"
            )
    newest = (
        select(Revision.article_id, func.max(Revision.number).label("number"))
        .where(Revision.kind != RevisionKind.AUTOSAVE.value)
        .group_by(Revision.article_id)
        .subquery()
    )
    mismatched = session.execute(
        select(Article.id, Revision.number)
        .join(newest, newest.c.article_id == Article.id)
        .join(
            Revision,
            (Revision.article_id == newest.c.article_id) & (Revision.number == newest.c.number),
        )
        .where((Revision.title != Article.title) | (Revision.body != Article.body))
        .order_by(Article.id)
    )
    for aid, number in mismatched:
        problems.append(
            f"article {aid}: its title or body differs from its last saved revision {number}"
        )
    orphans = session.scalar(
        select(func.count())
        .select_from(Revision)
        .where(~select(Article.id).where(Article.id == Revision.article_id).exists())
    )
    if orphans:
        problems.append(f"{orphans} revision(s) belong to no article")


def _render_batch(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Render each body; the failures, as (article id, reason)."""
    failed = []
    for aid, body in rows:
        try:
            render_markdown(body)
        except Exception as exc:  # any failure to render is what we look for
            failed.append((aid, f"{type(exc).__name__}: {exc}"))
    return failed


def _check_rendering(
    archive: Archive, report: VerifyReport, workers: int | None, progress: Progress | None
) -> None:
    with archive.session() as session:
        total = int(session.scalar(select(func.count()).select_from(Article)) or 0)

    def batches() -> Any:
        last = 0
        while True:
            with archive.session() as session:
                rows = [
                    (aid, body or "")
                    for aid, body in session.execute(
                        select(Article.id, Article.body)
                        .where(Article.id > last)
                        .order_by(Article.id)
                        .limit(RENDER_BATCH)
                    )
                ]
            if not rows:
                return
            last = rows[-1][0]
            yield rows

    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    done = 0

    def take(rows_done: int, failed: list[tuple[int, str]]) -> None:
        nonlocal done
        done += rows_done
        report.rendered_articles += rows_done
        report.problems.extend(
            f"article {aid}: its body does not render ({why})" for aid, why in failed
        )
        if progress is not None:
            progress(done, total)

    if workers <= 1 or total < RENDER_PARALLEL_THRESHOLD:
        for rows in batches():
            take(len(rows), _render_batch(rows))
        return
    with process_pool(workers, mp_context="spawn") as pool:
        pending: list[tuple[int, concurrent.futures.Future[list[tuple[int, str]]]]] = []
        for rows in batches():
            pending.append((len(rows), pool.submit(_render_batch, rows)))
            while len(pending) > workers * 2:
                count, future = pending.pop(0)
                take(count, future.result())
        for count, future in pending:
            take(count, future.result())
