"""`backup`, `restore` and `verify`, through the command line, on SQLite and PostgreSQL.

Most run the command in this process (``cli``: the same parser and handlers as ``main.py``);
a few run ``main.py`` in a subprocess, as a user does.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from editor.archive import assets, maintenance
from editor.archive.articles import ArticleService
from editor.archive.backups import backup_postgresql
from editor.archive.database import open_archive
from editor.archive.maintenance import verify
from editor.archive.schema import SCHEMA_REVISION
from tests.subprocesses import in_process as cli
from tests.subprocesses import zonedesk
from tests.unit.test_articles import article
from tests.unit.test_jsonl import line, png_bytes, write_jsonl


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stats(db: str) -> dict:
    return json.loads(cli("stats", "--json", db=db).stdout)


@pytest.fixture
def filled(archive_url, tmp_path):
    rows = [line(n, body=f"第{n}篇的正文。\n\n园区项目。") for n in range(1, 6)]
    cli("import", str(write_jsonl(tmp_path / "in.jsonl", rows)), db=archive_url)
    archive = open_archive(archive_url)
    service = ArticleService(archive)
    record = service.get(1)
    service.update(1, article(body="改过的正文"), expected_version=record.version)
    service.delete(2)
    archive.close()
    return archive_url


@pytest.fixture
def empty_pg_url(pg_server_url, _pg_admin):
    """A PostgreSQL database without any table."""
    name = f"zd_empty_{uuid.uuid4().hex}"
    with _pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with _pg_admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def restore_target(filled: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if filled.startswith("sqlite"):
        return str(tmp_path / "restored" / "archive.sqlite3")
    return request.getfixturevalue("empty_pg_url")


def test_backup_then_restore_into_an_empty_archive_brings_everything_back(
    filled, tmp_path, request
):
    backup = tmp_path / "archive.backup"
    zonedesk("backup", str(backup), db=filled)
    before = digest(backup)
    target = restore_target(filled, tmp_path, request)
    result = zonedesk("restore", str(backup), db=target)
    assert "5 articles, 6 revisions" in result.stdout
    assert digest(backup) == before  # the backup is only read
    original, restored = stats(filled), stats(target)
    for key in ("articles", "trashed", "revisions", "by_status", "zones", "sources"):
        assert restored[key] == original[key], key
    shown = json.loads(cli("show", "1", "--json", db=target).stdout)
    assert shown["body"] == "改过的正文"
    verified = json.loads(cli("verify", "--json", db=target).stdout)
    assert verified["ok"], verified
    assert verified["rendered"] == 5
    # the restored archive works: saves, change counter, search
    archive = open_archive(target)
    service = ArticleService(archive)
    assert [h.article.id for h in service.search("第3篇").items] == [3]
    record = service.get(3)
    service.update(3, article(body="恢复后再改"), expected_version=record.version)
    archive.close()


def test_restore_refuses_a_seeded_archive_without_articles(archive_url, filled, tmp_path, request):
    """A new archive (created and seeded, no article yet) holds settings, zones, categories:
    it is not empty, and a restore would overwrite what was set in it."""
    backup = tmp_path / "archive.backup"
    cli("backup", str(backup), db=filled)
    if archive_url.startswith("sqlite"):
        target = str(tmp_path / "new.sqlite3")
    else:
        target = request.getfixturevalue("empty_pg_url")
    open_archive(target).close()  # creates and seeds it
    before = stats(target)
    result = cli("restore", str(backup), db=target, check=False)
    assert result.returncode == 2
    assert "is not empty (" in result.stderr
    assert " settings, " in result.stderr
    assert "nothing was changed" in result.stderr
    assert stats(target) == before


def test_restore_refuses_an_archive_that_is_not_empty(filled, tmp_path):
    backup = tmp_path / "archive.backup"
    cli("backup", str(backup), db=filled)
    before = stats(filled)
    result = cli("restore", str(backup), db=filled, check=False)
    assert result.returncode == 2
    assert "is not empty (5 articles, 6 revisions, " in result.stderr
    assert "nothing was changed" in result.stderr
    assert stats(filled) == before


def test_restore_refuses_what_is_not_a_backup_untouched(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("这不是备份\n", encoding="utf-8")
    before = digest(junk)
    target = tmp_path / "target.sqlite3"
    result = zonedesk("restore", str(junk), db=str(target), check=False)
    assert result.returncode == 2
    assert "is not a ZoneDesk backup" in result.stderr
    assert digest(junk) == before
    assert not target.exists()
    missing = cli("restore", str(tmp_path / "nope.bak"), db=str(target), check=False)
    assert "no such backup file" in missing.stderr


def test_restore_refuses_a_backup_of_the_other_database_kind(tmp_path):
    sqlite_backup = tmp_path / "a.sqlite3"
    open_archive(str(sqlite_backup)).close()
    result = cli(
        "restore", str(sqlite_backup), db="postgresql+psycopg://nobody@127.0.0.1:1/x", check=False
    )
    assert "is a SQLite archive: restore it into a SQLite archive" in result.stderr
    fake_dump = tmp_path / "a.dump"
    fake_dump.write_bytes(b"PGDMP" + b"\0" * 100)
    result = cli("restore", str(fake_dump), db=str(tmp_path / "b.sqlite3"), check=False)
    assert "is a PostgreSQL dump" in result.stderr


def test_restore_refuses_a_damaged_backup(tmp_path):
    source = tmp_path / "a.sqlite3"
    cli("import", str(write_jsonl(tmp_path / "in.jsonl", [line(1)])), db=str(source))
    backup = tmp_path / "archive.backup"
    cli("backup", str(backup), db=str(source))
    data = bytearray(backup.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # scramble every page after the schema
        data[offset + 8 : offset + 40] = b"\xff" * 32
    backup.write_bytes(bytes(data))
    before = digest(backup)
    target = tmp_path / "target.sqlite3"
    result = cli("restore", str(backup), db=str(target), check=False)
    assert result.returncode == 2
    assert "damaged" in result.stderr
    assert not target.exists()
    assert digest(backup) == before


def test_a_file_that_is_not_an_archive_is_refused_untouched_by_every_command(tmp_path):
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"JFIF" * 1000)
    before = digest(junk)
    for command in (["verify"], ["stats"], ["backup", str(tmp_path / "b")], ["list"]):
        result = cli(*command, db=str(junk), check=False)
        assert result.returncode == 2, command
        assert "is not a ZoneDesk archive" in result.stderr
    assert digest(junk) == before


def test_verify_finds_what_is_broken(archive):
    service = ArticleService(archive)
    kept = service.create(article(title="好的"))
    changed = service.create(article(title="被改的"))
    gap = service.create(article(title="缺修订的"))
    service.update(gap.id, article(title="缺修订的", body="二"), expected_version=1)
    service.update(gap.id, article(title="缺修订的", body="三"), expected_version=2)
    pictured = service.create(article(title="缺图的", body=f"![图](media/{'ab' * 32}.png)"))
    assert verify(archive).ok is False  # the missing image
    with archive.session(write=True) as session:
        session.execute(
            text("UPDATE article SET body = '没有修订的改动' WHERE id = :id"), {"id": changed.id}
        )
        session.execute(
            text("DELETE FROM revision WHERE article_id = :id AND number = 2"), {"id": gap.id}
        )
    report = verify(archive)
    assert report.checked_articles == 4
    assert report.rendered_articles == 4
    problems = "\n".join(report.problems)
    assert f"article {changed.id}: its title or body differs from its last saved revision 1" in (
        problems
    )
    assert f"article {gap.id}: its 2 revisions are numbered 1…3, not 1 without gaps" in problems
    assert f"article {pictured.id}: image media/abababababab… is not in the archive" in problems
    assert f"article {kept.id}" not in problems


# -- backups refused, restores refused untouched ----------------------------------------------


def test_backup_never_overwrites_a_file_unasked_nor_the_archive_itself(tmp_path):
    db = tmp_path / "a.sqlite3"
    cli("import", str(write_jsonl(tmp_path / "in.jsonl", [line(1)])), db=str(db))
    taken = tmp_path / "taken.backup"
    taken.write_bytes(b"someone else's file")
    result = cli("backup", str(taken), db=str(db), check=False)
    assert result.returncode == 2
    assert f"{taken} exists already; choose another name or use --force" in result.stderr
    assert taken.read_bytes() == b"someone else's file"
    before = digest(db)
    result = cli("backup", str(db), "--force", db=str(db), check=False)
    assert result.returncode == 2
    assert "the backup cannot overwrite the archive itself" in result.stderr
    assert digest(db) == before
    cli("backup", str(taken), "--force", db=str(db))  # asked for: overwritten with a backup
    assert taken.read_bytes().startswith(b"SQLite format 3\x00")


def sqlite_backup(tmp_path: Path, name: str = "archive.backup") -> Path:
    source = tmp_path / f"{name}.source.sqlite3"
    cli("import", str(write_jsonl(tmp_path / f"{name}.jsonl", [line(1), line(2)])), db=str(source))
    backup = tmp_path / name
    cli("backup", str(backup), db=str(source))
    return backup


def refused(backup: Path, target: Path, message: str) -> None:
    """restore BACKUP into TARGET fails with MESSAGE, the backup unchanged, no target made."""
    before = digest(backup)
    result = cli("restore", str(backup), db=str(target), check=False)
    assert result.returncode == 2, result
    assert message in result.stderr
    assert "othing was restored" in result.stderr
    assert digest(backup) == before
    assert not target.exists()


def test_restore_refuses_another_programs_sqlite_database(tmp_path):
    other = tmp_path / "customers.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    refused(other, tmp_path / "t.sqlite3", "is an SQLite database but not a ZoneDesk archive")


def test_restore_refuses_a_backup_of_a_newer_zonedesk(tmp_path):
    backup = sqlite_backup(tmp_path)
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    refused(backup, tmp_path / "t.sqlite3", "was written by a newer ZoneDesk (schema 9999)")


def damage_an_index(path: Path) -> None:
    """The index on article.updated_at stops matching its rows (as a torn write can leave it);
    SQLite's quick look still finds the file well-formed."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_article_updated_at ON article (title)' "
        "WHERE name = 'ix_article_updated_at'"
    )
    conn.commit()
    conn.close()


