"""Import articles from a JSON Lines file, with progress and the report of the bad lines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from editor.archive.articles import ArticleService
from editor.archive.jsonl import ImportReport, import_jsonl
from editor.gui.dialogs.common import FileChooser
from editor.gui.workers import LongTask


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportReport

    def __init__(self, service: ArticleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import articles"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._service = service
        self.report: ImportReport | None = None

        self.file_edit = QLineEdit(self)
        self.file_edit.setPlaceholderText(self.tr("A .jsonl file, one article a line"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.problems_view = QPlainTextEdit(self)
        self.problems_view.setObjectName("importProblems")
        self.problems_view.setReadOnly(True)
        self.problems_view.setPlaceholderText(
            self.tr("Lines that could not be imported show here.")
        )
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("File"), self), 0, 0)
        grid.addLayout(row, 0, 1)
        grid.addWidget(self.progress, 1, 0, 1, 2)
        grid.addWidget(self.summary_label, 2, 0, 1, 2)
        grid.addWidget(self.problems_view, 3, 0, 1, 2)
        grid.addWidget(self.buttons, 4, 0, 1, 2)
        self.resize(620, 420)

        self.task = LongTask(self)
        self.choose_button.clicked.connect(self.choose_file)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.close)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)

    @classmethod
    def open_for(cls, parent: QWidget, service: ArticleService) -> ImportDialog:
        dialog = cls(service, parent)
        dialog.open()
        return dialog

    def choose_file(self) -> None:
        chosen = FileChooser.jsonl_file(self)
        if chosen:
            self.file_edit.setText(chosen)

    def start(self) -> None:
        text = self.file_edit.text().strip()
        if self.task.running or not text:
            if not text:
                self.choose_file()
            return
        path = Path(text).expanduser()
        self.start_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.summary_label.setText(self.tr("Reading {name}…").format(name=path.name))
        self.problems_view.clear()
        service = self._service
        self.task.start(
            lambda report: import_jsonl(
                service, path, progress=lambda done, total: report((done, total))
            )
        )

    def _progressed(self, value: object) -> None:
        assert isinstance(value, tuple)
        done, total = int(value[0]), int(value[1])
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(int(done))
        self.summary_label.setText(
            self.tr("Imported {done} of {total} lines…").format(done=done, total=total)
        )

    def _finished(self, report: object) -> None:
        assert isinstance(report, ImportReport)
        self.report = report
        self.start_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.summary_label.setText(
            self.tr(
                "{lines} lines: {created} new, {updated} updated, {unchanged} unchanged, "
                "{bad} not imported ({seconds:.1f} s)."
            ).format(
                lines=report.lines,
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
                bad=len(report.bad),
                seconds=report.seconds,
            )
        )
        lines = [
            self.tr("line {n}: {reason}").format(n=p.line, reason=p.reason) for p in report.bad
        ]
        lines += [
            self.tr("line {n} (warning): {reason}").format(n=p.line, reason=p.reason)
            for p in report.warnings
        ]
        self.problems_view.setPlainText("\n".join(lines))
        self.imported.emit(report)

    def _failed(self, error: object) -> None:
        self.start_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary_label.setText(self.tr("The import failed: {error}").format(error=error))

    def reject(self) -> None:
        if not self.task.running:
            super().reject()

    def closeEvent(self, event: object) -> None:
        if self.task.running:
            event.ignore()  # type: ignore[attr-defined]
            return
        super().closeEvent(event)  # type: ignore[arg-type]
