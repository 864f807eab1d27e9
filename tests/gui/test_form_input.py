"""The article form keeps what the writer typed: a time read whole (or refused in words), a text
over its limit kept whole with its count, a typed zone taken only when it names one zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.archive.registry import ZONES
from editor.domain.model import DEFAULT_TZ, ZoneRecord
from editor.gui.articleform import ArticleForm, FormDefaults
from editor.gui.mainwindow import MainWindow
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui

MakeWindow = Callable[[Archive], MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
BEFORE = dt.datetime(2026, 5, 1, 9, 30, tzinfo=DEFAULT_TZ)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=DEFAULT_TZ)


@pytest.fixture
def form(qtbot: QtBot) -> ArticleForm:
    """A new article's form, shown, with the registry's zones to choose from."""
    shown = ArticleForm()
    qtbot.addWidget(shown)
    zones = [
        ZoneRecord(i, z.name, z.short_name, z.province, z.city, z.level)
        for i, z in enumerate(ZONES, 1)
    ]
    shown.set_choices(zones, ["金坛手机台"], [])
    shown.load(None, FormDefaults(BEFORE))
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def retype(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    """Ctrl+A, then type ``text`` (any script), then Enter."""
    qtbot.keyClick(line, Qt.Key.Key_A, CTRL)
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        type_text(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def paste(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    """Ctrl+A, then Ctrl+V of ``text`` from the clipboard."""
    clipboard = QApplication.clipboard()
    clipboard.setText(text)
    qtbot.waitUntil(lambda: clipboard.text() == text)
    qtbot.keyClick(line, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(line, Qt.Key.Key_V, CTRL)


# ------------------------------------------------------------------------------ the time


def test_a_new_article_starts_at_the_given_beijing_time(form: ArticleForm) -> None:
    assert form.time_edit.text() == "2026-05-01 09:30"
    assert form.value("").published_at == BEFORE


def test_a_date_typed_over_the_time_takes_its_year(qtbot: QtBot, form: ArticleForm) -> None:
    line = form.time_edit.line
    with qtbot.waitSignal(form.edited):
        retype(qtbot, line, "2020-10-10")
    assert form.value("").published_at == at(2020, 10, 10)
    assert line.text() == "2020-10-10 00:00"  # read back in the usual form
    assert form.problems() == {}
    assert form.check_input()


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("2020-10-10 14:30", at(2020, 10, 10, 14, 30)),
        ("2020/10/10", at(2020, 10, 10)),
        ("2020年10月10日", at(2020, 10, 10)),
        ("2020年10月10日 14时30分", at(2020, 10, 10, 14, 30)),
    ],
)
def test_every_written_form_is_taken(
    qtbot: QtBot, form: ArticleForm, typed: str, moment: dt.datetime
) -> None:
    retype(qtbot, form.time_edit.line, typed)
    assert form.value("").published_at == moment
    assert form.check_input()


def test_a_pasted_time_with_spaces_and_full_width_digits_is_taken(
    qtbot: QtBot, form: ArticleForm
) -> None:
    line = form.time_edit.line
    paste(qtbot, line, "  ２０２０－１０－１０　１４：３０ ")
    assert form.value("").published_at == at(2020, 10, 10, 14, 30)
    paste(qtbot, line, "发布时间：2019-03-04 08:15")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert form.value("").published_at == at(2019, 3, 4, 8, 15)
    assert line.text() == "2019-03-04 08:15"


@pytest.mark.parametrize(
    ("typed", "numbers"),
    [("2020-13-45", ("13",)), ("2020-02-30", ("2", "30")), ("2020-10-10 24:61", ("24:61",))],
)
def test_an_impossible_time_is_refused_beside_the_field_and_the_good_one_kept(
    qtbot: QtBot, form: ArticleForm, typed: str, numbers: tuple[str, ...]
) -> None:
    line = form.time_edit.line
    retype(qtbot, line, "2020-10-10 09:00")
    with qtbot.waitSignal(form.time_edit.problemChanged):
        retype(qtbot, line, typed)
    assert line.text() == typed  # what was typed stays, to be fixed
    label = form.problem_labels["published_at"]
    assert label.isVisible()
    for number in numbers:
        assert number in label.text()
    # the time the article keeps meanwhile (with a no-break space: it stays on one line)
    assert "2020-10-10\u00a009:00" in label.text()
    assert form.value("").published_at == at(2020, 10, 10, 9)  # the last good value
    assert not form.check_input()  # nothing may be saved
    assert [p.field for p in form.input_problems()] == ["published_at"]
    assert form.time_edit.line.hasFocus()

    retype(qtbot, line, "2020-10-11 09:00")  # fixed: the problem goes
    assert not label.isVisible()
    assert form.check_input()
    assert form.value("").published_at == at(2020, 10, 11, 9)


def test_the_refusal_is_worded_in_chinese(
    qtbot: QtBot, form: ArticleForm, use_language: Callable[[str], object]
) -> None:
    use_language("zh_CN")
    retype(qtbot, form.time_edit.line, "2020-13-45")
    text = form.problems()["published_at"]
    assert "13" in text
    assert not form.check_input()


def test_a_save_attempt_says_the_problem_even_without_leaving_the_field(
    qtbot: QtBot, form: ArticleForm
) -> None:
    line = form.time_edit.line
    qtbot.keyClick(line, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(line, "2020-02-30")  # no Enter, no Tab: Ctrl+S straight away
    assert "published_at" not in form.problems()  # not while typing
    assert not form.check_input()
    assert "30" in form.problems()["published_at"]
    assert form.value("").published_at == BEFORE


def test_the_calendar_picks_a_day_and_keeps_the_time_of_day(
    qtbot: QtBot, form: ArticleForm
) -> None:
    line = form.time_edit.line
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = form.time_edit.calendar_popup()
    qtbot.waitUntil(popup.isVisible)
    calendar = popup.calendar
    assert (calendar.selectedDate().year(), calendar.selectedDate().month()) == (2026, 5)
    with qtbot.waitSignal(form.edited):
        calendar.setSelectedDate(calendar.selectedDate().addDays(3))
        calendar.activated.emit(calendar.selectedDate())  # Enter on the calendar
    assert not popup.isVisible()
    assert form.value("").published_at == at(2026, 5, 4, 9, 30)
    assert line.text() == "2026-05-04 09:30"


# ------------------------------------------------------------------------------ lengths


def test_a_count_shows_as_the_limit_nears_counting_characters_as_seen(
    qtbot: QtBot, form: ArticleForm
) -> None:
    counter = form.counters["title"]
    form.title_edit.setText("标" * 159)
    assert not counter.isVisible()
    form.title_edit.setText("标" * 160)
    assert counter.isVisible()
    assert counter.text() == "160/200"
    # beyond the BMP a character is two UTF-16 units, but one character
    form.title_edit.setText("𠀾" * 150 + "标" * 37)
    assert counter.text() == "187/200"
    assert form.check_input()


def test_a_pasted_title_over_the_limit_stays_whole_and_is_not_saved(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    form = tab.form
    title = "金坛经开区" * 60  # 300 characters
    paste(qtbot, form.title_edit, title)
    assert form.title_edit.text() == title
    assert form.counters["title"].text() == "300/200"
    assert form.counters["title"].isVisible()
    assert "300" in form.problems()["title"]
    assert "200" in form.problems()["title"]
    assert form.category_picker.choose(("开发区新闻", "常州", "文字新闻"))

    assert not window.save_current()
    assert form.title_edit.text() == title
    assert "300" in form.problems()["title"]
    titles = [r.title for r in ArticleService(news_archive).list_articles(limit=100).items]
    assert all(not t.startswith("金坛经开区金坛经开区") for t in titles)

    qtbot.keyClick(form.title_edit, Qt.Key.Key_End)
    for _ in range(100):
        qtbot.keyClick(form.title_edit, Qt.Key.Key_Backspace)
    assert form.counters["title"].text() == "200/200"
    assert "title" not in form.problems()
    assert window.save_current()
    assert tab.record is not None
    assert tab.record.title == title[:200]


def test_a_slug_over_its_limit_is_refused_not_cut(qtbot: QtBot, form: ArticleForm) -> None:
    slug = "a" * 130
    paste(qtbot, form.slug_edit, slug)
    assert form.slug_edit.text() == slug
    assert form.counters["slug"].text() == "130/120"
    assert not form.check_input()
    assert "120" in form.problems()["slug"]
    assert form.value("").slug == slug


# ------------------------------------------------------------------------------ the zone


def test_a_typed_zone_naming_one_zone_is_taken(
    qtbot: QtBot, news_archive: Archive, make_window: MakeWindow
) -> None:
    window = make_window(news_archive)
    tab = window.new_article()
    form = tab.form
    line = form.zone_combo.lineEdit()
    assert line is not None
    retype(qtbot, line, "漕河泾")
    assert form.zone_combo.currentText() == "上海漕河泾新兴技术开发区"
    assert form.category_picker.path()[1] == "上海"  # filed under the zone's city
    assert "zone" not in form.problems()
    retype(qtbot, line, "苏州高新区")  # a short name
    assert form.zone_combo.currentText() == "苏州高新技术产业开发区"
    assert form.check_input()
    assert form.value("").zone == "苏州高新技术产业开发区"
    retype(qtbot, line, "jt")  # initials, as the zone box's completer finds zones
    assert form.zone_combo.currentText() == "江苏金坛经济开发区"
    assert form.category_picker.path()[1] == "常州"
    assert form.check_input()


@pytest.mark.parametrize(("typed", "words"), [("常州", "2"), ("不存在的园区", "不存在的园区")])
def test_a_typed_zone_naming_none_or_several_is_refused_beside_the_field(
    qtbot: QtBot, form: ArticleForm, typed: str, words: str
) -> None:
    line = form.zone_combo.lineEdit()
    assert line is not None
    retype(qtbot, line, typed)
    assert form.zone_combo.currentText() == typed  # kept as typed, to be fixed
    assert form.problem_labels["zone"].isVisible()
    assert words in form.problems()["zone"]
    assert not form.check_input()

    index = form.zone_combo.findText("常州经济开发区")  # picked from the list: taken
    form.zone_combo.setCurrentIndex(index)
    form.zone_combo.activated.emit(index)
    assert "zone" not in form.problems()
    assert form.check_input()
