"""Looking after an archive: statistics, a full check (`verify`), backups and restores.

``backup`` takes a consistent copy of a live archive: SQLite's online backup API for a SQLite
file, ``pg_dump --format=custom`` for PostgreSQL. ``restore`` brings such a copy back into an
empty archive only (a missing SQLite file, an archive holding no article, revision or image, or
an empty PostgreSQL database); the backup is checked first and never modified, and a non-empty
archive is refused untouched. ``verify`` checks integrity, revisions, the search index, that every
article renders and that every image it shows is in the archive.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from editor.archive import assets, search
from editor.archive.database import (
    SQLITE_MAGIC,
    Archive,
    _inspect_sqlite_file,
    _known_revisions,
    _refuse_foreign,
    backup_postgresql,
    backup_sqlite,
    current_revision,
    default_archive_url,
    display_url,
    head_revision,
    normalize_url,
    open_archive,
)
from editor.archive.schema import Article, Asset, Category, Revision, Source, Zone
from editor.domain.errors import ArchiveError
from editor.domain.model import ArticleStatus, RevisionKind
from editor.parallel import process_pool
from editor.render.markdown import render_markdown

PG_DUMP_MAGIC = b"PGDMP"
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


# ------------------------------------------------------------------------------------- restore


@dataclass(slots=True)
class RestoreReport:
    target: str
    source: Path
    articles: int
    revisions: int
    assets: int
    schema: str | None
    #: the schema of the backup when the restored archive had to be upgraded
    upgraded_from: str | None = None


def backup_kind(source: Path) -> str:
    """``sqlite`` or ``pg_dump``; ArchiveError (naming the file) for anything else."""
    if not source.is_file():
        raise ArchiveError(f"{source}: there is no such backup file")
    try:
        with source.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ArchiveError(f"cannot read {source}: {exc.strerror}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "pg_dump"
    raise ArchiveError(
        f"{source} is not a ZoneDesk backup (neither a SQLite archive nor a pg_dump custom-format "
        "file); nothing was restored"
    )


def _sqlite_backup_schema(source: Path) -> str:
    """Check a SQLite backup without writing to it; its schema revision."""
    uri = f"file:{source}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {
                n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables or "article" not in tables:
                raise ArchiveError(
                    f"{source} is an SQLite database but not a ZoneDesk archive; "
                    "nothing was restored"
                )
            problems = [r for (r,) in conn.execute("PRAGMA integrity_check") if r != "ok"]
            if problems:
                raise ArchiveError(
                    f"the backup {source} is damaged ({problems[0]}); nothing was restored"
                )
            (schema,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(
            f"the backup {source} is damaged ({exc}); nothing was restored"
        ) from None
    return str(schema)


def _pg_restore() -> str:
    found = shutil.which("pg_restore")
    if found is None:
        raise ArchiveError("pg_restore is not installed: cannot restore a PostgreSQL dump")
    return found


def _pg_dump_is_archive(source: Path) -> None:
    listing = subprocess.run(
        [_pg_restore(), "--list", str(source)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        raise ArchiveError(
            f"{source} cannot be read as a pg_dump file ({listing.stderr.strip()}); "
            "nothing was restored"
        )
    lines = listing.stdout
    if " TABLE public article " not in lines or " TABLE public alembic_version " not in lines:
        raise ArchiveError(
            f"{source} is a PostgreSQL dump but not of a ZoneDesk archive; nothing was restored"
        )


def _refuse_not_empty(counts: dict[str, int], where: str) -> None:
    if any(counts.values()):
        held = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
        raise ArchiveError(
            f"{where} is not empty ({held}): a backup is restored only into an empty archive, "
            "so nothing was changed. Give a new file or an empty database with --db."
        )


def _sqlite_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return {
            name: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for name, table in (
                ("articles", "article"),
                ("revisions", "revision"),
                ("images", "asset"),
            )
        }
    finally:
        conn.close()


def restore(url: str | None, source: Path) -> RestoreReport:
    """Bring a backup (``backup``'s SQLite copy or pg_dump file) back into an empty archive.

    ``url``: the archive to restore into (default: ``default_archive_url()``). The backup is
    checked first and never modified; an archive holding anything is refused untouched. An older
    backup is upgraded after it is restored, as opening it would.
    """
    source = source.expanduser().resolve()
    kind = backup_kind(source)
    parsed = normalize_url(url or default_archive_url())
    backend = parsed.get_backend_name()
    where = display_url(parsed)
    if backend == "sqlite":
        if kind != "sqlite":
            raise ArchiveError(
                f"{source} is a PostgreSQL dump: restore it into a PostgreSQL archive "
                "(--db postgresql+psycopg://…); nothing was restored"
            )
        schema = _sqlite_backup_schema(source)
        _refuse_newer(schema, source)
        target = Path(parsed.database or "").expanduser().resolve()
        if target == source:
            raise ArchiveError("the backup and the archive are the same file; nothing was restored")
        tables = _inspect_sqlite_file(target)
        if tables is not None:
            _refuse_foreign(tables, str(target))
            _refuse_not_empty(_sqlite_counts(target), str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        _restore_sqlite(source, target)
        url = str(target)
    elif backend == "postgresql":
        if kind != "pg_dump":
            raise ArchiveError(
                f"{source} is a SQLite archive: restore it into a SQLite archive (--db FILE); "
                "nothing was restored"
            )
        _pg_dump_is_archive(source)
        _restore_postgresql(parsed, source, where)
        schema = None
        url = parsed.render_as_string(hide_password=False)
    else:
        raise ArchiveError(f"unsupported database {backend!r}")
    archive = open_archive(url, create=False)
    try:
        with archive.session() as session:
            counts = [
                int(session.scalar(select(func.count()).select_from(t)) or 0)
                for t in (Article, Revision, Asset)
            ]
        current = current_revision(archive.engine)
    finally:
        archive.close()
    return RestoreReport(
        target=where,
        source=source,
        articles=counts[0],
        revisions=counts[1],
        assets=counts[2],
        schema=current,
        upgraded_from=schema if schema is not None and schema != current else None,
    )


def _refuse_newer(schema: str, source: Path) -> None:
    if schema != head_revision() and schema not in _known_revisions():
        raise ArchiveError(
            f"{source} was written by a newer ZoneDesk (schema {schema}); update ZoneDesk to "
            "restore it. Nothing was restored."
        )


def _restore_sqlite(source: Path, target: Path) -> None:
    """Copy the backup's pages into the target with SQLite's backup API (in one go)."""
    src = sqlite3.connect(f"file:{source}?mode=ro&immutable=1", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)
        except sqlite3.Error as exc:
            raise ArchiveError(f"restoring into {target} failed: {exc}") from None
        finally:
            dst.close()
    finally:
        src.close()


def _restore_postgresql(parsed: Any, source: Path, where: str) -> None:
    engine = create_engine(parsed, poolclass=NullPool)
    try:
        try:
            with engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
                counts: dict[str, int] = {}
                if tables:
                    _refuse_foreign(tables, where)
                    for name, table in (
                        ("articles", "article"),
                        ("revisions", "revision"),
                        ("images", "asset"),
                    ):
                        if table in tables:
                            counts[name] = int(
                                conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0
                            )
            _refuse_not_empty(counts, where)
            if tables:
                # An empty archive (seeded only): make room for the backup's own tables.
                with engine.begin() as conn:
                    names = ", ".join(f'"{t}"' for t in sorted(tables))
                    conn.execute(text(f"DROP TABLE IF EXISTS {names} CASCADE"))
                    conn.execute(text("DROP FUNCTION IF EXISTS zonedesk_count_change() CASCADE"))
        except DBAPIError as exc:
            raise ArchiveError(f"cannot reach the archive {where}: {exc.orig or exc}") from None
    finally:
        engine.dispose()
    libpq = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run(
        [
            _pg_restore(),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={libpq}",
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ArchiveError(
            f"pg_restore into {where} failed, nothing of the backup was kept: "
            f"{result.stderr.strip()}"
        )
