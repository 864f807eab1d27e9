"""The benchmark corpus generator (tests/bench/make_corpus.py): the same bytes on every machine,
the registry's zones, the realistic shape the benchmarks rely on, and a clean import."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.archive.database import open_archive
from editor.archive.registry import (
    CITIES,
    DEFAULT_KINDS,
    MAIN_SECTION,
    PHOTO_KIND,
    category_path_for_zone,
    zone_by_name,
)
from editor.archive.schema import Article, Asset
from tests.bench import corpus, make_corpus
from tests.bench.make_corpus import (
    BODY_MAX,
    BODY_MIN,
    GENERATOR_VERSION,
    make_articles,
    write_hugo,
)
from tests.subprocesses import ROOT, zonedesk

SCRIPT = ROOT / "tests" / "bench" / "make_corpus.py"

#: The digest (``tree_digest``) of ``make_corpus.py OUT 40 --seed 1``. When a change to the
#: generator changes its output on purpose, bump GENERATOR_VERSION (the benchmarks' caches are
#: named by it) and pin the new digest with the new version; never one without the other.
PINNED = (2, "be0469b7199f657e120733cbf57aee2e566b49c68ec9763d7e394914d4ec7657")


def tree_digest(folder: Path) -> str:
    """sha256 over every file under ``folder``: its path (``/``, sorted) and its bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def run_generator(out: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(out), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def articles() -> list[make_corpus.Article]:
    return list(make_articles(1500, seed=3))


def test_the_same_seed_gives_the_same_bytes_in_other_processes(tmp_path):
    outs = []
    for hash_seed, tz, lang in (("1", "Asia/Shanghai", "C.UTF-8"), ("987", "UTC+11", "C")):
        env = os.environ | {"PYTHONHASHSEED": hash_seed, "TZ": tz, "LC_ALL": lang, "LANG": lang}
        out = tmp_path / f"run-{hash_seed}"
        run_generator(out, "40", "--seed", "1", env=env)
        outs.append(out)
    assert tree_digest(outs[0]) == tree_digest(outs[1])
    assert (outs[0] / "articles.jsonl").read_bytes() == (outs[1] / "articles.jsonl").read_bytes()


def test_the_output_is_pinned(tmp_path):
    run_generator(tmp_path / "c", "40", "--seed", "1")
    version, digest = PINNED
    assert tree_digest(tmp_path / "c") == digest, (
        "the corpus of N=40, seed 1 changed: if on purpose, bump GENERATOR_VERSION and pin the "
        "new digest; if not, the generator has come to depend on the machine"
    )
    assert version == GENERATOR_VERSION
    run_generator(tmp_path / "other", "40", "--seed", "2")
    assert tree_digest(tmp_path / "other") != digest


def test_in_process_and_script_agree(tmp_path):
    run_generator(tmp_path / "script", "25", "--seed", "4")
    lines = (tmp_path / "script" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [a.record() for a in make_articles(25, seed=4)]


def test_every_zone_city_and_category_is_the_registry_s(articles):
    for a in articles:
        record = a.record()
        zone = zone_by_name(str(record["zone"]))
        assert zone is a.zone, record["zone"]
        assert record["category"] == list(category_path_for_zone(zone, kind=a.kind))
        section, city, kind = record["category"]
        assert (section, kind) == (MAIN_SECTION, a.kind)
        assert city in CITIES
        assert city == zone.city
        assert kind in DEFAULT_KINDS
        assert zone.short_name in a.body or zone.name in a.body
        assert record["tags"][0] == zone.name
    assert len({a.zone.name for a in articles}) >= 60
    assert len({a.zone.city for a in articles}) >= 30


def test_the_shape_is_a_newsroom_s(articles):
    bodies = [a.body for a in articles]
    sizes = [len(b.encode()) for b in bodies]
    assert min(sizes) >= BODY_MIN
    assert max(sizes) <= BODY_MAX
    assert (BODY_MIN, BODY_MAX) == (1536, 6144)
    assert sum("**" in b for b in bodies) > 300  # subheads and bold figures
    assert sum("\n- " in b for b in bodies) > 50  # bulleted lists
    assert sum("\n1. " in b for b in bodies) > 50  # numbered lists
    assert sum("| --- |" in b for b in bodies) > 30  # tables
    assert sum("](https://" in b for b in bodies) > 200  # links
    photo_news = [a for a in articles if a.kind == PHOTO_KIND]
    assert 0.12 < len(photo_news) / len(articles) < 0.18
    assert all(2 <= len(a.photos) <= 4 for a in photo_news)
    for a in articles:
        assert len(a.photos) == a.body.count("](media/")
        for photo in a.photos:
            assert f"]({photo.path})" in a.body
    # dates over 2015–2026 in Beijing time, numbered in date order
    dates = [a.published_at for a in articles]
    assert dates == sorted(dates)
    assert [a.id for a in articles] == [f"{i:06d}" for i in range(1, len(articles) + 1)]
    assert {d.year for d in dates} == set(range(2015, 2027))
    assert {d.utcoffset() for d in dates} == {dt.timedelta(hours=8)}
    # recurring meetings: titles repeat, most of them in the home zone
    titles = collections.Counter(a.title for a in articles)
    assert len(titles) < 0.9 * len(articles)  # 57% of 10,000 are distinct
    assert all(10 <= len(t) <= 30 for t in titles)
    assert "江苏金坛经济开发区" in {a.zone.name for a in articles[:200]}


def test_a_small_corpus_imports_cleanly_with_its_photos(tmp_path):
    run_generator(tmp_path / "c", "40", "--seed", "1")
    source = tmp_path / "c" / "articles.jsonl"
    photos = sorted((tmp_path / "c" / "media").rglob("*.png"))
    assert photos
    db = str(tmp_path / "archive.sqlite3")
    report = json.loads(zonedesk("import", "--json", str(source), db=db).stdout)
    assert (report["lines"], report["created"], report["bad"], report["warnings"]) == (
        40,
        40,
        [],
        [],
    )
    archive = open_archive(db)
    try:
        with archive.session() as session:
            stored = {a.sha256 for a in session.query(Asset)}
            bodies = [a.body for a in session.query(Article)]
    finally:
        archive.close()
    assert stored == {hashlib.sha256(p.read_bytes()).hexdigest() for p in photos}
    assert len(stored) == len(photos)  # every photo is its own image
    assert sum(b.count("](media/") for b in bodies) == len(photos)
    assert not any("](media/20" in b for b in bodies)  # every path became a stored image


def test_hugo_content_has_the_portal_s_sections(tmp_path):
    write_hugo(tmp_path, make_articles(60, seed=1))
    news = tmp_path / "content" / "news"
    pages = sorted(p for p in news.rglob("*.md") if p.name != "_index.md")
    assert len(pages) == 60
    for page in pages:
        city, kind = page.parent.parent, page.parent
        assert (city / "_index.md").is_file()
        assert (kind / "_index.md").is_file()
        text = page.read_text(encoding="utf-8")
        assert f'category_path = "{MAIN_SECTION} > ' in text
        for target in (line.split("](", 1)[1][:-1] for line in text.splitlines() if "![" in line):
            assert (tmp_path / "static" / target.lstrip("/")).is_file()


@pytest.mark.skipif(shutil.which("hugo") is None, reason="Hugo is not installed")
def test_the_hugo_peer_site_builds(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(corpus.HUGO_SITE, site)
    run_generator(site, "30", "--format", "hugo")
    out = tmp_path / "public"
    subprocess.run(["hugo", "-s", str(site), "-d", str(out), "--quiet"], check=True, timeout=300)
    pages = [p for p in (out / "news").rglob("*/index.html") if len(p.parent.name) == 6]
    assert len(pages) == 30
    text = pages[0].read_text(encoding="utf-8")
    assert "您现在的位置：" in text
    assert "开发区新闻</a>" in text
    assert (out / "index.xml").is_file()
    assert (out / "zones").is_dir()


def test_cached_material_is_named_by_the_generator_version():
    assert f"v{GENERATOR_VERSION}" == corpus.STAMP
    assert corpus.CACHE == ROOT / "tests" / "bench" / ".corpus"
    assert corpus.HUGO_SITE.is_dir()
    assert (corpus.HUGO_SITE / "config.toml").is_file()
