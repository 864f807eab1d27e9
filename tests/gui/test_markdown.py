"""The Markdown editor: formatting commands and their shortcuts, highlighting, find and replace,
images pasted or inserted from files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.archive import catalog
from editor.archive.database import Archive
from editor.gui.dialogs.common import Ask, FileChooser
from editor.gui.editortab import EditorTab
from editor.gui.findbar import FindBar
from editor.gui.highlighter import MarkdownHighlighter
from editor.gui.mainwindow import MainWindow
from editor.gui.markdownactions import (
    FormatActions,
    insert_image_reference,
    insert_table,
    table_template,
    toggle_prefix,
    toggle_wrap,
)
from editor.gui.markdownedit import MarkdownEdit, image_bytes, image_files
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]


def png_bytes() -> bytes:
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


@pytest.fixture
def tab(qtbot: QtBot, news_archive: Archive, make_window: MakeWindow) -> EditorTab:
    window = make_window(news_archive)
    tab = window.new_article()
    tab.editor.setFocus()
    return tab


def select(edit: QPlainTextEdit, start: int, end: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def press(qtbot: QtBot, tab: EditorTab, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window = tab.window()
    assert isinstance(window, MainWindow)
    window.activateWindow()
    tab.editor.setFocus()
    qtbot.keyClick(tab.editor, key, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_bold_and_italic_wrap_the_selection_and_unwrap_it_again(
    qtbot: QtBot, tab: EditorTab
) -> None:
    type_text(tab.editor, "金坛经开区")
    select(tab.editor, 0, 2)
    press(qtbot, tab, Qt.Key.Key_B, CTRL)
    assert tab.body() == "**金坛**经开区"
    assert tab.editor.textCursor().selectedText() == "金坛"
    press(qtbot, tab, Qt.Key.Key_B, CTRL)
    assert tab.body() == "金坛经开区"
    select(tab.editor, 2, 5)
    press(qtbot, tab, Qt.Key.Key_I, CTRL)
    assert tab.body() == "金坛*经开区*"
    tab.editor.undo()
    assert tab.body() == "金坛经开区"


def test_bold_without_a_selection_inserts_a_placeholder(qtbot: QtBot, tab: EditorTab) -> None:
    press(qtbot, tab, Qt.Key.Key_B, CTRL)
    selected = tab.editor.textCursor().selectedText()
    assert tab.body() == f"**{selected}**"
    type_text(tab.editor, "重点")
    assert tab.body() == "**重点**"


def test_heading_list_and_quote_toggle_line_prefixes(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "第一行\n第二行")
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_L, CTRL_SHIFT)
    assert tab.body() == "- 第一行\n- 第二行"
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_L, CTRL_SHIFT)
    assert tab.body() == "第一行\n第二行"
    select(tab.editor, 0, 0)
    press(qtbot, tab, Qt.Key.Key_H, CTRL_SHIFT)
    assert tab.body() == "## 第一行\n第二行"
    select(tab.editor, 7, 7)
    press(qtbot, tab, Qt.Key.Key_Q, CTRL_SHIFT)
    assert tab.body() == "## 第一行\n> 第二行"


def test_a_heading_replaces_another_level() -> None:
    edit = QPlainTextEdit("### 小标题")
    toggle_prefix(edit, "## ")
    assert edit.toPlainText() == "## 小标题"
    toggle_prefix(edit, "## ")
    assert edit.toPlainText() == "小标题"
    toggle_wrap(edit, "**", "x")
    assert edit.toPlainText().endswith("**x**")


def test_link_and_table(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "新华网")
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_K, CTRL)
    assert tab.body() == "[新华网](https://)"
    assert tab.editor.textCursor().selectedText() == "https://"
    type_text(tab.editor, "x.cn")
    assert tab.body() == "[新华网](x.cn)"
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    press(qtbot, tab, Qt.Key.Key_T, CTRL_SHIFT)
    lines = tab.body().split("\n")
    assert lines[0] == "[新华网](x.cn)"
    assert lines[1] == ""
    assert lines[2].startswith("| ")
    assert lines[3] == "| --- | --- |"


def test_the_highlighter_paints_markdown_structure(tab: EditorTab) -> None:
    tab.editor.setPlainText(
        "## 标题\n\n**粗体** 和 *斜体* 与 [链接](https://x.cn)\n\n```\ncode\n```\n> 引用"
    )
    highlighter = tab.highlighter
    assert isinstance(highlighter, MarkdownHighlighter)
    doc = tab.editor.document()

    def formats(block_number: int) -> list[tuple[int, int, int, bool, QColor]]:
        layout = doc.findBlockByNumber(block_number).layout()
        return [
            (
                f.start,
                f.length,
                f.format.fontWeight(),
                f.format.fontItalic(),
                f.format.foreground().color(),
            )
            for f in layout.formats()
        ]

    heading = formats(0)
    assert any(w == QFont.Weight.Bold for _, _, w, _, _ in heading)
    inline = formats(2)
    assert any(
        start == 2 and length == 2 and w == QFont.Weight.Bold for start, length, w, _, _ in inline
    )
    assert any(italic for *_, italic, _ in inline)
    assert doc.findBlockByNumber(5).userState() == 1  # inside the fence
    assert doc.findBlockByNumber(7).userState() == 0  # after it


def test_find_and_replace_is_a_bar_not_a_dialog(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "开发区一、开发区二、园区三")
    press(qtbot, tab, Qt.Key.Key_F, CTRL)
    bar = tab.find_bar
    assert bar.isVisible()
    assert not bar.replace_edit.isVisible()
    assert bar.find_edit.hasFocus()
    type_text(bar.find_edit, "开发区")
    qtbot.waitUntil(lambda: bar.count_label.text() != "", timeout=30_000)
    assert tab.editor.textCursor().selectedText() == "开发区"
    assert len(tab.editor.layer("find")) == 2
    assert "2" in bar.count_label.text()

    press(qtbot, tab, Qt.Key.Key_H, CTRL)
    assert bar.replace_edit.isVisible()
    type_text(bar.replace_edit, "经开区")
    bar.replace_all_button.click()
    assert tab.body() == "经开区一、经开区二、园区三"
    tab.editor.undo()
    assert tab.body() == "开发区一、开发区二、园区三"

    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert tab.editor.layer("find") == []


def test_replace_one_goes_match_by_match(qtbot: QtBot, tab: EditorTab) -> None:
    type_text(tab.editor, "a b a b a")
    tab.find_bar.show_replace()
    tab.find_bar.find_edit.setText("a")
    tab.find_bar.replace_edit.setText("x")
    tab.editor.moveCursor(QTextCursor.MoveOperation.Start)
    tab.find_bar.find_next()
    tab.find_bar.replace_one()
    assert tab.body() == "x b a b a"
    tab.find_bar.replace_one()
    assert tab.body() == "x b x b a"


def test_a_pasted_image_is_stored_in_the_archive_and_referenced(
    qtbot: QtBot, news_archive: Archive, tab: EditorTab
) -> None:
    type_text(tab.editor, "图片如下")
    mime = QMimeData()
    mime.setImageData(QImage.fromData(png_bytes()))
    tab.editor.insertFromMimeData(mime)
    body = tab.body()
    assert body.startswith("图片如下\n\n![")
    reference = body.split("](", 1)[1].split(")", 1)[0]
    assert reference.startswith("media/")
    assert reference.endswith(".png")
    sha = reference.removeprefix("media/").removesuffix(".png")
    assert catalog.asset_bytes(news_archive, sha) is not None


def test_image_files_dropped_or_chosen_are_stored_and_referenced(
    qtbot: QtBot,
    news_archive: Archive,
    tab: EditorTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    photo = tmp_path / "现场.png"
    photo.write_bytes(png_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    assert tab.editor.canInsertFromMimeData(mime)
    tab.editor.insertFromMimeData(mime)
    assert "![现场](media/" in tab.body()

    window = tab.window()
    assert isinstance(window, MainWindow)
    monkeypatch.setattr(FileChooser, "image_files", classmethod(lambda cls, parent: [str(photo)]))
    tab.editor.selectAll()
    tab.editor.textCursor().removeSelectedText()
    window.format_actions.image.trigger()
    assert tab.body().startswith("![现场](media/")


def test_a_file_that_is_not_an_image_is_refused_in_words(
    qtbot: QtBot, tab: EditorTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("not an image")
    errors: list[str] = []
    monkeypatch.setattr(Ask, "error", classmethod(lambda cls, p, title, text: errors.append(text)))
    monkeypatch.setattr(FileChooser, "image_files", classmethod(lambda cls, parent: [str(fake)]))
    window = tab.window()
    assert isinstance(window, MainWindow)
    window.format_actions.image.trigger()
    assert tab.body() == ""
    assert errors
    assert "notes.png" in errors[0]


def test_rich_text_is_pasted_as_plain_text(tab: EditorTab) -> None:
    mime = QMimeData()
    mime.setHtml("<b>金坛</b>")
    mime.setText("金坛")
    tab.editor.insertFromMimeData(mime)
    assert tab.body() == "金坛"


def test_format_shortcuts_leave_the_body_alone_while_a_form_field_has_the_focus(
    qtbot: QtBot, tab: EditorTab
) -> None:
    window = tab.window()
    assert isinstance(window, MainWindow)
    window.activateWindow()
    tab.editor.setPlainText("金坛经开区")
    tab.form.title_edit.setFocus()
    qtbot.waitUntil(lambda: tab.form.title_edit.hasFocus(), timeout=30_000)
    bold = window.format_actions.bold
    assert not bold.isEnabled()
    qtbot.keyClick(tab.form.title_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    bold.trigger()  # a click on the toolbar button does nothing either
    assert tab.body() == "金坛经开区"
    tab.editor.setFocus()
    qtbot.waitUntil(lambda: bold.isEnabled(), timeout=30_000)
    tab.editor.selectAll()
    qtbot.keyClick(tab.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert tab.body() == "**金坛经开区**"


# ---------------------------------------------------------------------------------------------
# The find bar on its own editor (no window): finding, wrapping, case, replacing


@pytest.fixture
def find_bar(qtbot: QtBot) -> Iterator[FindBar]:
    holder = QWidget()  # held here: qtbot keeps only a weak reference
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    edit = MarkdownEdit(holder)
    bar = FindBar(edit, holder)
    layout.addWidget(edit)
    layout.addWidget(bar)
    holder.show()
    qtbot.waitExposed(holder, timeout=30_000)
    yield bar
    holder.close()


def bar_editor(bar: FindBar) -> MarkdownEdit:
    return bar._editor


def test_find_next_and_previous_go_round_the_text(qtbot: QtBot, find_bar: FindBar) -> None:
    edit = bar_editor(find_bar)
    edit.setPlainText("园区一 园区二 园区三")
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    find_bar.show_find()
    find_bar.find_edit.setText("园区")
    starts = []
    for _ in range(4):
        assert find_bar.find_next()
        starts.append(edit.textCursor().selectionStart())
    assert starts == [4, 8, 0, 4]  # the first match was found as typed; the fourth wrapped
    assert find_bar.find_previous()
    assert edit.textCursor().selectionStart() == 0
    assert find_bar.find_previous()  # before the first: wraps round to the last
    assert edit.textCursor().selectionStart() == 8
    # Enter and Shift+Enter in the field do the same
    qtbot.keyClick(find_bar.find_edit, Qt.Key.Key_Return)
    assert edit.textCursor().selectionStart() == 0
    qtbot.keyClick(find_bar.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert edit.textCursor().selectionStart() == 8
    find_bar.next_button.click()
    assert edit.textCursor().selectionStart() == 0
    find_bar.previous_button.click()
    assert edit.textCursor().selectionStart() == 8


def test_no_match_leaves_the_text_and_the_cursor_alone(qtbot: QtBot, find_bar: FindBar) -> None:
    edit = bar_editor(find_bar)
    edit.setPlainText("金坛经开区")
    edit.select_range(0, 2)
    find_bar.show_find()
    assert find_bar.find_edit.text() == "金坛"  # the selection is what to find
    find_bar.find_edit.setText("苏州")
    assert not find_bar.find_next()
    assert not find_bar.find_previous()
    qtbot.waitUntil(lambda: find_bar.count_label.text() == "0 match(es)", timeout=30_000)
    assert edit.layer("find") == []
    edit.moveCursor(QTextCursor.MoveOperation.End)  # else the bar takes the selection again
    find_bar.show_replace()
    assert find_bar.find_edit.text() == "苏州"
    find_bar.replace_edit.setText("常州")
    assert find_bar.replace_all() == 0
    find_bar.replace_one()
    assert edit.toPlainText() == "金坛经开区"
    find_bar.find_edit.clear()  # nothing to find: nothing found, no count, nothing replaced
    assert not find_bar.find_next()
    qtbot.waitUntil(lambda: find_bar.count_label.text() == "", timeout=30_000)
    find_bar.replace_one()
    assert edit.toPlainText() == "金坛经开区"


def test_a_selection_of_several_lines_is_not_what_to_find(find_bar: FindBar) -> None:
    edit = bar_editor(find_bar)
    edit.setPlainText("第一行\n第二行")
    edit.selectAll()
    find_bar.show_find()
    assert find_bar.find_edit.text() == ""


def test_match_case_narrows_finding_and_replacing(qtbot: QtBot, find_bar: FindBar) -> None:
    edit = bar_editor(find_bar)
    edit.setPlainText("Park park PARK")
    find_bar.show_replace()
    find_bar.find_edit.setText("park")
    qtbot.waitUntil(lambda: find_bar.count_label.text() == "3 match(es)", timeout=30_000)
    find_bar.case_box.setChecked(True)
    qtbot.waitUntil(lambda: find_bar.count_label.text() == "1 match(es)", timeout=30_000)
    assert len(edit.layer("find")) == 1
    edit.select_range(0, 4)  # "Park": not a match while case counts
    find_bar.replace_edit.setText("zone")
    find_bar.replace_one()  # replaces nothing, goes to the match
    assert edit.toPlainText() == "Park park PARK"
    assert edit.textCursor().selectedText() == "park"
    # Enter in the replacement field replaces the selected match
    qtbot.keyClick(find_bar.replace_edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "Park zone PARK"
    find_bar.case_box.setChecked(False)
    find_bar.find_edit.setText("PARK")
    assert find_bar.replace_all() == 2
    assert edit.toPlainText() == "zone zone zone"
    assert find_bar.count_label.text() == "2 replaced"


def test_the_tint_follows_edits_while_the_bar_is_open(qtbot: QtBot, find_bar: FindBar) -> None:
    edit = bar_editor(find_bar)
    edit.setPlainText("园区")
    find_bar.show_find()
    find_bar.find_edit.setText("园区")
    qtbot.waitUntil(lambda: len(edit.layer("find")) == 1, timeout=30_000)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.insertPlainText(" 园区")
    qtbot.waitUntil(lambda: len(edit.layer("find")) == 2, timeout=30_000)
    with qtbot.waitSignal(find_bar.closed, timeout=30_000):
        find_bar.close_button.click()
    assert not find_bar.isVisible()
    assert edit.layer("find") == []
    edit.insertPlainText(" 园区")  # closed: nothing is tinted again
    find_bar.tint_matches()
    assert edit.layer("find") == []


# ---------------------------------------------------------------------------------------------
# Formatting commands at their edges


def test_bold_of_a_selection_that_holds_its_markers_unwraps_it(
    qtbot: QtBot, tab: EditorTab
) -> None:
    tab.editor.setPlainText("**金坛**经开区")
    select(tab.editor, 0, 6)
    press(qtbot, tab, Qt.Key.Key_B, CTRL)
    assert tab.body() == "金坛经开区"
    assert tab.editor.textCursor().selectedText() == "金坛"


def test_a_list_over_a_blank_line_leaves_the_blank_line_alone(qtbot: QtBot, tab: EditorTab) -> None:
    tab.editor.setPlainText("第一条\n\n第二条")
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_L, CTRL_SHIFT)
    assert tab.body() == "- 第一条\n\n- 第二条"
    tab.editor.selectAll()
    press(qtbot, tab, Qt.Key.Key_L, CTRL_SHIFT)
    assert tab.body() == "第一条\n\n第二条"


def test_a_heading_on_an_empty_line_starts_one(qtbot: QtBot, tab: EditorTab) -> None:
    press(qtbot, tab, Qt.Key.Key_H, CTRL_SHIFT)
    assert tab.body() == "## "
    type_text(tab.editor, "标题")
    assert tab.body() == "## 标题"


def test_a_link_without_a_selection_offers_its_text_and_url(qtbot: QtBot, tab: EditorTab) -> None:
    press(qtbot, tab, Qt.Key.Key_K, CTRL)
    assert tab.body() == "[link text](https://)"
    assert tab.editor.textCursor().selectedText() == "https://"


def test_a_table_and_an_image_go_into_a_plain_text_field_too(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    insert_table(edit, table_template("Item", "Details"))
    assert edit.toPlainText() == "| Item | Details |\n| --- | --- |\n|  |  |"
    edit.setPlainText("")
    insert_image_reference(edit, "media/ab.png", "图")
    assert edit.toPlainText() == "![图](media/ab.png)"


def test_format_actions_do_nothing_without_an_editor(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    current: list[QPlainTextEdit | None] = [None]
    actions = FormatActions(owner, lambda: current[0])
    actions.set_enabled(False)
    assert not any(a.isEnabled() for a in actions.all)
    actions.set_enabled(True)
    actions.bold.trigger()  # no editor: nothing to act on, and nothing fails
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    current[0] = edit
    actions.quote.trigger()
    assert edit.toPlainText() == "> "
    with qtbot.waitSignal(actions.imageRequested, timeout=30_000):
        actions.image.trigger()


def block_formats(edit: QPlainTextEdit, number: int) -> list[tuple[int, int, QTextCharFormat]]:
    ranges = edit.document().findBlockByNumber(number).layout().formats()
    return [
        (f.start, f.length, QTextCharFormat(f.format)) for f in ranges
    ]  # copies: the list owns its own


def highlighted(text: str) -> tuple[QPlainTextEdit, MarkdownHighlighter]:
    """An editor (the caller holds it) showing ``text`` and its highlighter; an editor's
    document, because a bare document keeps no formats."""
    edit = QPlainTextEdit()
    highlighter = MarkdownHighlighter(edit.document())
    edit.setPlainText(text)
    return edit, highlighter


def test_the_highlighter_paints_images_autolinks_code_tables_and_rules(qtbot: QtBot) -> None:
    doc, highlighter = highlighted(
        "![图](media/a.png)\n<https://x.cn>\n用 `code` 写\n| 甲 | 乙 |\n---\n- 项"
    )
    image = block_formats(doc, 0)
    assert [(s, n) for s, n, f in image if f == highlighter.url] == [(0, 2), (3, 14)]
    assert any((s, n) == (2, 1) and f == highlighter.link for s, n, f in image)  # the alt text
    assert any((s, n) == (0, 14) and f == highlighter.link for s, n, f in block_formats(doc, 1))
    assert any((s, n) == (2, 6) and f == highlighter.code for s, n, f in block_formats(doc, 2))
    pipes = [s for s, n, f in block_formats(doc, 3) if f == highlighter.markup]
    assert pipes == [0, 4, 8]
    assert [(s, n) for s, n, f in block_formats(doc, 4) if f == highlighter.markup] == [(0, 3)]
    assert any((s, f) == (0, highlighter.markup) for s, _, f in block_formats(doc, 5))


def test_a_blank_line_inside_a_code_fence_keeps_the_fence_open(qtbot: QtBot) -> None:
    edit, highlighter = highlighted("```\n\n**不是粗体**\n```\n**粗体**")
    doc = edit.document()
    assert [doc.findBlockByNumber(n).userState() for n in range(5)] == [1, 1, 1, 0, 0]
    assert all(f == highlighter.code for _, _, f in block_formats(edit, 2))
    assert any(f == highlighter.strong for _, _, f in block_formats(edit, 4))


def test_the_highlighter_counts_characters_beyond_the_bmp_as_qt_does(qtbot: QtBot) -> None:
    doc, highlighter = highlighted("𠀀 **粗体** 😀")  # 𠀀, 😀: two UTF-16 units each
    strong = [(s, n) for s, n, f in block_formats(doc, 0) if f == highlighter.strong]
    assert strong == [(5, 2)]  # 粗体 after 𠀀 (2), a space and ** (3)
    markers = [(s, n) for s, n, f in block_formats(doc, 0) if f == highlighter.markup]
    assert markers == [(3, 2), (7, 2)]


def test_only_local_image_files_are_dropped_as_images(qtbot: QtBot, tmp_path: Path) -> None:
    png, text = tmp_path / "a.png", tmp_path / "b.txt"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    assert image_files(mime) == [str(png)]
    mime.setUrls([QUrl.fromLocalFile(str(png)), QUrl("https://x.cn/c.png")])
    assert image_files(mime) == []  # a remote one among them: not an image drop
    mime.setUrls([QUrl.fromLocalFile(str(png)), QUrl.fromLocalFile(str(text))])
    assert image_files(mime) == []  # a file that is not an image among them
    assert image_files(QMimeData()) == []


def test_a_drop_of_neither_text_nor_image_changes_nothing(qtbot: QtBot) -> None:
    edit = MarkdownEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("金坛")
    dropped: list[object] = []
    edit.imagePasted.connect(lambda *args: dropped.append(args))
    edit.imageFilesDropped.connect(dropped.append)
    mime = QMimeData()
    mime.setData("application/x-zonedesk-other", QByteArray(b"data"))
    edit.insertFromMimeData(mime)
    assert edit.toPlainText() == "金坛"
    assert dropped == []


def test_a_copied_bitmap_is_taken_in_its_own_encoding_else_as_png(qtbot: QtBot) -> None:
    mime = QMimeData()
    mime.setData("image/jpeg", QByteArray(b"\xff\xd8jpeg"))
    assert image_bytes(mime) == (b"\xff\xd8jpeg", "clipboard.jpg")
    empty = QMimeData()
    empty.setData("image/png", QByteArray())
    assert image_bytes(empty) is None  # an empty offer and no image: nothing to paste
    bitmap = QMimeData()
    bitmap.setImageData(QImage())
    assert image_bytes(bitmap) is None  # a null image
    bitmap.setImageData(QImage.fromData(png_bytes()))
    found = image_bytes(bitmap)
    assert found is not None
    assert found[1] == "clipboard.png"
    assert found[0].startswith(b"\x89PNG")


def test_a_block_inserted_mid_line_gets_a_paragraph_of_its_own(qtbot: QtBot) -> None:
    edit = MarkdownEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("前文后文")
    edit.select_range(2, 2)
    edit.insert_block_text("![](media/a.png)")
    assert edit.toPlainText() == "前文\n\n![](media/a.png)\n\n后文"
    edit.setPlainText("第一段\n")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.insert_block_text("| a |")
    assert edit.toPlainText() == "第一段\n\n| a |\n"


def test_the_context_menu_says_where_it_was_opened(qtbot: QtBot) -> None:
    edit = MarkdownEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("金坛")
    edit.show()
    qtbot.waitExposed(edit, timeout=30_000)
    with qtbot.waitSignal(edit.contextMenuAboutToShow, timeout=30_000) as got:
        menu = edit.context_menu(edit.cursorRect(edit.textCursor()).center())
    assert got.args[0] is menu
    assert got.args[1] == 0
    assert menu.actions()
    menu.deleteLater()
