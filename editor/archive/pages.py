"""Import of the portal's article pages: each saved page (HTML or its text) becomes an article.

    report = import_pages(service, [Path("saved/"), Path("12345.html")])

``editor.portalpage`` reads a page; this module files what it read. Each page is one unit of work,
so a page that fails leaves the others, and everything saved before, as they were.

- Identity: an article made from a page has the page's address as its external id when the saved
  page carries it, otherwise the key of its title, date and zone (``jsonl.natural_key``). Importing
  the page again finds that article and updates it with a revision, or writes nothing when nothing
  changed: never a duplicate.
- A field the page lacks is reported (file and field) and the article is saved as a draft: a new
  one gets the file's name as its title and the category 待分类 when those are missing; an
  existing one keeps its own value of that field. A draft whose page is complete on a later
  import is published; any other status stays as the newsroom set it.
- Images of an HTML page that are local files (the ``_files`` folder a browser saves beside the
  page) go into the media store, as the JSON Lines import does; remote images stay links, and a
  relative image of a page whose address is known becomes a link to the portal.
- A file that is no page (binary, too large, undecodable, nothing of an article in it) is
  reported and skipped. A link inside a folder given that leads out of it (to a system file,
  say) is never opened: it is skipped with a warning naming it.
- Each page is written after the import lock (``jsonl.write_import``) and written again when a
  concurrent writer made it fail. A page the archive cannot take (a full disk, a read-only
  archive) stops the import with ``ImportStoppedError``, which says which pages were committed.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from editor.archive import assets
from editor.archive.articles import ArticleService, Resolver, published_range
from editor.archive.database import optimize
from editor.archive.importing import ImportStoppedError, stop_reason, write_import
from editor.archive.jsonlparse import natural_key
from editor.archive.schema import Article, Zone
from editor.domain.errors import ArchiveBusyError, ArchiveError, ZoneDeskError
from editor.domain.model import (
    MAX_TITLE_LENGTH,
    ArticleInput,
    ArticleStatus,
    Language,
    RevisionKind,
)
from editor.portalpage import MAX_PAGE_BYTES, PageError, PortalPage, parse_page
from editor.portalpage.fields import single_spaced, without_controls

log = logging.getLogger("zonedesk.pages")

#: The files a folder is searched for.
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".txt")
#: Where an article goes whose page names no category (the newsroom files it later).
UNFILED = ("待分类",)
#: An external id is at most this long; a longer address is kept as its hash.
MAX_EXTERNAL_ID = 200

Progress = Callable[[int, int], None]

_EMPTY_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*\)")


#: What became of an article whose page lacks a field.
DRAFT = "draft"  # a new article, saved as a draft
KEPT = "kept"  # an article imported before: it keeps its own value of that field

CONSEQUENCES = {DRAFT: "imported as a draft", KEPT: "the article keeps its own value"}


@dataclass(slots=True)
class PageProblem:
    file: str
    reason: str
    field: str | None = None
    outcome: str | None = None  # DRAFT or KEPT, for a field the page lacks

    def __str__(self) -> str:
        text = f"{self.file}: {self.field}: " if self.field else f"{self.file}: "
        text += self.reason
        if self.outcome:
            text += f"; {CONSEQUENCES[self.outcome]}"
        return text


@dataclass(slots=True)
class PageImportReport:
    pages: int = 0  # files read
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    drafts: int = 0  # articles saved or kept as drafts because their page lacks a field
    bad: list[PageProblem] = field(default_factory=list)  # files not imported
    missing: list[PageProblem] = field(default_factory=list)  # fields a page lacks
    warnings: list[PageProblem] = field(default_factory=list)  # images and the like
    article_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    stopped_at: str | None = None  # the page an ImportStoppedError rolled back
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Every page imported with every field."""
        return not self.bad and not self.missing

    def as_dict(self) -> dict[str, Any]:
        def rows(problems: list[PageProblem]) -> list[dict[str, Any]]:
            return [
                {"file": p.file, "field": p.field, "reason": p.reason, "outcome": p.outcome}
                for p in problems
            ]

        return {
            "pages": self.pages,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "drafts": self.drafts,
            "bad": rows(self.bad),
            "missing": rows(self.missing),
            "warnings": rows(self.warnings),
            "articles": list(self.article_ids),
            "cancelled": self.cancelled,
            "stopped_at": self.stopped_at,
            "seconds": round(self.seconds, 3),
        }


