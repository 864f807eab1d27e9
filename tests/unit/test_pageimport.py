"""Importing the portal's article pages into the archive (SQLite and PostgreSQL): every field,
drafts for missing fields, broken files skipped, idempotent re-imports with revisions, images,
hostile input, the command line, and the round trip through the export."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.archive.maintenance import verify
from editor.archive.pages import DRAFT, KEPT, UNFILED, external_key, import_pages, page_files
from editor.domain.model import (
    ArticleFilter,
    ArticleInput,
    ArticleRecord,
    ArticleStatus,
    RevisionKind,
)
from editor.domain.slug import safe_slug
from tests.subprocesses import zonedesk
from tests.unit.test_export import article_page, export, sample_lines, visible_lines
from tests.unit.test_jsonl import line, write_jsonl
from tests.unit.test_portalpage import CHROME, PAGES, SAMPLE, beijing, sample_paragraphs

ROOT = Path(__file__).resolve().parents[2]
GOOD = ("suzhou-2021.html", "wuxi-gbk.html", "hefei-2019.txt", "nantong-gbk.txt")


@pytest.fixture
def service(archive: Archive) -> ArticleService:
    return ArticleService(archive, user="importer")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A copy of the page fixtures (tests change some of them)."""
    folder = tmp_path / "pages"
    shutil.copytree(PAGES, folder)
    return folder


def by_title(service: ArticleService) -> dict[str, ArticleRecord]:
    items = service.list_articles(limit=1000).items
    return {r.title: r for r in items}


def everything(service: ArticleService) -> int:
    return service.count() + service.count(ArticleFilter(trashed=True))


# -- the sample and the unseen pages ---------------------------------------------------------------


def test_the_sample_page_imports_with_every_field(service):
    report = import_pages(service, [SAMPLE])
    assert report.ok, report.as_dict()
    assert (report.pages, report.created) == (1, 1)
    (record,) = service.list_articles().items
    assert record.title == "金坛召开“两个加快全面决战年”第三次督查会"
    assert record.category == ("开发区新闻", "常州", "文字新闻")
    assert record.published_at == beijing(2020, 10, 10)
    assert record.source == "金坛手机台"
    assert record.zone == "江苏金坛经济开发区"
    assert record.status is ArticleStatus.PUBLISHED
    assert record.body.split("\n\n") == sample_paragraphs()
    assert len(record.body.split("\n\n")) == 20
    assert (record.external_id or "").startswith("auto:")
    (revision,) = service.revisions(record.id)
    assert revision.kind is RevisionKind.IMPORT


def test_a_folder_of_unseen_pages_imports_every_field_and_skips_the_broken_file(service, pages):
    before = everything(service)
    report = import_pages(service, [pages])
    assert report.pages == 7  # the .png beside a page is no page; the _files folder is skipped
    assert report.created == 6
    assert [Path(p.file).name for p in report.bad] == ["broken.html"]
    assert "binary" in report.bad[0].reason
    assert everything(service) == before + 6
    found = by_title(service)
    expected = {
        "苏州工业园区一季度新签约外资项目32个": (
            ("开发区新闻", "苏州", "图片新闻"),
            beijing(2021, 3, 5, 14, 30),
            "苏州日报",
            "苏州工业园区",
        ),
        "无锡高新区与日本企业签署合作协议": (
            ("开发区新闻", "无锡", "招商动态"),
            beijing(2020, 6, 12, 9, 5),
            "无锡新传媒",
            "无锡高新技术产业开发区",
        ),
        "合肥经开区2019年实际利用外资同比增长12%": (
            ("开发区新闻", "合肥", "招商引资"),
            beijing(2019, 12, 30, 9, 5),
            "合肥日报",
            "合肥经济技术开发区",
        ),
        "南通开发区举行2020年重大项目集中开工仪式": (
            ("开发区新闻", "南通", "文字新闻"),
            beijing(2020, 3, 18),
            "南通日报",
            "南通经济技术开发区",
        ),
    }
    for title, (category, published, source, zone) in expected.items():
        record = found[title]
        assert (record.category, record.published_at, record.source, record.zone) == (
            category,
            published,
            source,
            zone,
        ), title
        assert record.status is ArticleStatus.PUBLISHED
        for piece in CHROME:
            assert piece not in record.body, (title, piece)
    suzhou = found["苏州工业园区一季度新签约外资项目32个"]
    assert suzhou.external_id == "http://www.investchn.com/news/2021/0305/SIP-20210305-0007.html"
    assert "<table>" in suzhou.body_html
    assert "<li>生物医药:12个</li>" in suzhou.body_html
    assert "<strong>苏州工业园区</strong>" in suzhou.body_html
    assert 'href="http://www.investchn.com/zone/sip/policy.html"' in suzhou.body_html


