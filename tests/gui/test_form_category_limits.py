"""A category the archive would refuse (too many levels, a name too long: an older article's, or
one made by another tool) is said beside the 分类 field as the form opens, and nothing may be
saved until a good one is chosen."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from editor.domain.model import DEFAULT_TZ, CategoryNode
from editor.domain.validation import MAX_CATEGORY_DEPTH, MAX_CATEGORY_NAME
from editor.gui.articleform import ArticleForm, FormDefaults

pytestmark = pytest.mark.gui

BEFORE = dt.datetime(2026, 5, 1, 9, 30, tzinfo=DEFAULT_TZ)
GOOD = ("开发区新闻", "常州", "文字新闻")
DEEP = (
    "开发区新闻",
    "类" * (MAX_CATEGORY_NAME + 5),
    *(f"第{n}层" for n in range(MAX_CATEGORY_DEPTH)),
)


def tree(path: tuple[str, ...]) -> list[CategoryNode]:
    nodes = [CategoryNode(n, name, path[:n], None) for n, name in enumerate(path, 1)]
    for parent, child in itertools.pairwise(nodes):
        parent.children.append(child)
    return nodes[:1]


@pytest.fixture
def form(qtbot: QtBot) -> ArticleForm:
    shown = ArticleForm()
    qtbot.addWidget(shown)
    shown.set_choices([], [], tree(GOOD))
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_a_category_over_the_limits_is_said_beside_its_field(
    qtbot: QtBot, form: ArticleForm
) -> None:
    form.load(None, FormDefaults(BEFORE, category=DEEP))
    label = form.problem_labels["category"]
    assert label.isVisible()
    text = form.problems()["category"]
    assert f"{len(DEEP)} levels; at most {MAX_CATEGORY_DEPTH}" in text
    assert f"level 2 has {MAX_CATEGORY_NAME + 5} characters" in text
    assert not form.check_input()  # nothing may be saved
    assert [p.field for p in form.input_problems()] == ["category"]
    assert form.category_picker.field.hasFocus()

    assert form.category_picker.choose(GOOD)  # a good category chosen: the problem goes
    assert not label.isVisible()
    assert form.check_input()


def test_in_chinese_it_names_the_level(
    form: ArticleForm, use_language: Callable[[str], object]
) -> None:
    use_language("zh_CN")
    form.load(None, FormDefaults(BEFORE, category=DEEP))
    text = form.problems()["category"]
    assert "2" in text
    assert str(MAX_CATEGORY_NAME) in text
    assert not form.check_input()


def test_a_good_category_opens_without_a_word(form: ArticleForm) -> None:
    form.load(None, FormDefaults(BEFORE, category=GOOD))
    assert "category" not in form.problems()
    assert form.check_input()
