"""Two ZoneDesk windows on one archive (one PostgreSQL database, one SQLite file), as two
colleagues: the soft lock is shown, a save over a newer version offers the conflict dialog,
nothing is lost, and each browser picks up the other's saves within seconds."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.archive.locks import this_host
from editor.domain.model import ArticleRecord, RevisionKind
from editor.gui.dialogs.confirm import Confirm
from editor.gui.dialogs.conflict import ConflictChoice, ConflictDialog
from editor.gui.mainwindow import MainWindow
from tests.gui.conftest import news, type_text

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]


@pytest.fixture
def second_archive(archive_url: str) -> Iterator[Archive]:
    """The same archive opened a second time, as another ZoneDesk instance opens it."""
    opened = open_archive(archive_url)
    try:
        yield opened
    finally:
        opened.close()


def row_title(window: MainWindow, article_id: int) -> str | None:
    model = window.browser.model
    row = model.row_of(article_id)
    return None if row is None else model.index(row, 0).data()


def test_two_windows_on_one_archive_lock_conflict_and_lose_nothing(
    qtbot: QtBot,
    archive: Archive,
    second_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = ArticleService(archive, user="tester").create(news("金坛召开第三次督查会"))
    first = make_window(archive)
    second = make_window(second_archive)
    qtbot.waitUntil(lambda: row_title(second, article.id) is not None, timeout=30_000)

    # the first opens the article and holds its lock
    tab_a = first.open_article(article.id)
    qtbot.waitUntil(lambda: first.locks.locks.holder(article.id) is not None, timeout=30_000)
    # the second opens it too: the banner says who edits it; it stays editable (a soft lock)
    tab_b = second.open_article(article.id)
    lock_b = second.banners(tab_b)[0]
    qtbot.waitUntil(lambda: lock_b.message() != "", timeout=30_000)
    assert f"on {this_host()} is editing this article since" in lock_b.message()
    assert not tab_b.editor.isReadOnly()
    assert first.banners(tab_a)[0].message() == ""

    # the first saves a new title and body
    tab_a.form.title_edit.selectAll()
    type_text(tab_a.form.title_edit, "金坛召开第四次督查会")
    tab_a.editor.selectAll()
    type_text(tab_a.editor, "第一个窗口的版本")
    assert first.save_current()
    saved_a = ArticleService(archive).get(article.id)

    # at the second's next poll (every POLL_SECONDS) its browser shows it, and its tab says a
    # newer one exists (how soon is a matter of the poll's interval, not of this machine's load)
    qtbot.waitUntil(lambda: row_title(second, article.id) == "金坛召开第四次督查会", timeout=30_000)
    changed_b = second.banners(tab_b)[1]
    qtbot.waitUntil(lambda: changed_b.message() != "", timeout=30_000)
    assert "newer version was saved elsewhere" in changed_b.message()

    # the second saves its own edit over it: the conflict dialog shows both, nothing is lost
    tab_b.editor.selectAll()
    type_text(tab_b.editor, "第二个窗口的版本")
    shown: list[tuple[str, str]] = []

    def choose(
        cls: type, parent: object, mine: object, current: ArticleRecord, merge: object = None
    ) -> ConflictChoice:
        shown.append((getattr(mine, "body", ""), current.body))
        return ConflictChoice.KEEP_MINE

    monkeypatch.setattr(ConflictDialog, "choose", classmethod(choose))
    assert second.save_current()
    assert shown == [("第二个窗口的版本", "第一个窗口的版本")]
    revisions = ArticleService(archive).revisions(article.id)
    bodies = [r.body for r in revisions if r.kind is not RevisionKind.AUTOSAVE]
    assert bodies[-2:] == ["第一个窗口的版本", "第二个窗口的版本"]  # both kept
    stored = ArticleService(archive).get(article.id)
    assert stored.version == saved_a.version + 1
    assert changed_b.message() == ""

    # the first learns about the second's save the same way
    changed_a = first.banners(tab_a)[1]
    qtbot.waitUntil(lambda: changed_a.message() != "", timeout=30_000)
    assert first.reload_tab(tab_a)
    assert tab_a.body() == "第二个窗口的版本"
    assert changed_a.message() == ""

    # the first closes its tab: the lock is free, the second takes it at its next heartbeat
    assert first.close_tab(tab_a)
    # the release runs on the first window's thread pool: wait until it has landed
    qtbot.waitUntil(lambda: first.locks.locks.holder(article.id) is None, timeout=30_000)

    def heartbeat_took_it() -> bool:
        second.locks.heartbeat()  # a no-op while its previous beat is still on the way
        return lock_b.message() == ""

    qtbot.waitUntil(heartbeat_took_it, timeout=30_000)
    holder = second.locks.locks.holder(article.id)
    assert holder is not None
    assert holder.instance == second.locks.locks.instance


def test_a_deletion_in_one_window_leaves_the_others_browser(
    qtbot: QtBot,
    archive: Archive,
    second_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = ArticleService(archive, user="tester").create(news("要删除的稿件"))
    first = make_window(archive)
    second = make_window(second_archive)
    qtbot.waitUntil(lambda: row_title(second, article.id) is not None, timeout=30_000)
    second.browser.select_article(article.id)
    scroll = second.browser.table.verticalScrollBar().value()
    monkeypatch.setattr(Confirm, "delete_article", classmethod(lambda cls, parent, title: True))

    assert first.delete_article(article.id)

    qtbot.waitUntil(lambda: row_title(second, article.id) is None, timeout=30_000)
    assert second.browser.table.verticalScrollBar().value() == scroll


def test_polling_tells_open_tabs_what_moved_on_without_reading_the_articles(
    qtbot: QtBot,
    archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tester = ArticleService(archive, user="tester")
    edited = tester.create(news("金坛召开第三次督查会"))
    deleted = tester.create(news("园区新签约项目十二个"))
    window = make_window(archive)
    tab_edited = window.open_article(edited.id)
    tab_deleted = window.open_article(deleted.id)
    read: list[int] = []
    real_get = ArticleService.get

    def get(self: ArticleService, article_id: int) -> ArticleRecord:
        read.append(article_id)
        return real_get(self, article_id)

    monkeypatch.setattr(ArticleService, "get", get)
    # a colleague (another process, say) saves one and moves the other to the trash
    colleague = ArticleService(archive, user="colleague")
    colleague.update(
        edited.id, news("金坛召开第三次督查会", body="新的正文"), expected_version=edited.version
    )
    colleague.delete(deleted.id)

    changed = window.banners(tab_edited)[1]
    trashed = window.banners(tab_deleted)[1]
    qtbot.waitUntil(lambda: changed.message() != "" and trashed.message() != "", timeout=30_000)
    assert "newer version was saved elsewhere" in changed.message()
    assert changed.version == edited.version + 1
    assert trashed.message() == "This article was moved to the trash elsewhere."
    assert read == []  # the poll read versions only, never the articles themselves
    assert tab_edited.body() == "10月9日下午，我区召开督查会。"  # nothing replaced under the writer
