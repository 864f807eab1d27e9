"""What the export reads from the archive, in a few queries, inside one read transaction.

``snapshot()`` loads the light columns of every published article, the category tree, the zones
and the site settings (no bodies); ``bodies()``, ``texts()`` and ``assets()`` then fetch the heavy
columns of just the articles and images being written, a chunk at a time. The queries are plain
SQL that SQLite and PostgreSQL both run, so one code path serves two executors:

- ``SqliteFileSource``: Python's own ``sqlite3`` on a SQLite archive file, read-only. No
  SQLAlchemy, no Alembic: an incremental export of a 10,000-article archive must finish, process
  start included, in half a second, and importing those two costs more than that on its own. It is
  used only when the file is a ZoneDesk archive at the current schema (``fast_sqlite_path``);
  anything else goes through ``open_archive``, which checks, upgrades or refuses it.
- ``ArchiveSource``: an open ``Archive`` (SQLAlchemy engine): PostgreSQL, and the GUI's archive.

Both turn rows into the same plain records; a test checks that they agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from editor.export.leftout import LeftOut
from editor.export.settings import KEYS, SiteSettings, site_values
from editor.export.text import SUSPECT, clean_text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from editor.archive.database import Archive

CHUNK = 500  # ids per IN (...) list
T = TypeVar("T")

_MIGRATIONS = Path(__file__).resolve().parents[1] / "archive" / "migrations" / "versions"
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)
_SHA = re.compile(r"[0-9a-f]{64}")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_NEEDED_TABLES = frozenset({"article", "category", "zone", "source", "setting", "asset"})


class ArticleRow(NamedTuple):
    """The light columns of one published article, times as canonical UTC text.

    ``published`` and ``updated`` read ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC whatever the database
    (so they sort as times and enter fingerprints as they are); ``local_time`` turns them into
    Beijing time. ``tags`` is the stored JSON text (``tag_list`` parses it).
    """

    id: int
    slug: str
    title: str
    published: str  # published_at, created_at when missing
    updated: str
    version: int
    category_id: int
    zone_id: int | None
    source: str | None
    tags: str


@dataclass(frozen=True, slots=True)
class CategoryRow:
    id: int
    parent_id: int | None
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class ZoneRow:
    id: int
    name: str
    city: str


@dataclass(frozen=True, slots=True)
class Snapshot:
    articles: list[ArticleRow]
    categories: list[CategoryRow]
    zones: list[ZoneRow]
    site: SiteSettings
    #: A digest of the source table (the articles' rows carry their source's name).
    sources: str = ""


_ARTICLES_SQL = (
    "SELECT a.id, a.slug, a.title, a.published_at, a.created_at, a.updated_at, a.version, "
    "a.category_id, a.zone_id, s.name, a.tags "
    "FROM article a LEFT JOIN source s ON s.id = a.source_id "
    "WHERE a.deleted_at IS NULL AND a.status = 'published'"
)
_COUNT_SQL = "SELECT count(*) FROM article WHERE deleted_at IS NULL AND status = 'published'"
_CATEGORIES_SQL = "SELECT id, parent_id, name, position FROM category"
_ZONES_SQL = "SELECT id, name, city FROM zone"
_SETTINGS_SQL = "SELECT key, value FROM setting"  # a few rows; no % (psycopg placeholders)
_SOURCES_SQL = "SELECT id, name FROM source ORDER BY id"
_VERSIONS_SQL = "SELECT id, version FROM article WHERE deleted_at IS NULL AND status = 'published'"
#: The live articles the export leaves out: two ranges of the status index (``<>`` or an OR of
#: the two would read the whole table, bodies and all, on SQLite; sorted by ``left_out``).
_LEFT_OUT_SQL = " UNION ALL ".join(
    f"SELECT id, title, status FROM article WHERE status {op} 'published' AND deleted_at IS NULL"
    for op in ("<", ">")
)
#: At most this many changed articles are read again on their own and planned on their own
#: (``site``); more, and reading and planning them all is as quick.
CHANGED_LIMIT = 500


def utc_text(value: Any) -> str:
    """A stored time as canonical UTC text ``YYYY-MM-DD HH:MM:SS.ffffff``."""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " " and value[19] == ".":
            return value  # how SQLAlchemy stores it on SQLite: the common case
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    text: str = value.isoformat(sep=" ", timespec="microseconds")
    return text


def local_time(utc: str) -> str:
    """Canonical UTC text -> Beijing time, ISO 8601 to the second (``2020-10-10T09:00:00+08:00``).

    Asia/Shanghai has been UTC+8 all year since September 1991 (string arithmetic, the day after
    memoised: this runs for every article of every export); earlier times ask zoneinfo.
    """
    if utc >= "1992":
        hour = int(utc[11:13]) + 8
        if hour < 24:
            return f"{utc[:10]}T{hour:02d}{utc[13:19]}+08:00"
        return f"{_next_day(utc[:10])}T{hour - 24:02d}{utc[13:19]}+08:00"
    from editor.domain.model import DEFAULT_TZ  # noqa: PLC0415 - rare, and start-up time

    moment = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
    return moment.astimezone(DEFAULT_TZ).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=8192)
def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def tag_list(raw: str) -> tuple[str, ...]:
    """The tags of an article from their stored JSON text."""
    if not raw or raw == "[]":
        return ()
    try:
        value = json.loads(raw)
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(clean_text(str(t)) for t in value if str(t).strip())


def tag_lists(raws: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``tag_list`` of many stored texts at once: one JSON parse for all of them (the search
    index needs the tags of every article), each text on its own where that parse fails."""
    wanted = [raw for raw in set(raws) if raw and raw != "[]"]
    out: dict[str, tuple[str, ...]] = dict.fromkeys(("", "[]"), ())
    try:
        values = json.loads("[" + ",".join(wanted) + "]")
    except ValueError:
        values = None
    if not isinstance(values, list) or len(values) != len(wanted):
        out.update((raw, tag_list(raw)) for raw in wanted)
        return out
    for raw, value in zip(wanted, values, strict=True):
        if isinstance(value, list):
            out[raw] = tuple(clean_text(str(t)) for t in value if str(t).strip())
        else:
            out[raw] = ()
    return out


