"""A restore never destroys work, a backup is data and not code, and backups and restores end
cleanly when the disk is full or the process is killed. On SQLite and PostgreSQL.

Faults for real: ``main.py`` killed at an exact system call (``strace -e inject=…:signal=KILL``),
or with kill -9 at a moment the database shows (a restore's open transaction, a pg_dump waiting
for a lock); a small tmpfs as a full disk (as root; RLIMIT_FSIZE otherwise); backups with
flipped bytes. After each: the target is absent or as it was, or a whole archive; no helper
program survives its parent; a second run works.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from editor.archive.articles import ArticleService
from editor.archive.autosave import AutosaveStore, new_session_key
from editor.archive.backups import backup_postgresql
from editor.archive.database import open_archive
from editor.archive.schema import Setting
from tests import mounts
from tests.faultdriver import body_for
from tests.subprocesses import ROOT, kill9, wait_for, zonedesk
from tests.subprocesses import in_process as cli
from tests.unit.test_articles import article
from tests.unit.test_jsonl import line, write_jsonl

STRACE = shutil.which("strace") or "strace"
needs_strace = pytest.mark.skipif(
    shutil.which("strace") is None, reason="strace is not installed: no kill at a system call"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stats(db: str) -> dict:
    return json.loads(cli("stats", "--json", db=db).stdout)


def fill(db: str, tmp_path: Path, count: int = 5, size: int = 20) -> None:
    """``count`` articles, each a body of ``size`` lines of random words."""
    rows = [line(n, body=body_for(f"第{n}篇", n, size=size)) for n in range(1, count + 1)]
    cli("import", str(write_jsonl(tmp_path / f"in-{uuid.uuid4().hex}.jsonl", rows)), db=db)


def pg_tables(url: str) -> set[str]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def pg_query(url: str, sql: str, **params: object) -> list[tuple]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def pg_execute(url: str, *statements: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            for sql in statements:
                conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture
def new_pg_database(pg_server_url, _pg_admin) -> Iterator:
    """A maker of PostgreSQL databases without any table, dropped afterwards."""
    made: list[str] = []

    def make() -> str:
        name = f"zd_new_{uuid.uuid4().hex}"
        with _pg_admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)

    yield make
    with _pg_admin.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def new_target(archive_url: str, tmp_path: Path, new_pg_database) -> str:
    if archive_url.startswith("sqlite"):
        return str(tmp_path / f"restored-{uuid.uuid4().hex[:8]}" / "archive.sqlite3")
    return new_pg_database()


def target_is_untouched(target: str, before: object) -> None:
    if target.startswith("postgresql"):
        assert pg_tables(target) == before
    else:
        path = Path(target)
        assert (digest(path) if path.exists() else None) == before
        leftovers = (
            [p.name for p in path.parent.glob(f"{path.name}*")] if path.parent.exists() else []
        )
        assert leftovers == ([path.name] if before is not None else []), leftovers


def snapshot(target: str) -> object:
    if target.startswith("postgresql"):
        return pg_tables(target)
    path = Path(target)
    return digest(path) if path.exists() else None


# -- a target holding anything is refused untouched ----------------------------------------------


def test_an_archive_holding_only_settings_and_an_autosaved_draft_is_not_overwritten(
    archive_url, tmp_path, new_pg_database
):
    source = new_target(archive_url, tmp_path, new_pg_database)
    fill(source, tmp_path)
    backup = tmp_path / "archive.backup"
    cli("backup", str(backup), db=source)
    target = new_target(archive_url, tmp_path, new_pg_database)
    archive = open_archive(target)  # a new archive: no article, no revision, no image
    with archive.session(write=True) as session:
        session.merge(Setting(key="site.name", value="金坛开发区新闻网(改过)"))
    key = new_session_key()
    AutosaveStore(archive, user="writer").autosave(key, article(body="还没存的稿子"))
    archive.close()
    before = stats(target)
    result = zonedesk("restore", str(backup), db=target, check=False)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert "is not empty (1 autosaved draft, " in result.stderr
    assert "nothing was restored and nothing was changed" in result.stderr
    assert stats(target) == before
    archive = open_archive(target)
    try:
        (offer,) = AutosaveStore(archive, user="writer").pending(include_live=True)
        assert offer.data.body == "还没存的稿子"
        with archive.session() as session:
            setting = session.get(Setting, "site.name")
            assert setting is not None
            assert setting.value == "金坛开发区新闻网(改过)"
    finally:
        archive.close()


def test_a_file_that_is_no_archive_or_a_database_with_any_table_is_refused(
    tmp_path, new_pg_database
):
    backup = tmp_path / "archive.backup"
    cli("import", str(write_jsonl(tmp_path / "in.jsonl", [line(1)])), db=str(tmp_path / "a.db"))
    cli("backup", str(backup), db=str(tmp_path / "a.db"))
    notes = tmp_path / "notes.sqlite3"
    notes.write_bytes(b"my notes, not a database")
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")  # a table without a row
    conn.close()
    for target, said in (
        (notes, "24 bytes of a file that is not an archive"),
        (other, "table contacts"),
    ):
        before = digest(target)
        result = cli("restore", str(backup), db=str(target), check=False)
        assert result.returncode == 2
        assert f"{target} is not empty ({said})" in result.stderr
        assert digest(target) == before
    empty = tmp_path / "empty.sqlite3"
    empty.touch()  # an empty file is a new archive
    assert "1 articles" in cli("restore", str(backup), db=str(empty)).stdout


@pytest.mark.postgres
def test_a_damaged_dump_into_a_seeded_database_is_refused_before_it_is_touched(pg_url, tmp_path):
    """The issue: every table dropped, then the half dump failed: 0 tables left."""
    dump = tmp_path / "archive.dump"
    fill(pg_url, tmp_path)
    cli("backup", str(dump), db=pg_url)
    dump.write_bytes(dump.read_bytes()[:-300])
    target = pg_url
    pg_execute(target, "DELETE FROM revision", "DELETE FROM article")  # seeded, no article
    before_tables, before = pg_tables(target), stats(target)
    result = cli("restore", str(dump), db=target, check=False)
    assert result.returncode == 2
    assert f"the backup {dump} is damaged or incomplete (" in result.stderr
    assert "nothing was restored" in result.stderr
    assert pg_tables(target) == before_tables
    assert stats(target) == before


@pytest.mark.postgres
def test_a_database_with_any_object_is_refused_untouched(new_pg_database, pg_url, tmp_path):
    dump = tmp_path / "archive.dump"
    cli("backup", str(dump), db=pg_url)
    target = new_pg_database()
    for setup, said, undo in (
        ("CREATE VIEW report AS SELECT 1 AS one", "view report", "DROP VIEW report"),
        (
            "CREATE FUNCTION helper() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "function helper",
            "DROP FUNCTION helper",
        ),
        ("CREATE SCHEMA notes", "schema notes", "DROP SCHEMA notes"),
        ("CREATE TABLE notes (line text)", "table notes", "DROP TABLE notes"),
    ):
        pg_execute(target, setup)
        result = cli("restore", str(dump), db=target, check=False)
        assert result.returncode == 2
        assert f"is not empty ({said})" in result.stderr
        pg_execute(target, undo)  # it was still there, untouched
        assert pg_tables(target) == set()
    pg_execute(target, "CREATE TABLE setting (key text)")  # a ZoneDesk table without a row
    assert "0 articles" in cli("restore", str(dump), db=target).stdout


# -- a backup is data, not code -----------------------------------------------------------------

WIPE_SQLITE = "BEGIN DELETE FROM revision; END"
WIPE_PG = """
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM revision; RETURN NULL; END $$
"""


def add_extra_trigger(archive_url: str, db: str, backup: Path) -> None:
    if archive_url.startswith("sqlite"):
        conn = sqlite3.connect(backup)
        conn.execute(f"CREATE TRIGGER wipe AFTER UPDATE ON article {WIPE_SQLITE}")
        conn.commit()
        conn.close()
    else:
        pg_execute(
            db,
            WIPE_PG.format(name="wipe_revisions"),
            "CREATE TRIGGER wipe AFTER UPDATE ON article "
            "FOR EACH STATEMENT EXECUTE FUNCTION wipe_revisions()",
        )
        backup.unlink()
        cli("backup", str(backup), db=db)


def test_a_backup_carrying_an_extra_trigger_is_refused_by_name(
    archive_url, tmp_path, new_pg_database
):
    backup = tmp_path / "archive.backup"
    fill(archive_url, tmp_path)
    cli("backup", str(backup), db=archive_url)
    add_extra_trigger(archive_url, archive_url, backup)
    before = digest(backup)
    target = new_target(archive_url, tmp_path, new_pg_database)
    untouched = snapshot(target)
    result = zonedesk("restore", str(backup), db=target, check=False)
    assert result.returncode == 2, result
    assert "trigger wipe (on article)" in result.stderr
    assert "which ZoneDesk's schema" in result.stderr
    assert "a backup is restored as data only, so nothing was restored" in result.stderr
    assert digest(backup) == before
    target_is_untouched(target, untouched)


def test_a_backup_whose_own_trigger_was_rewritten_gets_zonedesks_trigger(
    archive_url, tmp_path, new_pg_database
):
    """Same names, other code: only the rows are restored, into ZoneDesk's own schema."""
    backup = tmp_path / "archive.backup"
    fill(archive_url, tmp_path)
    if archive_url.startswith("sqlite"):
        cli("backup", str(backup), db=archive_url)
        conn = sqlite3.connect(backup)
        conn.execute("DROP TRIGGER article_counts_update")
        conn.execute(f"CREATE TRIGGER article_counts_update AFTER UPDATE ON article {WIPE_SQLITE}")
        conn.commit()
        conn.close()
    else:
        pg_execute(
            archive_url,
            "CREATE OR REPLACE FUNCTION zonedesk_count_change() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN DELETE FROM revision; RETURN NULL; END $$",
        )
        cli("backup", str(backup), db=archive_url)
    target = new_target(archive_url, tmp_path, new_pg_database)
    assert "5 articles, 5 revisions" in zonedesk("restore", str(backup), db=target).stdout
    archive = open_archive(target)
    try:
        service = ArticleService(archive)
        record = service.get(1)
        service.update(1, article(body="恢复以后的第一次保存"), expected_version=record.version)
        assert len(service.revisions(1)) == 2
        assert stats(target)["revisions"] == 6
    finally:
        archive.close()


