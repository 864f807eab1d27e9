"""The core's words in the UI's language: every problem the article checks can raise is shown in
Chinese in the Chinese UI (nothing falls through in English), and in English otherwise."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale, QTranslator

from editor.domain.errors import FieldProblem, ValidationError
from editor.domain.model import ArticleInput, ArticleStatus
from editor.domain.validation import MAX_SHORT_FIELD, MAX_TAGS, MAX_TITLE_LENGTH, check_article
from editor.export.settings import check_value
from editor.gui.labels import page_reason, problem_message, problem_text, rule_label
from editor.spell.checker import TextChecker
from editor.spell.problems import RULES
from editor.spell.speller import open_speller

pytestmark = pytest.mark.gui

GOOD = ArticleInput(title="金坛经开区签约", category=("开发区新闻", "常州", "文字新闻"))
BAD_INPUTS = [
    dataclasses.replace(GOOD, title=""),
    dataclasses.replace(GOOD, title="长" * (MAX_TITLE_LENGTH + 1)),
    dataclasses.replace(GOOD, title="两行\n标题"),
    dataclasses.replace(GOOD, category=()),
    dataclasses.replace(GOOD, category=("开发区新闻", " ")),
    dataclasses.replace(GOOD, category=("开发区新闻", "类" * (MAX_SHORT_FIELD + 1))),
    dataclasses.replace(GOOD, source="源" * (MAX_SHORT_FIELD + 1)),
    dataclasses.replace(GOOD, published_at="2020-13-45"),  # type: ignore[arg-type]
    dataclasses.replace(GOOD, body="正文\x00"),
    dataclasses.replace(GOOD, status=ArticleStatus.PUBLISHED, published_at=None),
    dataclasses.replace(GOOD, tags=tuple(f"标签{n}" for n in range(MAX_TAGS + 1))),
]


def all_problems() -> list[FieldProblem]:
    found = [p for data in BAD_INPUTS for p in check_article(data)]
    found.append(FieldProblem("slug", "“jin-tan” is already used by article 12"))
    found.append(FieldProblem("id", "external id 'x-1' is article 7"))
    return found


@pytest.fixture
def chinese(use_language: Callable[[str], list[QTranslator]]) -> Iterator[None]:
    use_language("zh_CN")
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    yield
    QLocale.setDefault(before)


def test_every_article_problem_reads_in_chinese(chinese: None) -> None:
    problems = all_problems()
    assert len({p.message for p in problems}) >= 12
    for problem in problems:
        text = problem_text(problem)
        assert re.search(r"[\u4e00-\u9fff]", text), (problem.message, text)
        quoted = " ".join(a + b for a, b in re.findall(r"“([^”]*)”|'([^']*)'", problem.message))
        words = [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in quoted and w != "NUL"]
        assert not words, (problem.message, text)


def test_in_english_they_read_as_sentences() -> None:
    for problem in all_problems():
        text = problem_text(problem)
        assert text[:1].isupper() or text[:1] == "“", text
        assert text.endswith((".", "…", ":")) or text[-1].isalnum(), text


def test_spelling_and_style_words_follow_the_ui_language(chinese: None) -> None:
    checker = TextChecker(open_speller("en_US"))
    (spelling,) = checker.check_block("引进investmnt项目")
    assert "investmnt" in problem_message(spelling)
    assert re.search(r"[\u4e00-\u9fff]", problem_message(spelling))
    assert all(re.search(r"[\u4e00-\u9fff]", rule_label(rule)) for rule in RULES.values())
    QLocale.setDefault(QLocale("en_US"))
    assert problem_message(spelling) == spelling.message
    assert rule_label(RULES["spell.unknown-word"]) == "unknown word"


PAGE_REASONS = [
    "the file is empty",
    "the file is binary (it holds NUL bytes), not a page",
    "4.2 MB is too large for an article page (at most 4 MB)",
    "the markup nests elements more than 200 deep: not an article page",
    "the bytes are not text in the declared gb2312, UTF-8 or GB18030",
    "cannot be read: Permission denied",
    "not an article page: neither a breadcrumb (您现在的位置) nor a 发布时间/来源 line",
    "no such file or folder",
    "no pages (.html, .htm, .txt) in this folder",
    "its article was saved elsewhere meanwhile; import it again",
    "no breadcrumb (您现在的位置:首页 > …) found",
    "the breadcrumb (您现在的位置) names no category",
    "no title found (the line above 发布时间)",
    "no article text found",
    "来源 not found",
]


def test_page_import_reasons_read_in_chinese(chinese: None) -> None:
    for reason in PAGE_REASONS:
        text = page_reason(reason)
        assert text != reason, reason
        english = [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in {"html", "htm", "txt"}]
        assert not english or english == ["Permission", "denied"], (reason, text)


SITE_VALUES = [
    ("site.email", "not an address"),
    ("site.base_url", "ftp://x"),
    ("site.base_url", "https://"),
    ("site.base_url", "https://news.zone.cn/?q=1"),
    ("site.name", ""),
    ("site.name", "两行\n名称"),
    ("site.name", "名" * 10_000),
]


def site_problems() -> list[FieldProblem]:
    found = []
    for key, value in SITE_VALUES:
        with pytest.raises(ValidationError) as caught:
            check_value(key, value)
        found.extend(caught.value.problems)
    return found


def test_every_site_setting_problem_reads_in_the_ui_language(chinese: None) -> None:
    problems = site_problems()
    assert len({p.message for p in problems}) == len(SITE_VALUES)
    for problem in problems:
        text = problem_text(problem)
        assert re.search(r"[\u4e00-\u9fff]", text), (problem.message, text)
        assert text != problem.message
