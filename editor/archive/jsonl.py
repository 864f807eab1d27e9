"""Import and export of articles as JSON Lines, one article a line.

The format: ``{"id", "title", "body", "published_at", "source", "zone", "category": [...]}``
plus optional ``tags``, ``author``, ``summary``, ``slug``, ``language``, ``status``.

Import is forgiving and exact about what it refuses: a bad line (broken, nested too deeply, too
long, a field of the wrong kind, a date outside the years a publication may have) is reported as
``line N: reason`` and skipped, the good lines are imported. A slug the line asks for that another
article has is given a free one (``-2``, ``-3``…) with a warning. Re-importing a line with the
same id updates that article with a revision (an unchanged line writes nothing).

Imports commit in batches, so a kill at any moment leaves only whole articles and a re-run
completes the import. Each batch reads what its writes depend on (the articles of its ids, the
slugs taken) after taking the write lock (SQLite's BEGIN IMMEDIATE; an advisory lock on
PostgreSQL), and is run again from the start when a concurrent writer made it fail
(``write_import``). A batch that cannot be written (a full disk, a busy archive) stops the import
with ``ImportStoppedError``, which says what was committed before it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from editor.archive import assets, search
from editor.archive.articles import ArticleService, Resolver
from editor.archive.database import Archive, optimize
from editor.archive.importing import ImportStoppedError, stop_reason, write_import
from editor.archive.jsonlparse import (  # noqa: F401 - re-exported: callers know them from here
    MAX_LINE_BYTES,
    ImportFileError,
    LongLine,
    ParsedLine,
    natural_key,
    parse_line,
    read_line,
    read_lines,
)
from editor.archive.schema import Article, Asset, Revision, now
from editor.domain.errors import ArchiveError, ValidationError
from editor.domain.model import ArticleInput, RevisionKind
from editor.domain.slug import safe_slug, slugify, unique_slug
from editor.parallel import process_pool
from editor.render.markdown import render_markdown

log = logging.getLogger("zonedesk.import")

BATCH_SIZE = 250
PARALLEL_THRESHOLD = 400  # below this many lines, rendering in-process is quicker

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class LineProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: list[LineProblem] = field(default_factory=list)
    warnings: list[LineProblem] = field(default_factory=list)
    seconds: float = 0.0
    committed_through: int = 0  # every line up to this one is committed (or bad)
    stopped_at: int | None = None  # the first line of the batch an ImportStoppedError rolled back

    @property
    def ok(self) -> bool:
        return not self.bad and self.stopped_at is None

    @property
    def committed(self) -> int:
        """Articles of the file committed: created, updated or found unchanged."""
        return self.created + self.updated + self.unchanged

    def absorb(self, batch: ImportReport) -> None:
        """The counts and warnings of one committed batch."""
        self.created += batch.created
        self.updated += batch.updated
        self.unchanged += batch.unchanged
        self.bad += batch.bad
        self.warnings += batch.warnings

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "bad": [{"line": p.line, "reason": p.reason} for p in self.bad],
            "warnings": [{"line": p.line, "reason": p.reason} for p in self.warnings],
            "committed_through": self.committed_through,
            "stopped_at": self.stopped_at,
            "seconds": round(self.seconds, 3),
        }


# ------------------------------------------------------------------------------ importing


@dataclass(slots=True)
class Prepared:
    """The CPU-heavy part of importing one line, done on another core."""

    body: str  # local image targets pointed at the media store
    html: str
    slug: str  # the slug the title gives (made unique later)
    images: dict[str, tuple[str, str]]  # media reference -> (file path, original target)
    warnings: list[str]
    index_row: dict[str, Any]  # the search index row, its id set once the article has one


def _local_images(body: str, base: Path) -> tuple[str, dict[str, tuple[str, str]], list[str]]:
    """Point a body's local images at the media store (by the hash of their bytes)."""
    mapping: dict[str, str] = {}
    images: dict[str, tuple[str, str]] = {}
    warnings: list[str] = []
    for target in assets.image_targets(body):
        if assets.is_external(target) or target in mapping:
            continue
        candidate = (base / target).resolve()
        if not candidate.is_relative_to(base):
            warnings.append(f"image {target!r} is outside the import folder; skipped")
            continue
        if not candidate.is_file():
            if not assets.REFERENCE_RE.fullmatch(target):
                warnings.append(f"image not found: {target}")
            continue  # a media/<sha> reference may be in the store already: checked later
        try:
            data = candidate.read_bytes()
        except OSError as exc:
            warnings.append(f"cannot read image {target}: {exc.strerror}")
            continue
        kind = assets.sniff_image(data)
        if kind is None:
            warnings.append(f"{target} is not a JPEG, PNG, GIF, WebP or BMP image; skipped")
            continue
        reference = f"media/{hashlib.sha256(data).hexdigest()}.{kind[0]}"
        mapping[target] = reference
        images[reference] = (str(candidate), target)
    if mapping:
        body = assets.replace_image_targets(body, mapping)
    return body, images, warnings


