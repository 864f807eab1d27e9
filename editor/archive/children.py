"""Helper programs (pg_dump, pg_restore) that die with the process that started them.

A ZoneDesk killed in the middle of a backup or a restore must not leave a pg_dump writing on or a
pg_restore committing on its own. On Linux each child asks the kernel, before it runs, to be sent
SIGKILL when its parent goes (``prctl(PR_SET_PDEATHSIG)``); and a child still running when the
parent gives up (an exception, Ctrl+C) is killed and reaped before the exception goes on.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    """The ``preexec_fn`` that ties a child's life to this process; None where there is none.

    Everything is looked up here, in the parent: between fork and exec the child only calls
    prctl and getppid (no import, no allocation that could wait for a lock of another thread).
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong]
    parent = os.getpid()
    kill = int(signal.SIGKILL)

    def tie() -> None:
        prctl(PR_SET_PDEATHSIG, kill)
        if os.getppid() != parent:  # the parent died before the line above took effect
            os._exit(1)

    return tie


def spawn(args: Sequence[str], **popen: Any) -> subprocess.Popen[Any]:
    """``subprocess.Popen(args, **popen)``, the child dying with this process."""
    return subprocess.Popen(list(args), preexec_fn=_die_with_parent(), **popen)


def stop(process: subprocess.Popen[Any]) -> None:
    """Kill ``process`` if it still runs, and reap it."""
    if process.poll() is None:
        process.kill()
    process.wait()


def run(
    args: Sequence[str], *, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``args`` to its end, its output captured as text; a child left behind by an exception
    (KeyboardInterrupt included) is killed first."""
    process = spawn(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        out, err = process.communicate()
    except BaseException:
        stop(process)
        raise
    return subprocess.CompletedProcess(list(args), process.returncode, out, err)


def quiet_env(**extra: str) -> dict[str, str]:
    """This process's environment with messages in English (they are matched and shown as is)."""
    env = dict(os.environ)
    env.pop("LC_ALL", None)  # it would override LC_MESSAGES
    env.pop("LANGUAGE", None)
    env["LC_MESSAGES"] = "C"
    env.update(extra)
    return env
