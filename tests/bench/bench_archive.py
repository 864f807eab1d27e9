#!/usr/bin/env python3
"""Archive benchmarks (issue 2): import speed, and list/open speed on a 100,000-article archive.

    .venv/bin/python tests/bench/bench_archive.py [--import-n 10000] [--big-n 100000]

Prints its figures; the targets are in brackets. The 100,000-article archive is built once with
the real importer and cached (tests/bench/.corpus/, never committed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from editor.archive.articles import ArticleService, published_range
from editor.archive.database import open_archive
from editor.archive.maintenance import archive_size
from editor.domain.model import ArticleFilter, ArticleStatus
from tests.bench.corpus import ROOT, built_archive, corpus


def median_ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def bench_import(n: int) -> None:
    source = corpus(n) / "articles.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "import.sqlite3"
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(source)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        seconds = time.perf_counter() - started
        print(
            f"import of {n:,} articles (whole command, bodies rendered once): "
            f"{seconds:.1f} s [≤ 20 s]  → {result.stdout.strip()}"
        )
        if result.returncode != 0:
            print(result.stderr[-2000:])
        print(f"  archive size: {db.stat().st_size / 1e6:.0f} MB")


def bench_big(n: int) -> None:
    path = built_archive(n)
    # opening: a fresh process, timed from the call to the first page being ready; the time
    # of the quick_check open_archive runs (health.quick_check) is taken apart
    code = (
        "import time, sys; t=time.perf_counter();"
        "from editor.archive import health; spent=[]; check=health.quick_check\n"
        "def timed(conn):\n"
        "    s=time.perf_counter(); r=check(conn); spent.append(time.perf_counter()-s); return r\n"
        "health.quick_check=timed;"
        "from editor.archive.database import open_archive;"
        "from editor.archive.articles import ArticleService;"
        f"a=open_archive({str(path)!r}); ArticleService(a).list_articles(limit=50);"
        "print(time.perf_counter()-t, sum(spent))"
    )
    opens, checks = [], []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
        )
        total, checked = (float(x) for x in out.stdout.split())
        opens.append(total)
        checks.append(checked)
    print(
        f"open a {n:,}-article archive and show its first page (fresh process, imports "
        f"included): {median_ms(opens)} [≤ 1 s]"
    )
    share = statistics.median(checks) / statistics.median(opens)
    print(f"  of which SQLite's quick_check at open: {median_ms(checks)} ({share:.0%} of the open)")

    archive = open_archive(str(path))
    service = ArticleService(archive)
    print(
        f"  archive size on disk: {archive_size(archive) / 1e6:.0f} MB "
        f"({service.count():,} articles)"
    )
    start, end = published_range(dt.date(2020, 1, 1), dt.date(2022, 12, 31))
    cases = {
        "all, newest first": ArticleFilter(),
        "zone 江苏金坛经济开发区": ArticleFilter(zone="江苏金坛经济开发区"),
        "city 苏州": ArticleFilter(city="苏州"),
        "category 开发区新闻 > 常州": ArticleFilter(category=("开发区新闻", "常州")),
        "status published, 2020–2022": ArticleFilter(
            status=ArticleStatus.PUBLISHED, published_from=start, published_to=end
        ),
        "source + city": ArticleFilter(source="新华日报", city="常州"),
    }
    for label, filters in cases.items():
        samples = []
        for i in range(30):
            t = time.perf_counter()
            page = service.list_articles(filters, offset=(i % 5) * 50, limit=50)
            samples.append(time.perf_counter() - t)
        print(
            f"  list page of 50, {label:<32} {median_ms(samples)} [≤ 20 ms] ({page.total:,} match)"
        )
    for word in ("金坛", "园区"):
        samples = []
        for _ in range(15):
            t = time.perf_counter()
            hits = service.search(word, limit=20)
            samples.append(time.perf_counter() - t)
        print(
            f"  search {word} (first 20 with snippets and total): {median_ms(samples)} "
            f"[≤ 50 ms] ({hits.total:,} match)"
        )
    archive.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--import-n", type=int, default=10_000)
    parser.add_argument("--big-n", type=int, default=100_000)
    args = parser.parse_args()
    bench_import(args.import_n)
    bench_big(args.big_n)


if __name__ == "__main__":
    main()
