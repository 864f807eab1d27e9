"""Work off the GUI thread: callables run on the global QThreadPool, results come back as signals.

    runner = TaskRunner(parent, latest_only=True)
    runner.done.connect(self.on_done)      # (token, result), in the GUI thread
    token = runner.submit(functools.partial(render, snapshot))

With ``latest_only`` a result arrives only if no newer task was submitted since: the latest request
wins, stale results are dropped (``dropped(token)`` says so, for whoever waits on one). Jobs never
touch widgets: they get plain data and return plain data.
``QThreadPool.globalInstance().waitForDone()`` at teardown drains them (MainWindow does, and the
GUI tests' fixture).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("zonedesk.gui")


class _Relay(QObject):
    """Carries a finished job's outcome across threads (queued to the runner's thread)."""

    finished = Signal(int, object, object)  # token, result, error


class _Job(QRunnable):
    def __init__(self, token: int, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._token = token
        self._call = call
        self._relay = relay

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = self._call()
        except Exception as exc:
            error = exc
        # RuntimeError: the runner was deleted meanwhile, nobody waits for this result
        with contextlib.suppress(RuntimeError):
            self._relay.finished.emit(self._token, result, error)


class TaskRunner(QObject):
    """Submits callables to the thread pool; ``done``/``failed`` fire in this object's thread."""

    done = Signal(int, object)  # token, result
    failed = Signal(int, object)  # token, exception
    dropped = Signal(int)  # token of a finished task whose outcome was dropped (latest_only)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        latest_only: bool = False,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.latest_only = latest_only
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._last = 0
        self._running = 0
        #: the global pool, or one of its own for small questions that must not queue behind
        #: renders and checks (the archive poll)
        self._pool = pool if pool is not None else QThreadPool.globalInstance()

    @property
    def busy(self) -> bool:
        return self._running > 0

    @property
    def latest(self) -> int:
        return self._last

    def submit(self, call: Callable[[], Any]) -> int:
        self._last += 1
        self._running += 1
        self._pool.start(_Job(self._last, call, self._relay))
        return self._last

    def forget(self) -> None:
        """Drop the results of every task submitted so far (they are still run to the end)."""
        self._last += 1

    @Slot(int, object, object)
    def _finished(self, token: int, result: object, error: object) -> None:
        self._running -= 1
        if self.latest_only and token != self._last:
            self.dropped.emit(token)
            return
        if error is not None:
            if not isinstance(error, Exception):
                raise TypeError(error)
            log.debug("task %d failed: %s", token, error)
            self.failed.emit(token, error)
        else:
            self.done.emit(token, result)


class _ProgressRelay(QObject):
    progressed = Signal(object)
    finished = Signal(object, object)  # result, error


class _LongJob(QRunnable):
    def __init__(
        self, call: Callable[[Callable[[object], None]], Any], relay: _ProgressRelay
    ) -> None:
        super().__init__()
        self._call = call
        self._relay = relay

    def _report(self, value: object) -> None:
        with contextlib.suppress(RuntimeError):
            self._relay.progressed.emit(value)

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = self._call(self._report)
        except Exception as exc:
            error = exc
        with contextlib.suppress(RuntimeError):
            self._relay.finished.emit(result, error)


class LongTask(QObject):
    """One long job (an export, an import) on the pool, reporting progress.

    ``start(call)`` runs ``call(report)`` on a pool thread; each ``report(value)`` arrives as
    ``progressed(value)`` in this object's thread, then ``finished(result)`` or ``failed(error)``.
    """

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._progressed)
        self._relay.finished.connect(self._finished)
        self.running = False

    def start(self, call: Callable[[Callable[[object], None]], Any]) -> None:
        if self.running:
            raise RuntimeError("the task is running already")
        self.running = True
        QThreadPool.globalInstance().start(_LongJob(call, self._relay))

    @Slot(object)
    def _progressed(self, value: object) -> None:
        self.progressed.emit(value)

    @Slot(object, object)
    def _finished(self, result: object, error: object) -> None:
        self.running = False
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
