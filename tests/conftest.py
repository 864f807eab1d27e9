"""Fixtures shared by every test: isolated user folders, archives on SQLite and PostgreSQL.

PostgreSQL: the tests use the server at ``$ZONEDESK_TEST_PG_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``). When nothing answers there and Debian's
postgresql package is installed, a throwaway cluster is started for the session (initdb as a
non-root user in a temporary folder, on a free port, stopped and removed at the end). Otherwise the
PostgreSQL tests are skipped, and the summary says so; with ``CI=true`` they fail instead.

Each PostgreSQL test gets a fresh database, copied from a template archive that is created, migrated
and seeded once per session.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from editor.archive.database import Archive, open_archive

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pytest_configure(config: pytest.Config) -> None:
    # Before any QApplication exists: no test ever opens a window on the developer's screen.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


# ---------------------------------------------------------------------------------------------
# Isolation from the real user's files


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs, Qt and enchant look in tmp_path whatever HOME is; $ZONEDESK_DB is ours."""
    home = tmp_path / "home"
    for name, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("ZONEDESK_DB", f"sqlite:///{tmp_path}/default-archive.sqlite3")
    monkeypatch.delenv("ZONEDESK_LANG", raising=False)


# ---------------------------------------------------------------------------------------------
# SQLite


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/archive.sqlite3"


# ---------------------------------------------------------------------------------------------
# PostgreSQL server: the configured one, or a throwaway cluster


@dataclass
class _PgStatus:
    """What became of the PostgreSQL tests, for the closing summary."""

    notes: list[str] = field(default_factory=list)


_PG_STATUS = _PgStatus()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _server_answers(url: str) -> str | None:
    """None when a connection to ``url`` works, else why not."""
    engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    finally:
        engine.dispose()
    return None


