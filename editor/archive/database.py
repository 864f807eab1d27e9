"""Opening an archive: where it lives, how it is connected, bringing its schema up to date.

An archive is a SQLite file in the user's data folder by default, or any database SQLAlchemy
reaches (PostgreSQL for a shared archive). ``open_archive`` refuses, untouched, anything that is
not a ZoneDesk archive; it creates and seeds a new one, and upgrades an older one after a backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from editor.archive.health import (
    SQLITE_MAGIC,  # noqa: F401 - re-exported: maintenance reads it here
    ArchiveDamagedError,
    SqliteFile,
    examine_sqlite_file,
    file_uri,
    no_archive_message,
    remember_whole,
)
from editor.archive.schema import SCHEMA_REVISION
from editor.domain.errors import (
    ArchiveBusyError,
    ArchiveError,
    ArchiveFullError,
    ReadOnlyArchiveError,
)

log = logging.getLogger("zonedesk.archive")

APP_NAME = "ZoneDesk"
ARCHIVE_FILENAME = "archive.sqlite3"
MIGRATIONS = Path(__file__).with_name("migrations")
#: How many times ``Archive.write`` runs a unit of work the database gave up to another writer.
WRITE_ATTEMPTS = 5
#: PostgreSQL's SQLSTATEs for a transaction given up to a concurrent one: run it again.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected

T = TypeVar("T")


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_archive_url() -> str:
    """``$ZONEDESK_DB`` when set, else the SQLite archive in the user's data folder."""
    env = os.environ.get("ZONEDESK_DB", "").strip()
    if env:
        return env
    return f"sqlite:///{data_dir() / ARCHIVE_FILENAME}"


def normalize_url(url: str) -> URL:
    """Parse an archive URL; a bare path means a SQLite file, ``postgresql://`` means psycopg 3."""
    text = url.strip()
    if "://" not in text:
        text = f"sqlite:///{Path(text).expanduser().resolve()}"
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise ArchiveError(f"not an archive address: {url!r} ({exc})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+pysqlite")
    return parsed


def display_url(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


class Archive:
    """An open archive: its engine and a factory of short sessions, one per unit of work."""

    def __init__(
        self,
        url: URL,
        engine: Engine,
        *,
        readonly: bool = False,
        created: bool = False,
        damage: str | None = None,
        note: str | None = None,
    ) -> None:
        self.url = url
        self.engine = engine
        self.dialect: str = engine.dialect.name
        self.readonly = readonly
        #: ``open_archive`` made this archive (it did not exist, or was an empty file)
        self.created = created
        #: what SQLite's check found wrong when it was opened (it is then read-only); None: whole
        self.damage = damage
        #: why it was opened read-only when nobody asked for that (a read-only filesystem …)
        self.note = note
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)

    @property
    def location(self) -> str:
        return display_url(self.url)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server archive."""
        if self.dialect == "sqlite" and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    @contextlib.contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A unit of work: commits when the block ends normally, rolls back on an exception.

        ``write=True`` takes SQLite's write lock at the start (BEGIN IMMEDIATE), so two processes
        writing at once wait for each other instead of failing half-way.
        """
        if write and self.readonly:
            raise ReadOnlyArchiveError(f"the archive {self.location} is open read-only")
        factory = self._write_sessions if write else self._sessions
        with factory() as session:
            try:
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if isinstance(exc, DBAPIError):
                    translated = self._translate(exc)
                    if translated is not None:
                        raise translated from exc
                raise

    def write(self, work: Callable[[Session], T], *, attempts: int = WRITE_ATTEMPTS) -> T:
        """``work(session)`` as one write unit of work (``session(write=True)``), run again from
        the start when the database gave it up to a concurrent writer (PostgreSQL's
        serialization failure or deadlock: nothing of it was kept) after a short random pause,
        ``attempts`` times at most; then ArchiveBusyError says so. ``work`` must begin from
        nothing each time: it gets a fresh session and keeps no state of the failed attempt.
        """
        if attempts < 1:
            raise ValueError(f"attempts must be at least 1, not {attempts}")
        for attempt in range(1, attempts + 1):
            try:
                with self.session(write=True) as session:
                    return work(session)
            except ArchiveBusyError as exc:
                if not exc.retryable:
                    raise
                if attempt == attempts:
                    raise ArchiveBusyError(
                        f"the archive {self.location} is busy: other writers changed the same "
                        f"rows at the same moment, {attempts} times in a row. Nothing of this "
                        "change was saved, the archive is as it was; save again in a moment "
                        "(your text is still in the editor)."
                    ) from exc
                log.info("write given up to another writer (attempt %d): %s", attempt, exc)
                time.sleep(random.uniform(0.005, 0.03) * 2**attempt)
        raise AssertionError("unreachable")

    def _translate(self, exc: DBAPIError) -> ArchiveError | None:
        """A full disk, a write-protected file, a damaged file or a write given up to another
        writer, said in words; None for anything else."""
        orig = exc.orig
        code = getattr(orig, "sqlite_errorcode", None)
        sqlstate = getattr(orig, "sqlstate", None)
        if sqlstate in _RETRYABLE_SQLSTATES:
            return ArchiveBusyError(
                f"another writer changed the same rows of the archive {self.location} at the "
                "same moment, so the database gave this change up: nothing of it was saved. "
                "Save again.",
                retryable=True,
            )
        if code is not None and code & 0xFF == sqlite3.SQLITE_BUSY:
            return ArchiveBusyError(
                f"the archive {self.location} is busy: another program has held its write lock "
                "for over 30 seconds. Nothing was saved, the archive is unchanged; save again "
                "when the other program is done."
            )
        if (
            code is not None and code & 0xFF == sqlite3.SQLITE_FULL
        ) or sqlstate == "53100":  # 53100: disk_full
            return ArchiveFullError(
                f"the disk holding the archive {self.location} is full (or the archive reached "
                "its size limit): nothing was saved, the archive is unchanged. Free some space "
                "and save again; your text is still in the editor."
            )
        if code is not None and code & 0xFF == sqlite3.SQLITE_CORRUPT and self.path is not None:
            return ArchiveDamagedError(
                self.path, str(orig), advice="What was being done stopped there; nothing was saved."
            )
        if code is not None and code & 0xFF == sqlite3.SQLITE_READONLY:
            return ReadOnlyArchiveError(
                f"the archive {self.location} cannot be written (read-only file or folder): "
                "nothing was saved"
            )
        return None

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and not self.readonly and self.damage is None:
            remember_whole(self.path)  # as this process leaves it: the next open needs no check

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Archive({self.location!r}{', read-only' if self.readonly else ''})"