def test_restore_refuses_a_backup_whose_index_is_damaged(tmp_path):
    backup = sqlite_backup(tmp_path)
    damage_an_index(backup)
    refused(backup, tmp_path / "t.sqlite3", "missing from index ix_article_updated_at")


def test_restore_refuses_to_restore_a_backup_over_itself(tmp_path):
    backup = sqlite_backup(tmp_path)
    before = digest(backup)
    result = cli("restore", str(backup), db=str(backup), check=False)
    assert result.returncode == 2
    assert "the backup and the archive are the same file; nothing was restored" in result.stderr
    assert digest(backup) == before


def test_restore_into_an_unsupported_database_is_refused(tmp_path):
    backup = sqlite_backup(tmp_path)
    result = cli("restore", str(backup), db="mysql://u@127.0.0.1/news", check=False)
    assert result.returncode == 2
    assert "unsupported database 'mysql'" in result.stderr


def test_restore_of_a_dump_needs_pg_restore(tmp_path, monkeypatch):
    dump = tmp_path / "a.dump"
    dump.write_bytes(b"PGDMP" + b"\0" * 100)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = cli("restore", str(dump), db="postgresql+psycopg://nobody@127.0.0.1:1/x", check=False)
    assert result.returncode == 2
    assert "pg_restore is not installed: cannot restore a PostgreSQL dump" in result.stderr


