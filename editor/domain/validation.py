"""Checks on what a writer gives, before anything is stored. Each problem names its field."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

from editor.domain.errors import FieldProblem, ValidationError
from editor.domain.model import (
    DEFAULT_TZ,
    MAX_SHORT_FIELD,
    MAX_SLUG_LENGTH,
    MAX_TITLE_LENGTH,
    ArticleInput,
    ArticleStatus,
)
from editor.domain.slug import slugify
from editor.domain.values import FIRST_PUBLISHED_YEAR, LAST_PUBLISHED_YEAR

MAX_BODY_CHARS = 5_000_000
MAX_TAGS = 50

#: The category tree's limits, so that one article cannot stop the export of the site. Each level
#: is a folder of the site, ``list/<level 1>/<level 2>/…/index-N.html``, named by its pinyin slug
#: (``urls.name_slug``: at most 80 bytes, then ``-2``… among siblings). A 40-character name reads
#: up to 279 bytes of pinyin (40 × 庄 -> ``zhuang-…``; 639 with ㍿ -> ``zhu-shi-hui-she``), cut to
#: 80: every folder name stays far under the file systems' 255-byte limit, and six levels make at
#: most ``5 + 6 × (80 + 4 + 1) + 16`` = 531 bytes below the export folder (PATH_MAX: 4,096).
#: 100 levels of 190 characters (8,100 bytes and more) failed every export: "File name too long".
MAX_CATEGORY_DEPTH = 6
MAX_CATEGORY_NAME = 40


def has_control_characters(text: str) -> bool:
    """True when ``text`` holds C0/C1 control characters other than tab and newlines."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text)


def aware(moment: dt.datetime) -> dt.datetime:
    """The same moment with a zone: a naive time is Beijing time."""
    return moment.replace(tzinfo=DEFAULT_TZ) if moment.tzinfo is None else moment


class PublishedOutOfRangeError(ValueError):
    """A publication time that reads, but falls outside the years one may have."""


def published_range_problem(moment: dt.datetime) -> str | None:
    """Why ``moment`` cannot be a publication time (its year, in Beijing time, outside
    FIRST_PUBLISHED_YEAR..LAST_PUBLISHED_YEAR); None when it can. Never overflows: the year as
    written is checked before the time is moved to Beijing's zone."""
    span = f"{FIRST_PUBLISHED_YEAR}–{LAST_PUBLISHED_YEAR}"
    if not FIRST_PUBLISHED_YEAR <= moment.year <= LAST_PUBLISHED_YEAR:
        return f"the year {moment.year} is outside the years {span} a publication time may have"
    local = aware(moment).astimezone(DEFAULT_TZ)
    if not FIRST_PUBLISHED_YEAR <= local.year <= LAST_PUBLISHED_YEAR:
        return (
            f"{local:%Y-%m-%d %H:%M} in Beijing time is outside the years {span}"
            " a publication time may have"
        )
    return None


def parse_published_at(text: str) -> dt.datetime:
    """Parse an ISO 8601 time (a date alone means midnight); no offset means Asia/Shanghai.

    Raises ValueError with a readable reason for anything else; PublishedOutOfRangeError for a time
    outside the years a publication time may have (``published_range_problem``).
    """
    value = text.strip()
    if not value:
        raise ValueError("empty date")
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not an ISO 8601 date or time: {text!r}") from None
    problem = published_range_problem(moment)
    if problem is not None:
        raise PublishedOutOfRangeError(f"{value!r} is refused: {problem}")
    return aware(moment)


def check_article(data: ArticleInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    title = data.title.strip() if isinstance(data.title, str) else ""
    if not title:
        problems.append(FieldProblem("title", "the title is empty"))
    elif len(title) > MAX_TITLE_LENGTH:
        problems.append(
            FieldProblem(
                "title",
                f"the title has {len(title)} characters; at most {MAX_TITLE_LENGTH} are allowed",
            )
        )
    elif has_control_characters(title) or "\n" in title:
        problems.append(FieldProblem("title", "the title holds line breaks or control characters"))
    if len(data.body) > MAX_BODY_CHARS:
        problems.append(
            FieldProblem(
                "body", f"the body has {len(data.body):,} characters; at most {MAX_BODY_CHARS:,}"
            )
        )
    if not data.category:
        problems.append(FieldProblem("category", "no category is chosen"))
    problems += category_problems(data.category)
    for field_name in ("source", "zone", "author"):
        value = getattr(data, field_name)
        if value is not None and len(value) > MAX_SHORT_FIELD:
            problems.append(FieldProblem(field_name, f"longer than {MAX_SHORT_FIELD} characters"))
    if data.published_at is not None and not isinstance(data.published_at, dt.datetime):
        problems.append(FieldProblem("published_at", "not a date and time"))
    elif data.published_at is not None:
        out_of_range = published_range_problem(data.published_at)
        if out_of_range is not None:
            problems.append(FieldProblem("published_at", out_of_range))
    texts = {
        "title": data.title,
        "body": data.body,
        "summary": data.summary,
        "source": data.source,
        "zone": data.zone,
        "author": data.author,
        "slug": data.slug,
        "category": "".join(data.category),
        "tags": "".join(data.tags),
    }
    for field_name, value in texts.items():
        if value and "\x00" in value:
            problems.append(FieldProblem(field_name, "holds a NUL character (U+0000)"))
    if data.status is ArticleStatus.PUBLISHED and data.published_at is None:
        problems.append(FieldProblem("published_at", "a published article needs its 发布时间"))
    if data.slug is not None and len(data.slug) > MAX_SLUG_LENGTH:
        problems.append(FieldProblem("slug", f"longer than {MAX_SLUG_LENGTH} characters"))
    elif data.slug and not data.slug.isascii():
        # Chinese becomes pinyin in the address: refused when that is too long, never cut
        length = len(slugify(data.slug, max_length=len(data.slug) * 8 + 16))
        if length > MAX_SLUG_LENGTH:
            problems.append(
                FieldProblem(
                    "slug",
                    f"as a web address (pinyin) it has {length} characters;"
                    f" at most {MAX_SLUG_LENGTH}",
                )
            )
    if len(data.tags) > MAX_TAGS:
        problems.append(FieldProblem("tags", f"more than {MAX_TAGS} tags"))
    return problems


def category_problems(path: Sequence[str]) -> list[FieldProblem]:
    """What keeps ``path`` from being a category (分类): an empty name, more than
    MAX_CATEGORY_DEPTH levels, a name over MAX_CATEGORY_NAME characters (each named by its level,
    among the levels allowed; the depth covers those below). [] for a good or an empty path."""
    problems: list[FieldProblem] = []
    if len(path) > MAX_CATEGORY_DEPTH:
        problems.append(
            FieldProblem(
                "category",
                f"the category (分类) has {len(path)} levels; at most {MAX_CATEGORY_DEPTH} are"
                " allowed",
            )
        )
    for level, raw in enumerate(path[:MAX_CATEGORY_DEPTH], 1):
        name = raw.strip()
        if not name:
            problems.append(FieldProblem("category", "a category name is empty"))
        elif len(name) > MAX_CATEGORY_NAME:
            problems.append(
                FieldProblem(
                    "category",
                    f"the category (分类) name at level {level} has {len(name)} characters;"
                    f" at most {MAX_CATEGORY_NAME} are allowed: {name[:20]}…",
                )
            )
    return problems


def validate_article(data: ArticleInput) -> None:
    problems = check_article(data)
    if problems:
        raise ValidationError(problems)
