"""Opening archives: new, existing, older, foreign, damaged, read-only."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, func, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from editor.archive import backups, database
from editor.archive.articles import ArticleService
from editor.archive.database import normalize_url, open_archive
from editor.archive.schema import Article, Category, Setting, UTCDateTime, Zone
from editor.archive.seed import SEED_KEY, SEED_VERSION, seed_archive
from editor.domain.errors import ArchiveError, ReadOnlyArchiveError
from tests.unit.test_articles import article


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_archive_is_seeded(archive):
    with archive.session() as session:
        jintan = session.scalar(select(Zone).where(Zone.name == "江苏金坛经济开发区"))
        assert jintan is not None
        assert (jintan.city, jintan.province) == ("常州", "江苏")
        assert session.scalar(select(func.count()).select_from(Zone)) >= 60
        root = session.scalar(
            select(Category).where(Category.parent_id.is_(None), Category.name == "开发区新闻")
        )
        assert root is not None
        region = session.scalar(
            select(Category).where(Category.parent_id == root.id, Category.name == "常州")
        )
        assert region is not None
        kinds = set(session.scalars(select(Category.name).where(Category.parent_id == region.id)))
        assert {"文字新闻", "图片新闻"} <= kinds
        assert session.get(Setting, "site.name") is not None


def test_seeding_twice_adds_nothing(archive_url):
    first = open_archive(archive_url)
    with first.session() as session:
        counts = (
            session.scalar(select(func.count()).select_from(Zone)),
            session.scalar(select(func.count()).select_from(Category)),
        )
    first.close()
    second = open_archive(archive_url)
    with second.session() as session:
        again = (
            session.scalar(select(func.count()).select_from(Zone)),
            session.scalar(select(func.count()).select_from(Category)),
        )
    second.close()
    assert again == counts


def test_sqlite_settings(tmp_path):
    archive = open_archive(str(tmp_path / "a.sqlite3"))
    with archive.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    archive.close()


def test_default_archive_lives_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ZONEDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = database.default_archive_url()
    assert url.startswith("sqlite:///")
    assert str(tmp_path / "data") in url
    monkeypatch.setenv("ZONEDESK_DB", "postgresql://u@h/db")
    assert database.default_archive_url() == "postgresql://u@h/db"


def test_urls():
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("/tmp/x.sqlite3").drivername == "sqlite+pysqlite"
    with pytest.raises(ArchiveError):
        open_archive("mysql://u@h/db")


def test_a_file_that_is_not_an_archive_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库,只是一段文字。\n" * 100, encoding="utf-8")
    before = digest(path), path.stat().st_mtime_ns
    with pytest.raises(ArchiveError, match="not a ZoneDesk archive"):
        open_archive(str(path))
    assert (digest(path), path.stat().st_mtime_ns) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ArchiveError, match="not a ZoneDesk archive"):
        open_archive(str(path))
    assert digest(path) == before


def test_a_damaged_archive_is_refused_untouched(tmp_path):
    path = tmp_path / "archive.sqlite3"
    archive = open_archive(str(path))
    ArticleService(archive).create(article())
    archive.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(ArchiveError) as caught:
        open_archive(str(path))
    assert str(path) in str(caught.value)
    assert digest(path) == before


def test_older_archive_is_backed_up_then_upgraded(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = database._sqlite_engine(path, readonly=False)
    database.upgrade(engine, "0001")  # an archive written before the search index existed
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO category (id, parent_id, name, position) "
                "VALUES (1, NULL, '开发区新闻', 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO article (id, external_id, title, body, body_html, summary, "
                "category_id, tags, language, slug, status, published_at, created_at, "
                "updated_at, version) VALUES (1, 'old-1', '园区旧闻', '园区的正文', "
                "'<p>园区的正文</p>', '', 1, '[]', 'zh-CN', 'yuan-qu-jiu-wen', 'published', "
                "'2019-01-01 02:00:00.000000', '2019-01-01 02:00:00.000000', "
                "'2019-01-01 02:00:00.000000', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO revision (article_id, number, kind, saved_at, saved_by, title, "
                "body, fields) VALUES (1, 1, 'import', '2019-01-01 02:00:00.000000', 'x', "
                "'园区旧闻', '园区的正文', '{}')"
            )
        )
    engine.dispose()

    archive = open_archive(str(path))
    backups = list(tmp_path.glob("old.sqlite3.before-upgrade-0001-*.bak"))
    assert len(backups) == 1
    service = ArticleService(archive)
    assert service.get(1).title == "园区旧闻"
    assert [h.article.id for h in service.search("园区").items] == [1]
    archive.close()
    # the backup is the old archive, whole
    saved = sqlite3.connect(backups[0])
    assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert saved.execute("SELECT title FROM article").fetchone() == ("园区旧闻",)
    saved.close()


def test_archive_from_a_newer_zonedesk_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_archive(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="newer ZoneDesk"):
        open_archive(str(path))


def test_archive_opened_read_only_refuses_writes_and_keeps_the_file(tmp_path):
    path = tmp_path / "ro.sqlite3"
    archive = open_archive(str(path))
    ArticleService(archive).create(article())
    archive.close()
    before = digest(path)
    archive = open_archive(str(path), readonly=True)
    assert archive.readonly
    service = ArticleService(archive)
    assert service.list_articles().total == 1
    assert [h.article.title for h in service.search("金坛").items] == ["金坛召开第三次督查会"]
    with pytest.raises(ReadOnlyArchiveError):
        service.create(article())
    archive.close()
    assert digest(path) == before


# Twelve threads reading one read-only archive at once, in a process of its own (what the GUI's
# pool threads do). SQLAlchemy's pool for the bare in-memory URL closed a connection another
# thread was still using: the process died in sqlite (SIGSEGV) instead of reading.
_MANY_READERS = """
import sys, threading
from sqlalchemy import text
from editor.archive.database import open_archive
archive = open_archive(sys.argv[1], readonly=True)
counts = []
def read():
    for _ in range(300):
        with archive.engine.connect() as conn:
            counts.append(conn.execute(text("SELECT count(*) FROM zone")).scalar_one())
