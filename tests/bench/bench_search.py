#!/usr/bin/env python3
"""Search benchmark (issue: full-text search): first page of hits with total and snippets.

    .venv/bin/python tests/bench/bench_search.py [--n 100000] [--pg-n 10000] [--runs 21]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test] [--no-pg] [--keep-pg]

SQLite: an n-article archive is bulk-loaded once from the make_corpus.py corpus (articles with their
rendered HTML and one revision each, as an import leaves them) and cached in tests/bench/.corpus/
(never committed). PostgreSQL: a scratch database of pg-n articles is loaded the same way and
dropped afterwards (``--keep-pg`` keeps it for the next run). Prints, per query, the median and
p95 of (1) ``search_ids`` alone and (2) a whole first page: ``search_ids`` with the total, the 20
articles read and their snippets made, the target being a median ≤ 50 ms; then the index size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import Select, create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from editor.archive import search
from editor.archive.backups import backup_sqlite
from editor.archive.database import Archive, open_archive
from editor.archive.schema import Article, Category, Revision, Setting, Source, Zone
from editor.render.markdown import render_markdown
from editor.render.plaintext import plain_text
from tests.bench.corpus import CACHE, STAMP, corpus

QUERIES = [
    "金坛",  # a zone: about one article in ten
    "园区",  # in most articles
    "项目",  # in nearly every article
    "招商",
    "企业",  # in nearly every article
    "溧阳",  # a rarer zone
    "区",  # one character: a prefix over every bigram starting with it
    "开发区",  # a phrase of two bigrams
    "金坛 招商",  # two words
    "5G",  # Latin, as typed (prefix)
]
#: The same with a list filter (candidate_filter): one zone, about a tenth of the archive.
FILTERED_QUERIES = ["项目", "园区", "招商"]
FILTER_ZONE = "江苏金坛经济开发区"
PAGE = 20
BULK_BATCH = 1000
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms"


# -- loading a corpus straight into an archive ----------------------------------------------------


def _render(body: str) -> str:
    return render_markdown(body)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


class _Ids:
    """Category, zone and source ids by name, created as the corpus names them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.categories = {(c.parent_id, c.name): c.id for c in session.scalars(select(Category))}
        self.zones = {z.name: z.id for z in session.scalars(select(Zone))}
        self.sources = {s.name: s.id for s in session.scalars(select(Source))}

    def category(self, path: list[str]) -> int:
        parent: int | None = None
        for name in path:
            key = (parent, name)
            if key not in self.categories:
                row = Category(parent_id=parent, name=name, position=len(self.categories))
                self.session.add(row)
                self.session.flush()
                self.categories[key] = row.id
            parent = self.categories[key]
        assert parent is not None
        return parent

    def zone(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self.zones:
            row = Zone(name=name)
            self.session.add(row)
            self.session.flush()
            self.zones[name] = row.id
        return self.zones[name]

    def source(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self.sources:
            row = Source(name=name)
            self.session.add(row)
            self.session.flush()
            self.sources[name] = row.id
        return self.sources[name]


def bulk_load(archive: Archive, source: Path) -> int:
    """Every corpus article into the archive, indexed with ``search.index_articles``."""
    now = dt.datetime.now(dt.UTC)
    count = 0
    lines = _lines(source)
    with multiprocessing.Pool(2) as pool:
        while True:
            batch = [line for _, line in zip(range(BULK_BATCH), lines, strict=False)]
            if not batch:
                break
            html = pool.map(_render, [b["body"] for b in batch], chunksize=50)
            with archive.session(write=True) as session:
                ids = _Ids(session)
                articles, revisions = [], []
                for item, body_html in zip(batch, html, strict=True):
                    article_id = int(item["id"])
                    published = dt.datetime.fromisoformat(item["published_at"])
                    articles.append(
                        {
                            "id": article_id,
                            "external_id": item["id"],
                            "title": item["title"],
                            "body": item["body"],
                            "body_html": body_html,
                            "summary": "",
                            "category_id": ids.category(item["category"]),
                            "zone_id": ids.zone(item.get("zone")),
                            "source_id": ids.source(item.get("source")),
                            "tags": item.get("tags", []),
                            "language": item.get("language", "zh-CN"),
                            "slug": f"a-{article_id}",
                            "status": item.get("status", "published"),
                            "published_at": published,
                            "created_at": now,
                            "updated_at": now,
                            "version": 1,
                        }
                    )
                    revisions.append(
                        {
                            "article_id": article_id,
                            "number": 1,
                            "kind": "import",
                            "saved_at": now,
                            "saved_by": "bench",
                            "title": item["title"],
                            "body": item["body"],
                            "fields": {"category": item["category"], "zone": item.get("zone")},
                        }
                    )
                session.execute(insert(Article), articles)
                session.execute(insert(Revision), revisions)
                search.index_articles(session, ((a["id"], a["title"], a["body"]) for a in articles))
            count += len(batch)
            print(f"\r  loaded {count:,}", end="", flush=True)
    print()
    return count


def sqlite_archive(n: int, seed: int = 1) -> Archive:
    path = CACHE / f"search-{STAMP}-{n}-s{seed}.sqlite3"
    done = path.with_name(path.name + ".done")
    if not done.exists():
        for stale in CACHE.glob(path.name + "*"):
            stale.unlink()
        source = corpus(n, seed) / "articles.jsonl"
        print(f"building the {n:,}-article SQLite archive (once; cached as {path}) …", flush=True)
        started = time.perf_counter()
        with open_archive(str(path)) as archive:
            bulk_load(archive, source)
            raw = archive.engine.raw_connection()  # outside any transaction
            try:
                raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
        done.touch()
    return open_archive(str(path))


# -- measuring ------------------------------------------------------------------------------------


def first_page(
    archive: Archive, query: str, candidates: Select[Any] | None = None
) -> tuple[int, list[str]]:
    """What the search view needs: the first 20 hits best first, the total, their snippets."""
    with archive.session() as session:
        ranked, total = search.search_ids(session, query, limit=PAGE, candidate_filter=candidates)
        ids = [i for i, _ in ranked]
        rows = {
            r.id: r
            for r in session.execute(
                select(Article.id, Article.title, Article.body).where(Article.id.in_(ids))
            )
        }
    snippets = []
    for article_id in ids:
        row = rows[article_id]
        excerpt, spans = search.snippet(plain_text(row.body), query)
        if not spans:
            excerpt, spans = search.snippet(row.title, query)
        snippets.append(excerpt)
    return total, snippets


def timed(runs: int, call: Callable[[], object]) -> list[float]:
    call()  # warm: the first call pays for the page cache and the statement caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def measure(archive: Archive, runs: int) -> None:
    def ids_only(query: str, candidates: Select[Any] | None = None) -> Callable[[], object]:
        def call() -> object:
            with archive.session() as session:
                return search.search_ids(session, query, limit=PAGE, candidate_filter=candidates)

        return call

    with archive.session() as session:
        zone = session.scalar(select(Zone.id).where(Zone.name == FILTER_ZONE))
    in_zone = select(Article.id).where(Article.zone_id == zone)
    cases: list[tuple[str, Select[Any] | None]] = [(q, None) for q in QUERIES]
    cases += [(q, in_zone) for q in FILTERED_QUERIES]
    print(f"  {'query':<10} {'matches':>8}   search_ids (ids + total)         whole first page")
    for query, candidates in cases:
        total, snippets = first_page(archive, query, candidates)
        only = timed(runs, ids_only(query, candidates))
        page = timed(runs, functools.partial(first_page, archive, query, candidates))
        label = query if candidates is None else f"{query} in zone"
        print(f"  {label:<10} {total:>8,}   {ms(only)}   {ms(page)}")
    print(f"  (in zone: candidate_filter = the ids of {FILTER_ZONE}'s articles)")
    total, snippets = first_page(archive, "金坛")
    print(f"  e.g. 金坛, hit 1: {snippets[0]}")


def sqlite_sizes(archive: Archive) -> None:
    with archive.session() as session:
        rows = session.execute(
            text(
                "SELECT name, sum(pgsize) FROM dbstat "
                "WHERE name LIKE 'article_fts%' GROUP BY name ORDER BY 2 DESC"
            )
        ).all()
        page_size = session.scalar(text("PRAGMA page_size")) or 4096
        pages = session.scalar(text("PRAGMA page_count")) or 0
    index = sum(size for _, size in rows)
    assert archive.path is not None
    wal = archive.path.with_name(archive.path.name + "-wal")
    whole = archive.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    print(
        f"  index size {index / 1e6:.0f} MB ("
        + ", ".join(f"{name} {size / 1e6:.0f}" for name, size in rows)
        + f"); whole archive {whole / 1e6:.0f} MB ({pages * page_size / 1e6:.0f} MB in pages)"
    )


def bench_sqlite(n: int, runs: int) -> None:
    archive = sqlite_archive(n)
    with archive.session() as session:
        count = session.scalar(select(text("count(*)")).select_from(Article)) or 0
    print(f"SQLite {archive.location} ({count:,} articles), {runs} runs each:")
    measure(archive, runs)
    sqlite_sizes(archive)
    archive.close()


def bench_indexing(runs: int = 3) -> None:
    """Python cost of indexing: tokens per article, and the statements' payload."""
    items = [
        line
        for _, line in zip(range(2000), _lines(corpus(10_000) / "articles.jsonl"), strict=False)
    ]
    rows = [(n, i["title"], i["body"]) for n, i in enumerate(items)]
    for label, dialect in (
        ("SQLite rows (title and body tokens)", "sqlite"),
        ("PostgreSQL rows (tsvector literals)", "postgresql"),
    ):
        best = min(timed(runs, functools.partial(search.prepare_index_rows, dialect, rows)))
        print(f"  {label}: {best / len(items) * 1e6:.0f} µs per article (Python)")
    with (
        tempfile.TemporaryDirectory() as folder,
        open_archive(f"{folder}/a.sqlite3") as archive,
        archive.session(write=True) as session,
    ):
        started = time.perf_counter()
        search.index_articles(session, rows)
        seconds = time.perf_counter() - started
        session.rollback()
    per_article = seconds / len(rows) * 1e3
    print(f"  index_articles on SQLite (tokens + FTS5): {per_article:.2f} ms per article")


def bench_rebuild(n: int) -> None:
    """The whole index rebuilt (what the first open after a TOKENIZER_VERSION bump does)."""
    source = sqlite_archive(n)
    assert source.path is not None
    source.close()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.sqlite3"
        backup_sqlite(source.path, copy)
        with open_archive(str(copy)) as archive:
            started = time.perf_counter()
            count = search.rebuild_search_index(archive)
            print(
                f"  rebuild of the whole index: {count:,} articles in "
                f"{time.perf_counter() - started:.0f} s"
            )


def bench_postgresql(url: str, n: int, runs: int, keep: bool) -> None:
    admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    name = f"zonedesk_bench_search_{n}"
    target = make_url(url).set(database=name).render_as_string(hide_password=False)
    try:
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists:
            archive = open_archive(target)
            with archive.session() as session:
                ready = session.get(Setting, "bench.loaded")
            if ready is None:
                archive.close()
                exists = None
        if not exists:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            print(f"loading {n:,} articles into PostgreSQL database {name} …", flush=True)
            started = time.perf_counter()
            archive = open_archive(target)
            bulk_load(archive, corpus(n) / "articles.jsonl")
            with archive.session(write=True) as session:
                session.add(Setting(key="bench.loaded", value="1"))
            with archive.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE"))
            print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
        print(f"PostgreSQL {archive.location} ({n:,} articles), {runs} runs each:")
        measure(archive, runs)
        with archive.session() as session:
            index = session.scalar(text("SELECT pg_total_relation_size('article_search')")) or 0
            whole = session.scalar(text("SELECT pg_database_size(current_database())")) or 0
        print(
            f"  index size {index / 1e6:.0f} MB (article_search with its GIN index); "
            f"database {whole / 1e6:.0f} MB"
        )
        archive.close()
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--pg-n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--keep-pg", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--rebuild", action="store_true", help="also time a full index rebuild")
    args = parser.parse_args()
    print("indexing cost:")
    bench_indexing()
    if not args.no_sqlite:
        bench_sqlite(args.n, args.runs)
        if args.rebuild:
            bench_rebuild(args.n)
    if not args.no_pg:
        bench_postgresql(args.pg_url, args.pg_n, args.runs, args.keep_pg)


if __name__ == "__main__":
    main()
