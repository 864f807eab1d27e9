"""File > Import pages…: the portal's saved pages imported from the GUI, with the same report as
the command line, and the articles in the archive browser."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.archive.jsonl import ImportReport
from editor.archive.pages import PageImportReport
from editor.gui.dialogs import importdialog
from editor.gui.dialogs.common import FileChooser
from editor.gui.dialogs.importdialog import ImportDialog
from editor.gui.mainwindow import MainWindow

pytestmark = pytest.mark.gui

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
MakeWindow = Callable[[Archive], MainWindow]


def until_cancelled(cancelled: Callable[[], bool]) -> None:
    """What a page import does between pages: look whether the user cancelled (here until they
    do; 60 s is only an upper bound, the tests cancel as soon as the import runs)."""
    deadline = time.monotonic() + 60
    while not cancelled():
        if time.monotonic() > deadline:
            raise AssertionError("never cancelled")
        threading.Event().wait(0.01)


def open_page_import(window: MainWindow) -> ImportDialog:
    """Open the dialog the way a user does: the File menu's entry."""
    entries = [a for a in window.file_menu.actions() if a is window.import_pages_action]
    assert entries, "File > Import pages… is missing"
    entries[0].trigger()
    dialogs = [d for d in window.findChildren(ImportDialog) if d.pages and d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_import_pages_from_the_file_menu_reports_and_fills_the_browser(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "saved"
    shutil.copytree(PAGES, folder)
    monkeypatch.setattr(
        FileChooser, "folder", classmethod(lambda cls, p, title, start="": str(folder))
    )
    window = make_window(news_archive)
    assert window.browser.model.total == 3
    dialog = open_page_import(window)
    assert dialog.folder_button.isVisible()
    dialog.folder_button.click()
    assert dialog.paths() == [folder]
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    report = dialog.report
    assert isinstance(report, PageImportReport)
    assert (report.pages, report.created, report.drafts) == (7, 6, 1)
    problems = dialog.problems_view.toPlainText().splitlines()
    assert problems[0].startswith("broken.html: not imported: the file is binary")
    assert (
        "kunshan-missing.html: Source not found; imported as a draft (来源 not found)" in problems
    )
    assert any(p.startswith("kunshan-missing.html: Category not found;") for p in problems)
    assert "7 pages: 6 new" in dialog.summary_label.text()
    qtbot.waitUntil(lambda: window.browser.model.total == 9, timeout=30_000)
    assert "苏州日报" in window._sources
    dialog.close()

    again = open_page_import(window)
    again.set_paths([str(folder / "suzhou-2021.html"), str(folder / "hefei-2019.txt")])
    again.start_button.click()
    qtbot.waitUntil(lambda: again.report is not None, timeout=60_000)
    assert isinstance(again.report, PageImportReport)
    assert (again.report.created, again.report.unchanged) == (0, 2)
    assert ArticleService(news_archive).count() == 9
    again.close()


def test_choosing_page_files_and_cancelling_between_pages(
    qtbot: QtBot, news_archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = [str(PAGES / "hefei-2019.txt"), str(PAGES / "wuxi-gbk.html")]
    monkeypatch.setattr(FileChooser, "page_files", classmethod(lambda cls, p: chosen))
    started = threading.Event()

    def slow_import(service, paths, *, progress, cancelled):
        assert [str(p) for p in paths] == chosen
        progress(1, 2)
        started.set()
        until_cancelled(cancelled)
        return PageImportReport(pages=1, created=1, cancelled=True)

    monkeypatch.setattr(importdialog, "import_pages", slow_import)
    dialog = ImportDialog(ArticleService(news_archive), pages=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_button.click()
    assert dialog.file_edit.text() == "; ".join(chosen)
    dialog.start_button.click()
    qtbot.waitUntil(started.is_set, timeout=30_000)
    qtbot.waitUntil(dialog.cancel_button.isVisible, timeout=30_000)
    assert not dialog.close_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert "Cancelled" in dialog.summary_label.text()
    assert dialog.close_button.isEnabled()
    assert not dialog.cancel_button.isVisible()


def test_the_page_import_speaks_chinese(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    use_language: Callable[[str], object],
) -> None:
    use_language("zh_CN")
    window = make_window(news_archive)
    assert window.import_pages_action.text().replace("&", "").startswith("导入")
    dialog = ImportDialog(ArticleService(news_archive), window, pages=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "导入网页"
    assert dialog.field_labels()["source"] == "来源"
    QApplication.processEvents()


@pytest.mark.parametrize("pages", [True, False])
def test_closing_while_an_import_runs_keeps_the_dialog(
    qtbot: QtBot,
    news_archive: Archive,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pages: bool,
) -> None:
    """A page import is asked to stop after its page; a JSON Lines import (one transaction) is
    waited for. Either way the dialog stays until the import has ended, then closes."""
    started, release = threading.Event(), threading.Event()

    def slow_pages(service, paths, *, progress, cancelled):
        started.set()
        until_cancelled(cancelled)
        return PageImportReport(pages=1, created=1, cancelled=True)

    def slow_lines(service, path, *, progress):
        started.set()
        release.wait(60)  # an upper bound: the test releases it
        return ImportReport(lines=0)

    monkeypatch.setattr(importdialog, "import_pages", slow_pages)
    monkeypatch.setattr(importdialog, "import_jsonl", slow_lines)
    dialog = ImportDialog(ArticleService(news_archive), pages=pages)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_paths([str(tmp_path / "some.jsonl")])
    dialog.start_button.click()
    qtbot.waitUntil(started.is_set, timeout=30_000)
    assert dialog.cancel_button.isVisible() is pages
    dialog.close()
    assert dialog.isVisible()  # still running: the dialog stays
    if pages:
        assert dialog._cancel.is_set()
        assert not dialog.cancel_button.isEnabled()
    else:
        assert dialog.start_button.isVisible()
        assert not dialog.close_button.isEnabled()
        release.set()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert dialog.close_button.isEnabled()
    assert not dialog.cancel_button.isVisible()
    dialog.close()
    assert not dialog.isVisible()
