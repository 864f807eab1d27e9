"""Writing articles in the real main window: the form, the body, saving, tabs, conflicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.compare import ArticleMerge
from editor.archive.database import Archive, open_archive
from editor.domain.model import DEFAULT_TZ, ArticleRecord, ArticleStatus, SortKey
from editor.gui.dialogs.common import Ask, Choice
from editor.gui.dialogs.confirm import Confirm
from editor.gui.dialogs.conflict import ConflictChoice, ConflictDialog
from editor.gui.editortab import EditorTab, SaveState
from editor.gui.editortabs import DIRTY_MARK
from editor.gui.mainwindow import MainWindow
from editor.gui.qtutil import to_qdatetime
from tests.gui.conftest import news, type_text, wait_for_preview

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
BODY = "## 金坛经开区签约\n\n10月9日下午，**金坛**经开区签约项目十二个。Suzhou Industrial Park"


def tab_text(window: MainWindow, tab: EditorTab) -> str:
    return window.tabs.tabText(window.tabs.indexOf(tab))


def type_into_combo(qtbot: QtBot, combo: object, text: str) -> None:
    from PySide6.QtWidgets import QComboBox  # noqa: PLC0415 - only for the type check

    assert isinstance(combo, QComboBox)
    line = combo.lineEdit()
    assert line is not None
    line.selectAll()
    type_text(line, text)


def choose_zone(tab: EditorTab, name: str) -> None:
    """Pick a zone from the combo's list, as a click in its popup does."""
    combo = tab.form.zone_combo
    index = combo.findText(name)
    assert index >= 0, name
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def saved_records(archive: Archive, title: str) -> list[ArticleRecord]:
    service = ArticleService(archive)
    return [r for r in service.list_articles(limit=1000).items if r.title == title]


# ------------------------------------------------------------------------------ the story


