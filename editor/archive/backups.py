"""Backups of an archive, and restores of them that never destroy work.

``backup`` takes a consistent copy of a live archive: SQLite's online backup API for a SQLite
file, ``pg_dump --format=custom`` for PostgreSQL. It writes ``FILE.partial`` and renames it to
FILE only when whole; a full disk, or any other failure, removes the partial file and says so.

``restore`` brings such a copy back into a new archive only: a SQLite file that does not exist
yet (or is empty, or an SQLite database with nothing in it), or a PostgreSQL database with
nothing of any kind in it. Anything else is refused untouched, naming what it holds.

A backup is data, not code. It is checked whole before the target is touched (SQLite's
integrity check; pg_restore reading every byte of a dump), a backup of a newer ZoneDesk is refused
by its schema's name, and only the rows of ZoneDesk's own tables are copied, into a schema built
by ZoneDesk's migrations: a trigger, view, index or table that ZoneDesk's schema does not define
is refused by name and never restored. A SQLite archive is built beside the target
(``FILE.restoring-XXXX``) and renamed into place when complete; a PostgreSQL archive is restored
in one transaction (``editor.archive.pgrestore``). Failed or killed, a restore leaves the target
as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sqlite3
import tempfile
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from editor.archive import children
from editor.archive.database import (
    SQLITE_MAGIC,
    Archive,
    _known_revisions,
    current_revision,
    default_archive_url,
    display_url,
    head_revision,
    normalize_url,
    open_archive,
    upgrade,
)
from editor.archive.schema import ARCHIVE_TABLES, Article, Asset, Base, Revision
from editor.archive.search import VERSION_KEY
from editor.domain.errors import ArchiveError, ArchiveFullError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: leftovers of a killed restore stay
    fcntl = None  # type: ignore[assignment]

PG_DUMP_MAGIC = b"PGDMP"
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
#: how pg_dump and pg_restore say a full disk (their messages are asked for in English)
FULL_DISK_WORDS = ("No space left on device", "Disk quota exceeded", "File too large")
_SIDECARS = ("-journal", "-wal", "-shm")


# ------------------------------------------------------------------------------------- backup


def backup(archive: Archive, target: Path, *, overwrite: bool = False) -> Path:
    """A consistent copy of the live archive at ``target``: SQLite's backup API, or pg_dump."""
    target = target.expanduser().resolve()
    if target.is_dir():
        raise ArchiveError(f"{target} is a folder: give the backup a file name")
    if target.exists() and not overwrite:
        raise ArchiveError(f"{target} exists already; choose another name or use --force")
    if archive.path is not None:
        if target == archive.path.resolve():
            raise ArchiveError("the backup cannot overwrite the archive itself")
        backup_sqlite(archive.path, target)
    else:
        backup_postgresql(archive.url, target)
    return target


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk (or a quota, or a file size limit) is full."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNOS
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_FULL


def _no_backup(target: Path, exc: BaseException | str) -> ArchiveError:
    said = exc if isinstance(exc, str) else ""
    if (isinstance(exc, BaseException) and disk_full(exc)) or any(
        word in said for word in FULL_DISK_WORDS
    ):
        return ArchiveFullError(
            f"the disk is full: no backup was written to {target} (the archive is unchanged). "
            "Free some space, or back up to another disk."
        )
    if isinstance(exc, OSError):
        said = exc.strerror or str(exc)
    elif isinstance(exc, BaseException):
        said = str(exc)
    return ArchiveError(
        f"the backup failed ({said}): no backup was written to {target} (the archive is unchanged)"
    )


def backup_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite archive through SQLite's online backup API."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_sqlite_file(partial)  # the leftover of a killed backup
        src = sqlite3.connect(_uri(source, mode="ro"), uri=True, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        _place(partial, target)
    except BaseException as exc:
        remove_sqlite_file(partial)
        if isinstance(exc, OSError | sqlite3.Error):
            raise _no_backup(target, exc) from None
        raise


def libpq_address(url: URL) -> tuple[str, dict[str, str]]:
    """The address pg_dump and pg_restore are given, and their environment: the password goes
    in PGPASSWORD, not on a command line every user of the machine can read."""
    extra = {"PGPASSWORD": str(url.password)} if url.password else {}
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), children.quiet_env(**extra)


