"""`backup`, `restore` and `verify`, through the command line, on SQLite and PostgreSQL.

Most run the command in this process (``cli``: the same parser and handlers as ``main.py``);
a few run ``main.py`` in a subprocess, as a user does.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from editor.archive.articles import ArticleService
from editor.archive.database import open_archive
from editor.archive.maintenance import verify
from tests.subprocesses import in_process as cli
from tests.subprocesses import zonedesk
from tests.unit.test_articles import article
from tests.unit.test_jsonl import line, write_jsonl


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


def test_restore_into_a_seeded_empty_archive(archive_url, filled, tmp_path, request):
    """A new archive (created and seeded, no article yet) counts as empty."""
    backup = tmp_path / "archive.backup"
    cli("backup", str(backup), db=filled)
    if archive_url.startswith("sqlite"):
        target = str(tmp_path / "new.sqlite3")
    else:
        target = request.getfixturevalue("empty_pg_url")
    cli("stats", db=target)  # creates and seeds it
    cli("restore", str(backup), db=target)
    assert stats(target)["articles"] == 4


def test_restore_refuses_an_archive_that_is_not_empty(filled, tmp_path):
    backup = tmp_path / "archive.backup"
    cli("backup", str(backup), db=filled)
    before = stats(filled)
    result = cli("restore", str(backup), db=filled, check=False)
    assert result.returncode == 2
    assert "is not empty (5 articles, 6 revisions)" in result.stderr
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
    cli("stats", db=str(sqlite_backup))
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
