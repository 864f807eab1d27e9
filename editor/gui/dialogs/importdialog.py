"""Import articles, with progress and the report of what could not be imported.

Two kinds, one dialog: a JSON Lines file (the bad lines reported), or the portal's saved article
pages (``pages=True``: files and folders of .html/.txt pages; the files skipped and the fields not
found reported, and the import can be cancelled between two pages).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from editor.archive.articles import ArticleService
from editor.archive.jsonl import ImportReport, import_jsonl
from editor.archive.pages import DRAFT, PageImportReport, PageProblem, import_pages
from editor.gui.dialogs.common import FileChooser
from editor.gui.dialogs.taskdialog import TaskDialog
from editor.gui.labels import page_reason

# How several chosen files and folders stand in the one line of the dialog.
PATH_SEPARATOR = "; "


class ImportDialog(TaskDialog):
    imported = Signal(object)  # ImportReport, or PageImportReport for pages

    def __init__(
        self, service: ArticleService, parent: QWidget | None = None, *, pages: bool = False
    ) -> None:
        super().__init__(parent)
        self.pages = pages
        self.setObjectName("importPagesDialog" if pages else "importDialog")
        self.setWindowTitle(self.tr("Import pages") if pages else self.tr("Import articles"))
        self.start_button.setText(self.tr("Import"))
        self._service = service
        self._cancel = threading.Event()
        self.report: ImportReport | PageImportReport | None = None

        self.file_edit = QLineEdit(self)
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.folder_button = QPushButton(self.tr("Folder…"), self)
        self.folder_button.setVisible(pages)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.problems_view = QPlainTextEdit(self)
        self.problems_view.setObjectName("importProblems")
        self.problems_view.setReadOnly(True)
        self.problems_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        if pages:
            self.file_edit.setPlaceholderText(
                self.tr("Saved article pages (.html, .txt) or folders of them")
            )
            self.problems_view.setPlaceholderText(
                self.tr("Pages that could not be imported, and fields not found, show here.")
            )
        else:
            self.file_edit.setPlaceholderText(self.tr("A .jsonl file, one article a line"))
            self.problems_view.setPlaceholderText(
                self.tr("Lines that could not be imported show here.")
            )
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.folder_button)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Pages") if pages else self.tr("File"), self), 0, 0)
        grid.addLayout(row, 0, 1)
        grid.addWidget(self.progress, 1, 0, 1, 2)
        grid.addWidget(self.summary_label, 2, 0, 1, 2)
        grid.addWidget(self.problems_view, 3, 0, 1, 2)
        grid.addWidget(self.buttons, 4, 0, 1, 2)
        self.resize(720 if pages else 620, 440)

        self.choose_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)

    @classmethod
    def open_for(
        cls, parent: QWidget, service: ArticleService, *, pages: bool = False
    ) -> ImportDialog:
        dialog = cls(service, parent, pages=pages)
        dialog.open()
        return dialog

    # ----------------------------------------------------------------------- choosing

    def choose_file(self) -> None:
        if self.pages:
            chosen = FileChooser.page_files(self)
            if chosen:
                self.set_paths(chosen)
            return
        name = FileChooser.jsonl_file(self)
        if name:
            self.file_edit.setText(name)

    def choose_folder(self) -> None:
        chosen = FileChooser.folder(self, self.tr("Import the pages of a folder"))
        if chosen:
            self.set_paths([chosen])

    def set_paths(self, paths: list[str]) -> None:
        self.file_edit.setText(PATH_SEPARATOR.join(paths))

    def paths(self) -> list[Path]:
        """The chosen files and folders (for pages: several, separated by semicolons)."""
        text = self.file_edit.text().strip()
        parts = text.split(";") if self.pages else [text]
        return [Path(p.strip()).expanduser() for p in parts if p.strip()]

    # ----------------------------------------------------------------------- running

    def start(self) -> None:
        paths = self.paths()
        if self.task.running or not paths:
            if not paths:
                self.choose_file()
            return
        self.problems_view.clear()
        self._cancel.clear()
        service = self._service
        if self.pages:
            self.summary_label.setText(self.tr("Reading the pages…"))
            cancelled = self._cancel.is_set
            self.run(
                lambda report: import_pages(
                    service,
                    paths,
                    progress=lambda done, total: report((done, total)),
                    cancelled=cancelled,
                )
            )
            return
        path = paths[0]
        self.summary_label.setText(self.tr("Reading {name}…").format(name=path.name))
        self.run(
            lambda report: import_jsonl(
                service, path, progress=lambda done, total: report((done, total))
            )
        )

    def cancellable(self) -> bool:
        """A page import stops between two pages; a JSON Lines file is one transaction."""
        return self.pages

    def cancel(self) -> None:
        """Stop a page import after the page being imported (those imported are kept)."""
        if self.task.running and not self._cancel.is_set():
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.summary_label.setText(self.tr("Cancelling after this page…"))

    def _progressed(self, value: object) -> None:
        assert isinstance(value, tuple)
        done, total = int(value[0]), int(value[1])
        self.show_progress(done, max(1, total))
        if self._cancel.is_set():
            return
        if self.pages:
            text = self.tr("Imported {done} of {total} pages…")
        else:
            text = self.tr("Imported {done} of {total} lines…")
        self.summary_label.setText(text.format(done=done, total=total))

    def _finished(self, report: object) -> None:
        assert isinstance(report, ImportReport | PageImportReport)
        self.report = report
        if isinstance(report, PageImportReport):
            self._show_pages_report(report)
        else:
            self._show_lines_report(report)
        self.imported.emit(report)

    def _show_lines_report(self, report: ImportReport) -> None:
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

    def _show_pages_report(self, report: PageImportReport) -> None:
        summary = self.tr(
            "{pages} pages: {created} new, {updated} updated, {unchanged} unchanged, "
            "{drafts} saved as drafts, {bad} not imported ({seconds:.1f} s)."
        ).format(
            pages=report.pages,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            drafts=report.drafts,
            bad=len(report.bad),
            seconds=report.seconds,
        )
        if report.cancelled:
            summary += " " + self.tr("Cancelled: the pages imported so far are kept.")
        self.summary_label.setText(summary)
        show = _relative_names([p.file for p in (*report.bad, *report.missing, *report.warnings)])
        labels = self.field_labels()
        lines = [
            self.tr("{file}: not imported: {reason}").format(
                file=show[p.file], reason=page_reason(p.reason)
            )
            for p in report.bad
        ]
        lines += [self._missing_line(p, show[p.file], labels) for p in report.missing]
        lines += [
            self.tr("{file} (warning): {reason}").format(
                file=show[p.file], reason=page_reason(p.reason)
            )
            for p in report.warnings
        ]
        self.problems_view.setPlainText("\n".join(lines))

    def _missing_line(self, problem: PageProblem, file: str, labels: dict[str, str]) -> str:
        field = labels.get(problem.field or "", problem.field or "")
        if problem.outcome == DRAFT:
            text = self.tr("{file}: {field} not found; imported as a draft ({reason})")
        else:
            text = self.tr("{file}: {field} not found; the article keeps its own ({reason})")
        return text.format(file=file, field=field, reason=page_reason(problem.reason))

    def field_labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Title"),
            "category": self.tr("Category"),
            "published_at": self.tr("Published"),
            "source": self.tr("Source"),
            "zone": self.tr("Zone"),
            "body": self.tr("Body"),
        }

    def _failed(self, error: object) -> None:
        self.summary_label.setText(self.tr("The import failed: {error}").format(error=error))


def _relative_names(files: list[str]) -> dict[str, str]:
    """Each file as the report shows it: relative to the folder all of them share."""
    if not files:
        return {}
    try:
        common = os.path.commonpath([str(Path(f).parent) for f in files])
    except ValueError:  # paths on different drives, or relative and absolute mixed
        return {f: f for f in files}
    return {f: os.path.relpath(f, common) if common else f for f in files}
