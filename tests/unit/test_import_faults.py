"""Imports under faults, for real: two processes importing into one archive at the same moment,
a disk that fills in the middle of an import. On SQLite and PostgreSQL.

The two importers are ``tests/faultdriver.py imports`` processes, started once per test: each
round they are handed a file, say ``ready``, and start together when the test creates the round's
go-file. Each round uses new titles, sources and zones, so both processes want the same new
names and the same slugs at once (the races the issue saw: the slug list read before the write
lock, ``uq_source_name``, two updates of one article).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from editor.archive.articles import ArticleService
from editor.archive.database import open_archive
from editor.archive.importing import ImportStoppedError
from editor.archive.jsonl import import_jsonl
from editor.archive.maintenance import verify
from editor.archive.schema import Article, Revision
from editor.domain.model import ArticleFilter
from tests.subprocesses import DRIVER, ROOT, in_process, kill9
from tests.unit.test_jsonl import line, write_jsonl

ROUNDS = 8
LINES = 120


@pytest.fixture
def importers(archive_url: str) -> Iterator[list[subprocess.Popen[str]]]:
    """Two driver processes, each importing the files it is handed into the archive."""
    started = [
        subprocess.Popen(
            [sys.executable, "-m", DRIVER, "imports", archive_url],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        for _ in range(2)
    ]
    try:
        yield started
    finally:
        for process in started:
            kill9(process)


def round_rows(round_: int, who: str, *, same_ids: bool) -> list[dict[str, object]]:
    """One process's file of a round: the other's titles, source and zone (new names)."""
    return [
        line(
            n,
            id=f"r{round_}-{n}" if same_ids else f"r{round_}-{who}-{n}",
            title=f"第{round_}轮 开发区第{n}次项目推进会",
            body=f"{who} 的正文 {n}",
            source=f"第{round_}轮来源",
            zone=f"第{round_}轮开发区",
            category=["开发区新闻", f"第{round_}轮"],
        )
        for n in range(LINES)
    ]


def race(importers: list[subprocess.Popen[str]], files: list[Path], go: Path) -> list[list[str]]:
    """Both processes import their file at once; what each said."""
    for process, file in zip(importers, files, strict=True):
        assert process.stdin is not None
        process.stdin.write(f"{file} {go}\n")
        process.stdin.flush()
    for process in importers:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    said = []
    for process in importers:
        assert process.stdout is not None
        said.append(process.stdout.readline().split())
    return said


def slugs_are_unique(archive) -> bool:
    with archive.session() as session:
        total = session.scalar(select(func.count(Article.id)))
        distinct = session.scalar(select(func.count(func.distinct(Article.slug))))
    return total == distinct


def revisions_are_whole(archive) -> bool:
    """Every article's revisions are numbered 1, 2, … up to its version."""
    with archive.session() as session:
        rows = session.execute(
            select(Article.version, func.count(Revision.id), func.max(Revision.number))
            .join(Revision, Revision.article_id == Article.id)
            .group_by(Article.id, Article.version)
        ).all()
    return all(version == count == top for version, count, top in rows)


def test_two_imports_of_other_articles_with_the_same_names_at_once_both_import_whole(
    archive_url, archive, importers, tmp_path
):
    service = ArticleService(archive)
    failures = []
    for round_ in range(ROUNDS):
        before = service.count()
        files = [
            write_jsonl(tmp_path / f"{round_}-{who}.jsonl", round_rows(round_, who, same_ids=False))
            for who in ("a", "b")
        ]
        said = race(importers, files, tmp_path / f"go-{round_}")
        if said != [["imported", str(LINES), "0", "0", "0"]] * 2:
            failures.append((round_, [" ".join(words) for words in said]))
            continue
        assert service.count() == before + 2 * LINES
        assert slugs_are_unique(archive)
        assert service.count(ArticleFilter(source=f"第{round_}轮来源")) == 2 * LINES
    assert failures == [], f"{len(failures)} of {ROUNDS} rounds failed: {failures}"
    assert revisions_are_whole(archive)
    report = verify(archive, render=False)
    assert report.ok, report.problems


def test_two_imports_of_the_same_ids_at_once_make_each_article_once(
    archive_url, archive, importers, tmp_path
):
    service = ArticleService(archive)
    failures = []
    for round_ in range(ROUNDS):
        before = service.count()
        files = [
            write_jsonl(tmp_path / f"{round_}-{who}.jsonl", round_rows(round_, who, same_ids=True))
            for who in ("a", "b")
        ]
        said = race(importers, files, tmp_path / f"go-{round_}")
        if any(words[:1] != ["imported"] or words[-1] != "0" for words in said):
            failures.append((round_, [" ".join(words) for words in said]))
            continue
        created = sum(int(words[1]) for words in said)
        updated = sum(int(words[2]) for words in said)
        assert created == LINES  # one process made each article, the other updated it
        assert updated == LINES, said
        assert service.count() == before + LINES
        record = service.find_by_external_id(f"r{round_}-0")
        assert record is not None
        assert record.version == 2
        assert record.body in ("a 的正文 0", "b 的正文 0")
    assert failures == [], f"{len(failures)} of {ROUNDS} rounds failed: {failures}"
    assert slugs_are_unique(archive)
    assert revisions_are_whole(archive)
    report = verify(archive, render=False)
    assert report.ok, report.problems


# -- a full disk in the middle of an import ------------------------------------------------------


