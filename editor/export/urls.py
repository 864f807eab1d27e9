"""Paths of the exported site: stable, readable, and safe as file names.

Every path is relative to the site's root and uses ``/``:

- an article:      ``news/2020/10/10/<slug>.html``   (its day in Asia/Shanghai, its archive slug)
- a category:      ``list/kai-fa-qu-xin-wen/chang-zhou/wen-zi-xin-wen/index.html`` (then
                   ``index-2.html``, ``index-3.html`` …: never a folder, which a child category's
                   slug could take)
- a zone, a city:  ``zone/<slug>/index.html``, ``city/<slug>/index.html``
- feeds:           ``feed.xml`` (the whole site), ``list/…/feed.xml`` (one category)

**Stability.** The slug of an article is its archive slug: made once from the first title and kept
when the title changes, so editing a title never moves a page. The date part is the day of
``published_at``: correcting the publication *day* of a published article moves its page to the
new day's folder. The export then writes the new page, rewrites the pages linking to it and removes
the old one (an old link to it stops working, exactly as when an article is unpublished); the
sitemap and the feeds name the new address. Times within the same day change nothing.

Listing slugs come from the names (pinyin) and are made unique among their siblings in a fixed
order (by id, i.e. by creation), so the first of two names that slugify alike keeps the plain slug
and a later one gets ``-2``: adding a name never renames an existing listing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, MutableMapping
from typing import TypeVar

#: A safe path segment: lower-case ASCII letters, digits, ``-``, ``_`` and inner dots.
_SEGMENT = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,158}[a-z0-9])?")
#: An archive slug that needs no cleaning (what ``safe_slug`` makes): the common, fast case.
_CLEAN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_IN_SLUGS = re.compile(r"[^a-z0-9\n-]")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
_NAME_SLUG_LENGTH = 80
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,10}")

PAGE_SIZE = 20

K = TypeVar("K")


def safe_segment(segment: str) -> str:
    """``segment`` made safe as one file or folder name: itself when it already is.

    A stem that is not safe goes through the slug rules (pinyin, ``[a-z0-9-]``); the extension
    keeps its letters and digits. Never empty, never ``.`` or ``..``, never a separator.
    """
    if _SEGMENT.fullmatch(segment) and segment.split(".", 1)[0] not in _RESERVED:
        return segment
    stem, dot, ext = segment.rpartition(".")
    if not dot or not _EXTENSION.fullmatch(ext) or not any(c.isalnum() for c in stem):
        stem, ext = segment, ""  # no extension worth keeping: the whole segment is slugged
    from editor.domain.slug import safe_slug  # noqa: PLC0415 - the rare path (start-up time)

    cleaned = safe_slug(stem, max_length=120)
    return f"{cleaned}.{ext.lower()}" if ext else cleaned


def check_path(path: str) -> str:
    """``path`` when each of its segments is already safe; ValueError naming the bad one."""
    for segment in path.split("/"):
        if safe_segment(segment) != segment:
            raise ValueError(f"unsafe path segment {segment!r} in {path!r}")
    return path


def clean_slug(slug: str) -> str:
    """An archive slug checked again (the archive may have been written by other tools)."""
    if (  # the common case, checked with string methods only: [a-z0-9]+(-[a-z0-9]+)*
        slug.isascii()
        and slug.islower()
        and slug.replace("-", "").isalnum()
        and slug[0] != "-"
        and slug[-1] != "-"
        and "--" not in slug
        and len(slug) <= 120
        and slug not in _RESERVED
    ):
        return slug
    if len(slug) <= 120 and _CLEAN_SLUG.fullmatch(slug) and slug not in _RESERVED:
        return slug  # digits only
    from editor.domain.slug import safe_slug  # noqa: PLC0415 - the rare path (start-up time)

    return safe_slug(slug)


def all_clean(slugs: list[str]) -> bool:
    """Whether every slug is already clean (a few passes over them all: the common case)."""
    if not slugs:
        return True
    joined = "\n".join(slugs)
    return (
        _NOT_IN_SLUGS.search(joined) is None
        and "--" not in joined
        and "\n-" not in joined
        and "-\n" not in joined
        and "\n\n" not in joined
        and joined[0] not in "-\n"
        and joined[-1] not in "-\n"
        and max(map(len, slugs)) <= 120
        and _RESERVED.isdisjoint(slugs)
    )


def name_slug(name: str, memo: MutableMapping[str, str] | None = None) -> str:
    """The pinyin slug of a category, zone or city name (memoised: pinyin costs time)."""
    if memo is not None:
        found = memo.get(name)
        if found is not None and _CLEAN_SLUG.fullmatch(found):
            return found
    from editor.domain.slug import slugify  # noqa: PLC0415 - not when the memo knows the name

    slug = slugify(name, max_length=_NAME_SLUG_LENGTH)
    if memo is not None:
        memo[name] = slug
    return slug


def unique_slugs(
    names: Iterable[tuple[K, str]], slug_of: Callable[[str], str], taken: Iterable[str] = ()
) -> dict[K, str]:
    """A slug for each (key, name), unique among them, in the given order: the first keeps the
    plain slug, later ones get ``-2``, ``-3`` …"""
    used = set(taken)
    out: dict[K, str] = {}
    for key, name in names:
        base = slug_of(name)
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out[key] = slug
    return out


def article_path(day: dt.date, slug: str) -> str:
    return f"news/{day.year:04d}/{day.month:02d}/{day.day:02d}/{slug}.html"


def listing_page(folder: str, number: int) -> str:
    """Page ``number`` (1-based) of the listing in ``folder`` (which ends with ``/``)."""
    return f"{folder}index.html" if number == 1 else f"{folder}index-{number}.html"


def page_count(items: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-items // size))


def root_of(path: str) -> str:
    """The relative way from the page at ``path`` back to the site's root (``../../``)."""
    return "../" * path.count("/")


def pretty(path: str) -> str:
    """The public form of a path: ``list/a/index.html`` -> ``list/a/``; ``index.html`` -> ``""``."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path
