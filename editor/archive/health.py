"""Before a SQLite archive is opened: is the file whole, and may this process write it?

``examine_sqlite_file`` reads the file without writing to it (not even a ``-wal`` or ``-shm``
beside it on a read-only filesystem): its tables, what SQLite's ``quick_check`` says of it, and
why it cannot be written, if it cannot. ``open_archive`` refuses a damaged archive to anything
that may write (``ArchiveDamagedError``, naming the way out) and lets a reader go on with a
warning; a file that cannot be written is opened read-only, with a note saying why.

``quick_check`` reads every page: 0.9 s for 10,000 articles, 9 s for 100,000. So a file is
checked only when it is not as ZoneDesk last knew it whole: after a check found it whole, and
when ZoneDesk closes an archive it wrote, the file's identity, size and modification time are
recorded in the user's cache folder (``remember_whole``); an open finding the same skips the
check. Anything else that changed the file (another program, flipped bytes, a ZoneDesk killed
while writing) changes its size or time, and the next open checks it. Damage that changes
neither (bits rotting on the disk) is SQLite's to find on the page it reads, and ``verify``'s.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from editor.domain.errors import ArchiveError

SQLITE_MAGIC = b"SQLite format 3\x00"
#: writes of the whole-file record until it is younger than the file (5 ms apart)
RECORD_TRIES = 20


class ArchiveDamagedError(ArchiveError):
    """SQLite's check found the archive file damaged: nothing was written to it."""

    def __init__(self, path: Path, found: str, *, advice: str = "") -> None:
        self.path = path
        self.found = found
        super().__init__(damage_message(path, found, advice=advice))


def way_out(path: Path) -> str:
    """What to do about a damaged archive, as commands to run."""
    return (
        f"See what is damaged with `main.py --db {path} verify`; bring a backup back into a new "
        f"file with `main.py --db NEW.sqlite3 restore BACKUP`; or save what can still be read "
        f"with `sqlite3 {path} .recover | sqlite3 NEW.sqlite3`."
    )


def damage_message(path: Path, found: str, *, advice: str = "") -> str:
    said = f"{advice} " if advice else ""
    return (
        f"the archive {path} is damaged (SQLite's check says: {found}); nothing was written to "
        f"it. {said}{way_out(path)}"
    )


def damage_warning(path: Path, found: str) -> str:
    """What a reader of a damaged archive is told before it goes on."""
    return (
        f"the archive {path} is damaged (SQLite's check says: {found}); it was opened read-only "
        f"and what is read from it may be incomplete or wrong. {way_out(path)}"
    )


def no_archive_message(path: Path) -> str:
    return f"no archive at {path}; `main.py import` creates one"


def file_uri(path: Path, **params: str) -> str:
    """An SQLite URI for ``path`` (``?`` and ``#`` in a name are escaped, not taken for options)."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{urllib.parse.quote(str(path))}" + (f"?{query}" if query else "")


def read_only_filesystem(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return False


def why_not_writable(path: Path) -> str | None:
    """Why this process cannot write the archive ``path`` (an existing file) and the files SQLite
    makes beside it; None when it can."""
    folder = path.parent
    if read_only_filesystem(path):
        return f"{path} is on a read-only filesystem"
    if not os.access(path, os.W_OK):
        return f"{path} is not writable for this user (its permissions)"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is not writable for this user (its permissions)"
    return None


def read_only_uri(path: Path) -> str:
    """How to read ``path`` without writing anything: ``mode=ro``, or with ``immutable=1`` when
    the ``-shm`` file SQLite needs for a WAL archive cannot be made beside it (a read-only
    filesystem or folder) and there is no ``-wal`` whose changes the immutable read would miss.
    """
    shm = path.with_name(path.name + "-shm")
    wal = path.with_name(path.name + "-wal")
    if shm.exists() or os.access(path.parent, os.W_OK):
        return file_uri(path, mode="ro")
    if wal.exists() and wal.stat().st_size > 0:
        raise ArchiveError(
            f"{path} cannot be read here: its write-ahead log {wal.name} holds changes not yet "
            f"written into it, and the folder {path.parent} cannot be written, so SQLite cannot "
            "read them. Open it once where the folder can be written; it was not modified."
        )
    return file_uri(path, mode="ro", immutable="1")


def quick_check(conn: sqlite3.Connection) -> str | None:
    """The first problem ``PRAGMA quick_check`` finds (the b-trees, not the indexes' agreement
    with their tables), None when the file is whole."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    said = [line for (row,) in rows for line in str(row).splitlines()]
    if said == ["ok"]:
        return None
    # the first line naming a problem, not the "*** in database main ***" heading above it
    return next((line for line in said if not line.startswith("***")), "no answer")


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _record(path: Path) -> Path:
    key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
    cache = Path(platformdirs.user_cache_dir("ZoneDesk", appauthor=False))
    return cache / "whole-archives" / f"{key}.json"