def _prepare(base: str, dialect: str, rows: list[tuple[str, str]]) -> list[Prepared]:
    out = []
    for title, body in rows:
        body, images, warnings = _local_images(body, Path(base))
        (index_row,) = search.prepare_index_rows(dialect, [(0, title, body)])
        out.append(
            Prepared(body, render_markdown(body), slugify(title), images, warnings, index_row)
        )
    return out


def _prepared(
    items: list[ParsedLine], base: Path, dialect: str, workers: int
) -> Iterator[list[Prepared]]:
    """Every batch prepared, in order; on other cores when there is enough to share."""
    batches = [
        [(p.data.title, p.data.body) for p in items[i : i + BATCH_SIZE]]
        for i in range(0, len(items), BATCH_SIZE)
    ]
    if workers <= 1 or len(items) < PARALLEL_THRESHOLD:
        for batch in batches:
            yield _prepare(str(base), dialect, batch)
        return
    with process_pool(workers, mp_context="spawn") as pool:
        futures = [pool.submit(_prepare, str(base), dialect, b) for b in batches]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def import_jsonl(
    service: ArticleService,
    path: Path,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportReport:
    started = time.perf_counter()
    report = ImportReport()
    by_key: dict[str, ParsedLine] = {}
    for number, raw in read_lines(path):
        report.lines += 1
        try:
            parsed = read_line(number, raw)
        except ValueError as exc:
            report.bad.append(LineProblem(number, str(exc)))
            continue
        if parsed.key in by_key:
            earlier = by_key[parsed.key].line
            report.warnings.append(
                LineProblem(number, f"same id as line {earlier}: this later line wins")
            )
        by_key[parsed.key] = parsed
    items = sorted(by_key.values(), key=lambda p: p.line)  # batches in the file's order

    base = path.parent.resolve()
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    done = 0
    for batch_start, prepared in zip(
        range(0, len(items), BATCH_SIZE),
        _prepared(items, base, service.archive.dialect, workers),
        strict=True,
    ):
        batch = items[batch_start : batch_start + BATCH_SIZE]
        try:
            outcome = write_import(
                service.archive,
                functools.partial(_import_batch, service, batch=batch, prepared=prepared),
            )
        except (ArchiveError, DBAPIError) as exc:
            report.stopped_at = batch[0].line
            report.seconds = time.perf_counter() - started
            message = _stopped_message(service.archive, path, report, batch, exc)
            raise ImportStoppedError(message, report) from exc
        report.absorb(outcome)
        report.committed_through = batch[-1].line
        done += len(batch)
        if progress is not None:
            progress(done, len(items))
    if report.created or report.updated:
        optimize(service.archive)
    report.seconds = time.perf_counter() - started
    return report


def _stopped_message(
    archive: Archive,
    path: Path,
    report: ImportReport,
    batch: list[ParsedLine],
    exc: BaseException,
) -> str:
    """What stopped the import, what of it is kept, what was rolled back, and the way on."""
    reason, way = stop_reason(archive, exc, "run the same import again")
    first, last = batch[0].line, batch[-1].line
    if report.committed:
        kept = (
            f"{report.committed} articles of {path.name} were committed before that and are kept "
            f"({report.created} new, {report.updated} updated, {report.unchanged} unchanged): "
            f"every line up to line {report.committed_through}."
        )
    else:
        kept = f"Nothing of {path.name} was committed: the archive is as it was."
    return (
        f"{reason}. The import stopped at line {first}; lines {first}–{last} were rolled back "
        f"whole and nothing after them was imported. {kept} {way}: the lines already imported "
        "are found unchanged and the rest is imported."
    )


class _Slugs:
    """Which slugs are taken, asked of the archive inside the batch's write transaction (after
    its lock, so another import's slugs are all seen), and those this batch gives out."""

    def __init__(self, session: Session, wanted: Iterable[str]) -> None:
        self._session = session
        self._asked = set(wanted)
        self._taken: set[str] = set()
        names = sorted(self._asked)
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            self._taken.update(session.scalars(select(Article.slug).where(Article.slug.in_(chunk))))

    def taken(self, slug: str) -> bool:
        if slug not in self._asked:
            self._asked.add(slug)
            if self._session.scalar(select(Article.id).where(Article.slug == slug)) is not None:
                self._taken.add(slug)
        return slug in self._taken

    def give(self, slug: str) -> None:
        self._asked.add(slug)
        self._taken.add(slug)


def _asked_slug(data: ArticleInput) -> str | None:
    """The slug a line asks for, as the archive would store it; None when it asks for none."""
    return safe_slug(data.slug) if data.slug is not None and data.slug.strip() else None


def _free_slug(
    data: ArticleInput,
    article: Article | None,
    slugs: _Slugs,
    line: int,
    outcome: ImportReport,
) -> ArticleInput:
    """``data`` with a slug no other article has: one the line asks for that is taken becomes
    ``-2``, ``-3``… with a warning; a line asking for none keeps the article's own (a new
    article's comes from its title, in ``_new_row``)."""
    wanted = _asked_slug(data)
    if wanted is None:
        return data
    own = article.slug if article is not None else None
    if wanted == own:
        return replace(data, slug=wanted)
    free = unique_slug(wanted, lambda slug: slug != own and slugs.taken(slug))
    if free == own:
        outcome.warnings.append(
            LineProblem(line, f"slug “{wanted}” is taken by another article; it keeps “{own}”")
        )
    elif free != wanted:
        outcome.warnings.append(LineProblem(line, f"slug “{wanted}” is taken; saved as “{free}”"))
    return replace(data, slug=free)


def _import_batch(
    service: ArticleService,
    session: Session,
    *,
    batch: list[ParsedLine],
    prepared: list[Prepared],
) -> ImportReport:
    """One batch written in ``session`` (run again whole by ``write_import`` when a concurrent
    writer made it fail): what became of its lines."""
    outcome = ImportReport()
    with session.no_autoflush:
        resolver = Resolver(session)
        keys = [p.key for p in batch]
        existing = {
            a.external_id: a
            for a in session.scalars(select(Article).where(Article.external_id.in_(keys)))
        }
        slugs = _Slugs(
            session,
            (_asked_slug(p.data) or ready.slug for p, ready in zip(batch, prepared, strict=True)),
        )
        fresh: list[tuple[dict[str, Any], dict[str, Any], ArticleInput]] = []
        for parsed, ready in zip(batch, prepared, strict=True):
            outcome.warnings.extend(LineProblem(parsed.line, w) for w in ready.warnings)
            _store_images(session, parsed, ready, outcome)
            data = replace(parsed.data, body=ready.body, external_id=parsed.key)
            try:
                article = existing.get(parsed.key)
                data = _free_slug(data, article, slugs, parsed.line, outcome)
                if article is None:
                    row = _new_row(service, session, resolver, data, ready, slugs)
                    fresh.append((row, ready.index_row, data))
                elif _differs(article, data, resolver):
                    with session.begin_nested():
                        service.apply_in(
                            session, article, data, kind=RevisionKind.IMPORT, resolver=resolver
                        )
                    slugs.give(article.slug)
                    outcome.updated += 1
                else:
                    outcome.unchanged += 1
            except ValidationError as exc:
                outcome.bad.append(LineProblem(parsed.line, str(exc)))
            except (OverflowError, RecursionError) as exc:  # a value no check foresaw
                log.warning("line %d not imported", parsed.line, exc_info=True)
                outcome.bad.append(
                    LineProblem(parsed.line, f"cannot be stored ({type(exc).__name__}: {exc})")
                )
        if fresh:
            _insert_new(service, session, fresh)
            outcome.created += len(fresh)
    return outcome


def _insert_new(
    service: ArticleService,
    session: Session,
    fresh: list[tuple[dict[str, Any], dict[str, Any], ArticleInput]],
) -> None:
    """Insert new articles, their index rows and first revisions with one statement each.

    The ORM's unit of work costs about a millisecond an article; bulk statements a tenth.
    """
    ids = list(
        session.scalars(
            insert(Article).returning(Article.id, sort_by_parameter_order=True),
            [row for row, _, _ in fresh],
        )
    )
    search.insert_index_rows(
        session, [index | {"id": aid} for aid, (_, index, _) in zip(ids, fresh, strict=True)]
    )
    revisions = []
    for aid, (row, _, data) in zip(ids, fresh, strict=True):
        published = row["published_at"]
        revisions.append(
            {
                "article_id": aid,
                "number": 1,
                "kind": RevisionKind.IMPORT.value,
                "saved_at": row["updated_at"],
                "saved_by": service.user,
                "title": row["title"],
                "body": row["body"],
                "fields": {
                    "category": list(data.category),
                    "zone": (data.zone or "").strip() or None,
                    "source": (data.source or "").strip() or None,
                    "author": row["author"],
                    "summary": row["summary"],
                    "tags": row["tags"],
                    "language": row["language"],
                    "slug": row["slug"],
                    "status": row["status"],
                    "published_at": published.isoformat() if published else None,
                    "external_id": row["external_id"],
                    "version": 1,
                },
            }
        )
    session.execute(insert(Revision), revisions)


def _store_images(
    session: Session, parsed: ParsedLine, ready: Prepared, report: ImportReport
) -> None:
    for reference, (path, target) in ready.images.items():
        sha = reference[len("media/") : reference.rindex(".")]
        if session.scalar(select(Asset.id).where(Asset.sha256 == sha)) is not None:
            continue
        try:
            assets.store_file(session, Path(path))
        except assets.AssetError as exc:
            report.warnings.append(LineProblem(parsed.line, f"image {target}: {exc}"))
    for sha in assets.referenced_hashes(ready.body):
        if any(ref.startswith(f"media/{sha}.") for ref in ready.images):
            continue
        if session.scalar(select(Asset.id).where(Asset.sha256 == sha)) is None:
            report.warnings.append(
                LineProblem(parsed.line, f"image media/{sha[:12]}… is not in the archive")
            )


def _new_row(
    service: ArticleService,
    session: Session,
    resolver: Resolver,
    data: ArticleInput,
    ready: Prepared,
    slugs: _Slugs,
) -> dict[str, Any]:
    """The article table row of a new article (checked, names resolved, slug made unique: one
    the line asks for is made free by ``_free_slug``)."""
    values = service.validated_values(
        session, resolver, data, None, body_html=ready.html, known_new=True
    )
    slug = values.pop("slug")
    if slug is None:
        slug = unique_slug(ready.slug, slugs.taken)
    slugs.give(slug)
    moment = now()
    return values | {
        "slug": slug,
        "created_at": moment,
        "updated_at": moment,
        "deleted_at": None,
        "version": 1,
    }


def _differs(article: Article, data: ArticleInput, resolver: Resolver) -> bool:
    current = (
        article.title,
        article.body,
        resolver.tree.path(article.category_id),
        article.published_at,
        resolver.source_name(article.source_id),
        resolver.zone_name(article.zone_id),
        article.author,
        article.summary,
        tuple(article.tags),
        article.language,
        article.status,
    )
    wanted = (
        data.title,
        data.body,
        data.category,
        data.published_at,
        (data.source or "").strip() or None,
        (data.zone or "").strip() or None,
        (data.author or "").strip() or None,
        data.summary.strip(),
        tuple(t.strip() for t in data.tags if t.strip()),
        data.language.value,
        data.status.value,
    )
    if data.slug and data.slug != article.slug:
        return True
    return current != wanted


# ------------------------------------------------------------------------------ exporting


def article_line(record: Any) -> dict[str, Any]:
    return {
        "id": record.external_id or str(record.id),
        "title": record.title,
        "body": record.body,
        "published_at": record.published_at.isoformat() if record.published_at else None,
        "source": record.source,
        "zone": record.zone,
        "category": list(record.category),
        "tags": list(record.tags),
        "author": record.author,
        "summary": record.summary,
        "slug": record.slug,
        "language": record.language.value,
        "status": record.status.value,
    }


def export_jsonl(service: ArticleService, path: Path, *, progress: Progress | None = None) -> int:
    """Write every live article to ``path`` (and its images under ``media/`` beside it).

    The file is written aside and moved into place, so a failed export leaves no half file.
    """
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImportFileError(f"cannot create the folder {path.parent}: {exc.strerror}") from None
    partial = path.with_name(path.name + ".partial")
    written = 0
    hashes: set[str] = set()
    total = service.count()
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            offset = 0
            while True:
                page = service.list_articles(
                    offset=offset, limit=500, with_total=False, descending=False
                )
                for record in page.items:
                    out.write(json.dumps(article_line(record), ensure_ascii=False) + "\n")
                    hashes |= assets.referenced_hashes(record.body)
                    written += 1
                if progress is not None:
                    progress(written, total)
                if len(page.items) < page.limit:
                    break
                offset += page.limit
        _write_media(service, path.parent / "media", hashes)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ImportFileError(f"cannot write {path}: {exc.strerror}") from None
    return written


def _write_media(service: ArticleService, folder: Path, hashes: set[str]) -> None:
    if not hashes:
        return
    folder.mkdir(parents=True, exist_ok=True)
    with service.archive.session() as session:
        for sha in sorted(hashes):
            row = session.execute(
                select(Asset.extension, Asset.data).where(Asset.sha256 == sha)
            ).first()
            if row is None:
                continue
            target = folder / f"{sha}.{row.extension}"
            if not target.exists():  # written aside first: a kill never leaves half an image
                partial = target.with_name(target.name + ".partial")
                partial.write_bytes(row.data)
                os.replace(partial, target)