# -------------------------------------------------------------------------------- the files


def page_files(
    paths: Iterable[Path], warnings: list[PageProblem] | None = None
) -> tuple[list[Path], list[PageProblem]]:
    """The pages to import: each file given, and the pages inside each folder given (its
    subfolders too, but not the ``*_files`` folders of saved pages); a problem for each path
    that does not exist or a folder without pages. A link in a folder whose target is outside
    that folder is left out unopened, with a warning in ``warnings``."""
    files: list[Path] = []
    problems: list[PageProblem] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = _folder_pages(path, warnings if warnings is not None else [])
            if not found:
                problems.append(
                    PageProblem(str(path), "no pages (.html, .htm, .txt) in this folder")
                )
        elif path.is_file():
            found = [path]
        else:
            problems.append(PageProblem(str(path), "no such file or folder"))
            continue
        for page in found:
            key = page.resolve()
            if key not in seen:
                seen.add(key)
                files.append(page)
    return files, problems


def _folder_pages(folder: Path, warnings: list[PageProblem]) -> list[Path]:
    """The pages under ``folder`` whose real place is inside it (a link's target is resolved
    before the file is looked at, and never opened when it leads out)."""
    root = folder.resolve()
    pages = []
    for candidate in sorted(folder.rglob("*")):
        if candidate.suffix.lower() not in PAGE_SUFFIXES or any(
            _skipped_folder(part) for part in candidate.relative_to(folder).parts[:-1]
        ):
            continue
        try:
            target = candidate.resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling link, a loop of links
            if candidate.is_symlink():
                warnings.append(PageProblem(str(candidate), "a link to nothing; skipped"))
            continue
        if not target.is_relative_to(root):
            warnings.append(
                PageProblem(
                    str(candidate),
                    f"a link to {target}, outside the folder {folder}; skipped, not opened",
                )
            )
            continue
        if target.is_file():
            pages.append(candidate)
    return pages


def _skipped_folder(name: str) -> bool:
    lowered = name.lower()
    return name.startswith(".") or lowered.endswith(("_files", ".files", "_文件", "-files"))


def read_page(path: Path) -> PortalPage:
    """One file read as a page; PageError (the reason in words) when it is none."""
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(
                f"{size / 1e6:.1f} MB is too large for an article page "
                f"(at most {MAX_PAGE_BYTES // 1_000_000} MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot be read: {exc.strerror or exc}") from None
    try:
        return parse_page(data, path.name)
    except PageError:
        raise
    except Exception as exc:  # markup no parser expects (nesting too deep …): skip this file only
        log.warning("page %s not read", path, exc_info=True)
        raise PageError(f"cannot be read as a page ({type(exc).__name__})") from None


# ------------------------------------------------------------------------------- importing


