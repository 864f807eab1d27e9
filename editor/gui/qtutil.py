"""Qt enum aliases and the small Qt helpers several widgets share (one place, short names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, QTimeZone
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from editor.domain.model import DEFAULT_TZ

ALIGN_LEFT_VCENTER = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT_VCENTER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
USER = Qt.ItemDataRole.UserRole
HORIZONTAL = Qt.Orientation.Horizontal
VERTICAL = Qt.Orientation.Vertical

#: What a shortcut may be given as.
KeySpec = QKeySequence | QKeySequence.StandardKey | str

#: Beijing time, the zone every publication time is edited in.
SHANGHAI = QTimeZone(DEFAULT_TZ.key.encode())


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    """A Python time as a QDateTime in Asia/Shanghai (a naive time is Beijing time)."""
    local = moment.astimezone(DEFAULT_TZ) if moment.tzinfo else moment
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        SHANGHAI,
    )


def from_qdatetime(value: QDateTime) -> dt.datetime:
    """A QDateTime as an aware Python time in Asia/Shanghai, to the second."""
    local = value.toTimeZone(SHANGHAI)
    date, time = local.date(), local.time()
    return dt.datetime(
        date.year(),
        date.month(),
        date.day(),
        time.hour(),
        time.minute(),
        time.second(),
        tzinfo=DEFAULT_TZ,
    )


@contextmanager
def signals_blocked(*objects: QObject) -> Iterator[None]:
    """Change widgets from code without their change signals firing."""
    previous = [obj.blockSignals(True) for obj in objects]
    try:
        yield
    finally:
        for obj, was in zip(objects, previous, strict=True):
            obj.blockSignals(was)


def searchable_combo(parent: QWidget) -> QComboBox:
    """An editable combo whose completer offers every item *containing* what was typed."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(20)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def line_edit(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable combo."""
    edit = combo.lineEdit()
    assert edit is not None, "the combo is not editable"
    return edit


def completer(combo: QComboBox) -> QCompleter:
    found = combo.completer()
    assert found is not None, "the combo has no completer"
    return found


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
