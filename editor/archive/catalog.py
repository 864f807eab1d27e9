"""What the desktop editor reads besides whole articles: light table rows, the category tree with
its counts, zones, sources, slug owners, neighbours, and the images of the media store.

Qt-free, one short unit of work per call, safe to call from a worker thread (each call opens its
own Session). The queries are shaped for a 100,000-article archive:

- ``browse`` selects only the columns the archive table shows (the article rows hold bodies and
  rendered HTML of several KB each: ``ArticleService.list_articles`` reads them whole);
- ``category_tree`` counts every category through the ``(category_id, published_at)`` index and
  subtracts the trashed articles found through the ``(deleted_at, published_at)`` index, so it
  never reads an article row;
- ``neighbours`` walks the ``(category_id, published_at)`` index a few rows at most.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from editor.archive.articles import ArticleService, CategoryTree, ordered_query
from editor.archive.assets import StoredAsset, asset_data, store_asset
from editor.archive.database import Archive
from editor.archive.schema import Article, Asset, Category, Source, Zone
from editor.domain.model import (
    ArticleFilter,
    ArticleStatus,
    CategoryNode,
    Page,
    SortKey,
    ZoneRecord,
)
from editor.text import collation

__all__ = [
    "ArticleRow",
    "Neighbour",
    "asset_bytes",
    "browse",
    "category_tree",
    "neighbours",
    "slug_owner",
    "source_names",
    "store_image",
    "zones",
]

MAX_BROWSE_PAGE = 1000
#: Rows of one category looked at on each side when looking for a published neighbour.
NEIGHBOUR_WINDOW = 20
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the archive table."""

    id: int
    title: str
    zone: str | None
    source: str | None
    published_at: dt.datetime | None
    status: ArticleStatus


@dataclass(frozen=True, slots=True)
class Neighbour:
    """An article next to another in its category: enough for a 上一条/下一条 link."""

    id: int
    title: str
    slug: str
    published_at: dt.datetime


def browse(
    service: ArticleService,
    filters: ArticleFilter | None = None,
    *,
    sort: SortKey = SortKey.PUBLISHED,
    descending: bool = True,
    offset: int = 0,
    limit: int = 100,
    with_total: bool = True,
) -> Page[ArticleRow]:
    """A page of light rows, filtered and sorted the way ``ArticleService.list_articles`` does."""
    filters = filters or ArticleFilter()
    limit = max(1, min(limit, MAX_BROWSE_PAGE))
    offset = max(0, offset)
    with service.archive.session() as session:
        tree = CategoryTree.load(session)
        where = service.filter_conditions(session, tree, filters)
        if where is None:
            return Page([], 0, offset, limit)
        columns = (
            Article.id,
            Article.title,
            Zone.name,
            Source.name,
            Article.published_at,
            Article.status,
        )
        query = ordered_query(columns, where, sort, descending).offset(offset).limit(limit)
        items = [
            ArticleRow(aid, title, zone, source, published, ArticleStatus(status))
            for aid, title, zone, source, published, status in session.execute(query)
        ]
        total = (
            int(session.scalar(select(func.count(Article.id)).where(*where)) or 0)
            if with_total
            else len(items)
        )
        return Page(items, total, offset, limit)


