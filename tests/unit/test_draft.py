"""The article being edited as the record the preview renders (editor.domain.draft)."""

from __future__ import annotations

import datetime as dt

from editor.domain.draft import draft_record
from editor.domain.model import DEFAULT_TZ, ArticleInput, ArticleRecord, ArticleStatus, Language

NOW = dt.datetime(2024, 5, 6, 7, 8, tzinfo=DEFAULT_TZ)
DATA = ArticleInput(
    title="金坛召开督查会",
    body="正文",
    category=("开发区新闻", "常州", "文字新闻"),
    published_at=dt.datetime(2020, 10, 10, 9, 30, tzinfo=DEFAULT_TZ),
    source="金坛手机台",
    zone="江苏金坛经济开发区",
    tags=("督查",),
)


def saved(**changes: object) -> ArticleRecord:
    values: dict[str, object] = {
        "id": 7,
        "title": "旧标题",
        "body": "旧正文",
        "body_html": "<p>旧正文</p>",
        "summary": "",
        "category": DATA.category,
        "zone": DATA.zone,
        "city": "常州",
        "source": DATA.source,
        "author": None,
        "tags": (),
        "language": Language.ZH_CN,
        "slug": "jiu-biao-ti",
        "status": ArticleStatus.PUBLISHED,
        "published_at": DATA.published_at,
        "created_at": dt.datetime(2020, 1, 1, tzinfo=DEFAULT_TZ),
        "updated_at": dt.datetime(2020, 1, 2, tzinfo=DEFAULT_TZ),
        "version": 3,
    }
    values.update(changes)
    return ArticleRecord(**values)  # type: ignore[arg-type]


def test_a_new_article_gets_a_slug_from_its_title_and_now_as_its_times() -> None:
    record = draft_record(DATA, saved=None, city="常州", body_html="<p>正文</p>", now=NOW)
    assert record.id == 0
    assert record.slug.startswith("jin-tan")
    assert record.created_at == NOW
    assert record.updated_at == NOW
    assert record.city == "常州"
    assert record.body_html == "<p>正文</p>"
    assert record.tags == ("督查",)


def test_a_saved_article_keeps_its_id_slug_and_creation_time() -> None:
    before = saved()
    record = draft_record(DATA, saved=before, city="常州", body_html="", now=NOW)
    assert (record.id, record.slug, record.version) == (7, "jiu-biao-ti", 3)
    assert record.created_at == before.created_at
    assert record.title == "金坛召开督查会"  # the edited fields win


def test_a_typed_slug_is_cleaned_the_way_the_archive_will_clean_it() -> None:
    data = ArticleInput(title="x", slug="../新 闻")
    record = draft_record(data, saved=saved(), city=None, body_html="", now=NOW)
    assert record.slug == "xin-wen"
