"""The History panel (revisions, side-by-side diff, restore as a new revision) and the trash, in the
real main window on real archives (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.autosave import AutosaveStore, new_session_key
from editor.archive.database import Archive
from editor.domain.model import ArticleRecord, RevisionKind
from editor.gui.dialogs.common import Ask, Choice
from editor.gui.dialogs.confirm import Confirm
from editor.gui.dialogs.conflict import ConflictChoice, ConflictDialog
from editor.gui.diffview import DiffView, diff_colours
from editor.gui.history import HistoryPanel
from editor.gui.mainwindow import MainWindow
from editor.gui.theme import dark_palette
from editor.text.counting import count_text
from tests.gui.conftest import news

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
FIRST = "第一段。\n\n金坛经开区召开督查会。\n\n第三段。"
SECOND = "第一段。\n\n金坛经开区召开第三次督查会。\n\n第三段。\n\n新增的第四段。"
THIRD = "第一段。\n\n金坛经开区召开第三次督查会。\n\n第三段改了。\n\n新增的第四段。"


def story(archive: Archive) -> ArticleRecord:
    """An article saved three times, by two people: 1 created, 2 saved, 3 saved (title too)."""
    tester = ArticleService(archive, user="tester")
    colleague = ArticleService(archive, user="colleague")
    first = tester.create(news("金坛召开督查会", body=FIRST))
    second = colleague.update(
        first.id, replace(first.to_input(), body=SECOND), expected_version=first.version
    )
    return tester.update(
        first.id,
        replace(second.to_input(), body=THIRD, title="金坛召开第三次督查会"),
        expected_version=second.version,
    )


def open_history(qtbot: QtBot, window: MainWindow, count: int) -> HistoryPanel:
    window.history_action.trigger()
    assert window.history_dock.isVisible()
    panel = window.history
    qtbot.waitUntil(lambda: len(panel.entries) == count, timeout=30_000)
    qtbot.waitUntil(lambda: bool(panel.diff.rows), timeout=30_000)
    # sizes and changes are counted after the list shows
    qtbot.waitUntil(
        lambda: all(panel.counts_of(e) is not None for e in panel.entries), timeout=30_000
    )
    return panel


def column(panel: HistoryPanel, number: int) -> list[str]:
    items = [panel.list.topLevelItem(i) for i in range(panel.list.topLevelItemCount())]
    return [item.text(number) for item in items if item is not None]


def test_the_history_lists_revisions_and_diffs_them_side_by_side(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    record = story(archive)
    window = make_window(archive)
    window.open_article(record.id)
    panel = open_history(qtbot, window, 3)

    assert column(panel, 0) == ["3", "2", "1"]  # newest first
    assert column(panel, 2) == ["tester", "colleague", "tester"]
    # 字数 as the status bar counts it (Han characters of the readable text), not len(body)
    assert column(panel, 4) == [str(count_text(body).chinese) for body in (THIRD, SECOND, FIRST)]
    assert "Title" in column(panel, 5)[0] or "标题" in column(panel, 5)[0]
    assert "+" in column(panel, 5)[1]
    # the newest is shown against the one before it: changed lines tinted on both sides
    assert panel.diff_shown is not None
    assert "第三段。" in panel.diff.left.toPlainText()
    assert "第三段改了。" in panel.diff.right.toPlainText()
    changed = panel.diff.changed_rows()
    assert changed
    assert panel.diff.right.extraSelections()  # the added characters: 改了
    assert "removed" in panel.diff.left.tints  # the changed rows
    assert "added" in panel.diff.right.tints
    assert panel.diff.left.isReadOnly()
    assert panel.diff.right.isReadOnly()
    # the rows face each other: as many lines on each side
    assert panel.diff.left.document().blockCount() == panel.diff.right.document().blockCount()
    # the title changed: the fields table says so
    assert panel.fields.isVisibleTo(panel)
    cells = [panel.fields.item(0, c).text() for c in range(3)]  # type: ignore[union-attr]
    assert cells[1:] == ["金坛召开督查会", "金坛召开第三次督查会"]
    assert not panel.restore_button.isEnabled()  # the newest is what the article is already

    # two chosen: compared with each other
    panel.select_numbers([1, 3])
    qtbot.waitUntil(lambda: "召开督查会" in panel.diff.left.toPlainText(), timeout=30_000)
    assert "第四段" not in panel.diff.left.toPlainText()
    assert "第四段" in panel.diff.right.toPlainText()
    assert not panel.restore_button.isEnabled()
    # the panes scroll together
    left, right = panel.diff.left, panel.diff.right
    assert left.document().size().height() == right.document().size().height()  # rows padded
    left.verticalScrollBar().setValue(left.verticalScrollBar().maximum())
    assert right.verticalScrollBar().value() == left.verticalScrollBar().value()


def test_a_save_is_told_and_shown_against_the_save_before_it_not_an_autosave(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    tester = ArticleService(archive, user="tester")
    first = tester.create(news("金坛召开督查会", body=FIRST))
    # a colleague's window autosaves a body it never saves …
    AutosaveStore(archive, user="colleague").autosave(
        new_session_key(),
        replace(first.to_input(), body=SECOND),
        article_id=first.id,
        base_version=first.version,
    )
    # … and the tester saves a new title only
    tester.update(
        first.id,
        replace(first.to_input(), title="金坛召开第三次督查会"),
        expected_version=first.version,
    )
    window = make_window(archive)
    window.open_article(first.id)
    panel = open_history(qtbot, window, 3)

    summaries = column(panel, 5)
    assert summaries[0] in ("Title", "标题")  # no body change: the save made none
    assert "+" in summaries[1]  # the autosave's own change, against what it edited
    # the newest save, selected, is compared with the save before it: same body, new title
    assert panel.entries[0].compared_with == 1
    diff = panel.diff_shown
    assert diff is not None
    assert all(row.tag == "equal" for row in diff.rows)
    assert [f.name for f in diff.changed_fields] == ["title"]


def test_restoring_a_revision_saves_it_as_a_new_one_and_reloads_the_tab(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = story(archive)
    window = make_window(archive)
    tab = window.open_article(record.id)
    panel = open_history(qtbot, window, 3)
    asked: list[tuple[int, bool]] = []

    def confirm(cls: type, parent: object, number: int, dirty: bool) -> bool:
        asked.append((number, dirty))
        return True

    monkeypatch.setattr(Confirm, "restore_revision", classmethod(confirm))

    panel.select_numbers([1])
    qtbot.waitUntil(lambda: panel.restore_button.isEnabled(), timeout=30_000)
    panel.restore_button.click()

    assert asked == [(1, False)]
    revisions = ArticleService(archive).revisions(record.id)
    assert [r.kind for r in revisions] == [
        RevisionKind.CREATE,
        RevisionKind.SAVE,
        RevisionKind.SAVE,
        RevisionKind.RESTORE,
    ]
    assert [r.body for r in revisions] == [FIRST, SECOND, THIRD, FIRST]  # nothing destroyed
    stored = ArticleService(archive).get(record.id)
    assert (stored.body, stored.title) == (FIRST, "金坛召开督查会")
    assert tab.body() == FIRST
    assert tab.title() == "金坛召开督查会"
    assert tab.version == stored.version
    assert not tab.dirty
    qtbot.waitUntil(lambda: len(panel.entries) == 4, timeout=30_000)
    assert panel.entries[0].kind is RevisionKind.RESTORE
    assert panel.entries[0].is_current


def test_restoring_over_a_newer_version_offers_the_conflict_dialog(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = story(archive)
    window = make_window(archive)
    tab = window.open_article(record.id)
    open_history(qtbot, window, 3)
    monkeypatch.setattr(
        Confirm, "restore_revision", classmethod(lambda cls, parent, number, dirty: True)
    )
    # someone else saves meanwhile
    other = ArticleService(archive, user="colleague")
    theirs = other.update(
        record.id, replace(record.to_input(), body="他们的版本"), expected_version=record.version
    )
    shown: list[tuple[str, str]] = []

    def choose(
        cls: type, parent: object, mine: object, current: ArticleRecord, merge: object = None
    ) -> ConflictChoice:
        shown.append((getattr(mine, "body", ""), current.body))
        return ConflictChoice.KEEP_MINE

    monkeypatch.setattr(ConflictDialog, "choose", classmethod(choose))
    assert window.restore_revision(record.id, 2)

    assert shown == [(SECOND, "他们的版本")]
    bodies = [r.body for r in ArticleService(archive).revisions(record.id)]
    assert bodies == [FIRST, SECOND, THIRD, "他们的版本", SECOND]  # theirs is kept as a revision
    assert tab.body() == SECOND
    assert tab.version == theirs.version + 1
    assert not tab.dirty


def test_the_diff_view_is_legible_in_light_and_dark_palettes(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    from editor.archive.compare import diff_lines  # noqa: PLC0415 - the test's data only

    view.show_rows(diff_lines("甲\n乙\n丙", "甲\n乙改\n丙\n丁"), "旧", "新")
    light = diff_colours(QApplication.palette())
    dark = diff_colours(dark_palette())
    assert light["added"] != dark["added"]
    base = dark_palette().color(QPalette.ColorRole.Base)
    text = dark_palette().color(QPalette.ColorRole.Text)
    for colour in (dark["added"], dark["removed"]):
        # a translucent tint over the dark base keeps light text readable
        mixed = colour.alphaF() * colour.lightness() + (1 - colour.alphaF()) * base.lightness()
        assert text.lightness() - mixed > 100
    assert view.right.tints == ["", "added", "", "added"]
    assert view.left.tints == ["", "removed", "", "gap"]
    assert view.right.extraSelections()  # 改
    previous = QPalette(QApplication.palette())
    QApplication.setPalette(dark_palette())
    try:  # the tints follow a switch to the dark palette
        qtbot.waitUntil(lambda: view.right.colours == dark, timeout=30_000)
    finally:
        QApplication.setPalette(previous)
    assert view.right.document().blockCount() == view.left.document().blockCount() == 5


# ------------------------------------------------------------------------------ the trash


def test_delete_moves_to_the_trash_and_the_trash_view_restores(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = ArticleService(archive, user="tester").create(news("要删除的稿件"))
    window = make_window(archive)
    browser = window.browser
    qtbot.waitUntil(lambda: browser.model.row_of(record.id) is not None, timeout=30_000)
    window.open_article(record.id)
    asked: list[str] = []

    def confirm(cls: type, parent: object, title: str) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(Confirm, "delete_article", classmethod(confirm))

    window.delete_action.trigger()

    assert asked == ["要删除的稿件"]
    assert window.tabs.tab_of(record.id) is None  # its tab closed
    assert ArticleService(archive).get(record.id).deleted_at is not None
    qtbot.waitUntil(lambda: browser.model.row_of(record.id) is None, timeout=30_000)

    window.trash_action.trigger()
    assert browser.showing_trash
    assert browser.trash_bar.isVisible()
    qtbot.waitUntil(lambda: browser.model.row_of(record.id) is not None, timeout=30_000)
    assert browser.select_article(record.id)
    browser.trash_bar.restore_button.click()

    assert ArticleService(archive).get(record.id).deleted_at is None
    qtbot.waitUntil(lambda: browser.model.row_of(record.id) is None, timeout=30_000)  # left
    browser.show_trash(False)
    assert not browser.trash_bar.isVisible()
    qtbot.waitUntil(lambda: browser.model.row_of(record.id) is not None, timeout=30_000)


def test_deleting_asks_first_and_a_no_keeps_the_article(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = ArticleService(archive, user="tester").create(news("留下的稿件"))
    window = make_window(archive)
    monkeypatch.setattr(Confirm, "delete_article", classmethod(lambda cls, parent, title: False))
    assert not window.delete_article(record.id)
    assert ArticleService(archive).get(record.id).deleted_at is None


def test_the_history_shortcut_is_its_own(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(archive)
    assert window.history_action.shortcut().toString() == "Ctrl+Alt+H"
    assert window.format_actions.heading.shortcut().toString() == "Ctrl+Shift+H"
    owners: dict[str, str] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            for key in action.shortcuts():
                name = key.toString()
                assert owners.setdefault(name, action.text()) == action.text(), name
    assert "Ctrl+Alt+H" in owners


def test_deleting_or_restoring_an_article_gone_meanwhile_says_so_in_words(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(news_archive)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        Ask, "error", classmethod(lambda cls, parent, title, text: errors.append((title, text)))
    )
    monkeypatch.setattr(Confirm, "delete_article", classmethod(lambda cls, parent, title: True))
    assert not window.delete_current()  # no tab: nothing to delete
    window.new_article()
    assert not window.delete_current()  # a new article is not in the archive yet
    gone = 99_999  # purged by another desk while this one still listed it
    assert not window.delete_article(gone)
    assert not window.restore_from_trash(gone)
    assert [title for title, _ in errors] == [
        "The article was not moved to the trash",
        "The article was not restored",
    ]
    assert all(text for _, text in errors)


def test_deleting_an_article_with_unsaved_changes_can_be_called_off(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = ArticleService(news_archive, user="tester").create(news("正在改的稿件"))
    window = make_window(news_archive)
    tab = window.open_article(record.id)
    tab.editor.insertPlainText("没保存的一句。")
    monkeypatch.setattr(Confirm, "delete_article", classmethod(lambda cls, parent, title: True))
    monkeypatch.setattr(Ask, "unsaved_changes", classmethod(lambda cls, p, t: Choice.CANCEL))
    assert not window.delete_article(record.id)
    assert window.tabs.tab_of(record.id) is tab
    assert tab.body().startswith("没保存的一句。")
    assert ArticleService(news_archive).get(record.id).deleted_at is None


def test_history_counts_as_the_status_bar_and_tells_what_changed_not_the_whole_body(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    """Issue 13: the status bar said 256 while History said 330 (len of the Markdown), and
    adding 本报讯 and one paragraph showed as 正文 +379 −330."""
    before = (
        "10月9日下午，**金坛经开区**召开[督查会](https://example.cn/a)。\n\n" + "会议强调。" * 60
    )
    after = "本报讯 " + before + "\n\n下一步将开展专项检查工作。"
    tester = ArticleService(archive, user="tester")
    first = tester.create(news("金坛召开督查会", body=before))
    tester.update(first.id, replace(first.to_input(), body=after), expected_version=first.version)
    window = make_window(archive)
    window.open_article(first.id)
    tab = window.current_tab()
    assert tab is not None
    tab.settle_now()
    status = window.editor_status
    qtbot.waitUntil(lambda: status.counts is not None, timeout=30_000)
    panel = open_history(qtbot, window, 2)

    assert status.counts is not None
    assert column(panel, 4)[0] == f"{status.counts.chinese:,}" == str(count_text(after).chinese)
    newest, oldest = panel.entries
    counted = panel.counts_of(newest)
    assert counted is not None
    assert (counted.change.chinese_added, counted.change.chinese_removed) == (3 + 12, 0)
    assert column(panel, 5)[0] in ("Body +15 −0 characters", "正文 +15 字 −0 字")
    assert panel.counts_of(oldest) is not None