def set_schema_version(archive_url: str, db: str, backup: Path, version: str | None) -> None:
    """The backup says it has schema ``version`` (None: it says nothing)."""
    change = (
        "DELETE FROM alembic_version"
        if version is None
        else f"UPDATE alembic_version SET version_num = '{version}'"
    )
    if archive_url.startswith("sqlite"):
        conn = sqlite3.connect(backup)
        conn.execute(change)
        conn.commit()
        conn.close()
    else:
        pg_execute(db, change)
        backup.unlink()
        backup_postgresql(make_url(db), backup)  # main.py would refuse to open it


@pytest.mark.parametrize(
    ("version", "said"),
    [
        ("9999", "was written by a newer ZoneDesk (schema 9999); this ZoneDesk is older"),
        (None, "does not say which schema it has (its alembic_version table holds 0 rows"),
    ],
)
def test_a_backup_of_an_unknown_schema_is_refused_in_words(
    archive_url, tmp_path, new_pg_database, version, said
):
    backup = tmp_path / "archive.backup"
    fill(archive_url, tmp_path)
    cli("backup", str(backup), db=archive_url)
    set_schema_version(archive_url, archive_url, backup, version)
    target = new_target(archive_url, tmp_path, new_pg_database)
    untouched = snapshot(target)
    result = zonedesk("restore", str(backup), db=target, check=False)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert said in result.stderr
    assert "othing was restored" in result.stderr
    target_is_untouched(target, untouched)


