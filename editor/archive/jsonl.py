"""Import and export of articles as JSON Lines, one article a line.

The format: ``{"id", "title", "body", "published_at", "source", "zone", "category": [...]}``
plus optional ``tags``, ``author``, ``summary``, ``slug``, ``language``, ``status``.

Import is forgiving and exact about what it refuses: a bad line is reported as ``line N: reason``
and skipped, the good lines are imported. Re-importing a line with the same id updates that
article with a revision (an unchanged line writes nothing). Imports commit in batches, so a kill
at any moment leaves only whole articles and a re-run completes the import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from editor.archive import assets, search
from editor.archive.articles import ArticleService, Resolver
from editor.archive.database import optimize
from editor.archive.schema import Article, Asset, Revision, now
from editor.domain.errors import FieldProblem, ValidationError, ZoneDeskError
from editor.domain.model import (
    MAX_TITLE_LENGTH,
    ArticleInput,
    ArticleStatus,
    Language,
    RevisionKind,
)
from editor.domain.slug import slugify, unique_slug
from editor.domain.validation import check_article, parse_published_at
from editor.parallel import process_pool
from editor.render.markdown import render_markdown

BATCH_SIZE = 250
PARALLEL_THRESHOLD = 400  # below this many lines, rendering in-process is quicker

Progress = Callable[[int, int], None]


class ImportFileError(ZoneDeskError):
    pass


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

    @property
    def ok(self) -> bool:
        return not self.bad

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "bad": [{"line": p.line, "reason": p.reason} for p in self.bad],
            "warnings": [{"line": p.line, "reason": p.reason} for p in self.warnings],
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class ParsedLine:
    line: int
    data: ArticleInput
    key: str


# ------------------------------------------------------------------------------- parsing


def _text_field(obj: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = obj.get(name)
    if value is None:
        if required:
            raise ValueError(f"{name}: missing")
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name}: must be text, not {type(value).__name__}")
    return value


def parse_line(number: int, raw: bytes) -> ParsedLine:
    """One line of the file as an article; ValueError says what is wrong with it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start + 1})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"broken JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")

    title = _text_field(obj, "title", required=True) or ""
    if not title.strip():
        raise ValueError("title: empty")
    if len(title.strip()) > MAX_TITLE_LENGTH:
        raise ValueError(
            f"title: {len(title.strip())} characters, at most {MAX_TITLE_LENGTH} are allowed"
        )
    body = _text_field(obj, "body") or ""

    category = obj.get("category")
    if category is None:
        raise ValueError("category: missing")
    if not isinstance(category, list) or not all(isinstance(c, str) for c in category):
        raise ValueError('category: must be a list of names, e.g. ["开发区新闻", "常州"]')
    category = [c.strip() for c in category]
    if not category or not all(category):
        raise ValueError("category: empty name in the path")

    status_text = _text_field(obj, "status") or ArticleStatus.PUBLISHED.value
    try:
        status = ArticleStatus(status_text)
    except ValueError:
        choices = ", ".join(s.value for s in ArticleStatus)
        raise ValueError(f"status: {status_text!r} is not one of {choices}") from None
    language_text = _text_field(obj, "language") or Language.ZH_CN.value
    try:
        language = Language(language_text)
    except ValueError:
        raise ValueError(f"language: {language_text!r} is not zh-CN or en") from None

    published_raw = obj.get("published_at")
    published_at: dt.datetime | None = None
    if published_raw is not None and published_raw != "":
        if not isinstance(published_raw, str):
            raise ValueError("published_at: must be an ISO 8601 text")
        try:
            published_at = parse_published_at(published_raw)
        except ValueError as exc:
            raise ValueError(f"published_at: impossible date or time ({exc})") from None

    tags = obj.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("tags: must be a list of texts")

    external = obj.get("id")
    if isinstance(external, bool) or (external is not None and not isinstance(external, str | int)):
        raise ValueError("id: must be text or a number")
    zone = _text_field(obj, "zone")
    data = ArticleInput(
        title=title.strip(),
        body=body,
        category=tuple(category),
        published_at=published_at,
        source=_text_field(obj, "source"),
        zone=zone,
        author=_text_field(obj, "author"),
        summary=_text_field(obj, "summary") or "",
        tags=tuple(tags),
        language=language,
        slug=_text_field(obj, "slug"),
        status=status,
        external_id=None if external is None else str(external),
    )
    problems = check_article(data)
    if problems:
        raise ValueError("; ".join(str(p) for p in problems))
    key = data.external_id or natural_key(data)
    return ParsedLine(number, data, key)