def test_a_page_lacking_fields_is_a_draft_and_the_report_names_file_and_field(service, pages):
    report = import_pages(service, [pages / "kunshan-missing.html"])
    assert not report.ok
    assert (report.created, report.drafts) == (1, 1)
    named = {(Path(p.file).name, p.field) for p in report.missing}
    assert named == {("kunshan-missing.html", "category"), ("kunshan-missing.html", "source")}
    assert all(p.outcome == DRAFT for p in report.missing)
    (record,) = service.list_articles().items
    assert record.status is ArticleStatus.DRAFT
    assert record.category == UNFILED
    assert record.source is None
    assert record.zone == "昆山经济技术开发区"
    assert record.title == "昆山开发区新增高新技术企业86家"


def test_a_page_without_title_or_date_is_a_draft_named_after_its_file(service, tmp_path):
    page = tmp_path / "园区_新闻.txt"
    page.write_text(
        "您现在的位置:首页 > 开发区新闻 > 常州\n来源:金坛手机台\n\n  正文一段。\n", encoding="utf-8"
    )
    report = import_pages(service, [page])
    assert report.created == 1
    assert {p.field for p in report.missing} == {"title", "published_at", "zone"}
    (record,) = service.list_articles().items
    assert (record.title, record.status, record.published_at) == (
        "园区 新闻",
        ArticleStatus.DRAFT,
        None,
    )
    assert record.body == "正文一段。"


# -- idempotent re-imports -------------------------------------------------------------------------


def test_a_second_import_changes_nothing(service, pages):
    import_pages(service, [pages])
    count = everything(service)
    revisions = {r.id: len(service.revisions(r.id)) for r in service.list_articles().items}
    again = import_pages(service, [pages])
    assert everything(service) == count
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert {(Path(p.file).name, p.outcome) for p in again.missing} == {
        ("kunshan-missing.html", KEPT)
    }
    assert {r.id: len(service.revisions(r.id)) for r in service.list_articles().items} == revisions


def test_a_changed_page_updates_its_article_with_a_revision(service, pages):
    import_pages(service, [pages])
    count = everything(service)
    suzhou = pages / "suzhou-2021.html"
    suzhou.write_text(
        suzhou.read_text(encoding="utf-8").replace("32个外资项目落户园区", "33个外资项目落户园区"),
        encoding="utf-8",
    )
    hefei = pages / "hefei-2019.txt"  # no address: found by its title, date and zone
    hefei.write_text(
        hefei.read_text(encoding="utf-8").replace("继续做好", "全力做好"), encoding="utf-8"
    )
    report = import_pages(service, [suzhou, hefei])
    assert (report.created, report.updated) == (0, 2)
    assert everything(service) == count
    for title in (
        "苏州工业园区一季度新签约外资项目32个",
        "合肥经开区2019年实际利用外资同比增长12%",
    ):
        record = by_title(service)[title]
        revisions = service.revisions(record.id)
        assert [r.kind for r in revisions] == [RevisionKind.IMPORT, RevisionKind.IMPORT]
        assert revisions[0].body != revisions[1].body == record.body
    assert "33个外资项目" in by_title(service)["苏州工业园区一季度新签约外资项目32个"].body


def test_a_reimport_keeps_what_the_newsroom_added_and_publishes_a_completed_draft(service, pages):
    import_pages(service, [pages / "kunshan-missing.html"])
    (draft,) = service.list_articles().items
    edited = service.update(
        draft.id,
        replace(draft.to_input(), tags=("高新技术",), author="王明"),
        expected_version=draft.version,
    )
    page = pages / "kunshan-missing.html"
    page.write_text(
        page.read_text(encoding="utf-8")
        .replace("<h1>", "<div>您现在的位置:首页 &gt; 开发区新闻 &gt; 苏州 &gt; 文字新闻</div><h1>")
        .replace("发布开发区:", "来源:昆山日报&nbsp;&nbsp;发布开发区:"),
        encoding="utf-8",
    )
    report = import_pages(service, [page])
    assert report.ok
    assert report.updated == 1
    record = service.get(draft.id)
    assert record.version > edited.version
    assert (record.status, record.category, record.source) == (
        ArticleStatus.PUBLISHED,
        ("开发区新闻", "苏州", "文字新闻"),
        "昆山日报",
    )
    assert (record.tags, record.author) == (("高新技术",), "王明")


