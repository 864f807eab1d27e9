"""The plan of the site: every file it has, what each page shows, and a fingerprint of that.

``plan_site`` turns a ``Snapshot`` of the archive into ``FileSpec``s, one per output file. A
file's fingerprint is a hash of everything its content is made from:

- ``common``: ``RENDER_VERSION``, the theme (every template and static file), the site settings,
  the asset names and the whole taxonomy (category tree, zones, cities, their slugs);
- the *key* of each article it shows: title, path, publication and update times, source, zone id,
  category id (with the taxonomy that gives every name, URL and breadcrumb an item shows), and for
  an article page its version and tags too (the body enters as the version, bumped on every save).

A template sees only values made from these, so a file whose fingerprint is unchanged renders to
the same bytes: the exporter skips it without building its context or loading its body. Contexts
are built (``FileSpec.context()``) only for the files being written.

Orders are fixed: newest first by publication time, ties by id (higher first); categories as the
editor shows them (``collation.category_sort_key``: the regions in pinyin order, sections and kinds
by position, then id); cities and zones by their names in pinyin order. Nothing depends on the
clock.

Neighbours: ``上一条`` is the next newer article in the same category, ``下一条`` the next older one
(the one above and the one below in the category's listing, which is newest first).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
import operator
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from editor.export import urls
from editor.export.settings import SiteSettings
from editor.export.source import (
    CHANGED_LIMIT,
    ArticleRow,
    CategoryRow,
    Snapshot,
    ZoneRow,
    local_time,
    tag_list,
    tag_lists,
)
from editor.export.text import clean_text
from editor.text import collation

#: Bump when the Python side of rendering changes what a page holds: every page is re-rendered.
RENDER_VERSION = "1"

FEED_ENTRIES = 20
HOME_LATEST = 10
HOME_REGION_ITEMS = 6
SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)
#: The format of ``PlanState.to_json``; another one is ignored (the plan is then whole).
STATE_FORMAT = 1
KEY_SIZE = 12  # bytes of an article's key
#: The search index is patched entry by entry for at most this many changed articles (each a
#: copy of the index), built whole for more (as quick as reading it and writing it again); an
#: entry is shorter than the window.
SPLICE_LIMIT = 20
ENTRY_WINDOW = 64 * 1024
_DECODER = json.JSONDecoder()

HOME = "index.html"
ZONES = "zone/index.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
SEARCH_INDEX = "search-index.json"
SEARCH_FIELDS = ("title", "url", "date", "zone", "source", "category", "tags")
#: The ``updated`` of a feed without entries: a fixed time, nothing depends on the clock.
EPOCH = "2000-01-01 00:00:00.000000"


def _stamp(utc: str) -> str:
    """Canonical UTC text as W3C Datetime in UTC (the sitemap's ``lastmod``)."""
    return f"{utc[:10]}T{utc[11:19]}Z"


_NEVER = _stamp(EPOCH)

Context = dict[str, Any]


class Attrs(dict[str, Any]):
    """A dict whose keys templates read as attributes (``item.title``); the template environment
    looks them up as keys first (``render.environment``), and Python code may use either."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def fingerprint(text: str) -> str:
    return digest(text.encode("utf-8", "surrogatepass"))


@dataclass(slots=True)
class FileSpec:
    """One file of the site: where it goes, how it is made, and the fingerprint of its inputs."""

    path: str
    kind: str  # article | listing | home | zones | feed | sitemap | index | asset
    fp: str
    template: str = ""
    build: Callable[[], Context] | None = None
    article_id: int | None = None  # whose body the page shows
    entry_ids: tuple[int, ...] = ()  # feed entries (their summaries are loaded when rendered)
    data: bytes | None = None  # the bytes themselves (theme assets)
    #: The new bytes from the previous export's bytes of this file (None: make it whole).
    patch: Callable[[bytes], bytes | None] | None = None

    def context(self) -> Context:
        return self.build() if self.build is not None else {}


@dataclass(slots=True)
class PlanState:
    """What a plan was made from, kept in the export's manifest for the next plan: the common
    fingerprint, the articles in plan order (newest first) and, for each, its local publication
    time, its path and its key (see the module's docstring)."""

    common: str
    rows: Sequence[tuple[Any, ...]]  # ArticleRow fields (plain tuples when read back)
    dates: list[str]
    paths: list[str]
    keys: list[bytes]
    sources: str = ""  # ``Snapshot.sources``
    found: list[bytes] = field(default_factory=list)  # what the search index shows of each

    def to_json(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "common": self.common,
            "rows": list(map(tuple, self.rows)),  # orjson writes tuples, not named ones
            "dates": " ".join(self.dates),
            "paths": " ".join(self.paths),
            "keys": b"".join(self.keys).hex(),
            "sources": self.sources,
            "found": b"".join(self.found).hex(),
        }

    @classmethod
    def from_json(cls, data: Any) -> PlanState | None:
        """The state ``to_json`` wrote; None for anything else (the next plan is then whole)."""
        try:
            if data.get("format") != STATE_FORMAT:
                return None
            rows = list(map(tuple, data["rows"]))
            columns = [data["dates"], data["paths"]]
            dates, paths = (column.split(" ") if column else [] for column in columns)
            keys, found = map(_digests, (data["keys"], data["found"]))
            common, sources = data["common"], data["sources"]
        except (AttributeError, KeyError, TypeError, ValueError):
            return None
        if not (isinstance(common, str) and len(rows) == len(dates) == len(paths) == len(keys)):
            return None
        if len(found) != len(rows) or not isinstance(sources, str):
            return None
        return cls(common, rows, dates, paths, keys, sources, found)  # split made them str


def _digests(text: str) -> list[bytes]:
    """``KEY_SIZE``-byte digests from their hex text, one after the other (sliced in C)."""
    blob = bytes.fromhex(text)
    starts = range(0, len(blob), KEY_SIZE)
    return list(map(blob.__getitem__, map(slice, starts, range(KEY_SIZE, len(blob) + 1, KEY_SIZE))))


@dataclass(slots=True)
class SitePlan:
    """``files``: every file of the site; for a *partial* plan only the files the changed
    articles touch (and the sitemap, the search index and the theme's assets), every other file
    being the previous export's, unchanged."""

    files: dict[str, FileSpec]
    site: Context  # the settings as templates see them
    assets: dict[str, str]  # theme file name -> its content-hashed path
    slugs: dict[str, str]  # name -> pinyin slug, of the names used (kept in the manifest)
    articles: int = 0
    partial: bool = False
    state: PlanState | None = None


def site_context(site: SiteSettings) -> Context:
    return Attrs({key[len("site.") :]: clean_text(value) for key, value in site.as_dict().items()})


# -- taxonomy ------------------------------------------------------------------------------------


#: Where the slug memo keeps the pinyin reading of a name (``collation.reading``), beside its
#: slug: the tag before the name (a stripped name never starts with it).
READING_TAG = "\x1f"


class _Taxonomy:
    """Categories, zones and cities with their listing folders."""

    def __init__(
        self, categories: list[CategoryRow], zones: list[ZoneRow], memo: MutableMapping[str, str]
    ) -> None:
        self.category = {c.id: c for c in categories}
        self.children: dict[int | None, list[int]] = {}
        for c in categories:
            parent = c.parent_id if c.parent_id in self.category else None
            self.children.setdefault(parent, []).append(c.id)
        self.memo = memo
        self.used: dict[str, str] = {}
        self._name_keys: dict[str, collation.SortKey] = {}
        self._sort_children(None, 1)
        self.folder: dict[int, str] = {}
        self._folders(None, "list/")
        self.zone = {z.id: z for z in zones}
        ordered = sorted(zones, key=lambda z: z.id)
        zone_slugs = urls.unique_slugs(((z.id, z.name) for z in ordered), self.slug)
        self.zone_folder = {zid: f"zone/{slug}/" for zid, slug in zone_slugs.items()}
        cities: dict[str, int] = {}
        for z in ordered:
            if z.city:
                cities.setdefault(z.city, z.id)
        city_slugs = urls.unique_slugs(((c, c) for c in cities), self.slug)
        self.city_folder = {city: f"city/{slug}/" for city, slug in city_slugs.items()}
        self._chains: dict[int, tuple[int, ...]] = {}
        self.key = repr(
            (
                sorted((c.id, c.parent_id, c.name, c.position) for c in categories),
                [(z.id, z.name, z.city) for z in ordered],
                sorted(self.folder.items()),
                sorted(self.zone_folder.items()),
                sorted(self.city_folder.items()),
            )
        )

    def _sort_children(self, parent: int | None, depth: int) -> None:
        """Siblings in the editor's order (``collation.category_sort_key``): regions by pinyin,
        sections and kinds by position."""
        kids = self.children.get(parent, [])
        kids.sort(
            key=lambda cid: collation.category_sort_key(
                depth, self.category[cid].position, self.name_key(self.category[cid].name), cid
            )
        )
        for cid in kids:
            self._sort_children(cid, depth + 1)

    def name_key(self, name: str) -> collation.SortKey:
        """``collation.pinyin_key(name)``, from the reading kept with the slugs when there is one
        (an incremental export loads no pypinyin for it); the reading is kept for the next."""
        found = self._name_keys.get(name)
        if found is not None:
            return found
        tag = READING_TAG + name
        kept = self.memo.get(tag)
        found = collation.key_of_reading(name, kept) if kept is not None else None
        if found is None or kept is None:
            kept = collation.reading(name)
            found = collation.pinyin_key(name)
        self.used[tag] = kept
        self._name_keys[name] = found
        return found

    def names_in_order(self, names: Iterable[str]) -> list[str]:
        """``names`` (of cities) in pinyin order."""
        return sorted(names, key=self.name_key)

    def zones_in_order(self, zone_ids: Iterable[int]) -> list[int]:
        """``zone_ids`` by their zones' names in pinyin order."""
        return sorted(zone_ids, key=lambda zid: (self.name_key(self.zone[zid].name), zid))

    def slug(self, name: str) -> str:
        slug = urls.name_slug(name, self.memo)
        self.used[name] = slug
        return slug

    def _folders(self, parent: int | None, base: str) -> None:
        kids = self.children.get(parent, [])
        slugs = urls.unique_slugs(
            ((cid, self.category[cid].name) for cid in sorted(kids)), self.slug
        )
        for cid in kids:
            self.folder[cid] = f"{base}{slugs[cid]}/"
            self._folders(cid, self.folder[cid])

    def chain(self, category_id: int) -> tuple[int, ...]:
        """The ids from the top section down to ``category_id``."""
        found = self._chains.get(category_id)
        if found is None:
            parts: list[int] = []
            node: int | None = category_id
            while node is not None and node in self.category and node not in parts:
                parts.append(node)
                node = self.category[node].parent_id
            found = tuple(reversed(parts))
            self._chains[category_id] = found
        return found

    def breadcrumb(self, category_id: int) -> list[tuple[str, str]]:
        return [
            (self.category[c].name, self.folder[c] + "index.html") for c in self.chain(category_id)
        ]

    def tree_order(self, root: int | None = None) -> Iterable[int]:
        for node in self.children.get(root, []):
            yield node
            yield from self.tree_order(node)


# -- the plan --------------------------------------------------------------------------------------


_newest = operator.itemgetter(3, 0)  # (published, id) of an ArticleRow
#: Where an article sits in the site: id, slug, publication time, category, zone.
_place = operator.itemgetter(0, 1, 3, 6, 7)
#: What the search index shows of an article besides its place: title, source, tags.
_searched = operator.itemgetter(2, 8, 9)


def _contains(members: list[int], index: int) -> bool:
    """Whether the sorted list ``members`` holds ``index``."""
    at = bisect.bisect_left(members, index)
    return at < len(members) and members[at] == index


def _deduplicated(paths: list[str], ids: list[int]) -> list[str]:
    """Paths made unique by the article id, for the second and later of equal ones."""
    taken: set[str] = set()
    out = []
    for path, aid in zip(paths, ids, strict=True):
        if path in taken:
            path = f"{path[:-5]}-{aid}.html"
        taken.add(path)
        out.append(path)
    return out


class _Planner:
    def __init__(
        self,
        snapshot: Snapshot,
        theme_fp: str,
        assets: dict[str, str],
        memo: MutableMapping[str, str],
    ) -> None:
        self.site = site_context(snapshot.site)
        self.assets = assets
        self.base_url = snapshot.site.base_url
        self.tax = _Taxonomy(snapshot.categories, snapshot.zones, memo)
        self.common = fingerprint(
            "\x1e".join(
                (
                    RENDER_VERSION,
                    theme_fp,
                    repr(self.site),
                    repr(sorted(assets.items())),
                    self.tax.key,
                )
            )
        )
        self.common_bytes = self.common.encode()
        self.rows = sorted(snapshot.articles, key=_newest, reverse=True)
        self.sources = snapshot.sources
        self.files: dict[str, FileSpec] = {}
        self.paths: list[str] = []
        self.keys: list[bytes] = []  # a digest of what an item shows, per article
        self.dates: list[str] = []  # local ISO time of publication
        self.found: list[bytes] = []  # a digest of what the search index shows, per article
        self._items: list[Context | None] = [None] * len(self.rows)
        #: Partial plan: the indices of the changed articles (None: plan every file).
        self.dirty: set[int] | None = None
        #: Every page in plan order, with the articles it shows (the sitemap lists them).
        self.pages: list[tuple[str, str, Sequence[int]]] = []
        #: Partial plan: the pages (places in ``pages``) whose last change may have moved.
        self.moved: set[int] = set()
        self._sitemap_moved = self._index_moved = True
        self._before: Sequence[tuple[Any, ...]] = ()  # partial plan: the previous plan's rows

    def add(self, spec: FileSpec) -> None:
        if spec.path in self.files:  # the writer refuses this too; planning must never get here
            raise ValueError(f"two files planned at {spec.path}")
        self.files[spec.path] = spec

    def touched(self, members: Iterable[int]) -> bool:
        """Whether a file made from these articles is to be planned."""
        dirty = self.dirty
        return dirty is None or not dirty.isdisjoint(members)

    # ---------------------------------------------------------------- items

    def item(self, index: int) -> Context:
        """What a list, a neighbour link or a feed shows of article ``index`` (built once)."""
        found = self._items[index]
        if found is not None:
            return found
        tax, row = self.tax, self.rows[index]
        zone = tax.zone.get(row.zone_id) if row.zone_id is not None else None
        city = zone.city if zone is not None else ""
        chain = tax.chain(row.category_id)
        when = self.dates[index]
        item: Context = Attrs(
            {
                "title": row.title,
                "url": self.paths[index],
                "date": when[:10],
                "datetime": when,
                "updated": local_time(row.updated),
                "source": row.source,
                "zone": zone.name if zone else None,
                "zone_url": tax.zone_folder[zone.id] + "index.html" if zone else None,
                "city": city or None,
                "city_url": tax.city_folder[city] + "index.html" if city else None,
                "category": tuple(tax.category[c].name for c in chain),
                "category_url": tax.folder[chain[-1]] + "index.html" if chain else None,
            }
        )
        self._items[index] = item
        return item

    def _items_of(self, indices: Iterable[int]) -> list[Context]:
        return [self.item(i) for i in indices]

    # ---------------------------------------------------------------- the plan

    def reuse(self, previous: PlanState) -> bool:
        """Take what ``previous`` computed for the articles that did not change, and plan only
        the files the changed ones touch: when the site's frame (``common``) is the same, the
        same articles are published, and none of them moved (its slug, publication time,
        category and zone are as they were), so that every listing, neighbour and path is
        unchanged. False (nothing taken) otherwise."""
        rows, old = self.rows, previous.rows
        if previous.common != self.common or len(rows) != len(old):
            return False
        dirty = list(itertools.compress(range(len(rows)), map(operator.ne, rows, old)))
        if len(dirty) > CHANGED_LIMIT:
            return False
        for index in dirty:
            new, was = rows[index], old[index]
            if len(was) != len(new) or _place(new) != _place(was):
                return False
        self.dates, self.paths = previous.dates, previous.paths
        self.keys, self.found = list(previous.keys), list(previous.found)
        for index in dirty:
            self.keys[index] = self._key(rows[index], self.paths[index])
            self.found[index] = self._found(rows[index], self.paths[index])
        self.dirty = set(dirty)
        self._before = old
        # the sitemap shows every article's key (its update time), the search index every
        # article's title, tags and source: unchanged when no changed article's are new
        self._sitemap_moved = any(self.keys[i] != previous.keys[i] for i in dirty)
        self._index_moved = any(_searched(rows[i]) != _searched(old[i]) for i in dirty)
        return True

    @staticmethod
    def _key(row: ArticleRow, path: str) -> bytes:
        return hashlib.blake2b(
            f"{row.title}\x1f{path}\x1f{row.published}\x1f{row.updated}\x1f{row.source}"
            f"\x1f{row.zone_id}\x1f{row.category_id}".encode("utf-8", "surrogatepass"),
            digest_size=KEY_SIZE,
        ).digest()

    @staticmethod
    def _found(row: ArticleRow, path: str) -> bytes:
        """A digest of what the search index shows of an article (not its update time: a new
        body changes nothing there)."""
        return hashlib.blake2b(
            f"{row.title}\x1f{path}\x1f{row.tags}\x1f{row.source}\x1f{row.zone_id}"
            f"\x1f{row.category_id}".encode("utf-8", "surrogatepass"),
            digest_size=KEY_SIZE,
        ).digest()

    def plan(self, previous: PlanState | None = None) -> SitePlan:
        tax, rows = self.tax, self.rows
        if previous is None or not self.reuse(previous):
            self._columns()
        by_leaf: dict[int, list[int]] = {}  # category id -> its own articles
        for index, category_id in enumerate([row.category_id for row in rows]):
            by_leaf.setdefault(category_id, []).append(index)
        by_zone: dict[int, list[int]] = {}
        for index, zone_id in enumerate([row.zone_id for row in rows]):
            if zone_id is not None:
                by_zone.setdefault(zone_id, []).append(index)

        # every node lists its own articles and its descendants', newest first (= index order)
        by_category: dict[int, list[int]] = {}
        for category_id, members in by_leaf.items():
            for node in tax.chain(category_id):
                by_category.setdefault(node, []).extend(members)
        for members in by_category.values():
            members.sort()
        by_leaf = {c: m for c, m in by_leaf.items() if c in tax.category}
        by_zone = {z: m for z, m in by_zone.items() if z in tax.zone}
        by_city: dict[str, list[int]] = {}
        for zone_id, members in by_zone.items():
            city = tax.zone[zone_id].city
            if city:
                by_city.setdefault(city, []).extend(members)
        for members in by_city.values():
            members.sort()

        self._articles(by_leaf)
        self._category_listings(by_category)
        self._zone_listings(by_zone, by_city)
        self._home(by_category)
        self._feed(FEED, self.site["name"], HOME, list(range(min(FEED_ENTRIES, len(rows)))))
        if self.dirty is None or self._sitemap_moved:
            self._sitemap()
        if self.dirty is None or self._index_moved:
            self._search_index()
        state = PlanState(
            self.common, rows, self.dates, self.paths, self.keys, self.sources, self.found
        )
        return SitePlan(
            self.files,
            self.site,
            self.assets,
            dict(tax.used),
            len(rows),
            partial=self.dirty is not None,
            state=state,
        )

    def _columns(self) -> None:
        """What every article needs, a column at a time (comprehensions: this runs for every
        article of every whole plan)."""
        rows = self.rows
        dates = self.dates = [local_time(when) for when in [row.published for row in rows]]
        slugs = [row.slug for row in rows]
        if not urls.all_clean(slugs):
            slugs = [urls.clean_slug(slug) for slug in slugs]
        paths = self.paths = [
            f"news/{when[:4]}/{when[5:7]}/{when[8:10]}/{slug}.html"
            for when, slug in zip(dates, slugs, strict=True)
        ]
        if len(set(paths)) != len(paths):  # only when slugs were mangled outside ZoneDesk
            paths = self.paths = _deduplicated(paths, [row.id for row in rows])
        key, found = self._key, self._found
        self.keys = [key(row, path) for row, path in zip(rows, paths, strict=True)]
        self.found = [found(row, path) for row, path in zip(rows, paths, strict=True)]

    # ---------------------------------------------------------------- articles

    def _articles(self, by_leaf: dict[int, list[int]]) -> None:
        count = len(self.rows)
        newer: list[int | None] = [None] * count
        older: list[int | None] = [None] * count
        for members in by_leaf.values():
            for pos in range(len(members) - 1):
                older[members[pos]] = members[pos + 1]
                newer[members[pos + 1]] = members[pos]
        common, keys, paths, files = self.common_bytes, self.keys, self.paths, self.files
        build, partial, blake2b = self._article_context, functools.partial, hashlib.blake2b
        none = b""
        rows = self.rows
        self.pages.extend([(path, "article", (index,)) for index, path in enumerate(paths)])
        self.moved.update(self.dirty or ())  # an article's page is its index's place
        if self.dirty is None:
            wanted: Iterable[int] = range(count)
        else:  # a changed article, and the pages whose 上一条 or 下一条 it is
            around = {n for d in self.dirty for n in (newer[d], older[d]) if n is not None}
            wanted = sorted(self.dirty | around)
        for index in wanted:  # paths are unique (plan checked it)
            row = rows[index]
            above, below = newer[index], older[index]
            fp = blake2b(
                b"".join(
                    (
                        common,
                        keys[index],
                        f"{row.version}\x1f{row.tags}".encode("utf-8", "surrogatepass"),
                        keys[above] if above is not None else none,
                        keys[below] if below is not None else none,
                    )
                ),
                digest_size=12,
            ).hexdigest()
            path = paths[index]
            files[path] = FileSpec(
                path, "article", fp, "article.html", partial(build, index, above, below), row.id
            )

    def _article_context(self, index: int, above: int | None, below: int | None) -> Context:
        row = self.rows[index]
        article = Attrs(self.item(index))
        article["id"] = row.id
        article["tags"] = tag_list(row.tags)
        article["breadcrumb"] = self.tax.breadcrumb(row.category_id)
        return {
            "article": article,
            "prev": self.item(above) if above is not None else None,
            "next": self.item(below) if below is not None else None,
        }

    # ---------------------------------------------------------------- listings

    def _listing(
        self,
        folder: str,
        kind: str,
        title: str,
        breadcrumb: list[tuple[str, str]],
        members: list[int],
        feed: str | None,
    ) -> None:
        keys = self.keys
        count = urls.page_count(len(members))
        listing = Attrs(kind=kind, title=title, breadcrumb=breadcrumb, feed_url=feed)
        size = urls.PAGE_SIZE
        pages = self.pages
        first = len(pages)  # the sitemap's line of page 1
        for number in range(1, count + 1):
            pages.append(
                (
                    urls.listing_page(folder, number),
                    "listing",
                    members[(number - 1) * size : number * size],
                )
            )
        if self.dirty is None:
            numbers: Iterable[int] = range(1, count + 1)
        else:  # the pages a changed article is on (members are in index order)
            numbers = sorted(
                {
                    bisect.bisect_left(members, index) // size + 1
                    for index in self.dirty
                    if _contains(members, index)
                }
            )
            self.moved.update(first + number - 1 for number in numbers)
        for number in numbers:
            path, _, chunk = pages[first + number - 1]
            head = f"{path}\x1e{count}\x1e{len(members)}\x1e".encode()
            fp = digest(b"".join([self.common_bytes, head, *[keys[i] for i in chunk]]))
            build = functools.partial(self._listing_context, listing, folder, members, number)
            self.add(FileSpec(path, "listing", fp, "list.html", build))

    def _listing_context(
        self, listing: Context, folder: str, members: list[int], number: int
    ) -> Context:
        size = urls.PAGE_SIZE
        count = urls.page_count(len(members))
        page = functools.partial(urls.listing_page, folder)
        pagination = Attrs(
            {
                "number": number,
                "count": count,
                "total": len(members),
                "first": page(1) if number > 1 else None,
                "prev": page(number - 1) if number > 1 else None,
                "next": page(number + 1) if number < count else None,
                "last": page(count) if number < count else None,
                "window": [
                    (n, page(n)) for n in range(max(1, number - 2), min(count, number + 2) + 1)
                ],
            }
        )
        items = self._items_of(members[(number - 1) * size : number * size])
        return {"listing": listing, "items": items, "pagination": pagination}

    def _category_listings(self, by_category: dict[int, list[int]]) -> None:
        tax = self.tax
        for node in tax.tree_order():
            members = by_category.get(node)
            if not members:
                continue
            folder = tax.folder[node]
            feed = folder + "feed.xml"
            crumbs = tax.breadcrumb(node)
            self._listing(folder, "category", tax.category[node].name, crumbs, members, feed)
            title = " > ".join(name for name, _ in crumbs) + " - " + self.site["name"]
            self._feed(feed, title, folder + "index.html", members)

    def _zone_listings(self, by_zone: dict[int, list[int]], by_city: dict[str, list[int]]) -> None:
        tax = self.tax
        directory = ("开发区名录", ZONES)
        for city in tax.names_in_order(by_city):
            folder = tax.city_folder[city]
            crumbs = [directory, (city, folder + "index.html")]
            self._listing(folder, "city", city, crumbs, by_city[city], None)
        for zid in sorted(by_zone):
            zone = tax.zone[zid]
            folder = tax.zone_folder[zid]
            crumbs = [directory]
            if zone.city:
                crumbs.append((zone.city, tax.city_folder[zone.city] + "index.html"))
            crumbs.append((zone.name, folder + "index.html"))
            self._listing(folder, "zone", zone.name, crumbs, by_zone[zid], None)
        counts = repr(
            (
                sorted((z, len(m)) for z, m in by_zone.items()),
                sorted((c, len(m)) for c, m in by_city.items()),
            )
        )
        self.moved.add(len(self.pages))  # it shows the newest change of all
        self.pages.append((ZONES, "zones", range(len(self.rows))))
        if self.dirty is not None:
            return  # it shows only how many articles each zone and city has
        fp = fingerprint(f"{self.common}\x1e{ZONES}\x1e{counts}")
        build = functools.partial(self._zones_context, by_zone, by_city)
        self.add(FileSpec(ZONES, "zones", fp, "zones.html", build))

    def _zones_context(
        self, by_zone: dict[int, list[int]], by_city: dict[str, list[int]]
    ) -> Context:
        tax = self.tax
        cities: list[Context] = [
            Attrs(
                {
                    "name": city,
                    "url": tax.city_folder[city] + "index.html",
                    "count": len(by_city[city]),
                    "zones": [],
                }
            )
            for city in tax.names_in_order(by_city)
        ]
        by_name = {c["name"]: c for c in cities}
        loose: list[Context] = []
        for zid in tax.zones_in_order(by_zone):
            zone = tax.zone[zid]
            entry = Attrs(
                name=zone.name, url=tax.zone_folder[zid] + "index.html", count=len(by_zone[zid])
            )
            (by_name[zone.city]["zones"] if zone.city in by_name else loose).append(entry)
        return {"cities": cities, "zones": loose}

    def _home(self, by_category: dict[int, list[int]]) -> None:
        tax = self.tax
        regions: list[tuple[int, list[int]]] = []
        for top in tax.children.get(None, []):
            for node in tax.children.get(top, []):
                if by_category.get(node):
                    regions.append((node, by_category[node][:HOME_REGION_ITEMS]))
        if not regions:
            for top in tax.children.get(None, []):
                if by_category.get(top):
                    regions.append((top, by_category[top][:HOME_REGION_ITEMS]))
        latest = list(range(min(HOME_LATEST, len(self.rows))))
        self.moved.add(len(self.pages))
        self.pages.append((HOME, "home", range(len(self.rows))))
        if not self.touched([*latest, *(i for _, members in regions for i in members)]):
            return
        keys = self.keys
        parts = [self.common_bytes, HOME.encode(), *[keys[i] for i in latest]]
        for node, members in regions:
            parts.append(f"\x1e{node}:".encode())
            parts.extend(keys[i] for i in members)
        fp = digest(b"".join(parts))
        build = functools.partial(self._home_context, latest, regions)
        self.add(FileSpec(HOME, "home", fp, "home.html", build))

    def _home_context(self, latest: list[int], regions: list[tuple[int, list[int]]]) -> Context:
        tax = self.tax
        return {
            "latest": self._items_of(latest),
            "regions": [
                Attrs(
                    {
                        "name": tax.category[node].name,
                        "url": tax.folder[node] + "index.html",
                        "path": tax.breadcrumb(node),
                        "news": self._items_of(members),
                    }
                )
                for node, members in regions
            ],
        }

    # ---------------------------------------------------------------- derived files

    def _feed(self, path: str, title: str, alternate: str, members: list[int]) -> None:
        chosen = members[:FEED_ENTRIES]
        if not self.touched(chosen):
            return
        rows, keys = self.rows, self.keys
        head = f"{path}\x1e{title}\x1e{alternate}\x1e".encode()
        versions = ",".join(str(rows[i].version) for i in chosen).encode()
        fp = digest(b"".join([self.common_bytes, head, versions, *[keys[i] for i in chosen]]))
        build = functools.partial(self._feed_context, path, title, alternate, chosen)
        ids = tuple(rows[i].id for i in chosen)
        self.add(FileSpec(path, "feed", fp, "atom.xml", build, entry_ids=ids))

    def _feed_context(self, path: str, title: str, alternate: str, chosen: list[int]) -> Context:
        newest = max((self.rows[i].updated for i in chosen), default=EPOCH)
        feed = Attrs(
            {
                "title": title,
                "id": self.base_url + path,
                "self_url": self.base_url + path,
                "alternate_url": self.base_url + urls.pretty(alternate),
                "updated": local_time(newest),
            }
        )
        entries = [Attrs(self.item(i), id=self.rows[i].id) for i in chosen]
        return {"feed": feed, "entries": entries}

    def _sitemap(self) -> None:
        pages = self.pages
        count = max(1, -(-len(pages) // SITEMAP_LIMIT))
        everything = digest(b"".join([self.common_bytes, *self.keys]))
        if count == 1:
            build = functools.partial(self._sitemap_context, pages, 0, 1)
            patch = self._patch_sitemap if self.dirty is not None else None
            self.add(FileSpec(SITEMAP, "sitemap", everything, build=build, patch=patch))
            return
        for number in range(1, count + 1):
            name = f"sitemap-{number}.xml"
            build = functools.partial(self._sitemap_context, pages, number - 1, count)
            self.add(FileSpec(name, "sitemap", everything, build=build))
        build = functools.partial(self._sitemap_index_context, pages, count)
        self.add(FileSpec(SITEMAP, "sitemap", everything, build=build))

    def _sitemap_urls(self, pages: list[tuple[str, str, Sequence[int]]]) -> list[tuple[str, str]]:
        """(address, last change) of every page in plan order (articles newest first, then the
        listings)."""
        # W3C Datetime sorts as the stored text does: a page's newest is the greatest
        stamps = [_stamp(when) for when in [row.updated for row in self.rows]]
        newest = max(stamps, default=_NEVER)
        entry, stamp_of = self._sitemap_entry, stamps.__getitem__
        return [entry(page, stamp_of, newest) for page in pages]

    def _sitemap_entry(
        self, page: tuple[str, str, Sequence[int]], stamp_of: Callable[[int], str], newest: str
    ) -> tuple[str, str]:
        """A page's address and last change (``stamp_of`` an article's, ``newest`` the whole
        site's); times in UTC (``Z``), as W3C Datetime allows, so they need no conversion."""
        path, kind, shows = page
        if kind == "article":
            return self.base_url + path, stamp_of(shows[0])
        loc = self.base_url + urls.pretty(path)
        if isinstance(shows, range) or not shows:
            return loc, newest if shows else _NEVER
        return loc, max(map(stamp_of, shows))

    def _patch_sitemap(self, previous: bytes) -> bytes | None:
        """The sitemap from the previous export's: the lines of the pages whose last change may
        have moved (``moved``) made again, the others kept (a sitemap's line ``2 + n`` is page
        ``n``'s). None when the previous one does not have this plan's shape."""
        from editor.export.derived import sitemap_line  # noqa: PLC0415 - a light module

        lines = previous.split(b"\n")
        pages, rows = self.pages, self.rows
        if len(lines) != len(pages) + 4 or lines[-2:] != [b"</urlset>", b""]:
            return None
        newest = _stamp(max((row.updated for row in rows), default=EPOCH))

        def stamp_of(index: int) -> str:
            return _stamp(rows[index].updated)

        for place in sorted(self.moved):
            loc, last = self._sitemap_entry(pages[place], stamp_of, newest)
            line = sitemap_line("url", loc, last).encode("utf-8")
            if not lines[place + 2].startswith(line.partition(b"</loc>")[0]):
                return None  # not this page's line: the previous sitemap is not what it seems
            lines[place + 2] = line
        return b"\n".join(lines)

    def _sitemap_context(
        self, pages: list[tuple[str, str, Sequence[int]]], part: int, count: int
    ) -> Context:
        everything = self._sitemap_urls(pages)
        size = -(-len(everything) // count)
        return {"urls": everything[part * size : (part + 1) * size]}

    def _sitemap_index_context(
        self, pages: list[tuple[str, str, Sequence[int]]], count: int
    ) -> Context:
        everything = self._sitemap_urls(pages)
        size = -(-len(everything) // count)
        sitemaps = [
            (
                f"{self.base_url}sitemap-{n + 1}.xml",
                max(m for _, m in everything[n * size : (n + 1) * size]),
            )
            for n in range(count)
        ]
        return {"sitemaps": sitemaps}

    def _search_index(self) -> None:
        head = f"{RENDER_VERSION}\x1e{self.tax.key}\x1e".encode("utf-8", "surrogatepass")
        fp = digest(b"".join([head, *self.found]))
        patch = None
        if self.dirty is not None and len(self.dirty) <= SPLICE_LIMIT:
            patch = self._splice_search_index  # more changed: building it whole is as quick
        self.add(FileSpec(SEARCH_INDEX, "index", fp, build=self._search_context, patch=patch))

    def _splice_search_index(self, previous: bytes) -> bytes | None:
        """The previous search index with each changed article's title, source and tags put in
        its entry in place (a partial plan moved no article, so every other value stands), found
        by its previous title and its path (and checked: the bytes found are exactly those the
        entry's values make), without reading the whole index; None when one is not found so."""
        rows, before, paths = self.rows, self._before, self.paths
        if not previous.startswith(b'{"format":1,') or not previous.endswith(b"]}\n"):
            return None  # not a whole index (the exporter checked its hash: never seen)
        out = previous
        for index in sorted(self.dirty or ()):
            row, path = rows[index], paths[index]
            head = b"[" + orjson.dumps(before[index][2]) + b"," + orjson.dumps(path) + b","
            at = out.find(head)
            if at < 0 or out.find(head, at + 1) >= 0:
                return None
            window = out[at : at + ENTRY_WINDOW].decode("utf-8", "ignore")
            try:
                entry, _ = _DECODER.raw_decode(window)
            except ValueError:
                return None
            found = orjson.dumps(entry)
            if out[at : at + len(found)] != found or len(entry) != len(SEARCH_FIELDS):
                return None
            tags = list(tag_list(row.tags))
            fresh = [row.title, path, entry[2], entry[3], row.source, entry[5], tags]
            out = b"".join((out[:at], orjson.dumps(fresh), out[at + len(found) :]))
        return out

    def _search_context(self) -> Context:
        """The search box's index: one array per article, its columns named by ``fields``; zones
        and categories are numbers into the ``zones`` ([name, city]) and ``categories`` (the path
        of names) tables, numbered as they first come; newest article first. Built a column at a
        time (a title edit rewrites it)."""
        tax, rows = self.tax, self.rows
        zone_ids = [row.zone_id for row in rows]
        category_ids = [row.category_id for row in rows]
        listed = [tax.zone[zid] for zid in dict.fromkeys(zone_ids) if zid in tax.zone]
        zone_number: dict[int | None, int] = {zone.id: n for n, zone in enumerate(listed)}
        category_number = {cid: n for n, cid in enumerate(dict.fromkeys(category_ids))}
        zones = [[zone.name, zone.city or None] for zone in listed]
        categories = [[tax.category[c].name for c in tax.chain(cid)] for cid in category_number]
        raw_tags = [row.tags for row in rows]
        tags = {raw: list(found) for raw, found in tag_lists(raw_tags).items()}
        articles = list(
            zip(
                [row.title for row in rows],
                self.paths,
                [when[:10] for when in self.dates],
                [zone_number.get(zid) for zid in zone_ids],
                [row.source for row in rows],
                [category_number[cid] for cid in category_ids],
                [tags[raw] for raw in raw_tags],
                strict=True,
            )
        )
        return {
            "format": 1,
            "fields": list(SEARCH_FIELDS),
            "zones": zones,
            "categories": categories,
            "articles": articles,
        }


def plan_site(
    snapshot: Snapshot,
    *,
    theme_fp: str,
    assets: dict[str, str],
    static: dict[str, bytes],
    slug_memo: MutableMapping[str, str] | None = None,
    previous: PlanState | None = None,
) -> SitePlan:
    """Every file of the site for ``snapshot`` with the theme's assets (path -> bytes); only
    the files that changed articles touch when ``previous`` (the state of the plan of the
    previous export) allows it (``SitePlan.partial``)."""
    planner = _Planner(snapshot, theme_fp, assets, slug_memo if slug_memo is not None else {})
    plan = planner.plan(previous)
    for path, data in sorted(static.items()):
        plan.files[path] = FileSpec(path, "asset", fingerprint(path), data=data)
    return plan