def page_count(archive) -> int:
    with archive.engine.connect() as conn:
        return int(conn.execute(text("PRAGMA page_count")).scalar_one())


def limit_pages(engine, pages: int):
    """Every new connection of ``engine`` may grow the archive to ``pages`` pages only."""

    @event.listens_for(engine, "connect")
    def _small_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    engine.dispose()  # new connections only, each with the limit
    return _small_disk


def big_rows(count: int) -> list[dict[str, object]]:
    return [line(n, body=f"第{n}篇。" + "园区项目建设稳步推进。" * 60) for n in range(1, count + 1)]


def pages_of_a_batch(tmp_path: Path, rows) -> int:
    """How many pages the first batch of ``rows`` adds to a new archive."""
    probe = open_archive(str(tmp_path / "probe.sqlite3"))
    try:
        before = page_count(probe)
        import_jsonl(ArticleService(probe), write_jsonl(tmp_path / "probe.jsonl", rows), workers=1)
        return page_count(probe) - before
    finally:
        probe.close()


def test_a_disk_filling_mid_import_says_what_was_committed_and_a_rerun_completes(tmp_path):
    rows = big_rows(600)  # three batches: the second does not fit
    grown = pages_of_a_batch(tmp_path, rows[:250])
    archive = open_archive(str(tmp_path / "full.sqlite3"))
    service = ArticleService(archive, user="importer")
    limit = limit_pages(archive.engine, page_count(archive) + grown * 3 // 2)
    path = write_jsonl(tmp_path / "news.jsonl", rows)
    with pytest.raises(ImportStoppedError) as stopped:
        import_jsonl(service, path, workers=1)
    message = str(stopped.value)
    assert "nothing was saved" not in message
    assert "the archive is unchanged" not in message
    assert f"the disk holding the archive {archive.location} is full" in message
    assert "The import stopped at line 251; lines 251–500 were rolled back whole" in message
    assert (
        "250 articles of news.jsonl were committed before that and are kept (250 new, 0 updated, "
        "0 unchanged): every line up to line 250." in message
    )
    report = stopped.value.report
    assert (report.created, report.committed_through, report.stopped_at) == (250, 250, 251)
    assert service.count() == 250
    assert {r.external_id for r in service.list_articles(limit=1000).items} == {
        f"ext-{n}" for n in range(1, 251)
    }
    assert verify(archive, render=False).ok
    # space again: the same import goes on where it stopped
    event.remove(archive.engine, "connect", limit)
    archive.engine.dispose()
    again = import_jsonl(service, path, workers=1)
    assert (again.created, again.updated, again.unchanged, again.bad) == (350, 0, 250, [])
    assert service.count() == 600
    assert verify(archive, render=False).ok
    archive.close()


def test_the_command_on_a_full_disk_names_the_last_line_committed_and_fails(tmp_path, monkeypatch):
    from editor.archive import database  # noqa: PLC0415

    rows = big_rows(600)
    grown = pages_of_a_batch(tmp_path, rows[:250])
    url = str(tmp_path / "full.sqlite3")
    with open_archive(url) as archive:
        pages = page_count(archive) + grown * 3 // 2
    engine_of = database._sqlite_engine

    def small_engine(path, **options):
        engine = engine_of(path, **options)
        limit_pages(engine, pages)
        return engine

    monkeypatch.setattr(database, "_sqlite_engine", small_engine)
    path = write_jsonl(tmp_path / "news.jsonl", rows)
    result = in_process("import", str(path), "--workers", "1", db=url, check=False)
    assert result.returncode == 2
    assert "600 lines: 250 created, 0 updated, 0 unchanged, 0 bad" in result.stdout
    assert "stopped at line 251" in result.stdout
    assert result.stderr.startswith("error: the disk holding the archive")
    assert "every line up to line 250" in result.stderr
    assert "Traceback" not in result.stderr
    with open_archive(url) as archive:
        assert ArticleService(archive).count() == 250


def test_a_disk_filling_mid_page_import_says_which_pages_were_committed(tmp_path):
    from editor.archive.pages import import_pages  # noqa: PLC0415
    from tests.unit.test_pageimport import portal_page  # noqa: PLC0415

    body = "<p>" + "园区项目建设稳步推进。" * 3000 + "</p>"
    folder = tmp_path / "saved"
    folder.mkdir()
    for n in range(1, 7):
        page = portal_page(f"第{n}篇稿件", body=body.replace("园区", f"第{n}园区", 1))
        (folder / f"{n}.html").write_text(page, encoding="utf-8")
    probe = open_archive(str(tmp_path / "probe.sqlite3"))
    before = page_count(probe)
    import_pages(ArticleService(probe), [folder / "1.html"])
    grown = page_count(probe) - before
    probe.close()
    archive = open_archive(str(tmp_path / "full.sqlite3"))
    service = ArticleService(archive, user="importer")
    limit_pages(archive.engine, page_count(archive) + grown * 5 // 2)
    with pytest.raises(ImportStoppedError) as stopped:
        import_pages(service, [folder])
    message = str(stopped.value)
    assert f"The import stopped at {folder / '3.html'}, which was rolled back whole" in message
    assert "2 pages were committed before it and are kept (2 new" in message
    assert stopped.value.report.created == 2
    assert sorted(r.title for r in service.list_articles().items) == ["第1篇稿件", "第2篇稿件"]
    assert verify(archive, render=False).ok
    archive.close()
