"""The one way ZoneDesk runs work in parallel, and children that never outlive their parent.

    with process_pool(2, initializer=init, initargs=(root,)) as pool:
        results = [f.result() for f in [pool.submit(work, batch) for batch in batches]]

    subprocess.run(["pg_dump", …], check=True, **popen_kwargs())

A ``kill -9`` of the command (or of the editor) gives it no chance to stop its children, and the
workers of a plain ``ProcessPoolExecutor`` wait on their task queue for ever: each holds both ends
of the queue's pipe, so it never sees the end of it. So every worker process started here goes
with its parent, two ways:

* **The lifeline** (every POSIX system, from any thread). The parent process holds the only
  write end of a pipe (``_lifeline``); each worker inherits the read end and a daemon thread in it
  blocks reading, which returns end-of-file the moment the parent process is gone, however it
  ended; the thread then ends the worker with ``os._exit``. It is the robust one: it does not care
  which thread of the parent started the worker. The write end is non-inheritable (no exec'd
  program gets it) and a forked worker closes its copy first thing; a child the parent makes with
  a bare ``os.fork`` would keep a copy and keep the workers alive as long as it lives.
* **PR_SET_PDEATHSIG** (Linux): the kernel sends the worker SIGKILL when its parent dies, even
  while the worker runs C code holding the GIL (where the lifeline thread cannot run). But the
  kernel sends it when the parent *thread* that started the worker ends, not the process: the
  editor exports on a thread of its pool, and a worker started there would be killed when that
  thread retires, the pool still in use. So a worker sets it only when it was started from the
  parent's main thread (decided as each one starts: ``_spawn_process``), whose end is the
  process's end. Right after, the worker checks that its parent is still the process that started
  it (the parent may have died before ``prctl``) and ends if not.

``popen_kwargs`` (``child_preexec``) does the same for external programs (pg_dump, pg_restore):
PR_SET_PDEATHSIG in the child between fork and exec, which survives the exec. Caveats: the
signal comes when the thread that started the program ends, so start it and wait for it on one
thread (``subprocess.run`` does); and ``preexec_fn`` runs in the child of a possibly threaded
process before exec, where only async-signal-safe work is safe: the function does nothing but
call ``prctl`` (resolved in the parent beforehand) and ``getppid``. Elsewhere than Linux both are
no-ops and the program may outlive a killed parent.

Qt-free, and light: nothing heavy is imported until a pool is made.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext

PR_SET_PDEATHSIG = 1
#: The exit status of a worker that found its parent gone.
ORPHANED = 70

_lifeline_lock = threading.Lock()
#: (the process holding it, the read end handed to workers, the write end only it holds)
_lifeline: tuple[int, Connection, int] | None = None
#: In a worker: its end of the lifeline, kept open (a collected Connection closes its fd).
_watched: Connection | None = None
_prctl: Any = None


def _load_prctl() -> Any:
    """libc's prctl, resolved now (in the parent: never between fork and exec); None off Linux."""
    global _prctl
    if _prctl is None:
        _prctl = False
        if sys.platform.startswith("linux"):
            import ctypes  # noqa: PLC0415 - only where children are started

            with contextlib.suppress(OSError, AttributeError):
                _prctl = ctypes.CDLL(None, use_errno=True).prctl
    return _prctl or None


def set_parent_death_signal(signum: int = signal.SIGKILL) -> bool:
    """Ask the kernel for ``signum`` when this process's parent (thread) ends; False off Linux."""
    prctl = _load_prctl()
    if prctl is None:
        return False
    return int(prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0)) == 0


def default_context() -> BaseContext:
    """fork where it is safe (a single-threaded process: the command line), spawn elsewhere
    (the editor, or a process already running threads)."""
    import multiprocessing  # noqa: PLC0415 - only for a pool (start-up time)

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _parent_lifeline() -> tuple[int, Connection, int]:
    """This process's lifeline, made once (again in a forked child, which must not share it)."""
    global _lifeline
    with _lifeline_lock:
        if _lifeline is None or _lifeline[0] != os.getpid():
            from multiprocessing.connection import Connection  # noqa: PLC0415 - start-up time

            read_fd, write_fd = os.pipe()  # both non-inheritable: no exec'd program gets them
            _lifeline = (os.getpid(), Connection(read_fd, writable=False), write_fd)
        return _lifeline