def natural_key(data: ArticleInput) -> str:
    """The id of an article that came without one: its title, date and zone."""
    day = data.published_at.date().isoformat() if data.published_at else ""
    digest = hashlib.sha1(f"{data.title}\x1f{day}\x1f{data.zone or ''}".encode()).hexdigest()
    return f"auto:{digest[:24]}"


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(number, bytes) of every non-blank line; a UTF-8 BOM at the start is ignored."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip(b"\r\n")
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if line.strip():
                yield number, line


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
            parsed = parse_line(number, raw)
        except ValueError as exc:
            report.bad.append(LineProblem(number, str(exc)))
            continue
        if parsed.key in by_key:
            earlier = by_key[parsed.key].line
            report.warnings.append(
                LineProblem(number, f"same id as line {earlier}: this later line wins")
            )
        by_key[parsed.key] = parsed
    items = list(by_key.values())

    base = path.parent.resolve()
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    done = 0
    with service.archive.session() as session:  # every slug taken, checked in memory per line
        slugs = set(session.scalars(select(Article.slug)))
    for batch_start, prepared in zip(
        range(0, len(items), BATCH_SIZE),
        _prepared(items, base, service.archive.dialect, workers),
        strict=True,
    ):
        batch = items[batch_start : batch_start + BATCH_SIZE]
        _import_batch(service, batch, prepared, report, slugs)
        done += len(batch)
        if progress is not None:
            progress(done, len(items))
    if report.created or report.updated:
        optimize(service.archive)
    report.seconds = time.perf_counter() - started
    return report


def _import_batch(
    service: ArticleService,
    batch: list[ParsedLine],
    prepared: list[Prepared],
    report: ImportReport,
    slugs: set[str],
) -> None:
    with service.archive.session(write=True) as session, session.no_autoflush:
        resolver = Resolver(session)
        keys = [p.key for p in batch]
        existing = {
            a.external_id: a
            for a in session.scalars(select(Article).where(Article.external_id.in_(keys)))
        }
        fresh: list[tuple[dict[str, Any], dict[str, Any], ArticleInput]] = []
        for parsed, ready in zip(batch, prepared, strict=True):
            report.warnings.extend(LineProblem(parsed.line, w) for w in ready.warnings)
            _store_images(session, parsed, ready, report)
            data = replace(parsed.data, body=ready.body, external_id=parsed.key)
            try:
                article = existing.get(parsed.key)
                if article is None:
                    row = _new_row(service, session, resolver, data, ready, slugs)
                    fresh.append((row, ready.index_row, data))
                elif _differs(article, data, resolver):
                    with session.begin_nested():
                        service.apply_in(
                            session, article, data, kind=RevisionKind.IMPORT, resolver=resolver
                        )
                    report.updated += 1
                else:
                    report.unchanged += 1
            except ValidationError as exc:
                report.bad.append(LineProblem(parsed.line, str(exc)))
        if fresh:
            _insert_new(service, session, fresh)
            report.created += len(fresh)


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
    slugs: set[str],
) -> dict[str, Any]:
    """The article table row of a new article (checked, names resolved, slug made unique)."""
    values = service.validated_values(
        session, resolver, data, None, body_html=ready.html, known_new=True
    )
    slug = values.pop("slug")
    if slug is not None and slug in slugs:
        raise ValidationError([FieldProblem("slug", f"“{slug}” is used by another article")])
    if slug is None:
        slug = unique_slug(ready.slug, slugs.__contains__)
    slugs.add(slug)
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
