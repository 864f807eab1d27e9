"""Hostile articles and hostile places: no live markup survives, nothing is written outside OUT,
every article is still exported; the writer, the settings and the target folder checks."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import urllib.parse
from pathlib import Path

import pytest
from sqlalchemy import text

from editor.archive.database import Archive, open_archive
from editor.domain.errors import ValidationError
from editor.export import slugcache
from editor.export import writer as writer_module
from editor.export.errors import ExportError
from editor.export.exporter import Exporter
from editor.export.settings import check_value, load_site_settings, save_site_setting
from editor.export.source import open_source
from editor.export.templates import Theme
from editor.export.urls import all_clean, check_path, clean_slug, safe_segment, unique_slugs
from editor.export.writer import MANIFEST, Manifest, SafeWriter, Staging, read_manifest
from editor.render.markdown import render_markdown
from tests.unit.test_export import (
    archive_address,
    export,
    html_files,
    import_rows,
    nu_validator,
    parse,
    visible_lines,
)
from tests.unit.test_jsonl import line

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>'
BAD_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "style", "svg", "math", "base"}


HUGE = ("园区项目加快推进。" * 120 + "\n\n") * 1000  # 1.1 million characters


def hostile_rows() -> list[dict[str, object]]:
    controls = "".join(chr(c) for c in range(1, 0x20) if chr(c) not in "\t\n\r")  # no NUL: PG
    return [
        line(
            1,
            title=f"标题{XSS}",
            body=(
                f"正文{XSS}\n\n[点我](javascript:alert(3)) "
                "[数据](data:text/html;base64,PHNjcmlwdD4=)"
                "\n\n<iframe src='https://evil.example'></iframe><form action=x><input></form>"
                "\n\n<meta http-equiv=refresh content='0;url=https://evil.example'>"
                "<style>body{display:none}</style><object data=x></object><embed src=x>"
                "\n\n段落{: onclick=alert(4) }\n\n<a href=' javascript:alert(5)'>空格</a>"
                "<img src='https://img.example.cn/a.png' width=abc height='1e9'>"
            ),
            source=f"来源{XSS}",
            zone=f"开发区{XSS}",
            # a category name has at most 40 characters: the short kind of hostile
            category=["开发区新闻", "城市<script>alert(1)</script>", "文字新闻"],
            tags=[f"标签{XSS}", '"><script>alert(6)</script>'],
            slug="../../../../etc/passwd",
        ),
        line(2, title="超长正文", slug="..%2F..%2Fescape"),  # its 1 MB body: see below
        line(
            3,
            title="表情🎉与控制字符结束",  # the importer refuses controls in titles: see below
            body=f"段落🎉{controls}结束",
            slug="/etc/shadow",
            tags=["🎉", f"控{controls}制"],
        ),
        line(4, title="重复的标题", slug="con"),
        line(5, title="重复的标题"),
        line(6, title="重复的标题", published_at="2021-03-06T23:59:59"),
        line(7, title=".", slug="."),
    ]


@pytest.fixture
def hostile_site(archive: Archive, tmp_path: Path) -> tuple[Archive, Path, Path]:
    import_rows(archive, tmp_path, hostile_rows())
    controls = "".join(chr(c) for c in range(1, 0x20) if chr(c) not in "\t\n\r")  # no NUL: PG
    with archive.session(write=True) as session:  # as another tool might leave the archive
        session.execute(
            text("UPDATE article SET body_html = :html, slug = :slug WHERE external_id = 'ext-4'"),
            {"html": f"<p>raw{XSS}<a href='javascript:alert(7)'>x</a></p>", "slug": "../../../x"},
        )
        session.execute(
            text("UPDATE article SET title = :title WHERE external_id = 'ext-3'"),
            {"title": f"表情🎉与控制字符{controls}\u2028\ufffe结束"},
        )
        # 1 MB bodies are written directly: PostgreSQL's search index (tsvector) refuses them
        # at import, which is the archive's business, not the export's
        session.execute(
            text("UPDATE article SET body = :body, body_html = :html WHERE external_id = 'ext-2'"),
            {"body": HUGE, "html": render_markdown(HUGE)},
        )
    room = tmp_path / "room"
    room.mkdir()
    (room / "neighbour.txt").write_text("untouched", encoding="utf-8")
    out = room / "site"
    export(archive, out)
    return archive, out, room


def test_no_live_markup_survives(hostile_site):
    _, out, _ = hostile_site
    pages = html_files(out)
    assert pages
    for page in pages:
        parsed = parse(page)
        for tag, values in parsed.tags:
            assert tag not in FORBIDDEN_TAGS, (page, tag)
            if tag == "meta":
                assert set(values) <= {"charset", "name", "content"}, (page, values)
                assert values.get("name") in {None, "viewport", "keywords"}
            for name, value in values.items():
                assert not name.startswith("on"), (page, tag, name)
                if name in {"href", "src", "action", "formaction", "data"}:
                    assert not BAD_URL.match(urllib.parse.unquote(value or "")), (page, value)
        raw = page.read_text(encoding="utf-8")
        assert "<script" not in raw.lower()
        assert "javascript:" not in raw.lower()
    for feed in [out / "feed.xml", *out.glob("list/**/feed.xml")]:
        assert "<script" not in feed.read_text(encoding="utf-8")


@pytest.mark.slow
def test_hostile_pages_still_pass_the_nu_html_checker(hostile_site):
    _, out, _ = hostile_site
    result = subprocess.run(
        [nu_validator(), "--format", "text", *map(str, html_files(out))],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hostile_text_is_shown_as_text(hostile_site):
    _, out, _ = hostile_site
    page = next(p for p in (out / "news").rglob("*.html") if visible_lines(p)[2].startswith("标题"))
    lines = visible_lines(page)
    assert lines[2] == f"标题{XSS}"  # shown, escaped: a reader sees the characters
    assert any(f"来源:来源{XSS}" in ln for ln in lines)


def test_nothing_is_written_outside_out(hostile_site, tmp_path):
    _, out, room = hostile_site
    assert sorted(p.name for p in room.iterdir()) == [
        ".site.zonedesk-lock",
        "neighbour.txt",
        "site",
    ]
    assert (room / "neighbour.txt").read_text(encoding="utf-8") == "untouched"
    for path in out.rglob("*"):
        assert not path.is_symlink()
        assert path.resolve().is_relative_to(out.resolve())
        for part in path.relative_to(out).parts:
            assert part == ".zonedesk-export.json" or safe_segment(part) == part


def test_every_hostile_article_is_exported(hostile_site):
    _, out, _ = hostile_site
    pages = list((out / "news").rglob("*.html"))
    assert len(pages) == 7
    titles = sorted(visible_lines(p)[2] for p in pages)
    assert titles.count("重复的标题") == 3
    names = {p.name for p in pages}
    assert len(names) == 7  # duplicate titles, distinct addresses
    emoji = next(p for p in pages if "表情" in visible_lines(p)[2])
    text_ = emoji.read_text(encoding="utf-8")
    assert "表情🎉与控制字符" in text_
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\u2028]", text_.replace("\u2028", ""))
    big = next(p for p in pages if visible_lines(p)[2] == "超长正文")
    assert big.stat().st_size > 1_000_000


def test_the_safe_writer_refuses_to_leave_its_root(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    writer = SafeWriter(root)
    for bad in (
        "../x.html",
        "a/../../x.html",
        "/etc/x",
        "a//b.html",
        "a/./b",
        "",
        "a\\b",
        "A.html",
    ):
        with pytest.raises(ExportError):
            writer.write(bad, b"x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(ExportError, match="leads outside"):
        writer.write("link/x.html", b"x")
    writer.write("ok/x.html", b"1")
    with pytest.raises(ExportError, match="twice"):
        writer.write("ok/x.html", b"2")
    assert (root / "ok/x.html").read_bytes() == b"1"
    assert list(outside.iterdir()) == []
    other = SafeWriter(root)  # another process writing into the same staging folder
    with pytest.raises(ExportError, match="twice"):
        other.write("ok/x.html", b"3")


def test_path_segments_are_sanitised_again():
    assert safe_segment("../../etc") == "etc"
    assert safe_segment("Ab Cd.HTML") == "ab-cd.html"
    assert safe_segment("..") == "article"
    assert safe_segment("con.html") == "con-article.html"
    assert check_path("news/2020/10/10/x.html") == "news/2020/10/10/x.html"
    with pytest.raises(ValueError, match="unsafe"):
        check_path("news/../x.html")


# -- the target folder -----------------------------------------------------------------------------


def test_a_vanished_or_unwritable_parent_gets_a_clear_message(archive, tmp_path, monkeypatch):
    import_rows(archive, tmp_path, [line(1)])
    with pytest.raises(ExportError, match=r"the folder .*missing.* does not exist"):
        export(archive, tmp_path / "missing" / "site")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root may write anywhere: let the check say no
            real = os.access
            monkeypatch.setattr(
                "editor.export.exporter.os.access",
                lambda path, mode: False if Path(path) == locked else real(path, mode),
            )
        with pytest.raises(ExportError, match=r"cannot write in .*locked.*permission denied"):
            export(archive, locked / "site")
    finally:
        locked.chmod(0o700)
    assert list(locked.iterdir()) == []


def test_a_folder_that_is_not_an_export_is_never_replaced(archive, tmp_path):
    import_rows(archive, tmp_path, [line(1)])
    home = tmp_path / "home-like"
    home.mkdir()
    (home / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(ExportError, match="not a ZoneDesk export"):
        export(archive, home)
    assert (home / "thesis.docx").read_text(encoding="utf-8") == "years of work"
    file_out = tmp_path / "a-file"
    file_out.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="is a file"):
        export(archive, file_out)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert export(archive, empty).written > 0


# -- site settings ---------------------------------------------------------------------------------


def test_site_settings_are_checked(archive):
    assert check_value("site.base_url", " https://News.Example.cn/portal ") == (
        "https://news.example.cn/portal/"
    )
    for key, bad in (
        ("site.base_url", "javascript:alert(1)"),
        ("site.base_url", "ftp://example.cn/"),
        ("site.base_url", "https:///nohost"),
        ("site.email", "not an address"),
        ("site.email", "a@b"),
        ("site.name", ""),
        ("site.slogan", "two\nlines"),
    ):
        with pytest.raises(ValidationError) as caught:
            check_value(key, bad)
        assert str(caught.value).startswith(key)
    with pytest.raises(ValidationError, match="not a site setting"):
        check_value("site.colour", "red")
    assert save_site_setting(archive, "email", "press@example.cn") == (
        "site.email",
        "press@example.cn",
    )
    assert load_site_settings(archive).email == "press@example.cn"


def test_a_bad_setting_in_the_archive_stops_the_export_with_its_name(archive, tmp_path):
    import_rows(archive, tmp_path, [line(1)])
    with archive.session(write=True) as session:
        session.execute(
            text("UPDATE setting SET value = 'javascript:x' WHERE key = 'site.base_url'")
        )
    with (
        pytest.raises(ValidationError, match=r"site\.base_url"),
        open_source(archive_address(archive)) as source,
    ):
        Exporter(source, tmp_path / "site", workers=1).run()
    assert not (tmp_path / "site").exists()


def test_the_safe_writer_follows_links_that_stay_inside_and_stops_at_files_in_the_way(tmp_path):
    root = tmp_path / "root"
    (root / "real").mkdir(parents=True)
    (root / "alias").symlink_to(root / "real")
    (root / "blocker").write_text("a file", encoding="utf-8")
    writer = SafeWriter(root)
    writer.write("alias/x.html", b"inside")
    assert (root / "real" / "x.html").read_bytes() == b"inside"
    with pytest.raises(ExportError, match="is in the way: it is not a folder"):
        writer.write("blocker/x.html", b"x")
    assert (root / "blocker").read_text(encoding="utf-8") == "a file"
    source = tmp_path / "image.png"
    source.write_bytes(b"png bytes")
    writer.link("media/image.png", source)
    assert (root / "media" / "image.png").read_bytes() == b"png bytes"
    with pytest.raises(ExportError, match="twice"):
        writer.link("media/image.png", source)
    with pytest.raises(ExportError, match="twice"):
        SafeWriter(root).link("media/image.png", source)  # another writer, same staging folder


GOOD_MANIFEST = Manifest(
    files={"index.html": ("i1", "h1"), "news/a.html": ("i2", "h2")},
    media={"news/a.html": ["media/abc.png"]},
    slugs={"常州": "chang-zhou"},
    plan={"version": 1},
)


def test_a_manifest_reads_back_what_was_written(tmp_path):
    (tmp_path / MANIFEST).write_bytes(GOOD_MANIFEST.dumps())
    assert read_manifest(tmp_path) == GOOD_MANIFEST
    assert read_manifest(tmp_path / "elsewhere") is None


@pytest.mark.parametrize(
    "change",
    [
        lambda data: [data],
        lambda data: {**data, "format": 999},
        lambda data: {**data, "paths": ["index.html"]},
        lambda data: {**data, "hashes": "h1"},
        lambda data: {**data, "media": ["news/a.html"]},
        lambda data: {**data, "media": {"news/a.html": "media/abc.png"}},
        lambda data: {k: v for k, v in data.items() if k != "inputs"},
    ],
    ids=["a-list", "format", "paths-not-text", "columns-differ", "media-list", "refs-text", "gap"],
)
def test_a_damaged_manifest_is_no_manifest(tmp_path, change):
    data = json.loads(GOOD_MANIFEST.dumps())
    (tmp_path / MANIFEST).write_text(json.dumps(change(data)), encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_recovery_removes_a_half_built_staging_folder_and_puts_a_lost_export_back(tmp_path):
    out = tmp_path / "site"
    staging = Staging(out)
    out.mkdir()
    (out / "index.html").write_text("the export", encoding="utf-8")
    staging.staging.mkdir()
    (staging.staging / "news.html").write_text("half", encoding="utf-8")  # no manifest yet
    assert staging.recover() == "removed the unfinished staging folder of an interrupted export"
    assert not staging.staging.exists()
    os.rename(out, staging.old)  # interrupted after moving the export aside
    assert staging.recover() == "put back the previous export"
    assert (out / "index.html").read_text(encoding="utf-8") == "the export"
    staging.old.mkdir()  # interrupted after the swap, before the old folder was removed
    assert staging.recover() is None
    assert not staging.old.exists()
    assert (out / "index.html").exists()


def test_ctrl_c_during_a_commit_waits_for_its_end():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    finished = []

    def commit() -> None:
        with writer_module._interrupts_held():
            os.kill(os.getpid(), signal.SIGINT)
            finished.append("the commit")

    with pytest.raises(KeyboardInterrupt):
        commit()
    assert finished == ["the commit"]


def test_outside_the_main_thread_a_commit_holds_no_signals():
    seen: list[object] = []

    def commit() -> None:
        with writer_module._interrupts_held():
            seen.append(signal.getsignal(signal.SIGINT))

    before = signal.getsignal(signal.SIGINT)
    worker = threading.Thread(target=commit)
    worker.start()
    worker.join()
    assert seen == [before]


# -- themes ----------------------------------------------------------------------------------------


def test_a_theme_folder_must_exist_and_hold_templates_or_static_files(tmp_path):
    with pytest.raises(ExportError, match=r"theme folder .*nowhere does not exist"):
        Theme.load(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExportError, match="has neither a templates/ nor a static/ folder"):
        Theme.load(tmp_path / "empty")


def test_static_theme_files_need_publishable_names_directly_in_static(tmp_path):
    static = tmp_path / "theme" / "static"
    static.mkdir(parents=True)
    (static / "license").write_bytes(b"MIT")
    published = Theme.load(tmp_path / "theme").static()
    assert re.fullmatch(r"assets/license\.[0-9a-f]{10}", published["license"])
    assert published["portal.css"].startswith("assets/portal.")  # the built-in theme's own file
    (static / "img").mkdir()
    (static / "img" / "logo.png").write_bytes(b"png")
    with pytest.raises(ExportError, match="static files live directly in static/"):
        Theme.load(tmp_path / "theme").static()
    (static / "img" / "logo.png").unlink()
    (static / "img").rmdir()
    (static / "Logo Big.PNG").write_bytes(b"png")
    with pytest.raises(ExportError, match="its name cannot be published"):
        Theme.load(tmp_path / "theme").static()


# -- slugs kept between exports --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[]",
        b'{"maker": "someone else", "slugs": {"\\u5e38\\u5dde": "x"}}',
        b'{"maker": "%s", "slugs": ["chang-zhou"]}',
    ],
    ids=["broken", "a-list", "other-maker", "slugs-list"],
)
def test_a_damaged_slug_cache_is_ignored(content):
    slugcache.save({}, {"常州": "chang-zhou"})
    assert slugcache.load() == {"常州": "chang-zhou"}
    cache = slugcache._file()
    cache.write_bytes(content.replace(b"%s", slugcache._maker().encode()))
    assert slugcache.load() == {}


def test_slugs_from_other_tools_are_cleaned_and_made_unique():
    assert clean_slug("2020") == "2020"
    assert clean_slug("../../x") == "x"
    assert clean_slug("nul") == "nul-article"
    assert all_clean([])
    assert not all_clean(["ok", "../../x"])
    got = unique_slugs(
        [(1, "常州"), (2, "常州"), (3, "常州")], lambda name: "chang-zhou", ["chang-zhou"]
    )
    assert got == {1: "chang-zhou-2", 2: "chang-zhou-3", 3: "chang-zhou-4"}


def test_slugs_another_tool_made_equal_still_give_each_article_its_own_page(sqlite_url, tmp_path):
    with open_archive(sqlite_url) as archive:
        day = "2021-03-02T09:00:00"
        import_rows(archive, tmp_path, [line(1, published_at=day), line(2, published_at=day)])
        with archive.session(write=True) as session:  # as another tool might leave the archive
            for external_id, slug in (("ext-1", "../../x"), ("ext-2", "X")):
                session.execute(
                    text("UPDATE article SET slug = :slug WHERE external_id = :id"),
                    {"slug": slug, "id": external_id},
                )
            ids = set(session.execute(text("SELECT id FROM article")).scalars())
        out = tmp_path / "room" / "site"
        out.parent.mkdir()
        report = export(archive, out)
    assert report.articles == 2
    folder = out / "news" / "2021" / "03" / "02"
    names = {p.name for p in folder.iterdir()}
    assert len(names) == 2
    assert "x.html" in names  # the first keeps the clean path, the other is told by its id
    assert (names - {"x.html"}) & {f"x-{aid}.html" for aid in ids}
    assert {visible_lines(p)[2] for p in folder.iterdir()} == {
        "金坛开发区第1次项目推进会",
        "金坛开发区第2次项目推进会",
    }
    assert {p.parent for p in tmp_path.rglob("x*.html")} == {folder}  # none outside OUT


def test_long_or_addressed_settings_are_refused_naming_the_key():
    with pytest.raises(ValidationError, match=r"^site\.name: is 301 characters long"):
        check_value("site.name", "名" * 301)
    with pytest.raises(ValidationError, match=r"^site\.base_url"):
        check_value("site.base_url", "https://news.example.cn/?page=1")
