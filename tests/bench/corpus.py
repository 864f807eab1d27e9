"""Benchmark material, built once and cached under tests/bench/.corpus/ (never committed).

`corpus(n)` writes a make_corpus.py corpus of n articles; `built_archive(n)` imports it into a
SQLite archive with ZoneDesk's own importer (the first time only) and returns the archive's path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from editor.archive.database import open_archive
from editor.archive.schema import SCHEMA_REVISION

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".corpus"
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"


def corpus(n: int, seed: int = 1) -> Path:
    """The folder holding articles.jsonl (and media/) of an n-article corpus."""
    folder = CACHE / f"corpus-{n}-s{seed}"
    if not (folder / "articles.jsonl").exists():
        if not MAKE_CORPUS.exists():
            sys.exit(f"the corpus generator is missing: {MAKE_CORPUS}")
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(MAKE_CORPUS), str(folder), str(n), "--seed", str(seed)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


def built_archive(n: int, seed: int = 1) -> Path:
    """A SQLite archive holding the n-article corpus, imported once by `main.py import`, and
    brought to the current schema when a migration came since (its upgrade backup removed)."""
    path = CACHE / f"archive-{n}-s{seed}.sqlite3"
    done = path.with_name(path.name + ".done")
    if done.exists() and done.read_text(encoding="utf-8").strip() != SCHEMA_REVISION:
        print(f"upgrading the cached {n:,}-article archive to schema {SCHEMA_REVISION} …")
        open_archive(str(path)).close()
        for backup in CACHE.glob(path.name + ".before-upgrade-*"):
            backup.unlink()
        done.write_text(SCHEMA_REVISION, encoding="utf-8")
    if not done.exists():
        for stale in CACHE.glob(path.name + "*"):
            stale.unlink()
        source = corpus(n, seed) / "articles.jsonl"
        print(f"building the {n:,}-article archive (once; cached in {CACHE}) …", flush=True)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(path), "import", str(source)],
            check=True,
            cwd=ROOT,
        )
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
        done.write_text(SCHEMA_REVISION, encoding="utf-8")
    return path
