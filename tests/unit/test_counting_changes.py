"""What changed between two bodies, in the units the status bar counts (issue 13, point 11)."""

from __future__ import annotations

from editor.text.counting import (
    DIFF_MAX_UNITS,
    TextChange,
    change_plain,
    count_change,
    count_text,
)

BEFORE = "10月9日下午，金坛经开区召开督查会。\n\n会议要求各部门抓好落实。"
#: 本报讯 before the first paragraph and one paragraph after the last
AFTER = (
    "本报讯 10月9日下午，金坛经开区召开督查会。\n\n会议要求各部门抓好落实。"
    "\n\n下一步将开展专项检查工作。"
)


def test_an_insertion_counts_what_was_inserted_not_the_whole_body() -> None:
    change = count_change(BEFORE, AFTER)
    assert change == TextChange(chinese_added=3 + 12, chinese_removed=0)
    # the totals differ by as much, and the change is not the totals
    assert count_text(AFTER).chinese - count_text(BEFORE).chinese == change.chinese_added


def test_a_rewritten_word_counts_both_sides() -> None:
    change = change_plain("金坛召开督查会", "金坛召开总结会")
    assert (change.chinese_added, change.chinese_removed) == (2, 2)


def test_english_words_are_units_of_their_own() -> None:
    change = change_plain("Suzhou Industrial Park 苏州工业园区", "Suzhou Science Park 苏州园区")
    assert change == TextChange(0, 2, english_added=1, english_removed=1)


def test_markup_and_punctuation_count_as_nothing() -> None:
    assert not count_change("金坛召开督查会。", "**金坛**召开[督查会](https://example.cn/)！")
    assert not count_change("", "")
    assert count_change("", "新闻") == TextChange(chinese_added=2)
    assert count_change("新闻", "") == TextChange(chinese_removed=2)


def test_a_moved_paragraph_is_removed_and_added() -> None:
    change = change_plain("甲甲\n乙乙\n丙丙", "乙乙\n丙丙\n甲甲")
    assert (change.chinese_added, change.chinese_removed) == (2, 2)


def test_a_whole_book_rewritten_counts_both_bodies() -> None:
    """Past DIFF_MAX_UNITS a changed passage is cut at its common start and end (no diff)."""
    old = "\n".join("金坛经开区召开第三次督查会议" * 20 for _ in range(200))  # 56,000 字
    new = "\n".join("园区新签约项目十二个总投资" * 20 for _ in range(200))
    assert len(old) > DIFF_MAX_UNITS
    change = change_plain(old, new)
    assert change.chinese_removed == count_text(old).chinese
    assert change.chinese_added == count_text(new).chinese
