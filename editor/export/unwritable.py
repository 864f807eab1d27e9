"""Pages that cannot be written where the plan puts them, and the articles left out for them.

One article must not block the site. A category 100 levels deep puts its listing at a path longer
than the system allows (``ENAMETOOLONG``); a file system may refuse a name (``EINVAL``). The export
then leaves out the articles behind the page (the article itself for its own page; for a listing
or a category feed, every article of that category and the categories below it) and plans the
site again without them, so that no other page links to what is not there: the listings, the
home page, the neighbours' 上一条/下一条, the feeds and the sitemap show only what was written.

Two ways to find such a page: ``predicted`` before anything is rendered (a name or a whole path
longer than the file system's limits, which is what deep categories run into), and a write that
failed (``writer.UnwritablePageError``: the exporter throws the staging folder away and plans and
renders again). A full disk is not one page's problem: it ends the export (``DiskFullError``).

Each article left out so is in the report's ``left_out`` (``leftout.UNWRITABLE``) with the page
that could not be written and why.
"""

from __future__ import annotations

import dataclasses
import errno
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from editor.export.errors import ExportError
from editor.export.leftout import UNWRITABLE, LeftOut
from editor.export.site import SitePlan
from editor.export.source import Snapshot

#: Where ``os.pathconf`` cannot say: Linux's limits.
_NAME_MAX, _PATH_MAX = 255, 4096
_TOO_LONG = os.strerror(errno.ENAMETOOLONG)


def limits(folder: Path) -> tuple[int, int]:
    """The longest file name and the longest path (bytes, the final NUL included in the latter)
    of the file system holding ``folder``."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError):
        return _NAME_MAX, _PATH_MAX


def predicted(paths: Iterable[str], root: Path) -> dict[str, str]:
    """The paths among ``paths`` (checked site paths: ASCII) that cannot be files below
    ``root``, which need not exist yet: path -> the system's words for why."""
    name_max, path_max = limits(root.parent)
    base = len(os.fsencode(root)) + 1
    bad = {}
    for path in paths:
        if base + len(path) >= path_max:
            bad[path] = (
                f"{_TOO_LONG} (the whole path, in {root}, has {base + len(path):,} bytes; "
                f"the limit is {path_max - 1:,})"
            )
        elif len(path) > name_max:
            longest = max(len(part) for part in path.split("/"))
            if longest > name_max:
                bad[path] = f"{_TOO_LONG} (a name of {longest} bytes; the limit is {name_max})"
    return bad


def articles_behind(
    plan: SitePlan, bad: Mapping[str, str], site: Path
) -> dict[int, tuple[str, str]]:
    """The articles to leave out so that the site has none of the ``bad`` paths (path -> why):
    article id -> (the page, why). ExportError for a path no article is behind (the home page,
    an image, the sitemap …): the site cannot be written without it."""
    found: dict[int, tuple[str, str]] = {}
    #: a category's folder -> (its bad page, why), the shortest first: an article is named
    #: with the first of its listings that cannot be written
    folders: dict[str, tuple[str, str]] = {}
    for path, error in sorted(bad.items(), key=lambda item: (len(item[0]), item[0])):
        spec = plan.files.get(path)
        if spec is not None and spec.kind == "article" and spec.article_id is not None:
            found.setdefault(spec.article_id, (path, error))
        elif spec is not None and path.startswith("list/") and spec.kind in ("listing", "feed"):
            folders.setdefault(path.rpartition("/")[0] + "/", (path, error))
        else:
            raise ExportError(
                f"cannot write {path} of the site at {site}: {error}; the site is unchanged"
            )
    if folders:
        for spec in plan.files.values():
            if spec.kind != "article" or spec.article_id is None:
                continue
            url = spec.context()["article"]["category_url"] or ""
            for folder, why in folders.items():
                if url.startswith(folder):
                    found.setdefault(spec.article_id, why)
                    break
    return found


def without(snapshot: Snapshot, ids: Iterable[int]) -> Snapshot:
    """``snapshot`` without the articles ``ids``."""
    gone = frozenset(ids)
    return dataclasses.replace(
        snapshot, articles=[a for a in snapshot.articles if a.id not in gone]
    )


def left_out(snapshot: Snapshot, found: Mapping[int, tuple[str, str]]) -> list[LeftOut]:
    """The report's entries for the articles ``found`` (from the whole ``snapshot``), by id."""
    titles = {a.id: a.title for a in snapshot.articles if a.id in found}
    return [
        LeftOut(aid, titles.get(aid, ""), UNWRITABLE, path=path, error=error)
        for aid, (path, error) in sorted(found.items())
    ]
