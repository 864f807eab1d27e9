"""A damaged archive is not written to; a read-only one is read; a missing one is not made up.

Damage is made as a failing disk or a bad copy makes it: bytes flipped in the file (24 of them,
in the cell-pointer arrays of three of the revision table's pages, so SQLite's ``quick_check``
sees it while the articles themselves stay readable). Every command is then run on it as a user
runs it; the file must come out byte for byte as it went in.

The read-only filesystem is a tmpfs mounted, filled and remounted read-only: that needs root,
and the tests that need it skip, saying so, without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from editor.archive import health
from editor.archive.database import open_archive
from editor.archive.health import ArchiveDamagedError, examine_sqlite_file
from editor.domain.errors import ArchiveError, ReadOnlyArchiveError
from tests import mounts
from tests.subprocesses import in_process, zonedesk
from tests.unit.test_jsonl import line, write_jsonl

ARTICLES = 60
PAGE = "<html><body><div>您现在的位置:首页 &gt; 开发区新闻 &gt; 常州</div><h1>新的一页</h1>"
PAGE += "<p>发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区</p><p>正文</p>"
PAGE += "</body></html>"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(first: int, count: int) -> list[dict[str, object]]:
    body = "园区项目加快推进,招商引资取得新进展。" * 60
    return [line(n, body=f"第{n}篇。{body}") for n in range(first, first + count)]


def fill(db: Path, folder: Path, count: int = ARTICLES) -> None:
    """An archive at ``db`` holding ``count`` articles, each with its revision, checkpointed."""
    in_process("import", str(write_jsonl(folder / "fill.jsonl", rows(1, count))), db=str(db))
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def article_count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])
    finally:
        conn.close()


def flip_bytes(db: Path, *, table: str = "revision", pages: int = 3, per_page: int = 8) -> str:
    """Flip ``pages * per_page`` bytes (24) in the cell pointers of leaf pages of ``table``;
    the first line ``PRAGMA integrity_check`` then gives."""
    conn = sqlite3.connect(db)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        leaves = [
            int(n)
            for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    finally:
        conn.close()
    assert len(leaves) >= pages, leaves
    data = bytearray(db.read_bytes())
    for pageno in leaves[:pages]:
        start = (pageno - 1) * page_size + 8  # a leaf page's cell-pointer array
        for offset in range(start, start + per_page):
            data[offset] ^= 0xFF
    db.write_bytes(bytes(data))
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = [r for (r,) in conn.execute("PRAGMA integrity_check") if r != "ok"]
    finally:
        conn.close()
    assert found, "the flipped bytes did not damage the archive"
    return str(found[0])


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    db = tmp_path / "damaged.sqlite3"
    fill(db, tmp_path)
    flip_bytes(db)
    return db


def assert_names_the_way_out(message: str, db: Path) -> None:
    assert f"the archive {db} is damaged (SQLite's check says: " in message
    assert "SQLite's check says: ***" not in message  # the problem, not the heading above it
    assert f"`main.py --db {db} verify`" in message
    assert "`main.py --db NEW.sqlite3 restore BACKUP`" in message
    assert f"`sqlite3 {db} .recover | sqlite3 NEW.sqlite3`" in message


# ------------------------------------------------------------------------------ damaged


def test_every_command_that_writes_refuses_a_damaged_archive_and_leaves_it_as_it_was(
    damaged: Path, tmp_path: Path
) -> None:
    before = digest(damaged)
    assert article_count(damaged) == ARTICLES
    more = write_jsonl(tmp_path / "more.jsonl", rows(ARTICLES + 1, ARTICLES))
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    # as a user runs it: a process of its own, its exit code, no traceback
    result = zonedesk("import", str(more), db=str(damaged), check=False)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: the archive "), result.stderr
    assert "Traceback" not in result.stderr
    assert_names_the_way_out(result.stderr, damaged)
    for args in (
        ["import-page", str(page)],
        ["delete", "1"],
        ["undelete", "1"],
        ["site", "set", "site.name", "新名字"],
    ):
        done = in_process(*args, db=str(damaged), check=False)
        assert (done.returncode, done.stdout) == (2, ""), args
        assert done.stderr.startswith("error: the archive "), (args, done.stderr)
        assert_names_the_way_out(done.stderr, damaged)
    assert digest(damaged) == before
    assert article_count(damaged) == ARTICLES  # not one of the 60 more was added


def test_the_gui_and_a_plain_open_refuse_a_damaged_archive_untouched(damaged: Path) -> None:
    before = digest(damaged)
    with pytest.raises(ArchiveDamagedError) as caught:
        open_archive(str(damaged))  # what the GUI's start does
    assert_names_the_way_out(str(caught.value), damaged)
    assert caught.value.path == damaged
    with pytest.raises(ArchiveDamagedError):
        open_archive(str(damaged), readonly=False)
    assert digest(damaged) == before


def test_commands_that_read_warn_once_and_go_on(damaged: Path, tmp_path: Path) -> None:
    before = digest(damaged)
    for args in (["stats"], ["list"], ["search", "园区"], ["show", "1"], ["site", "show"]):
        done = in_process(*args, db=str(damaged), check=False)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout, args
        assert done.stderr.count("warning: the archive ") == 1, (args, done.stderr)
        assert "opened read-only" in done.stderr
        assert_names_the_way_out(done.stderr, damaged)
    listed = in_process("list", "--limit", "100", db=str(damaged)).stdout
    assert f"(1–{ARTICLES} of {ARTICLES})" in listed
    verify = in_process("verify", "--quick", db=str(damaged), check=False)
    assert verify.returncode == 1
    assert verify.stderr.count("warning: the archive ") == 1
    assert "\nOn tree page " in verify.stdout  # what SQLite's integrity check found
    assert "the rest was not checked: the archive file is damaged" in verify.stdout
    export = in_process("export", str(tmp_path / "site"), db=str(damaged), check=False)
    assert export.returncode == 0, export.stderr
    assert export.stderr.count("warning: the archive ") == 1, export.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert digest(damaged) == before


def test_reading_a_damaged_page_is_an_error_in_words_not_a_traceback(damaged: Path) -> None:
    before = digest(damaged)
    done = in_process("show", "1", "--revisions", db=str(damaged), check=False)
    assert (done.returncode, done.stdout) == (2, "")
    warning, error = done.stderr.splitlines()
    assert warning.startswith("warning: the archive ")
    assert error.startswith(f"error: the archive {damaged} is damaged (SQLite's check says: ")
    assert "nothing was saved" in error
    assert digest(damaged) == before


def test_an_export_meeting_a_damaged_article_page_says_so_and_writes_no_site(
    tmp_path: Path,
) -> None:
    db = tmp_path / "damaged.sqlite3"
    fill(db, tmp_path)
    flip_bytes(db, table="article")
    before = digest(db)
    site = tmp_path / "site"
    done = zonedesk("export", str(site), db=str(db), check=False)  # its own reader, not SQLAlchemy
    assert (done.returncode, done.stdout) == (2, "")
    assert "Traceback" not in done.stderr
    warning, error = done.stderr.splitlines()
    assert warning.startswith("warning: the archive ")
    assert error.startswith(f"error: the archive {db} is damaged (SQLite's check says: ")
    assert_names_the_way_out(error, db)
    assert not site.exists()
    assert digest(db) == before


def test_a_backup_of_a_damaged_archive_needs_force_and_says_what_it_holds(
    damaged: Path, tmp_path: Path
) -> None:
    before = digest(damaged)
    copy = tmp_path / "copy.backup"
    refused = in_process("backup", str(copy), db=str(damaged), check=False)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert "run the backup again with --force" in refused.stderr
    assert_names_the_way_out(refused.stderr, damaged)
    assert not copy.exists()
    forced = in_process("backup", str(copy), "--force", db=str(damaged))
    assert forced.stdout == f"backup written to {copy}\n"
    assert forced.stderr.count("warning: the archive ") == 1
    assert "the backup is a copy of the damaged archive" in forced.stderr
    restored = in_process("restore", str(copy), db=str(tmp_path / "new.sqlite3"), check=False)
    assert restored.returncode == 2
    assert "damaged" in restored.stderr
    assert digest(damaged) == before


# ------------------------------------------------------------------------------ no archive


@pytest.mark.parametrize("kind", ["missing", "empty file", "mistyped folder"])
def test_reading_commands_do_not_make_an_archive_of_a_missing_or_empty_file(
    kind: str, tmp_path: Path
) -> None:
    db = tmp_path / ("typo" if kind == "mistyped folder" else "") / "archive.sqlite3"
    if kind == "empty file":
        db.write_bytes(b"")
    for args in (
        ["verify"],
        ["list"],
        ["stats"],
        ["search", "园区"],
        ["show", "1"],
        ["backup", str(tmp_path / "b.backup")],
        ["delete", "1"],
        ["export", str(tmp_path / "site")],
    ):
        done = in_process(*args, db=str(db), check=False)
        assert (done.returncode, done.stdout) == (2, ""), args
        assert done.stderr == f"error: no archive at {db}; `main.py import` creates one\n", args
    assert (db.exists(), db.parent.exists()) == (
        kind == "empty file",
        kind != "mistyped folder",
    )
    if db.exists():
        assert db.read_bytes() == b""
    assert not (tmp_path / "site").exists()


def test_import_makes_a_new_archive_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "new" / "archive.sqlite3"
    done = in_process("import", str(write_jsonl(tmp_path / "a.jsonl", rows(1, 2))), db=str(db))
    assert done.stderr == f"note: created a new archive at {db}\n"
    again = in_process("import", str(write_jsonl(tmp_path / "b.jsonl", rows(3, 1))), db=str(db))
    assert again.stderr == ""  # it exists now: nothing to say
    assert article_count(db) == 3


def test_a_missing_postgresql_database_is_named_with_the_way_out(pg_server_url: str) -> None:
    name = f"zd_missing_{uuid.uuid4().hex}"
    url = make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    with pytest.raises(ArchiveError, match=f"there is no database '{name}'.*createdb {name}"):
        open_archive(url)


# ------------------------------------------------------------------------ read-only mount


@contextlib.contextmanager
def tmpfs(folder: Path) -> Iterator[Path]:
    with mounts.tmpfs(folder, "64m") as cannot:
        if cannot:
            pytest.skip(f"a read-only filesystem: {cannot}")
        yield folder


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@pytest.fixture
def read_only_archive(tmp_path: Path) -> Iterator[Path]:
    """A healthy archive of ARTICLES articles on a tmpfs remounted read-only, without -wal/-shm."""
    with tmpfs(tmp_path / "mnt") as mnt:
        db = mnt / "archive.sqlite3"
        fill(db, tmp_path)
        assert sorted(p.name for p in mnt.iterdir()) == ["archive.sqlite3"]
        remount_read_only(mnt)
        yield db


def test_a_healthy_archive_on_a_read_only_filesystem_opens_read_only(
    read_only_archive: Path,
) -> None:
    db = read_only_archive
    before = digest(db)
    found = examine_sqlite_file(db)
    assert (found.damage, found.unwritable) == (None, f"{db} is on a read-only filesystem")
    with open_archive(str(db)) as archive:  # the GUI's start
        assert archive.readonly
        assert archive.note == f"opened read-only: {db} is on a read-only filesystem"
    for args in (["list"], ["stats"], ["search", "园区"], ["show", "1"], ["verify", "--quick"]):
        done = in_process(*args, db=str(db), check=False)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stderr == f"note: opened read-only: {db} is on a read-only filesystem\n"
    assert (
        f"(1–{ARTICLES} of {ARTICLES})" in in_process("list", "--limit", "100", db=str(db)).stdout
    )
    assert digest(db) == before


def test_commands_that_write_refuse_an_archive_on_a_read_only_filesystem(
    read_only_archive: Path, tmp_path: Path
) -> None:
    db = read_only_archive
    before = digest(db)
    more = write_jsonl(tmp_path / "more.jsonl", rows(ARTICLES + 1, 3))
    for args in (["import", str(more)], ["delete", "1"], ["site", "set", "site.name", "新名字"]):
        done = in_process(*args, db=str(db), check=False)
        assert (done.returncode, done.stdout) == (2, ""), args
        assert done.stderr.startswith(
            f"error: the archive cannot be written: {db} is on a read-only filesystem. "
            "Nothing was changed."
        ), done.stderr
    with pytest.raises(ReadOnlyArchiveError, match="read-only filesystem"):
        open_archive(str(db), readonly=False)
    assert digest(db) == before
    assert article_count(db) == ARTICLES


def test_a_new_archive_is_not_made_on_a_read_only_filesystem(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "mnt") as mnt:
        remount_read_only(mnt)
        db = mnt / "archive.sqlite3"
        source = write_jsonl(tmp_path / "a.jsonl", rows(1, 1))
        done = in_process("import", str(source), db=str(db), check=False)
        assert done.returncode == 2
        assert done.stderr == (
            f"error: cannot create an archive at {db}: the folder {mnt} cannot be written\n"
        )
        assert not db.exists()


# ------------------------------------------------------------------------------ checked once


def test_a_file_as_zonedesk_left_it_is_not_checked_again_and_any_change_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """quick_check reads every page (0.9 s at 10,000 articles): it runs when the file is not as
    ZoneDesk last knew it whole, however soon after ZoneDesk closed it the file was changed."""
    db = tmp_path / "archive.sqlite3"
    fill(db, tmp_path)
    whole = db.read_bytes()
    checks: list[Path] = []
    real_check = health.quick_check

    def counted(conn: sqlite3.Connection) -> str | None:
        checks.append(db)
        return real_check(conn)

    monkeypatch.setattr(health, "quick_check", counted)
    open_archive(str(db)).close()
    checks.clear()
    for _ in range(5):
        with open_archive(str(db)) as archive:  # as ZoneDesk left it: no check
            assert archive.damage is None
        assert checks == []
        flip_bytes(db)  # at once after the close: the same tick of the clock, often
        with pytest.raises(ArchiveDamagedError):
            open_archive(str(db))
        assert len(checks) == 1
        db.write_bytes(whole)  # whole again: checked once more, then known
        open_archive(str(db)).close()
        assert len(checks) == 2
        checks.clear()
