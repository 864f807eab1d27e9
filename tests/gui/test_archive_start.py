"""The GUI's start on an archive that is new, or damaged (editor.app.run_gui, offscreen)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from editor import app as zapp
from editor.gui.mainwindow import MainWindow
from tests.unit.test_damaged_archive import fill, flip_bytes

pytestmark = pytest.mark.gui


def main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_the_first_start_says_it_created_a_new_archive(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZONEDESK_LANG", "en")
    db = tmp_path / "first" / "archive.sqlite3"
    said: list[str] = []

    def look_then_quit() -> None:
        said.extend(w.statusBar().currentMessage() for w in main_windows())
        qapp.quit()

    QTimer.singleShot(0, look_then_quit)
    assert zapp.run_gui(f"sqlite:///{db}", ["zonedesk"]) == 0
    assert said == [f"Created a new archive at {db}"]
    assert db.is_file()

    QTimer.singleShot(0, look_then_quit)  # the second start has nothing to say of it
    assert zapp.run_gui(f"sqlite:///{db}", ["zonedesk"]) == 0
    assert said[1:] == [""]


def test_a_damaged_archive_at_the_start_is_a_dialog_with_the_way_out(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZONEDESK_LANG", "en")
    db = tmp_path / "archive.sqlite3"
    fill(db, tmp_path)
    flip_bytes(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
    # the window must not open; if it does, this ends its event loop (and run_gui returns 0)
    ender = QTimer()
    ender.setSingleShot(True)
    ender.timeout.connect(qapp.quit)
    ender.start(0)
    try:
        assert zapp.run_gui(f"sqlite:///{db}", ["zonedesk"]) == 2
    finally:
        ender.stop()  # no loop ran: no quit may be left for a later test's loop
    assert main_windows() == []
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "The archive is damaged"
    assert text.startswith(f"The archive {db} is damaged, so ZoneDesk did not open it")
    assert f"`main.py --db {db} verify`" in text
    assert "`main.py --db NEW.sqlite3 restore BACKUP`" in text
    assert f"`sqlite3 {db} .recover | sqlite3 NEW.sqlite3`" in text
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
