"""The article service: every way the CLI and the GUI read and change articles.

Qt-free. Each public method is one short unit of work on the archive. Rows turn into the plain
records of ``editor.domain.model`` before they leave; callers never hold a Session.
"""

from __future__ import annotations

import datetime as dt
import getpass
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from editor.archive import search
from editor.archive.database import Archive
from editor.archive.schema import Article, Category, Revision, Source, Zone, now
from editor.domain.errors import (
    ArchiveBusyError,
    ConflictError,
    FieldProblem,
    NotFoundError,
    ValidationError,
)
from editor.domain.model import (
    DEFAULT_TZ,
    ArticleFilter,
    ArticleInput,
    ArticleRecord,
    ArticleStatus,
    Language,
    Page,
    RevisionKind,
    RevisionRecord,
    SearchHit,
    SortKey,
)
from editor.domain.slug import safe_slug, slugify, unique_slug
from editor.domain.validation import aware, check_article
from editor.render.markdown import render_markdown
from editor.render.plaintext import plain_text

MAX_PAGE_SIZE = 1000


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass(slots=True)
class CategoryTree:
    """All category nodes of an archive, read at once (a few hundred at most)."""

    names: dict[int, str]
    parents: dict[int | None, list[int]]
    parent_of: dict[int, int | None]

    @classmethod
    def load(cls, session: Session) -> CategoryTree:
        names: dict[int, str] = {}
        parents: dict[int | None, list[int]] = {}
        parent_of: dict[int, int | None] = {}
        rows = session.execute(
            select(Category.id, Category.parent_id, Category.name).order_by(
                Category.position, Category.id
            )
        )
        for cid, pid, name in rows:
            names[cid] = name
            parent_of[cid] = pid
            parents.setdefault(pid, []).append(cid)
        return cls(names, parents, parent_of)

    def path(self, category_id: int) -> tuple[str, ...]:
        parts: list[str] = []
        node: int | None = category_id
        while node is not None:
            parts.append(self.names[node])
            node = self.parent_of[node]
        return tuple(reversed(parts))

    def find(self, path: Sequence[str]) -> int | None:
        node: int | None = None
        for name in path:
            match = [c for c in self.parents.get(node, []) if self.names[c] == name]
            if not match:
                return None
            node = match[0]
        return node

    def subtree(self, category_id: int) -> list[int]:
        out, stack = [], [category_id]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(self.parents.get(node, []))
        return out