def test_restore_refuses_a_dump_pg_restore_cannot_read(tmp_path):
    dump = tmp_path / "a.dump"
    dump.write_bytes(b"PGDMP" + b"\0" * 100)
    result = cli("restore", str(dump), db="postgresql+psycopg://nobody@127.0.0.1:1/x", check=False)
    assert result.returncode == 2
    assert f"{dump} cannot be read as a pg_dump file (pg_restore: error:" in result.stderr
    assert "nothing was restored" in result.stderr


def pg_tables(url: str) -> set[str]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_restore_refuses_a_dump_of_another_database(empty_pg_url, pg_url, tmp_path):
    dump = tmp_path / "other.dump"
    backup_postgresql(make_url(empty_pg_url), dump)
    before = digest(dump)
    result = cli("restore", str(dump), db=pg_url, check=False)
    assert result.returncode == 2
    assert "is a PostgreSQL dump but not of a ZoneDesk archive; nothing was restored" in (
        result.stderr
    )
    assert digest(dump) == before
    assert stats(pg_url)["zones"] > 0  # the seeded target kept its tables


@pytest.mark.postgres
def test_a_truncated_dump_restores_nothing(pg_url, empty_pg_url, tmp_path):
    dump = tmp_path / "archive.dump"
    cli("import", str(write_jsonl(tmp_path / "in.jsonl", [line(1), line(2)])), db=pg_url)
    cli("backup", str(dump), db=pg_url)
    dump.write_bytes(dump.read_bytes()[:-200])  # its table of contents whole, its data cut
    result = cli("restore", str(dump), db=empty_pg_url, check=False)
    assert result.returncode == 2
    assert f"the backup {dump} is damaged or incomplete (" in result.stderr
    assert "nothing was restored" in result.stderr
    assert pg_tables(empty_pg_url) == set()  # refused before the database was touched


