"""Export the portal site from the GUI: choose the folder, watch the progress, cancel, and open
the folder when it is done. The export package's ``Exporter`` runs on a pool thread."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from editor.export.errors import ExportCancelledError
from editor.export.exporter import Exporter, ExportProgress, ExportReport
from editor.export.source import open_source
from editor.gui.dialogs.common import Desktop, FileChooser
from editor.gui.dialogs.taskdialog import TaskDialog
from editor.gui.settings import WindowState


def run_export(
    address: str,
    out: Path,
    full: bool,
    report: object,
    exporter_box: list[Exporter],
    cancelled: threading.Event,
) -> ExportReport:
    """The export itself (on a pool thread); ``exporter_box`` receives the Exporter (to cancel).

    ``cancelled`` is set by a Cancel that came before the Exporter existed: it is honoured as
    soon as the Exporter is made (the dialog sets it, then cancels the exporters in the box; this
    appends, then looks at it: a cancel is never lost between the two).
    """
    assert callable(report)
    if cancelled.is_set():
        raise ExportCancelledError
    with open_source(address) as source:
        exporter = Exporter(source, out, progress=report, full=full)
        exporter_box.append(exporter)
        if cancelled.is_set():
            exporter.cancel()
        return exporter.run()


class ExportDialog(TaskDialog):
    finishedExport = Signal(object)  # ExportReport

    def __init__(self, address: str, state: WindowState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.start_button.setText(self.tr("Export"))
        self.setWindowTitle(self.tr("Export the site"))
        self._address = address
        self._state = state
        self._exporters: list[Exporter] = []
        self._cancelled = threading.Event()
        self.report: ExportReport | None = None

        self.folder_edit = QLineEdit(self)
        self.folder_edit.setText(state.export_folder or str(Path.home() / "ZoneDesk-site"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.full_box = QCheckBox(self.tr("Rebuild every page (not only what changed)"), self)
        self.phase_label = QLabel(self.tr("Ready."), self)
        self.phase_label.setWordWrap(True)
        self.open_button = self.buttons.addButton(
            self.tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setEnabled(False)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Folder"), self), 0, 0)
        grid.addLayout(folder_row, 0, 1)
        grid.addWidget(self.full_box, 1, 1)
        grid.addWidget(self.progress, 2, 0, 1, 2)
        grid.addWidget(self.phase_label, 3, 0, 1, 2)
        grid.addWidget(self.buttons, 4, 0, 1, 2)
        self.setMinimumWidth(520)

        self.choose_button.clicked.connect(self.choose_folder)
        self.open_button.clicked.connect(self.open_folder)

    @classmethod
    def open_for(cls, parent: QWidget, address: str, state: WindowState) -> ExportDialog:
        """Open the dialog (window-modal, not blocking) and return it."""
        dialog = cls(address, state, parent)
        dialog.open()
        return dialog

    def folder(self) -> Path:
        return Path(os.path.expanduser(self.folder_edit.text().strip()))

    def choose_folder(self) -> None:
        chosen = FileChooser.folder(self, self.tr("Export the site into"), self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def start(self) -> None:
        if self.task.running or not self.folder_edit.text().strip():
            return
        out = self.folder()
        self._state.export_folder = str(out)
        self._exporters.clear()
        self._cancelled = threading.Event()
        self.report = None
        self.open_button.setEnabled(False)
        self.phase_label.setText(self.tr("Reading the archive…"))
        address, full, box = self._address, self.full_box.isChecked(), self._exporters
        cancelled = self._cancelled
        self.run(lambda report: run_export(address, out, full, report, box, cancelled))

    def cancellable(self) -> bool:
        return True

    def cancel(self) -> None:
        self._cancelled.set()
        for exporter in self._exporters:
            exporter.cancel()
        self.phase_label.setText(self.tr("Cancelling…"))

    def _progressed(self, event: object) -> None:
        if not isinstance(event, ExportProgress):
            return
        phases = {
            "reading": self.tr("Reading the archive…"),
            "planning": self.tr("Planning the pages…"),
            "rendering": self.tr("Writing pages {done} of {total}…"),
            "media": self.tr("Copying images {done} of {total}…"),
            "committing": self.tr("Putting the new site in place…"),
            "done": self.tr("Done."),
        }
        text = phases.get(event.phase, event.phase)
        self.phase_label.setText(text.format(done=event.done, total=event.total))
        self.show_progress(event.done, event.total)

    def _finished(self, report: object) -> None:
        assert isinstance(report, ExportReport)
        self.report = report
        text = self.tr(
            "{files} files ({articles} articles) in {folder}: {written} written, "
            "{unchanged} unchanged, {removed} removed, in {seconds:.1f} s."
        ).format(
            files=report.files,
            articles=report.articles,
            folder=report.out,
            written=report.written,
            unchanged=report.unchanged,
            removed=report.removed,
            seconds=report.seconds,
        )
        if report.warnings:
            text += "\n" + "\n".join(report.warnings[:5])
        self.phase_label.setText(text)
        self.open_button.setEnabled(True)
        self.finishedExport.emit(report)

    def _failed(self, error: object) -> None:
        if isinstance(error, ExportCancelledError):
            self.phase_label.setText(self.tr("Cancelled. The previous export is unchanged."))
        else:
            self.phase_label.setText(self.tr("The export failed: {error}").format(error=error))

    def open_folder(self) -> None:
        target = self.report.out if self.report is not None else self.folder()
        Desktop.open_url(QUrl.fromLocalFile(str(target)))
