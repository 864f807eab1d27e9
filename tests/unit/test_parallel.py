"""editor.parallel: worker processes and external programs die with the process that started them.

Each test starts a small Python program that makes children the way the project does, records
the children (by scanning /proc for their parent), kills the program with SIGKILL and waits, up
to a deadline that fails the test, until none of them runs any more. The process-tree helpers
here are shared with test_killed_commands.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from editor.parallel import ORPHANED, popen_kwargs, process_pool
from tests.subprocesses import ROOT, kill9

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

#: How long children may take to go once their parent is killed.
DEADLINE = 8.0


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process; None when there is none."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[19])


def children(pid: int) -> dict[int, int]:
    """The live children of ``pid``: {pid: start time} (the start time tells a reused pid)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and stat[1] == pid and stat[0] != "Z":
                found[int(entry.name)] = stat[2]
    return found


def survivors(recorded: dict[int, int]) -> list[int]:
    """The recorded processes still running (a zombie has ended)."""
    alive = []
    for pid, started in recorded.items():
        stat = _stat(pid)
        if stat is not None and stat[2] == started and stat[0] != "Z":
            alive.append(pid)
    return alive


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return "?"


def wait_for_children(
    process: subprocess.Popen[bytes] | subprocess.Popen[str], count: int, what: str
) -> dict[int, int]:
    """Wait until ``process`` has at least ``count`` children; fail if it ends first."""
    deadline = time.monotonic() + 60
    while True:
        found = children(process.pid)
        if len(found) >= count:
            return found
        if process.poll() is not None:
            raise AssertionError(
                f"{what} ended (exit {process.returncode}) before {count} children"
            )
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: {len(found)} children, waited for {count}")
        time.sleep(0.01)


def kill_and_expect_no_survivors(
    process: subprocess.Popen[bytes] | subprocess.Popen[str], recorded: dict[int, int], what: str
) -> None:
    """kill -9 ``process``, then wait until every recorded child has gone; fail at the deadline
    naming the survivors (killed then, so that a failing run leaves nothing behind)."""
    assert recorded, f"{what}: no children recorded"
    kill9(process)
    deadline = time.monotonic() + DEADLINE
    while left := survivors(recorded):
        if time.monotonic() > deadline:
            names = [f"{pid}: {cmdline(pid)}" for pid in left]
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            raise AssertionError(
                f"{what}: {len(left)} of {len(recorded)} children outlived it by {DEADLINE} s: "
                + "; ".join(names)
            )
        time.sleep(0.01)


def start_program(code: str) -> subprocess.Popen[str]:
    """``python -c CODE`` in the repository, its stdout a pipe of lines."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


def expect_line(process: subprocess.Popen[str], prefix: str) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith(prefix), f"expected {prefix!r}, got {line!r} (exit {process.poll()})"
    return line[len(prefix) :].strip()


POOL_PROGRAM = """
    import os, sys, threading, time
    from editor.parallel import process_pool

    def make():
        pool = process_pool(2, mp_context={method!r})
        for future in [pool.submit(os.getpid) for _ in range(4)]:  # starts both workers
            future.result()
        return pool

    pools = []
    if {on_thread!r}:
        maker = threading.Thread(target=lambda: pools.append(make()))
        maker.start()
        maker.join()  # the thread that started the workers is gone
    else:
        pools.append(make())
    pool = pools[0]
    pool.submit(time.sleep, 0.3).result()
    # the pool still works once its thread has ended (PDEATHSIG would have killed its workers)
    pids = {{f.result() for f in [pool.submit(os.getpid) for _ in range(8)]}}
    print("pids", *sorted(pids), flush=True)
    for _ in range(2):
        pool.submit(time.sleep, 600)  # both workers busy
    print("busy", flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("on_thread", [False, True], ids=["main-thread", "other-thread"])
def test_workers_of_a_killed_process_end_with_it(method, on_thread):
    """Made on a thread that then ends, the pool still works (a PR_SET_PDEATHSIG set there
    would have killed its workers with the thread); killed, its parent takes them along."""
    program = start_program(POOL_PROGRAM.format(method=method, on_thread=on_thread))
    try:
        workers = {int(p) for p in expect_line(program, "pids ").split()}
        expect_line(program, "busy")
        recorded = children(program.pid)
        assert workers <= set(recorded), f"workers {workers}, children {recorded}"
        kill_and_expect_no_survivors(program, recorded, f"a {method} pool's parent")
    finally:
        kill9(program)


def _answer(value: int) -> int:
    return value * 2


_seen: list[str] = []


def _init(label: str) -> None:
    _seen.append(label)


def _initialized() -> list[str]:
    return _seen


def test_the_pool_runs_the_given_initializer_and_returns_results():
    with process_pool(2, initializer=_init, initargs=("ready",), mp_context="spawn") as pool:
        assert list(pool.map(_answer, range(5))) == [0, 2, 4, 6, 8]
        assert pool.submit(_initialized).result() == ["ready"]


def test_a_worker_whose_parent_is_already_gone_ends_at_once():
    """The race before prctl: a worker started for a parent that is not its parent ends."""
    import multiprocessing  # noqa: PLC0415

    from editor.parallel import _parent_lifeline, _Start, _start_worker  # noqa: PLC0415

    _, read_end, write_fd = _parent_lifeline()
    start = _Start(1, read_end, write_fd, forked=False, direct_child=True, pdeathsig=True)
    worker = multiprocessing.get_context("spawn").Process(
        target=_start_worker, args=(start, _init, ("never",))
    )
    worker.start()
    worker.join(timeout=60)
    assert worker.exitcode == ORPHANED


PROGRAM_STARTING_A_TOOL = """
    import subprocess, sys, time
    from editor.parallel import popen_kwargs

    tool = subprocess.Popen(["sleep", "600"], **popen_kwargs())
    print("started", tool.pid, flush=True)
    tool.wait()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_an_external_program_ends_with_the_process_that_started_it():
    assert "preexec_fn" in popen_kwargs()
    program = start_program(PROGRAM_STARTING_A_TOOL)
    try:
        tool = int(expect_line(program, "started "))
        recorded = children(program.pid)
        assert tool in recorded
        kill_and_expect_no_survivors(program, recorded, "the program running sleep")
    finally:
        kill9(program)