def test_write_save_close_find_reopen_and_preview_an_article(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    window.new_action.trigger()
    tab = window.tabs.current()
    assert tab is not None
    form = tab.form

    type_text(form.title_edit, "金坛经开区新签约项目十二个")
    assert form.category_picker.choose(("开发区新闻", "常州", "文字新闻"))
    choose_zone(tab, "江苏金坛经济开发区")
    type_into_combo(qtbot, form.source_combo, "新华日报")
    form.time_edit.setDateTime(to_qdatetime(dt.datetime(2021, 3, 4, 8, 15, tzinfo=DEFAULT_TZ)))
    assert form.time_edit.text() == "2021-03-04 08:15"  # shown in Beijing time
    type_text(form.author_edit, "王记者")
    form.status_combo.setCurrentIndex(form.status_combo.findData("published"))
    form.status_combo.activated.emit(form.status_combo.currentIndex())
    type_text(form.tags_edit, "签约、项目")
    type_text(form.summary_edit, "十二个项目签约。")
    type_text(form.slug_edit, "jintan-signing")
    tab.editor.setFocus()
    type_text(tab.editor, BODY)

    assert tab.dirty
    assert tab_text(window, tab).endswith(DIRTY_MARK)
    assert window.editor_status.state_label.text() in ("Unsaved", "未保存")

    qtbot.keyClick(tab.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not tab.dirty, timeout=30_000)
    assert not tab_text(window, tab).endswith(DIRTY_MARK)
    assert tab.save_state is SaveState.SAVED
    assert form.problems() == {}

    [record] = saved_records(news_archive, "金坛经开区新签约项目十二个")
    assert record.category == ("开发区新闻", "常州", "文字新闻")
    assert record.zone == "江苏金坛经济开发区"
    assert record.source == "新华日报"
    assert record.published_at == dt.datetime(2021, 3, 4, 8, 15, tzinfo=DEFAULT_TZ)
    assert record.author == "王记者"
    assert record.status is ArticleStatus.PUBLISHED
    assert record.tags == ("签约", "项目")
    assert record.summary == "十二个项目签约。"
    assert record.slug == "jintan-signing"
    assert record.body == BODY
    assert len(ArticleService(news_archive).revisions(record.id)) == 1

    window.close_tab_action.trigger()  # saved: closes without asking
    assert window.tabs.count() == 0
    assert window.middle.currentWidget() is window.welcome

    type_text(window.browser.search_edit, "签约")
    model = window.browser.model
    qtbot.waitUntil(lambda: model.query.text == "签约" and not model.loading, timeout=30_000)
    qtbot.waitUntil(lambda: model.row_of(record.id) is not None, timeout=30_000)
    row = model.row_of(record.id)
    assert row is not None
    window.browser.table.activated.emit(model.index(row, 0))
    reopened = window.tabs.current()
    assert reopened is not None
    assert reopened.article_id == record.id
    assert reopened.form.title_edit.text() == "金坛经开区新签约项目十二个"
    assert reopened.form.source_combo.currentText() == "新华日报"
    assert reopened.body() == BODY
    assert not reopened.dirty

    html = wait_for_preview(qtbot, window, "签约项目十二个")
    assert "<strong>金坛</strong>" in html
    assert "金坛经开区新签约项目十二个" in html  # the page title and its heading
    assert "开发区新闻" in html
    assert "常州" in html
    assert "来源:新华日报" in html
    assert "江苏金坛经济开发区" in html


def test_a_new_article_starts_now_with_the_last_source_zone_and_category(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    first = window.new_article()
    type_text(first.form.title_edit, "第一篇")
    choose_zone(first, "苏州工业园区")
    type_into_combo(qtbot, first.form.source_combo, "苏州日报")
    assert first.form.category_picker.path()[1] == "苏州"
    assert window.save_current()

    before = dt.datetime.now(DEFAULT_TZ) - dt.timedelta(minutes=1)
    second = window.new_article()
    assert second.form.source_combo.currentText() == "苏州日报"
    assert second.form.zone_combo.currentText() == "苏州工业园区"
    assert second.form.category_picker.path()[:2] == ("开发区新闻", "苏州")
    published = second.article_input().published_at
    assert published is not None
    assert before <= published <= dt.datetime.now(DEFAULT_TZ)
    assert not second.dirty  # nothing typed yet


def test_choosing_a_zone_files_the_article_under_its_city(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.open_article(saved_records(news_archive, "金坛召开第三次督查会")[0].id)
    assert tab.form.category_picker.path() == ("开发区新闻", "常州", "文字新闻")
    choose_zone(tab, "苏州工业园区")
    assert tab.form.category_picker.path() == ("开发区新闻", "苏州", "文字新闻")
    assert tab.dirty
    # the zone combo finds zones by any part of their name
    completer = tab.form.zone_combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("工业园")
    found = {
        completer.completionModel().index(i, 0).data()
        for i in range(completer.completionModel().rowCount())
    }
    assert "苏州工业园区" in found


def test_problems_show_beside_their_fields_not_in_a_box(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, use_language: object
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    tab.form.category_picker.set_path(())
    assert not window.save_current()
    problems = tab.form.problems()
    assert set(problems) >= {"title", "category"}
    assert tab.form.problem_labels["title"].isVisible()
    assert tab.save_state is SaveState.UNSAVED
    assert window.tabs.count() == 1

    type_text(tab.form.title_edit, "标题")
    assert tab.form.category_picker.choose(("开发区新闻", "常州", "文字新闻"))
    assert window.save_current()
    assert tab.form.problems() == {}
    assert not tab.form.problem_labels["title"].isVisible()


def test_a_slug_used_by_another_article_is_flagged_beside_the_field(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    taken = saved_records(news_archive, "园区新签约项目十二个")[0].slug
    window = make_window(news_archive)
    tab = window.new_article()
    type_text(tab.form.slug_edit, taken)
    qtbot.waitUntil(lambda: "slug" in tab.form.problems(), timeout=30_000)
    assert taken in tab.form.problems()["slug"]
    type_text(tab.form.slug_edit, "-new")
    qtbot.waitUntil(lambda: "slug" not in tab.form.problems(), timeout=30_000)


# ------------------------------------------------------------------------------ tabs


def test_several_articles_open_in_tabs_and_reopening_focuses_the_tab(
    news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    ids = [r.id for r in ArticleService(news_archive).list_articles().items]
    tabs = [window.open_article(i) for i in ids]
    assert window.tabs.count() == 3
    assert window.open_article(ids[0]) is tabs[0]
    assert window.tabs.count() == 3
    assert window.tabs.current() is tabs[0]


def test_an_unsaved_tab_is_marked_and_asks_before_closing(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(news_archive)
    tab = window.open_article(saved_records(news_archive, "金坛召开第三次督查会")[0].id)
    type_text(tab.editor, "补充")
    assert tab_text(window, tab).endswith(DIRTY_MARK)

    answers = [Choice.CANCEL, Choice.SAVE]
    asked: list[str] = []

    def answer(cls: type, parent: object, title: str) -> Choice:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(Ask, "unsaved_changes", classmethod(answer))
    window.close_tab_action.trigger()
    assert asked == ["金坛召开第三次督查会"]
    assert window.tabs.count() == 1  # cancelled

    window.close_tab_action.trigger()
    assert window.tabs.count() == 0  # saved, then closed
    assert "补充" in saved_records(news_archive, "金坛召开第三次督查会")[0].body

    tab = window.open_article(saved_records(news_archive, "园区新签约项目十二个")[0].id)
    type_text(tab.editor, "丢弃")
    monkeypatch.setattr(Ask, "unsaved_changes", classmethod(lambda cls, p, t: Choice.DISCARD))
    window.close_tab_action.trigger()
    assert window.tabs.count() == 0
    assert "丢弃" not in saved_records(news_archive, "园区新签约项目十二个")[0].body


def test_undoing_every_edit_makes_the_tab_clean_again(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.open_article(saved_records(news_archive, "金坛召开第三次督查会")[0].id)
    type_text(tab.editor, "ab")
    assert tab.dirty
    tab.editor.undo()
    assert not tab.dirty
    assert not tab_text(window, tab).endswith(DIRTY_MARK)


def test_quitting_with_unsaved_work_asks_first(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(news_archive)
    tab = window.open_article(saved_records(news_archive, "金坛召开第三次督查会")[0].id)
    type_text(tab.editor, "未完")
    asked: list[list[str]] = []

    def cancel(cls: type, parent: object, titles: list[str]) -> Choice:
        asked.append(titles)
        return Choice.CANCEL

    monkeypatch.setattr(Ask, "unsaved_on_quit", classmethod(cancel))
    window.quit_action.trigger()
    assert window.isVisible()
    assert asked == [["金坛召开第三次督查会"]]

    monkeypatch.setattr(Ask, "unsaved_on_quit", classmethod(lambda cls, p, t: Choice.SAVE))
    window.quit_action.trigger()
    assert not window.isVisible()
    assert "未完" in saved_records(news_archive, "金坛召开第三次督查会")[0].body


def test_tabs_splitters_and_geometry_come_back_next_time(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    first = make_window(news_archive)
    ids = [r.id for r in ArticleService(news_archive).list_articles().items]
    first.open_article(ids[0])
    first.open_article(ids[2])
    first.new_article()  # never saved: not reopened
    first.tabs.setCurrentIndex(1)
    first.resize(790, 560)
    qtbot.waitUntil(lambda: (first.width(), first.height()) == (790, 560), timeout=30_000)
    first.splitter.setSizes([300, 250, 230])
    sizes = first.splitter.sizes()
    first.close()

    second = make_window(news_archive)
    assert [t.article_id for t in second.tabs.tabs()] == [ids[0], ids[2]]
    assert second.tabs.currentIndex() == 1
    assert second.splitter.sizes() == sizes
    assert (second.width(), second.height()) == (790, 560)


# ------------------------------------------------------------------------------ conflicts


def conflicting_edit(archive: Archive, title: str) -> ArticleRecord:
    """Another editor saves the article meanwhile."""
    other = ArticleService(archive, user="colleague")
    record = saved_records(archive, title)[0]
    data = record.to_input()
    changed = type(data)(**{**{f: getattr(data, f) for f in data.__slots__}, "body": "他们的版本"})
    return other.update(record.id, changed, expected_version=record.version)


@pytest.mark.parametrize("choice", list(ConflictChoice))
def test_a_save_that_meets_a_newer_version_lets_the_writer_choose(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
    choice: ConflictChoice,
) -> None:
    window = make_window(news_archive)
    tab = window.open_article(saved_records(news_archive, "金坛召开第三次督查会")[0].id)
    tab.editor.selectAll()
    type_text(tab.editor, "我的版本")
    theirs = conflicting_edit(news_archive, "金坛召开第三次督查会")
    shown: list[tuple[str, str]] = []
    merges: list[ArticleMerge | None] = []

    def choose(
        cls: type,
        parent: object,
        mine: object,
        current: ArticleRecord,
        merge: ArticleMerge | None = None,
    ) -> ConflictChoice:
        shown.append((getattr(mine, "body", ""), current.body))
        merges.append(merge)
        return choice

    monkeypatch.setattr(ConflictDialog, "choose", classmethod(choose))
    saved = window.save_current()

    assert shown == [("我的版本", "他们的版本")]
    # the dialog is offered the merge against the version the tab was read at: both sides
    # rewrote the one line, so it is a conflicting passage
    (merge,) = merges
    assert merge is not None
    assert merge.conflicts == 1
    stored = saved_records(news_archive, "金坛召开第三次督查会")[0]
    revisions = ArticleService(news_archive).revisions(stored.id)
    if choice is ConflictChoice.KEEP_MINE:
        assert saved
        assert stored.body == "我的版本"
        assert [r.body for r in revisions[-2:]] == ["他们的版本", "我的版本"]
        assert tab.version == stored.version
        assert not tab.dirty
    elif choice is ConflictChoice.TAKE_THEIRS:
        assert saved
        assert stored.body == "他们的版本"
        assert tab.body() == "他们的版本"
        assert tab.version == theirs.version
        assert not tab.dirty
    elif choice is ConflictChoice.MERGE:
        assert not saved  # nothing is saved: the writer resolves the passage first
        assert stored.body == "他们的版本"
        assert tab.body() == (
            "<<<<<<< my changes\n我的版本\n=======\n他们的版本\n>>>>>>> their changes"
        )
        assert tab.version == theirs.version  # a save now expects theirs: no conflict
        assert tab.dirty
        assert tab.save_state is SaveState.UNSAVED
        assert tab.editor.textCursor().blockNumber() == 0  # at the conflicting passage
        note = window.banners(tab)[1].message()
        assert "1 passage" in note  # "1 passage(s)", or its plural form when translated
        assert "<<<<<<<" in note
        # saving with the markers asks first; "no" saves nothing
        asked: list[int] = []
        answer = [False]

        def confirm(cls: type, parent: object, count: int) -> bool:
            asked.append(count)
            return answer[0]

        monkeypatch.setattr(Confirm, "save_with_conflict_markers", classmethod(confirm))
        assert not window.save_current()
        assert asked == [1]
        assert tab.dirty
        # resolved by hand: saved at once, no conflict dialog again, nothing asked
        tab.editor.selectAll()
        type_text(tab.editor, "我的版本，他们的版本")
        assert window.save_current()
        assert asked == [1]
        assert len(shown) == 1
        stored = saved_records(news_archive, "金坛召开第三次督查会")[0]
        assert stored.body == "我的版本，他们的版本"
        assert stored.version == theirs.version + 1
        assert not tab.dirty
        assert window.banners(tab)[1].message() == ""
    else:
        assert not saved
        assert stored.body == "他们的版本"
        assert tab.body() == "我的版本"
        assert tab.dirty
        assert tab.save_state is SaveState.UNSAVED


MERGE_BASE = (
    "10月9日下午，金坛经开区召开第三次督查会。\n\n会议听取了重点项目推进情况汇报。"
    "\n\n会议强调，要确保各项任务按时完成。"
)


def test_a_clean_merge_takes_both_sides_changes_and_saves_without_a_conflict(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tester = ArticleService(news_archive, user="tester")
    record = saved_records(news_archive, "金坛召开第三次督查会")[0]
    base = tester.update(
        record.id, news("金坛召开第三次督查会", body=MERGE_BASE), expected_version=record.version
    )
    window = make_window(news_archive)
    tab = window.open_article(base.id)
    # I change the title and the first paragraph …
    tab.form.title_edit.selectAll()
    type_text(tab.form.title_edit, "金坛经开区召开第三次督查会")
    cursor = tab.editor.textCursor()
    cursor.setPosition(len("10月9日下午，"))
    tab.editor.setTextCursor(cursor)
    type_text(tab.editor, "区领导出席，")
    # … a colleague changes the zone and the last paragraph meanwhile
    theirs = ArticleService(news_archive, user="colleague").update(
        base.id,
        news(
            "金坛召开第三次督查会",
            zone="苏州工业园区",
            body=MERGE_BASE.replace("按时完成", "按时保质完成"),
        ),
        expected_version=base.version,
    )
    offered: list[ArticleMerge | None] = []

    def choose(
        cls: type, parent: object, mine: object, current: object, merge: ArticleMerge | None = None
    ) -> ConflictChoice:
        offered.append(merge)
        return ConflictChoice.MERGE

    monkeypatch.setattr(ConflictDialog, "choose", classmethod(choose))
    assert not window.save_current()

    merged_body = (
        "10月9日下午，区领导出席，金坛经开区召开第三次督查会。\n\n会议听取了重点项目推进情况汇报。"
        "\n\n会议强调，要确保各项任务按时保质完成。"
    )
    (merge,) = offered
    assert merge is not None
    assert (merge.conflicts, merge.field_conflicts) == (0, [])
    assert tab.body() == merged_body
    assert tab.title() == "金坛经开区召开第三次督查会"  # mine
    assert tab.form.zone_combo.currentText() == "苏州工业园区"  # theirs
    assert (tab.version, tab.dirty) == (theirs.version, True)
    assert "check the result, then save" in window.banners(tab)[1].message()
    # one undo step takes the merge back out of the body
    tab.editor.undo()
    assert "按时保质完成" not in tab.body()
    tab.editor.redo()
    assert tab.body() == merged_body

    window.save_action.trigger()  # Ctrl+S: no conflict any more, no question
    assert len(offered) == 1
    stored = ArticleService(news_archive).get(base.id)
    assert (stored.title, stored.zone, stored.body) == (
        "金坛经开区召开第三次督查会",
        "苏州工业园区",
        merged_body,
    )
    assert stored.version == theirs.version + 1
    assert not tab.dirty


def test_a_field_both_changed_keeps_mine_and_the_dialog_shows_theirs(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = saved_records(news_archive, "金坛召开第三次督查会")[0]
    window = make_window(news_archive)
    tab = window.open_article(record.id)
    tab.form.title_edit.selectAll()
    type_text(tab.form.title_edit, "我的标题")
    ArticleService(news_archive, user="colleague").update(
        record.id, news("他们的标题"), expected_version=record.version
    )
    dialogs: list[ConflictDialog] = []

    def choose(
        cls: type, parent: object, mine: object, current: object, merge: ArticleMerge | None = None
    ) -> ConflictChoice:
        dialog = ConflictDialog(mine, current, None, merge)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        dialog.merge_button.click()
        return dialog.choice

    monkeypatch.setattr(ConflictDialog, "choose", classmethod(choose))
    assert not window.save_current()

    (dialog,) = dialogs
    assert dialog.merge_button.isEnabled()
    assert dialog.choice is ConflictChoice.MERGE
    table = dialog.field_table
    assert not table.isHidden()
    cells = [table.item(0, c).text() for c in range(3)]  # type: ignore[union-attr]
    assert cells[1:] == ["我的标题", "他们的标题"]
    assert "Both changed the fields below differently" in dialog.merge_text.text()
    assert tab.title() == "我的标题"  # mine kept
    assert tab.dirty
    note = window.banners(tab)[1].message()
    assert "“他们的标题”" in note  # theirs still to be read after the dialog closed


def test_the_conflict_dialog_shows_both_versions_side_by_side(
    qtbot: QtBot, news_archive: Archive
) -> None:
    theirs = conflicting_edit(news_archive, "金坛召开第三次督查会")
    mine = news("金坛召开第三次督查会", body="我的版本")
    dialog = ConflictDialog(mine, theirs)
    qtbot.addWidget(dialog)
    assert "我的版本" in dialog.mine_view.toPlainText()
    assert "他们的版本" in dialog.theirs_view.toPlainText()
    assert dialog.differences[0]  # the differing lines are tinted on both sides
    assert dialog.differences[1]
    assert len(dialog.mine_view.extraSelections()) == len(dialog.differences[0])
    assert dialog.mine_view.isReadOnly()
    assert dialog.theirs_view.isReadOnly()
    # no merge given (the version started from is gone): merging is offered but not possible
    assert not dialog.merge_button.isEnabled()
    assert "not possible" in dialog.merge_text.text()
    assert dialog.field_table.isHidden()
    dialog.show()
    dialog.take_button.click()
    assert dialog.choice is ConflictChoice.TAKE_THEIRS


# ------------------------------------------------------------------------------ typing


def test_chinese_input_method_commits_reach_the_editor(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    tab.editor.setFocus()
    preedit = QInputMethodEvent("jintan", [])
    QApplication.sendEvent(tab.editor, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("金坛")
    QApplication.sendEvent(tab.editor, commit)
    assert tab.body() == "金坛"
    assert tab.dirty


def test_counts_and_save_state_show_in_the_status_bar(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, use_language: object
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    type_text(tab.editor, "金坛经开区 signed twelve projects")
    status = window.editor_status
    qtbot.waitUntil(
        lambda: status.counts is not None and status.counts.chinese == 5, timeout=30_000
    )
    assert status.counts is not None
    assert status.counts.english == 3
    assert "5" in status.counts_label.text()
    assert "3" in status.counts_label.text()
    assert status.state_label.text() in ("Unsaved", "未保存")


def test_typing_does_not_count_or_render_on_every_key(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    settled: list[int] = []
    tab.settled.connect(lambda: settled.append(1))
    type_text(tab.editor, "区委书记狄志强要求全区上下")
    assert settled == []  # no event loop ran between the keys: the pause never passed
    qtbot.waitUntil(lambda: settled == [1], timeout=30_000)


def test_sort_key_of_every_column_exists() -> None:
    from editor.gui.articletable import ArticleTableModel  # noqa: PLC0415 - tiny check

    assert ArticleTableModel.COLUMNS[3] is SortKey.PUBLISHED


def test_another_archive_opens_in_a_window_of_its_own(
    news_archive: Archive,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
) -> None:
    from editor.gui.dialogs.common import Desktop, FileChooser  # noqa: PLC0415

    window = make_window(news_archive)
    started: list[str] = []
    monkeypatch.setattr(
        FileChooser, "archive_file", classmethod(lambda cls, p: "/tmp/other.sqlite3")
    )
    monkeypatch.setattr(
        Desktop, "open_archive", classmethod(lambda cls, where: started.append(where))
    )
    window.open_archive_action.trigger()
    assert started == ["/tmp/other.sqlite3"]


def test_an_empty_archive_opens_with_the_welcome_panel(
    qtbot: QtBot, tmp_path: object, make_window: MakeWindow, use_language: object
) -> None:
    with open_archive(f"sqlite:///{tmp_path}/empty.sqlite3") as archive:
        window = make_window(archive)
        assert window.middle.currentWidget() is window.welcome
        qtbot.waitUntil(lambda: window.welcome.heading.text() != "", timeout=30_000)
        assert window.welcome.new_button.isVisible()
        assert window.welcome.import_button.isVisible()
        assert window.welcome.open_button.isVisible()
        window.welcome.new_button.click()
        assert window.tabs.count() == 1
        assert window.middle.currentWidget() is window.tabs
        window.close()
