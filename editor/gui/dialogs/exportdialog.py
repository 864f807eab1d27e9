"""Export the portal site from the GUI: choose the folder, watch the progress, cancel, and open
the folder when it is done. The export package's ``Exporter`` runs on a pool thread.

When it is done the dialog also says which articles the site left out and why (drafts, in
review, archived: see ``editor.export.leftout``), lists them on asking (a double-click opens one
in the editor) and names the page of the article open in the editor, or why it has none, with a
button opening that page in the system browser.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from editor.export.errors import ExportCancelledError
from editor.export.exporter import Exporter, ExportProgress, ExportReport
from editor.export.leftout import UNWRITABLE, by_reason, unpublished, unwritable
from editor.export.source import open_source
from editor.gui.dialogs.common import Desktop, FileChooser
from editor.gui.dialogs.taskdialog import TaskDialog
from editor.gui.labels import status_label
from editor.gui.settings import WindowState


@dataclass(frozen=True, slots=True)
class CurrentArticle:
    """The article open in the editor when the export starts: its id (None: not saved yet) and
    the title its tab shows."""

    id: int | None
    title: str


def run_export(
    address: str,
    out: Path,
    full: bool,
    report: object,
    exporter_box: list[Exporter],
    cancelled: threading.Event,
    *,
    pages_of: Collection[int] = (),
) -> ExportReport:
    """The export itself (on a pool thread); ``exporter_box`` receives the Exporter (to cancel).

    ``cancelled`` is set by a Cancel that came before the Exporter existed: it is honoured as
    soon as the Exporter is made (the dialog sets it, then cancels the exporters in the box; this
    appends, then looks at it: a cancel is never lost between the two). ``pages_of``: the
    articles whose pages the report names.
    """
    assert callable(report)
    if cancelled.is_set():
        raise ExportCancelledError
    with open_source(address) as source:
        exporter = Exporter(source, out, progress=report, full=full, pages_of=pages_of)
        exporter_box.append(exporter)
        if cancelled.is_set():
            exporter.cancel()
        return exporter.run()


class ExportDialog(TaskDialog):
    finishedExport = Signal(object)  # ExportReport

    def __init__(
        self,
        address: str,
        state: WindowState,
        parent: QWidget | None = None,
        *,
        current: CurrentArticle | None = None,
        open_article: Callable[[int], object] | None = None,
    ) -> None:
        """``current``: the article open in the editor (its page is named after the export);
        ``open_article``: opens an article in the editor (a double-click in the list of the
        articles left out; without it the list only shows them)."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.start_button.setText(self.tr("Export"))
        self.setWindowTitle(self.tr("Export the site"))
        self._address = address
        self._state = state
        self._exporters: list[Exporter] = []
        self._cancelled = threading.Event()
        self._current = current
        self._open_article = open_article
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

        self.left_out_label = QLabel(self)
        self.left_out_label.setObjectName("exportLeftOut")
        self.left_out_label.setWordWrap(True)
        self.list_button = QPushButton(self.tr("Show list"), self)
        self.list_button.setCheckable(True)
        self.left_out_list = QTreeWidget(self)
        self.left_out_list.setObjectName("exportLeftOutList")
        self.left_out_list.setHeaderLabels([self.tr("Title"), self.tr("Reason"), self.tr("ID")])
        self.left_out_list.setRootIsDecorated(False)
        self.left_out_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.left_out_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        if open_article is not None:
            self.left_out_list.setToolTip(
                self.tr("Double-click an article to open it in the editor.")
            )
        self.page_label = QLabel(self)
        self.page_label.setObjectName("exportCurrentPage")
        self.page_label.setWordWrap(True)
        self.page_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.browser_button = QPushButton(self.tr("Open in browser"), self)
        self.page_path: Path | None = None  # the current article's page, once exported

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        grid = self._grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Folder"), self), 0, 0)
        grid.addLayout(folder_row, 0, 1)
        grid.addWidget(self.full_box, 1, 1)
        grid.addWidget(self.progress, 2, 0, 1, 2)
        grid.addWidget(self.phase_label, 3, 0, 1, 2)
        left_out_row = QHBoxLayout()
        left_out_row.addWidget(self.left_out_label, 1)
        left_out_row.addWidget(self.list_button, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(left_out_row, 4, 0, 1, 2)
        grid.addWidget(self.left_out_list, 5, 0, 1, 2)
        page_row = QHBoxLayout()
        page_row.addWidget(self.page_label, 1)
        page_row.addWidget(self.browser_button, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(page_row, 6, 0, 1, 2)
        grid.addWidget(self.buttons, 8, 0, 1, 2)  # row 7: the room to spare, while no list shows
        self.setMinimumWidth(520)

        self.choose_button.clicked.connect(self.choose_folder)
        self.open_button.clicked.connect(self.open_folder)
        self.list_button.toggled.connect(self.show_list)
        self.left_out_list.itemActivated.connect(self._activated)
        self.browser_button.clicked.connect(self.open_page)
        self._show_summary(None)
        self.show_list(False)

    @classmethod
    def open_for(
        cls,
        parent: QWidget,
        address: str,
        state: WindowState,
        *,
        current: CurrentArticle | None = None,
        open_article: Callable[[int], object] | None = None,
    ) -> ExportDialog:
        """Open the dialog (window-modal, not blocking) and return it."""
        dialog = cls(address, state, parent, current=current, open_article=open_article)
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
        self._show_summary(None)
        self.phase_label.setText(self.tr("Reading the archive…"))
        address, full, box = self._address, self.full_box.isChecked(), self._exporters
        cancelled = self._cancelled
        wanted = self._current.id if self._current is not None else None
        pages = {"pages_of": (wanted,)} if wanted is not None else {}
        self.run(lambda report: run_export(address, out, full, report, box, cancelled, **pages))

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
        self._show_summary(report)
        self.finishedExport.emit(report)

    def _failed(self, error: object) -> None:
        if isinstance(error, ExportCancelledError):
            self.phase_label.setText(self.tr("Cancelled. The previous export is unchanged."))
        else:
            self.phase_label.setText(self.tr("The export failed: {error}").format(error=error))

    def open_folder(self) -> None:
        target = self.report.out if self.report is not None else self.folder()
        Desktop.open_url(QUrl.fromLocalFile(str(target)))

    # ----------------------------------------------------------------- what was left out

    def _show_summary(self, report: ExportReport | None) -> None:
        """The articles ``report`` left out and the current article's page (all hidden before
        an export has finished)."""
        left_out = report.left_out if report is not None else []
        self.left_out_list.clear()
        for item in left_out:
            reason = status_label(item.reason)
            if item.reason == UNWRITABLE:
                reason = self.tr("Its page cannot be written: {error}").format(error=item.error)
            row = QTreeWidgetItem([item.title, reason, str(item.id)])
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            if item.reason == UNWRITABLE:
                row.setToolTip(1, item.path)
            self.left_out_list.addTopLevelItem(row)
        self.left_out_label.setText(self._left_out_text(report))
        self.left_out_label.setVisible(report is not None)
        self.list_button.setVisible(bool(left_out))
        self.list_button.setChecked(False)
        self.left_out_list.setVisible(False)
        self.page_path = None
        if report is not None and self._current is not None and self._current.id is not None:
            page = report.pages.get(self._current.id)
            self.page_path = report.out / page if page is not None else None
        self.page_label.setText(self._page_text(report))
        shown = report is not None and self._current is not None
        self.page_label.setVisible(shown)
        self.browser_button.setVisible(shown)
        self.browser_button.setEnabled(self.page_path is not None)

    def _left_out_text(self, report: ExportReport | None) -> str:
        if report is None:
            return ""
        if not report.left_out:
            return self.tr("Every article is on the site: none is a draft, in review or archived.")
        texts = []
        left_out = unpublished(report.left_out)
        if left_out:
            reasons = self.tr(", ").join(
                self.tr("{reason} {count}").format(reason=status_label(reason), count=count)
                for reason, count in by_reason(left_out).items()
            )
            texts.append(
                self.tr("Articles not exported (not published): {count} — {reasons}.").format(
                    count=len(left_out), reasons=reasons
                )
            )
        skipped = unwritable(report.left_out)
        if skipped:
            texts.append(
                self.tr(
                    "Published articles left out because a page of theirs cannot be written "
                    "(a name too long for the disk): {count}. The rest of the site is written."
                ).format(count=len(skipped))
            )
        return " ".join(texts)

    def _page_text(self, report: ExportReport | None) -> str:
        current = self._current
        if report is None or current is None:
            return ""
        if current.id is None:
            return self.tr("The article open in the editor is not saved yet: it is not exported.")
        title = current.title
        page = report.pages.get(current.id)
        if page is not None:
            return self.tr("The article open in the editor, “{title}”, is exported: {page}").format(
                title=title, page=page
            )
        reason = next((i.reason for i in report.left_out if i.id == current.id), None)
        if reason == UNWRITABLE:
            return self.tr(
                "The article open in the editor, “{title}”, is not exported: a page of its "
                "cannot be written (see the list). Shorten its category's names and export again."
            ).format(title=title)
        if reason is not None:
            return self.tr(
                "The article open in the editor, “{title}”, is not exported: it is “{status}”. "
                "Publish it and export again to put it on the site."
            ).format(title=title, status=status_label(reason))
        return self.tr(
            "The article open in the editor, “{title}”, is not in this export (it is in the "
            "trash, or was saved after the export read the archive)."
        ).format(title=title)

    def show_list(self, shown: bool) -> None:
        """Show or hide the list of the articles left out."""
        self.list_button.setChecked(shown)
        self.list_button.setText(self.tr("Hide list") if shown else self.tr("Show list"))
        self.left_out_list.setVisible(shown)
        self._grid.setRowStretch(5, int(shown))
        self._grid.setRowStretch(7, int(not shown))
        if shown:
            self.fit_height()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._open_article is None:
            return
        article_id = item.data(0, Qt.ItemDataRole.UserRole)
        self.close()  # window-modal: the editor behind it is to be seen
        self._open_article(int(article_id))

    def open_page(self) -> None:
        """Open the current article's page in the system browser."""
        if self.page_path is not None:
            Desktop.open_url(QUrl.fromLocalFile(str(self.page_path)))
