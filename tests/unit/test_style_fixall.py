"""The fix-all commands' plans (editor.spell.checker.plan_fixes), kinds and ignored spots."""

from __future__ import annotations

from collections import Counter

import pytest

from editor.portalpage import parse_page
from editor.spell import NullSpeller, TextChecker
from editor.spell.checker import IgnoredSpots, LineEdit, plan_fixes, split_lines
from editor.spell.problems import HALFWIDTH_PUNCTUATION, REPEATED_PUNCTUATION, ProblemGroup
from tests.samples import PORTAL_ARTICLE_PAGE

COMMA = ProblemGroup(HALFWIDTH_PUNCTUATION, ",")


@pytest.fixture(scope="module")
def checker() -> TextChecker:
    return TextChecker(NullSpeller("en_US", "off in these tests"))


@pytest.fixture(scope="module")
def portal_body() -> str:
    return parse_page(PORTAL_ARTICLE_PAGE.read_bytes(), PORTAL_ARTICLE_PAGE.name).body


def replay(lines: list[str], plan_edits: list[LineEdit]) -> list[str]:
    """The plan's edits made one after the other, as the editor makes them."""
    out = list(lines)
    for edit in plan_edits:
        line = out[edit.line]
        out[edit.line] = line[: edit.fix.start] + edit.fix.replacement + line[edit.fix.end :]
    return out


def test_each_halfwidth_mark_is_a_kind_of_its_own(checker: TextChecker) -> None:
    problems = checker.check_text("他说:好,真的(是)吗;")
    groups = {p.group for p in problems}
    assert {(g.variant, g.name, g.name_en) for g in groups} == {
        (":", "冒号", "colon"),
        (",", "逗号", "comma"),
        ("()", "括号", "parentheses"),
        (";", "分号", "semicolon"),
    }
    assert all(p.certain for p in problems)
    (space,) = checker.check_text("金坛 常州")
    assert not space.certain  # offered, never applied by the one-click command
    assert space.group.name == "多余空格"


def test_the_portal_articles_commas_are_fixed_all_at_once(
    checker: TextChecker, portal_body: str
) -> None:
    lines = split_lines(portal_body)[0]
    assert sum(line.count(",") for line in lines) == 106
    plan = plan_fixes(checker, lines, wanted=lambda p: p.group == COMMA)
    assert plan.counts == Counter({COMMA: 106})
    assert replay(lines, plan.edits) == plan.lines
    fixed = "\n".join(plan.lines)
    assert "," not in fixed
    assert fixed == portal_body.replace(",", "，")  # nothing else changed
    assert ";" in fixed  # the other kinds are left


def test_every_certain_fix_counted_by_kind(checker: TextChecker, portal_body: str) -> None:
    lines = split_lines(portal_body)[0]
    plan = plan_fixes(checker, lines)
    names = {g.name: n for g, n in plan.counts.items()}
    assert names == {"逗号": 106, "分号": 7, "冒号": 1, "括号": 2}
    assert plan.fixed == 116
    assert checker.check_blocks(plan.lines).problems == []


def test_code_urls_and_english_are_not_touched(checker: TextChecker) -> None:
    lines = [
        "金坛,常州 `a,中` 见[报道](https://e.cn/?q=金坛,常州)和 https://e.cn/a,b 共1,000元",
        "```",
        "金坛,常州",
        "```",
        "The zone, in short, is growing; really!",
    ]
    plan = plan_fixes(checker, lines)
    assert plan.lines == [
        "金坛，常州 `a,中` 见[报道](https://e.cn/?q=金坛,常州)和 https://e.cn/a,b 共1,000元",
        "```",
        "金坛,常州",
        "```",
        "The zone, in short, is growing; really!",
    ]
    assert plan.fixed == 1


def test_nothing_to_fix_is_an_empty_plan(checker: TextChecker) -> None:
    plan = plan_fixes(checker, ["金坛，常州。", "", "Plain English, fine."])
    assert plan.edits == []
    assert plan.fixed == 0


def test_a_fix_that_uncovers_another_is_followed(checker: TextChecker) -> None:
    plan = plan_fixes(checker, ["中,,文"])
    assert plan.lines == ["中，文"]
    assert replay(["中,,文"], plan.edits) == ["中，文"]
    assert plan.counts[COMMA] == 2
    assert plan.counts[ProblemGroup(REPEATED_PUNCTUATION)] == 1


def test_an_ignored_spot_survives_edits_around_it(checker: TextChecker) -> None:
    line = "一是招商,二是建设,三是服务,四是环境"
    problems = checker.check_text(line)
    ignored = IgnoredSpots()
    ignored.add(line, problems[1])  # 建设,三
    plan = plan_fixes(checker, [line], ignored=ignored)
    assert plan.lines == ["一是招商，二是建设,三是服务，四是环境"]
    assert plan.fixed == 2
    # the same words elsewhere in the article: still ignored; its neighbours changed: shown again
    moved = "新的一段。" + line
    assert [ignored.ignores(moved, p) for p in checker.check_text(moved)] == [False, True, False]
    changed = line.replace("二是建设", "二是抓建设").replace("三是", "再是")
    assert not any(ignored.ignores(changed, p) for p in checker.check_text(changed))


def test_an_ignored_spot_next_to_a_fix_stays_ignored_in_later_passes(
    checker: TextChecker,
) -> None:
    line = "甲,,乙,丙"
    problems = checker.check_text(line)
    ignored = IgnoredSpots()
    (last,) = [p for p in problems if p.start == 4]
    ignored.add(line, last)
    plan = plan_fixes(checker, [line], ignored=ignored)
    assert plan.lines == ["甲，乙,丙"]
