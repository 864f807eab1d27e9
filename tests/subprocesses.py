"""Running ZoneDesk in other processes, as a user (``main.py``) or a test driver does.

Shared by the command-line tests, the export tests and the fault tests (kill -9, races).
``in_process`` runs a command the same way without a new process, where only the result matters.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRIVER = "tests.faultdriver"


def zonedesk(*args: str, db: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``python main.py --db DB ARGS…`` to its end; AssertionError on a non-zero exit if check."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def in_process(
    *args: str, db: str, check: bool = True, err: io.StringIO | None = None
) -> subprocess.CompletedProcess[str]:
    """What ``zonedesk`` does (same parser, same handlers, same output), in this process;
    ``err``: the stream standing for stderr (a fake terminal, say)."""
    from editor import cli  # noqa: PLC0415 - the command line is loaded by the tests using it

    out, err = io.StringIO(), io.StringIO() if err is None else err
    code = cli.run(cli.build_parser().parse_args(["--db", db, *args]), out, err)
    if check and code != 0:
        raise AssertionError(f"exit {code}\n{out.getvalue()}\n{err.getvalue()}")
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def start_zonedesk(*args: str, db: str) -> subprocess.Popen[bytes]:
    """``python main.py --db DB ARGS…`` started in the background, output discarded, to be
    killed. It runs unmeasured: a process killed with -9 never writes its coverage data, so
    tracing it would only slow it down (and leave half-written data files behind)."""
    unmeasured = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_PROCESS_")}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", db, *args],
        cwd=ROOT,
        env=unmeasured,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def start_driver(*args: str) -> subprocess.Popen[str]:
    """``python -m tests.faultdriver ARGS…``: its stdout is a pipe of lines, stderr inherited."""
    return subprocess.Popen(
        [sys.executable, "-m", DRIVER, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


def kill9(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """SIGKILL, then reap: the process gets no chance to clean up."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.01)