def optimize(archive: Archive) -> None:
    """Refresh the query planner's statistics after many rows changed (SQLite's advice)."""
    if archive.dialect == "sqlite" and not archive.readonly:
        with archive.engine.connect() as conn:  # ANALYZE writes: under the write lock, kept
            conn.execution_options(sqlite_begin="IMMEDIATE")
            conn.exec_driver_sql("PRAGMA optimize=0x10002")
            conn.commit()
    elif archive.dialect == "postgresql":
        with archive.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


def _sqlite_engine(path: Path, *, readonly: bool, uri: str = "") -> Engine:
    """``uri``: how a read-only engine reads the file (default ``mode=ro``; ``read_only_uri``
    adds ``immutable=1`` where no ``-shm`` can be made)."""
    if readonly:
        uri = uri or file_uri(path, mode="ro")
        # The bare URL would make SQLAlchemy pick the in-memory database's SingletonThreadPool,
        # which closes a connection another thread is still using once more than five threads
        # have asked (the GUI's pool threads do): a crash inside sqlite. A file's pool instead.
        engine = create_engine(
            "sqlite+pysqlite:///",
            creator=lambda: sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False),
            poolclass=QueuePool,
        )
    else:
        engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, so writers can take the lock early.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not readonly:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute("PRAGMA journal_size_limit=67108864")  # the WAL shrinks after big writes
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _inspect_sqlite_file(path: Path) -> set[str] | None:
    """The tables of an existing SQLite file, read without writing; None for a new, empty file.

    Raises ArchiveError when the file is not an SQLite database, ArchiveDamagedError when its
    tables cannot be read (``health.examine_sqlite_file`` checks the rest of it too).
    """
    return examine_sqlite_file(path, check=False).tables


def _alembic_config() -> Any:
    from alembic.config import Config  # noqa: PLC0415 - alembic is needed only to migrate

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration; ``schema.SCHEMA_REVISION`` names it without loading alembic."""
    return SCHEMA_REVISION


def current_revision(engine: Engine) -> str | None:
    """The migration an archive is at (None for an empty database), read without alembic."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - only for an archive to migrate

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command  # noqa: PLC0415 - only for an archive to migrate

    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def _backup_before_upgrade(archive: Archive, current: str) -> Path:
    from editor.archive.backups import (  # noqa: PLC0415 - backups builds on this module
        backup_postgresql,
        backup_sqlite,
    )

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = archive.path
    if path is not None:
        target = path.with_name(f"{path.name}.before-upgrade-{current}-{stamp}.bak")
        backup_sqlite(path, target)
        return target
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{archive.url.database}-before-upgrade-{current}-{stamp}.dump"
    backup_postgresql(archive.url, target)
    return target


