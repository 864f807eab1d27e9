"""Autosave and crash recovery: an editor's unsaved text survives a crash or a kill -9.

The editor calls ``AutosaveStore.autosave`` after ``AUTOSAVE_IDLE_SECONDS`` of idle typing and
when its window loses focus, with a key of its own for the editing session (one per tab,
``new_session_key()``). Each call is one transaction that stores the editor's whole content:

* in the ``autosave`` row of that key (also for a never-saved article, which has no row in
  ``article`` yet), and
* for an existing article, as a revision of kind AUTOSAVE. The article row is never touched (no
  version bump): the last deliberate save stays what the article is, and the autosave is history.

Retention (no endless pile): while no other revision follows it, a session's AUTOSAVE revision is
replaced in place by that session's next autosave. So between two deliberate saves an editing
session leaves one AUTOSAVE revision; deliberate revisions (create, save, import, restore) are
never changed or deleted. Revision numbers stay contiguous.

On the next start ``pending()`` lists the user's recoveries: autosave rows whose window is gone
(no heartbeat for ``RECOVERY_STALE_SECONDS``, or its process ended on this machine) and whose text
differs from what the archive holds. The editor offers each; ``discard(key)`` drops one (after a
deliberate save of that session, or when the writer declines). Discarding keeps the AUTOSAVE
revision in the history: nothing typed is ever destroyed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.archive.locks import EditorWindow, process_alive
from editor.archive.schema import Article, Autosave, Revision, now
from editor.archive.snapshots import (
    input_fields,
    input_from_snapshot,
    revision_title,
    same_content,
)
from editor.domain.errors import NotFoundError
from editor.domain.model import ArticleInput, RevisionKind

#: idle typing before the editor autosaves
AUTOSAVE_IDLE_SECONDS = 30.0
#: how often a running editor window calls ``heartbeat`` (same rhythm as the soft locks)
HEARTBEAT_SECONDS = 15.0
#: an autosave whose window has not said it is alive for this long is offered for recovery
RECOVERY_STALE_SECONDS = 45.0
MAX_KEY_LENGTH = 64


def new_session_key() -> str:
    """A fresh key for one editing session (an editor tab)."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class AutosaveResult:
    key: str
    article_id: int | None
    #: the AUTOSAVE revision written or replaced (None for a never-saved article)
    revision_number: int | None
    saved_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Recovery:
    """Unsaved text the editor can offer to restore."""

    key: str
    #: None for an article that was never saved
    article_id: int | None
    #: the version the editor was editing: save the restored text with this expected version,
    #: so a newer save by someone else is a conflict the writer resolves, never overwritten
    base_version: int | None
    #: the article's version now (None for a never-saved article or one that is gone)
    current_version: int | None
    data: ArticleInput
    saved_at: dt.datetime
    saved_by: str
    host: str
    revision_number: int | None
    #: the article is in the trash
    in_trash: bool = False

    @property
    def title(self) -> str:
        return self.data.title

    @property
    def is_new(self) -> bool:
        return self.article_id is None

    @property
    def stale(self) -> bool:
        """The article was saved (by anyone) after the editor read it."""
        return (
            self.current_version is not None
            and self.base_version is not None
            and self.current_version != self.base_version
        )


