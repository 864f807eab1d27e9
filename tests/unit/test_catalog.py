"""The editor's light reads of the archive (editor.archive.catalog), SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.archive import catalog
from editor.archive.articles import ArticleService
from editor.archive.assets import (
    MAX_ASSET_BYTES,
    AssetError,
    image_targets,
    replace_image_targets,
    sniff_image,
)
from editor.archive.database import Archive
from editor.domain.model import (
    DEFAULT_TZ,
    ArticleFilter,
    ArticleInput,
    ArticleStatus,
    CategoryNode,
    SortKey,
)

CZ = ("开发区新闻", "常州", "文字新闻")
SZ = ("开发区新闻", "苏州", "文字新闻")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def news(title: str, day: int, **kw: object) -> ArticleInput:
    values: dict[str, object] = {
        "title": title,
        "body": "我区召开督查会。",
        "category": CZ,
        "published_at": dt.datetime(2020, 10, day, 9, 0, tzinfo=DEFAULT_TZ),
        "source": "金坛手机台",
        "zone": "江苏金坛经济开发区",
    }
    values.update(kw)
    return ArticleInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def service(archive: Archive) -> ArticleService:
    return ArticleService(archive, user="tester")


def node(roots: list[CategoryNode], *path: str) -> CategoryNode:
    nodes = roots
    found = None
    for name in path:
        found = next(n for n in nodes if n.name == name)
        nodes = found.children
    assert found is not None
    return found


def test_browse_gives_light_rows_sorted_and_paged(service: ArticleService) -> None:
    for day, title in enumerate(("丙", "甲", "乙"), start=1):
        service.create(news(title, day, source=f"来源{day}"))
    page = catalog.browse(service, limit=2)
    assert page.total == 3
    assert [r.title for r in page.items] == ["乙", "甲"]  # newest first
    assert page.items[0].zone == "江苏金坛经济开发区"
    assert page.items[0].source == "来源3"
    assert page.items[0].status is ArticleStatus.PUBLISHED
    rest = catalog.browse(service, offset=2, limit=2, with_total=False)
    assert [r.title for r in rest.items] == ["丙"]
    by_title = catalog.browse(service, sort=SortKey.TITLE, descending=False)
    assert [r.title for r in by_title.items] == sorted(["丙", "甲", "乙"])


def test_browse_filters_like_list_articles(service: ArticleService) -> None:
    service.create(news("常州的", 1))
    service.create(news("苏州的", 2, category=SZ, zone="苏州工业园区"))
    service.create(news("草稿", 3, status=ArticleStatus.DRAFT))
    only = catalog.browse(service, ArticleFilter(category=("开发区新闻", "苏州")))
    assert [r.title for r in only.items] == ["苏州的"]
    drafts = catalog.browse(service, ArticleFilter(status=ArticleStatus.DRAFT))
    assert [r.title for r in drafts.items] == ["草稿"]
    assert catalog.browse(service, ArticleFilter(zone="没有这个开发区")).total == 0


def test_category_tree_counts_live_articles_of_each_subtree(service: ArticleService) -> None:
    service.create(news("一", 1))
    service.create(news("二", 2))
    service.create(news("三", 3, category=SZ))
    service.delete(service.create(news("删", 4)).id)
    roots = catalog.category_tree(service.archive)
    assert node(roots, "开发区新闻").article_count == 3
    assert node(roots, "开发区新闻", "常州").article_count == 2
    assert node(roots, "开发区新闻", "常州", "文字新闻").article_count == 2
    assert node(roots, "开发区新闻", "常州", "文字新闻").path == CZ
    assert node(roots, "开发区新闻", "苏州").article_count == 1
    assert node(roots, "招商信息").article_count == 0


def test_zones_sources_and_slug_owner(service: ArticleService) -> None:
    created = service.create(news("金坛", 1, source="新华日报"))
    zones = catalog.zones(service.archive)
    jintan = next(z for z in zones if z.name == "江苏金坛经济开发区")
    assert jintan.city == "常州"
    assert "新华日报" in catalog.source_names(service.archive)
    assert catalog.slug_owner(service.archive, created.slug) == created.id
    assert catalog.slug_owner(service.archive, "no-such-slug") is None


def test_neighbours_are_the_published_articles_around_in_the_category(
    service: ArticleService,
) -> None:
    older = service.create(news("旧", 1))
    service.create(news("草稿", 2, status=ArticleStatus.DRAFT))
    me = service.create(news("我", 3))
    service.create(news("别处", 4, category=SZ))
    newer = service.create(news("新", 5))
    prev, nxt = catalog.neighbours(service.archive, CZ, me.published_at, exclude=me.id)
    assert prev is not None
    assert nxt is not None
    assert (prev.id, prev.title, prev.slug) == (newer.id, "新", newer.slug)
    assert nxt.id == older.id
    assert catalog.neighbours(service.archive, CZ, None) == (None, None)
    assert catalog.neighbours(service.archive, ("没有",), me.published_at) == (None, None)


def test_images_are_stored_once_and_read_back(archive: Archive) -> None:
    stored = catalog.store_image(archive, PNG, "photo.png")
    again = catalog.store_image(archive, PNG, "copy.png")
    assert stored.reference == again.reference
    assert stored.reference == f"media/{stored.sha256}.png"
    assert catalog.asset_bytes(archive, stored.sha256) == ("image/png", PNG)
    assert catalog.asset_bytes(archive, "0" * 64) is None
    with pytest.raises(AssetError):
        catalog.store_image(archive, b"<svg/>", "evil.svg")


def test_neighbours_skip_drafts_and_the_article_itself_to_none(service: ArticleService) -> None:
    wuxi = ("开发区新闻", "无锡", "文字新闻")
    me = service.create(news("我", 3, category=wuxi))
    service.create(news("草稿", 4, category=wuxi, status=ArticleStatus.DRAFT))
    service.create(news("又一稿", 2, category=wuxi, status=ArticleStatus.DRAFT))
    assert catalog.neighbours(service.archive, wuxi, me.published_at, exclude=me.id) == (
        None,
        None,
    )


def test_what_is_an_image_and_how_large_it_may_be(archive: Archive) -> None:
    webp = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20
    assert sniff_image(webp) == ("webp", "image/webp")
    assert sniff_image(b"JUNK\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20) is None  # not RIFF
    with pytest.raises(AssetError, match=r"huge\.png is larger than 50 MB"):
        catalog.store_image(archive, PNG + b"\x00" * MAX_ASSET_BYTES, "huge.png")
    assert catalog.store_image(archive, webp, "a.webp").reference.endswith(".webp")


def test_image_targets_are_replaced_in_markdown_and_html_alike() -> None:
    body = (
        '![图](a.png "标题")\n\n<img alt="x" src="a.png">\n\n'
        "<img src='b.png'>\n\n![另一张](c.png)"
    )
    replaced = replace_image_targets(body, {"a.png": "media/1.png"})
    assert replaced == (
        '![图](media/1.png "标题")\n\n<img alt="x" src="media/1.png">\n\n'
        "<img src='b.png'>\n\n![另一张](c.png)"
    )
    assert image_targets(replaced) == ["media/1.png", "c.png", "media/1.png", "b.png"]
