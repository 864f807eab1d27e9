"""Qt enum aliases and the small Qt helpers several widgets share (one place, short names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
    QTimeZone,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit, QWidget

from editor.domain.model import DEFAULT_TZ
from editor.text import collation

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


class PinyinFilterModel(QSortFilterProxyModel):
    """The rows of a model that answer a typed query by characters, pinyin or initials
    (``collation.matches``). The ``filterRole`` holds a name, or a tuple of names (a path: every
    term of the query must match one of them); each row's search key is computed once."""

    def __init__(self, source: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self._terms: tuple[str, ...] = ()

    def query(self) -> tuple[str, ...]:
        return self._terms

    def set_query(self, text: str) -> None:
        terms = collation.query_terms(text)
        if terms == self._terms:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 on: invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._terms = terms
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        value = model.data(model.index(source_row, 0, source_parent), self.filterRole())
        if isinstance(value, tuple | list):
            target: str | tuple[str, ...] = tuple(str(v) for v in value)
        else:
            target = "" if value is None else str(value)
        return collation.search_key(target).matches(self._terms)


class PinyinCompleter(QCompleter):
    """A completer offering every item that answers what was typed by characters, pinyin or
    initials (``金坛``, ``jintan``, ``jt``), through a ``PinyinFilterModel`` over ``source``.

    The completion prefix (set by the line edit as the user types, or by code) is the query."""

    def __init__(self, source: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filter_model = PinyinFilterModel(source, self)
        self.setModel(self.filter_model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)

    def list_view(self) -> QAbstractItemView:
        """The popup listing the completions."""
        view = self.popup()
        assert view is not None, "a completer always has its popup"
        return view

    def splitPath(self, path: str) -> list[str]:
        # Qt asks with each new prefix, before it fills the popup: the moment to filter
        self.filter_model.set_query(path)
        return super().splitPath(path)


def searchable_combo(parent: QWidget) -> QComboBox:
    """An editable combo whose completer offers every item answering what was typed: a piece of
    the name, its pinyin or its initials (``PinyinCompleter``)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(20)
    completer = PinyinCompleter(combo.model(), combo)
    completer.setMaxVisibleItems(20)
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


def today() -> QDate:
    """Today in Beijing (``DEFAULT_TZ``), the clock publication times are edited on, whatever
    the machine's own time zone."""
    now = dt.datetime.now(DEFAULT_TZ)
    return QDate(now.year, now.month, now.day)
