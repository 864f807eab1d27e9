"""Autosave and crash recovery on a real archive, SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import update

from editor.archive.articles import ArticleService
from editor.archive.autosave import MAX_KEY_LENGTH, AutosaveStore, new_session_key
from editor.archive.schema import Autosave
from editor.domain.errors import ConflictError
from editor.domain.model import ArticleInput, RevisionKind
from tests.unit.test_articles import article


@pytest.fixture
def service(archive):
    return ArticleService(archive, user="alice")


def crashed(archive, store: AutosaveStore) -> None:
    """What a kill -9 leaves: the window's heartbeat stops (here: long ago)."""
    with archive.session(write=True) as session:
        session.execute(
            update(Autosave)
            .where(Autosave.instance == store.instance)
            .values(heartbeat_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC), pid=0)
        )


def edited(record, body: str, **changes: object) -> ArticleInput:
    return dataclasses.replace(record.to_input(), body=body, **changes)


def test_autosave_adds_a_revision_without_touching_the_article(archive, service):
    created = service.create(article())
    store = AutosaveStore(archive, user="alice")
    key = new_session_key()
    result = store.autosave(
        key, edited(created, "打了一半的字"), article_id=created.id, base_version=created.version
    )
    assert result.revision_number == 2
    now = service.get(created.id)
    assert now == created  # same version, same body, same updated_at: the last save stands
    revisions = service.revisions(created.id)
    assert [(r.number, r.kind) for r in revisions] == [
        (1, RevisionKind.CREATE),
        (2, RevisionKind.AUTOSAVE),
    ]
    assert revisions[1].body == "打了一半的字"
    assert revisions[1].saved_by == "alice"


def test_repeated_autosaves_of_one_session_replace_their_revision(archive, service):
    created = service.create(article())
    store = AutosaveStore(archive, user="alice")
    key = new_session_key()
    for n in range(5):
        store.autosave(
            key, edited(created, f"第{n}稿"), article_id=created.id, base_version=created.version
        )
    revisions = service.revisions(created.id)
    assert [r.kind for r in revisions] == [RevisionKind.CREATE, RevisionKind.AUTOSAVE]
    assert revisions[1].body == "第4稿"
    # a deliberate save in between: the autosave before it stays history, the next one is new
    saved = service.update(created.id, edited(created, "第4稿"), expected_version=created.version)
    store.autosave(key, edited(saved, "第5稿"), article_id=created.id, base_version=saved.version)
    store.autosave(key, edited(saved, "第6稿"), article_id=created.id, base_version=saved.version)
    revisions = service.revisions(created.id)
    assert [(r.number, r.kind, r.body) for r in revisions][1:] == [
        (2, RevisionKind.AUTOSAVE, "第4稿"),
        (3, RevisionKind.SAVE, "第4稿"),
        (4, RevisionKind.AUTOSAVE, "第6稿"),
    ]
    # a second session on the same article never replaces the first one's revision
    other = new_session_key()
    store.autosave(other, edited(saved, "另一窗口"), article_id=created.id, base_version=2)
    assert [r.number for r in service.revisions(created.id)] == [1, 2, 3, 4, 5]


def test_a_crashed_editors_text_is_offered_and_restored(archive, service):
    created = service.create(article())
    before_crash = AutosaveStore(archive, user="alice")
    key = new_session_key()
    text = edited(created, "崩溃前的正文", title="崩溃前的标题")
    before_crash.autosave(key, text, article_id=created.id, base_version=created.version)
    after_restart = AutosaveStore(archive, user="alice")
    assert after_restart.pending() == []  # its window is still alive
    crashed(archive, before_crash)
    (offer,) = after_restart.pending()
    assert offer.key == key
    assert offer.article_id == created.id
    assert offer.data.body == "崩溃前的正文"
    assert offer.title == "崩溃前的标题"
    assert offer.data.category == created.category
    assert offer.data.published_at == created.published_at
    assert not offer.stale
    assert offer.revision_number == 2
    # restored and saved deliberately: nothing pending any more
    saved = service.update(created.id, offer.data, expected_version=offer.base_version or 0)
    assert saved.body == "崩溃前的正文"
    assert after_restart.pending() == []  # the archive holds that very text now
    after_restart.discard(offer.key)
    assert AutosaveStore(archive, user="alice").pending(include_live=True) == []
    # other users are not offered alice's text
    assert AutosaveStore(archive, user="bob").pending(include_live=True) == []


