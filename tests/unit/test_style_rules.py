"""Chinese news style rules (editor.spell.style): each rule's positive and negative cases, fixes."""

from __future__ import annotations

import pytest

from editor.spell import RULES, NullSpeller, Problem, TextChecker, apply_fixes, fix_text
from editor.spell.problems import Fix


@pytest.fixture(scope="module")
def checker() -> TextChecker:
    """Style rules only: spelling is off (a null speller), so these tests need no dictionary."""
    return TextChecker(NullSpeller("en_US", "off in these tests"))


def found(checker: TextChecker, text: str, rule: str) -> list[Problem]:
    return [p for p in checker.check_text(text) if p.rule.id == rule]


def marks(text: str, problems: list[Problem]) -> list[str]:
    return [text.split("\n")[p.line][p.start : p.end] for p in problems]


# -- half-width punctuation -----------------------------------------------------------------------

HALFWIDTH = "style.halfwidth-punctuation"


@pytest.mark.parametrize(
    ("text", "flagged", "fixed"),
    [
        ("金坛,常州", [","], "金坛，常州"),
        ("他说:好", [":"], "他说：好"),
        ("真的吗?", ["?"], "真的吗？"),
        ("太好了!", ["!"], "太好了！"),
        ("先做这个;再做那个", [";"], "先做这个；再做那个"),
        ("公司(CEO)表示", ["(", ")"], "公司（CEO）表示"),
        ("金坛 , 常州", [","], "金坛，常州"),  # the spaces around it go too
        ("**来源**:金坛手机台", [":"], "**来源**：金坛手机台"),  # through emphasis markers
        ("时间:10:30", [":"], "时间：10:30"),  # the label's colon, not the time's
        ("增长3.5%,达到", [","], "增长3.5%，达到"),
        ("(1)加快项目建设", ["(", ")"], "（1）加快项目建设"),  # a pair is fixed as a pair
        (
            "英文名(Jintan Economic Development Zone)。",
            ["(", ")"],
            "英文名（Jintan Economic Development Zone）。",
        ),
        ("详见https://a.b/c?x=1,谢谢", [","], "详见https://a.b/c?x=1，谢谢"),
        ("金坛𠀾,常州", [","], "金坛𠀾，常州"),  # a CJK ideograph beyond the BMP
    ],
)
def test_halfwidth_punctuation_is_flagged_and_fixed(checker, text, flagged, fixed):
    problems = found(checker, text, HALFWIDTH)
    assert marks(text, problems) == flagged
    assert all(p.fix is not None and p.fix.certain for p in problems)
    assert apply_fixes(text, problems)[0] == fixed


@pytest.mark.parametrize(
    "text",
    [
        "上午10:30开会",
        "增长3.5%。",
        "比分2:1，共1,000家企业",
        "详见https://a.b/c?x=1。",
        "访问www.jtkfq.gov.cn/news?id=1;",
        'He said, "yes"; then: no! (Really?)',
        "The zone (Jintan) hosted 120 firms, officials said.",
        "运行`a, b: c`命令",
        "详见[链接](http://a.b/(c)?d=1,2)。",
        "![现场图片](media/a(1).jpg)",
        '<span title="a,b:c">金坛</span>',
        "[^1]: 金坛手机台",
        "[1]: https://a.b/c?x=1 (标题)",
        "金坛{: .lead}",
        "请发邮件至invest@jtkfq.gov.cn咨询",
        "他说“Why?”然后离开",  # an English question quoted in Chinese
    ],
)
def test_halfwidth_punctuation_leaves_numbers_urls_english_and_markup_alone(checker, text):
    assert found(checker, text, HALFWIDTH) == []


def test_halfwidth_punctuation_is_not_checked_in_english_articles():
    english = TextChecker(NullSpeller("en_US", "off"), language="en")
    assert found(english, "Jintan (金坛) is a zone: 金坛,常州", HALFWIDTH) == []


def test_nothing_is_checked_inside_fenced_code(checker):
    text = "```python\nx = f(a, b)  # 中文,注释\n```\n中文,注释\n~~~\n中文:注释\n~~~~"
    problems = checker.check_text(text)
    assert [(p.line, p.rule.id) for p in problems] == [(3, HALFWIDTH)]


