"""Incremental and atomic: after one change only the files it touches are rewritten; a killed,
cancelled or crashed export leaves the previous one whole, and the next export recovers."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from editor.archive.articles import ArticleService
from editor.archive.database import open_archive
from editor.domain.model import ArticleStatus
from editor.export import exporter as exporter_module
from editor.export import site as site_module
from editor.export import writer as writer_module
from editor.export.errors import ExportCancelledError, ExportError
from editor.export.exporter import Exporter, ExportProgress
from editor.export.writer import MANIFEST
from tests.subprocesses import zonedesk
from tests.unit.test_export import (
    NEWER,
    OLDER,
    ROOT,
    TITLE,
    archive_address,
    article_page,
    export,
    find_record,
    html_files,
    import_rows,
    internal_targets,
    many_rows,
    parse,
    sample_rows,
    source_of,
    tree,
    visible_lines,
)
from tests.unit.test_jsonl import line, png_bytes

OLD = 1_000_000_000.0  # an mtime long ago: whatever is newer was rewritten


@pytest.fixture
def site(archive, tmp_path):
    import_rows(archive, tmp_path, [*sample_rows(), *many_rows(45)])
    out = tmp_path / "site"
    export(archive, out)
    return archive, out


def age(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def rewritten(out: Path) -> set[str]:
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.stat().st_mtime > OLD + 1 and p.name != MANIFEST
    }


def update(archive, which: str, **changes) -> None:
    """Save new fields over the article titled ``which``."""
    service = ArticleService(archive)
    record = find_record(archive, which)
    data = dataclasses.replace(record.to_input(), **changes)
    service.update(record.id, data, expected_version=record.version)


def page_of(out: Path, title: str) -> Path:
    found = [p for p in (out / "news").rglob("*.html") if visible_lines(p)[2] == title]
    assert len(found) == 1, title
    return found[0]


def assert_links_resolve(out: Path) -> None:
    for page in html_files(out):
        for _, url in parse(page).links:
            target = internal_targets(out, page, url)
            assert target is None or target.is_file(), f"{page}: {url}"


def test_a_body_edit_rewrites_its_page_and_the_derived_files_only(site, tmp_path):
    archive, out = site
    age(out)
    update(archive, TITLE, body="只改了正文。")
    report = export(archive, out)
    changed = rewritten(out)
    page = article_page(out).relative_to(out).as_posix()
    assert page in changed
    allowed = {page, "sitemap.xml", "feed.xml"} | {
        p for p in changed if p.startswith("list/") and p.endswith("feed.xml")
    }
    assert changed <= allowed, changed - allowed
    assert report.written == len(changed)
    assert report.removed == 0
    assert report.mode == "journal"
    assert "只改了正文。" in visible_lines(out / page)


def test_a_title_edit_rewrites_its_page_neighbours_listings_and_index(site, tmp_path):
    archive, out = site
    before = article_page(out).relative_to(out).as_posix()
    age(out)
    update(archive, TITLE, title="金坛召开督查会(更新)")
    report = export(archive, out)
    changed = rewritten(out)
    assert article_page(out).relative_to(out).as_posix() == before  # the address stays
    expected = {
        before,
        page_of(out, NEWER).relative_to(out).as_posix(),  # 下一条 on the newer one
        page_of(out, OLDER).relative_to(out).as_posix(),  # 上一条 on the older one
        "list/kai-fa-qu-xin-wen/chang-zhou/wen-zi-xin-wen/index.html",
        "list/kai-fa-qu-xin-wen/chang-zhou/index.html",
        "zone/jiang-su-jin-tan-jing-ji-kai-fa-qu/index.html",
        "city/chang-zhou/index.html",
        "search-index.json",
    }
    assert expected <= changed, expected - changed
    untouched_kinds = [p for p in changed if p.startswith("news/") and p not in expected]
    assert untouched_kinds == []
    assert report.written == len(changed)
    assert len(changed) < 30  # of about 100 files
    assert "下一条:金坛召开督查会(更新)" in visible_lines(out / page_of(out, NEWER))


def test_unpublishing_removes_the_page_and_every_link_to_it(site, tmp_path):
    archive, out = site
    gone = article_page(out)
    update(archive, TITLE, status=ArticleStatus.DRAFT)
    report = export(archive, out)
    assert not gone.exists()
    assert report.removed == 1
    assert not (out / "news/2020/10/10").exists()  # its empty day folder went too
    assert_links_resolve(out)
    newer = visible_lines(page_of(out, NEWER))
    assert f"下一条:{OLDER}" in newer
    ArticleService(archive).delete(find_record(archive, NEWER).id)  # the trash: gone as well
    export(archive, out)
    assert not any(visible_lines(p)[2] == NEWER for p in (out / "news").rglob("*.html"))
    assert_links_resolve(out)


def test_a_new_publication_day_moves_the_page(site, tmp_path):
    archive, out = site
    old = article_page(out)
    record = find_record(archive, TITLE)
    assert record.published_at is not None
    update(archive, TITLE, published_at=record.published_at.replace(day=12))
    export(archive, out)
    assert not old.exists()
    moved = list((out / "news/2020/10/12").glob("*.html"))
    assert [p.name for p in moved] == [old.name]  # same slug, new day
    assert_links_resolve(out)


def test_an_incremental_export_equals_a_fresh_one(site, tmp_path):
    archive, out = site
    update(archive, TITLE, title="标题改了", body="正文也改了。")
    update(archive, NEWER, status=ArticleStatus.ARCHIVED)
    import_rows(archive, tmp_path, [*many_rows(50)[45:]], name="more")
    export(archive, out)
    fresh = tmp_path / "fresh"
    export(archive, fresh)
    assert tree(out) == tree(fresh)


@pytest.mark.parametrize("tamper", [False, True])
def test_an_edit_planned_in_part_equals_a_fresh_export(site, tmp_path, tamper, monkeypatch):
    """A title and a body edit (no article moves): the plan covers only what they touch, the
    sitemap and the search index are patched, unless their files are not what the manifest
    says, and the result is the fresh export's, manifest included."""
    archive, out = site
    plans: list[bool] = []

    def planning(*args, **kwargs):
        plan = site_module.plan_site(*args, **kwargs)
        plans.append(plan.partial)
        return plan

    monkeypatch.setattr(exporter_module, "plan_site", planning)
    update(archive, TITLE, title='标题改了 & <更新> "引号" \\ 反斜杠', body="正文也改了。")
    update(archive, NEWER, tags=["新标签"])
    tampered = b"<urlset></urlset>\n"
    if tamper:
        (out / "sitemap.xml").write_bytes(tampered)
        (out / "search-index.json").write_text('{"articles": []}\n', encoding="utf-8")
    export(archive, out)
    fresh = tmp_path / "fresh"
    export(archive, fresh)
    assert plans == [True, False]
    got, want = tree(out), tree(fresh)
    if got["sitemap.xml"] == tampered:  # its times are to the second: maybe it did not change,
        del got["sitemap.xml"], want["sitemap.xml"]  # and only changed files are written
    assert got == want


