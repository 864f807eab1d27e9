"""What a writer gives is checked before anything is stored; each problem names its field
(editor.domain.validation: the import, the editor and the archive all report these)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from editor.domain.errors import FieldProblem, ValidationError
from editor.domain.model import (
    DEFAULT_TZ,
    MAX_SHORT_FIELD,
    MAX_SLUG_LENGTH,
    MAX_TITLE_LENGTH,
    ArticleInput,
    ArticleStatus,
)
from editor.domain.validation import (
    MAX_BODY_CHARS,
    MAX_CATEGORY_DEPTH,
    MAX_CATEGORY_NAME,
    MAX_TAGS,
    category_problems,
    check_article,
    parse_published_at,
    validate_article,
)

GOOD = ArticleInput(
    title="金坛经开区召开项目推进会",
    body="园区项目加快推进。",
    category=("开发区新闻", "常州"),
    published_at=dt.datetime(2024, 5, 6, 9, 30, tzinfo=DEFAULT_TZ),
)


def fields(data: ArticleInput) -> dict[str, str]:
    return {p.field: p.message for p in check_article(data)}


def test_a_good_article_has_no_problems_and_validates():
    assert check_article(GOOD) == []
    validate_article(GOOD)  # no exception


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "   "}, "title", "the title is empty"),
        ({"title": "长" * (MAX_TITLE_LENGTH + 1)}, "title", f"at most {MAX_TITLE_LENGTH}"),
        ({"title": "标题\x07响铃"}, "title", "control characters"),
        ({"body": "字" * (MAX_BODY_CHARS + 1)}, "body", f"at most {MAX_BODY_CHARS:,}"),
        ({"category": ()}, "category", "no category is chosen"),
        ({"category": ("开发区新闻", " ")}, "category", "a category name is empty"),
        (
            {"category": ("开发区新闻", "类" * (MAX_CATEGORY_NAME + 1))},
            "category",
            f"name at level 2 has {MAX_CATEGORY_NAME + 1} characters; at most {MAX_CATEGORY_NAME}",
        ),
        (
            {"category": tuple(f"第{n}层" for n in range(MAX_CATEGORY_DEPTH + 1))},
            "category",
            f"has {MAX_CATEGORY_DEPTH + 1} levels; at most {MAX_CATEGORY_DEPTH}",
        ),
        ({"source": "源" * (MAX_SHORT_FIELD + 1)}, "source", f"longer than {MAX_SHORT_FIELD}"),
        ({"zone": "区" * (MAX_SHORT_FIELD + 1)}, "zone", f"longer than {MAX_SHORT_FIELD}"),
        ({"author": "人" * (MAX_SHORT_FIELD + 1)}, "author", f"longer than {MAX_SHORT_FIELD}"),
        ({"published_at": "2024-05-06"}, "published_at", "not a date and time"),
        ({"summary": "摘要\x00"}, "summary", "NUL character"),
        ({"tags": ("a\x00b",)}, "tags", "NUL character"),
        ({"published_at": None}, "published_at", "发布时间"),
        ({"slug": "s" * (MAX_SLUG_LENGTH + 1)}, "slug", f"longer than {MAX_SLUG_LENGTH}"),
        # 60 Chinese characters pass the length, but their pinyin does not: refused, not cut
        (
            {"slug": "开发区" * 20},
            "slug",
            f"(pinyin) it has 199 characters; at most {MAX_SLUG_LENGTH}",
        ),
        ({"tags": tuple(f"t{n}" for n in range(MAX_TAGS + 1))}, "tags", f"more than {MAX_TAGS}"),
    ],
)
def test_each_problem_names_its_field(changes, field, words):
    found = fields(dataclasses.replace(GOOD, **changes))
    assert field in found, found
    assert words in found[field]


def test_a_chinese_slug_whose_pinyin_fits_is_taken():
    assert fields(dataclasses.replace(GOOD, slug="开发区新闻")) == {}


def test_a_draft_needs_no_publication_time():
    draft = dataclasses.replace(GOOD, published_at=None, status=ArticleStatus.DRAFT)
    assert check_article(draft) == []


def test_the_limits_themselves_are_allowed():
    at_limits = dataclasses.replace(
        GOOD,
        title="长" * MAX_TITLE_LENGTH,
        slug="s" * MAX_SLUG_LENGTH,
        tags=tuple(f"t{n}" for n in range(MAX_TAGS)),
        source="源" * MAX_SHORT_FIELD,
        category=tuple(f"{n}" + "类" * (MAX_CATEGORY_NAME - 1) for n in range(MAX_CATEGORY_DEPTH)),
    )
    assert check_article(at_limits) == []


def test_a_hundred_category_levels_of_long_names_are_refused_in_a_few_words():
    """The issue's archive: 100 levels of 190-character names, every export failing after."""
    deep = tuple("很长的栏目名称" * 27 + str(n) for n in range(100))
    assert len(deep[0]) == 190
    problems = category_problems(deep)
    assert {p.field for p in problems} == {"category"}
    assert len(problems) == 1 + MAX_CATEGORY_DEPTH  # the depth, and each allowed level's name
    assert "分类" in problems[0].message
    assert "has 100 levels; at most 6" in problems[0].message
    assert [int(p.message.split("at level ")[1].split()[0]) for p in problems[1:]] == list(
        range(1, MAX_CATEGORY_DEPTH + 1)
    )
    assert "很长的栏目名称很长的栏目名称" in problems[1].message  # which name: its start
    with pytest.raises(ValidationError, match="at most 6 are allowed"):
        validate_article(dataclasses.replace(GOOD, category=deep))