def test_a_never_saved_article_survives_a_crash(archive):
    store = AutosaveStore(archive, user="alice")
    key = new_session_key()
    draft = ArticleInput(title="", body="还没保存过的新稿件\n\n第二段")
    result = store.autosave(key, draft)
    assert result.article_id is None
    assert result.revision_number is None
    crashed(archive, store)
    (offer,) = AutosaveStore(archive, user="alice").pending()
    assert offer.is_new
    assert offer.data.body == "还没保存过的新稿件\n\n第二段"
    AutosaveStore(archive, user="alice").discard(key)
    assert AutosaveStore(archive, user="alice").pending() == []


def test_an_invalid_draft_is_kept_whole(archive):
    store = AutosaveStore(archive, user="alice")
    key = new_session_key()
    title = "长" * 250  # too long to save, not too long to keep
    store.autosave(key, ArticleInput(title=title, body="a\x00b", category=()))
    crashed(archive, store)
    (offer,) = AutosaveStore(archive, user="alice").pending()
    assert offer.title == title
    assert offer.data.body == "a\ufffdb"  # PostgreSQL keeps no NUL: it stays visible


def test_a_stale_recovery_saves_into_a_conflict_never_over_the_newer_text(archive, service):
    created = service.create(article())
    store = AutosaveStore(archive, user="alice")
    key = new_session_key()
    store.autosave(
        key, edited(created, "alice 未保存"), article_id=created.id, base_version=created.version
    )
    crashed(archive, store)
    bob = ArticleService(archive, user="bob")
    bob.update(created.id, edited(created, "bob 已保存"), expected_version=created.version)
    (offer,) = AutosaveStore(archive, user="alice").pending()
    assert offer.stale
    assert offer.current_version == created.version + 1
    with pytest.raises(ConflictError):
        service.update(created.id, offer.data, expected_version=offer.base_version or 0)
    assert service.get(created.id).body == "bob 已保存"
    bodies = [r.body for r in service.revisions(created.id)]
    assert "alice 未保存" in bodies
    assert "bob 已保存" in bodies


def test_autosave_of_a_trashed_or_vanished_article(archive, service):
    created = service.create(article())
    service.delete(created.id)
    store = AutosaveStore(archive, user="alice")
    key = new_session_key()
    store.autosave(key, edited(created, "回收站里"), article_id=created.id, base_version=2)
    crashed(archive, store)
    (offer,) = AutosaveStore(archive, user="alice").pending()
    assert offer.in_trash
    # an article id that does not exist (deleted for good elsewhere): kept as a new draft
    result = store.autosave(new_session_key(), edited(created, "孤稿"), article_id=987654)
    assert result.article_id is None


def test_an_autosave_key_has_one_to_sixty_four_characters(archive):
    store = AutosaveStore(archive, user="alice")
    for key in ("", "k" * (MAX_KEY_LENGTH + 1)):
        with pytest.raises(ValueError, match="an autosave key has 1 to 64 characters"):
            store.autosave(key, article())
    store.autosave("k" * MAX_KEY_LENGTH, article())
    assert [r.key for r in store.pending(include_live=True)] == []  # its own window's: never
    assert AutosaveStore(archive, user="alice").get("k" * MAX_KEY_LENGTH) is not None


def test_a_window_alive_on_another_machine_keeps_its_autosaves_to_itself(archive, service):
    created = service.create(article())
    elsewhere = AutosaveStore(archive, user="alice", host="desk-2.newsroom", pid=1)
    key = new_session_key()
    elsewhere.autosave(key, edited(created, "另一台电脑上"), article_id=created.id, base_version=1)
    here = AutosaveStore(archive, user="alice")
    assert here.pending() == []  # its heartbeat is fresh: that window is still running
    (offer,) = here.pending(include_live=True)
    assert (offer.key, offer.host, offer.data.body) == (key, "desk-2.newsroom", "另一台电脑上")
    crashed(archive, elsewhere)
    assert [r.key for r in here.pending()] == [key]