# -- unpaired quotation marks and brackets --------------------------------------------------------

UNPAIRED = "style.unpaired"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("他说：“你好。", ["“"]),
        ("你好。”他说", ["”"]),
        ("据《人民日报报道", ["《"]),
        ("人民日报》报道", ["》"]),
        ("（记者 王明", ["（"]),
        ("记者王明）", ["）"]),
        ("“一”“二”“三", ["“"]),
        ("【快讯金坛", ["【"]),
        ("“第一段\n\n第二段”", ["“", "”"]),  # pairs are sought within a paragraph only
    ],
)
def test_unpaired_marks_are_flagged(checker, text, flagged):
    problems = found(checker, text, UNPAIRED)
    assert marks(text, problems) == flagged
    assert all(p.fix is None for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "他说：“你好。”",
        "《人民日报》（记者 王明）报道",
        "“《金坛日报》”",
        "“第一行\n第二行”",  # one paragraph over two lines
        "He said “yes” and left.",
        "运行`“`命令",
        "（“交叉”）",
    ],
)
def test_paired_marks_are_not_flagged(checker, text):
    assert found(checker, text, UNPAIRED) == []


# -- repeated punctuation -------------------------------------------------------------------------

REPEATED = "style.repeated-punctuation"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("会议结束。。", "会议结束。"),
        ("金坛，，常州", "金坛，常州"),
        ("太好了！！！", "太好了！"),
        ("真的吗？？", "真的吗？"),
        ("金坛、、常州", "金坛、常州"),
        ("如下：：", "如下："),
    ],
)
def test_repeated_punctuation_is_flagged_and_fixed(checker, text, fixed):
    problems = found(checker, text, REPEATED)
    assert len(problems) == 1
    assert apply_fixes(text, problems)[0] == fixed


@pytest.mark.parametrize(
    "text", ["他沉默了……", "金坛——常州", "真的吗？！", "“好。”“好。”", "`。。`"]
)
def test_ellipsis_dash_and_mixed_marks_are_not_repeated_punctuation(checker, text):
    assert found(checker, text, REPEATED) == []


# -- spaces between Chinese characters ------------------------------------------------------------

SPACE = "style.space-between-cjk"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("金坛 经开区召开会议", "金坛经开区召开会议"),
        ("会议结束。 下午参观", "会议结束。下午参观"),
        ("金坛\u3000\u3000常州", "金坛常州"),
    ],
)
def test_space_between_chinese_characters_is_flagged_with_an_offered_fix(checker, text, fixed):
    problems = found(checker, text, SPACE)
    assert len(problems) == 1
    fix = problems[0].fix
    assert fix is not None
    assert not fix.certain  # offered in the editor, not applied by --fix
    assert apply_fixes(text, problems)[0] == text
    assert apply_fixes(text, problems, certain_only=False)[0] == fixed
    assert fix_text(checker, text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "# 聚焦智能制造 金坛经开区打造产业集群",
        "**绿色低碳 推动转型升级**",
        "常州日报讯（记者 邓文斌 通讯员 王晓东）1月18日",
        "Jintan 金坛 Changzhou 常州",
        "\u3000\u3000金坛经开区召开会议",  # indentation
        "金坛经开区  ",  # trailing spaces (a Markdown hard break)
        "运行`金坛 常州`",
    ],
)
def test_headlines_bylines_and_mixed_text_keep_their_spaces(checker, text):
    assert found(checker, text, SPACE) == []


def test_a_title_may_separate_phrases_with_a_space(checker):
    title = "聚焦智能网联汽车 金坛经开区打造千亿级产业集群"
    assert checker.check_title(title) == []
    assert [p.rule.id for p in checker.check_block(title)] == [SPACE]


# -- full-width digits and letters ----------------------------------------------------------------

FULLWIDTH = "style.fullwidth-alnum"