# -- damaged backups: flipped bytes --------------------------------------------------------------


def flipped(backup: Path, seed: int, flips: int = 6) -> Path:
    rng = random.Random(seed)
    data = bytearray(backup.read_bytes())
    for _ in range(flips):
        data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
    damaged = backup.with_name(f"{backup.name}.flipped-{seed}")
    damaged.write_bytes(bytes(data))
    return damaged


def test_a_backup_with_flipped_bytes_restores_whole_or_not_at_all(
    archive_url, tmp_path, new_pg_database, capsys
):
    """Into a new target: a whole archive or nothing at all. Into a seeded archive without an
    article: never anything (before, its tables were dropped or its file overwritten)."""
    backup = tmp_path / "archive.backup"
    fill(archive_url, tmp_path)
    cli("backup", str(backup), db=archive_url)
    seeded = new_target(archive_url, tmp_path, new_pg_database)
    open_archive(seeded).close()  # created and seeded
    seeded_before = stats(seeded)
    refused = restored = 0
    target = new_target(archive_url, tmp_path, new_pg_database)
    for seed in range(8):
        damaged = flipped(backup, seed)
        untouched = snapshot(target)
        result = cli("restore", str(damaged), db=target, check=False)
        if result.returncode == 0:
            restored += 1
            assert "5 articles" in result.stdout
            assert stats(target)["articles"] == 5
            target = new_target(archive_url, tmp_path, new_pg_database)
        else:
            refused += 1
            assert result.returncode == 2
            assert "othing was restored" in result.stderr, result.stderr
            target_is_untouched(target, untouched)
        result = cli("restore", str(damaged), db=seeded, check=False)
        assert result.returncode == 2
        assert "othing was restored" in result.stderr
        assert stats(seeded) == seeded_before
    with capsys.disabled():
        print(
            f"\n  flipped backups: 8 ({refused} refused, {restored} restored whole); "
            f"seeded archive: {seeded_before['articles']} articles before and after"
        )
    assert refused > 0