def category_tree(archive: Archive) -> list[CategoryNode]:
    """The category roots, children nested, each counting the live articles of its subtree.

    Siblings are in ``collation.category_sort_key`` order: the regions (cities) in pinyin order,
    the sections and kinds by their positions."""
    with archive.session() as session:
        rows = session.execute(
            select(Category.id, Category.parent_id, Category.name, Category.position)
        ).all()
        every = select(Article.category_id, func.count()).group_by(Article.category_id)
        counts: dict[int, int] = dict(session.execute(every).all())
        trashed = select(Article.id).where(Article.deleted_at > _EPOCH).scalar_subquery()
        for cid, n in session.execute(
            select(Article.category_id, func.count())
            .where(Article.id.in_(trashed))
            .group_by(Article.category_id)
        ):
            counts[cid] = counts.get(cid, 0) - n
    children: dict[int | None, list[tuple[int, str, int]]] = {}
    for cid, pid, name, position in rows:
        children.setdefault(pid, []).append((cid, name, position or 0))

    def level(pid: int | None, depth: int) -> list[tuple[int, str, int]]:
        return sorted(
            children.get(pid, []),
            key=lambda c: collation.category_sort_key(
                depth, c[2], collation.pinyin_key(c[1]), c[0]
            ),
        )

    def build(cid: int, pid: int | None, name: str, path: tuple[str, ...]) -> CategoryNode:
        kids = [build(k, cid, n, (*path, n)) for k, n, _ in level(cid, len(path) + 1)]
        total = counts.get(cid, 0) + sum(k.article_count for k in kids)
        return CategoryNode(cid, name, path, pid, total, kids)

    return [build(cid, None, name, (name,)) for cid, name, _ in level(None, 1)]


def zones(archive: Archive) -> list[ZoneRecord]:
    """Every development zone, by name in pinyin order."""
    with archive.session() as session:
        found = [
            ZoneRecord(z.id, z.name, z.short_name, z.province, z.city, z.level)
            for z in session.scalars(select(Zone))
        ]
    return sorted(found, key=lambda z: collation.pinyin_key(z.name))


def source_names(archive: Archive) -> list[str]:
    """Every source the archive has seen (来源), by name in pinyin order."""
    with archive.session() as session:
        return collation.sorted_names(session.scalars(select(Source.name)))


def slug_owner(archive: Archive, slug: str) -> int | None:
    """The id of the article (live or trashed) whose slug is ``slug``, if any."""
    with archive.session() as session:
        return session.scalar(select(Article.id).where(Article.slug == slug))


def neighbours(
    archive: Archive,
    category: Sequence[str],
    published_at: dt.datetime | None,
    *,
    exclude: int | None = None,
) -> tuple[Neighbour | None, Neighbour | None]:
    """(上一条, 下一条) of an article filed under ``category`` at ``published_at``: the published
    article of the same category just newer, and the one just older. Either may be None."""
    if not category or published_at is None:
        return None, None
    with archive.session() as session:
        node = CategoryTree.load(session).find(category)
        if node is None:
            return None, None
        found: list[Neighbour | None] = []
        for newer in (True, False):
            when = (
                Article.published_at > published_at
                if newer
                else Article.published_at < published_at
            )
            order = Article.published_at.asc() if newer else Article.published_at.desc()
            query = (
                select(
                    Article.id,
                    Article.title,
                    Article.slug,
                    Article.published_at,
                    Article.status,
                    Article.deleted_at,
                )
                .where(Article.category_id == node, when)
                .order_by(order)
                .limit(NEIGHBOUR_WINDOW)
            )
            match = None
            for aid, title, slug, published, status, deleted in session.execute(query):
                if (
                    aid != exclude
                    and deleted is None
                    and published is not None
                    and status == ArticleStatus.PUBLISHED
                ):
                    match = Neighbour(aid, title, slug, published)
                    break
            found.append(match)
        return found[0], found[1]


def store_image(archive: Archive, data: bytes, original_name: str = "") -> StoredAsset:
    """Keep image bytes in the media store (once per content); AssetError when not an image."""
    with archive.session(write=True) as session:
        return store_asset(session, data, original_name)


def asset_bytes(archive: Archive, sha256: str) -> tuple[str, bytes] | None:
    """(media type, bytes) of a stored image, or None."""
    with archive.session() as session:
        media_type = session.scalar(select(Asset.media_type).where(Asset.sha256 == sha256))
        if media_type is None:
            return None
        data = asset_data(session, sha256)
        return None if data is None else (media_type, data)