def test_nothing_changed_nothing_written(site):
    archive, out = site
    age(out)
    report = export(archive, out)
    assert (report.mode, report.written, report.removed) == ("unchanged", 0, 0)
    assert rewritten(out) == set()


# -- cancel, Ctrl-C, kill, crash -------------------------------------------------------------------


def test_cancel_leaves_the_previous_export(site, tmp_path):
    archive, out = site
    before = tree(out)
    update(archive, TITLE, title="不会出现")
    with source_of(archive) as source:
        exporter = Exporter(source, out, workers=1, full=True)

        def progress(event: ExportProgress) -> None:
            if event.phase == "rendering":
                exporter.cancel()

        exporter._progress = progress
        with pytest.raises(ExportCancelledError):
            exporter.run()
    assert tree(out) == before
    assert not out.with_name("site.zonedesk-staging").exists()


def test_ctrl_c_leaves_the_previous_export(site, tmp_path):
    archive, out = site
    before = tree(out)
    update(archive, TITLE, title="不会出现")

    def interrupt(event: ExportProgress) -> None:
        if event.phase == "rendering" and event.done:
            raise KeyboardInterrupt

    with source_of(archive) as source, pytest.raises(KeyboardInterrupt):
        Exporter(source, out, workers=1, progress=interrupt).run()
    assert tree(out) == before
    assert not out.with_name("site.zonedesk-staging").exists()


