"""ZoneDesk's command line: the archive's services without a screen.

    python main.py [--db URL] COMMAND [options]

Readable output by default; ``--json`` prints JSON for scripts. Exit codes: 0 success, 1 a
problem found in the data (bad import lines, a failed verify), 2 a usage or archive error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from editor import __version__
from editor.domain.errors import ZoneDeskError
from editor.domain.values import ArticleStatus, SortKey

if TYPE_CHECKING:
    from editor.archive.database import Archive
    from editor.domain.model import ArticleFilter, ArticleRecord, SearchHit
    from editor.export.leftout import LeftOut

COMMANDS = (
    "import",
    "import-page",
    "export-jsonl",
    "list",
    "search",
    "show",
    "stats",
    "verify",
    "backup",
    "restore",
    "delete",
    "undelete",
    "check",
    "export",
    "site",
)


# ------------------------------------------------------------------------------ output


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """``text`` cut or padded to ``width`` terminal columns (Chinese characters take two)."""
    if display_width(text) <= width:
        return text + " " * (width - display_width(text))
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - used - 1)


def iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def article_json(record: ArticleRecord, *, body: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": record.id,
        "external_id": record.external_id,
        "title": record.title,
        "published_at": iso(record.published_at),
        "source": record.source,
        "zone": record.zone,
        "city": record.city,
        "category": list(record.category),
        "status": record.status.value,
        "slug": record.slug,
        "tags": list(record.tags),
        "author": record.author,
        "language": record.language.value,
        "summary": record.summary,
        "version": record.version,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "deleted_at": iso(record.deleted_at),
    }
    if body:
        data["body"] = record.body
    return data


def print_json(value: Any, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def article_row(record: ArticleRecord) -> str:
    when = record.published_at.strftime("%Y-%m-%d %H:%M") if record.published_at else "—"
    return (
        f"{record.id:>7}  {when:<16}  {fit(record.status.value, 9)}  "
        f"{fit(record.zone or '—', 24)}  {record.title}"
    )


# ----------------------------------------------------------------------------- parsing


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def parse_category(text: str) -> tuple[str, ...]:
    parts = tuple(p.strip() for p in text.replace("/", ">").split(">") if p.strip())
    if not parts:
        raise argparse.ArgumentTypeError("give a category path, e.g. '开发区新闻 > 常州'")
    return parts


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--category", type=parse_category, help="a subtree: '开发区新闻 > 常州'")
    group.add_argument("--zone", help="development zone, e.g. 江苏金坛经济开发区")
    group.add_argument("--city", help="city of the zone, e.g. 常州")
    group.add_argument("--source", help="source (来源)")
    group.add_argument("--status", choices=[s.value for s in ArticleStatus])
    group.add_argument("--from", dest="date_from", type=parse_day, help="published on or after")
    group.add_argument("--to", dest="date_to", type=parse_day, help="published on or before")
    group.add_argument("--trash", action="store_true", help="list the trash instead")


def filters_from(args: argparse.Namespace) -> ArticleFilter:
    from editor.archive.articles import published_range  # noqa: PLC0415
    from editor.domain.model import ArticleFilter  # noqa: PLC0415 - start-up (see values)

    start, end = published_range(args.date_from, args.date_to)
    return ArticleFilter(
        category=args.category,
        zone=args.zone,
        city=args.city,
        source=args.source,
        status=ArticleStatus(args.status) if args.status else None,
        published_from=start,
        published_to=end,
        trashed=args.trash,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description=(
            "ZoneDesk 开发区新闻编辑台 — newsroom editor and archive. "
            "Without a command, the desktop editor opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"ZoneDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="the archive: a SQLite file path or URL, or postgresql+psycopg://user@host/db "
        "(default: $ZONEDESK_DB, else the archive in your data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("import", help="import articles from a JSON Lines file")
    p.add_argument("file", type=Path, metavar="FILE.jsonl")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--workers", type=int, default=None, help="processes rendering bodies")

    p = commands.add_parser(
        "import-page",
        help="import the portal's article pages (saved as .html or as their text)",
        description="Make articles of the portal's article pages, saved as HTML or as the page's "
        "text: breadcrumb, title, 发布时间, 来源, 发布开发区 and the article's text. A folder is "
        "searched for .html, .htm and .txt files. Importing a page again updates its article. "
        "A page lacking a field is imported as a draft and reported; a file that is no page is "
        "reported and skipped. Exit 0 when every page imported with every field, 1 otherwise.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = commands.add_parser("export-jsonl", help="write every article to a JSON Lines file")
    p.add_argument("file", type=Path, metavar="FILE")

    p = commands.add_parser("list", help="list articles, newest first")
    add_filter_options(p)
    p.add_argument("--sort", choices=[s.value for s in SortKey], default=SortKey.PUBLISHED.value)
    p.add_argument("--asc", action="store_true", help="ascending order")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("search", help="full-text search over titles and bodies")
    p.add_argument("query")
    add_filter_options(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("show", help="show one article with its body")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.add_argument("--revisions", action="store_true", help="list its revisions too")

    p = commands.add_parser("stats", help="what the archive holds")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser(
        "verify",
        help="check the archive; exit 1 on any problem",
        description="Check the archive: database integrity, revisions, the search index, every "
        "image present and whole, and that every article renders. Exit 0 when all is well, 1 on "
        "any problem, 2 when the archive cannot be opened (it is never modified).",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--quick", action="store_true", help="skip rendering every article")

    p = commands.add_parser(
        "backup",
        help="a consistent copy of the archive",
        description="Write a consistent copy of the live archive to FILE (SQLite's backup API; "
        "pg_dump's custom format for PostgreSQL). It is written as FILE.partial and renamed "
        "when whole: a failure (a full disk) leaves no FILE and no partial file behind.",
    )
    p.add_argument("file", type=Path)
    p.add_argument(
        "--force",
        action="store_true",
        help="overwrite FILE; copy an archive SQLite finds damaged as it is (refused otherwise)",
    )

    p = commands.add_parser(
        "restore",
        help="bring a backup back into a new archive",
        description="Restore FILE (made by `backup`: a SQLite copy, or a pg_dump file for "
        "PostgreSQL) into the archive given by --db: a file that does not exist yet, or a "
        "database with nothing at all in it; anything else is refused untouched. The backup is "
        "checked whole first and never modified, and only the rows of ZoneDesk's own tables are "
        "restored. A failed or interrupted restore leaves the target as it was.",
    )
    p.add_argument("file", type=Path)

    p = commands.add_parser("delete", help="move an article to the trash")
    p.add_argument("id", type=int)

    p = commands.add_parser("undelete", help="bring an article back from the trash")
    p.add_argument("id", type=int)

    p = commands.add_parser(
        "check",
        help="spelling and Chinese news style of Markdown files; exit 1 on any problem",
        description="Check Markdown files: English spelling (the archive's shared and personal "
        "word lists too, when an archive exists) and Chinese news style. Prints "
        "path:line:col: rule: message; exit 0 when clean, 1 on any problem, 2 when a file "
        "cannot be read.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the problems as a JSON array")
    p.add_argument(
        "--fix", action="store_true", help="apply the certain fixes in place, report what remains"
    )
    p.add_argument(
        "--count",
        action="store_true",
        help="also print each file's 字数 and English words, counted as the editor counts them",
    )
    p.add_argument(
        "--lang",
        choices=["zh-CN", "en"],
        default="zh-CN",
        help="the articles' language (default zh-CN: Chinese style rules, English spelling "
        "for the Latin words)",
    )
    p.add_argument(
        "--dictionary",
        metavar="TAG",
        help="the Enchant dictionary for Latin words (default: en_US for both languages)",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="turn a rule off (repeatable), e.g. style.halfwidth-punctuation; "
        "unknown ids are refused",
    )

    p = commands.add_parser("export", help="write the portal's static site into a folder")
    p.add_argument("out", type=Path, metavar="OUT", help="the site's folder (replaced as a whole)")
    p.add_argument(
        "--theme",
        type=Path,
        metavar="DIR",
        help="a theme folder (templates/, static/) whose files replace the built-in portal theme's",
    )
    p.add_argument(
        "--full", action="store_true", help="render every page again (repairs a hand-edited OUT)"
    )
    p.add_argument("--workers", type=int, default=None, help="processes rendering pages")
    p.add_argument(
        "--left-out",
        action="store_true",
        help="list the articles the site leaves out (drafts, in review, archived: not published)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = commands.add_parser("site", help="show or change the portal's site settings")
    actions = p.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    a = actions.add_parser("show", help="list the site settings")
    a.add_argument("--json", action="store_true")
    a = actions.add_parser("set", help="change one site setting")
    a.add_argument(
        "key",
        metavar="KEY",
        help="site.name, site.slogan, site.phone, site.fax, site.email, site.copyright or "
        "site.base_url",
    )
    a.add_argument("value", metavar="VALUE")
    return parser


# ---------------------------------------------------------------------------- commands


#: Commands that change the archive: a damaged or unwritable archive is refused to them.
WRITING_COMMANDS = frozenset({"import", "import-page", "delete", "undelete", "site set"})
#: Commands that make a new archive where there is none (and say so); the others refuse.
CREATING_COMMANDS = frozenset({"import", "import-page"})
#: What ``backup`` says of a damaged archive it will not copy without --force.
DAMAGED_BACKUP_ADVICE = (
    "A backup of it would hold the same damage, and `restore` refuses a damaged backup; to keep "
    "a copy of it as it is anyway (for `sqlite3 COPY .recover`), run the backup again with --force."
)


class Context:
    """One command's run: its arguments, its output, and the archive, opened as the command needs
    it (``WRITING_COMMANDS`` for writing, ``CREATING_COMMANDS`` may create it, the others read)."""

    def __init__(
        self, args: argparse.Namespace, out: TextIO, err: TextIO, *, process_ends: bool = False
    ) -> None:
        self.args = args
        self.out = out
        self.err = err
        #: The process ends with the command (``main.py``): nothing needs tidying for later.
        self.process_ends = process_ends
        self._archive: Archive | None = None

    @property
    def command(self) -> str:
        """The command's name, ``site set`` and ``site show`` told apart."""
        name: str = self.args.command
        return f"site {self.args.site_command}" if name == "site" else name

    @property
    def archive(self) -> Archive:
        """Opened at first use: for writing (refused when damaged or unwritable) by a command
        that changes it, else for reading (a damaged archive read-only, with a warning; backup
        only with --force). Only ``import`` and ``import-page`` create a missing archive."""
        if self._archive is None:
            from editor.archive.database import open_archive  # noqa: PLC0415
            from editor.archive.health import ArchiveDamagedError  # noqa: PLC0415

            writes = self.command in WRITING_COMMANDS
            backup = self.command == "backup"
            try:
                archive = open_archive(
                    self.args.db,
                    create=self.command in CREATING_COMMANDS,
                    readonly=False if writes else None,
                    damaged_ok=not writes and (not backup or self.args.force),
                )
            except ArchiveDamagedError as exc:
                if not backup:
                    raise
                raise ArchiveDamagedError(
                    exc.path, exc.found, advice=DAMAGED_BACKUP_ADVICE
                ) from None
            self._say_how_opened(archive)
            self._archive = archive
        return self._archive

    def _say_how_opened(self, archive: Archive) -> None:
        from editor.archive.health import damage_warning  # noqa: PLC0415

        if archive.created:
            print(f"note: created a new archive at {archive.location}", file=self.err)
        if archive.note:
            print(f"note: {archive.note}", file=self.err)
        if archive.damage is not None and archive.path is not None:
            print(f"warning: {damage_warning(archive.path, archive.damage)}", file=self.err)
            if self.command == "backup":
                print(
                    "warning: --force: the backup is a copy of the damaged archive, damage and "
                    "all; `restore` will refuse it, `sqlite3 BACKUP .recover` reads what it can",
                    file=self.err,
                )

    def damage_met(self, exc: sqlite3.DatabaseError) -> str | None:
        """What to say of SQLite's "malformed" met while reading the archive file straight
        (``export``'s reader); None for any other error."""
        from editor.archive import database, health  # noqa: PLC0415

        if getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_CORRUPT:
            return None
        parsed = database.normalize_url(self.args.db or database.default_archive_url())
        path = Path(parsed.database or "").expanduser()
        return health.damage_message(
            path, str(exc), advice="What was being done stopped there; nothing was saved."
        )

    def check_archive_file(self) -> None:
        """For a command that reads a SQLite archive file on its own (``export``): refuse a missing
        or empty file, warn once when SQLite's check finds it damaged."""
        from editor.archive import health  # noqa: PLC0415 - no SQLAlchemy: export starts fast
        from editor.export.source import sqlite_file_of  # noqa: PLC0415

        address = self.args.db or os.environ.get("ZONEDESK_DB", "").strip()
        if not address:
            from editor.archive.database import default_archive_url  # noqa: PLC0415

            address = default_archive_url()
        path = sqlite_file_of(address)
        if path is None:  # a server archive, or a URL with options: open_archive looks at it
            return
        found = health.examine_sqlite_file(path)
        if found.tables is None:
            raise ZoneDeskError(health.no_archive_message(path))
        if found.damage is not None:
            print(f"warning: {health.damage_warning(path, found.damage)}", file=self.err)

    @property
    def service(self) -> Any:
        from editor.archive.articles import ArticleService  # noqa: PLC0415

        return ArticleService(self.archive)

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()


