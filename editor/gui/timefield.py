"""The publication time field: one line that takes the time as typed or pasted, a calendar one
click (or Alt+↓, F4) away.

What is typed is read whole by ``editor.text.datetimes``: ``2020-10-10`` is 2020-10-10, whatever
the field showed before. An impossible time (``2020-13-45``) is not guessed at: the field keeps
the last good time as its value and says what is wrong (``problem()``, ``problemChanged``) once
the writer leaves the field, presses Enter, or the form is checked before a save.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.domain.model import DEFAULT_TZ
from editor.gui.icons import icon
from editor.gui.qtutil import from_qdatetime, to_date, to_qdatetime
from editor.text.datetimes import (
    FIRST_YEAR,
    LAST_YEAR,
    Refusal,
    TimeRefusal,
    format_moment,
    parse_moment,
)

translate = QCoreApplication.translate


def refusal_text(refusal: TimeRefusal, kept: dt.datetime) -> str:
    """Why the text is not a time, in the UI's words, and which time the article keeps."""
    r = refusal
    if r.reason is Refusal.EMPTY:
        why = translate("TimeField", "Type the publication time, such as 2020-10-10 14:30.")
    elif r.reason is Refusal.YEAR:
        why = translate("TimeField", "The year {year} is not between {first} and {last}.").format(
            year=r.year, first=FIRST_YEAR, last=LAST_YEAR
        )
    elif r.reason is Refusal.MONTH:
        why = translate("TimeField", "There is no month {month}.").format(month=r.month)
    elif r.reason is Refusal.DAY and r.month == 2 and r.day == 29:
        why = translate("TimeField", "{year} is not a leap year: February has no 29th.").format(
            year=r.year
        )
    elif r.reason is Refusal.DAY:
        why = translate("TimeField", "Month {month} has no day {day}.").format(
            month=r.month, day=r.day
        )
    elif r.reason is Refusal.TIME:
        clock = f"{r.hour:02d}:{r.minute:02d}" + (f":{r.second:02d}" if r.second else "")
        why = translate("TimeField", "There is no time of day {time}.").format(time=clock)
    else:
        why = translate(
            "TimeField", "“{text}” is not a date: type it as 2020-10-10 14:30 or 2020年10月10日."
        ).format(text=r.text)
    keeps = translate(
        "TimeField", "Until it is fixed the article keeps {time} and is not saved."
    ).format(time=format_moment(kept).replace(" ", "\u00a0"))  # the time on one line
    return f"{why} {keeps}" if why.endswith(".") else why + keeps


