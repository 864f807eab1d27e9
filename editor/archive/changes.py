"""Change polling: has anyone changed the archive's articles since I last looked?

The archive counts committed article changes in one row (``change_counter``), bumped by database
triggers on the ``article`` table in the same transaction as the change, so every writer counts
(the GUI, the CLI, an import, another machine) and nothing is counted before it is committed.
Reading it is one primary-key lookup: cheap on 100,000 articles, fine every ``POLL_SECONDS``.

Autosaves (revision rows only) and soft locks do not count: they do not change what the archive
browser shows.

When the token moved, ``versions`` tells the open editor tabs whether their article moved on (a
newer version saved elsewhere, moved to the trash): one query over the article rows' version
columns, no body read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import select

from editor.archive.database import Archive
from editor.archive.schema import Article, ChangeCounter

#: how often the archive browser should poll
POLL_SECONDS = 2.0
#: ids asked about in one query (SQLite allows 32,766 parameters, some builds 999)
_IDS_PER_QUERY = 500


class StoredVersion(NamedTuple):
    """Where an article stands in the archive, as a tab needs to know it."""

    version: int
    #: in the trash
    deleted: bool
    updated_at: dt.datetime


def change_token(archive: Archive) -> int:
    """The archive's change counter: it grows with every committed change to an article."""
    with archive.session() as session:
        value = session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1))
        return int(value or 0)


class ChangeWatcher:
    """Remembers a token; ``changed()`` tells whether the archive moved on since.

    >>> watcher = ChangeWatcher(archive)      # reads the current token
    >>> watcher.changed()                     # later, every POLL_SECONDS: True once per change
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.token = change_token(archive)

    def changed(self) -> bool:
        """True when articles changed since the last call (or since the watcher was made)."""
        current = change_token(self.archive)
        if current == self.token:
            return False
        self.token = current
        return True

    def reset(self) -> None:
        """Forget changes until now (say, after the browser reloaded for its own save)."""
        self.token = change_token(self.archive)


def versions(archive: Archive, ids: Iterable[int]) -> dict[int, StoredVersion]:
    """The stored version (and trash state) of each article of ``ids``; ids of articles that
    no longer exist are left out. One light query (per 500 ids): no body, no join."""
    found: dict[int, StoredVersion] = {}
    wanted = sorted(set(ids))
    with archive.session() as session:
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            rows = session.execute(
                select(Article.id, Article.version, Article.deleted_at, Article.updated_at).where(
                    Article.id.in_(chunk)
                )
            )
            for article_id, version, deleted_at, updated_at in rows:
                found[article_id] = StoredVersion(version, deleted_at is not None, updated_at)
    return found