# -- killed restores -------------------------------------------------------------------------------


def unmeasured_env() -> dict[str, str]:
    """The environment of a ``main.py`` that is to be killed: no coverage data half-written, no
    bytecode written (its renames would be counted with the restore's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_PROCESS_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def main_py(*args: str, db: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--db", db, *args]


SQLITE_CALLS = "pwrite64,fsync,fdatasync,rename,renameat,renameat2"


def calls_until_the_swap(log: Path) -> list[str]:
    """The traced calls in order, up to the first rename (all of them when there is none)."""
    calls = []
    for raw in log.read_text().splitlines():
        name = raw.split("(", 1)[0].strip()
        if name.startswith("rename"):
            break
        if name and not name.startswith("+++"):
            calls.append(name)
    return calls


@pytest.mark.slow
@needs_strace
def test_a_sqlite_restore_killed_at_any_write_leaves_no_half_file_at_the_target(tmp_path, capsys):
    """Killed while writing its pages, while syncing them, at the rename: no file at the target
    (a killed run before left a partial file there that blocked the next run)."""
    source = tmp_path / "source.sqlite3"
    fill(str(source), tmp_path, count=20, size=300)
    articles = stats(str(source))["articles"]
    backup = tmp_path / "archive.backup"
    cli("backup", str(backup), db=str(source))
    target = tmp_path / "restored" / "archive.sqlite3"
    log = tmp_path / "calls.log"
    measured = subprocess.run(
        [
            STRACE,
            "-qq",
            "-o",
            str(log),
            "-e",
            f"trace={SQLITE_CALLS}",
            *main_py("restore", str(backup), db=str(target)),
        ],
        env=unmeasured_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert f"{articles} articles" in measured.stdout
    calls = calls_until_the_swap(log)
    # strace counts each system call apart: the Nth pwrite64, the Nth fsync …
    writes, datasyncs, syncs = (calls.count(c) for c in ("pwrite64", "fdatasync", "fsync"))
    assert writes > 20, calls
    assert datasyncs > 1, calls
    faults = [
        ("pwrite64", 1),
        ("pwrite64", writes // 2),
        ("pwrite64", writes),
        ("fdatasync", 1),
        ("fdatasync", datasyncs),
        *([("fsync", syncs)] if syncs else []),
        ("rename,renameat,renameat2", 1),
    ]
    killed = 0
    for calls_at, when in faults:
        shutil.rmtree(target.parent)
        target.parent.mkdir()
        run = subprocess.run(
            [
                STRACE,
                "-qq",
                "-o",
                os.devnull,
                "-e",
                f"trace={calls_at}",
                "-e",
                f"inject={calls_at}:signal=KILL:when={when}",
                *main_py("restore", str(backup), db=str(target)),
            ],
            env=unmeasured_env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert run.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), (calls_at, when, run)
        killed += 1
        assert not target.exists(), f"killed at {calls_at} #{when}: a file at the target"
        again = zonedesk("restore", str(backup), db=str(target))
        assert f"{articles} articles" in again.stdout, (calls_at, when)
        assert stats(str(target))["articles"] == articles
        assert sorted(p.name for p in target.parent.iterdir()) == ["archive.sqlite3"]
    with capsys.disabled():
        print(
            f"\n  SQLite restore: {len(faults)} faults injected, {killed} runs killed; "
            f"{articles} articles in the backup, 0 at the target after each kill, "
            f"{articles} after each rerun"
        )


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, theirs …), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def program(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


@pytest.mark.postgres
@pytest.mark.slow
def test_a_killed_postgresql_restore_leaves_the_database_as_it_was(
    pg_url, new_pg_database, tmp_path, capsys
):
    """kill -9 while the restore's transaction is open in the target, once as soon as it writes,
    once while a pg_restore under it runs too: nothing of it is kept, no pg_restore goes on
    alone (before, it went on and restored on its own), a rerun works."""
    fill(pg_url, tmp_path, count=30, size=1000)
    articles = stats(pg_url)["articles"]
    dump = tmp_path / "archive.dump"
    cli("backup", str(dump), db=pg_url)
    target = new_pg_database()
    name = make_url(target).database
    # autocommit: within one transaction pg_stat_activity would show one moment only
    watcher = create_engine(pg_url, poolclass=NullPool, isolation_level="AUTOCOMMIT").connect()
    writing = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = :name AND backend_xid IS NOT NULL"
    )
    connected = text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name")

    def restoring(process: subprocess.Popen, with_pg_restore: bool) -> bool:
        if process.poll() is not None:
            return True
        if with_pg_restore and not any(
            program(p) == "pg_restore" for p in descendants(process.pid)
        ):
            return False
        return bool(watcher.execute(writing, {"name": name}).scalar_one())

    gone = 0
    try:
        for with_pg_restore in (False, True):
            process = subprocess.Popen(
                main_py("restore", str(dump), db=target),
                env=unmeasured_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                wait_for(
                    lambda: restoring(process, with_pg_restore),  # noqa: B023
                    what="the restore writing into the target",
                )
                family = [process.pid, *descendants(process.pid)]
            finally:
                kill9(process)
            assert process.returncode == -signal.SIGKILL, "the restore ended before it was killed"
            wait_for(
                lambda: not any(alive(p) for p in family),  # noqa: B023
                timeout=20,
                what="no survivor of the killed restore",
            )
            gone += len(family)
            wait_for(
                lambda: watcher.execute(connected, {"name": name}).scalar_one() == 0,
                timeout=20,
                what="no connection to the target left",
            )
            assert pg_tables(target) == set()
    finally:
        watcher.close()
    again = zonedesk("restore", str(dump), db=target)
    assert f"{articles} articles" in again.stdout
    assert stats(target)["articles"] == articles
    with capsys.disabled():
        print(
            f"\n  PostgreSQL restore: 2 kill -9 in its transaction, {gone} processes gone; "
            f"target 0 tables after each kill, {articles} articles after the rerun"
        )


# -- killed backups ------------------------------------------------------------------------------


@pytest.mark.postgres
def test_a_killed_postgresql_backup_leaves_no_pg_dump_running(
    pg_url, new_pg_database, tmp_path, capsys
):
    """pg_dump waits for a lock held here; its parent is killed: pg_dump goes with it (before,
    it waited on and would have written on)."""
    fill(pg_url, tmp_path)
    before = stats(pg_url)["articles"]
    target = tmp_path / "archive.dump"
    name = make_url(pg_url).database
    locker = create_engine(pg_url, poolclass=NullPool)
    conn = locker.connect()
    transaction = conn.begin()
    conn.execute(text("LOCK TABLE article IN ACCESS EXCLUSIVE MODE"))
    process = subprocess.Popen(
        main_py("backup", str(target), db=pg_url),
        env=unmeasured_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    waiting = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = :name "
        "AND application_name = 'pg_dump' AND wait_event_type = 'Lock'"
    )
    try:
        try:
            wait_for(
                lambda: (
                    pg_query(pg_url, waiting, name=name)[0][0] > 0 or process.poll() is not None
                ),
                what="pg_dump waiting for the lock",
            )
            dumps = [p for p in descendants(process.pid) if program(p) == "pg_dump"]
        finally:
            kill9(process)
        assert dumps, "no pg_dump under main.py backup"
        wait_for(
            lambda: not any(alive(p) for p in dumps),
            timeout=20,
            what="pg_dump to die with its parent",
        )
    finally:
        transaction.rollback()
        conn.close()
        locker.dispose()
    # its server process notices the closed connection once it has the lock
    wait_for(
        lambda: (
            pg_query(
                pg_url,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = :name "
                "AND application_name = 'pg_dump'",
                name=name,
            )[0][0]
            == 0
        ),
        timeout=20,
        what="pg_dump's connection to go",
    )
    assert not target.exists()
    zonedesk("backup", str(target), db=pg_url)  # the leftover partial file is no obstacle
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("archive.dump")) == [
        "archive.dump"
    ]
    fresh = new_pg_database()
    cli("restore", str(target), db=fresh)
    assert stats(fresh)["articles"] == before == stats(pg_url)["articles"]
    with capsys.disabled():
        print(
            f"\n  PostgreSQL backup: 1 kill -9, {len(dumps)} pg_dump gone with it; "
            f"{before} articles before and after"
        )


# -- full disks -----------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path) -> Iterator[tuple[Path, int | None]]:
    """A folder on a disk that fills up: a 64 KB tmpfs as root; otherwise a plain folder and a
    file size limit (RLIMIT_FSIZE) for the process writing there."""
    folder = tmp_path / "small"
    with mounts.tmpfs(folder, "64k") as cannot:
        yield folder, (64 * 1024 if cannot else None)


def test_a_backup_onto_a_full_disk_says_so_and_leaves_no_partial_file(
    archive_url, tmp_path, small_disk, capsys
):
    folder, size_limit = small_disk
    fill(archive_url, tmp_path, count=10, size=1000)
    before = stats(archive_url)
    target = folder / "archive.backup"

    def limited() -> None:
        if size_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (size_limit, size_limit))

    result = subprocess.run(
        main_py("backup", str(target), db=archive_url),
        env=unmeasured_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limited,
    )
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert f"no backup was written to {target} (the archive is unchanged)" in result.stderr
    if size_limit is None:
        assert result.stderr.startswith(
            f"error: the disk is full: no backup was written to {target}"
        )
    assert list(folder.iterdir()) == []  # no partial file filling the disk
    assert stats(archive_url) == before
    elsewhere = tmp_path / "roomy" / "archive.backup"
    cli("backup", str(elsewhere), db=archive_url)
    assert elsewhere.stat().st_size > 64 * 1024
    with capsys.disabled():
        print(
            f"\n  full disk ({'tmpfs 64 KB' if size_limit is None else 'RLIMIT_FSIZE'}): "
            f"1 backup refused, {before['articles']} articles before and after"
        )