class ArticleService:
    """Create, read, change, trash and find articles of one archive."""

    def __init__(self, archive: Archive, user: str | None = None) -> None:
        self.archive = archive
        self.user = user or current_user()

    # ----------------------------------------------------------------- reading

    def get(self, article_id: int) -> ArticleRecord:
        with self.archive.session() as session:
            return self.record_in(session, article_id)

    def find_by_external_id(self, external_id: str) -> ArticleRecord | None:
        with self.archive.session() as session:
            aid = session.scalar(select(Article.id).where(Article.external_id == external_id))
            return None if aid is None else self.record_in(session, aid)

    def list_articles(
        self,
        filters: ArticleFilter | None = None,
        *,
        sort: SortKey = SortKey.PUBLISHED,
        descending: bool = True,
        offset: int = 0,
        limit: int = 50,
        with_total: bool = True,
    ) -> Page[ArticleRecord]:
        filters = filters or ArticleFilter()
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        offset = max(0, offset)
        with self.archive.session() as session:
            tree = CategoryTree.load(session)
            where = self.filter_conditions(session, tree, filters)
            if where is None:
                return Page([], 0, offset, limit)
            # The page's ids first, from the filter's index alone; then those rows whole.
            # Sorting whole rows would drag every matching body through the sorter.
            ids_query = ordered_query((Article.id,), where, sort, descending)
            ids_query = ids_query.offset(offset).limit(limit)
            ids = list(session.scalars(ids_query))
            rows = session.execute(_record_query().where(Article.id.in_(ids))).all() if ids else []
            by_id = {row[0].id: _to_record(row, tree) for row in rows}
            items = [by_id[i] for i in ids if i in by_id]
            total = (
                session.scalar(select(func.count(Article.id)).where(*where))
                if with_total
                else len(items)
            )
            return Page(items, int(total or 0), offset, limit)

    def search(
        self,
        query: str,
        filters: ArticleFilter | None = None,
        *,
        offset: int = 0,
        limit: int = 20,
    ) -> Page[SearchHit]:
        """Full-text search over title and body, best matches first, with snippets."""
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        with self.archive.session() as session:
            tree = CategoryTree.load(session)
            filters = filters or ArticleFilter()
            candidates: Select[Any] | None = None
            if replace(filters, trashed=False) != ArticleFilter():
                where = self.filter_conditions(session, tree, filters)
                if where is None:
                    return Page([], 0, offset, limit)
                candidates = select(Article.id).where(*where[1:])  # [0] is the trash condition
            ranked, total = search.search_ids(
                session,
                query,
                limit=limit,
                offset=offset,
                candidate_filter=candidates,
                trashed=filters.trashed,
            )
            if not ranked:
                return Page([], total, offset, limit)
            ids = [aid for aid, _ in ranked]
            rows = session.execute(_record_query().where(Article.id.in_(ids))).all()
            by_id = {row.Article.id: _to_record(row, tree) for row in rows}
            hits = []
            for aid, score in ranked:
                record = by_id.get(aid)
                if record is None:
                    continue
                text, spans = search.snippet(plain_text(record.body), query)
                if not spans:  # the words matched in the title only
                    text, spans = search.snippet(record.title, query)
                hits.append(SearchHit(record, score, text, spans))
            return Page(hits, total, offset, limit)

    def revisions(self, article_id: int) -> list[RevisionRecord]:
        with self.archive.session() as session:
            if session.get(Article, article_id) is None:
                raise NotFoundError(f"there is no article {article_id}")
            rows = session.scalars(
                select(Revision).where(Revision.article_id == article_id).order_by(Revision.number)
            )
            return [
                RevisionRecord(
                    id=r.id,
                    article_id=r.article_id,
                    number=r.number,
                    kind=RevisionKind(r.kind),
                    saved_at=r.saved_at,
                    saved_by=r.saved_by,
                    title=r.title,
                    body=r.body,
                    fields=dict(r.fields),
                )
                for r in rows
            ]

    def count(self, filters: ArticleFilter | None = None) -> int:
        return self.list_articles(filters, limit=1).total

    # ---------------------------------------------------------------- changing

    # Each write runs in ``Archive.write``: one the database gives up to a concurrent writer
    # (PostgreSQL: a serialization failure, a deadlock) runs again from the start, a few times.

    def create(
        self, data: ArticleInput, *, kind: RevisionKind = RevisionKind.CREATE
    ) -> ArticleRecord:
        def work(session: Session) -> ArticleRecord:
            article = self.insert_in(session, data, kind=kind)
            return self.record_in(session, article.id)

        return self.archive.write(work)

    def update(
        self,
        article_id: int,
        data: ArticleInput,
        *,
        expected_version: int,
        kind: RevisionKind = RevisionKind.SAVE,
    ) -> ArticleRecord:
        """Save new fields over an article read at ``expected_version``.

        Raises ConflictError, writing nothing, when the stored article moved on since then.
        """

        def work(session: Session) -> ArticleRecord:
            article = session.get(Article, article_id)
            if article is None:
                raise NotFoundError(f"there is no article {article_id}")
            if article.version != expected_version:
                raise ConflictError(
                    article_id, expected_version, self.record_in(session, article_id)
                )
            self.apply_in(session, article, data, kind=kind)
            return self.record_in(session, article_id)

        try:
            return self.archive.write(work)
        except StaleDataError:
            current = self.get(article_id)
            raise ConflictError(article_id, expected_version, current) from None

    def delete(self, article_id: int) -> ArticleRecord:
        """Move an article to the trash; ``restore`` brings it back."""

        def work(session: Session) -> ArticleRecord:
            article = self._row(session, article_id)
            if article.deleted_at is None:
                article.deleted_at = now()
                article.updated_at = article.deleted_at
            session.flush()
            return self.record_in(session, article_id)

        return self.archive.write(work)

    def restore(self, article_id: int) -> ArticleRecord:
        def work(session: Session) -> ArticleRecord:
            article = self._row(session, article_id)
            if article.deleted_at is not None:
                article.deleted_at = None
                article.updated_at = now()
            session.flush()
            return self.record_in(session, article_id)

        return self.archive.write(work)

    # ------------------------------------------------------- shared with import

    def insert_in(self, session: Session, data: ArticleInput, *, kind: RevisionKind) -> Article:
        """A new article, its search entry and first revision, in the caller's ``session`` (the
        importers keep many articles in one transaction). ValidationError names each problem."""
        resolver = Resolver(session)
        values = self.validated_values(session, resolver, data, None)
        slug = values.pop("slug")
        if slug is None:
            slug = unique_slug(slugify(data.title), resolver.slug_taken)
        moment = now()
        article = Article(slug=slug, created_at=moment, updated_at=moment, **values)
        session.add(article)
        session.flush()
        search.index_article(session, article.id, article.title, article.body)
        self._add_revision(session, article, resolver, kind=kind, number=1)
        return article

    def apply_in(
        self,
        session: Session,
        article: Article,
        data: ArticleInput,
        *,
        kind: RevisionKind,
        resolver: Resolver | None = None,
    ) -> None:
        """``data`` over ``article`` in the caller's ``session``: its search entry when the title
        or body changed, and a new revision of ``kind``. ValidationError names each problem."""
        resolver = resolver or Resolver(session)
        previous = (article.title, article.body)
        values = self.validated_values(session, resolver, data, article)
        slug = values.pop("slug")
        if slug is not None:
            article.slug = slug
        for key, value in values.items():
            setattr(article, key, value)
        article.updated_at = now()
        session.flush()
        if previous != (article.title, article.body):
            search.index_article(session, article.id, article.title, article.body, previous)
        number = (
            session.scalar(
                select(func.max(Revision.number)).where(Revision.article_id == article.id)
            )
            or 0
        ) + 1
        self._add_revision(session, article, resolver, kind=kind, number=number)

    def validated_values(
        self,
        session: Session,
        resolver: Resolver,
        data: ArticleInput,
        existing: Article | None,
        *,
        body_html: str | None = None,
        known_new: bool = False,
    ) -> dict[str, Any]:
        """The row values of ``data``, resolved and checked; ValidationError names each problem.

        ``known_new``: the caller has made sure no article has this external id (bulk import).
        """
        problems = check_article(data)
        slug: str | None = None
        if data.slug is not None and data.slug.strip():
            slug = safe_slug(data.slug)
            if existing is None or slug != existing.slug:
                owner = session.scalar(select(Article.id).where(Article.slug == slug))
                if owner is not None and (existing is None or owner != existing.id):
                    problems.append(
                        FieldProblem("slug", f"“{slug}” is already used by article {owner}")
                    )
        if data.external_id is not None and existing is None and not known_new:
            owner = session.scalar(
                select(Article.id).where(Article.external_id == data.external_id)
            )
            if owner is not None:
                problems.append(
                    FieldProblem("id", f"external id {data.external_id!r} is article {owner}")
                )
        if problems:
            raise ValidationError(problems)
        values: dict[str, Any] = {
            "title": data.title.strip(),
            "body": data.body,
            "body_html": body_html if body_html is not None else render_markdown(data.body),
            "summary": data.summary.strip(),
            "category_id": resolver.category_id(data.category),
            "zone_id": resolver.zone_id(data.zone),
            "source_id": resolver.source_id(data.source),
            "author": (data.author or "").strip() or None,
            "tags": _clean_tags(data.tags),
            "language": Language(data.language).value,
            "status": ArticleStatus(data.status).value,
            "published_at": aware(data.published_at).astimezone(DEFAULT_TZ)
            if data.published_at
            else None,
            "slug": slug,
        }
        if existing is None:
            values["external_id"] = data.external_id or uuid.uuid4().hex
        return values

    def _add_revision(
        self,
        session: Session,
        article: Article,
        resolver: Resolver,
        *,
        kind: RevisionKind,
        number: int,
    ) -> None:
        session.add(
            Revision(
                article_id=article.id,
                number=number,
                kind=kind.value,
                saved_at=article.updated_at,
                saved_by=self.user,
                title=article.title,
                body=article.body,
                fields=snapshot_fields(article, resolver),
            )
        )

    # ----------------------------------------------------------------- helpers

    def _row(self, session: Session, article_id: int) -> Article:
        article = session.get(Article, article_id)
        if article is None:
            raise NotFoundError(f"there is no article {article_id}")
        return article

    def record_in(self, session: Session, article_id: int) -> ArticleRecord:
        """The article as a record, read in the caller's ``session``; NotFoundError if none."""
        row = session.execute(_record_query().where(Article.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"there is no article {article_id}")
        return _to_record(row, CategoryTree.load(session))

    def filter_conditions(
        self, session: Session, tree: CategoryTree, filters: ArticleFilter
    ) -> list[Any] | None:
        """SQL conditions for ``filters``; None when they can match nothing (unknown names)."""
        where: list[Any] = [
            Article.deleted_at.is_not(None) if filters.trashed else Article.deleted_at.is_(None)
        ]
        if filters.category:
            node = tree.find(filters.category)
            if node is None:
                return None
            where.append(Article.category_id.in_(tree.subtree(node)))
        if filters.zone:
            zid = session.scalar(select(Zone.id).where(Zone.name == filters.zone))
            if zid is None:
                return None
            where.append(Article.zone_id == zid)
        if filters.city:
            zone_ids = list(session.scalars(select(Zone.id).where(Zone.city == filters.city)))
            if not zone_ids:
                return None
            where.append(Article.zone_id.in_(zone_ids))
        if filters.source:
            sid = session.scalar(select(Source.id).where(Source.name == filters.source))
            if sid is None:
                return None
            where.append(Article.source_id == sid)
        if filters.status is not None:
            where.append(Article.status == ArticleStatus(filters.status).value)
        if filters.published_from is not None:
            where.append(Article.published_at >= filters.published_from)
        if filters.published_to is not None:
            where.append(Article.published_at < filters.published_to)
        return where


class Resolver:
    """Turns names into ids inside one unit of work, creating unknown sources, zones, categories.

    Keeps what it has looked up, so a batch of thousands of articles asks the database once per
    distinct name.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._tree: CategoryTree | None = None
        self._zones: dict[str, int] = {}
        self._sources: dict[str, int] = {}
        self._names: dict[tuple[str, int], str] = {}

    @property
    def tree(self) -> CategoryTree:
        if self._tree is None:
            self._tree = CategoryTree.load(self.session)
        return self._tree

    def category_id(self, path: Sequence[str]) -> int:
        """The id of the category at ``path``, made (with the levels above it) if need be."""
        tree = self.tree
        node: int | None = None
        for name in (p.strip() for p in path):
            match = [c for c in tree.parents.get(node, []) if tree.names[c] == name]
            if match:
                node = match[0]
                continue
            siblings = tree.parents.setdefault(node, [])
            made = self._get_or_create_category(node, name, len(siblings))
            tree.names[made] = name
            tree.parent_of[made] = node
            siblings.append(made)
            node = made
        assert node is not None, "validation guarantees a non-empty path"
        return node

    def _get_or_create_category(self, parent: int | None, name: str, position: int) -> int:
        """``INSERT … ON CONFLICT DO NOTHING``, then the row: when another writer made the same
        category a moment ago, its row is taken (PostgreSQL waits for the other transaction
        and, at READ COMMITTED, sees its row; a stricter isolation gives the write up to be run
        again, ``Archive.write``). The unique (parent, name) constraint and, for the top
        sections, ``uq_category_root_name`` are the conflicts."""
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        made = self.session.scalar(
            insert(Category)
            .values(parent_id=parent, name=name, position=position)
            .on_conflict_do_nothing()
            .returning(Category.id)
        )
        if made is not None:
            return int(made)
        same_parent = (
            Category.parent_id.is_(None) if parent is None else Category.parent_id == parent
        )
        found = self.session.scalar(select(Category.id).where(same_parent, Category.name == name))
        if found is None:  # the other writer's row is not in this transaction's view: run again
            raise ArchiveBusyError(
                f"another writer was making the category “{name}” at the same moment: "
                "nothing was saved. Save again.",
                retryable=True,
            )
        return int(found)

    def zone_id(self, name: str | None) -> int | None:
        name = (name or "").strip()
        if not name:
            return None
        if name not in self._zones:
            zid = self.session.scalar(select(Zone.id).where(Zone.name == name))
            if zid is None:
                zid = insert_named(self.session, Zone, name)
            self._zones[name] = zid
        return self._zones[name]

    def source_id(self, name: str | None) -> int | None:
        name = (name or "").strip()
        if not name:
            return None
        if name not in self._sources:
            sid = self.session.scalar(select(Source.id).where(Source.name == name))
            if sid is None:
                sid = insert_named(self.session, Source, name)
            self._sources[name] = sid
        return self._sources[name]

    def zone_name(self, zone_id: int | None) -> str | None:
        if zone_id is None:
            return None
        for name, zid in self._zones.items():
            if zid == zone_id:
                return name
        return self.session.scalar(select(Zone.name).where(Zone.id == zone_id))

    def source_name(self, source_id: int | None) -> str | None:
        if source_id is None:
            return None
        for name, sid in self._sources.items():
            if sid == source_id:
                return name
        return self.session.scalar(select(Source.name).where(Source.id == source_id))

    def slug_taken(self, slug: str) -> bool:
        return self.session.scalar(select(Article.id).where(Article.slug == slug)) is not None


def insert_named(session: Session, model: type[Zone] | type[Source], name: str) -> int:
    """The id of a new ``model`` row called ``name``, or of the one another writer has just
    committed (INSERT … ON CONFLICT DO NOTHING, then read): two imports naming one new source
    both get it, neither fails on ``uq_source_name``."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    created = session.scalar(
        insert(model)
        .values(name=name)
        .on_conflict_do_nothing(index_elements=["name"])
        .returning(model.id)
    )
    if created is not None:
        return int(created)
    return int(session.scalars(select(model.id).where(model.name == name)).one())