@pytest.mark.postgres
def test_restore_into_a_database_holding_only_an_empty_schema_table(pg_url, empty_pg_url, tmp_path):
    """A database whose first migration never got past its version table counts as empty."""
    dump = tmp_path / "archive.dump"
    cli("import", str(write_jsonl(tmp_path / "in.jsonl", [line(1), line(2)])), db=pg_url)
    cli("backup", str(dump), db=pg_url)
    engine = create_engine(empty_pg_url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    engine.dispose()
    result = cli("restore", str(dump), db=empty_pg_url)
    assert "2 articles, 2 revisions, 0 images" in result.stdout
    assert stats(empty_pg_url)["articles"] == 2


# -- verify ------------------------------------------------------------------------------------


def test_verify_names_each_broken_field_and_damaged_image(archive):
    service = ArticleService(archive)
    ids = [service.create(article(title=f"第{n}篇")).id for n in range(5)]
    with archive.session(write=True) as session:
        assets.store_asset(session, png_bytes(7), "photo.png")
    blank, unsafe, undated, unrendered, unrevised = ids
    with archive.session(write=True) as session:
        for sql, aid in (
            ("UPDATE article SET title = '   ' WHERE id = :id", blank),
            ("UPDATE article SET slug = '../etc' WHERE id = :id", unsafe),
            ("UPDATE article SET published_at = NULL WHERE id = :id", undated),
            ("UPDATE article SET body_html = '' WHERE id = :id", unrendered),
            ("DELETE FROM revision WHERE article_id = :id", unrevised),
        ):
            session.execute(text(sql), {"id": aid})
        session.execute(text("UPDATE asset SET size = size + 1"))
        session.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    problems = verify(archive, render=False).problems
    sha = hashlib.sha256(png_bytes(7)).hexdigest()
    assert sorted(problems) == sorted(
        [
            f"schema is at 0003, expected {SCHEMA_REVISION}",
            f"article {blank}: title is empty",
            f"article {unsafe}: slug '../etc' is missing or unsafe",
            f"article {undated}: published without a publication time",
            f"article {unrendered}: the rendered body is missing",
            f"article {unrevised}: has no revision",
            f"asset {sha[:12]}…: its bytes do not match their hash",
            f"article {blank}: its title or body differs from its last saved revision 1",
        ]
    )


def test_verify_finds_a_damaged_sqlite_file_and_broken_references(tmp_path):
    path = tmp_path / "a.sqlite3"
    cli("import", str(write_jsonl(tmp_path / "in.jsonl", [line(1)])), db=str(path))
    damage_an_index(path)
    conn = sqlite3.connect(path)  # foreign keys are off outside ZoneDesk
    conn.execute(
        "INSERT INTO revision (article_id, number, kind, saved_at, saved_by, title, body, fields) "
        "VALUES (999, 1, 'save', '2021-01-01 00:00:00', 'x', 't', 'b', '{}')"
    )
    conn.commit()
    conn.close()
    result = cli("verify", "--json", db=str(path), check=False)
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert "SQLite integrity: row 1 missing from index ix_article_updated_at" in problems
    assert any(
        p.startswith("broken reference in table revision (row ") and p.endswith("→ article)")
        for p in problems
    ), problems
    assert "1 revision(s) belong to no article" in problems


def test_verify_tells_its_progress(archive):
    service = ArticleService(archive)
    for n in range(3):
        service.create(article(title=f"第{n}篇", body=f"第{n}篇的**正文**"))
    seen: list[tuple[int, int]] = []
    report = verify(archive, workers=1, progress=lambda done, total: seen.append((done, total)))
    assert report.ok
    assert (report.rendered_articles, seen) == (3, [(3, 3)])


def test_verify_renders_on_a_pool_of_processes(sqlite_url, monkeypatch):
    """The path of big archives (400 articles and more), in batches of one article: more
    batches than the pool keeps in flight. Rendering does not depend on the database: SQLite."""
    archive = open_archive(sqlite_url)
    try:
        service = ArticleService(archive)
        for n in range(6):
            service.create(article(title=f"第{n}篇", body=f"第{n}篇的**正文**"))
        monkeypatch.setattr(maintenance, "RENDER_PARALLEL_THRESHOLD", 2)
        monkeypatch.setattr(maintenance, "RENDER_BATCH", 1)
        seen: list[tuple[int, int]] = []
        report = verify(archive, workers=2, progress=lambda done, total: seen.append((done, total)))
    finally:
        archive.close()
    assert report.ok, report.problems
    assert report.rendered_articles == 6
    assert seen == [(n, 6) for n in range(1, 7)]
