"""Soft locks and change polling, within one process and between processes (SQLite, PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from editor.archive.articles import ArticleService
from editor.archive.autosave import AutosaveStore, new_session_key
from editor.archive.changes import ChangeWatcher, change_token, versions
from editor.archive.jsonl import import_jsonl
from editor.archive.locks import HEARTBEAT_SECONDS, LOCK_TTL_SECONDS, SoftLocks
from editor.domain.errors import NotFoundError
from tests.subprocesses import kill9, start_driver, zonedesk
from tests.unit.test_articles import article
from tests.unit.test_jsonl import line, write_jsonl


@pytest.fixture
def article_id(archive) -> int:
    return ArticleService(archive).create(article()).id


def test_second_window_is_told_who_holds_the_lock(archive, article_id):
    alice = SoftLocks(archive, user="alice", host="desk-1", pid=111)
    bob = SoftLocks(archive, user="bob", host="desk-2", pid=222)
    assert alice.acquire(article_id).acquired
    refused = bob.acquire(article_id)
    assert not refused.acquired
    assert refused.holder is not None
    assert (refused.holder.user, refused.holder.host, refused.holder.pid) == (
        "alice",
        "desk-1",
        111,
    )
    assert "alice on desk-1 (pid 111)" in refused.holder.describe()
    assert bob.held_by_others(article_id) == refused.holder
    assert alice.held_by_others(article_id) is None
    assert alice.acquire(article_id).acquired  # re-acquiring refreshes
    alice.release(article_id)
    assert bob.acquire(article_id).acquired
    assert alice.holders([article_id, 999])[article_id].user == "bob"


class Clock:
    """A clock for both windows that moves only when told (the TTL passes without waiting)."""

    def __init__(self, start: dt.datetime) -> None:
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(archive) -> Clock:
    """Starting at the archive's own clock (the database server's on PostgreSQL)."""
    return Clock(SoftLocks(archive).now())


def test_a_lock_without_heartbeat_expires_and_is_taken_over(archive, article_id, clock):
    crashed = SoftLocks(archive, user="alice", host="desk-1", pid=111, clock=clock)
    other = SoftLocks(archive, user="bob", host="desk-2", pid=222, clock=clock)
    assert crashed.acquire(article_id).acquired
    assert not other.acquire(article_id).acquired
    clock.advance(LOCK_TTL_SECONDS - 1)
    assert not other.acquire(article_id).acquired  # not yet stale
    assert other.holder(article_id) is not None
    clock.advance(2)  # the TTL has passed without a heartbeat
    assert other.holder(article_id) is None  # stale: nobody is shown as holding it
    taken = other.acquire(article_id)
    assert taken.acquired
    assert taken.taken_over is not None
    assert taken.taken_over.user == "alice"
    assert crashed.heartbeat() == set()  # the crashed window learns it lost the lock


def test_heartbeat_keeps_a_lock_alive_and_steal_takes_a_live_one(archive, article_id, clock):
    alice = SoftLocks(archive, user="alice", host="desk-1", pid=111, clock=clock)
    bob = SoftLocks(archive, user="bob", host="desk-2", pid=222, clock=clock)
    alice.acquire(article_id)
    for _ in range(4):  # longer than the TTL in all, a heartbeat in each HEARTBEAT_SECONDS
        clock.advance(HEARTBEAT_SECONDS)
        assert alice.heartbeat() == {article_id}
    assert 4 * HEARTBEAT_SECONDS > LOCK_TTL_SECONDS
    assert not bob.acquire(article_id).acquired
    stolen = bob.acquire(article_id, steal=True)
    assert stolen.acquired
    assert stolen.taken_over is not None
    assert alice.heartbeat() == set()
    assert bob.release_all() == 1
    assert alice.holder(article_id) is None


def test_locking_an_unknown_article_is_a_clear_error(archive):
    with pytest.raises(NotFoundError):
        SoftLocks(archive).acquire(424242)


def test_lock_between_processes_and_after_a_kill(archive_url, archive, article_id):
    holder = start_driver("lock", archive_url, str(article_id), "alice")
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        me = SoftLocks(archive, user="bob")
        refused = me.acquire(article_id)
        assert not refused.acquired
        assert refused.holder is not None
        assert refused.holder.pid == holder.pid
    finally:
        kill9(holder)
    # its process is gone on this very machine: no need to wait for the TTL
    taken = me.acquire(article_id)
    assert taken.acquired
    assert taken.taken_over is not None
    assert taken.taken_over.pid == holder.pid


def test_change_token_moves_with_every_committed_article_change(archive, tmp_path):
    watcher = ChangeWatcher(archive)
    assert not watcher.changed()
    service = ArticleService(archive)
    created = service.create(article())
    assert watcher.changed()
    assert not watcher.changed()
    saved = service.update(created.id, article(body="新"), expected_version=created.version)
    assert watcher.changed()
    service.delete(created.id)
    assert watcher.changed()
    service.restore(created.id)
    assert watcher.changed()
    # autosaves and locks do not change what the browser shows
    AutosaveStore(archive).autosave(
        new_session_key(), article(body="草稿"), article_id=created.id, base_version=saved.version
    )
    SoftLocks(archive).acquire(created.id)
    assert not watcher.changed()
    # an import (bulk statements) counts, once or more
    import_jsonl(service, write_jsonl(tmp_path / "a.jsonl", [line(n) for n in range(1, 4)]))
    assert watcher.changed()


def test_versions_tell_the_open_tabs_where_their_articles_stand_in_one_query(archive):
    service = ArticleService(archive)
    kept = service.create(article(title="留着的"))
    saved = service.update(kept.id, article(body="新"), expected_version=kept.version)
    gone = service.create(article(title="删掉的"))
    trashed = service.delete(gone.id)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(archive.engine, "before_cursor_execute", count)
    try:
        found = versions(archive, [kept.id, gone.id, 999_999, kept.id])
    finally:
        event.remove(archive.engine, "before_cursor_execute", count)
    assert set(found) == {kept.id, gone.id}  # an article that does not exist is left out
    assert (found[kept.id].version, found[kept.id].deleted) == (saved.version, False)
    assert found[kept.id].updated_at == saved.updated_at
    assert (found[gone.id].version, found[gone.id].deleted) == (trashed.version, True)
    assert len(statements) == 1
    assert "body" not in statements[0]  # no article text is read
    assert versions(archive, []) == {}


def test_a_change_by_another_process_is_seen(archive_url, archive, article_id):
    before = change_token(archive)
    zonedesk("delete", str(article_id), db=archive_url)
    assert change_token(archive) > before
