#!/usr/bin/env python3
"""Soak (issue 7): writer processes saving at full speed on one archive; nothing may be lost.

    .venv/bin/python tests/bench/bench_soak.py [--writers 2] [--saves 5000]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test] [--no-pg] [--no-sqlite]

Each writer process makes ``--saves`` successful deliberate saves through ``ArticleService``,
half on one article all writers share (where they conflict: a writer that gets ConflictError
saves again over the newer version, as "keep mine" does) and half on an article of its own. Every
body is self-checking (it ends with its own SHA-256). Afterwards, per article: revisions numbered
1…n without a gap and one per successful save, every save found in its revision with its body
and writer, every stored body whole, and ``verify`` clean. Prints saves/s, conflicts, lost and
corrupted (both must be 0; the script exits 1 otherwise). SQLite in a temporary folder,
PostgreSQL in a scratch database that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from editor.archive.articles import ArticleService
from editor.archive.database import open_archive
from editor.archive.maintenance import verify
from editor.domain.errors import ConflictError
from editor.domain.model import DEFAULT_TZ, ArticleInput

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FOOTER = "\n\n校验:"
WORDS = ["园区", "项目", "招商", "企业", "开发区", "投资", "建设", "签约", "Jintan", "5G"]


def body_for(writer: int, n: int) -> str:
    rng = random.Random(writer * 1_000_003 + n)
    lines = [f"## 写手{writer} 第{n}次保存"]
    lines += ["".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) for _ in range(12)]
    text_ = "\n\n".join(lines)
    return text_ + FOOTER + hashlib.sha256(text_.encode()).hexdigest()


def whole(body: str) -> bool:
    text_, sep, digest = body.rpartition(FOOTER)
    return bool(sep) and hashlib.sha256(text_.encode()).hexdigest() == digest


def sha(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def seed_input(title: str) -> ArticleInput:
    import datetime as dt  # noqa: PLC0415 - only here

    return ArticleInput(
        title=title,
        body=body_for(0, 0),
        category=("开发区新闻", "常州", "文字新闻"),
        published_at=dt.datetime(2024, 1, 1, 9, tzinfo=DEFAULT_TZ),
        zone="江苏金坛经济开发区",
        source="金坛手机台",
    )


def writer(url: str, index: int, saves: int, shared: int, own: int, log: str) -> None:
    """One writer process: ``saves`` successful saves, logged as JSON lines at the end."""
    archive = open_archive(url)
    service = ArticleService(archive, user=f"writer-{index}")
    rng = random.Random(index)
    known = {shared: service.get(shared), own: service.get(own)}
    done: list[dict[str, object]] = []
    conflicts = 0
    for n in range(1, saves + 1):
        target = shared if rng.random() < 0.5 else own
        record = known[target]
        body = body_for(index, n)
        data = dataclasses.replace(record.to_input(), body=body)
        expected = record.version
        while True:
            try:
                record = service.update(target, data, expected_version=expected)
                break
            except ConflictError as conflict:
                conflicts += 1
                expected = conflict.current.version
        known[target] = record
        done.append({"article": target, "version": record.version, "sha": sha(body)})
    archive.close()
    Path(log).write_text(
        json.dumps({"writer": index, "conflicts": conflicts, "saves": done}), encoding="utf-8"
    )


def check(url: str, logs: list[dict[str, object]], articles: list[int]) -> tuple[int, int]:
    """(lost, corrupted) revisions after the soak."""
    archive = open_archive(url)
    service = ArticleService(archive)
    lost = corrupted = 0
    expected_count = dict.fromkeys(articles, 1)  # the first revision, made at creation
    for log in logs:
        for save in log["saves"]:  # type: ignore[attr-defined]
            expected_count[save["article"]] += 1
    revisions = {aid: {r.number: r for r in service.revisions(aid)} for aid in articles}
    for aid in articles:
        numbers = sorted(revisions[aid])
        stored = service.get(aid)
        if numbers != list(range(1, len(numbers) + 1)) or len(numbers) != expected_count[aid]:
            print(f"  article {aid}: revisions {len(numbers)}, expected {expected_count[aid]}")
            lost += abs(expected_count[aid] - len(numbers)) or 1
        if stored.version != len(numbers) or not whole(stored.body):
            print(f"  article {aid}: version {stored.version}, body whole: {whole(stored.body)}")
            corrupted += 1
        corrupted += sum(1 for r in revisions[aid].values() if not whole(r.body))
    for log in logs:
        name = f"writer-{log['writer']}"
        for save in log["saves"]:  # type: ignore[attr-defined]
            revision = revisions[save["article"]].get(save["version"])
            if revision is None:
                lost += 1
            elif sha(revision.body) != save["sha"] or revision.saved_by != name:
                corrupted += 1
    report = verify(archive, render=False)
    if not report.ok:
        print("  verify:", *report.problems[:10], sep="\n    ")
        corrupted += len(report.problems)
    archive.close()
    return lost, corrupted


def soak(label: str, url: str, writers: int, saves: int) -> bool:
    archive = open_archive(url)
    service = ArticleService(archive, user="setup")
    shared = service.create(seed_input("共享稿件")).id
    own = [service.create(seed_input(f"写手{i}的稿件")).id for i in range(writers)]
    archive.close()
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(Path(tmp) / f"writer-{i}.json") for i in range(writers)]
        processes = [
            context.Process(target=writer, args=(url, i, saves, shared, own[i], paths[i]))
            for i in range(writers)
        ]
        started = time.perf_counter()
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        seconds = time.perf_counter() - started
        failed = [p.exitcode for p in processes if p.exitcode != 0]
        logs = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths if Path(p).exists()]
    if failed:
        print(f"{label}: writer processes failed (exit codes {failed})")
        return False
    total = sum(len(log["saves"]) for log in logs)
    conflicts = sum(int(log["conflicts"]) for log in logs)
    lost, corrupted = check(url, logs, [shared, *own])
    print(
        f"{label}: {writers} writers × {saves:,} saves = {total:,} saves in {seconds:.1f} s "
        f"({total / seconds:.0f} saves/s), {conflicts:,} conflicts retried, "
        f"lost {lost}, corrupted {corrupted}  [0 and 0]",
        flush=True,
    )
    return lost == 0 and corrupted == 0 and total == writers * saves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--saves", type=int, default=5000, help="successful saves per writer")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    ok = True
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            ok &= soak("SQLite", str(Path(tmp) / "soak.sqlite3"), args.writers, args.saves)
    if not args.no_pg:
        admin = create_engine(args.pg_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        name = "zonedesk_bench_soak"
        url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # no server: say so, do not fail the other figures
            print(f"PostgreSQL: skipped, no server at {args.pg_url} ({exc})")
        else:
            try:
                ok &= soak("PostgreSQL", url, args.writers, args.saves)
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