@dataclasses.dataclass(frozen=True)
class _Start:
    """What a worker needs to know to follow its parent (picklable for spawn: the Connection
    is duplicated into the child as it starts)."""

    parent: int
    lifeline: Connection
    parent_write_fd: int
    forked: bool
    direct_child: bool  # fork or spawn: the worker's parent is the pool's process
    pdeathsig: bool = False


def _watch(fd: int) -> None:
    """The lifeline thread: end the worker once the parent's write end is gone."""
    while True:
        try:
            if not os.read(fd, 4096):
                break
        except InterruptedError:
            continue
        except OSError:
            break
    os._exit(ORPHANED)


def _start_worker(
    start: _Start, initializer: Callable[..., object] | None, initargs: tuple[Any, ...]
) -> None:
    """Every worker's initializer: follow the parent, then the caller's initializer."""
    global _watched, _lifeline
    if start.pdeathsig:
        set_parent_death_signal(signal.SIGKILL)
    if start.direct_child and os.getppid() != start.parent:
        os._exit(ORPHANED)  # the parent died before prctl: no signal will come
    if start.forked:
        with contextlib.suppress(OSError):
            os.close(start.parent_write_fd)  # or the worker would keep its own lifeline alive
        _lifeline = None
    _watched = start.lifeline
    threading.Thread(
        target=_watch, args=(start.lifeline.fileno(),), name="lifeline", daemon=True
    ).start()
    if initializer is not None:
        initializer(*initargs)


@functools.cache
def _pool_class() -> type[ProcessPoolExecutor]:
    """A ProcessPoolExecutor whose workers follow their parent (see the module's text); made on
    first use, so that importing this module stays light."""
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - start-up time

    class Pool(ProcessPoolExecutor):
        def _spawn_process(self) -> None:
            # Called by the thread that starts this worker (a submit, or the pool's own
            # thread): PDEATHSIG only where that thread's end is the process's end.
            start, *rest = self._initargs
            on_main = threading.current_thread() is threading.main_thread()
            self._initargs = (dataclasses.replace(start, pdeathsig=on_main), *rest)
            super()._spawn_process()  # type: ignore[misc]

    return Pool


def process_pool(
    workers: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    mp_context: BaseContext | str | None = None,
) -> ProcessPoolExecutor:
    """``workers`` worker processes that die with this process (kill -9 included).

    ``mp_context``: a multiprocessing context or start method name ("spawn", "fork"); by default
    ``default_context()``. ``initializer(*initargs)`` runs in each worker after it has made sure
    to follow its parent."""
    import multiprocessing  # noqa: PLC0415 - only for a pool (start-up time)

    if isinstance(mp_context, str):
        context = multiprocessing.get_context(mp_context)
    else:
        context = mp_context if mp_context is not None else default_context()
    method = context.get_start_method()
    pid, read_end, write_fd = _parent_lifeline()
    start = _Start(
        parent=pid,
        lifeline=read_end,
        parent_write_fd=write_fd,
        forked=method == "fork",
        direct_child=method in ("fork", "spawn"),
    )
    return _pool_class()(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(start, initializer, tuple(initargs)),
    )


def child_preexec() -> Callable[[], None]:
    """A ``preexec_fn`` for subprocess: the program gets SIGKILL when this process (strictly: the
    thread starting it) dies, and never starts if this process died as it was being forked.
    A no-op off Linux. See the module's text for the caveats."""
    parent = os.getpid()
    prctl = _load_prctl()
    kill = int(signal.SIGKILL)

    def preexec() -> None:  # in the child, between fork and exec: nothing but two system calls
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, kill, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(ORPHANED)

    return preexec


def popen_kwargs() -> dict[str, Any]:
    """Keyword arguments for ``subprocess.Popen``/``run`` of an external program (pg_dump,
    pg_restore, rsync) so that it dies with this process: ``{"preexec_fn": …}`` on Linux,
    nothing elsewhere. Start the program and wait for it on one thread."""
    if _load_prctl() is None:
        return {}
    return {"preexec_fn": child_preexec()}