def test_names_are_measured_as_stored_without_their_spaces():
    padded = ("  " + "类" * MAX_CATEGORY_NAME + "  ",)
    assert category_problems(padded) == []


# the worst a name of MAX_CATEGORY_NAME characters can read as pinyin (measured over every
# character: 庄 and its kind are 6 letters and a dash; ㍿ is 株式会社, 15 characters)
WORST_NAMES = ["庄" * MAX_CATEGORY_NAME, "㍿" * MAX_CATEGORY_NAME, "W" * MAX_CATEGORY_NAME]


def test_a_path_at_the_limits_makes_an_export_folder_well_under_the_file_system_limits():
    from editor.export.urls import listing_page, name_slug  # noqa: PLC0415

    for worst in WORST_NAMES:
        path = (worst,) * MAX_CATEGORY_DEPTH
        assert category_problems(path) == []
        slugs = [name_slug(name) + "-999" for name in path]  # the 999th namesake among siblings
        assert max(len(s.encode()) for s in slugs) <= 84  # file systems: 255 a name
        page = listing_page("list/" + "".join(s + "/" for s in slugs), 99999)
        assert len(page.encode()) <= 531  # PATH_MAX 4,096: room for the export folder


def test_validate_raises_with_every_problem_and_its_field_in_the_message():
    bad = ArticleInput(title="", category=(), status=ArticleStatus.PUBLISHED)
    with pytest.raises(ValidationError) as caught:
        validate_article(bad)
    problems = caught.value.problems
    assert {p.field for p in problems} == {"title", "category", "published_at"}
    assert str(caught.value) == "; ".join(str(p) for p in problems)
    assert str(FieldProblem("title", "the title is empty")) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-06", dt.datetime(2024, 5, 6, tzinfo=DEFAULT_TZ)),
        (" 2024-05-06T09:30 ", dt.datetime(2024, 5, 6, 9, 30, tzinfo=DEFAULT_TZ)),
        ("2024-05-06T01:30:00Z", dt.datetime(2024, 5, 6, 9, 30, tzinfo=DEFAULT_TZ)),
    ],
)
def test_publication_times_parse_as_beijing_time_without_an_offset(text, expected):
    assert parse_published_at(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"), [("  ", "empty date"), ("6 May 2024", "not an ISO 8601 date or time")]
)
def test_a_bad_publication_time_says_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_published_at(text)