def _pg_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb, if any."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")

    def version(path: str) -> tuple[int, ...]:
        number = Path(path).parent.parent.name
        return tuple(int(p) for p in number.split(".") if p.isdigit())

    return Path(max(found, key=version)).parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ThrowawayCluster:
    """A PostgreSQL cluster of our own in a temporary folder, for one test session.

    initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user (or
    ``nobody``). It listens on 127.0.0.1 on a free port, its unix socket stays in its own folder,
    and fsync is off: the data is thrown away anyway.
    """

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="zonedesk-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self.user: str | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                with contextlib.suppress(KeyError):
                    entry = pwd.getpwnam(name)
                    os.chown(self.folder, entry.pw_uid, entry.pw_gid)
                    self.user = name
                    break
            else:
                raise RuntimeError("no non-root user (postgres, nobody) to run initdb as")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            user=self.user,
            cwd=self.folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    def start(self) -> None:
        init = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
        last = ""
        for _attempt in range(3):  # a free port can be taken between our look and the server's
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            started = self._run(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "start",
            )
            if started.returncode == 0:
                return
            last = started.stderr + self.log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the throwaway PostgreSQL server did not start:\n{last}")

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def _unavailable(reason: str) -> NoReturn:
    """Skip the PostgreSQL tests, or, in CI, fail them: CI must never skip them silently."""
    if _in_ci():
        _PG_STATUS.notes.append(f"PostgreSQL tests FAILED (CI=true never skips them): {reason}")
        pytest.fail(f"PostgreSQL is required in CI (CI=true): {reason}", pytrace=False)
    _PG_STATUS.notes.append(f"PostgreSQL tests were SKIPPED: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A PostgreSQL server URL whose user may create databases (its database is the admin one)."""
    url = os.environ.get("ZONEDESK_TEST_PG_URL", "").strip() or DEFAULT_PG_URL
    shown = make_url(url).render_as_string(hide_password=True)
    why_not = _server_answers(url)
    if why_not is None:
        yield url
        return
    bin_dir = _pg_bin_dir()
    if bin_dir is None:
        _unavailable(
            f"no server answers at {shown} ({why_not}) and PostgreSQL is not installed "
            "(/usr/lib/postgresql/*/bin/initdb) to start a throwaway one; "
            "run `make test`, which installs it, or set ZONEDESK_TEST_PG_URL"
        )
    cluster = ThrowawayCluster(bin_dir)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        cluster.stop()
        _unavailable(f"no server answers at {shown} ({why_not}) and {exc}")
    _PG_STATUS.notes.append(
        f"PostgreSQL tests ran on a throwaway cluster ({bin_dir.parent.name}, port "
        f"{cluster.port}) because no server answers at {shown} ({why_not})"
    )
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture
def throwaway_pg_cluster() -> Iterator[ThrowawayCluster]:
    """A cluster of its own for one test (the tests of the throwaway cluster itself)."""
    bin_dir = _pg_bin_dir()
    if bin_dir is None:
        _unavailable("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb)")
    cluster = ThrowawayCluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def _pg_admin(pg_server_url: str) -> Iterator[Engine]:
    """AUTOCOMMIT connections to the server's own database, for CREATE/DROP DATABASE."""
    engine = create_engine(pg_server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _drop_database(admin: Engine, name: str) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def _pg_template(pg_server_url: str, _pg_admin: Engine) -> Iterator[str]:
    """A migrated and seeded archive database that every test's database is copied from."""
    name = f"zonedesk_tpl_{os.getpid()}"
    _drop_database(_pg_admin, name)
    with _pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        template_url = make_url(pg_server_url).set(database=name)
        open_archive(template_url.render_as_string(hide_password=False)).close()
        yield name
    finally:
        _drop_database(_pg_admin, name)


class _PgDatabases:
    """Fresh archive databases copied from the template, made ahead and dropped behind.

    A copy and a drop take the server a quarter of a second each, mostly waiting for its disk: a
    thread of this worker's makes the next databases while a test runs and drops the used ones
    after it, so a test waits for neither (unless it outruns the thread).
    """

    AHEAD = 2

    def __init__(self, admin: Engine, template: str) -> None:
        self._admin = admin
        self._template = template
        self._ready: list[str] = []
        self._used: list[str] = []
        self._failure: BaseException | None = None
        self._closing = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._work, name="pg-databases", daemon=True)
        self._thread.start()

    def take(self) -> str:
        """The name of a fresh database, this caller's alone; waits for one if none is ready."""
        with self._changed:
            while not self._ready:
                if self._failure is not None:
                    raise RuntimeError("no test database could be made") from self._failure
                self._changed.wait()
            name = self._ready.pop(0)
            self._changed.notify_all()
            return name

    def give_back(self, name: str) -> None:
        """``name``'s test is over: drop it (in the background)."""
        with self._changed:
            self._used.append(name)
            self._changed.notify_all()

    def close(self) -> None:
        """Stop the thread, then drop every database still here, ready or used."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._thread.join()
        for name in self._ready + self._used:
            _drop_database(self._admin, name)

    def _next_job(self) -> tuple[str, str] | None:
        """("make", "") or ("drop", name) by priority, None when closing; under the lock."""
        while not self._closing:
            can_make = self._failure is None and len(self._ready) < self.AHEAD
            if can_make and not self._ready:  # a test may be waiting: first things first
                return ("make", "")
            if self._used:
                return ("drop", self._used.pop(0))
            if can_make:
                return ("make", "")
            self._changed.wait()
        return None

    def _work(self) -> None:
        while True:
            with self._changed:
                job = self._next_job()
            if job is None:
                return
            kind, name = job
            try:
                if kind == "drop":
                    _drop_database(self._admin, name)
                    continue
                made = self._make()
            except BaseException as exc:  # handed to the test that waits for a database
                with self._changed:
                    if kind == "drop":
                        _PG_STATUS.notes.append(f"a test database was not dropped: {name} ({exc})")
                    else:
                        self._failure = exc
                    self._changed.notify_all()
                continue
            with self._changed:
                self._ready.append(made)
                self._changed.notify_all()

    def _make(self) -> str:
        name = f"zd_{uuid.uuid4().hex}"
        with self._admin.connect() as conn:
            # Nothing may stay connected to a template while it is copied; a connection to it may
            # linger a moment (on a busy machine, a while): retry until it is gone, 60 s at most.
            deadline = time.monotonic() + 60
            while True:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": self._template},
                )
                try:
                    conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"'))
                    break
                except SQLAlchemyError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            # As on the throwaway cluster: a commit need not wait for the server's disk (its data
            # is thrown away; a crash of the server is no test's subject). Saves ~3 ms a commit.
            conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
        return name


@pytest.fixture(scope="session")
def _pg_databases(_pg_admin: Engine, _pg_template: str) -> Iterator[_PgDatabases]:
    databases = _PgDatabases(_pg_admin, _pg_template)
    try:
        yield databases
    finally:
        databases.close()


@pytest.fixture
def pg_url(pg_server_url: str, _pg_databases: _PgDatabases) -> Iterator[str]:
    """A fresh PostgreSQL archive database of this test's own, dropped afterwards."""
    name = _pg_databases.take()
    try:
        yield make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _pg_databases.give_back(name)


# ---------------------------------------------------------------------------------------------
# An archive on each backend


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def archive_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def archive(archive_url: str) -> Iterator[Archive]:
    opened = open_archive(archive_url)
    try:
        yield opened
    finally:
        opened.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for note in dict.fromkeys(_PG_STATUS.notes):
        terminalreporter.write_line(note, yellow=True, bold=True)
