"""No text pushes the window off its screen (issue 13, point 3): long titles elide in labels,
tabs and lists with the whole title as tooltip, the main window never outgrows its screen, and the
History panel follows the title as the writer edits it.

The History panel once made a 1,400 px window 3,053 px wide on a 1,440 px screen: its heading, a
QLabel holding a 200-character title, asked for the title's width. One test runs the window in a
process of its own on a 1,440 x 900 offscreen screen (this process's screen is smaller).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.archive.schema import Article, Revision
from editor.domain.model import ArticleRecord
from editor.gui.editortabs import MAX_TAB_TITLE
from editor.gui.elided import PREFERRED_CHARS, ElidedLabel, KeepOnScreen
from editor.gui.history import HistoryPanel
from editor.gui.mainwindow import MainWindow
from tests.gui.conftest import news, type_text
from tests.samples import OFFSCREEN_WIDE

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
ROOT = Path(__file__).resolve().parents[2]
#: a 200-character title (the longest the form takes)
LONG_TITLE = ("金坛经开区召开第三次安全生产督查会暨重点项目推进会" * 10)[:200]
#: a title as long as an imported page may bring (longer than the form takes)
HUGE_TITLE = ("SuzhouIndustrialParkAnnualReview" * 70)[:2000]


def saved_twice(archive: Archive, title: str) -> ArticleRecord:
    service = ArticleService(archive, user="tester")
    first = service.create(news(title, body="第一段。\n\n金坛经开区召开督查会。"))
    return service.update(
        first.id,
        replace(first.to_input(), body="第一段。\n\n金坛经开区召开督查会。\n\n新的一段。"),
        expected_version=first.version,
    )


def inside(window: QWidget, widget: QWidget) -> bool:
    """``widget`` is shown, all of it within ``window``."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return widget.isVisible() and window.rect().contains(rect)


def open_history(qtbot: QtBot, window: MainWindow, article_id: int) -> HistoryPanel:
    window.open_article(article_id)
    if not window.history_dock.isVisible():
        window.history_action.trigger()
    panel = window.history
    qtbot.waitUntil(
        lambda: panel.article_id == article_id and bool(panel.entries) and bool(panel.diff.rows),
        timeout=30_000,
    )
    return panel


# ---------------------------------------------------------------------------- the labels


