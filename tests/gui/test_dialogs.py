"""Export, import, site settings and preferences from the GUI."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from editor import app as zapp
from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.export import settings as site
from editor.export.exporter import Exporter, ExportProgress, ExportReport
from editor.gui.dialogs import exportdialog
from editor.gui.dialogs.common import Ask, Choice, Desktop, FileChooser
from editor.gui.dialogs.exportdialog import ExportDialog
from editor.gui.dialogs.importdialog import ImportDialog
from editor.gui.dialogs.preferences import PreferencesDialog
from editor.gui.dialogs.sitedialog import SiteDialog
from editor.gui.mainwindow import MainWindow
from editor.gui.settings import Preferences, WindowState
from tests.gui.conftest import news, wait_for_preview

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]


def test_export_through_the_dialog_then_open_the_folder(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "site"
    monkeypatch.setattr(
        FileChooser, "folder", classmethod(lambda cls, p, title, start="": str(out))
    )
    opened: list[str] = []
    monkeypatch.setattr(
        Desktop, "open_url", classmethod(lambda cls, url: opened.append(url.toLocalFile()))
    )
    window = make_window(news_archive)
    dialog = window.show_export()
    assert isinstance(dialog, ExportDialog)
    assert dialog.isVisible()
    dialog.choose_button.click()
    assert dialog.folder() == out
    progress: list[str] = []
    dialog.task.progressed.connect(lambda event: progress.append(event.phase))
    dialog.start_button.click()
    assert not dialog.start_button.isEnabled()
    assert dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    report = dialog.report
    assert report is not None
    assert report.articles == 3
    assert (out / "index.html").is_file()
    pages = list(out.rglob("*.html"))
    assert any("金坛召开第三次督查会" in p.read_text(encoding="utf-8") for p in pages)
    assert "rendering" in progress or "reading" in progress
    # the closing summary wraps onto more lines than "Ready." had: the dialog grew to show them
    label = dialog.phase_label
    assert label.text().startswith(f"{report.files} files")
    assert label.heightForWidth(label.width()) > label.fontMetrics().lineSpacing()
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    assert opened == [str(out)]
    assert window.window_state.export_folder == str(out)
    dialog.close()


def _gated_export(
    monkeypatch: pytest.MonkeyPatch, phase: str | None
) -> tuple[threading.Event, threading.Event]:
    """Hold the dialog's export on its pool thread: before it starts (``phase`` None) or at the
    first progress event of ``phase``; returns (reached, release)."""
    reached, release = threading.Event(), threading.Event()
    real = exportdialog.run_export

    def gated(
        address: str,
        out: Path,
        full: bool,
        report: Callable[[object], None],
        box: list[Exporter],
        cancelled: threading.Event,
    ) -> ExportReport:
        def held(event: object) -> None:
            if isinstance(event, ExportProgress) and event.phase == phase and not reached.is_set():
                reached.set()
                release.wait(60)  # an upper bound: the test releases it
            report(event)

        if phase is None:
            reached.set()
            release.wait(60)  # an upper bound: the test releases it
        return real(address, out, full, held, box, cancelled)

    monkeypatch.setattr(exportdialog, "run_export", gated)
    return reached, release


@pytest.mark.parametrize("phase", [None, "planning", "rendering"])
def test_a_cancelled_export_stops_and_leaves_the_previous_one_whole(
    qtbot: QtBot,
    news_archive: Archive,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    phase: str | None,
) -> None:
    from editor.gui.settings import WindowState  # noqa: PLC0415

    out = tmp_path / "exports" / "site"
    out.parent.mkdir()
    dialog = ExportDialog(str(news_archive.path), WindowState())
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.show()
    dialog.start_button.click()  # a first, whole export
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    ArticleService(news_archive).create(news("取消导出时新增的稿件", 20))

    reached, release = _gated_export(monkeypatch, phase)
    dialog.start_button.click()
    qtbot.waitUntil(reached.is_set, timeout=30_000)
    dialog.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=60_000)
    assert dialog.report is None
    assert dialog.phase_label.text() == "Cancelled. The previous export is unchanged."
    assert dialog.start_button.isEnabled()
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    left = sorted(p.name for p in out.parent.iterdir())
    assert left == [".site.zonedesk-lock", "site"]  # no staging folder left beside it


def test_closing_the_dialog_while_it_exports_cancels_the_export(
    qtbot: QtBot, news_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.gui.settings import WindowState  # noqa: PLC0415

    out = tmp_path / "site"
    dialog = ExportDialog(str(news_archive.path), WindowState())
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.show()
    assert not dialog.cancel_button.isVisible()  # nothing to cancel yet
    reached, release = _gated_export(monkeypatch, "rendering")
    dialog.start_button.click()
    qtbot.waitUntil(reached.is_set, timeout=30_000)
    assert dialog.cancel_button.isVisible()
    assert not dialog.close_button.isEnabled()
    dialog.close()
    assert dialog.isVisible()  # it waits for the export to stop
    assert dialog.phase_label.text() == "Cancelling…"
    release.set()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=60_000)
    assert dialog.phase_label.text() == "Cancelled. The previous export is unchanged."
    assert not out.exists()
    dialog.close()
    assert not dialog.isVisible()


def test_import_through_the_dialog_reports_bad_lines(
    qtbot: QtBot,
    news_archive: Archive,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = {
        "id": "ext-1",
        "title": "导入的稿件",
        "body": "导入的正文",
        "published_at": "2022-05-06T10:00:00+08:00",
        "source": "人民网",
        "zone": "苏州工业园区",
        "category": ["开发区新闻", "苏州", "文字新闻"],
    }
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "x"})]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(FileChooser, "jsonl_file", classmethod(lambda cls, p: str(path)))
    window = make_window(news_archive)
    dialog = window.show_import()
    dialog.choose_button.click()
    assert dialog.file_edit.text() == str(path)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    report = dialog.report
    assert report is not None
    assert report.created == 1
    assert len(report.bad) == 2
    problems = dialog.problems_view.toPlainText().splitlines()
    assert problems[0].startswith("line 2: ")
    assert problems[1].startswith("line 3: ")
    assert "1" in dialog.summary_label.text()
    qtbot.waitUntil(lambda: window.browser.model.total == 4, timeout=30_000)
    assert "人民网" in window._sources
    dialog.close()


def test_the_site_settings_dialog_checks_and_stores_each_value(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    dialog = SiteDialog(news_archive, window)
    qtbot.addWidget(dialog)
    assert dialog.fields["site.name"].text() == "投促中国"
    dialog.fields["site.email"].setText("not an address")
    dialog.fields["site.base_url"].setText("ftp://x")
    assert not dialog.save()
    assert dialog.problems["site.email"].isVisibleTo(dialog)
    assert "e-mail" in dialog.problems["site.email"].text()
    assert dialog.problems["site.base_url"].text()
    assert site.read_raw(news_archive)["site.email"] == "info@investchn.com"

    dialog.fields["site.email"].setText("news@zone.cn")
    dialog.fields["site.base_url"].setText("https://news.zone.cn")
    dialog.fields["site.name"].setText("开发区新闻网")
    assert dialog.save()
    stored = site.read_raw(news_archive)
    assert stored["site.email"] == "news@zone.cn"
    assert stored["site.base_url"] == "https://news.zone.cn/"
    assert stored["site.name"] == "开发区新闻网"


def test_new_site_settings_show_in_the_preview(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(news_archive)
    first = ArticleService(news_archive).list_articles().items[0]
    window.open_article(first.id)
    wait_for_preview(qtbot, window, "投促中国")

    def edit(cls: type, parent: object, archive: Archive) -> bool:
        site.save_site_setting(archive, "site.slogan", "新的标语")
        return True

    monkeypatch.setattr(SiteDialog, "edit", classmethod(edit))
    window.site_action.trigger()
    wait_for_preview(qtbot, window, "新的标语")


def test_preferences_choose_the_language_for_the_next_start(qtbot: QtBot) -> None:
    preferences = Preferences()
    assert preferences.language == ""
    dialog = PreferencesDialog(preferences)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.save()
    assert Preferences().language == "en"
    assert zapp.ui_language({}, "zh_CN", preferred=Preferences().language) == "en"
    assert zapp.ui_language({"ZONEDESK_LANG": "zh_CN"}, "en_US", preferred="en") == "zh_CN"


def test_preferences_turn_spell_rules_off_and_back_on(qtbot: QtBot) -> None:
    preferences = Preferences()
    assert preferences.spell_enabled
    assert preferences.disabled_rules == frozenset()
    dialog = PreferencesDialog(preferences)
    qtbot.addWidget(dialog)
    assert all(box.isChecked() for box in dialog.rule_boxes.values())
    dialog.rule_boxes["style.halfwidth-punctuation"].setChecked(False)
    dialog.rule_boxes["spell.unknown-word"].setChecked(False)
    dialog.save()
    assert Preferences().disabled_rules == {"style.halfwidth-punctuation", "spell.unknown-word"}
    again = PreferencesDialog(Preferences())
    qtbot.addWidget(again)
    assert not again.rule_boxes["spell.unknown-word"].isChecked()
    again.spell_group.setChecked(False)
    again.rule_boxes["spell.unknown-word"].setChecked(True)
    again.save()
    assert not Preferences().spell_enabled
    assert Preferences().disabled_rules == {"style.halfwidth-punctuation"}


def test_closed_dialogs_are_freed(qtbot: QtBot, news_archive: Archive) -> None:
    from editor.gui.settings import WindowState  # noqa: PLC0415

    dialog = ExportDialog(str(news_archive.path), WindowState())
    destroyed: list[bool] = []
    dialog.destroyed.connect(lambda: destroyed.append(True))
    dialog.show()
    dialog.close()
    qtbot.waitUntil(lambda: destroyed == [True], timeout=30_000)

    importer = ImportDialog(ArticleService(news_archive))
    importer.destroyed.connect(lambda: destroyed.append(True))
    importer.show()
    importer.close()
    qtbot.waitUntil(lambda: destroyed == [True, True], timeout=30_000)
    QApplication.processEvents()
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


# ---------------------------------------------------------------------------------------------
# What the export and import dialogs do with a folder or a file they cannot use


def test_the_export_dialog_needs_a_folder_and_says_when_it_cannot_write_there(
    qtbot: QtBot, news_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = WindowState()
    dialog = ExportDialog(str(news_archive.path), state)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(FileChooser, "folder", classmethod(lambda cls, p, title, start="": None))
    before = dialog.folder_edit.text()
    dialog.choose_button.click()  # the chooser cancelled: the folder stays
    assert dialog.folder_edit.text() == before

    dialog.folder_edit.setText("   ")
    dialog.start_button.click()  # no folder: nothing starts
    assert not dialog.task.running
    assert dialog.phase_label.text() == "Ready."
    assert state.export_folder != "   "

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    dialog.folder_edit.setText(str(blocker / "site"))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=60_000)
    assert dialog.phase_label.text().startswith("The export failed: ")
    assert dialog.report is None
    assert not dialog.open_button.isEnabled()
    assert dialog.start_button.isEnabled()  # the writer can name another folder and go on
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_open_folder_before_an_export_opens_the_folder_named(
    qtbot: QtBot, news_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        Desktop, "open_url", classmethod(lambda cls, url: opened.append(url.toLocalFile()))
    )
    state = WindowState()
    state.export_folder = str(tmp_path)
    dialog = ExportDialog(str(news_archive.path), state)
    qtbot.addWidget(dialog)
    assert dialog.folder() == tmp_path
    dialog.open_folder()
    assert opened == [str(tmp_path)]


def test_the_import_dialog_asks_for_a_file_and_reports_one_it_cannot_read(
    qtbot: QtBot, news_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def no_file(cls: type, parent: object) -> None:
        asked.append("jsonl")

    monkeypatch.setattr(FileChooser, "jsonl_file", classmethod(no_file))
    dialog = ImportDialog(ArticleService(news_archive))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_button.click()  # no file named: the chooser opens instead
    assert asked == ["jsonl"]
    assert not dialog.task.running
    assert dialog.file_edit.text() == ""

    dialog.file_edit.setText(str(tmp_path / "missing.jsonl"))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=60_000)
    assert dialog.summary_label.text().startswith("The import failed: ")
    assert dialog.report is None
    assert ArticleService(news_archive).count() == 3


def test_the_page_import_dialog_takes_files_or_a_folder(
    qtbot: QtBot, news_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.txt"
    chosen: list[list[str]] = [[], [str(first), str(second)]]
    monkeypatch.setattr(FileChooser, "page_files", classmethod(lambda cls, p: chosen.pop(0)))
    folders: list[str | None] = [None, str(tmp_path)]
    monkeypatch.setattr(
        FileChooser, "folder", classmethod(lambda cls, p, title, start="": folders.pop(0))
    )
    dialog = ImportDialog(ArticleService(news_archive), pages=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.folder_button.isVisible()
    assert dialog.cancellable()
    dialog.start_button.click()  # nothing named: the chooser opens, and is cancelled
    assert dialog.file_edit.text() == ""
    dialog.choose_button.click()
    assert dialog.paths() == [first, second]
    dialog.folder_button.click()  # cancelled: the files stay
    assert dialog.paths() == [first, second]
    dialog.folder_button.click()
    assert dialog.paths() == [tmp_path]


# ---------------------------------------------------------------------------------------------
# The small questions: which button means what


@pytest.mark.parametrize(
    ("button", "choice"),
    [
        (QMessageBox.StandardButton.Save, Choice.SAVE),
        (QMessageBox.StandardButton.SaveAll, Choice.SAVE),
        (QMessageBox.StandardButton.Discard, Choice.DISCARD),
        (QMessageBox.StandardButton.Cancel, Choice.CANCEL),
        (QMessageBox.StandardButton.NoButton, Choice.CANCEL),  # closed with Esc
    ],
)
def test_the_unsaved_changes_questions_map_each_button_to_a_choice(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    button: QMessageBox.StandardButton,
    choice: Choice,
) -> None:
    shown: list[tuple[str, str]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return int(button.value)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert Ask.unsaved_changes(None, "金坛召开第三次督查会") is choice
    assert Ask.unsaved_on_quit(None, ["稿件一", "稿件二"]) is choice
    assert "金坛召开第三次督查会" in shown[0][0]
    assert shown[1][1] == "• 稿件一\n• 稿件二"


def test_a_cancelled_file_chooser_chooses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: "")
    assert FileChooser.jsonl_file(None) is None
    assert FileChooser.archive_file(None) is None
    assert FileChooser.folder(None, "导出到") is None
    assert FileChooser.image_files(None) == []
    assert FileChooser.page_files(None) == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: ("/data/a.jsonl", "*"))
    assert FileChooser.jsonl_file(None) == "/data/a.jsonl"


def test_another_archive_opens_in_a_process_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str, list[str]]] = []

    def start(program: str, arguments: list[str]) -> tuple[bool, int]:
        started.append((program, arguments))
        return True, 4321

    monkeypatch.setattr(QProcess, "startDetached", start)
    assert Desktop.open_archive("/data/other.sqlite3")
    assert started[0][1][-2:] == ["--db", "/data/other.sqlite3"]
    assert started[0][1][0].endswith("main.py")
    monkeypatch.setattr("sys.frozen", True, raising=False)  # the bundle is ZoneDesk itself
    assert Desktop.open_archive("/data/other.sqlite3")
    assert started[1][1] == ["--db", "/data/other.sqlite3"]


def test_an_export_over_an_unreadable_manifest_rebuilds_and_says_why(
    qtbot: QtBot, news_archive: Archive, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / ".zonedesk-export.json").write_text("{not json", encoding="utf-8")
    dialog = ExportDialog(str(news_archive.path), WindowState())
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.show()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    report = dialog.report
    assert report is not None
    assert report.articles == 3
    warning = dialog.phase_label.text().split("\n")[1:]
    assert warning == [f"the manifest in {out} was unreadable: everything rebuilt"]
