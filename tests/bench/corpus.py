"""Benchmark material, built once and cached under tests/bench/.corpus/ (never committed).

`corpus(n)` writes the project's corpus of n articles (tests/bench/make_corpus.py);
`built_archive(n)` imports it into a SQLite archive with ZoneDesk's own importer (the first time
only) and returns the archive's path; `hugo_site(n)` is tests/bench/hugo-site with the same
articles as Hugo content.

Every cached name carries the generator's version (`STAMP`), so material made by another version
of the generator (or the team's former external one, whose folders had no version) is never taken
for this one's: it is simply not found, and made anew.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from editor.archive.database import open_archive
from editor.archive.schema import SCHEMA_REVISION
from tests.bench.make_corpus import GENERATOR_VERSION, make_articles, write_hugo, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".corpus"
HUGO_SITE = Path(__file__).resolve().parent / "hugo-site"
#: Part of every cached name: the version of the generator that made it.
STAMP = f"v{GENERATOR_VERSION}"


def _fresh(folder: Path) -> Path:
    """An empty ``<folder>.partial`` to build in (renamed into place when whole: a run killed
    halfway leaves nothing that looks finished)."""
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    partial.mkdir(parents=True)
    return partial


def corpus(n: int, seed: int = 1) -> Path:
    """The folder holding articles.jsonl (and media/) of an n-article corpus."""
    folder = CACHE / f"corpus-{STAMP}-{n}-s{seed}"
    if not (folder / "articles.jsonl").exists():
        print(f"writing the {n:,}-article corpus (once; cached in {CACHE}) …", flush=True)
        partial = _fresh(folder)
        write_jsonl(partial, make_articles(n, seed))
        partial.rename(folder)
    return folder


def hugo_site(n: int, seed: int = 1) -> Path:
    """A copy of tests/bench/hugo-site holding the n-article corpus as Hugo content; its config
    and layouts are refreshed from tests/bench/hugo-site on every call."""
    site = CACHE / f"hugo-{STAMP}-{n}-s{seed}"
    if not (site / "content").is_dir():
        print(f"writing the {n:,}-article Hugo site (once; cached in {CACHE}) …", flush=True)
        partial = _fresh(site)
        write_hugo(partial, make_articles(n, seed))
        partial.rename(site)
    for entry in HUGO_SITE.iterdir():
        target = site / entry.name
        if entry.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(entry, target)
        else:
            shutil.copy2(entry, target)
    return site


def built_archive(n: int, seed: int = 1) -> Path:
    """A SQLite archive holding the n-article corpus, imported once by `main.py import`, and
    brought to the current schema when a migration came since (its upgrade backup removed)."""
    path = CACHE / f"archive-{STAMP}-{n}-s{seed}.sqlite3"
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