def snapshot_fields(article: Article, resolver: Resolver) -> dict[str, Any]:
    """Every field of an article but title and body, as JSON, for its revision."""
    return {
        "category": list(resolver.tree.path(article.category_id)),
        "zone": resolver.zone_name(article.zone_id),
        "source": resolver.source_name(article.source_id),
        "author": article.author,
        "summary": article.summary,
        "tags": list(article.tags),
        "language": article.language,
        "slug": article.slug,
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "external_id": article.external_id,
        "version": article.version,
    }


def _clean_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for tag in tags:
        text = str(tag).strip()
        if text:
            seen.setdefault(text[:100], None)
    return list(seen)


def _record_query() -> Select[Article, str, str, str]:
    return (
        select(Article, Zone.name, Zone.city, Source.name)
        .outerjoin(Zone, Article.zone_id == Zone.id)
        .outerjoin(Source, Article.source_id == Source.id)
    )


def ordered_query(
    columns: Sequence[Any], where: Sequence[Any], sort: SortKey, descending: bool
) -> Select[Any]:
    """``columns`` of the articles matching ``where`` in list order (ties: newest id first)."""
    order = _sort_column(sort)
    return (
        select(*columns)
        .outerjoin(Zone, Article.zone_id == Zone.id)
        .outerjoin(Source, Article.source_id == Source.id)
        .where(*where)
        .order_by(
            order.desc() if descending else order.asc(),
            Article.id.desc() if descending else Article.id.asc(),
        )
    )


