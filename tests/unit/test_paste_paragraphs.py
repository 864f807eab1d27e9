"""Pasted text keeps its paragraphs, and the list and quote line rules Enter and Tab follow."""

from __future__ import annotations

import re
import time

import pytest

from editor.render import render_markdown
from editor.text.markdownlines import LineEdit, enter_edit, fence_open_at_end, indent_edit
from editor.text.paste import paste_paragraphs

WECHAT = "本报讯 记者从区委获悉。\n会议强调，要抓好落实。\n（完）"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def apply(line: str, edit: LineEdit | None) -> str:
    assert edit is not None
    return line[: edit.start] + edit.text + line[edit.end :]


# -- paste ----------------------------------------------------------------------------------------


def test_single_line_breaks_between_paragraphs_become_paragraph_breaks() -> None:
    pasted = paste_paragraphs(WECHAT)
    assert pasted == "本报讯 记者从区委获悉。\n\n会议强调，要抓好落实。\n\n（完）"
    assert render_markdown(pasted).count("<p>") == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list pasted after a lead-in: the list gets the blank line it needs, stays tight
        ("导语：\n- 一\n- 二\n结尾。", "导语：\n\n- 一\n- 二\n\n结尾。"),
        ("1. 第一条\n2. 第二条", "1. 第一条\n2. 第二条"),
        ("- 项目\n  续行\n- 下一项", "- 项目\n  续行\n- 下一项"),
        # table rows stay rows; the table is set off from the paragraph before it
        (
            "见下表：\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |",
            "见下表：\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |",
        ),
        # a quote stays one quote
        ("> 引文一\n> 引文二\n正文。", "> 引文一\n> 引文二\n\n正文。"),
        # code keeps its lines; the fence is set off from the text around it
        ("前文\n```\n甲\n乙\n```\n后文", "前文\n\n```\n甲\n乙\n```\n\n后文"),
        # a line indented four spaces would turn into code after a blank line: left joined
        ("正文\n    缩进", "正文\n    缩进"),
        # a heading and its paragraph
        ("## 标题\n正文", "## 标题\n\n正文"),
        # Windows line ends: the added break is of the same kind
        ("第一段\r\n第二段\r\n", "第一段\r\n\r\n第二段\r\n"),
        # leading and trailing breaks are not between two lines of text
        ("\n第一段\n第二段\n", "\n第一段\n\n第二段\n"),
        # paragraphs indented by full-width spaces (Word) are paragraphs
        ("\u3000\u3000第一段\n\u3000\u3000第二段", "\u3000\u3000第一段\n\n\u3000\u3000第二段"),
    ],
)
def test_markdown_structure_keeps_its_line_breaks(text: str, expected: str) -> None:
    assert paste_paragraphs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "一行，没有换行",
        "第一段\n\n第二段\n第二段的第二行",  # blank-line paragraphs: its single breaks are soft
        "Markdown text wrapped\nby hand.\n\nSecond paragraph.",
        "第一段\n \t\n第二段\n第三段",  # a line of spaces is a blank line too
    ],
)
def test_text_with_blank_line_paragraphs_is_pasted_as_it_is(text: str) -> None:
    assert paste_paragraphs(text) == text


def test_a_paste_into_a_fenced_code_block_keeps_its_lines() -> None:
    assert paste_paragraphs("甲\n乙", before="前文\n\n```python\nx = 1\n") == "甲\n乙"
    assert paste_paragraphs("甲\n乙", before="```\ncode\n```\n\n") == "甲\n\n乙"


def test_the_first_pasted_line_continues_the_line_of_the_cursor() -> None:
    assert paste_paragraphs("一\n- 二", before="- ") == "一\n- 二"  # pasted into a list item
    assert paste_paragraphs("一\n二", before="正文") == "一\n\n二"


@pytest.mark.parametrize(
    "text",
    [WECHAT, "导语：\n- 一\n- 二\n结尾。", "前文\n```\n甲\n乙\n```\n后文", "a\r\nb\rc\nd"],
)
def test_a_paste_never_changes_a_character(text: str) -> None:
    pasted = paste_paragraphs(text)
    assert squeezed(pasted) == squeezed(text)
    assert pasted.replace("\r", "").replace("\n", "") == text.replace("\r", "").replace("\n", "")
    assert len(pasted) >= len(text)


def test_a_5_mb_paste_takes_linear_time() -> None:
    paragraph = "本报讯 记者从区委获悉，会议强调要抓好落实。" * 10
    text = (paragraph + "\n") * 25_000 + "- a\n" * 250_000 + "a\n" * 500_000
    assert len(text.encode("utf-8")) > 5_000_000
    start = time.thread_time()
    pasted = paste_paragraphs(text)
    assert time.thread_time() - start < 10.0  # CPU time: other processes' load does not count
    assert pasted.count("\n\n") >= 25_000 + 500_000 - 1


# -- lists and quotes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- 第一项", "- 第一项\n- "),
        ("* 第一项", "* 第一项\n* "),
        ("+ 第一项", "+ 第一项\n+ "),
        ("1. 第一条", "1. 第一条\n2. "),
        ("9) 第九条", "9) 第九条\n10) "),
        ("    - 嵌套", "    - 嵌套\n    - "),
        ("> 引文", "> 引文\n> "),
        ("> > 二层", "> > 二层\n> > "),
        ("> - 引文里的列表", "> - 引文里的列表\n> - "),
    ],
)
def test_enter_at_the_end_of_an_item_continues_the_list(line: str, expected: str) -> None:
    assert apply(line, enter_edit(line, len(line))) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("- ", ""), ("3. ", ""), ("    - ", ""), ("> ", ""), ("> > ", "> "), ("> - ", "> ")],
)
def test_enter_on_an_empty_item_ends_the_list(line: str, expected: str) -> None:
    assert apply(line, enter_edit(line, len(line))) == expected


def test_enter_inside_an_item_splits_it_and_before_the_marker_is_a_plain_break() -> None:
    assert apply("- 甲乙", enter_edit("- 甲乙", 3)) == "- 甲\n- 乙"
    assert enter_edit("- 甲乙", 0) is None


@pytest.mark.parametrize("line", ["正文", "", "-无空格", "**粗体**", "1.5 亿元", "标题", "---"])
def test_enter_elsewhere_is_left_to_the_editor(line: str) -> None:
    assert enter_edit(line, len(line)) is None


def test_tab_and_shift_tab_move_an_item_one_list_level() -> None:
    assert apply("- 项", indent_edit("- 项", outdent=False)) == "    - 项"
    assert apply("    - 项", indent_edit("    - 项", outdent=True)) == "- 项"
    assert apply("  - 项", indent_edit("  - 项", outdent=True)) == "- 项"
    assert apply("\t- 项", indent_edit("\t- 项", outdent=True)) == "- 项"
    assert apply("- 项", indent_edit("- 项", outdent=True)) == "- 项"
    assert apply("> - 项", indent_edit("> - 项", outdent=False)) == ">     - 项"
    assert indent_edit("正文", outdent=False) is None
    assert indent_edit("> 引文", outdent=False) is None


def test_fence_state_is_read_from_the_text_before() -> None:
    assert not fence_open_at_end("正文\n")
    assert fence_open_at_end("正文\n```\ncode\n")
    assert not fence_open_at_end("```\ncode\n```\n")
    assert fence_open_at_end("~~~\n")