def _cleaned(texts: list[str]) -> list[str]:
    """``clean_text`` of each text; one search over all of them when none needs it."""
    if SUSPECT.search("\n".join(texts)) is None:  # a line feed is allowed: it finds nothing
        return texts
    return [clean_text(text) for text in texts]


def _tags_text(value: Any) -> str:
    if value is None:
        return "[]"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _id_list(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class ExportSource:
    """The archive as the export reads it. Subclasses give ``_rows`` and ``close``."""

    location = "?"

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def fast_scans(self, enabled: bool) -> None:
        """Trade memory for speed in the long scans (an incremental export wants speed)."""

    def count(self) -> int:
        """How many articles are published (one quick query)."""
        return int(self._rows(_COUNT_SQL)[0][0])

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def snapshot(self, known: Sequence[Sequence[Any]] = (), known_sources: str = "") -> Snapshot:
        """The light columns of every published article, the taxonomy and the settings.

        ``known``: the article rows of the previous export's snapshot (``ArticleRow`` fields),
        ``known_sources`` its ``sources``. When the same articles are published and the source
        table is as it was, only the articles whose version moved are read again: every change
        the archive writes to an article gives it a new version (SQLAlchemy's version counter,
        which the editor's conflict checks rely on too). A row changed around the archive without
        a new version is read again by a whole read (``export --full``).
        """
        sources = hashlib.blake2b(
            repr(self._rows(_SOURCES_SQL)).encode("utf-8", "surrogatepass"), digest_size=12
        ).hexdigest()
        articles = None
        if known and known_sources == sources:
            articles = self._known_articles(known)
        if articles is None:
            articles = self._articles(_ARTICLES_SQL)
        categories = [
            CategoryRow(cid, parent, clean_text(name), position or 0)
            for cid, parent, name, position in self._rows(_CATEGORIES_SQL)
        ]
        zones = [
            ZoneRow(zid, clean_text(name), clean_text(city or ""))
            for zid, name, city in self._rows(_ZONES_SQL)
        ]
        raw = {key: value for key, value in self._rows(_SETTINGS_SQL) if key in KEYS}
        return Snapshot(articles, categories, zones, site_values(raw), sources)

    def _articles(self, sql: str) -> list[ArticleRow]:
        """The article rows ``sql`` (``_ARTICLES_SQL`` and a condition) finds."""
        found = self._rows(sql)
        # titles and sources are cleaned a column at a time: one look at all of them finds
        # nothing to clean in a normal archive (a 10,000-article one is read on every export)
        titles = _cleaned([row[2] for row in found])
        sources = _cleaned([row[9] or "" for row in found])
        return [
            ArticleRow(
                aid,
                slug,
                title,
                utc_text(published if published is not None else created),
                updated if type(updated) is str and len(updated) == 26 else utc_text(updated),
                version,
                category_id,
                zone_id,
                source or None,
                tags if type(tags) is str else _tags_text(tags),
            )
            for (
                (
                    aid,
                    slug,
                    _,
                    published,
                    created,
                    updated,
                    version,
                    category_id,
                    zone_id,
                    _,
                    tags,
                ),
                title,
                source,
            ) in zip(found, titles, sources, strict=True)
        ]

    def _known_articles(self, known: Sequence[Sequence[Any]]) -> list[ArticleRow] | None:
        """``known`` with the articles whose version moved read again; None when other articles
        are published now, too many changed, or ``known`` is not made of article rows."""
        versions = dict(self._rows(_VERSIONS_SQL))
        if len(versions) != len(known) or set(map(len, known)) != {len(ArticleRow._fields)}:
            return None
        changed: dict[int, int] = {}  # id -> place in known
        try:
            for place, row in enumerate(known):
                version = versions.get(row[0])
                if version is None:
                    return None
                if version != row[5]:
                    changed[row[0]] = place
            if len(changed) > CHANGED_LIMIT:
                return None
            # tuples made ArticleRows in C (their fields were checked when they were read)
            rows = list(map(functools.partial(tuple.__new__, ArticleRow), known))
            for part in _chunks(list(changed)):
                sql = f"{_ARTICLES_SQL} AND a.id IN ({_id_list(part)})"
                for row in self._articles(sql):
                    rows[changed.pop(row.id)] = row
        except (KeyError, IndexError, TypeError, ValueError):  # a damaged state: read them all
            return None
        return None if changed else rows  # one not read: unpublished in between (not here)

    def left_out(self) -> list[LeftOut]:
        """The live articles that are not published (the site leaves them out), by id."""
        rows = sorted(self._rows(_LEFT_OUT_SQL))
        titles = _cleaned([title or "" for _, title, _ in rows])
        return [
            LeftOut(aid, title, str(status))
            for (aid, _, status), title in zip(rows, titles, strict=True)
        ]

    def bodies(self, ids: Sequence[int]) -> dict[int, str]:
        """The cached, sanitized HTML of these articles' bodies."""
        out: dict[int, str] = {}
        for part in _chunks(ids):
            sql = f"SELECT id, body_html FROM article WHERE id IN ({_id_list(part)})"
            out.update((aid, html or "") for aid, html in self._rows(sql))
        return out

    def texts(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """(summary, Markdown body) of these articles, for feed summaries."""
        out: dict[int, tuple[str, str]] = {}
        for part in _chunks(ids):
            sql = f"SELECT id, summary, body FROM article WHERE id IN ({_id_list(part)})"
            out.update((aid, (summary or "", body or "")) for aid, summary, body in self._rows(sql))
        return out

    def assets(self, hashes: Sequence[str]) -> dict[str, tuple[str, bytes]]:
        """sha256 -> (extension, bytes) of the stored images with these hashes."""
        wanted = [h for h in hashes if _SHA.fullmatch(h)]
        out: dict[str, tuple[str, bytes]] = {}
        for part in _chunks(wanted, 100):
            listed = ",".join(f"'{h}'" for h in part)
            sql = f"SELECT sha256, extension, data FROM asset WHERE sha256 IN ({listed})"
            out.update((sha, (ext, bytes(data))) for sha, ext, data in self._rows(sql))
        return out


class SqliteFileSource(ExportSource):
    """A SQLite archive file read with the standard library, in one read transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)
        self._conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, timeout=30, isolation_level=None
        )
        self._conn.execute("PRAGMA busy_timeout=30000")
        self._conn.execute("BEGIN")  # one snapshot for the whole export (WAL readers see one)

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql).fetchall()

    def fast_scans(self, enabled: bool) -> None:
        # memory-mapped reads halve the time of the snapshot's scan (bodies are stored inline,
        # before the columns it reads), but the mapped pages count as the process's memory
        self._conn.execute(f"PRAGMA mmap_size={268435456 if enabled else 0}")

    def close(self) -> None:
        self._conn.close()


class ArchiveSource(ExportSource):
    """An open archive (any database), in one REPEATABLE READ transaction on PostgreSQL."""

    def __init__(self, archive: Archive, *, owned: bool = False) -> None:
        self.archive = archive
        self.location = archive.location
        self._owned = owned
        options = {"isolation_level": "REPEATABLE READ"} if archive.dialect != "sqlite" else {}
        self._conn: Connection = archive.engine.connect().execution_options(**options)
        self._conn.begin()

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._conn.exec_driver_sql(sql)]

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            if self._owned:
                self.archive.close()


# -- choosing the source ---------------------------------------------------------------------------


def sqlite_file_of(url: str | None) -> Path | None:
    """The SQLite file an archive address names (a bare path or ``sqlite:///path``), else None."""
    if not url:
        return None
    text = url.strip()
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            if "?" in text or not text:
                return None
            return Path(text) if text.startswith("/") else Path(text).resolve()
    if "://" in text:
        return None
    return Path(text).expanduser().resolve()


def head_revision() -> str | None:
    """The newest migration, read from the migration files (None when that is unclear)."""
    revisions: dict[str, str | None] = {}
    try:
        for file in _MIGRATIONS.glob("*.py"):
            text = file.read_text(encoding="utf-8")
            rev, down = _REVISION.search(text), _DOWN_REVISION.search(text)
            if rev is None or down is None:
                return None
            revisions[rev.group(1)] = down.group(1)
    except OSError:
        return None
    heads = set(revisions) - {d for d in revisions.values() if d}
    return heads.pop() if len(heads) == 1 else None


def fast_sqlite_path(url: str | None) -> Path | None:
    """The archive file when it can be read directly: SQLite, a ZoneDesk archive, current schema."""
    path = sqlite_file_of(url)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            if fh.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                return None
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
            if not tables >= _NEEDED_TABLES | {"alembic_version"}:
                return None
            version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    head = head_revision()
    return path if head is not None and version == [(head,)] else None


def open_source(url: str | None) -> ExportSource:
    """The export's source for an archive address (None: ``$ZONEDESK_DB`` or the default)."""
    address = url or os.environ.get("ZONEDESK_DB", "").strip() or None
    fast = fast_sqlite_path(address)
    if fast is not None:
        return SqliteFileSource(fast)
    from editor.archive.database import open_archive  # noqa: PLC0415 - heavy; the rare path

    return ArchiveSource(open_archive(address, create=False), owned=True)
