"""Soft locks: who has an article open for editing, so a second writer is told before typing.

A lock is advice, not enforcement: saving is still guarded by the article's version (optimistic
locking), so a writer who edits a locked article anyway gets a conflict, never a silent overwrite.

Each editor window makes one ``SoftLocks`` (its own ``instance`` id), calls ``acquire`` when it
opens an article, ``heartbeat`` every ``HEARTBEAT_SECONDS``, ``release`` when it closes the
article and ``release_all`` when the window closes. A lock whose heartbeat is older than
``LOCK_TTL_SECONDS`` is stale (its holder crashed or lost the network) and is taken over by the
next ``acquire``; on the holder's own machine a lock whose process is gone is stale at once.

Times come from the database server on PostgreSQL (one clock for every machine), from this machine
on SQLite (one machine); a test hands in a ``clock`` of its own instead, to step past the TTL
without waiting for it. Works between processes on one SQLite file and on a shared PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from editor.archive.articles import current_user
from editor.archive.database import Archive
from editor.archive.schema import Article, ArticleLock, now
from editor.domain.errors import NotFoundError
from editor.domain.model import DEFAULT_TZ

#: a lock whose heartbeat is older than this is stale and may be taken over
LOCK_TTL_SECONDS = 45.0
#: how often an editor window should call ``SoftLocks.heartbeat``
HEARTBEAT_SECONDS = 15.0


def this_host() -> str:
    return socket.gethostname() or "localhost"


@dataclass(frozen=True, slots=True)
class EditorWindow:
    """One editor window: its user, machine, process and a random instance id. Locks and
    autosaves are held by a window, so a second window of the same user is someone else."""

    user: str
    host: str
    pid: int
    instance: str

    @classmethod
    def this(
        cls,
        user: str | None = None,
        host: str | None = None,
        pid: int | None = None,
        instance: str | None = None,
    ) -> EditorWindow:
        """This process's window; each argument left out is found out (the instance drawn)."""
        return cls(
            user or current_user(),
            host or this_host(),
            pid if pid is not None else os.getpid(),
            instance or uuid.uuid4().hex,
        )


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a lock: a user, on a machine, in one process, in one editor window."""

    article_id: int
    user: str
    host: str
    pid: int
    instance: str
    acquired_at: dt.datetime
    heartbeat_at: dt.datetime

    def describe(self) -> str:
        """``王记者 on newsroom-3 (pid 4242), since 10:31`` — for messages and tooltips."""
        since = self.acquired_at.astimezone(DEFAULT_TZ).strftime("%H:%M")
        return f"{self.user} on {self.host} (pid {self.pid}), since {since}"


@dataclass(frozen=True, slots=True)
class LockResult:
    """The outcome of ``acquire``.

    ``acquired``: this window holds the lock now. ``holder``: when not acquired, the live holder.
    ``taken_over``: when acquired from a stale (or, with ``steal``, a live) holder, who that was.
    """

    acquired: bool
    holder: LockHolder | None = None
    taken_over: LockHolder | None = None


def _holder(row: ArticleLock) -> LockHolder:
    return LockHolder(
        article_id=row.article_id,
        user=row.user,
        host=row.host,
        pid=row.pid,
        instance=row.instance,
        acquired_at=row.acquired_at,
        heartbeat_at=row.heartbeat_at,
    )


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (someone else's counts as running)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    except OSError:
        return True
    return True


class SoftLocks:
    """The soft locks of one editor window (one ``instance``) on one archive.

    Every method is one short unit of work; a read-only archive raises ReadOnlyArchiveError from
    the writing ones (``acquire``, ``heartbeat``, ``release``, ``release_all``).
    """

    def __init__(
        self,
        archive: Archive,
        *,
        user: str | None = None,
        host: str | None = None,
        pid: int | None = None,
        instance: str | None = None,
        ttl: float = LOCK_TTL_SECONDS,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        """``clock``: the moment each unit of work happens at, for tests (an aware datetime);
        None, as the editor runs: the database server's clock on PostgreSQL, this machine's on
        SQLite. Either way the moment goes into the same statements (acquired_at, heartbeat_at)
        and the same staleness rule."""
        self.archive = archive
        me = EditorWindow.this(user, host, pid, instance)
        self.user, self.host, self.pid, self.instance = me.user, me.host, me.pid, me.instance
        self.ttl = ttl
        self._clock = clock

    # ------------------------------------------------------------------ time

    def now(self) -> dt.datetime:
        """The moment these locks go by now (the database's clock on PostgreSQL)."""
        with self.archive.session() as session:
            return self._now(session)

    def _now(self, session: Session) -> dt.datetime:
        """The database's clock on PostgreSQL (shared by every machine), this one's on SQLite;
        the given ``clock``'s when there is one."""
        if self._clock is not None:
            return self._clock().astimezone(DEFAULT_TZ)
        if self.archive.dialect == "postgresql":
            moment: dt.datetime = session.scalar(text("SELECT now()"))
            return moment.astimezone(DEFAULT_TZ)
        return now()

    def _stale(self, row: ArticleLock, moment: dt.datetime) -> bool:
        if row.heartbeat_at < moment - dt.timedelta(seconds=self.ttl):
            return True
        # The holder's process is gone on this very machine: no need to wait for the TTL.
        return row.host == self.host and row.pid != self.pid and not process_alive(row.pid)

    def _mine(self, row: ArticleLock) -> bool:
        return row.instance == self.instance

    # ------------------------------------------------------------- changing

    def acquire(self, article_id: int, *, steal: bool = False) -> LockResult:
        """Take the lock on an article, or learn who holds it.

        Re-acquiring a lock this window holds refreshes it. A stale lock is taken over (the
        result names its former holder). A live lock of another window is left alone and its
        holder returned (``acquired=False``), unless ``steal`` is true: the writer chose to edit
        anyway, and the former holder learns it from its next ``heartbeat``.
        Raises NotFoundError when the article does not exist.
        """
        with self.archive.session(write=True) as session:
            if session.get(Article, article_id) is None:
                raise NotFoundError(f"there is no article {article_id}")
            moment = self._now(session)
            values = {
                "article_id": article_id,
                "user": self.user,
                "host": self.host,
                "pid": self.pid,
                "instance": self.instance,
                "acquired_at": moment,
                "heartbeat_at": moment,
            }
            insert = pg_insert if self.archive.dialect == "postgresql" else sqlite_insert
            inserted = session.execute(
                insert(ArticleLock)
                .values(**values)
                .on_conflict_do_nothing(index_elements=["article_id"])
                .returning(ArticleLock.article_id)
            ).first()
            if inserted is not None:
                return LockResult(acquired=True)
            row = session.scalars(
                select(ArticleLock)
                .where(ArticleLock.article_id == article_id)
                .with_for_update()
                .execution_options(populate_existing=True)
            ).one()
            if self._mine(row):
                row.heartbeat_at = moment
                return LockResult(acquired=True)
            former = _holder(row)
            if not steal and not self._stale(row, moment):
                return LockResult(acquired=False, holder=former)
            for key, value in values.items():
                setattr(row, key, value)
            return LockResult(acquired=True, taken_over=former)

    def heartbeat(self) -> set[int]:
        """Refresh every lock of this window; returns the articles it still holds.

        An article missing from the answer was taken over by someone else (this window's
        heartbeat stopped for longer than the TTL, or another writer chose to steal it).
        """
        with self.archive.session(write=True) as session:
            moment = self._now(session)
            session.execute(
                update(ArticleLock)
                .where(ArticleLock.instance == self.instance)
                .values(heartbeat_at=moment)
            )
            return set(
                session.scalars(
                    select(ArticleLock.article_id).where(ArticleLock.instance == self.instance)
                )
            )

    def release(self, article_id: int) -> None:
        """Give an article's lock back (nothing happens when this window does not hold it)."""
        with self.archive.session(write=True) as session:
            session.execute(
                delete(ArticleLock).where(
                    ArticleLock.article_id == article_id, ArticleLock.instance == self.instance
                )
            )

    def release_all(self) -> int:
        """Give back every lock of this window (when it closes); returns how many there were."""
        with self.archive.session(write=True) as session:
            result = session.execute(
                delete(ArticleLock).where(ArticleLock.instance == self.instance)
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # -------------------------------------------------------------- reading

    def holder(self, article_id: int) -> LockHolder | None:
        """The live holder of an article's lock (this window included), or None."""
        return self.holders([article_id]).get(article_id)

    def holders(self, article_ids: Iterable[int]) -> dict[int, LockHolder]:
        """Live holders of the given articles (say, a browser page), by article id."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        with self.archive.session() as session:
            moment = self._now(session)
            found: dict[int, LockHolder] = {}
            for start in range(0, len(ids), 500):
                rows = session.scalars(
                    select(ArticleLock).where(ArticleLock.article_id.in_(ids[start : start + 500]))
                )
                for row in rows:
                    if not self._stale(row, moment):
                        found[row.article_id] = _holder(row)
            return found

    def held_by_others(self, article_id: int) -> LockHolder | None:
        """The live holder of an article's lock when it is another window, else None."""
        found = self.holder(article_id)
        return None if found is None or found.instance == self.instance else found