def known_whole(path: Path) -> bool:
    """Whether ``path`` is exactly as it was when ZoneDesk last knew it whole: the same file, size
    and modification time, and a record written after that time (a change in the same tick of the
    file system's clock as the record would not show in the time)."""
    stamp = _stamp(path)
    record = _record(path)
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))
        written = record.stat().st_mtime_ns
    except (OSError, ValueError):
        return False
    if stamp is None or recorded != {"path": str(path.resolve()), "stamp": stamp}:
        return False
    return written > stamp[3]


def remember_whole(path: Path) -> None:
    """Record ``path`` as whole as it is now (best effort: without a record the next open checks).

    The record must be younger than the file's time to count (``known_whole``): written in the
    same tick of the clock, it is written again a few milliseconds later, at most ~0.1 s in all.
    """
    stamp = _stamp(path)
    if stamp is None:
        return
    record = _record(path)
    text = json.dumps({"path": str(path.resolve()), "stamp": stamp})
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(RECORD_TRIES):
            # written in place, no rename: a torn record does not parse, and the next open checks
            record.write_text(text, "utf-8")
            if record.stat().st_mtime_ns > stamp[3]:
                return
            time.sleep(0.005)
        record.unlink()
    except OSError:
        pass


@dataclass(frozen=True, slots=True)
class SqliteFile:
    """What ``examine_sqlite_file`` found. ``tables`` is None for a missing or empty file."""

    path: Path
    tables: set[str] | None
    #: the first line of what ``quick_check`` found wrong; None when whole (or not checked)
    damage: str | None = None
    #: why the file cannot be written; None when it can
    unwritable: str | None = None
    #: the URI a read-only connection uses (``immutable=1`` where no ``-shm`` can be made)
    read_uri: str = ""


def examine_sqlite_file(path: Path, *, check: bool = True) -> SqliteFile:
    """Look at ``path`` without writing to it; ``check`` runs ``quick_check`` too, unless the file
    is as ZoneDesk last knew it whole (``known_whole``).

    Raises ArchiveError for a folder, an unreadable file, a file that is not an SQLite database,
    and ArchiveDamagedError for one whose list of tables cannot even be read.
    """
    if path.is_dir():
        raise ArchiveError(f"{path} is a folder, not an archive file")
    if not path.exists() or path.stat().st_size == 0:
        return SqliteFile(path, None)
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ArchiveError(f"cannot read {path}: {exc.strerror}") from None
    if head != SQLITE_MAGIC:
        raise ArchiveError(
            f"{path} is not a ZoneDesk archive (it is not an SQLite database); "
            "it was not opened and not modified"
        )
    uri = read_only_uri(path)
    damage = None
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=30)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
            if check and not known_whole(path):
                damage = quick_check(conn)
                if damage is None:
                    remember_whole(path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveDamagedError(
            path, str(exc), advice="Its list of tables cannot be read, so it cannot be opened."
        ) from None
    return SqliteFile(
        path,
        {name for (name,) in rows},
        damage=damage,
        unwritable=why_not_writable(path),
        read_uri=uri,
    )