class CalendarPopup(QFrame):
    """A month calendar that closes on a click (or Enter) and says the day chosen."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("timeCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        box = QVBoxLayout(self)
        box.setContentsMargins(1, 1, 1, 1)
        box.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, date: QDate) -> None:
        self.hide()
        self.picked.emit(date)


class TimeField(QWidget):
    """``edited`` when the writer changed the text or picked a day; ``problemChanged(text)``
    when the problem shown beside the field changes ("" when none)."""

    edited = Signal()
    problemChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._moment = dt.datetime.now(DEFAULT_TZ).replace(second=0, microsecond=0)
        self._problem = ""
        self.line = QLineEdit(self)
        self.line.setObjectName("timeEdit")
        self.line.setPlaceholderText("2020-10-10 14:30")
        self.line.setToolTip(
            self.tr(
                "Type or paste the time: 2020-10-10 14:30, 2020年10月10日, 2020/10/10 … "
                "Alt+↓ opens a calendar."
            )
        )
        self.button = QToolButton(self)
        self.button.setObjectName("timeCalendarButton")
        self.button.setIcon(icon("down"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setToolTip(self.tr("Choose the day from a calendar (Alt+↓)"))
        self.button.setAccessibleName(self.tr("Calendar"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.line)
        self._popup: CalendarPopup | None = None
        for keys in ("Alt+Down", "F4"):
            shortcut = QShortcut(QKeySequence(keys), self.line)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_calendar)
        self.button.clicked.connect(self.open_calendar)
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self.commit)
        self.line.setText(format_moment(self._moment))

    # -- the value -------------------------------------------------------------------------

    def moment(self) -> dt.datetime:
        """The time the text says; while it says none, the last time it did (taken when the
        writer left the field, pressed Enter or picked a day: not a half-typed one)."""
        parsed = parse_moment(self.line.text())
        return parsed if isinstance(parsed, dt.datetime) else self._moment

    def set_moment(self, moment: dt.datetime) -> None:
        """Show ``moment`` (from code: no ``edited``); any problem shown goes."""
        self._moment = moment.astimezone(DEFAULT_TZ) if moment.tzinfo else moment
        self._moment = self._moment.replace(microsecond=0, tzinfo=DEFAULT_TZ)
        self.line.setText(format_moment(self._moment))
        self.line.setCursorPosition(0)
        self._show_problem("")

    def text(self) -> str:
        return self.line.text()

    def problem(self) -> str:
        """What is wrong with the text as it stands ("" when it is a time)."""
        parsed = parse_moment(self.line.text())
        return refusal_text(parsed, self._moment) if isinstance(parsed, TimeRefusal) else ""

    def shown_problem(self) -> str:
        return self._problem

    # the QDateTimeEdit calls, for code written against the old field
    def setDateTime(self, value: QDateTime) -> None:
        self.set_moment(from_qdatetime(value))

    def dateTime(self) -> QDateTime:
        return to_qdatetime(self._moment)

    # -- reading what is typed -------------------------------------------------------------

    def commit(self) -> bool:
        """Read the text: a time becomes the value (shown in the usual form), anything else is
        refused beside the field. True when the text is a time."""
        parsed = parse_moment(self.line.text())
        if isinstance(parsed, TimeRefusal):
            self._show_problem(refusal_text(parsed, self._moment))
            return False
        if parsed != self._moment:
            self._take(parsed)
            self.edited.emit()
        self._show_problem("")
        shown = format_moment(parsed)
        if self.line.text() != shown:
            self.line.setText(shown)
        return True

    def _typed(self, text: str) -> None:
        if self._problem:  # a problem already shown follows the typing
            parsed = parse_moment(text)
            if isinstance(parsed, TimeRefusal):
                self._show_problem(refusal_text(parsed, self._moment))
            else:
                self._show_problem("")
        self.edited.emit()

    def _take(self, moment: dt.datetime) -> None:
        self._moment = moment

    def _show_problem(self, text: str) -> None:
        if text != self._problem:
            self._problem = text
            self.problemChanged.emit(text)

    # -- the calendar ----------------------------------------------------------------------

    def calendar_popup(self) -> CalendarPopup:
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        return self._popup

    def open_calendar(self) -> None:
        popup = self.calendar_popup()
        parsed = parse_moment(self.line.text())
        shown = parsed if isinstance(parsed, dt.datetime) else self._moment
        date = QDate(shown.year, shown.month, shown.day)
        popup.calendar.setSelectedDate(date)
        popup.calendar.setCurrentPage(date.year(), date.month())
        popup.adjustSize()
        where = self.mapToGlobal(QPoint(0, self.height()))
        screen = QGuiApplication.screenAt(where) or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            if where.y() + popup.height() > room.bottom():
                where.setY(self.mapToGlobal(QPoint(0, 0)).y() - popup.height())
            where.setX(max(room.left(), min(where.x(), room.right() - popup.width())))
        popup.move(where)
        popup.show()
        popup.calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        day = to_date(date)
        parsed = parse_moment(self.line.text())
        base = parsed if isinstance(parsed, dt.datetime) else self._moment
        moment = base.replace(year=day.year, month=day.month, day=day.day)
        self._take(moment)
        self._show_problem("")
        self.line.setText(format_moment(moment))
        self.line.setFocus()
        self.edited.emit()