def test_the_text_and_the_html_of_one_page_make_one_article(service):
    import_pages(service, [PAGES / "jintan-sample.html"])
    import_pages(service, [SAMPLE])
    import_pages(service, [PAGES / "jintan-sample.html"])
    assert everything(service) == 1


def test_two_pages_with_the_same_title_but_other_addresses_stay_two(service, tmp_path):
    original = (PAGES / "suzhou-2021.html").read_text(encoding="utf-8")
    (tmp_path / "a.html").write_text(original, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        original.replace("SIP-20210305-0007", "SIP-20210305-0008"), encoding="utf-8"
    )
    report = import_pages(service, [tmp_path / "a.html", tmp_path / "b.html"])
    assert report.created == 2


# -- images ----------------------------------------------------------------------------------------


def test_local_images_go_into_the_media_store_and_remote_ones_stay_links(service, pages, archive):
    report = import_pages(service, [pages / "suzhou-2021.html"])
    assert report.ok
    assert not report.warnings
    (record,) = service.list_articles().items
    assert "suzhou-2021_files" not in record.body
    assert "](media/" in record.body
    assert "![一季度签约额](https://img.investchn.com/2021/0305/chart.jpg)" in record.body
    assert verify(archive).ok


def test_an_image_outside_the_page_folder_is_never_read(service, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    folder = tmp_path / "saved"
    folder.mkdir()
    page = folder / "page.html"
    page.write_text(
        "<html><body><div>您现在的位置:首页 &gt; 开发区新闻 &gt; 常州</div><h1>标题</h1>"
        "<p>发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区</p>"
        "<p><img src='../secret.png'><img src='data:image/png;base64,AAAA'></p><p>正文</p>"
        "</body></html>",
        encoding="utf-8",
    )
    report = import_pages(service, [page])
    assert report.created == 1
    reasons = " ".join(p.reason for p in report.warnings)
    assert "image not found: ../secret.png" in reasons
    assert "inline image" in reasons
    (record,) = service.list_articles().items
    assert "data:" not in record.body


# -- hostile input ---------------------------------------------------------------------------------


def test_hostile_files_are_reported_and_nothing_saved_is_lost(service, tmp_path):
    kept = service.create(_input("已有稿件"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.html").write_bytes(b"<p>x</p>" * 700_000)
    (folder / "junk.html").write_bytes(bytes(range(256)) * 50)
    (folder / "index.html").write_text("<html><body><p>首页</p></body></html>", encoding="utf-8")
    evil = (PAGES / "suzhou-2021.html").read_text(encoding="utf-8")
    evil = evil.replace(
        "http://www.investchn.com:80/news/2021/0305/SIP-20210305-0007.html#top",
        "http://www.investchn.com/../../x/../../etc/passwd",
    ).replace("<p>签约现场</p>", "<p>签约现场<script>alert(document.cookie)</script></p>")
    (folder / "evil.html").write_text(evil, encoding="utf-8")
    report = import_pages(service, [folder])
    reasons = {Path(p.file).name: p.reason for p in report.bad}
    assert set(reasons) == {"huge.html", "junk.html", "index.html"}
    assert "too large" in reasons["huge.html"]
    assert "binary" in reasons["junk.html"] or "not text" in reasons["junk.html"]
    assert "not an article page" in reasons["index.html"]
    assert report.created == 1
    record = by_title(service)["苏州工业园区一季度新签约外资项目32个"]
    assert record.external_id == "http://www.investchn.com/etc/passwd"
    assert record.slug == safe_slug(record.slug)
    assert "/" not in record.slug
    assert "script" not in record.body
    assert "alert" not in record.body
    assert service.get(kept.id) == kept


def _input(title: str) -> ArticleInput:
    return ArticleInput(
        title=title,
        body="正文",
        category=("开发区新闻", "常州"),
        published_at=beijing(2020, 1, 2),
        zone="江苏金坛经济开发区",
    )


def test_page_files_finds_pages_but_not_the_saved_files_folders(pages):
    files, problems = page_files([pages, pages / "hefei-2019.txt", pages / "nope"])
    names = [f.name for f in files]
    assert not [n for n in names if n.endswith(".png")]
    assert names.count("hefei-2019.txt") == 1  # given twice, imported once
    assert [Path(p.file).name for p in problems] == ["nope"]


def test_cancelling_keeps_the_pages_imported_so_far(service, pages):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    report = import_pages(service, [pages], cancelled=cancelled)
    assert report.cancelled
    assert report.pages == 2
    assert everything(service) == report.created


# -- the round trip --------------------------------------------------------------------------------


def test_the_sample_imported_and_exported_reads_like_the_sample(archive, service, tmp_path):
    neighbours = tmp_path / "neighbours"
    neighbours.mkdir()
    head = (
        "打造网上国际投资促进平台 致力于中国投资促进事业\n"
        "您现在的位置:首页 > 开发区新闻 > 常州 > 文字新闻\n"
    )
    for name, title, day in (
        ("newer.txt", "我区召开物流行业专项整治行动推进会", "2020-10-11"),
        ("older.txt", "永乐店邀专家解读十八大精神", "2020-10-09"),
    ):
        (neighbours / name).write_text(
            f"{head}{title}\n发布时间:{day}  来源:金坛手机台  发布开发区:江苏金坛经济开发区\n\n"
            "  正文。\n",
            encoding="utf-8",
        )
    report = import_pages(service, [SAMPLE, neighbours])
    assert report.ok
    assert report.created == 3
    out = tmp_path / "site"
    export(archive, out)
    exported = visible_lines(article_page(out))
    assert exported == sample_lines()


def test_the_article_text_alone_round_trips_line_for_line(archive, service, tmp_path):
    import_pages(service, [SAMPLE])
    out = tmp_path / "site"
    export(archive, out)
    exported = visible_lines(article_page(out))
    wanted = sample_lines()
    start = wanted.index("您现在的位置:首页 > 开发区新闻 > 常州 > 文字新闻")
    end = next(i for i, ln in enumerate(wanted) if ln.startswith("上一条"))
    assert exported[start:end] == wanted[start:end]


# -- the command line ------------------------------------------------------------------------------


def test_the_command_imports_pages_and_reports_files_and_fields(archive_url, pages):
    result = zonedesk("import-page", str(pages), db=archive_url, check=False)
    assert result.returncode == 1, result.stderr
    assert "7 pages: 6 created, 0 updated, 0 unchanged, 1 drafts, 1 not imported" in result.stdout
    assert "broken.html: not imported: the file is binary" in result.stderr
    assert "kunshan-missing.html: source: 来源 not found; imported as a draft" in result.stderr
    assert "kunshan-missing.html: category:" in result.stderr
    again = zonedesk("import-page", str(pages), "--json", db=archive_url, check=False)
    assert again.returncode == 1
    data = json.loads(again.stdout)
    assert (data["created"], data["updated"], data["unchanged"]) == (0, 0, 6)
    assert [Path(p["file"]).name for p in data["bad"]] == ["broken.html"]
    assert {p["field"] for p in data["missing"]} == {"category", "source"}
    listed = json.loads(zonedesk("list", "--json", db=archive_url, check=False).stdout)
    assert len(listed) == 6


def test_the_command_exits_zero_when_every_page_is_whole(sqlite_url, pages):
    result = zonedesk("import-page", *(str(pages / n) for n in GOOD), db=sqlite_url, check=False)
    assert result.returncode == 0, result.stderr
    assert "4 pages: 4 created" in result.stdout
    made = sqlite_url.removeprefix("sqlite:///")
    assert result.stderr == f"note: created a new archive at {made}\n"


def test_the_command_names_a_missing_path_and_imports_the_rest(sqlite_url, pages, tmp_path):
    result = zonedesk(
        "import-page", str(tmp_path / "nope.html"), str(SAMPLE), db=sqlite_url, check=False
    )
    assert result.returncode == 1
    assert "nope.html: not imported: no such file or folder" in result.stderr
    assert "1 pages: 1 created" in result.stdout


def test_the_command_appears_in_the_help():
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "import-page" in result.stdout


def test_pages_and_jsonl_imports_do_not_clash(service, tmp_path, pages):
    path = write_jsonl(tmp_path / "in.jsonl", [line(1)])
    from editor.archive.jsonl import import_jsonl  # noqa: PLC0415 - only here

    import_jsonl(service, path, workers=1)
    import_pages(service, [pages / "wuxi-gbk.html"])
    assert everything(service) == 2


# -- keys, problems in words, progress, image corners ----------------------------------------------


def portal_page(
    title: str,
    *,
    date: str | None = "2020-10-10",
    zone: str | None = "江苏金坛经济开发区",
    url: str | None = None,
    body: str = "<p>金坛开发区召开督查会。</p>",
) -> str:
    """A minimal saved portal page: breadcrumb, title, information line, body."""
    head = f'<link rel="canonical" href="{url}">' if url else ""
    info = " ".join(
        part
        for part in (
            f"发布时间:{date}" if date else "",
            "来源:金坛手机台",
            f"发布开发区:{zone}" if zone else "",
        )
        if part
    )
    return (
        f"<html><head>{head}</head><body><div>您现在的位置:首页 &gt; 开发区新闻 &gt; 常州</div>"
        f"<h1>{title}</h1><p>{info}</p>{body}</body></html>"
    )


def test_problems_read_as_file_field_and_what_became_of_it(service, pages, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    report = import_pages(service, [pages / "kunshan-missing.html", empty])
    missing = pages / "kunshan-missing.html"
    assert [str(p) for p in report.missing] == [
        f"{missing}: category: no breadcrumb (您现在的位置:首页 > …) found; imported as a draft",
        f"{missing}: source: 来源 not found; imported as a draft",
    ]
    assert [str(p) for p in report.bad] == [f"{empty}: no pages (.html, .htm, .txt) in this folder"]
    again = import_pages(service, [missing])
    assert all(str(p).endswith("; the article keeps its own value") for p in again.missing)


def test_the_import_tells_its_progress_page_by_page(service, pages):
    seen: list[tuple[int, int]] = []
    report = import_pages(service, [pages], progress=lambda done, total: seen.append((done, total)))
    total = report.pages
    assert total >= 5
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_the_address_of_a_page_becomes_the_key_of_its_article_imported_without_it(
    service, tmp_path
):
    (tmp_path / "a.html").write_text(portal_page("金坛督查会"), encoding="utf-8")
    import_pages(service, [tmp_path / "a.html"])
    (record,) = service.list_articles().items
    assert record.external_id.startswith("auto:")
    url = "http://www.jintan.gov.cn/news/2020/1010/1.html"
    changed = portal_page("金坛督查会", url=url, body="<p>金坛开发区召开第三次督查会。</p>")
    (tmp_path / "b.html").write_text(changed, encoding="utf-8")
    report = import_pages(service, [tmp_path / "b.html"])
    assert report.updated == 1
    assert service.get(record.id).external_id == url
    assert import_pages(service, [tmp_path / "b.html"]).unchanged == 1
    assert everything(service) == 1


def test_a_very_long_address_is_kept_as_its_hash(service, tmp_path):
    url = "http://www.jintan.gov.cn/news/" + "a" * 300 + ".html"
    (tmp_path / "long.html").write_text(portal_page("金坛督查会", url=url), encoding="utf-8")
    import_pages(service, [tmp_path / "long.html"])
    (record,) = service.list_articles().items
    assert record.external_id == external_key(url)
    assert record.external_id.startswith("url:")
    assert len(record.external_id) <= 200
    assert import_pages(service, [tmp_path / "long.html"]).unchanged == 1


def test_a_page_without_zone_or_date_updates_the_article_written_by_hand(service, tmp_path):
    by_hand = service.create(
        ArticleInput(
            title="园区通知",
            body="旧的正文",
            category=("开发区新闻", "常州"),
            status=ArticleStatus.DRAFT,
        )
    )
    page = tmp_path / "notice.html"
    page.write_text(
        portal_page("园区通知", date=None, zone=None, body="<p>新的正文</p>"), encoding="utf-8"
    )
    report = import_pages(service, [page])
    assert (report.created, report.updated) == (0, 1)
    assert service.get(by_hand.id).body == "新的正文"


def test_image_corners_of_a_page(service, tmp_path):
    (tmp_path / "p_files").mkdir()
    (tmp_path / "p_files" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 40)
    body = (
        "<p><img src='p_files/a.png'> <img src='p_files/a.png'></p>"
        "<p><img src='/images/top.png'></p>"
        "<p><img src='data:image/png,notbase64'></p><p>正文</p>"
    )
    page = tmp_path / "p.html"
    page.write_text(portal_page("图片新闻", body=body), encoding="utf-8")
    report = import_pages(service, [page])
    assert report.created == 1
    assert [p.reason for p in report.warnings] == [
        "image not found: /images/top.png",
        "an inline image that is not base64 was left out",
    ]
    (record,) = service.list_articles().items
    (reference,) = set(re.findall(r"media/[0-9a-f]{64}\.png", record.body))
    assert record.body.count(reference) == 2  # one image, shown twice, stored once
    # a page already pointing into the media store keeps its reference
    again = tmp_path / "again.html"
    again.write_text(
        portal_page("图片新闻二", body=f"<p><img src='{reference}'></p><p>正文</p>"),
        encoding="utf-8",
    )
    assert import_pages(service, [again]).warnings == []
    assert reference in by_title(service)["图片新闻二"].body


# -- links out of the folder, dates at the edges ---------------------------------------------------


def test_a_link_out_of_the_folder_is_skipped_unopened_and_named(service, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.html"
    secret.write_text(portal_page("不该导入的稿件"), encoding="utf-8")
    folder = tmp_path / "saved"
    (folder / "sub").mkdir(parents=True)
    (folder / "page.html").write_text(portal_page("园区稿件"), encoding="utf-8")
    (folder / "passwd.html").symlink_to("/etc/passwd")
    (folder / "sub" / "secret.html").symlink_to(secret)
    (folder / "same.html").symlink_to(folder / "page.html")  # inside: the same page, once
    (folder / "gone.html").symlink_to(tmp_path / "nowhere.html")
    opened: list[str] = []

    def audit(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and str(args[0]).endswith(("passwd", "secret.html")):
            opened.append(str(args[0]))

    sys.addaudithook(audit)  # hooks stay for the process: this one only records
    report = import_pages(service, [folder])
    seen = list(opened)
    opened.clear()
    assert seen == [], "a file outside the folder was opened"
    assert (report.pages, report.created, report.bad) == (1, 1, [])
    warned = {Path(p.file).name: p.reason for p in report.warnings}
    assert set(warned) == {"passwd.html", "secret.html", "gone.html"}
    assert warned["passwd.html"] == (
        f"a link to /etc/passwd, outside the folder {folder}; skipped, not opened"
    )
    assert "outside the folder" in warned["secret.html"]
    assert warned["gone.html"] == "a link to nothing; skipped"
    assert [r.title for r in service.list_articles().items] == ["园区稿件"]


def test_the_command_warns_of_a_link_out_of_the_folder(sqlite_url, tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "page.html").write_text(portal_page("园区稿件"), encoding="utf-8")
    (folder / "passwd.html").symlink_to("/etc/passwd")
    result = zonedesk("import-page", str(folder), db=sqlite_url, check=False)
    assert result.returncode == 0, result.stderr
    assert f"{folder / 'passwd.html'}: warning: a link to /etc/passwd, outside" in result.stderr
    assert "1 pages: 1 created" in result.stdout


@pytest.mark.parametrize("date", ["9999-12-31 23:59", "1900-01-01", "2101-01-01 08:00"])
def test_a_date_outside_the_years_is_named_and_the_other_pages_imported(service, tmp_path, date):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "a.html").write_text(portal_page("远未来的稿件", date=date), encoding="utf-8")
    (folder / "b.html").write_text(portal_page("正常的稿件"), encoding="utf-8")
    report = import_pages(service, [folder])
    assert (report.pages, report.created, report.bad) == (2, 2, [])
    (missing,) = report.missing
    assert (Path(missing.file).name, missing.field, missing.outcome) == (
        "a.html",
        "published_at",
        DRAFT,
    )
    assert date in missing.reason
    drafted = by_title(service)["远未来的稿件"]
    assert (drafted.status, drafted.published_at) == (ArticleStatus.DRAFT, None)