@pytest.mark.parametrize(
    ("text", "flagged", "fixed"),
    [
        ("２０２０年", ["２０２０"], "2020年"),
        ("ＡＢＣ公司", ["ＡＢＣ"], "ABC公司"),
        ("ｉＰｈｏｎｅ手机与５Ｇ", ["ｉＰｈｏｎｅ", "５Ｇ"], "iPhone手机与5G"),
    ],
)
def test_fullwidth_alnum_is_flagged_and_fixed(checker, text, flagged, fixed):
    problems = found(checker, text, FULLWIDTH)
    assert marks(text, problems) == flagged
    assert apply_fixes(text, problems)[0] == fixed


@pytest.mark.parametrize("text", ["2020年ABC公司", "全角标点，：；", "`２０２０`"])
def test_halfwidth_alnum_and_fullwidth_punctuation_are_not_flagged(checker, text):
    assert found(checker, text, FULLWIDTH) == []


# -- switching rules off, fixing a whole text -----------------------------------------------------


def test_disabled_rules_are_not_run():
    text = "金坛,常州。。２０２０年“"
    everything = TextChecker(NullSpeller("en_US", "off"))
    assert {p.rule.id for p in everything.check_text(text)} == {
        HALFWIDTH,
        REPEATED,
        FULLWIDTH,
        UNPAIRED,
    }
    some = TextChecker(NullSpeller("en_US", "off"), disabled={HALFWIDTH, UNPAIRED})
    assert {p.rule.id for p in some.check_text(text)} == {REPEATED, FULLWIDTH}


def test_an_unknown_rule_id_is_refused():
    with pytest.raises(ValueError, match=r"style\.nonsense"):
        TextChecker(NullSpeller("en_US", "off"), disabled={"style.nonsense"})


def test_every_rule_has_an_id_and_a_chinese_title():
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule_id.startswith(("spell.", "style."))
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.title)


def test_fix_text_repeats_until_nothing_certain_is_left(checker):
    text = "金坛,,常州 （记者王明\r\n第二行:２０２０年。。\r\n"
    result = fix_text(checker, text)
    assert result.text == "金坛，常州 （记者王明\r\n第二行：2020年。\r\n"
    assert result.fixed == 6
    assert [p.rule.id for p in result.problems] == [SPACE, UNPAIRED]  # not certain, no fix
    assert fix_text(checker, result.text).fixed == 0


def test_fix_text_without_problems_returns_the_text_unchanged(checker):
    text = "金坛经开区召开会议。\n\nThe zone, they said, grew.\n"
    result = fix_text(checker, text)
    assert (result.text, result.fixed, result.problems) == (text, 0, [])


def test_a_list_item_starts_a_new_paragraph_for_pairing(checker):
    assert found(checker, "他说“项目\n进展顺利”", UNPAIRED) == []  # a continued paragraph
    text = "他说“项目\n- 进展顺利”"
    assert marks(text, found(checker, text, UNPAIRED)) == ["“", "”"]
    text = "他说“项目\n1. 进展顺利”"
    assert marks(text, found(checker, text, UNPAIRED)) == ["“", "”"]


def test_a_fix_overlapping_one_already_taken_waits_for_another_pass():
    rule = RULES[HALFWIDTH]

    def problem(start: int, end: int, replacement: str, *, certain: bool = True) -> Problem:
        return Problem(0, start, end, rule, "m", "m", fix=Fix(start, end, replacement, certain))

    block = "金坛 , 常州,好"
    problems = [problem(3, 4, "，"), problem(2, 5, "，"), problem(7, 8, "，")]
    assert apply_fixes(block, problems) == ("金坛，常州，好", 2)  # (3, 4) overlaps (2, 5)
    uncertain = [problem(2, 3, "", certain=False)]
    assert apply_fixes(block, uncertain) == (block, 0)
    assert apply_fixes(block, uncertain, certain_only=False) == ("金坛, 常州,好", 1)


def test_fix_text_stops_after_its_passes_and_a_next_run_goes_on(checker):
    text = "金坛" + "," * 12 + "常州"
    result = fix_text(checker, text)
    assert result.fixed > 0
    assert any(p.fix is not None and p.fix.certain for p in result.problems)  # passes ran out
    runs = [result]
    while runs[-1].fixed and len(runs) < 10:
        runs.append(fix_text(checker, runs[-1].text))
    assert runs[-1].text == "金坛，常州"
    assert runs[-1].fixed == 0
