"""The frame of a dialog that runs one long task (an export, an import) on the thread pool.

``TaskDialog`` owns what such dialogs share: the progress bar, the start / Cancel / Close
buttons (the subclass names the start one), the ``LongTask`` and its wiring, and the rule for
closing while the task runs (a cancellable task is asked to stop and the dialog stays until it
has; any other task is waited for). A subclass lays out its own fields, starts its task with
``run``, says whether it can be cancelled (``cancellable``, ``cancel``) and shows
``_progressed``, ``_finished`` and ``_failed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QWidget

from editor.gui.workers import LongTask


class TaskDialog(QDialog):
    """A dialog with one long task: the Cancel button shows only while a cancellable task runs;
    Close and the start button are disabled meanwhile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setVisible(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        self.task = LongTask(self)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._task_finished)
        self.task.failed.connect(self._task_failed)

    # ----------------------------------------------------------------- for subclasses

    def start(self) -> None:
        raise NotImplementedError

    def cancellable(self) -> bool:
        """Whether the task being run can be stopped (Cancel shows while it runs)."""
        return False

    def cancel(self) -> None:
        """Ask the running task to stop (only called while a cancellable one runs)."""

    def _progressed(self, value: object) -> None:
        raise NotImplementedError

    def _finished(self, result: object) -> None:
        raise NotImplementedError

    def _failed(self, error: object) -> None:
        raise NotImplementedError

    # ----------------------------------------------------------------- running

    def run(self, call: Callable[[Callable[[object], None]], Any]) -> None:
        """Start ``call(report)`` on the pool: the buttons say a task runs, the bar is busy."""
        self.start_button.setEnabled(False)
        self.close_button.setEnabled(False)
        can_cancel = self.cancellable()
        self.cancel_button.setVisible(can_cancel)
        self.cancel_button.setEnabled(can_cancel)
        self.progress.setRange(0, 0)
        self.task.start(call)

    def show_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` on the bar; a total of 0 makes it busy (no end known yet)."""
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)

    def _settle(self, value: int) -> None:
        self.start_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.cancel_button.setVisible(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(value)

    def _task_finished(self, result: object) -> None:
        self._settle(1)
        self._finished(result)
        self.fit_height()

    def _task_failed(self, error: object) -> None:
        self._settle(0)
        self._failed(error)
        self.fit_height()

    def fit_height(self) -> None:
        """Grow the dialog when its wrapped texts now need more lines than it has room for (a
        window does not follow its layout's height for its width by itself)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # ----------------------------------------------------------------- closing

    def _refuse_close(self) -> bool:
        """While a task runs the dialog stays: a cancellable task is asked to stop."""
        if not self.task.running:
            return False
        if self.cancellable():
            self.cancel()
        return True

    def reject(self) -> None:
        if not self._refuse_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._refuse_close():
            event.ignore()
            return
        super().closeEvent(event)
