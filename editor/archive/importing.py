"""What the two importers (``jsonl``, ``pages``) share about writing: the import lock, the
retries when a concurrent writer got in the way, and what to say when the archive stops one.

Each unit of work of an import (a batch of lines, one page) runs in ``write_import``: it takes
the write lock before reading anything its writes depend on (SQLite's BEGIN IMMEDIATE; an
advisory lock on PostgreSQL), and is run again from the start (``Archive.write``) when another
writer made it fail: nothing of a failed attempt is kept. A unit the archive cannot take at all
(a full disk, a read-only archive) stops the import with ``ImportStoppedError``, which says what
was committed before it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from editor.archive.database import Archive
from editor.domain.errors import (
    ArchiveBusyError,
    ArchiveError,
    ArchiveFullError,
    ReadOnlyArchiveError,
    ZoneDeskError,
)

#: The PostgreSQL advisory lock an import's write transactions take before reading anything.
IMPORT_LOCK = 0x5A44494D  # "ZDIM"

T = TypeVar("T")


class ImportStoppedError(ZoneDeskError):
    """An import stopped by the archive (a full disk, a busy or read-only archive) part-way:
    the message says what was committed before it, what was rolled back and the way on.
    ``report`` holds what was committed, the bad lines and the warnings so far."""

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message)
        self.report = report


def lock_imports(session: Session) -> None:
    """Take the write lock before anything a unit's writes depend on is read. On SQLite the
    write session's first statement takes it (BEGIN IMMEDIATE); on PostgreSQL an advisory lock
    held to the end of the transaction, so two imports write one unit after the other, each
    seeing what the other committed (other writers are covered by ``write_import``'s retries)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})


def write_import(archive: Archive, work: Callable[[Session], T]) -> T:
    """``work(session)`` in one write transaction, after ``lock_imports``, run again from the
    start (``Archive.write``) when a concurrent writer made it fail: a serialization failure or
    deadlock, a unique name or slug another writer took first (IntegrityError), an article saved
    meanwhile (StaleDataError). ArchiveBusyError when that went on ``WRITE_ATTEMPTS`` times."""

    def locked(session: Session) -> T:
        lock_imports(session)
        try:
            result = work(session)
            session.flush()
        except (IntegrityError, StaleDataError) as exc:
            raise ArchiveBusyError(
                f"another writer changed the same rows at the same moment ({exc})",
                retryable=True,
            ) from exc
        return result

    return archive.write(locked)


def stop_reason(archive: Archive, exc: BaseException, again: str) -> tuple[str, str]:
    """Why the archive stopped an import, and the way on (``again``: what to run again, e.g.
    ``run the same import again``), as two phrases for the importer's message."""
    where = archive.location
    if isinstance(exc, ArchiveFullError):
        reason = f"the disk holding the archive {where} is full (or the archive reached its limit)"
        return reason, f"Free some space, then {again}"
    if isinstance(exc, ReadOnlyArchiveError):
        reason = f"the archive {where} cannot be written (read-only file or folder)"
        return reason, f"Make it writable, then {again}"
    if isinstance(exc, ArchiveBusyError):
        reason = (
            f"the archive {where} stayed busy: other writers kept changing the same articles "
            "at the same moment, or held its write lock too long"
        )
        return reason, f"In a moment, {again}"
    if isinstance(exc, ArchiveError):
        return str(exc).rstrip("."), f"Once that is put right, {again}"
    orig = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = f"the archive {where} refused the write ({orig[0] if orig else type(exc).__name__})"
    return reason, f"Once that is put right, {again}"
