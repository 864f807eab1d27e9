"""字数 and English word counts, tag lists (editor.text)."""

from __future__ import annotations

import time

from editor.text.counting import TextCounts, count_plain, count_text
from editor.text.fields import format_tags, parse_tags


def test_chinese_characters_and_english_words_are_counted_apart() -> None:
    assert count_plain("金坛召开督查会") == TextCounts(7, 0)
    assert count_plain("Suzhou Industrial Park 苏州工业园区") == TextCounts(6, 3)
    assert count_plain("don't e-mail me") == TextCounts(0, 3)
    assert count_plain("2020年10月9日，GDP增长5%。") == TextCounts(5, 1)
    assert count_plain("") == TextCounts()
    assert count_plain("𠀾字") == TextCounts(2, 0)  # beyond the BMP: one character


def test_markdown_markup_link_targets_and_images_are_not_counted() -> None:
    body = (
        "## 标题\n\n**加粗**和[链接](https://example.com/path)\n\n"
        "![](media/" + "a" * 64 + ".png)\n\n- 列表 item"
    )
    assert count_text(body) == TextCounts(9, 1)


def test_counting_fifty_thousand_characters_is_quick() -> None:
    body = ("区委书记狄志强要求全区上下进一步明确任务 and some English words.\n\n") * 1200
    started = time.thread_time()
    counts = count_text(body)
    # about 12 ms of CPU; this thread's CPU time, so other processes taking the cores do not count
    assert time.thread_time() - started < 0.5
    assert counts.chinese == 20 * 1200
    assert counts.english == 4 * 1200


def test_tags_are_split_on_any_list_separator() -> None:
    assert parse_tags("园区、签约, 项目；园区 ,,") == ("园区", "签约", "项目")
    assert parse_tags("  ") == ()
    assert format_tags(("园区", "签约")) == "园区、签约"
    assert parse_tags(format_tags(("a b", "c"))) == ("a b", "c")