def test_an_eliding_label_asks_for_a_few_characters_and_tells_the_rest_in_its_tooltip(
    qtbot: QtBot,
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = ElidedLabel(LONG_TITLE, holder)
    QVBoxLayout(holder).addWidget(label)
    metrics = label.fontMetrics()
    assert label.minimumSizeHint().width() < 4 * metrics.averageCharWidth()
    assert label.sizeHint().width() <= metrics.averageCharWidth() * PREFERRED_CHARS + 2
    assert holder.minimumSizeHint().width() < 100  # a QLabel would ask for the whole title
    holder.resize(300, 40)
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.waitUntil(lambda: label.elided(), timeout=5_000)
    assert label.text() == LONG_TITLE
    assert label.shown_text().endswith("…")
    assert metrics.horizontalAdvance(label.shown_text()) <= label.contentsRect().width()
    assert label.toolTip() == LONG_TITLE
    label.setText("短标题")  # fits: shown whole, no tooltip
    assert (label.shown_text(), label.toolTip()) == ("短标题", "")
    label.setText("第一行\n第二行")  # one line always
    assert label.text() == "第一行 第二行"


def test_a_window_never_outgrows_its_screen(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    wide = QLabel("宽" * 3000, window)  # a label that asks for 40,000 px
    QVBoxLayout(window).addWidget(wide)
    KeepOnScreen(window)
    window.show()
    qtbot.waitExposed(window)
    limit = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: window.frameGeometry().width() <= limit.width(), timeout=5_000)
    assert window.minimumWidth() <= limit.width()
    window.resize(limit.width() * 3, limit.height() * 3)  # say, a geometry from a larger screen
    qtbot.waitUntil(
        lambda: (
            window.frameGeometry().width() <= limit.width()
            and window.frameGeometry().height() <= limit.height()
        ),
        timeout=5_000,
    )


def test_a_banner_with_a_long_unbreakable_word_does_not_widen_its_panel(qtbot: QtBot) -> None:
    from editor.gui.locks import Banner  # noqa: PLC0415

    banner = Banner("warning", "lock")
    qtbot.addWidget(banner)
    address = "https://example.com/" + "x" * 2000  # one word: word wrap cannot break it
    banner.show_message(f"无法连接 {address}")
    assert banner.minimumSizeHint().width() < 400
    assert banner.sizeHint().width() < 1000
    assert banner.label.toolTip() == f"无法连接 {address}"


# ---------------------------------------------------------------------------- the main window


def test_history_with_a_long_title_stays_on_screen_and_elides_the_title(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    record = saved_twice(archive, LONG_TITLE)
    window = make_window(archive)
    panel = open_history(qtbot, window, record.id)
    screen = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: panel.heading.elided(), timeout=5_000)

    assert window.frameGeometry().width() <= screen.width()
    assert window.frameGeometry().height() <= screen.height()
    for part in (panel.restore_button, panel.diff.left, panel.diff.right, panel.list):
        assert inside(window, part), part.objectName()
    assert window.preview is not None
    assert inside(window, window.preview)
    assert LONG_TITLE in panel.heading.text()
    assert panel.heading.toolTip() == panel.heading.text()
    assert panel.heading.width() <= panel.width()


def test_the_history_follows_the_title_as_the_writer_edits_it(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    record = saved_twice(archive, "金坛召开督查会")
    window = make_window(archive)
    panel = open_history(qtbot, window, record.id)
    assert "金坛召开督查会" in panel.heading.text()
    tab = window.current_tab()
    assert tab is not None
    tab.form.title_edit.setFocus()
    tab.form.title_edit.end(False)
    type_text(tab.form.title_edit, "（更正）")
    qtbot.waitUntil(lambda: "金坛召开督查会（更正）" in panel.heading.text(), timeout=5_000)
    assert panel.title() == "金坛召开督查会（更正）"
    panel.reload()  # a save or an autosave reloads it: the edited title stays
    qtbot.waitUntil(lambda: "（更正）" in panel.heading.text(), timeout=30_000)


def test_tabs_elide_their_titles_and_tell_the_whole_title(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    record = saved_twice(archive, LONG_TITLE)
    window = make_window(archive)
    window.open_article(record.id)
    tabs = window.tabs
    index = tabs.currentIndex()
    assert len(tabs.tabText(index)) <= MAX_TAB_TITLE
    assert tabs.tabToolTip(index) == LONG_TITLE
    assert tabs.elideMode() == Qt.TextElideMode.ElideRight
    assert tabs.tabBar().tabRect(index).width() < window.width() // 2


def test_a_status_message_with_a_long_title_does_not_widen_the_window(
    qtbot: QtBot, archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(archive)
    before = window.width()
    window.statusBar().showMessage(f"“{HUGE_TITLE}” is in the trash now.")
    window.location_label.setText(f"Archive: /{'很长的文件夹/' * 200}archive.sqlite3")
    QApplication.processEvents()
    assert window.width() == before <= window.screen().availableGeometry().width()
    assert window.location_label.elided()
    assert window.location_label.shown_text().endswith("archive.sqlite3")  # elided in the middle


# ---------------------------------------------------------------------------- a 1,440 px screen

WIDE_SCREEN_WINDOW = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QEventLoop, QRect, QTimer
    from editor.app import create_application
    from editor.archive.database import open_archive
    from editor.gui.mainwindow import MainWindow

    app = create_application(["zonedesk-overflow"])
    archive = open_archive(sys.argv[1])
    window = MainWindow(archive)
    window.show()

    def wait_until(condition, what, ms=60_000):
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: condition() and loop.quit())
        poll.start(20)
        QTimer.singleShot(ms, loop.quit)
        if not condition():
            loop.exec()
        poll.stop()
        if not condition():
            sys.exit(f"timed out waiting for {what}")

    def inside(widget):
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        return widget.isVisible() and window.rect().contains(rect)

    def measure(what):
        app.processEvents()
        panel = window.history
        parts = (panel.restore_button, panel.diff.left, panel.diff.right, panel.list)
        return {
            "what": what,
            "width": window.frameGeometry().width(),
            "height": window.frameGeometry().height(),
            "inside": [inside(p) for p in parts],
            "preview": window.preview is not None and inside(window.preview),
        }

    wait_until(lambda: window.preview is not None, "the preview")
    report = {"screen": window.screen().availableGeometry().getRect(), "shown": []}
    panel = window.history
    for article_id in map(int, sys.argv[2:]):
        window.open_article(article_id)
        if not window.history_dock.isVisible():
            window.history_action.trigger()
        wait_until(
            lambda: panel.article_id == article_id and panel.entries and panel.diff.rows,
            "the history of the article",
        )
        report["shown"].append(measure(f"{article_id}: {len(panel.heading.text())}"))
        # the revisions' own titles (as long as the archive holds them), compared side by side
        panel.set_title(panel.entries[0].title)
        shown = panel.diff_shown
        panel.select_numbers([e.number for e in panel.entries[-2:]])
        wait_until(
            lambda: panel.diff_shown is not shown,
            "the comparison",
        )
        report["shown"].append(measure(f"{article_id}: {len(panel.heading.text())} compared"))
    window.close()
    print(json.dumps(report), flush=True)
    """
)


def test_on_a_1440_px_screen_history_with_200_and_2000_character_titles_stays_on_screen(
    tmp_path: Path, sqlite_url: str
) -> None:
    with open_archive(sqlite_url) as archive:
        long = saved_twice(archive, LONG_TITLE)
        huge = saved_twice(archive, "占位标题")
        # an imported page's title may be longer than the form takes: the archive holds it
        with archive.session() as session, session.begin():
            for number, title in ((1, HUGE_TITLE), (2, HUGE_TITLE[::-1])):
                session.execute(
                    update(Revision)
                    .where(Revision.article_id == huge.id, Revision.number == number)
                    .values(title=title)
                )
            session.execute(update(Article).where(Article.id == huge.id).values(title=HUGE_TITLE))
    done = subprocess.run(
        [sys.executable, "-c", WIDE_SCREEN_WINDOW, sqlite_url, str(long.id), str(huge.id)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": OFFSCREEN_WIDE},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [0, 0, 1440, 900]
    assert len(report["shown"]) == 4
    for shown in report["shown"]:
        assert shown["width"] <= 1440, shown
        assert shown["height"] <= 900, shown
        assert all(shown["inside"]), shown  # 恢复此版本, both diff panes, the list
        assert shown["preview"], shown