def open_archive(
    url: str | None = None,
    *,
    create: bool = True,
    readonly: bool | None = None,
    damaged_ok: bool = False,
) -> Archive:
    """Open the archive at ``url`` (default: ``default_archive_url()``).

    A new archive is created, migrated and seeded when ``create`` is true (``Archive.created``
    says so); otherwise a missing or empty file is refused. An older archive is backed up, then
    upgraded. Anything that is not a ZoneDesk archive raises ArchiveError and is left exactly as
    it was. ``readonly``: None opens a file read-only when it cannot be written (``Archive.note``
    says why), True always (nothing is written, not even an upgrade), False refuses a file that
    cannot be written (ReadOnlyArchiveError).

    A SQLite file is checked first (``PRAGMA quick_check``): a damaged one raises
    ArchiveDamagedError, naming the way out, unless ``damaged_ok`` (a reader), which opens it
    read-only with ``Archive.damage`` saying what the check found.
    """
    parsed = normalize_url(url or default_archive_url())
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        archive = _open_sqlite(parsed, create=create, readonly=readonly, damaged_ok=damaged_ok)
    elif backend == "postgresql":
        archive = _open_postgresql(parsed, create=create, readonly=bool(readonly))
    else:
        raise ArchiveError(
            f"unsupported database {backend!r}: use a SQLite file or postgresql+psycopg://…"
        )
    try:
        _bring_up_to_date(archive)
    except BaseException:
        archive.close()
        raise
    return archive


def _open_sqlite(parsed: URL, *, create: bool, readonly: bool | None, damaged_ok: bool) -> Archive:
    if not parsed.database or parsed.database == ":memory:":
        raise ArchiveError("an archive needs a file: in-memory SQLite is not supported")
    path = Path(parsed.database).expanduser()
    found = examine_sqlite_file(path)
    note = None
    if found.tables is None:
        if not create or readonly:
            raise ArchiveError(no_archive_message(path))
        _make_room_for(path)
        found_readonly = False
    else:
        _refuse_foreign(found.tables, str(path))
        found_readonly = _sqlite_read_only(found, readonly=readonly, damaged_ok=damaged_ok)
        if found_readonly and not readonly and found.damage is None:
            note = f"opened read-only: {found.unwritable}"
    engine = _sqlite_engine(path, readonly=found_readonly, uri=found.read_uri)
    return Archive(
        parsed.set(database=str(path.resolve())),
        engine,
        readonly=found_readonly,
        created=found.tables is None,
        damage=found.damage,
        note=note,
    )


def _sqlite_read_only(found: SqliteFile, *, readonly: bool | None, damaged_ok: bool) -> bool:
    """Whether an existing archive file opens read-only; refuses what the caller cannot use."""
    if found.damage is not None and not damaged_ok:
        raise ArchiveDamagedError(found.path, found.damage)
    if found.unwritable is not None and readonly is False:
        raise ReadOnlyArchiveError(
            f"the archive cannot be written: {found.unwritable}. Nothing was changed. Commands "
            "that only read it still work; to change it, remount it read-write, or copy it "
            "(main.py backup COPY) and give --db COPY."
        )
    return bool(readonly) or found.damage is not None or found.unwritable is not None


def _make_room_for(path: Path) -> None:
    """The folder a new archive file goes in, made if missing; refused when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(f"cannot create the folder {path.parent}: {exc}") from None
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyArchiveError(
            f"cannot create an archive at {path}: the folder {path.parent} cannot be written"
        )


def _open_postgresql(parsed: URL, *, create: bool, readonly: bool) -> Archive:
    where = display_url(parsed)
    engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        # libpq says so only in words (no SQLSTATE for a refused connection)
        if f'database "{parsed.database}" does not exist' in str(exc.orig):
            raise ArchiveError(
                f"there is no database {parsed.database!r} on the server of {where}: create it "
                f"(createdb {parsed.database}, or CREATE DATABASE in psql) and ZoneDesk makes it "
                "an archive at its first start"
            ) from None
        raise ArchiveError(f"cannot reach the archive {where}: {exc.orig or exc}") from None
    if tables:
        _refuse_foreign(tables, where)
    elif not create or readonly:
        engine.dispose()
        raise ArchiveError(
            f"no archive in {where}: the database holds no tables; `main.py import` makes it one"
        )
    return Archive(parsed, engine, readonly=readonly, created=not tables)


def _refuse_foreign(tables: set[str], where: str) -> None:
    if "alembic_version" not in tables:
        raise ArchiveError(
            f"{where} is not a ZoneDesk archive (it holds other tables: "
            f"{', '.join(sorted(tables)[:5])}); it was not modified"
        )


def _bring_up_to_date(archive: Archive) -> None:
    from editor.archive.search import ensure_search_index  # noqa: PLC0415
    from editor.archive.seed import seed_archive  # noqa: PLC0415 - seed needs the schema first

    try:
        current = current_revision(archive.engine)
    except DBAPIError as exc:
        raise ArchiveError(f"cannot read {archive.location}: {exc.orig or exc}") from None
    head = head_revision()
    if current is not None and current != head and current not in _known_revisions():
        raise ArchiveError(
            f"{archive.location} was written by a newer ZoneDesk (schema {current}); "
            "update ZoneDesk to open it. It was not modified."
        )
    if current != head:
        if archive.readonly:
            raise ReadOnlyArchiveError(
                f"{archive.location} needs an upgrade but is read-only; open a writable copy"
            )
        if current is not None:
            backup = _backup_before_upgrade(archive, current)
            log.info("upgrading %s from %s to %s; backup at %s", archive, current, head, backup)
        upgrade(archive.engine)
    if not archive.readonly:
        seed_archive(archive)
        ensure_search_index(archive)