def _sort_column(sort: SortKey) -> Any:
    return {
        SortKey.PUBLISHED: Article.published_at,
        SortKey.TITLE: Article.title,
        SortKey.UPDATED: Article.updated_at,
        SortKey.ZONE: Zone.name,
        SortKey.SOURCE: Source.name,
        SortKey.STATUS: Article.status,
    }[SortKey(sort)]


def _to_record(row: Any, tree: CategoryTree) -> ArticleRecord:
    article: Article = row[0]
    return ArticleRecord(
        id=article.id,
        title=article.title,
        body=article.body,
        body_html=article.body_html,
        summary=article.summary,
        category=tree.path(article.category_id),
        zone=row[1],
        city=row[2] or None,
        source=row[3],
        author=article.author,
        tags=tuple(article.tags or ()),
        language=Language(article.language),
        slug=article.slug,
        status=ArticleStatus(article.status),
        published_at=article.published_at,
        created_at=article.created_at,
        updated_at=article.updated_at,
        version=article.version,
        external_id=article.external_id,
        deleted_at=article.deleted_at,
    )


def category_for_zone(path: Sequence[str], city: str | None) -> tuple[str, ...]:
    """The category path with its region (second level) set to the zone's city.

    Choosing 江苏金坛经济开发区 (in 常州) turns 开发区新闻 > 苏州 > 文字新闻 into
    开发区新闻 > 常州 > 文字新闻; a path without a region gets one.
    """
    parts = list(path)
    if not city or not parts:
        return tuple(parts)
    if len(parts) == 1:
        return (parts[0], city)
    parts[1] = city
    return tuple(parts)


def published_range(day_from: dt.date | None, day_to: dt.date | None) -> tuple[Any, Any]:
    """Beijing-time day bounds for a date-range filter: [from 00:00, to+1 00:00)."""
    start = dt.datetime.combine(day_from, dt.time(), DEFAULT_TZ) if day_from else None
    end = (
        dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time(), DEFAULT_TZ)
        if day_to
        else None
    )
    return start, end
