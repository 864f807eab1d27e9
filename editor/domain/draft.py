"""An article as it stands in the editor, before it is saved: a record the preview can render."""

from __future__ import annotations

import datetime as dt

from editor.domain.model import ArticleInput, ArticleRecord
from editor.domain.slug import safe_slug, slugify


def draft_record(
    data: ArticleInput,
    *,
    saved: ArticleRecord | None,
    city: str | None,
    body_html: str,
    now: dt.datetime,
) -> ArticleRecord:
    """``data`` as the record it would become if saved now (``saved``: what the archive holds)."""
    if data.slug and data.slug.strip():
        slug = safe_slug(data.slug)
    elif saved is not None:
        slug = saved.slug
    else:
        slug = slugify(data.title)
    return ArticleRecord(
        id=saved.id if saved is not None else 0,
        title=data.title,
        body=data.body,
        body_html=body_html,
        summary=data.summary,
        category=data.category,
        zone=data.zone,
        city=city,
        source=data.source,
        author=data.author,
        tags=data.tags,
        language=data.language,
        slug=slug,
        status=data.status,
        published_at=data.published_at,
        created_at=saved.created_at if saved is not None else now,
        updated_at=now,
        version=saved.version if saved is not None else 0,
        external_id=data.external_id,
    )