def backup_postgresql(url: URL, target: Path) -> None:
    """A consistent dump of a PostgreSQL archive with pg_dump (custom format)."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise ArchiveError("pg_dump is not installed: cannot back up the PostgreSQL archive")
    partial = target.with_name(target.name + ".partial")
    address, env = libpq_address(url)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        result = children.run(
            [pg_dump, "--format=custom", f"--file={partial}", f"--dbname={address}"], env=env
        )
        if result.returncode != 0:
            said = result.stderr.strip()
            if any(word in said for word in FULL_DISK_WORDS):
                raise _no_backup(target, said)
            raise ArchiveError(f"pg_dump failed: {said}; no backup was written to {target}")
        _place(partial, target)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _no_backup(target, exc) from None
        raise


# -------------------------------------------------------------------------------------- files


def _uri(path: Path, **options: str) -> str:
    """An SQLite URI for ``path`` (quoted: a ``?`` or ``#`` in a folder name stays a name)."""
    query = "&".join(f"{k}={v}" for k, v in options.items())
    return f"file:{urllib.parse.quote(str(path))}" + (f"?{query}" if query else "")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _place(built: Path, target: Path) -> None:
    """``built`` on disk for good, then renamed to ``target`` in one step."""
    _fsync(built)
    os.replace(built, target)
    with contextlib.suppress(OSError):  # not every system can sync a folder
        _fsync(target.parent)


def remove_sqlite_file(path: Path) -> None:
    """Remove an SQLite file of ours and what SQLite keeps beside it."""
    for name in (path, *(path.with_name(path.name + s) for s in _SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


# ------------------------------------------------------------------------------------ restore


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


def restore(url: str | None, source: Path) -> RestoreReport:
    """Bring a backup (``backup``'s SQLite copy or pg_dump file) back into a new archive.

    ``url``: the archive to restore into (default: ``default_archive_url()``): a new file or an
    empty database. The backup is checked whole first and never modified; a target holding
    anything is refused untouched. An older backup is upgraded as it is restored.
    """
    from editor.archive import pgrestore  # noqa: PLC0415 - it builds on this module

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
        target = Path(parsed.database or "").expanduser().resolve()
        if target == source:
            raise ArchiveError("the backup and the archive are the same file; nothing was restored")
        schema = _restore_sqlite(source, target)
        url = str(target)
    elif backend == "postgresql":
        if kind != "pg_dump":
            raise ArchiveError(
                f"{source} is a SQLite archive: restore it into a SQLite archive (--db FILE); "
                "nothing was restored"
            )
        schema = pgrestore.restore_postgresql(parsed, source)
        url = parsed.render_as_string(hide_password=False)
    else:
        raise ArchiveError(f"unsupported database {backend!r}; nothing was restored")
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
        upgraded_from=schema if schema != current else None,
    )


def refuse_newer(schema: str, source: Path) -> None:
    if schema != head_revision() and schema not in _known_revisions():
        raise ArchiveError(
            f"{source} was written by a newer ZoneDesk (schema {schema}); this ZoneDesk is "
            f"older (its newest schema is {head_revision()}): update ZoneDesk to restore it. "
            "Nothing was restored."
        )


#: the words for the rows of ZoneDesk's tables, in the order a refusal names them
_ROW_WORDS = {
    "article": ("article", "articles"),
    "revision": ("revision", "revisions"),
    "asset": ("image", "images"),
    "autosave": ("autosaved draft", "autosaved drafts"),
    "setting": ("setting", "settings"),
    "category": ("category", "categories"),
    "zone": ("zone", "zones"),
    "source": ("source", "sources"),
    "article_lock": ("article lock", "article locks"),
    "change_counter": ("change counter", "change counters"),
    "alembic_version": ("schema version", "schema versions"),
}
#: ZoneDesk's tables, whose rows are what a restore copies
DATA_TABLES = frozenset(ARCHIVE_TABLES | {"alembic_version"})
#: ZoneDesk's search index: derived from the articles, rebuilt after a restore
SEARCH_TABLES = frozenset({"article_fts", "article_search"})


def is_search_table(name: str) -> bool:
    return name in SEARCH_TABLES or name.startswith("article_fts_")


def rows_in_words(counts: dict[str, int]) -> list[str]:
    """``{"article": 5, "setting": 1}`` → ``["5 articles", "1 setting"]`` (rows of ZoneDesk's
    tables in a fixed order, others by table name); empty tables are left out."""
    order = [*_ROW_WORDS, *sorted(set(counts) - set(_ROW_WORDS))]
    said = []
    for table in order:
        n = counts.get(table, 0)
        if n:
            one, many = _ROW_WORDS.get(table, (f"row in {table}", f"rows in {table}"))
            said.append(f"{n} {one if n == 1 else many}")
    return said


def refuse_not_empty(held: list[str], where: str) -> None:
    if held:
        raise ArchiveError(
            f"{where} is not empty ({', '.join(held)}): a backup is restored only into a new "
            "file or database, or one with nothing at all in it, so nothing was restored and "
            "nothing was changed. Give a new file or an empty database with --db."
        )


def copy_order(tables: set[str]) -> list[str]:
    """ZoneDesk's tables among ``tables`` in the order rows are copied: referenced before
    referring, the change counter (which triggers on article bump) last."""
    ordered = [t.name for t in Base.metadata.sorted_tables if t.name in tables]
    ordered.sort(key=lambda name: name == "change_counter")
    return (["alembic_version"] if "alembic_version" in tables else []) + ordered


def not_restored(where: str, exc: BaseException) -> ArchiveError:
    """A restore that failed while building: the target was not touched."""
    if disk_full(exc):
        return ArchiveFullError(
            f"the disk is full: nothing was restored, {where} is as it was. Free some space (a "
            "restore needs about as much as the backup holds) and restore again."
        )
    if isinstance(exc, DBAPIError):
        said = str(exc.orig or exc).strip()
    elif isinstance(exc, OSError):
        said = exc.strerror or str(exc)
    else:
        said = str(exc)
    return ArchiveError(
        f"restoring into {where} failed ({said}): nothing was restored, it is as it was"
    )


# ---------------------------------------------------------------------------- SQLite restore


@dataclass(frozen=True, slots=True)
class SqliteSchema:
    """What an SQLite database defines: its objects and its tables' columns."""

    #: (type, name) → the table it belongs to, for every table, index, trigger and view
    objects: dict[tuple[str, str], str]
    columns: dict[str, frozenset[str]]
    revision: str = ""

    @property
    def tables(self) -> set[str]:
        return {name for kind, name in self.objects if kind == "table"}


def _read_schema(conn: sqlite3.Connection) -> SqliteSchema:
    rows = conn.execute(
        "SELECT type, name, tbl_name FROM main.sqlite_master "
        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    objects = {(kind, name): owner for kind, name, owner in rows}
    columns = {
        name: frozenset(
            c for (c,) in conn.execute("SELECT name FROM pragma_table_info(?, 'main')", (name,))
        )
        for kind, name in objects
        if kind == "table"
    }
    return SqliteSchema(objects, columns)


def _sqlite_backup_schema(source: Path) -> SqliteSchema:
    """Check a SQLite backup whole without writing to it; what it defines, and its revision."""
    try:
        conn = sqlite3.connect(_uri(source, mode="ro", immutable="1"), uri=True)
        try:
            found = _read_schema(conn)
            if not {"alembic_version", "article"} <= found.tables:
                raise ArchiveError(
                    f"{source} is an SQLite database but not a ZoneDesk archive; "
                    "nothing was restored"
                )
            problems = [r for (r,) in conn.execute("PRAGMA integrity_check") if r != "ok"]
            if problems:
                raise ArchiveError(
                    f"the backup {source} is damaged ({problems[0]}); nothing was restored"
                )
            for table in sorted(found.tables & DATA_TABLES):
                _read_every_text(conn, table, source)
            versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(
            f"the backup {source} is damaged ({exc}); nothing was restored"
        ) from None
    if len(versions) != 1 or not isinstance(versions[0][0], str) or not versions[0][0].strip():
        raise ArchiveError(
            f"the backup {source} does not say which schema it has (its alembic_version table "
            f"holds {len(versions)} rows instead of one version); nothing was restored"
        )
    return replace(found, revision=versions[0][0])


_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '([^']*)'")


def _read_every_text(conn: sqlite3.Connection, table: str, source: Path) -> None:
    """Read every row of ``table``: a text that is not UTF-8 (a flipped byte in a body) is
    damage the integrity check does not see."""
    try:
        rows = conn.execute(f'SELECT * FROM "{table}"')
        while rows.fetchmany(500):
            pass
    except sqlite3.OperationalError as exc:
        found = _UNDECODABLE.search(str(exc))
        if found is None:
            raise
        raise ArchiveError(
            f"the backup {source} is damaged (a text in column {found.group(1)} of table "
            f"{table} is not valid UTF-8); nothing was restored"
        ) from None


def _object_words(kind: str, name: str, owner: str) -> str:
    return (
        f"{kind} {name}"
        if kind in ("table", "view") or owner == name
        else (f"{kind} {name} (on {owner})")
    )


def _refuse_what_zonedesk_does_not_define(
    backup: SqliteSchema, fresh: SqliteSchema, source: Path
) -> None:
    """The backup must define exactly what ZoneDesk's migrations define at its revision."""
    extra = sorted(set(backup.objects) - set(fresh.objects))
    if extra:
        named = ", ".join(_object_words(k, n, backup.objects[(k, n)]) for k, n in extra[:5])
        raise ArchiveError(
            f"the backup {source} holds {named}, which ZoneDesk's schema {backup.revision} does "
            "not define: a backup is restored as data only, so nothing was restored"
        )
    for table in copy_order(fresh.tables):
        if table not in backup.columns:
            raise ArchiveError(
                f"the backup {source} lacks the table {table} of ZoneDesk's schema "
                f"{backup.revision}; nothing was restored"
            )
        more = sorted(backup.columns[table] - fresh.columns[table])
        fewer = sorted(fresh.columns[table] - backup.columns[table])
        if more or fewer:
            said = "; ".join(
                part
                for part in (
                    f"columns {', '.join(more)} that ZoneDesk's schema does not define"
                    if more
                    else "",
                    f"no columns {', '.join(fewer)}" if fewer else "",
                )
                if part
            )
            raise ArchiveError(
                f"the backup {source}: its table {table} has {said} (schema "
                f"{backup.revision}); nothing was restored"
            )


def _sqlite_target_holds(target: Path) -> list[str]:
    """What is at ``target`` already, in words; empty when a restore may go there."""
    if target.is_dir():
        raise ArchiveError(f"{target} is a folder, not an archive file; nothing was restored")
    held = []
    for suffix, what in (("-wal", "an unfinished write-ahead log"), ("-journal", "a journal")):
        side = target.with_name(target.name + suffix)
        if side.is_file() and side.stat().st_size:
            held.append(f"{what} {side.name}")
    if not target.exists() or target.stat().st_size == 0:
        return held
    try:
        with target.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ArchiveError(f"cannot read {target}: {exc.strerror}; nothing was restored") from None
    if head != SQLITE_MAGIC:
        return [*held, f"{target.stat().st_size} bytes of a file that is not an archive"]
    try:
        conn = sqlite3.connect(_uri(target, mode="ro"), uri=True, timeout=30)
        try:
            found = _read_schema(conn)
            counts = {
                t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                for t in found.tables & DATA_TABLES
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(
            f"{target} is damaged and cannot be read ({exc}); it was not modified and nothing "
            "was restored"
        ) from None
    held += rows_in_words(counts)
    for (kind, name), owner in sorted(found.objects.items()):
        known = name in DATA_TABLES or is_search_table(name)
        if kind == "table" and not known:
            held.append(f"table {name}")
        elif kind in ("view", "trigger"):
            held.append(_object_words(kind, name, owner))
    return held


def _abandoned(path: Path) -> bool:
    """Whether ``path``, the building file of a restore, is no restore's any more: a running
    restore holds an exclusive lock on it (flock, apart from SQLite's own locks)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _clear_leftovers(target: Path) -> None:
    """Remove what killed restores into ``target`` left beside it (none of a running one)."""
    prefix = f"{target.name}.restoring-"
    with contextlib.suppress(OSError):
        for path in target.parent.iterdir():
            if not path.name.startswith(prefix):
                continue
            if path.name.endswith(_SIDECARS):
                main = path.with_name(path.name.rsplit("-", 1)[0])
                if not main.exists():
                    path.unlink(missing_ok=True)
            elif _abandoned(path):
                remove_sqlite_file(path)


def _restore_sqlite(source: Path, target: Path) -> str:
    """Restore a SQLite backup into ``target`` (a new or empty file); the backup's schema."""
    backup = _sqlite_backup_schema(source)
    refuse_newer(backup.revision, source)
    refuse_not_empty(_sqlite_target_holds(target), str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(
            f"cannot create the folder {target.parent}: {exc.strerror}; nothing was restored"
        ) from None
    _clear_leftovers(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f"{target.name}.restoring-", dir=target.parent)
    except OSError as exc:
        raise not_restored(str(target), exc) from None
    building = Path(name)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _build_sqlite(source, building, backup)
        refuse_not_empty(_sqlite_target_holds(target), str(target))  # nothing came meanwhile
        _place(building, target)
    except BaseException as exc:
        remove_sqlite_file(building)
        if isinstance(exc, OSError | sqlite3.Error | DBAPIError):
            raise not_restored(str(target), exc) from None
        raise
    finally:
        os.close(fd)
    return backup.revision


def _migrate_file(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite+pysqlite:///{path}", poolclass=NullPool)
    try:
        upgrade(engine, revision)
    finally:
        engine.dispose()


def _build_sqlite(source: Path, building: Path, backup: SqliteSchema) -> None:
    """ZoneDesk's schema at the backup's revision in ``building``, the backup's rows of
    ZoneDesk's tables copied into it, then upgraded to this ZoneDesk's schema."""
    _migrate_file(building, backup.revision)
    conn = sqlite3.connect(_uri(building), uri=True, isolation_level=None)
    try:
        fresh = _read_schema(conn)
        _refuse_what_zonedesk_does_not_define(backup, fresh, source)
        conn.execute("PRAGMA foreign_keys=OFF")  # rows come in any order; the backup had them
        conn.execute("PRAGMA journal_mode=MEMORY")  # a file of our own until it is complete
        conn.execute("PRAGMA synchronous=OFF")  # synced once, before it is renamed
        conn.execute("ATTACH DATABASE ? AS backup", (_uri(source, mode="ro", immutable="1"),))
        conn.execute("BEGIN IMMEDIATE")
        for table in copy_order(fresh.tables):
            columns = ", ".join(f'"{c}"' for c in sorted(fresh.columns[table]))
            conn.execute(f'DELETE FROM main."{table}"')
            conn.execute(
                f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM backup."{table}"'
            )
        conn.execute("DELETE FROM main.setting WHERE key = ?", (VERSION_KEY,))  # reindexed
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE backup")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    if backup.revision != head_revision():
        _migrate_file(building, "head")
