"""What the preview renders, and the rendering itself: plain data in, an HTML page out.

Runs on a pool thread (``PreviewRenderer`` in ``preview.py`` submits it), so nothing here touches
Qt: the body goes through ``render.render_markdown`` and the page through the export's own
``render_article_page`` with the portal theme, neighbours looked up in the archive (cached).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

from editor.archive import catalog
from editor.archive.database import Archive
from editor.domain.draft import draft_record
from editor.domain.errors import ValidationError
from editor.domain.model import DEFAULT_TZ, ArticleInput, ArticleRecord, ArticleStatus
from editor.export.settings import SiteSettings, defaults, load_site_settings

NEIGHBOUR_CACHE = 128


@dataclass(frozen=True, slots=True)
class PreviewSnapshot:
    """The editor's state at one moment: the fields, the body, what the archive holds."""

    data: ArticleInput
    saved: ArticleRecord | None
    city: str | None


def site_settings(archive: Archive) -> SiteSettings:
    """The archive's site settings; the seeded ones when a stored value is unusable."""
    try:
        return load_site_settings(archive)
    except ValidationError:
        return SiteSettings.from_mapping(defaults())


class _Neighbours:
    """(上一条, 下一条) per (category, time, article), remembered: typing changes neither."""

    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[object, ...], tuple[ArticleRecord | None, ...]] = (
            OrderedDict()
        )

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def __call__(self, record: ArticleRecord) -> tuple[ArticleRecord | None, ArticleRecord | None]:
        key = (record.category, record.published_at, record.id)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                prev, nxt = self._cache[key]
                return prev, nxt
        found = catalog.neighbours(
            self._archive, record.category, record.published_at, exclude=record.id or None
        )
        pair = tuple(_as_record(n, record) if n is not None else None for n in found)
        with self._lock:
            self._cache[key] = pair
            while len(self._cache) > NEIGHBOUR_CACHE:
                self._cache.popitem(last=False)
        return pair[0], pair[1]


def _as_record(found: catalog.Neighbour, near: ArticleRecord) -> ArticleRecord:
    """A neighbour as the record ``render_article_page`` wants (same category as ``near``)."""
    return ArticleRecord(
        id=found.id,
        title=found.title,
        body="",
        body_html="",
        summary="",
        category=near.category,
        zone=None,
        city=None,
        source=None,
        author=None,
        tags=(),
        language=near.language,
        slug=found.slug,
        status=ArticleStatus.PUBLISHED,
        published_at=found.published_at,
        created_at=found.published_at,
        updated_at=found.published_at,
        version=1,
    )


class PagePainter:
    """Renders snapshots into portal pages whose links start at ``root``."""

    def __init__(self, archive: Archive, site: SiteSettings, root: str) -> None:
        self.site = site
        self.root = root
        self.neighbours = _Neighbours(archive)

    def warm_up(self) -> None:
        """Load the renderer and compile the theme's templates (on the pool, after start-up), so
        the first preview comes as quickly as the next ones."""
        data = ArticleInput(title="ZoneDesk", body="**ZoneDesk**", category=("ZoneDesk",))
        self(PreviewSnapshot(data, None, None))

    def __call__(self, snapshot: PreviewSnapshot) -> str:
        # Jinja2, Markdown and nh3 load on the pool, at the first render, not at start-up
        from editor.export.preview import render_article_page  # noqa: PLC0415 - see above
        from editor.render.markdown import render_markdown  # noqa: PLC0415 - see above

        body_html = render_markdown(snapshot.data.body)
        record = draft_record(
            snapshot.data,
            saved=snapshot.saved,
            city=snapshot.city,
            body_html=body_html,
            now=dt.datetime.now(DEFAULT_TZ),
        )
        prev, nxt = self.neighbours(record)
        return render_article_page(record, site=self.site, prev=prev, next=nxt, root=self.root)