class AutosaveStore:
    """Autosaves of one editor window (``instance``) for one user on one archive."""

    def __init__(
        self,
        archive: Archive,
        *,
        user: str | None = None,
        host: str | None = None,
        pid: int | None = None,
        instance: str | None = None,
        stale_after: float = RECOVERY_STALE_SECONDS,
    ) -> None:
        self.archive = archive
        me = EditorWindow.this(user, host, pid, instance)
        self.user, self.host, self.pid, self.instance = me.user, me.host, me.pid, me.instance
        self.stale_after = stale_after

    # ---------------------------------------------------------------- writing

    def autosave(
        self,
        key: str,
        data: ArticleInput,
        *,
        article_id: int | None = None,
        base_version: int | None = None,
    ) -> AutosaveResult:
        """Store the editor's whole content for the editing session ``key``; one transaction.

        ``article_id``/``base_version``: the article being edited and the version it was read
        at (None for a new article). Nothing is validated (a draft may be invalid). The article
        row is not changed. An article deleted for good meanwhile is kept as a new draft.
        Raises ReadOnlyArchiveError on a read-only archive, ArchiveFullError on a full disk.
        """
        if not key or len(key) > MAX_KEY_LENGTH:
            raise ValueError(f"an autosave key has 1 to {MAX_KEY_LENGTH} characters: {key!r}")
        fields = input_fields(data)
        with self.archive.session(write=True) as session:
            moment = now()
            revision: Revision | None = None
            if article_id is not None:
                # Lock the article row (PostgreSQL) so revision numbers of concurrent saves and
                # autosaves never collide; SQLite's BEGIN IMMEDIATE serializes already.
                exists = session.execute(
                    select(Article.id).where(Article.id == article_id).with_for_update()
                ).first()
                if exists is None:
                    article_id = base_version = None
                else:
                    # the version it was read at: its History entry is told against that one
                    revision = self._autosave_revision(
                        session, key, article_id, data, {**fields, "base_version": base_version}
                    )
                    revision.saved_at = moment
            row = session.get(Autosave, key)
            if row is None:
                row = Autosave(key=key)
                session.add(row)
            row.article_id = article_id
            row.revision_id = revision.id if revision is not None else None
            row.base_version = base_version
            row.saved_by = self.user
            row.host = self.host
            row.pid = self.pid
            row.instance = self.instance
            row.heartbeat_at = moment
            row.saved_at = moment
            row.title = data.title.replace("\x00", "\ufffd")
            row.fields = fields
            row.body = data.body.replace("\x00", "\ufffd")
            session.flush()
            return AutosaveResult(
                key, article_id, revision.number if revision is not None else None, moment
            )

    def _autosave_revision(
        self,
        session: Session,
        key: str,
        article_id: int,
        data: ArticleInput,
        fields: dict[str, object],
    ) -> Revision:
        latest = session.execute(
            select(Revision.id, Revision.number, Revision.kind)
            .where(Revision.article_id == article_id)
            .order_by(Revision.number.desc())
            .limit(1)
        ).first()
        previous = session.scalar(select(Autosave.revision_id).where(Autosave.key == key))
        revision: Revision | None = None
        if (
            latest is not None
            and previous is not None
            and latest.id == previous
            and latest.kind == RevisionKind.AUTOSAVE.value
        ):
            revision = session.get(Revision, latest.id)
        if revision is None:
            revision = Revision(
                article_id=article_id,
                number=(latest.number if latest is not None else 0) + 1,
                kind=RevisionKind.AUTOSAVE.value,
            )
            session.add(revision)
        revision.saved_by = self.user
        revision.title = revision_title(data.title)
        revision.fields = dict(fields)
        revision.body = data.body.replace("\x00", "\ufffd")
        session.flush()
        return revision

    def heartbeat(self) -> None:
        """Tell other processes this window is alive, so its autosaves are not offered to
        them for recovery. Call every ``HEARTBEAT_SECONDS``."""
        with self.archive.session(write=True) as session:
            session.execute(
                update(Autosave)
                .where(Autosave.instance == self.instance)
                .values(heartbeat_at=now(), pid=self.pid, host=self.host)
            )

    def discard(self, key: str) -> None:
        """Drop a session's autosave (after a deliberate save, or when the writer declines).

        The AUTOSAVE revision it left stays in the article's history.
        """
        with self.archive.session(write=True) as session:
            session.execute(delete(Autosave).where(Autosave.key == key))

    def discard_article(self, article_id: int) -> int:
        """Drop every autosave of this user for one article; returns how many."""
        with self.archive.session(write=True) as session:
            result = session.execute(
                delete(Autosave).where(
                    Autosave.article_id == article_id, Autosave.saved_by == self.user
                )
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def release(self) -> None:
        """A window closing normally: its autosaves become recoverable at once (in case the
        writer closed it with unsaved text it did not discard)."""
        with self.archive.session(write=True) as session:
            session.execute(
                update(Autosave)
                .where(Autosave.instance == self.instance)
                .values(heartbeat_at=now() - dt.timedelta(days=1), pid=0)
            )

    # ---------------------------------------------------------------- reading

    def get(self, key: str) -> Recovery | None:
        """The autosave of one editing session, whoever wrote it, or None."""
        with self.archive.session() as session:
            row = session.get(Autosave, key)
            if row is None:
                return None
            return self._recovery(session, row)

    def pending(self, *, include_live: bool = False) -> list[Recovery]:
        """This user's unsaved texts to offer, oldest first.

        Left out: autosaves whose text the archive already holds (saved after all), and, unless
        ``include_live``, those of editor windows still running (here or on another machine).
        """
        with self.archive.session() as session:
            rows = list(
                session.scalars(
                    select(Autosave)
                    .where(Autosave.saved_by == self.user)
                    .order_by(Autosave.saved_at, Autosave.key)
                )
            )
            found = []
            moment = now()
            for row in rows:
                if row.instance == self.instance:
                    continue  # this window's own, being edited right now
                if not include_live and self._live(row, moment):
                    continue
                recovery = self._recovery(session, row)
                if recovery is not None:
                    found.append(recovery)
            return found

    def _live(self, row: Autosave, moment: dt.datetime) -> bool:
        if row.heartbeat_at < moment - dt.timedelta(seconds=self.stale_after):
            return False
        if row.host == self.host:
            return process_alive(row.pid)
        return True

    def _recovery(self, session: Session, row: Autosave) -> Recovery | None:
        data = input_from_snapshot(row.title, dict(row.fields), row.body)
        current_version = None
        in_trash = False
        revision_number = None
        if row.article_id is not None:
            service = ArticleService(self.archive, user=self.user)
            try:
                record = service.record_in(session, row.article_id)
            except NotFoundError:
                record = None
            if record is not None:
                if same_content(data, record):
                    return None
                current_version = record.version
                in_trash = record.deleted_at is not None
            if row.revision_id is not None:
                revision_number = session.scalar(
                    select(Revision.number).where(Revision.id == row.revision_id)
                )
        return Recovery(
            key=row.key,
            article_id=row.article_id,
            base_version=row.base_version,
            current_version=current_version,
            data=data,
            saved_at=row.saved_at,
            saved_by=row.saved_by,
            host=row.host,
            revision_number=revision_number,
            in_trash=in_trash,
        )