def import_pages(
    service: ArticleService,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PageImportReport:
    """Import every page of ``paths`` (files or folders); see the module's docstring."""
    started = time.perf_counter()
    report = PageImportReport()
    files, problems = page_files(paths, report.warnings)
    report.bad.extend(problems)
    for done, path in enumerate(files, start=1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        report.pages += 1
        try:
            _import_one(service, path, report)
        except ArchiveBusyError:  # written again and again, always given up to other writers
            report.bad.append(
                PageProblem(
                    str(path),
                    "other writers kept changing its article at the same moment; "
                    "nothing of it was saved, import it again",
                )
            )
        except (ArchiveError, DBAPIError) as exc:  # a full disk, a read-only archive: stop
            report.stopped_at = str(path)
            report.seconds = time.perf_counter() - started
            raise ImportStoppedError(_stopped_message(service, report, path, exc), report) from exc
        except ZoneDeskError as exc:  # not a page, or an article the archive refuses
            report.bad.append(PageProblem(str(path), str(exc)))
        except (ValueError, OverflowError, RecursionError) as exc:  # a value no check foresaw
            log.warning("page %s not imported", path, exc_info=True)
            report.bad.append(
                PageProblem(str(path), f"cannot be stored ({type(exc).__name__}: {exc})")
            )
        if progress is not None:
            progress(done, len(files))
    if report.created or report.updated:
        optimize(service.archive)
    report.seconds = time.perf_counter() - started
    return report


def _stopped_message(
    service: ArticleService, report: PageImportReport, path: Path, exc: BaseException
) -> str:
    """What stopped a page import, which pages are kept, and the way on."""
    reason, way = stop_reason(service.archive, exc, "import the same pages again")
    committed = report.created + report.updated + report.unchanged
    kept = (
        f"{committed} pages were committed before it and are kept ({report.created} new, "
        f"{report.updated} updated, {report.unchanged} unchanged)."
        if committed
        else "No page was committed: the archive is as it was."
    )
    return (
        f"{reason}. The import stopped at {path}, which was rolled back whole, and the pages "
        f"after it were not read. {kept} {way}: the pages already imported are found unchanged."
    )


def _import_one(service: ArticleService, path: Path, report: PageImportReport) -> None:
    page = read_page(path)
    if {"category", "published_at", "source", "zone"} <= page.missing:
        raise PageError(
            "not an article page: neither a breadcrumb (您现在的位置) nor a 发布时间/来源 line"
        )
    name = str(path)
    article_id, outcome, draft, warnings = write_import(
        service.archive, functools.partial(_file_page, service, page=page, path=path)
    )
    setattr(report, outcome, getattr(report, outcome) + 1)
    report.article_ids.append(article_id)
    report.warnings.extend(PageProblem(name, w) for w in warnings)
    result = DRAFT if outcome == "created" else KEPT
    report.missing += [PageProblem(name, p.message, p.field, result) for p in page.problems]
    if draft and page.problems:
        report.drafts += 1


def _file_page(
    service: ArticleService, session: Session, *, page: PortalPage, path: Path
) -> tuple[int, str, bool, list[str]]:
    """The page's article created or updated in ``session`` (run again whole when a concurrent
    writer made it fail): its id, ``created``/``updated``/``unchanged``, whether it is a draft,
    and the warnings about its images."""
    body, warnings = _media(session, page, path.parent)
    keys = _keys(page, path)
    article = _find(session, keys) or _same_article(session, page)
    resolver = Resolver(session)
    if article is None:
        data = _new_input(page, path, body, keys[0])
        created = service.insert_in(session, data, kind=RevisionKind.IMPORT)
        article_id, outcome = created.id, "created"
        draft = data.status is ArticleStatus.DRAFT
    else:
        data = _merged_input(page, article, resolver, body)
        if _differs(article, data, resolver):
            url_key = keys[0] if page.url else None
            if url_key and article.external_id != url_key and _find(session, [url_key]) is None:
                article.external_id = url_key  # the page's address is the better key
            service.apply_in(session, article, data, kind=RevisionKind.IMPORT, resolver=resolver)
            outcome = "updated"
        else:
            outcome = "unchanged"
        article_id = article.id
        draft = data.status is ArticleStatus.DRAFT
    return article_id, outcome, draft, warnings


def external_key(url: str) -> str:
    """The external id of a page's address (its hash when the address is very long)."""
    if len(url) <= MAX_EXTERNAL_ID:
        return url
    import hashlib  # noqa: PLC0415 - seldom needed

    return "url:" + hashlib.sha1(url.encode()).hexdigest()


def _keys(page: PortalPage, path: Path) -> list[str]:
    """The external ids that name this page's article, the preferred one first."""
    keys = [external_key(page.url)] if page.url else []
    title = page.title or _title_from_file(path)
    keys.append(natural_key(ArticleInput(title, published_at=page.published_at, zone=page.zone)))
    return keys


def _find(session: Session, keys: Sequence[str]) -> Article | None:
    for key in keys:
        article = session.scalar(select(Article).where(Article.external_id == key))
        if article is not None:
            return article
    return None


def _same_article(session: Session, page: PortalPage) -> Article | None:
    """An article of the same title, day and zone that no other page's address claims (the
    same page imported before in its other form, or written by hand)."""
    if not page.title:
        return None
    query = select(Article).where(Article.title == page.title)
    if page.zone:
        query = query.join(Zone, Article.zone_id == Zone.id).where(Zone.name == page.zone)
    else:
        query = query.where(Article.zone_id.is_(None))
    if page.published_at is not None:
        start, end = published_range(page.published_at.date(), page.published_at.date())
        query = query.where(Article.published_at >= start, Article.published_at < end)
    else:
        query = query.where(Article.published_at.is_(None))
    for article in session.scalars(query.order_by(Article.id)):
        claimed = (article.external_id or "").startswith(("http://", "https://", "url:"))
        if not (claimed and page.url):
            return article
    return None


def _title_from_file(path: Path) -> str:
    title = without_controls(single_spaced(path.stem.replace("_", " "))) or "未命名稿件"
    return title[:MAX_TITLE_LENGTH]


def _new_input(page: PortalPage, path: Path, body: str, key: str) -> ArticleInput:
    return ArticleInput(
        title=page.title or _title_from_file(path),
        body=body,
        category=page.category or UNFILED,
        published_at=page.published_at,
        source=page.source,
        zone=page.zone,
        status=ArticleStatus.PUBLISHED if page.complete else ArticleStatus.DRAFT,
        external_id=key,
    )


def _merged_input(
    page: PortalPage, article: Article, resolver: Resolver, body: str
) -> ArticleInput:
    """What the page gives over what the article holds (a field the page lacks stays)."""
    status = ArticleStatus(article.status)
    if status is ArticleStatus.DRAFT and page.complete:
        status = ArticleStatus.PUBLISHED
    return ArticleInput(
        title=page.title or article.title,
        body=body if page.body else article.body,
        category=page.category or resolver.tree.path(article.category_id),
        published_at=page.published_at or article.published_at,
        source=page.source or resolver.source_name(article.source_id),
        zone=page.zone or resolver.zone_name(article.zone_id),
        author=article.author,
        summary=article.summary,
        tags=tuple(article.tags or ()),
        language=Language(article.language),
        slug=None,  # keeps the article's address
        status=status,
        external_id=article.external_id,
    )


def _differs(article: Article, data: ArticleInput, resolver: Resolver) -> bool:
    current = (
        article.title,
        article.body,
        resolver.tree.path(article.category_id),
        article.published_at,
        resolver.source_name(article.source_id),
        resolver.zone_name(article.zone_id),
        article.status,
    )
    wanted = (
        data.title.strip(),
        data.body,
        tuple(c.strip() for c in data.category),
        data.published_at,
        (data.source or "").strip() or None,
        (data.zone or "").strip() or None,
        data.status.value,
    )
    return current != wanted


# ---------------------------------------------------------------------------------- images


def _media(session: Session, page: PortalPage, folder: Path) -> tuple[str, list[str]]:
    """The page's body with its local (and inline ``data:``) images in the media store."""
    body = page.body
    mapping: dict[str, str] = {}
    warnings: list[str] = []
    base = folder.resolve()
    for target in assets.image_targets(body):
        if target in mapping or assets.REFERENCE_RE.fullmatch(target):
            continue
        if target.lower().startswith("data:"):
            mapping[target] = _store_data_uri(session, target, warnings) or ""
            continue
        if assets.is_external(target):
            continue  # a remote image stays a link
        local = _local_file(base, target)
        if local is None:
            if page.url:
                mapping[target] = urllib.parse.urljoin(page.url, target)
            else:
                warnings.append(f"image not found: {_shown(target)}")
            continue
        try:
            stored_asset = assets.store_file(session, local)
        except assets.AssetError as exc:
            warnings.append(f"image {_shown(target)}: {exc}")
            continue
        mapping[target] = stored_asset.reference
    body = assets.replace_image_targets(body, mapping)
    return _EMPTY_IMAGE.sub("", body), warnings


def _local_file(base: Path, target: str) -> Path | None:
    """The file a relative image target names inside the page's folder, if there is one."""
    relative = urllib.parse.unquote(urllib.parse.urlsplit(target).path)
    if not relative or relative.startswith("/"):
        return None
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate


def _store_data_uri(session: Session, target: str, warnings: list[str]) -> str | None:
    header, _, payload = target.partition(",")
    if ";base64" not in header.lower():
        warnings.append("an inline image that is not base64 was left out")
        return None
    try:
        data = base64.b64decode(payload, validate=False)
        return assets.store_asset(session, data, "inline-image").reference
    except (binascii.Error, ValueError):
        warnings.append("an inline image is damaged; left out")
    except assets.AssetError as exc:
        warnings.append(f"an inline image: {exc}")
    return None


def _shown(target: str) -> str:
    return target if len(target) <= 80 else target[:77] + "…"
