"""The export says which articles it left out and why (drafts, in review, archived), on the
command line and in its report, and names the pages of the articles it was asked about."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.domain.model import DEFAULT_TZ, ArticleInput, ArticleStatus
from editor.export.exporter import Exporter
from editor.export.leftout import LeftOut, by_reason, summary
from editor.export.source import ArchiveSource, SqliteFileSource, sqlite_file_of
from tests.subprocesses import in_process

CATEGORY = ("开发区新闻", "常州", "文字新闻")


def article(title: str, status: ArticleStatus, day: int = 10) -> ArticleInput:
    return ArticleInput(
        title=title,
        body="10月9日下午，我区召开督查会。",
        category=CATEGORY,
        published_at=dt.datetime(2020, 10, day, 9, 30, tzinfo=DEFAULT_TZ),
        status=status,
    )


def fill(archive: Archive) -> dict[str, int]:
    """Two published articles, two drafts, one in review, one archived, a deleted draft and an
    article published for a time still to come; their ids by title."""
    service = ArticleService(archive, user="tester")
    made = [
        ("金坛召开第三次督查会", ArticleStatus.PUBLISHED),
        ("园区新签约项目十二个", ArticleStatus.DRAFT),
        ("常州开发区年度总结", ArticleStatus.PUBLISHED),
        ("物流行业专项整治", ArticleStatus.REVIEW),
        ("永乐店邀专家解读", ArticleStatus.ARCHIVED),
        ("新来的实习生的稿子", ArticleStatus.DRAFT),
        ("删掉的草稿", ArticleStatus.DRAFT),
    ]
    ids = {title: service.create(article(title, status)).id for title, status in made}
    coming = dt.datetime.now(DEFAULT_TZ) + dt.timedelta(days=30)
    later = dataclasses.replace(article("明年的新闻", ArticleStatus.PUBLISHED), published_at=coming)
    ids["明年的新闻"] = service.create(later).id
    service.delete(ids["删掉的草稿"])
    return ids


@pytest.fixture
def filled(sqlite_url: str) -> tuple[str, dict[str, int]]:
    archive = open_archive(sqlite_url)
    try:
        ids = fill(archive)
    finally:
        archive.close()
    return sqlite_url, ids


def expected(ids: dict[str, int]) -> list[LeftOut]:
    return [
        LeftOut(ids["园区新签约项目十二个"], "园区新签约项目十二个", "draft"),
        LeftOut(ids["物流行业专项整治"], "物流行业专项整治", "review"),
        LeftOut(ids["永乐店邀专家解读"], "永乐店邀专家解读", "archived"),
        LeftOut(ids["新来的实习生的稿子"], "新来的实习生的稿子", "draft"),
    ]


def test_the_report_names_each_article_left_out_with_its_reason_and_the_pages_asked_for(
    filled: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    url, ids = filled
    path = sqlite_file_of(url)
    assert path is not None
    wanted = (ids["常州开发区年度总结"], ids["新来的实习生的稿子"], ids["删掉的草稿"])
    with SqliteFileSource(path) as source:
        report = Exporter(source, tmp_path / "site", workers=1, pages_of=wanted).run()
    # the trash is not counted; an article published for a time to come is exported
    assert report.articles == 3
    assert report.left_out == expected(ids)
    assert by_reason(report.left_out) == {"draft": 2, "review": 1, "archived": 1}
    # only the published one has a page, and it is where the export wrote it
    page = report.pages[ids["常州开发区年度总结"]]
    assert list(report.pages) == [ids["常州开发区年度总结"]]
    assert page.startswith("news/2020/10/10/")
    assert page.endswith(".html")
    assert "常州开发区年度总结" in (tmp_path / "site" / page).read_text(encoding="utf-8")

    # an export that finds nothing changed says the same
    with SqliteFileSource(path) as source:
        again = Exporter(source, tmp_path / "site", workers=1, pages_of=wanted).run()
    assert again.mode == "unchanged"
    assert (again.left_out, again.pages) == (report.left_out, report.pages)


def test_both_sources_find_the_same_articles_left_out(archive: Archive, tmp_path: Path) -> None:
    """ArchiveSource (PostgreSQL too) reads what SqliteFileSource reads."""
    ids = fill(archive)
    with ArchiveSource(archive) as source:
        found = source.left_out()
    assert found == expected(ids)
    path = sqlite_file_of(archive.location)
    if path is not None:
        with SqliteFileSource(path) as fast:
            assert fast.left_out() == found


def test_the_summary_counts_by_reason_in_the_order_an_article_goes_through() -> None:
    left_out = [
        LeftOut(1, "a", "archived"),
        LeftOut(2, "b", "draft"),
        LeftOut(3, "c", "queued"),  # a status another tool stored
        LeftOut(4, "d", "draft"),
    ]
    assert summary(left_out) == (
        "left out 4 articles that are not published: 2 draft, 1 archived, 1 queued"
    )
    assert summary(left_out[:1]) == "left out 1 article that is not published: 1 archived"


def test_the_command_line_says_what_it_left_out_and_lists_it_on_asking(
    filled: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    url, ids = filled
    out = tmp_path / "site"
    lines = in_process("export", str(out), db=url).stdout.splitlines()
    assert f" files in {out} (3 articles): " in lines[0]
    assert lines[1:] == [
        "left out 4 articles that are not published: 2 draft, 1 review, 1 archived; "
        "--left-out lists them"
    ]

    listed = in_process("export", str(out), "--left-out", db=url).stdout.splitlines()
    assert listed[1] == "left out 4 articles that are not published: 2 draft, 1 review, 1 archived"
    assert listed[2:] == [f"{item.id:>7}  {item.reason:<9}  {item.title}" for item in expected(ids)]

    report = json.loads(in_process("export", str(out), "--json", db=url).stdout)
    assert report["left_out"] == {
        "total": 4,
        "by_reason": {"draft": 2, "review": 1, "archived": 1},
        "articles": [
            {"id": item.id, "title": item.title, "reason": item.reason} for item in expected(ids)
        ],
    }


def test_an_archive_with_everything_published_says_nothing_of_left_out_articles(
    sqlite_url: str, tmp_path: Path
) -> None:
    archive = open_archive(sqlite_url)
    try:
        ArticleService(archive, user="tester").create(article("金坛", ArticleStatus.PUBLISHED))
    finally:
        archive.close()
    result = in_process("export", str(tmp_path / "site"), db=sqlite_url)
    assert len(result.stdout.splitlines()) == 1
    report = json.loads(
        in_process("export", str(tmp_path / "site"), "--json", db=sqlite_url).stdout
    )
    assert report["left_out"] == {"total": 0, "by_reason": {}, "articles": []}
