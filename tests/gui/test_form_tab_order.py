"""The article form from the keyboard: Tab goes through the fields in the order they are read
(left to right, top to bottom, one stop per field; the tree and calendar buttons have keys of
their own: F4, Alt+Down), and a slug the archive made up shows its start, as a loaded one does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from editor.archive.database import Archive
from editor.domain.model import DEFAULT_TZ
from editor.gui.articleform import ArticleForm, FormDefaults
from editor.gui.mainwindow import MainWindow

pytestmark = pytest.mark.gui


def _owner(widget: QWidget, form: ArticleForm) -> str:
    """The name of the form field whose widget is ``widget`` or holds it."""
    fields = {
        "title": form.title_edit,
        "category": form.category_picker,
        "zone": form.zone_combo,
        "source": form.source_combo,
        "published_at": form.time_edit,
        "author": form.author_edit,
        "status": form.status_combo,
        "tags": form.tags_edit,
        "slug": form.slug_edit,
        "summary": form.summary_edit,
    }
    for name, field in fields.items():
        if widget is field or field.isAncestorOf(widget):
            return name
    return widget.objectName() or type(widget).__name__


def test_tab_visits_every_field_once_in_reading_order(qtbot: QtBot) -> None:
    form = ArticleForm()
    qtbot.addWidget(form)
    form.load(None, FormDefaults(dt.datetime(2026, 5, 1, 9, 30, tzinfo=DEFAULT_TZ)))
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.title_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.title_edit)
    visited = ["title"]
    for _ in range(9):
        before = QApplication.focusWidget()
        assert before is not None
        qtbot.keyClick(before, Qt.Key.Key_Tab)

        def moved(before: QWidget = before) -> bool:
            return QApplication.focusWidget() is not before

        qtbot.waitUntil(moved)
        now = QApplication.focusWidget()
        assert now is not None
        visited.append(_owner(now, form))
    assert visited == [
        "title",
        "category",
        "zone",
        "source",
        "published_at",
        "author",
        "status",
        "tags",
        "slug",
        "summary",
    ]


def test_a_slug_made_at_the_first_save_shows_its_start(
    qtbot: QtBot, news_archive: Archive, make_window: Callable[[Archive], MainWindow]
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    form = tab.form
    form.title_edit.setText("金坛经开区新签约项目十二个总投资超过一百亿元")
    form.title_edit.textEdited.emit(form.title_edit.text())
    assert form.category_picker.choose(("开发区新闻", "常州", "文字新闻"))
    assert window.save_current()
    assert tab.record is not None
    assert form.slug_edit.text() == tab.record.slug
    assert tab.record.slug.startswith("jin-tan")
    assert form.slug_edit.cursorPosition() == 0
