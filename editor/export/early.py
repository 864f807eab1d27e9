"""A render process started as an incremental export begins (the command line's export).

Loading the template engine (Jinja2, the sanitizer) and the theme's templates takes this process a
tenth of a second, about as long as reading the previous export and planning the changes; an
incremental export after one edit has half a second in all. So ``EarlyRenderer.start`` forks a
child first thing, which loads them on the other core meanwhile and then renders the pages it is
sent into the staging folder (``render.work``, as the worker processes of a whole export do).

Only where a fork is safe: a process with a single thread (the command line). The editor exports
on a worker thread and renders in-process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from editor.export.errors import ExportError

if TYPE_CHECKING:
    from editor.export.jobs import Result, Task
    from editor.export.templates import Theme

_LENGTH = struct.Struct(">Q")


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> Any:
    """The next message; None at the end of the stream."""
    head = _read(fd, _LENGTH.size)
    if head is None:
        return None
    body = _read(fd, _LENGTH.unpack(head)[0])
    if body is None:
        return None
    return pickle.loads(body)


def _read(fd: int, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


class EarlyRenderer:
    """The child process; ``render`` sends it pages, ``close`` ends it."""

    def __init__(self, pid: int, to_child: int, from_child: int) -> None:
        self.pid = pid
        self._to_child = to_child
        self._from_child = from_child

    @classmethod
    def start(cls, theme: Theme, staging: str, lock_fd: int = -1) -> EarlyRenderer | None:
        """Fork the child (it writes into the folder ``staging`` and closes its copy of the
        export's lock, ``lock_fd``); None where forking is not safe."""
        if not hasattr(os, "fork") or threading.active_count() != 1:
            return None
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(down_write)
            os.close(up_read)
            _child(down_read, up_write, tuple(str(f) for f in theme.folders), staging, lock_fd)
        os.close(down_read)
        os.close(up_write)
        return cls(pid, down_write, up_read)

    def submit(self, site: dict[str, Any], assets: dict[str, str], tasks: Sequence[Task]) -> None:
        """Send ``tasks`` to the child, which renders and writes them; ``collect`` says how."""
        try:
            _send(self._to_child, (site, assets, list(tasks)))
        except OSError as exc:
            raise ExportError(f"the render process failed: {exc.strerror}") from None

    def collect(self) -> list[Result]:
        """What became of the tasks sent last; a template's failure is an ExportError."""
        try:
            answer = _receive(self._from_child)
        except OSError as exc:
            raise ExportError(f"the render process failed: {exc.strerror}") from None
        if answer is None:
            raise ExportError("the render process ended unexpectedly")
        kind, value = answer
        if kind == "error":
            raise ExportError(value)
        results: list[Result] = value
        return results

    def close(self) -> None:
        """End the child at once: what it rendered was written before it answered, and an
        export that did not need it should not wait for it to finish loading."""
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _child(down: int, up: int, folders: tuple[str, ...], staging: str, lock_fd: int) -> None:
    """Load the engine and the templates, then render what comes until the input ends (writing
    a page only while the exporter lives: ``render.work``)."""
    code = 0
    try:
        from editor.export import render  # noqa: PLC0415 - the point: loaded here, meanwhile

        render.init_worker(folders, staging, lock_fd)
        render.warm_up()
        while (message := _receive(down)) is not None:
            site, assets, tasks = message
            try:
                _send(up, ("ok", render.work(site, assets, tasks)))
            except ExportError as exc:
                _send(up, ("error", str(exc)))
    except BaseException as exc:
        code = 1
        with contextlib.suppress(OSError):
            _send(up, ("error", f"the render process failed: {exc!r}"))
    finally:
        os._exit(code)