def show_progress(ctx: Context, done: int, total: int, label: str = "") -> None:
    """A progress bar on stderr, redrawn in place (callers draw it only on a terminal)."""
    width = 30
    filled = width * done // max(total, 1)
    bar = "█" * filled + "·" * (width - filled)
    prefix = f"{label} " if label else ""
    print(f"\r  {prefix}{bar} {done}/{total}", end="", file=ctx.err, flush=True)


def cmd_import(ctx: Context) -> int:
    from editor.archive.jsonl import ImportStoppedError, import_jsonl  # noqa: PLC0415

    args = ctx.args
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=ctx.err)
        return 2
    interactive = ctx.err.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if interactive:
            show_progress(ctx, done, total)

    stopped: ImportStoppedError | None = None
    try:
        report = import_jsonl(ctx.service, args.file, progress=progress, workers=args.workers)
    except ImportStoppedError as exc:  # the archive stopped it: what was committed is said
        stopped, report = exc, exc.report
    if interactive:
        print(file=ctx.err)
    if args.json:
        print_json(report.as_dict() | {"error": str(stopped) if stopped else None}, ctx.out)
    else:
        for problem in report.bad:
            print(f"{args.file}: {problem}", file=ctx.err)
        for warning in report.warnings:
            print(f"{args.file}: warning: {warning}", file=ctx.err)
        print(
            f"{report.lines} lines: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.bad)} bad "
            f"({report.seconds:.1f} s)"
            + (f"; stopped at line {report.stopped_at}" if stopped else ""),
            file=ctx.out,
        )
    if stopped is not None:
        print(f"error: {stopped}", file=ctx.err)
        return 2
    return 0 if report.ok else 1