threads = [threading.Thread(target=read) for _ in range(12)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(counts), min(counts) > 0)
"""


def test_a_read_only_archive_serves_many_threads_at_once(tmp_path):
    path = tmp_path / "ro.sqlite3"
    open_archive(str(path)).close()
    done = subprocess.run(
        [sys.executable, "-c", _MANY_READERS, str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "3600 True"), done.stderr[-2000:]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write a read-only file")
def test_read_only_archive_opens_read_only(tmp_path):
    path = tmp_path / "ro.sqlite3"
    archive = open_archive(str(path))
    ArticleService(archive).create(article())
    archive.close()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        archive = open_archive(str(path))
        assert archive.readonly
        service = ArticleService(archive)
        assert service.list_articles().total == 1
        with pytest.raises(ReadOnlyArchiveError):
            service.create(article())
        archive.close()
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(ArchiveError, match="cannot reach"):
        open_archive("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_schema_revision_names_the_newest_migration():
    script = ScriptDirectory.from_config(database._alembic_config())
    assert script.get_current_head() == database.head_revision()


def _archive_at_0002_with_one_article(engine) -> None:
    database.upgrade(engine, "0002")  # an archive written before autosaves, locks, the counter
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO category (id, parent_id, name, position) VALUES (1, NULL, '新闻', 0)")
        )
        conn.execute(
            text(
                "INSERT INTO article (id, external_id, title, body, body_html, summary, "
                "category_id, tags, language, slug, status, created_at, updated_at, version) "
                "VALUES (1, 'old-1', '旧闻', '正文', '<p>正文</p>', '', 1, '[]', 'zh-CN', "
                "'jiu-wen', 'draft', :t, :t, 1)"
            ),
            {"t": "2019-01-01 02:00:00+00:00"},
        )
        conn.execute(
            text(
                "INSERT INTO revision (article_id, number, kind, saved_at, saved_by, title, "
                "body, fields) VALUES (1, 1, 'import', :t, 'x', '旧闻', '正文', '{}')"
            ),
            {"t": "2019-01-01 02:00:00+00:00"},
        )
        if conn.dialect.name == "postgresql":  # ids given by hand: move the sequences on
            for table in ("category", "article", "revision"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1)"))


@pytest.fixture
def blank_pg_url(pg_server_url, _pg_admin):
    name = f"zd_blank_{os.getpid()}_{os.urandom(4).hex()}"
    with _pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with _pg_admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _blank_archive_engine(
    backend: str, sqlite_path: Path, request: pytest.FixtureRequest
) -> tuple[str, Engine]:
    """The URL of an empty database (a new SQLite file, or a blank PostgreSQL database) and an
    engine on it, as ZoneDesk would make one."""
    if backend == "sqlite":
        return str(sqlite_path), database._sqlite_engine(sqlite_path, readonly=False)
    url: str = request.getfixturevalue("blank_pg_url")
    return url, create_engine(url)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_archive_at_0002_gains_autosaves_locks_and_change_counting(backend, tmp_path, request):
    from editor.archive.autosave import AutosaveStore, new_session_key  # noqa: PLC0415
    from editor.archive.changes import change_token  # noqa: PLC0415
    from editor.archive.locks import SoftLocks  # noqa: PLC0415

    url, engine = _blank_archive_engine(backend, tmp_path / "old.sqlite3", request)
    _archive_at_0002_with_one_article(engine)
    engine.dispose()
    archive = open_archive(url)
    try:
        assert database.current_revision(archive.engine) == database.SCHEMA_REVISION
        service = ArticleService(archive)
        record = service.get(1)
        before = change_token(archive)
        service.update(1, article(), expected_version=record.version)
        assert change_token(archive) == before + 1
        assert SoftLocks(archive).acquire(1).acquired
        store = AutosaveStore(archive)
        store.autosave(new_session_key(), article(body="草稿"), article_id=1, base_version=2)
        assert [r.number for r in service.revisions(1)] == [1, 2, 3]
    finally:
        archive.close()


def test_what_cannot_hold_an_archive_is_refused_in_words(tmp_path):
    folder = tmp_path / "folder.sqlite3"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(ArchiveError, match="is a folder, not an archive file"):
        open_archive(str(folder))
    with pytest.raises(ArchiveError, match="in-memory SQLite is not supported"):
        open_archive("sqlite://")
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(ArchiveError, match=f"^no archive at {missing}; `main.py import` creates"):
        open_archive(str(missing), create=False)
    with pytest.raises(ArchiveError, match=r"^no archive at"):
        open_archive(str(missing), readonly=True)
    assert not missing.exists()


def test_an_older_archive_opened_read_only_is_left_as_it_is(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = database._sqlite_engine(path, readonly=False)
    _archive_at_0002_with_one_article(engine)
    engine.dispose()
    before = digest(path)
    with pytest.raises(ReadOnlyArchiveError, match="needs an upgrade but is read-only"):
        open_archive(str(path), readonly=True)
    assert digest(path) == before
    assert not list(tmp_path.glob("*.bak"))  # not even the backup an upgrade makes


def test_a_write_through_a_read_only_archive_is_refused_in_words(tmp_path):
    path = tmp_path / "ro.sqlite3"
    ArticleService(open_archive(str(path))).archive.close()
    before = digest(path)
    archive = open_archive(str(path), readonly=True)
    try:
        database.optimize(archive)  # nothing to do on a file it may not write
        with (
            pytest.raises(ReadOnlyArchiveError, match=r"cannot be written .*nothing was saved"),
            archive.session() as session,  # a read session that writes after all
        ):
            session.execute(text("UPDATE setting SET value = 'x'"))
    finally:
        archive.close()
    assert digest(path) == before


def test_a_constraint_error_is_not_mistaken_for_a_full_or_read_only_archive(archive):
    service = ArticleService(archive)
    first = service.create(article(slug="jintan"))
    second = service.create(article(slug="jintan-2"))
    with pytest.raises(IntegrityError), archive.session(write=True) as session:
        session.execute(
            text("UPDATE article SET slug = 'jintan' WHERE id = :id"), {"id": second.id}
        )
    assert service.get(second.id).slug == "jintan-2"  # rolled back
    assert service.get(first.id).slug == "jintan"


@pytest.mark.postgres
def test_a_dropped_server_connection_fails_that_work_only(pg_url, pg_server_url):
    archive = open_archive(pg_url)
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")

    def drop_connections() -> None:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": make_url(pg_url).database},
            )

    def save_across_a_dropped_connection() -> None:
        with archive.session(write=True) as session:
            session.execute(text("UPDATE article SET title = '断线' WHERE id = :id"), {"id": 1})
            drop_connections()
            session.execute(text("SELECT 1"))

    try:
        service = ArticleService(archive)
        created = service.create(article())
        with pytest.raises(OperationalError):  # not said to be a full disk or a read-only file
            save_across_a_dropped_connection()
        assert service.get(created.id).title == created.title  # nothing of it was kept
        drop_connections()  # the idle pooled connections too: the next work reconnects
        record = service.update(created.id, article(title="重连以后"), expected_version=1)
        assert service.get(created.id) == record
    finally:
        admin.dispose()
        archive.close()


@pytest.mark.postgres
def test_a_postgresql_backup_needs_pg_dump_and_says_why_it_failed(
    pg_url, pg_server_url, tmp_path, monkeypatch
):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "archive.dump"
    missing = make_url(pg_server_url).set(database=f"zd_missing_{os.urandom(4).hex()}")
    with pytest.raises(ArchiveError, match=r"pg_dump failed: .*does not exist"):
        backups.backup_postgresql(missing, target)
    assert list((tmp_path / "out").iterdir()) == []  # no half-written dump left behind
    archive = open_archive(pg_url)
    try:
        monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
        with pytest.raises(ArchiveError, match="pg_dump is not installed"):
            backups.backup_postgresql(archive.url, target)
    finally:
        archive.close()
    assert not target.exists()


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_the_migrations_can_be_undone_and_done_again(backend, tmp_path, request):
    _url, engine = _blank_archive_engine(backend, tmp_path / "a.sqlite3", request)
    database.upgrade(engine)
    with engine.connect() as conn:
        head_tables = set(inspect(conn).get_table_names())
    config = database._alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert "article" in tables
    assert not {"article_search", "article_fts", "change_counter", "autosave"} & tables
    assert database.current_revision(engine) == "0001"
    database.upgrade(engine)  # and up again, as an archive of 0001 is
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == head_tables
    assert database.current_revision(engine) == database.SCHEMA_REVISION
    engine.dispose()


def test_the_alembic_command_line_migrates_the_archive_it_is_given(tmp_path):
    path = tmp_path / "cli.sqlite3"
    config = database._alembic_config()
    config.cmd_opts = argparse.Namespace(x=[f"url=sqlite:///{path}"])
    command.upgrade(config, "head")
    engine = create_engine(f"sqlite:///{path}")
    assert database.current_revision(engine) == database.SCHEMA_REVISION
    engine.dispose()
    bare = database._alembic_config()
    with pytest.raises(SystemExit, match="give the archive: alembic -x url="):
        command.upgrade(bare, "head")


def test_seeding_again_keeps_what_the_newsroom_changed_and_adds_what_is_missing(archive):
    with archive.session(write=True) as session:
        session.get(Setting, "site.name").value = "我们的门户"
        session.execute(text("DELETE FROM zone WHERE name = '苏州工业园区'"))
        session.get(Setting, SEED_KEY).value = "0"  # seeded by an older ZoneDesk
        zones = session.scalar(select(func.count()).select_from(Zone))
    seed_archive(archive)
    with archive.session() as session:
        assert session.get(Setting, "site.name").value == "我们的门户"
        assert session.get(Setting, SEED_KEY).value == str(SEED_VERSION)
        assert session.scalar(select(func.count()).select_from(Zone)) == zones + 1
        assert session.scalar(select(Zone.city).where(Zone.name == "苏州工业园区")) == "苏州"


def test_times_are_stored_with_their_zone_and_read_back_in_beijing_time(archive):
    created = ArticleService(archive).create(article())
    with pytest.raises(StatementError, match="naive datetime"), archive.session(write=True) as s:
        s.execute(
            update(Article)
            .where(Article.id == created.id)
            .values(published_at=dt.datetime(2020, 1, 1, 9, 0))
        )
    with archive.session() as session:  # a hand-written query, typed as the column is
        (published,) = session.execute(
            text("SELECT published_at FROM article WHERE id = :id").columns(
                published_at=UTCDateTime()
            ),
            {"id": created.id},
        ).one()
    assert published == created.published_at
    assert published.utcoffset() == dt.timedelta(hours=8)