SLOW_ARTICLE = (
    '{% extends "base.html" %}{% block main %}'
    "{% for i in range(60000) %}{% endfor %}<h1>{{ article.title }}</h1>{{ article.body }}"
    "{% endblock %}"
)


@pytest.mark.slow
@pytest.mark.parametrize("flags", [[], ["--full"]], ids=["journal", "swap"])
def test_a_killed_export_leaves_the_previous_one_whole(site, tmp_path, flags):
    archive, out = site
    before = tree(out)
    slow = tmp_path / "slow-theme"
    (slow / "templates").mkdir(parents=True)
    (slow / "templates" / "article.html").write_text(SLOW_ARTICLE, encoding="utf-8")
    staging = out.with_name("site.zonedesk-staging")
    command = [sys.executable, str(ROOT / "main.py"), "--db", archive_address(archive)]
    process = subprocess.Popen(
        [*command, "export", str(out), "--theme", str(slow), "--workers", "1", *flags],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if staging.is_dir() and sum(1 for _ in staging.rglob("*.html")) >= 5:
                break
            assert process.poll() is None, "the export ended before it could be killed"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert staging.is_dir()  # killed half-way …
    assert tree(out) == before  # … and the previous export is whole
    result = subprocess.run(
        [*command, "export", str(out), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert "staging" in (report["recovered"] or "")
    assert not staging.exists()
    assert tree(out) == before


def _crash_after(calls: int, real: Callable[..., None]) -> Callable[..., None]:
    count = {"n": 0}

    def crashing(*args: object, **kwargs: object) -> None:
        count["n"] += 1
        if count["n"] > calls:
            raise OSError("power cut")
        return real(*args, **kwargs)

    return crashing


def test_a_crash_inside_the_journal_commit_is_rolled_forward(site, tmp_path, monkeypatch):
    archive, out = site
    update(archive, TITLE, title="提交中断")
    monkeypatch.setattr(writer_module.os, "replace", _crash_after(3, os.replace))
    with pytest.raises(ExportError, match=r"stopped while moving its files in \(power cut\)"):
        export(archive, out)
    monkeypatch.undo()
    assert out.with_name("site.zonedesk-staging").is_dir()  # the journal is waiting
    report = export(archive, out)
    assert report.recovered == "finished committing the interrupted export"
    fresh = tmp_path / "fresh"
    export(archive, fresh)
    assert tree(out) == tree(fresh)


def test_a_crash_between_the_two_renames_of_a_fallback_swap_is_recovered(
    site, tmp_path, monkeypatch
):
    """Where the folders cannot be exchanged in one step (a file system without
    RENAME_EXCHANGE), two renames swap them, and a crash between them is mended."""
    archive, out = site
    update(archive, TITLE, title="交换中断")
    monkeypatch.setattr(writer_module, "exchange", lambda a, b: False)
    monkeypatch.setattr(writer_module.os, "rename", _crash_after(1, os.rename))
    with pytest.raises(ExportError, match="power cut; the next export finishes or undoes"):
        export(archive, out, full=True)
    monkeypatch.undo()
    assert not out.exists()
    assert out.with_name("site.zonedesk-old").is_dir()
    report = export(archive, out)
    assert report.recovered == "finished swapping in the interrupted export"
    assert not out.with_name("site.zonedesk-old").exists()
    fresh = tmp_path / "fresh"
    export(archive, fresh)
    assert tree(out) == tree(fresh)


# -- the command line ------------------------------------------------------------------------------


def test_export_command_prints_a_summary(archive, tmp_path):
    import_rows(archive, tmp_path, sample_rows())
    db = archive_address(archive)
    out = tmp_path / "site"
    first = zonedesk("export", str(out), db=db)
    assert "3 articles" in first.stdout
    assert " written, 0 unchanged, 0 removed" in first.stdout
    second = zonedesk("export", str(out), db=db)
    assert " 0 written, " in second.stdout
    failed = zonedesk("export", str(tmp_path / "nope" / "site"), db=db, check=False)
    assert failed.returncode == 2
    assert "does not exist" in failed.stderr


def test_site_commands_show_and_set(archive, tmp_path):
    db = archive_address(archive)
    shown = json.loads(zonedesk("site", "show", "--json", db=db).stdout)
    assert shown["site.email"] == "info@investchn.com"
    assert shown["site.base_url"] == "https://www.investchn.com/"
    assert zonedesk("site", "set", "site.base_url", "http://news.example.cn", db=db).stdout == (
        "site.base_url = http://news.example.cn/\n"
    )
    bad = zonedesk("site", "set", "site.email", "nobody", db=db, check=False)
    assert bad.returncode == 2
    assert "site.email" in bad.stderr
    assert "e-mail" in bad.stderr
    bad = zonedesk("site", "set", "site.base_url", "javascript:alert(1)", db=db, check=False)
    assert bad.returncode == 2
    assert "site.base_url" in bad.stderr
    unknown = zonedesk("site", "set", "site.colour", "red", db=db, check=False)
    assert unknown.returncode == 2
    assert "not a site setting" in unknown.stderr
    text_ = zonedesk("site", "show", db=db).stdout
    assert "site.base_url   http://news.example.cn/" in text_
    import_rows(archive, tmp_path, sample_rows())
    out = tmp_path / "site"
    zonedesk("export", str(out), db=db)
    assert "http://news.example.cn/news/2020/10/10/" in (out / "sitemap.xml").read_text(
        encoding="utf-8"
    )


def test_an_edit_keeps_the_images_of_every_page_and_equals_a_fresh_export(sqlite_url, tmp_path):
    for n in (1, 2):
        (tmp_path / f"photo{n}.png").write_bytes(png_bytes(n))
    rows = [
        line(n, title=f"带图的文章{n}", body=f"第{n}篇。\n\n![现场](photo{n}.png)") for n in (1, 2)
    ]
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, rows)
        out = tmp_path / "site"
        export(archive, out)
        images = sorted(p.name for p in (out / "media").iterdir())
        assert len(images) == 2
        stored = find_record(archive, "带图的文章1").body  # its image is media/<sha>.png now
        update(archive, "带图的文章1", body=stored.replace("第1篇。", "第1篇改了。"))
        report = export(archive, out)
        assert report.mode != "full"
        assert 0 < report.written < report.files
        assert sorted(p.name for p in (out / "media").iterdir()) == images
        export(archive, tmp_path / "fresh")
    assert tree(out) == tree(tmp_path / "fresh")
    assert_links_resolve(out)


def test_an_export_into_a_link_fills_the_folder_it_leads_to(sqlite_url, tmp_path):
    real = tmp_path / "public_html"
    real.mkdir()
    link = tmp_path / "www"
    link.symlink_to(real)
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, [line(1)])
        report = export(archive, link)
    assert report.out == real
    assert link.is_symlink()
    assert (real / "index.html").is_file()
    assert (real / MANIFEST).is_file()


def test_a_swap_keeps_the_unchanged_files_and_names_one_that_vanished(site, tmp_path):
    """Past the journal's limit the whole new site is built next to OUT: the files that did
    not change come from the previous export, which must still hold them."""
    archive, out = site
    update(archive, TITLE, body="正文改了。")
    age(out)
    report = export(archive, out, journal_limit=0)
    assert report.mode == "swap"
    assert 0 < report.written < report.files
    assert len(rewritten(out)) == report.written
    fresh = tmp_path / "fresh"
    export(archive, fresh)
    assert tree(out) == tree(fresh)

    update(archive, TITLE, body="正文又改了。")
    kept = next(
        p
        for p in html_files(out)
        if p.name != "index.html" and TITLE not in p.read_text(encoding="utf-8")
    )
    kept.unlink()  # a hand-edited OUT
    with pytest.raises(
        ExportError, match=r"vanished from the previous export: run the export with --full"
    ):
        export(archive, out, journal_limit=0)
    assert not out.with_name("site.zonedesk-staging").exists()
    assert export(archive, out, full=True).mode == "swap"
    assert kept.is_file()