def cmd_import_page(ctx: Context) -> int:
    from editor.archive.importing import ImportStoppedError  # noqa: PLC0415
    from editor.archive.pages import import_pages  # noqa: PLC0415

    args = ctx.args
    interactive = ctx.err.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if interactive:
            show_progress(ctx, done, total)

    stopped: ImportStoppedError | None = None
    try:
        report = import_pages(ctx.service, args.paths, progress=progress)
    except ImportStoppedError as exc:  # the archive stopped it: what was committed is said
        stopped, report = exc, exc.report
    if interactive and report.pages:
        print(file=ctx.err)
    if args.json:
        print_json(report.as_dict() | {"error": str(stopped) if stopped else None}, ctx.out)
    else:
        for problem in report.bad:
            print(f"{problem.file}: not imported: {problem.reason}", file=ctx.err)
        for problem in report.missing:
            print(problem, file=ctx.err)
        for problem in report.warnings:
            print(f"{problem.file}: warning: {problem.reason}", file=ctx.err)
        print(
            f"{report.pages} pages: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.drafts} drafts, {len(report.bad)} not imported "
            f"({report.seconds:.1f} s)" + (f"; stopped at {report.stopped_at}" if stopped else ""),
            file=ctx.out,
        )
    if stopped is not None:
        print(f"error: {stopped}", file=ctx.err)
        return 2
    return 0 if report.ok else 1


