"""The article service on a real archive, SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.archive.articles import ArticleService, category_for_zone, published_range
from editor.domain.errors import ConflictError, NotFoundError, ValidationError
from editor.domain.model import (
    DEFAULT_TZ,
    ArticleFilter,
    ArticleInput,
    ArticleStatus,
    RevisionKind,
    SortKey,
)

JINTAN = "江苏金坛经济开发区"
SIP = "苏州工业园区"


def article(title: str = "金坛召开第三次督查会", **kw: object) -> ArticleInput:
    values: dict[str, object] = {
        "title": title,
        "body": "10月9日下午,我区召开“两个加快全面决战年”第三次督查会。",
        "category": ("开发区新闻", "常州", "文字新闻"),
        "published_at": dt.datetime(2020, 10, 10, 9, 30, tzinfo=DEFAULT_TZ),
        "source": "金坛手机台",
        "zone": JINTAN,
        "tags": ("督查", "项目"),
    }
    values.update(kw)
    return ArticleInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def service(archive):
    return ArticleService(archive, user="editor-a")


def test_create_and_read_back_every_field(service):
    created = service.create(article(author="王记者", summary="督查会"))
    again = service.get(created.id)
    assert again == created
    assert again.title == "金坛召开第三次督查会"
    assert again.category == ("开发区新闻", "常州", "文字新闻")
    assert again.zone == JINTAN
    assert again.city == "常州"
    assert again.source == "金坛手机台"
    assert again.author == "王记者"
    assert again.tags == ("督查", "项目")
    assert again.status is ArticleStatus.PUBLISHED
    assert again.version == 1
    assert again.published_at == dt.datetime(2020, 10, 10, 9, 30, tzinfo=DEFAULT_TZ)
    assert again.published_at.utcoffset() == dt.timedelta(hours=8)
    assert "<p>" in again.body_html
    assert again.slug.startswith("jin-tan-zhao-kai")
    assert again.external_id  # every article gets a stable id for round trips


def test_publication_time_keeps_the_instant_whatever_the_zone(service):
    utc = dt.datetime(2020, 10, 10, 1, 30, tzinfo=dt.UTC)
    record = service.create(article(published_at=utc))
    assert record.published_at == utc
    assert record.published_at.tzinfo is not None
    assert record.published_at.hour == 9  # shown in Beijing time


def test_identical_titles_get_distinct_slugs(service):
    first = service.create(article())
    second = service.create(article())
    assert first.slug != second.slug
    assert second.slug.startswith(first.slug)


def test_hostile_slug_is_made_safe(service):
    record = service.create(article(slug="../../etc/passwd"))
    assert "/" not in record.slug
    assert ".." not in record.slug


def test_validation_names_the_field(service):
    with pytest.raises(ValidationError) as caught:
        service.create(article(title="   ", category=()))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"title", "category"}
    with pytest.raises(ValidationError) as caught:
        service.create(article(title="长" * 201))
    assert caught.value.problems[0].field == "title"
    assert "201" in caught.value.problems[0].message


def test_update_saves_a_revision_and_bumps_the_version(service):
    created = service.create(article())
    changed = service.update(
        created.id,
        article(title="金坛召开第四次督查会", body="新的正文"),
        expected_version=created.version,
    )
    assert changed.version == created.version + 1
    assert changed.slug == created.slug  # the URL does not move with the title
    revisions = service.revisions(created.id)
    assert [r.number for r in revisions] == [1, 2]
    assert [r.kind for r in revisions] == [RevisionKind.CREATE, RevisionKind.SAVE]
    assert revisions[0].title == "金坛召开第三次督查会"
    assert revisions[1].body == "新的正文"
    assert revisions[1].saved_by == "editor-a"
    assert revisions[1].fields["zone"] == JINTAN
    assert revisions[1].fields["category"] == ["开发区新闻", "常州", "文字新闻"]


def test_second_writer_gets_a_conflict_and_nothing_is_lost(archive):
    alice = ArticleService(archive, user="alice")
    bob = ArticleService(archive, user="bob")
    created = alice.create(article())
    read_by_alice = alice.get(created.id)
    read_by_bob = bob.get(created.id)
    alice.update(created.id, article(body="Alice 的修改"), expected_version=read_by_alice.version)
    with pytest.raises(ConflictError) as caught:
        bob.update(created.id, article(body="Bob 的修改"), expected_version=read_by_bob.version)
    assert caught.value.current.body == "Alice 的修改"
    assert alice.get(created.id).body == "Alice 的修改"
    bodies = [r.body for r in alice.revisions(created.id)]
    assert "Alice 的修改" in bodies
    assert "Bob 的修改" not in bodies


def test_trash_and_restore(service):
    record = service.create(article())
    service.delete(record.id)
    assert service.list_articles().total == 0
    trash = service.list_articles(ArticleFilter(trashed=True))
    assert [r.id for r in trash.items] == [record.id]
    assert service.get(record.id).deleted_at is not None
    service.restore(record.id)
    assert service.list_articles().total == 1
    assert service.get(record.id).deleted_at is None


def test_unknown_article(service):
    with pytest.raises(NotFoundError):
        service.get(999_999)
    with pytest.raises(NotFoundError):
        service.update(999_999, article(), expected_version=1)


def _day(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, 10, tzinfo=DEFAULT_TZ)


@pytest.fixture
def populated(service):
    rows = [
        article("金坛一", published_at=_day(2020, 1, 5)),
        article("金坛二", published_at=_day(2020, 2, 5), source="常州日报"),
        article(
            "园区一",
            zone=SIP,
            category=("开发区新闻", "苏州", "图片新闻"),
            published_at=_day(2021, 3, 1),
        ),
        article(
            "园区二",
            zone=SIP,
            category=("开发区新闻", "苏州", "文字新闻"),
            published_at=_day(2022, 4, 1),
            status=ArticleStatus.DRAFT,
        ),
        article("政策", category=("政策法规",), zone=None, published_at=_day(2019, 5, 1)),
    ]
    return [service.create(r) for r in rows]


def titles(page) -> list[str]:
    return [r.title for r in page.items]


def test_list_newest_first_with_paging(service, populated):
    page = service.list_articles(limit=2)
    assert page.total == 5
    assert titles(page) == ["园区二", "园区一"]
    page = service.list_articles(limit=2, offset=2)
    assert titles(page) == ["金坛二", "金坛一"]
    assert titles(service.list_articles(sort=SortKey.PUBLISHED, descending=False, limit=1)) == [
        "政策"
    ]


def test_list_filters(service, populated):
    assert titles(service.list_articles(ArticleFilter(category=("开发区新闻", "苏州")))) == [
        "园区二",
        "园区一",
    ]
    assert titles(service.list_articles(ArticleFilter(category=("开发区新闻",)))) == [
        "园区二",
        "园区一",
        "金坛二",
        "金坛一",
    ]
    assert titles(service.list_articles(ArticleFilter(zone=JINTAN))) == ["金坛二", "金坛一"]
    assert titles(service.list_articles(ArticleFilter(city="苏州"))) == ["园区二", "园区一"]
    assert titles(service.list_articles(ArticleFilter(source="常州日报"))) == ["金坛二"]
    assert titles(service.list_articles(ArticleFilter(status=ArticleStatus.DRAFT))) == ["园区二"]
    start, end = published_range(dt.date(2020, 1, 1), dt.date(2021, 3, 1))
    assert titles(service.list_articles(ArticleFilter(published_from=start, published_to=end))) == [
        "园区一",
        "金坛二",
        "金坛一",
    ]
    assert service.list_articles(ArticleFilter(zone="没有这个开发区")).total == 0
    assert service.list_articles(ArticleFilter(category=("不存在",))).total == 0


def test_list_sorted_by_title(service, populated):
    page = service.list_articles(sort=SortKey.TITLE, descending=False)
    assert titles(page) == sorted(titles(page))


def test_unknown_names_are_created(service):
    record = service.create(
        article(zone="新设开发区", source="新来源", category=("新栏目", "新城市", "文字新闻"))
    )
    assert record.zone == "新设开发区"
    assert record.source == "新来源"
    assert record.category == ("新栏目", "新城市", "文字新闻")


def test_choosing_a_zone_sets_the_region():
    assert category_for_zone(("开发区新闻", "苏州", "文字新闻"), "常州") == (
        "开发区新闻",
        "常州",
        "文字新闻",
    )
    assert category_for_zone(("开发区新闻",), "常州") == ("开发区新闻", "常州")
    assert category_for_zone(("开发区新闻", "苏州"), None) == ("开发区新闻", "苏州")


def test_search_finds_live_articles_and_the_trash_apart(service):
    kept = service.create(article("金坛新闻一"))
    trashed = service.create(article("金坛新闻二"))
    service.delete(trashed.id)
    assert [h.article.id for h in service.search("金坛").items] == [kept.id]
    trash = service.search("金坛", ArticleFilter(trashed=True))
    assert [h.article.id for h in trash.items] == [trashed.id]
    in_zone = service.search("金坛", ArticleFilter(zone=JINTAN, trashed=True))
    assert [h.article.id for h in in_zone.items] == [trashed.id]
    assert service.search("金坛", ArticleFilter(zone=SIP)).total == 0


def test_unknown_article_everywhere(service):
    for call in (service.delete, service.restore, service.revisions):
        with pytest.raises(NotFoundError, match="there is no article 999999"):
            call(999_999)


def test_trashing_twice_or_restoring_a_live_article_changes_nothing(service):
    record = service.create(article())
    trashed = service.delete(record.id)
    assert service.delete(record.id) == trashed  # the first trash time stands
    restored = service.restore(record.id)
    assert restored.deleted_at is None
    assert service.restore(record.id) == restored


def test_a_slug_or_external_id_of_another_article_is_refused(service):
    first = service.create(article(slug="jintan", external_id="ext-1"))
    second = service.create(article(slug="jintan-2"))
    with pytest.raises(ValidationError) as caught:
        service.create(article(slug="jintan", external_id="ext-1"))
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("slug", f"“jintan” is already used by article {first.id}"),
        ("id", f"external id 'ext-1' is article {first.id}"),
    ]
    with pytest.raises(ValidationError, match="already used by article"):
        service.update(second.id, article(slug="jintan"), expected_version=second.version)
    assert service.get(second.id) == second
    kept = service.update(first.id, article(slug="jintan", title="改"), expected_version=1)
    assert kept.slug == "jintan"  # its own slug is no clash


def test_filters_naming_nothing_find_nothing(service):
    service.create(article())
    for filters in (
        ArticleFilter(zone="没有这个开发区"),
        ArticleFilter(city="没有这个城市"),
        ArticleFilter(source="没有这个来源"),
        ArticleFilter(category=("没有这个栏目",)),
    ):
        assert service.list_articles(filters).total == 0, filters
        page = service.search("金坛", filters)
        assert (page.items, page.total) == ([], 0), filters
    assert service.search("金坛", ArticleFilter(city="常州")).total == 1


def test_blank_and_repeated_tags_are_dropped(service):
    record = service.create(article(tags=("督查", "  ", "项目", " 督查 ", "")))
    assert record.tags == ("督查", "项目")
