"""What ``verify`` says of stored articles that input would refuse now, or that the export cannot
write: a category (分类) over the limits of ``editor.domain.validation`` (levels, name length) or
whose listing folder would be too long a path, a slug over its length; and whether a body whose
rendered form is empty really should have one.

Archives hold what older versions, other tools or a hand-written query stored, so each is a
finding in words (by article id and title), never a crash; a category tree whose parents loop is
one too.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from editor.archive.schema import Category
from editor.domain.model import MAX_SLUG_LENGTH
from editor.domain.validation import MAX_CATEGORY_DEPTH, MAX_CATEGORY_NAME, category_problems

#: The longest listing page a category within the limits can have below the export folder
#: (``list/`` + six folders of at most 80 + ``-999`` + ``/`` + ``index-99999.html``): see
#: ``editor.domain.validation``. Longer ones come only from categories over the limits.
MAX_LISTING_PATH_BYTES = 5 + MAX_CATEGORY_DEPTH * (80 + 4 + 1) + 16


def category_findings(session: Session) -> dict[int, str]:
    """Category id -> why articles filed there are a problem (the category and the ones below a
    bad one), for every category that has one."""
    from editor.export.urls import name_slug  # noqa: PLC0415 - pinyin only when verifying

    names: dict[int, str] = {}
    parent_of: dict[int, int | None] = {}
    for cid, pid, name in session.execute(select(Category.id, Category.parent_id, Category.name)):
        names[cid] = name
        parent_of[cid] = pid
    memo: dict[str, str] = {}
    found: dict[int, str] = {}
    for cid in names:
        path: list[str] = []
        seen: set[int] = set()
        node: int | None = cid
        while node is not None and node in names and node not in seen:
            seen.add(node)
            path.append(names[node])
            node = parent_of[node]
        if node is not None:
            found[cid] = (
                f"its category {cid} has parents that loop (category {node})"
                if node in seen
                else f"its category {cid} has a parent that does not exist (category {node})"
            )
            continue
        path.reverse()
        reasons = [p.message for p in category_problems(path)]
        listing = "list/" + "".join(name_slug(n, memo) + "/" for n in path) + "index.html"
        size = len(listing.encode())
        if size > MAX_LISTING_PATH_BYTES:
            reasons.append(
                f"its listing page would be a {size:,}-byte path (at most"
                f" {MAX_LISTING_PATH_BYTES}), which the export cannot write"
            )
        if reasons:
            shown = " > ".join(n if len(n) <= 20 else n[:20] + "…" for n in path[:3])
            more = " > …" if len(path) > 3 else ""
            found[cid] = (
                f"its category {shown}{more}: {'; '.join(reasons)}. Choose a category of at most"
                f" {MAX_CATEGORY_DEPTH} levels of at most {MAX_CATEGORY_NAME} characters for it"
                " in the editor"
            )
    return found


def article_finding(aid: int, title: str | None, reason: str) -> str:
    """One finding about an article, named by its id and title."""
    shown = (title or "").strip()
    shown = shown if len(shown) <= 30 else shown[:30] + "…"
    return f"article {aid} “{shown}”: {reason}"


def slug_finding(slug: str | None) -> str | None:
    """Why the stored ``slug`` is over the limits input holds it to, or None."""
    if slug is not None and len(slug) > MAX_SLUG_LENGTH:
        return (
            f"its slug has {len(slug)} characters; at most {MAX_SLUG_LENGTH} are allowed (the"
            " export names its page by a shortened one, which may clash: give it a shorter slug)"
        )
    return None


def rendered_body_missing(body: str | None, body_html: str | None) -> bool:
    """Whether the stored rendered body is missing: empty while ``body`` renders to something.

    The saver stores ``render_markdown(body)``; a body of nothing but what sanitizing removes
    (``<script>…</script>``, a comment) renders to nothing and is stored so, rightly. The check
    renders the same way the saver does, only for bodies stored without a rendered form.
    """
    if not (body or "").strip() or (body_html or "").strip():
        return False
    from editor.render.markdown import render_markdown  # noqa: PLC0415

    try:
        return bool(render_markdown(body or "").strip())
    except Exception:  # a body that cannot render has no rendered form either
        return True