def cmd_export_jsonl(ctx: Context) -> int:
    from editor.archive.jsonl import export_jsonl  # noqa: PLC0415

    count = export_jsonl(ctx.service, ctx.args.file)
    print(f"{count} articles written to {ctx.args.file}", file=ctx.out)
    return 0


def cmd_list(ctx: Context) -> int:
    args = ctx.args
    page = ctx.service.list_articles(
        filters_from(args),
        sort=SortKey(args.sort),
        descending=not args.asc,
        offset=args.offset,
        limit=args.limit,
    )
    if args.json:
        print_json([article_json(r) for r in page.items], ctx.out)
        return 0
    for record in page.items:
        print(article_row(record), file=ctx.out)
    shown = f"{page.offset + 1}–{page.offset + len(page.items)}" if page.items else "none"
    print(f"({shown} of {page.total})", file=ctx.out)
    return 0


def cmd_search(ctx: Context) -> int:
    from editor.domain.model import ArticleFilter  # noqa: PLC0415 - start-up (see values)

    args = ctx.args
    no_filter = ArticleFilter()
    filters = filters_from(args)
    page = ctx.service.search(
        args.query,
        None if filters == no_filter else filters,
        offset=args.offset,
        limit=args.limit,
    )
    hits: list[SearchHit] = page.items
    if args.json:
        print_json(
            [
                article_json(h.article)
                | {
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                    "highlights": [list(s) for s in h.highlights],
                }
                for h in hits
            ],
            ctx.out,
        )
        return 0
    for hit in hits:
        print(article_row(hit.article), file=ctx.out)
        print(f"{'':9}{mark(hit.snippet, hit.highlights)}", file=ctx.out)
    print(f"({len(hits)} shown of {page.total} matches for {args.query!r})", file=ctx.out)
    return 0


