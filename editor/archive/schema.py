"""The archive's schema: every table of a ZoneDesk archive, in one module.

SQLAlchemy 2 declarative models with typed ``Mapped[...]`` columns. Rows never leave the
archive package: the repository turns them into the plain objects of ``editor.domain``.

The full-text index is not declared here because its shape depends on the database: an FTS5
virtual table ``article_fts`` on SQLite, a table ``article_search`` with a ``tsvector`` and a GIN
index on PostgreSQL. Both are created by the migrations and maintained by
``editor.archive.search``.

Times are stored in UTC (a naive UTC text on SQLite, ``timestamptz`` on PostgreSQL) and come back
as aware datetimes in Asia/Shanghai, whatever the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from editor.domain.model import DEFAULT_TZ

#: The newest Alembic migration: an archive at this revision needs no migrating, so opening it
#: does not load alembic at all. A test checks it against the migrations folder.
SCHEMA_REVISION = "0005"

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as UTC; read back in Asia/Shanghai.

    A naive value is refused: every time in ZoneDesk carries its zone.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # a raw SQLite text, e.g. from a hand-written query
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        result: dt.datetime = value.astimezone(DEFAULT_TZ)
        return result


def now() -> dt.datetime:
    """The current time, as every time of the archive reads back: in Asia/Shanghai."""
    return dt.datetime.now(DEFAULT_TZ)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """Archive-wide settings as text: site name, slogan, contact, base URL, word lists."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"Setting({self.key!r})"


class Category(Base):
    """A node of the category tree: section > region > kind (开发区新闻 > 常州 > 文字新闻)."""

    __tablename__ = "category"
    __table_args__ = (
        UniqueConstraint("parent_id", "name"),
        # NULLs differ in the constraint above: the top sections have an index of their own
        # (migration 0005), so two writers creating one new section cannot make it twice
        Index(
            "uq_category_root_name",
            "name",
            unique=True,
            sqlite_where=text("parent_id IS NULL"),
            postgresql_where=text("parent_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("category.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Category | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"Category({self.id}, {self.name!r}, parent={self.parent_id})"


class Zone(Base):
    """A development zone (开发区), e.g. 江苏金坛经济开发区 in 常州, 江苏."""

    __tablename__ = "zone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(100), default="")
    province: Mapped[str] = mapped_column(String(50), default="")
    city: Mapped[str] = mapped_column(String(50), default="", index=True)
    level: Mapped[str] = mapped_column(String(50), default="")

    def __repr__(self) -> str:
        return f"Zone({self.id}, {self.name!r}, city={self.city!r})"


class Source(Base):
    """Where an article comes from (来源), e.g. 金坛手机台."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    def __repr__(self) -> str:
        return f"Source({self.id}, {self.name!r})"


class Article(Base):
    __tablename__ = "article"
    __table_args__ = (
        # Each filter of the archive browser has an index that also holds deleted_at and
        # published_at, so a filtered, dated page and its count never read an article row.
        Index("ix_article_live_published", "deleted_at", "published_at"),
        Index("ix_article_category_published", "category_id", "deleted_at", "published_at"),
        Index("ix_article_zone_published", "zone_id", "deleted_at", "published_at"),
        Index("ix_article_source_published", "source_id", "deleted_at", "published_at"),
        Index("ix_article_status_published", "status", "deleted_at", "published_at"),
        # the incremental export's question: which published articles' versions moved
        Index("ix_article_status_versions", "status", "deleted_at", "id", "version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="RESTRICT"))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zone.id", ondelete="SET NULL"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    author: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(10), default="zh-CN")
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now, index=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Long texts last: SQLite stores a row's columns in order, so the short ones above stay on
    # the row's first page and lists and indexes never read through bodies.
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")

    category: Mapped[Category] = relationship(lazy="raise")
    zone: Mapped[Zone | None] = relationship(lazy="raise")
    source: Mapped[Source | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def __repr__(self) -> str:
        return f"Article({self.id}, {self.title[:20]!r}, v{self.version})"


class Revision(Base):
    """A full snapshot of an article, written on every save: nothing is ever lost."""

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    saved_by: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(200))
    #: every other field as it was: category path, zone, source, author, tags, status, times …
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    body: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"Revision(article={self.article_id}, #{self.number}, {self.kind})"


class Asset(Base):
    """An image or other file of a body, stored content-addressed by its SHA-256.

    The bytes live in the archive itself, so a shared PostgreSQL archive and a backup carry them.
    Bodies reference an asset as ``media/<sha256>.<ext>``.
    """

    __tablename__ = "asset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    extension: Mapped[str] = mapped_column(String(10))
    media_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)

    @property
    def reference(self) -> str:
        return f"media/{self.sha256}.{self.extension}"

    def __repr__(self) -> str:
        return f"Asset({self.sha256[:12]}…, {self.media_type}, {self.size} B)"


class Autosave(Base):
    """Unsaved editor text, one row per editing session (an editor tab's client-chosen key).

    It holds the editor's whole content, so a never-saved article survives a crash too; for an
    existing article the same text is also an AUTOSAVE revision (``revision_id``). The row goes
    when the writer saves deliberately or declines to restore it. See ``editor.archive.autosave``.
    """

    __tablename__ = "autosave"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id", ondelete="SET NULL"))
    #: the article version the editor was editing (None for a new article)
    base_version: Mapped[int | None] = mapped_column(Integer)
    saved_by: Mapped[str] = mapped_column(String(100), index=True)
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    #: the editor window (its instance id) and when it last said it is alive
    instance: Mapped[str] = mapped_column(String(64), default="")
    heartbeat_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    title: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    body: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"Autosave({self.key!r}, article={self.article_id}, by={self.saved_by!r})"


class ArticleLock(Base):
    """A soft lock: who has an article open for editing; stale once its heartbeat stops."""

    __tablename__ = "article_lock"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    user: Mapped[str] = mapped_column(String(100))
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    #: one per editor window, so two windows of one user are told apart
    instance: Mapped[str] = mapped_column(String(64), index=True)
    acquired_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"ArticleLock({self.article_id}, {self.user}@{self.host}:{self.pid})"


class ChangeCounter(Base):
    """One row (id 1) counting committed changes to articles, for cheap change polling.

    Database triggers on ``article`` bump it (created by migration 0003), so every way of writing
    an article counts, import included. See ``editor.archive.changes``.
    """

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)

    def __repr__(self) -> str:
        return f"ChangeCounter({self.value})"


#: Tables an archive must hold; a database without them is not a ZoneDesk archive.
ARCHIVE_TABLES = frozenset(Base.metadata.tables)
