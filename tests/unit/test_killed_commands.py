"""Issue 14, item 7: a command killed with SIGKILL leaves none of its worker processes running.

Each test starts ``main.py`` on enough work that its worker processes are started (an import of
4,000 lines, an export and a verify of 1,500 articles), records its children from /proc once they
are there, kills it with -9 and waits, up to a deadline that fails the test, until none of them is
left. Before editor.parallel the workers of an import or a verify (blocked on their task queue,
whose pipe they hold both ends of) stayed for good, and so did an export's.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.bench.make_corpus import make_articles, write_jsonl
from tests.subprocesses import kill9, start_zonedesk, zonedesk
from tests.unit.test_parallel import children, cmdline, kill_and_expect_no_survivors

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

TICKS_PER_SECOND = 100  # os.sysconf("SC_CLK_TCK") on Linux


def cpu_seconds(pid: int) -> float:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = raw[raw.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND


def is_worker(pid: int, parent: int) -> bool:
    """A worker process of ``parent``: spawned (multiprocessing's spawn_main) or forked (the
    parent's own command line)."""
    line = cmdline(pid)
    return "spawn_main" in line or line == cmdline(parent)


def wait_for_workers(process, count: int, busy_seconds: float, what: str) -> dict[int, int]:
    """Every child of ``process`` once ``count`` of them are workers that have each run
    ``busy_seconds`` of CPU; fails if the command ends first or at a deadline."""
    deadline = time.monotonic() + 60
    while True:
        found = children(process.pid)
        workers = [p for p in found if is_worker(p, process.pid)]
        if len(workers) >= count and all(cpu_seconds(p) >= busy_seconds for p in workers):
            return found
        if process.poll() is not None:
            raise AssertionError(f"{what} ended (exit {process.returncode}) before its workers")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: {len(workers)} workers, waited for {count}")
        time.sleep(0.01)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """4,000 articles as JSON Lines, with their photos."""
    folder = tmp_path_factory.mktemp("corpus")
    return write_jsonl(folder, make_articles(4000))


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory) -> str:
    """A SQLite archive of 1,500 articles (more than the export's and the verify's thresholds
    for worker processes)."""
    folder = tmp_path_factory.mktemp("archive")
    source = write_jsonl(folder / "corpus", make_articles(1500))
    db = str(folder / "archive.db")
    zonedesk("import", str(source), "--workers", "2", db=db)
    return db


def test_a_killed_import_leaves_no_worker_running(corpus, tmp_path):
    db = str(tmp_path / "archive.db")
    command = start_zonedesk("import", str(corpus), "--workers", "3", db=db)
    try:
        recorded = wait_for_workers(command, 3, busy_seconds=0.5, what="the import")
        kill_and_expect_no_survivors(command, recorded, "the killed import")
    finally:
        kill9(command)


def test_a_killed_export_leaves_no_render_process_running(big_archive, tmp_path):
    command = start_zonedesk(
        "export", str(tmp_path / "site"), "--full", "--workers", "2", db=big_archive
    )
    try:
        recorded = wait_for_workers(command, 2, busy_seconds=0.0, what="the export")
        kill_and_expect_no_survivors(command, recorded, "the killed export")
    finally:
        kill9(command)


def test_a_killed_verify_leaves_no_rendering_check_running(big_archive):
    command = start_zonedesk("verify", db=big_archive)
    try:
        recorded = wait_for_workers(command, 2, busy_seconds=0.2, what="the verify")
        kill_and_expect_no_survivors(command, recorded, "the killed verify")
    finally:
        kill9(command)