def mark(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The snippet with its matches in 【】, readable in any terminal."""
    out, last = [], 0
    for start, end in sorted(spans):
        out += [text[last:start], "【", text[start:end], "】"]
        last = end
    out.append(text[last:])
    return "".join(out)


def cmd_show(ctx: Context) -> int:
    args = ctx.args
    record = ctx.service.get(args.id)
    revisions = ctx.service.revisions(args.id) if args.revisions else []
    from editor.text.counting import count_text  # noqa: PLC0415

    counts = count_text(record.body)  # as the editor's status bar counts it
    if args.json:
        data = article_json(record, body=True)
        data["counts"] = {"chinese": counts.chinese, "english": counts.english}
        if args.revisions:
            data["revisions"] = [
                {
                    "number": r.number,
                    "kind": r.kind.value,
                    "saved_at": iso(r.saved_at),
                    "saved_by": r.saved_by,
                    "title": r.title,
                }
                for r in revisions
            ]
        print_json(data, ctx.out)
        return 0
    when = record.published_at.strftime("%Y-%m-%d %H:%M") if record.published_at else "—"
    lines = [
        record.title,
        f"您现在的位置:首页 > {' > '.join(record.category)}",
        f"发布时间:{when}  来源:{record.source or '—'}  发布开发区:{record.zone or '—'}",
        f"id {record.id} · {record.status.value} · slug {record.slug} · version {record.version}"
        + (f" · tags {', '.join(record.tags)}" if record.tags else "")
        + (" · IN TRASH" if record.deleted_at else ""),
        f"字数 {counts.chinese} · English words {counts.english}",
        "",
        record.body,
    ]
    print("\n".join(lines), file=ctx.out)
    for r in revisions:
        print(
            f"revision {r.number}: {r.kind.value} {r.saved_at:%Y-%m-%d %H:%M:%S} by {r.saved_by}",
            file=ctx.out,
        )
    return 0


def cmd_stats(ctx: Context) -> int:
    from editor.archive.maintenance import stats  # noqa: PLC0415

    data = stats(ctx.archive)
    if ctx.args.json:
        print_json(data, ctx.out)
        return 0
    status = ", ".join(f"{k} {v}" for k, v in data["by_status"].items())
    lines = [
        f"archive     {data['archive']} ({data['database']}, schema {data['schema']})",
        f"articles    {data['articles']} ({status}); {data['trashed']} in the trash",
        f"revisions   {data['revisions']}",
        f"published   {data['first_published'] or '—'} … {data['last_published'] or '—'}",
        f"categories  {data['categories']}, zones {data['zones']}, sources {data['sources']}",
        f"images      {data['assets']} ({data['asset_bytes'] / 1e6:.1f} MB)",
        f"size        {data['size_bytes'] / 1e6:.1f} MB",
    ]
    if data["top_zones"]:
        lines.append(
            "top zones   "
            + ", ".join(f"{z['zone']} {z['articles']}" for z in data["top_zones"][:5])
        )
    print("\n".join(lines), file=ctx.out)
    return 0


def cmd_verify(ctx: Context) -> int:
    from editor.archive.maintenance import verify  # noqa: PLC0415

    report = verify(ctx.archive, render=not ctx.args.quick)
    if ctx.args.json:
        print_json(
            {
                "ok": report.ok,
                "articles": report.checked_articles,
                "assets": report.checked_assets,
                "revisions": report.checked_revisions,
                "rendered": report.rendered_articles,
                "problems": report.problems,
            },
            ctx.out,
        )
    else:
        for problem in report.problems:
            print(f"problem: {problem}", file=ctx.out)
        verdict = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        print(
            f"verified {report.checked_articles} articles ({report.rendered_articles} rendered), "
            f"{report.checked_revisions} revisions and {report.checked_assets} images: {verdict}",
            file=ctx.out,
        )
    return 0 if report.ok else 1


def cmd_backup(ctx: Context) -> int:
    from editor.archive.backups import backup  # noqa: PLC0415

    target = backup(ctx.archive, ctx.args.file, overwrite=ctx.args.force)
    print(f"backup written to {target}", file=ctx.out)
    return 0


def cmd_restore(ctx: Context) -> int:
    from editor.archive.backups import restore  # noqa: PLC0415

    report = restore(ctx.args.db, ctx.args.file)
    upgraded = f", upgraded from schema {report.upgraded_from}" if report.upgraded_from else ""
    print(
        f"restored {report.source} into {report.target}: {report.articles} articles, "
        f"{report.revisions} revisions, {report.assets} images{upgraded}",
        file=ctx.out,
    )
    return 0


def cmd_delete(ctx: Context) -> int:
    record = ctx.service.delete(ctx.args.id)
    print(f"article {record.id} “{record.title}” moved to the trash", file=ctx.out)
    return 0


def cmd_undelete(ctx: Context) -> int:
    record = ctx.service.restore(ctx.args.id)
    print(f"article {record.id} “{record.title}” restored from the trash", file=ctx.out)
    return 0


def newsroom_words(ctx: Context) -> list[str]:
    """The archive's shared and personal word lists, read without creating or changing anything.

    No archive yet (the default SQLite file does not exist): no words, no message. An archive that
    cannot be read raises when ``--db`` named it, and is only warned about otherwise.
    """
    from editor.archive import database  # noqa: PLC0415
    from editor.archive.articles import current_user  # noqa: PLC0415
    from editor.spell.wordlists import read_word_lists  # noqa: PLC0415

    explicit = ctx.args.db is not None
    url = ctx.args.db or database.default_archive_url()
    try:
        parsed = database.normalize_url(url)
        if parsed.get_backend_name() == "sqlite":
            path = Path(parsed.database or "")
            if not path.is_file():
                if explicit:
                    raise ZoneDeskError(f"there is no archive at {path}")
                return []
        archive = database.open_archive(url, create=False, readonly=True)
        try:
            return read_word_lists(archive, current_user()).all()
        finally:
            archive.close()
    except ZoneDeskError as exc:
        if explicit:
            raise
        print(f"warning: the archive's word lists were not read: {exc}", file=ctx.err)
        return []


def problem_json(path: Path, problem: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": str(path),
        "line": problem.line + 1,
        "col": problem.start + 1,
        "end_col": problem.end + 1,
        "rule": problem.rule.id,
        "kind": problem.kind.value,
        "title": problem.rule.title,
        "message": problem.message,
        "message_zh": problem.message_zh,
    }
    if problem.word:
        data["word"] = problem.word
        data["suggestions"] = list(problem.suggestions)
    if problem.fix is not None:
        data["fix"] = {
            "col": problem.fix.start + 1,
            "end_col": problem.fix.end + 1,
            "replacement": problem.fix.replacement,
            "certain": problem.fix.certain,
        }
    return data


def problem_line(path: Path, problem: Any) -> str:
    message = problem.message
    if problem.suggestions:
        message += f" (suggestions: {', '.join(problem.suggestions[:3])})"
    return f"{path}:{problem.line + 1}:{problem.start + 1}: {problem.rule.id}: {message}"


def cmd_check(ctx: Context) -> int:
    from editor.spell import TextChecker, dictionary_for, fix_text, open_speller  # noqa: PLC0415
    from editor.spell.files import (  # noqa: PLC0415
        FileCheckError,
        SourceText,
        read_source,
        write_atomically,
    )
    from editor.spell.wordfiles import builtin_words  # noqa: PLC0415
    from editor.text.counting import count_text  # noqa: PLC0415

    args = ctx.args
    speller = open_speller(
        args.dictionary or dictionary_for(args.lang), [*builtin_words(), *newsroom_words(ctx)]
    )
    if not speller.available:
        print(f"warning: {speller.notice}", file=ctx.err)
    try:
        checker = TextChecker(speller, language=args.lang, disabled=set(args.disable))
    except ValueError as exc:
        print(f"error: --disable: {exc}", file=ctx.err)
        return 2

    failed_files = 0
    found: list[tuple[Path, Any]] = []
    for path in args.files:
        try:
            source = read_source(path)
        except FileCheckError as exc:
            print(f"error: {exc}", file=ctx.err)
            failed_files += 1
            continue
        if args.fix:
            result = fix_text(checker, source.text)
            problems = result.problems
            if result.fixed:
                try:
                    write_atomically(path, SourceText(result.text, source.bom))
                except OSError as exc:
                    print(f"error: {path}: cannot be written ({exc})", file=ctx.err)
                    failed_files += 1
                    continue
                print(f"{path}: fixed {result.fixed} problem(s)", file=ctx.err)
        else:
            problems = checker.check_text(source.text)
        found += [(path, p) for p in checker.with_suggestions(problems)]
        if args.count:
            # 字数 as the editor's status bar and History count it (editor.text.counting)
            counts = count_text(result.text if args.fix else source.text)
            print(f"{path}: 字数 {counts.chinese}, English words {counts.english}", file=ctx.err)

    if args.json:
        print_json([problem_json(path, p) for path, p in found], ctx.out)
    else:
        for path, p in found:
            print(problem_line(path, p), file=ctx.out)
        if found:
            fixable = sum(1 for _, p in found if p.fix is not None and p.fix.certain)
            hint = f"; {fixable} can be fixed with --fix" if fixable else ""
            files = len({path for path, _ in found})
            print(f"{len(found)} problem(s) in {files} file(s){hint}", file=ctx.err)
    if failed_files:
        return 2
    return 1 if found else 0


def cmd_export(ctx: Context) -> int:
    from editor.export.exporter import Exporter, ExportProgress  # noqa: PLC0415
    from editor.export.source import open_source  # noqa: PLC0415

    args = ctx.args
    interactive = ctx.err.isatty() and not args.json
    labels = {"rendering": "rendering", "media": "images   "}

    def progress(event: ExportProgress) -> None:
        if interactive and event.phase in labels and event.total:
            show_progress(ctx, event.done, event.total, labels[event.phase])

    # The exporter stops the cyclic garbage collector while it runs; when the process ends with
    # the command it stays off, for its first pass would walk every object the export made (40 ms)
    collecting = gc.isenabled()
    gc.disable()
    ctx.check_archive_file()
    try:
        with open_source(args.db) as source:
            exporter = Exporter(
                source,
                args.out,
                theme=args.theme,
                workers=args.workers,
                progress=progress,
                full=args.full,
            )
            report = exporter.run()
    finally:
        if collecting and not ctx.process_ends:
            gc.enable()
    if interactive:
        print(file=ctx.err)
    if args.json:
        print_json(report.as_dict(), ctx.out)
    else:
        if report.recovered:
            print(f"note: {report.recovered}", file=ctx.err)
        for warning in report.warnings:
            print(f"warning: {warning}", file=ctx.err)
        print(
            f"{report.files} files in {report.out} ({report.articles} articles): "
            f"{report.written} written, {report.unchanged} unchanged, {report.removed} removed "
            f"({report.seconds:.2f} s)",
            file=ctx.out,
        )
        print_left_out(ctx, report.left_out, listed=args.left_out)
    skipped = any(item.reason == "unwritable" for item in report.left_out)
    return 1 if report.warnings or skipped else 0


def print_left_out(ctx: Context, left_out: Sequence[LeftOut], *, listed: bool) -> None:
    """The export's line on the articles it left out, and with ``listed`` each of them; those
    whose pages cannot be written are always listed (on stderr: something to mend)."""
    from editor.export import leftout  # noqa: PLC0415

    unpublished = leftout.unpublished(left_out)
    if unpublished:
        hint = "" if listed else "; --left-out lists them"
        print(leftout.summary(unpublished) + hint, file=ctx.out)
    if unpublished and listed:
        for item in unpublished:
            print(f"{item.id:>7}  {fit(item.reason, 9)}  {item.title}", file=ctx.out)
    unwritable = leftout.unwritable(left_out)
    if unwritable:
        print("warning: " + leftout.unwritable_summary(unwritable), file=ctx.err)
        for item in unwritable:
            print(leftout.unwritable_line(item), file=ctx.err)


def cmd_site(ctx: Context) -> int:
    from editor.domain.errors import ValidationError  # noqa: PLC0415
    from editor.export import settings  # noqa: PLC0415

    args = ctx.args
    if args.site_command == "set":
        key, value = settings.save_site_setting(ctx.archive, args.key, args.value)
        print(f"{key} = {value}", file=ctx.out)
        return 0
    raw = settings.read_raw(ctx.archive)
    values = {key: raw.get(key, "") for key in settings.KEYS}
    if args.json:
        print_json(values, ctx.out)
        return 0
    bad = 0
    for key, value in values.items():
        try:
            settings.check_value(key, value)
            note = ""
        except ValidationError as exc:
            bad += 1
            note = f"   ← invalid: {exc.problems[0].message}"
        print(f"{key:<15} {value}{note}", file=ctx.out)
    return 1 if bad else 0


HANDLERS: dict[str, Callable[[Context], int]] = {
    "import": cmd_import,
    "import-page": cmd_import_page,
    "export-jsonl": cmd_export_jsonl,
    "list": cmd_list,
    "search": cmd_search,
    "show": cmd_show,
    "stats": cmd_stats,
    "verify": cmd_verify,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "delete": cmd_delete,
    "undelete": cmd_undelete,
    "check": cmd_check,
    "export": cmd_export,
    "site": cmd_site,
}


def run(
    args: argparse.Namespace,
    out: TextIO | None = None,
    err: TextIO | None = None,
    *,
    process_ends: bool = False,
) -> int:
    """Run one parsed command; errors become a message on stderr and exit code 2.
    ``process_ends``: the process ends right after (``main.py``)."""
    out = out or sys.stdout
    err = err or sys.stderr
    ctx = Context(args, out, err, process_ends=process_ends)
    try:
        return HANDLERS[args.command](ctx)
    except ZoneDeskError as exc:
        print(f"error: {exc}", file=err)
        return 2
    except sqlite3.DatabaseError as exc:  # a damaged page, met by a reader of the file itself
        said = ctx.damage_met(exc)
        if said is None:
            raise
        print(f"error: {said}", file=err)
        return 2
    except KeyboardInterrupt:
        print("interrupted: what was committed is kept", file=err)
        return 130
    finally:
        ctx.close()
