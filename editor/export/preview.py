"""One article page as a string, for the GUI's live preview: the export's own templates and code.

    html = render_article_page(record, site=settings, prev=newer, next=older)

The page is the one the export writes for that article (a test checks they are byte for byte the
same), except that listing addresses are computed from the names alone (without the export's
"-2" for two names that slugify alike: nobody follows a link inside the preview anyway). ``root``
is where the page finds the site's root: by default the relative way back from the article's own
path, as in an export; the preview passes a URL (say ``file:///…/preview-site/``) of a folder
where ``theme_assets`` were written and images can be found under ``media/``.
"""

from __future__ import annotations

import functools
from pathlib import Path

from editor.domain.model import DEFAULT_TZ, ArticleRecord
from editor.export import urls
from editor.export.render import Renderer
from editor.export.settings import SiteSettings
from editor.export.site import Context, site_context
from editor.export.templates import Theme
from editor.export.text import clean_optional, clean_text


@functools.lru_cache(maxsize=4)
def _renderer(theme_dir: Path | None, site: SiteSettings) -> Renderer:
    theme = Theme.load(theme_dir)
    return Renderer(theme, site_context(site), theme.static())


def theme_assets(theme_dir: Path | None = None) -> dict[str, bytes]:
    """The theme's static files by published path (``assets/portal.<hash>.css`` -> bytes)."""
    return dict(Theme.load(theme_dir).static_files().values())


def _item(record: ArticleRecord) -> Context:
    published = (record.published_at or record.created_at).astimezone(DEFAULT_TZ)
    path = urls.article_path(published.date(), urls.clean_slug(record.slug))
    folders = []
    folder = "list/"
    for name in record.category:
        folder += urls.name_slug(name) + "/"
        folders.append(folder + "index.html")
    zone_url = f"zone/{urls.name_slug(record.zone)}/index.html" if record.zone else None
    city_url = f"city/{urls.name_slug(record.city)}/index.html" if record.city else None
    return {
        "title": clean_text(record.title),
        "url": path,
        "date": published.strftime("%Y-%m-%d"),
        "datetime": published.isoformat(timespec="seconds"),
        "updated": record.updated_at.astimezone(DEFAULT_TZ).isoformat(timespec="seconds"),
        "source": clean_optional(record.source),
        "zone": clean_optional(record.zone),
        "zone_url": zone_url,
        "city": clean_optional(record.city),
        "city_url": city_url if record.zone else None,
        "category": tuple(clean_text(name) for name in record.category),
        "category_url": folders[-1] if folders else None,
        "_breadcrumb": list(zip((clean_text(n) for n in record.category), folders, strict=True)),
    }


def render_article_page(
    record: ArticleRecord,
    *,
    site: SiteSettings,
    prev: ArticleRecord | None = None,
    next: ArticleRecord | None = None,  # the portal's own word (下一条)
    root: str = "",
    theme: Path | None = None,
) -> str:
    """The page of ``record`` as the export writes it, with ``prev`` (上一条, newer) and ``next``
    (下一条, older) as its neighbours."""
    item = _item(record)
    breadcrumb = item.pop("_breadcrumb")
    tags = tuple(clean_text(tag) for tag in record.tags)
    article = dict(item, id=record.id, tags=tags, breadcrumb=breadcrumb)
    neighbours: list[Context | None] = []
    for other in (prev, next):
        if other is None:
            neighbours.append(None)
        else:
            found = _item(other)
            found.pop("_breadcrumb")
            neighbours.append(found)
    context = {"article": article, "prev": neighbours[0], "next": neighbours[1]}
    renderer = _renderer(theme.resolve() if theme is not None else None, site)
    data, _ = renderer.render(item["url"], "article.html", context, record.body_html, root=root)
    return data.decode("utf-8")
