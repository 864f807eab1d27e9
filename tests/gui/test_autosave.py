"""No lost work in the real main window: autosave after idle typing and on focus loss, recovery
after a crash (a real process killed with SIGKILL), and a save on a full disk."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from editor.archive.articles import ArticleService
from editor.archive.autosave import AutosaveStore, Recovery
from editor.archive.database import Archive, open_archive
from editor.domain.model import DEFAULT_TZ, ArticleRecord, RevisionKind
from editor.gui.dialogs.common import Ask, Choice
from editor.gui.dialogs.recovery import RecoveryChoice, RecoveryDialog, RecoveryItem
from editor.gui.editortab import SaveState
from editor.gui.mainwindow import MainWindow
from tests.gui.conftest import news, type_text

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
ROOT = Path(__file__).resolve().parents[2]


def kinds(archive: Archive, article_id: int) -> list[RevisionKind]:
    return [r.kind for r in ArticleService(archive).revisions(article_id)]


@pytest.fixture
def article(archive: Archive) -> ArticleRecord:
    return ArticleService(archive, user="tester").create(news("金坛召开第三次督查会"))


def test_an_idle_pause_autosaves_without_touching_the_article(
    qtbot: QtBot, archive: Archive, article: ArticleRecord, make_window: MakeWindow
) -> None:
    window = make_window(archive)
    window.autosaver.idle_ms = 300
    tab = window.open_article(article.id)
    tab.editor.setFocus()
    type_text(tab.editor, "补充一句。")

    qtbot.waitUntil(lambda: RevisionKind.AUTOSAVE in kinds(archive, article.id), timeout=30_000)
    stored = ArticleService(archive).get(article.id)
    assert (stored.version, stored.body) == (article.version, article.body)  # row unchanged
    assert tab.dirty  # an autosave is not a save
    assert tab.save_state is SaveState.UNSAVED
    label = window.editor_status.state_label
    qtbot.waitUntil(lambda: label.text().startswith("Autosaved at"), timeout=30_000)
    key = window.autosaver.key_of(tab)
    assert key is not None
    kept = AutosaveStore(archive, user="tester").get(key)
    assert kept is not None
    assert kept.data.body == tab.body()
    assert kept.base_version == article.version

    # a deliberate save (Ctrl+S) makes it the article and drops the pending recovery
    window.save_action.trigger()
    assert not tab.dirty
    assert label.text() == "Saved"
    qtbot.waitUntil(lambda: AutosaveStore(archive).get(key) is None, timeout=30_000)
    assert kinds(archive, article.id) == [
        RevisionKind.CREATE,
        RevisionKind.AUTOSAVE,
        RevisionKind.SAVE,
    ]
    assert ArticleService(archive).get(article.id).body == tab.body()


def test_losing_focus_autosaves_every_changed_tab(
    qtbot: QtBot, archive: Archive, article: ArticleRecord, make_window: MakeWindow
) -> None:
    window = make_window(archive)
    window.autosaver.idle_ms = 600_000  # never by idling in this test
    tab = window.open_article(article.id)
    fresh = window.new_article()
    type_text(fresh.form.title_edit, "新稿件")
    fresh.editor.setFocus()
    type_text(fresh.editor, "还没保存过的正文。")
    window.tabs.setCurrentWidget(tab)
    tab.editor.setFocus()
    type_text(tab.editor, "改了一句。")
    fresh.settle_now()  # both tabs settle (their pause after the last key, without waiting it)
    tab.settle_now()
    assert RevisionKind.AUTOSAVE not in kinds(archive, article.id)

    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))

    qtbot.waitUntil(lambda: RevisionKind.AUTOSAVE in kinds(archive, article.id), timeout=30_000)
    store = AutosaveStore(archive, user="tester")
    qtbot.waitUntil(
        lambda: store.get(window.autosaver.key_of(fresh) or "") is not None, timeout=30_000
    )
    drafted = store.get(window.autosaver.key_of(fresh) or "")
    assert drafted is not None
    assert drafted.is_new
    assert (drafted.title, drafted.data.body) == ("新稿件", "还没保存过的正文。")
    assert ArticleService(archive).get(article.id).version == article.version


# ------------------------------------------------------------------------------ recovery

CRASHING_EDITOR = textwrap.dedent(
    """
    import os, signal, sys
    from PySide6.QtCore import QEventLoop, QTimer
    from editor.app import create_application
    from editor.archive.database import open_archive
    from editor.gui.mainwindow import MainWindow
    from tests.gui.conftest import type_text

    url, article_id = sys.argv[1], int(sys.argv[2])
    app = create_application(["crashing-zonedesk"])
    window = MainWindow(open_archive(url))
    tab = window.open_article(article_id)
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    type_text(tab.editor, "崩溃前写下的最后一句。")
    fresh = window.new_article()
    type_text(fresh.form.title_edit, "从未保存的新稿")
    type_text(fresh.editor, "新稿的正文。")
    done = []
    both = QEventLoop()

    def autosaved(tab, when):
        done.append(tab)
        if len(done) == 2:
            both.quit()

    window.autosaver.autosaved.connect(autosaved)
    tab.settle_now()
    fresh.settle_now()
    window.autosaver.autosave_all()
    QTimer.singleShot(100_000, both.quit)  # an upper bound: the test's run gives up at 120 s
    if len(done) < 2:
        both.exec()
    print("autosaved" if len(done) == 2 else "timeout", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # a crash: nothing after this runs
    """
)


def crash_while_editing(archive_url: str, article_id: int) -> None:
    """Another ZoneDesk process edits two articles, autosaves, and is killed with SIGKILL."""
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, archive_url, str(article_id)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == -9, done.stderr[-3000:]
    assert "autosaved" in done.stdout, done.stderr[-3000:]


def test_after_a_crash_the_next_start_offers_the_unsaved_text_and_restores_it(
    qtbot: QtBot,
    archive_url: str,
    archive: Archive,
    article: ArticleRecord,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crash_while_editing(archive_url, article.id)
    offered: list[list[RecoveryItem]] = []

    def review(cls: type, parent: object, items: list[RecoveryItem]) -> dict[str, RecoveryChoice]:
        offered.append(items)
        return {i.recovery.key: RecoveryChoice.RESTORE for i in items}

    monkeypatch.setattr(RecoveryDialog, "review", classmethod(review))
    window = make_window(archive)
    qtbot.waitUntil(lambda: window.tabs.count() == 2, timeout=30_000)

    assert len(offered) == 1
    titles = sorted(i.recovery.title for i in offered[0])
    assert titles == ["从未保存的新稿", "金坛召开第三次督查会"]
    restored = window.tabs.tab_of(article.id)
    assert restored is not None
    assert restored.body() == article.body + "崩溃前写下的最后一句。"
    assert restored.dirty
    assert restored.version == article.version
    fresh = next(t for t in window.tabs.tabs() if t.article_id is None)
    assert (fresh.title(), fresh.body()) == ("从未保存的新稿", "新稿的正文。")
    assert fresh.dirty
    # the archive still holds the last deliberate save
    assert ArticleService(archive).get(article.id).body == article.body

    assert window.save_tab(restored)
    assert ArticleService(archive).get(article.id).body == article.body + "崩溃前写下的最后一句。"
    key = window.autosaver.key_of(restored)
    assert key is not None
    qtbot.waitUntil(lambda: AutosaveStore(archive).get(key) is None, timeout=30_000)


def test_the_recovery_dialog_shows_each_text_and_records_each_decision(
    qtbot: QtBot, archive: Archive, article: ArticleRecord
) -> None:
    store = AutosaveStore(archive, user="tester", pid=0)
    changed = news("金坛召开第三次督查会", body=article.body + "\n\n多出的一段。")
    store.autosave("k-old", changed, article_id=article.id, base_version=article.version)
    store.autosave("k-new", news("草稿", body="正文"))
    items = [
        RecoveryItem(r, ArticleService(archive).get(r.article_id) if r.article_id else None)
        for r in AutosaveStore(archive, user="tester").pending()
    ]
    assert len(items) == 2
    dialog = RecoveryDialog(items)
    qtbot.addWidget(dialog)
    first = dialog.list.topLevelItem(0)
    assert first is not None
    assert first.text(0) == "金坛召开第三次督查会"
    assert first.text(2) == "+5 −0 characters"  # 多出的一段: counted as the status bar counts
    assert "多出的一段。" in dialog.diff.right.toPlainText()
    assert dialog.diff.changed_rows()
    dialog.decide(RecoveryChoice.DISCARD)
    assert dialog.current_index() == 1  # on to the next undecided one
    dialog.decide(RecoveryChoice.RESTORE)
    assert dialog.choices == {"k-old": RecoveryChoice.DISCARD, "k-new": RecoveryChoice.RESTORE}


# ------------------------------------------------------------------------------ full disk


@pytest.fixture
def sqlite_archive(sqlite_url: str) -> Iterator[Archive]:
    opened = open_archive(sqlite_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def full_disk(sqlite_archive: Archive) -> Iterator[Callable[[bool], None]]:
    """Make the SQLite archive full (no page may be added: SQLITE_FULL), or free again."""
    archive = sqlite_archive

    def limit(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    def fill(on: bool) -> None:
        if on:
            event.listen(archive.engine, "connect", limit)
        elif event.contains(archive.engine, "connect", limit):
            event.remove(archive.engine, "connect", limit)
        archive.engine.dispose()  # every connection from now on has (or lacks) the limit

    yield fill
    fill(False)


def test_a_save_on_a_full_disk_keeps_the_text_and_says_what_happened(
    qtbot: QtBot,
    sqlite_archive: Archive,
    make_window: MakeWindow,
    full_disk: Callable[[bool], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive = sqlite_archive
    article = ArticleService(archive, user="tester").create(news("金坛召开第三次督查会"))
    window = make_window(archive)
    window.autosaver.idle_ms = 600_000
    tab = window.open_article(article.id)
    long_text = "开发区新闻。" * 20_000
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    tab.editor.insertPlainText(long_text)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        Ask, "error", classmethod(lambda cls, p, title, text: errors.append((title, text)))
    )
    full_disk(True)

    assert not window.save_current()

    assert tab.dirty
    assert tab.body() == article.body + long_text  # nothing of it lost
    assert tab.save_state is SaveState.UNSAVED
    assert len(errors) == 1
    title, text = errors[0]
    assert "not saved" in title
    assert "disk is full" in text
    assert "still in the editor" in text
    assert ArticleService(archive).get(article.id).body == article.body

    full_disk(False)
    assert window.save_current()
    assert ArticleService(archive).get(article.id).body == article.body + long_text


def recovery(key: str, title: str, body: str, **fields: object) -> Recovery:
    values: dict[str, object] = {
        "key": key,
        "article_id": None,
        "base_version": None,
        "current_version": None,
        "data": news(title, body=body),
        "saved_at": dt.datetime(2020, 10, 9, 15, 30, tzinfo=DEFAULT_TZ),
        "saved_by": "tester",
        "host": "desk-1",
        "revision_number": None,
    }
    values.update(fields)
    return Recovery(**values)  # type: ignore[arg-type]


def test_the_recovery_dialog_says_what_became_of_each_article(
    qtbot: QtBot, archive: Archive, article: ArticleRecord
) -> None:
    stale = recovery(
        "k-stale",
        article.title,
        article.body + "补充。",
        article_id=article.id,
        base_version=article.version,
        current_version=article.version + 1,
        in_trash=True,
    )
    untitled = recovery("k-untitled", "", "只有正文。")
    dialog = RecoveryDialog([RecoveryItem(stale, article), RecoveryItem(untitled, None)])
    qtbot.addWidget(dialog)
    first, second = dialog.list.topLevelItem(0), dialog.list.topLevelItem(1)
    assert first is not None
    assert second is not None
    assert first.text(0) == article.title
    assert first.text(1) == "2020-10-09 15:30"
    assert first.text(3) == "—"
    note = dialog.note.text()
    assert f"version {article.version + 1}" in note
    assert "in the trash" in note
    assert not dialog.note.isHidden()
    assert second.text(0) == "Untitled (new, never saved)"
    assert second.text(2) == "+4 −0 characters"

    dialog.list.setCurrentItem(second)
    assert dialog.note.isHidden()  # nothing to say about a text never saved
    assert dialog.diff.right.toPlainText().strip() == "只有正文。"
    dialog.restore_button.click()
    assert second.text(3) == "Restore"
    assert dialog.current_index() == 0  # round to the first one still undecided
    dialog.discard_button.click()
    assert first.text(3) == "Discard"
    assert dialog.current_index() == 0  # none left undecided: it stays
    dialog.decide(RecoveryChoice.RESTORE, index=5)  # no such row: nothing changes
    assert dialog.choices == {
        "k-stale": RecoveryChoice.DISCARD,
        "k-untitled": RecoveryChoice.RESTORE,
    }


def test_restore_all_restores_only_what_is_undecided(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [RecoveryItem(recovery(f"k{i}", f"稿件{i}", "正文"), None) for i in range(3)]

    def click_through(dialog: QDialog) -> int:
        assert isinstance(dialog, RecoveryDialog)
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        dialog.decide(RecoveryChoice.DISCARD)
        dialog.restore_all_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RecoveryDialog, "exec", click_through)
    choices = RecoveryDialog.review(None, items)
    assert choices == {
        "k0": RecoveryChoice.DISCARD,
        "k1": RecoveryChoice.RESTORE,
        "k2": RecoveryChoice.RESTORE,
    }


def test_decide_later_keeps_the_undecided_ones_for_the_next_start(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [RecoveryItem(recovery(f"k{i}", f"稿件{i}", "正文"), None) for i in range(2)]

    def later(dialog: QDialog) -> int:
        assert isinstance(dialog, RecoveryDialog)
        dialog.restore_button.click()
        dialog.later_button.click()
        assert dialog.result() == QDialog.DialogCode.Accepted  # the decided one is acted upon
        return int(dialog.result())

    monkeypatch.setattr(RecoveryDialog, "exec", later)
    assert RecoveryDialog.review(None, items) == {
        "k0": RecoveryChoice.RESTORE,
        "k1": RecoveryChoice.LATER,
    }


# ------------------------------------------------------------------------------ read-only


def test_a_read_only_archive_is_browsed_and_edited_without_writing_anything(
    qtbot: QtBot,
    sqlite_url: str,
    news_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readonly = open_archive(sqlite_url, readonly=True)
    try:
        window = make_window(readonly)
        assert "read-only" in window.windowTitle()
        article_id = window.browser.model.article_id(0)
        assert article_id is not None
        tab = window.open_article(article_id)
        assert window.locks.holders == {article_id: None}  # no lock taken
        tab.editor.setFocus()
        type_text(tab.editor, "只读时写下的。")
        qtbot.waitUntil(lambda: tab.dirty, timeout=30_000)
        assert not window.autosaver.autosave(tab)
        assert window.autosaver.autosave_all() == 0
        window.autosaver.heartbeat()
        errors: list[str] = []
        monkeypatch.setattr(
            Ask, "error", classmethod(lambda cls, parent, title, text: errors.append(text))
        )
        assert not window.save_current()
        assert len(errors) == 1
        assert "read-only" in errors[0]
        assert tab.dirty  # the text stays in the editor
        monkeypatch.setattr(Ask, "unsaved_changes", classmethod(lambda cls, p, t: Choice.DISCARD))
        assert window.close_tab(tab)
        window.close()
    finally:
        readonly.close()
    assert AutosaveStore(news_archive, user="tester").pending() == []
