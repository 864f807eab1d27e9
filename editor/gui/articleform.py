"""The article's fields: title, category, zone, source, time, author, status, tags, summary, slug.

Thin: it shows values, tells when the user edited one (``edited``), builds the ``ArticleInput``
the archive checks, and shows each problem the archive found beside its field, in words.
Choosing a zone files the article under the zone's city (``category_for_zone``).

Nothing typed is changed behind the writer's back: a text over its field's limit stays whole
(a count such as 187/200 shows as the limit nears, red past it), a time is read as typed
(``TimeField``), a zone typed but not picked is taken only when it names exactly one zone. What
the form cannot take is said beside its field, and ``check_input`` refuses the save until it is
fixed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from editor.archive.articles import category_for_zone
from editor.archive.registry import MAIN_SECTION, TEXT_KIND
from editor.domain.errors import FieldProblem
from editor.domain.model import (
    DEFAULT_TZ,
    MAX_SHORT_FIELD,
    MAX_SLUG_LENGTH,
    MAX_TITLE_LENGTH,
    ArticleInput,
    ArticleRecord,
    ArticleStatus,
    CategoryNode,
    Language,
    ZoneRecord,
)
from editor.domain.slug import safe_slug, slugify
from editor.domain.validation import category_problems
from editor.gui.categorypicker import CategoryPicker
from editor.gui.formparts import LengthCounter, status_colour, status_dot, zones_named
from editor.gui.labels import problem_text, status_label
from editor.gui.qtutil import (
    TOOLTIP,
    completer,
    line_edit,
    searchable_combo,
    signals_blocked,
)
from editor.gui.theme import editor_colours
from editor.gui.timefield import TimeField
from editor.text.fields import format_tags, parse_tags

log = logging.getLogger(__name__)

FIELDS = (
    "title",
    "category",
    "zone",
    "source",
    "published_at",
    "author",
    "status",
    "tags",
    "summary",
    "slug",
)
SLUG_CHECK_DELAY_MS = 300


def problem_style() -> str:
    return f"color: {editor_colours().problem.name()};"


@dataclass(frozen=True, slots=True)
class FormDefaults:
    """What a new article starts with."""

    published_at: dt.datetime
    source: str = ""
    zone: str = ""
    category: tuple[str, ...] = ()


class ArticleForm(QWidget):
    edited = Signal()
    titleEdited = Signal(str)

    def __init__(
        self,
        slug_owner: Callable[[str], int | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleForm")
        self._slug_owner = slug_owner
        self._record: ArticleRecord | None = None
        self._cities: dict[str, str] = {}
        self._zones: list[ZoneRecord] = []
        self._zone_typed = False  # a zone text typed since the last one taken
        # the problems beside the fields: the form's own with what is typed (by field and
        # kind: "length", "input"), and the rest (the archive's, the slug check's)
        self._own: dict[tuple[str, str], str] = {}
        self._found: dict[str, str] = {}

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText(self.tr("Title of the article"))
        title_font = self.title_edit.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_edit.setFont(title_font)
        self.category_picker = CategoryPicker(self)
        self.zone_combo = searchable_combo(self)
        line_edit(self.zone_combo).setPlaceholderText(self.tr("Type to search zones"))
        self.source_combo = searchable_combo(self)
        line_edit(self.source_combo).setPlaceholderText(self.tr("e.g. 金坛手机台"))
        self.time_edit = TimeField(self)
        self.author_edit = QLineEdit(self)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusCombo")
        for status in ArticleStatus:
            self.status_combo.addItem(
                status_dot(status_colour(status)), status_label(status), status.value
            )
            self.status_combo.setItemData(
                self.status_combo.count() - 1, self._status_hint(status), TOOLTIP
            )
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("Separate tags with 、 or commas"))
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setPlaceholderText(self.tr("Optional; taken from the body when empty"))
        self.summary_edit.setFixedHeight(self.summary_edit.fontMetrics().lineSpacing() * 3 + 14)
        self.slug_edit = QLineEdit(self)
        self.slug_edit.setObjectName("slugEdit")
        self.counters: dict[str, LengthCounter] = {
            "title": LengthCounter(self.title_edit, MAX_TITLE_LENGTH),
            "zone": LengthCounter(line_edit(self.zone_combo), MAX_SHORT_FIELD),
            "source": LengthCounter(line_edit(self.source_combo), MAX_SHORT_FIELD),
            "author": LengthCounter(self.author_edit, MAX_SHORT_FIELD),
            "slug": LengthCounter(self.slug_edit, MAX_SLUG_LENGTH),
        }

        self.problem_labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 6)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self._labels: dict[str, QLabel] = {}
        required = {"title", "category"}
        rows: list[tuple[tuple[str, str, QWidget], ...]] = [
            (("title", self.tr("Title"), self.title_edit),),
            (
                ("category", self.tr("Category"), self.category_picker),
                ("zone", self.tr("Zone"), self.zone_combo),
            ),
            (
                ("source", self.tr("Source"), self.source_combo),
                ("published_at", self.tr("Published"), self.time_edit),
            ),
            (
                ("author", self.tr("Author"), self.author_edit),
                ("status", self.tr("Status"), self.status_combo),
            ),
            (
                ("tags", self.tr("Tags"), self.tags_edit),
                ("slug", self.tr("URL name"), self.slug_edit),
            ),
            (("summary", self.tr("Summary"), self.summary_edit),),
        ]
        for row, fields in enumerate(rows):
            for col, (name, text, widget) in enumerate(fields):
                label = QLabel(self._label_text(text, name in required), self)
                label.setBuddy(widget)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                label.setContentsMargins(0, 5, 0, 0)
                self._labels[name] = label
                cell = QWidget(self)
                box = QVBoxLayout(cell)
                box.setContentsMargins(0, 0, 0, 0)
                box.setSpacing(1)
                box.addWidget(widget)
                problem = QLabel(cell)
                problem.setObjectName(f"problem_{name}")
                problem.setStyleSheet(problem_style())
                problem.setWordWrap(True)
                problem.hide()
                box.addWidget(problem)
                self.problem_labels[name] = problem
                span = 3 if len(fields) == 1 else 1
                grid.addWidget(label, row, col * 2)
                # a problem below one field of a row leaves the other at the top of its cell
                grid.addWidget(cell, row, col * 2 + 1, 1, span, Qt.AlignmentFlag.AlignTop)
        self.general_problem = QLabel(self)
        self.general_problem.setObjectName("problem_general")
        self.general_problem.setStyleSheet(problem_style())
        self.general_problem.setWordWrap(True)
        self.general_problem.hide()
        grid.addWidget(self.general_problem, len(rows), 1, 1, 3)
        self.setMinimumWidth(520)

        chain = [
            self.title_edit,
            self.category_picker.field,
            self.zone_combo,
            self.source_combo,
            self.time_edit,
            self.author_edit,
            self.status_combo,
            self.tags_edit,
            self.slug_edit,
            self.summary_edit,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

        self._slug_timer = QTimer(self)
        self._slug_timer.setSingleShot(True)
        self._slug_timer.setInterval(SLUG_CHECK_DELAY_MS)

        # user edits only: code changes values inside signals_blocked
        for line in (self.title_edit, self.author_edit, self.tags_edit, self.slug_edit):
            line.textEdited.connect(self._user_edit)
        for combo in (self.zone_combo, self.source_combo):
            line_edit(combo).textEdited.connect(self._user_edit)
            combo.activated.connect(self._user_edit)
        self.status_combo.activated.connect(self._user_edit)
        self.status_combo.currentIndexChanged.connect(self._show_status)
        self.time_edit.edited.connect(self._user_edit)
        self.time_edit.problemChanged.connect(lambda text: self._set_own("published_at", text))
        self.summary_edit.textChanged.connect(self._user_edit)
        self.category_picker.pathChosen.connect(self._category_chosen)
        self.zone_combo.activated.connect(self._zone_picked)
        line_edit(self.zone_combo).textEdited.connect(self._zone_edited)
        line_edit(self.zone_combo).editingFinished.connect(self.commit_zone)
        completer(self.zone_combo).activated.connect(self._zone_picked)
        for name, counter in self.counters.items():
            counter.edit.textChanged.connect(lambda _text, name=name: self._check_length(name))
        self._show_status()
        self.title_edit.textEdited.connect(self.titleEdited)
        # QTimer.start has an int overload: never connect a text or a bool straight to it
        self.title_edit.textEdited.connect(lambda _text: self._slug_timer.start())
        self.slug_edit.textEdited.connect(lambda _text: self._slug_timer.start())
        self._slug_timer.timeout.connect(self.check_slug)

    @staticmethod
    def _label_text(text: str, required: bool) -> str:
        if not required:
            return text
        colour = editor_colours().problem.name()
        return f'{text}<span style="color: {colour}"> *</span>'

    # -- choices ---------------------------------------------------------------------------

    def set_choices(
        self, zones: list[ZoneRecord], sources: list[str], categories: list[CategoryNode]
    ) -> None:
        self._cities = {z.name: z.city for z in zones}
        self._zones = list(zones)
        with signals_blocked(self.zone_combo, self.source_combo):
            zone_text = self.zone_combo.currentText()
            self.zone_combo.clear()
            self.zone_combo.addItems([z.name for z in zones])
            self.zone_combo.setEditText(zone_text)
            source_text = self.source_combo.currentText()
            self.source_combo.clear()
            self.source_combo.addItems(sources)
            self.source_combo.setEditText(source_text)
        self.category_picker.set_categories(categories)

    def add_source(self, source: str) -> None:
        if source and self.source_combo.findText(source) < 0:
            with signals_blocked(self.source_combo):
                text = self.source_combo.currentText()
                self.source_combo.addItem(source)
                self.source_combo.setEditText(text)

    # -- values ----------------------------------------------------------------------------

    def load(self, record: ArticleRecord | None, defaults: FormDefaults | None = None) -> None:
        """Show ``record``, or a new article with ``defaults``."""
        self._record = record
        widgets = (
            self.title_edit,
            self.zone_combo,
            self.source_combo,
            self.time_edit,
            self.author_edit,
            self.status_combo,
            self.tags_edit,
            self.summary_edit,
            self.slug_edit,
        )
        with signals_blocked(*widgets):
            if record is not None:
                self.title_edit.setText(record.title)
                self.category_picker.set_path(record.category)
                self.zone_combo.setEditText(record.zone or "")
                self.source_combo.setEditText(record.source or "")
                self.time_edit.set_moment(record.published_at or record.created_at)
                self.author_edit.setText(record.author or "")
                self._set_status(record.status)
                self.tags_edit.setText(format_tags(record.tags))
                self.summary_edit.setPlainText(record.summary)
                self.slug_edit.setText(record.slug)
                self.slug_edit.setCursorPosition(0)
            else:
                defaults = defaults or FormDefaults(dt.datetime.now(DEFAULT_TZ))
                self.title_edit.clear()
                category = defaults.category
                city = self._cities.get(defaults.zone)
                if city:
                    category = category_for_zone(category or (MAIN_SECTION, city, TEXT_KIND), city)
                self.category_picker.set_path(category)
                self.zone_combo.setEditText(defaults.zone)
                self.source_combo.setEditText(defaults.source)
                self.time_edit.set_moment(defaults.published_at)
                self.author_edit.clear()
                self._set_status(ArticleStatus.DRAFT)
                self.tags_edit.clear()
                self.summary_edit.setPlainText("")
                self.slug_edit.clear()
        self._own.clear()
        self._zone_typed = False
        self.clear_problems()
        for name, counter in self.counters.items():
            counter.update_count()
            self._check_length(name)
        self._check_category()
        self._show_status()
        self._update_slug_placeholder()

    def _set_status(self, status: ArticleStatus) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status.value)))

    def value(self, body: str) -> ArticleInput:
        """The fields (and ``body``) as the archive takes them."""
        record = self._record
        slug = self.slug_edit.text().strip() or None
        status = ArticleStatus(self.status_combo.currentData())
        return ArticleInput(
            title=self.title_edit.text().strip(),
            body=body,
            category=self.category_picker.path(),
            published_at=self.time_edit.moment(),
            source=self.source_combo.currentText().strip() or None,
            zone=self.zone_combo.currentText().strip() or None,
            author=self.author_edit.text().strip() or None,
            summary=self.summary_edit.toPlainText().strip(),
            tags=parse_tags(self.tags_edit.text()),
            language=record.language if record is not None else Language.ZH_CN,
            slug=slug,
            status=status,
            external_id=record.external_id if record is not None else None,
        )

    def city(self) -> str | None:
        return self._cities.get(self.zone_combo.currentText().strip())

    def title(self) -> str:
        return self.title_edit.text().strip()

    def load_saved(self, record: ArticleRecord) -> None:
        """The archive saved what the form shows as ``record``: take its id, version and slug
        (the archive may have made the slug up), without it counting as an edit."""
        self._record = record
        with signals_blocked(self.slug_edit):
            if not self.slug_edit.hasFocus():
                self.slug_edit.setText(record.slug)
                self.slug_edit.setCursorPosition(0)  # its start, as on load
            elif self.slug_edit.text() != record.slug:
                self.slug_edit.setText(record.slug)
        self.clear_problems()

    # -- problems --------------------------------------------------------------------------

    def input_problems(self) -> list[FieldProblem]:
        """What the form cannot take as typed (a time that is none, a text over its limit, a
        zone text naming no zone or several), each shown beside its field; [] when none."""
        self.time_edit.commit()
        self.commit_zone()
        self._check_category()
        for name in self.counters:
            self._check_length(name)
        return [FieldProblem(name, text) for (name, _kind), text in self._own.items() if text]

    def check_input(self) -> bool:
        """Before a save: True when the form can give what it shows; otherwise each problem is
        beside its field, the first of those fields has the focus, and nothing may be saved."""
        problems = self.input_problems()
        if problems:
            buddy = self._labels[problems[0].field].buddy()
            if buddy is not None:
                buddy.setFocus()
        return not problems

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Show the archive's ``problems`` beside their fields (a field with a problem of the
        form's own keeps that one: it says the same in the form's words)."""
        self.clear_problems()
        general = []
        first: QWidget | None = None
        for problem in problems:
            if problem.field in self.problem_labels:
                if not self._own_problem(problem.field):
                    old = self._found.get(problem.field, "")
                    self._set_problem(
                        problem.field, (old + "\n" if old else "") + problem_text(problem)
                    )
                buddy = self._labels[problem.field].buddy()
                if first is None and buddy is not None:
                    first = buddy
            else:
                general.append(problem_text(problem))
        self.general_problem.setText("\n".join(general))
        self.general_problem.setVisible(bool(general))
        if first is not None:
            first.setFocus()

    def problems(self) -> dict[str, str]:
        """Field -> the problem shown beside it (for tests and the status bar)."""
        shown = {name: label.text() for name, label in self.problem_labels.items() if label.text()}
        if self.general_problem.text():
            shown["general"] = self.general_problem.text()
        return shown

    def clear_problems(self) -> None:
        """Take away the archive's problems (the form's own stay while their text stands)."""
        self._found.clear()
        for name in self.problem_labels:
            self._show_problem(name)
        self.general_problem.clear()
        self.general_problem.hide()

    def _set_problem(self, name: str, text: str) -> None:
        self._found[name] = text
        self._show_problem(name)

    def _set_own(self, name: str, text: str, kind: str = "input") -> None:
        if self._own.get((name, kind), "") != text:
            self._own[name, kind] = text
            self._show_problem(name)

    def _own_problem(self, name: str) -> str:
        return "\n".join(t for (n, _kind), t in self._own.items() if n == name and t)

    def _show_problem(self, name: str) -> None:
        parts = [self._own_problem(name), self._found.get(name, "")]
        text = "\n".join(dict.fromkeys(p for p in parts if p))
        label = self.problem_labels[name]
        label.setText(text)
        label.setVisible(bool(text))

    def _check_category(self) -> None:
        """Too many levels or a name too long (an older article's category, a zone's city):
        said beside the field, in the words the archive would refuse it with."""
        problems = category_problems(self.category_picker.path())
        self._set_own("category", "\n".join(problem_text(p) for p in problems), "limits")

    def _check_length(self, name: str) -> None:
        counter = self.counters[name]
        over = counter.over()
        if not over:
            self._set_own(name, "", "length")
            return
        self._set_own(
            name,
            self.tr(
                "{count} characters: at most {limit} fit. Shorten it by {over}; "
                "nothing is cut off for you."
            ).format(count=counter.count(), limit=counter.limit, over=over),
            "length",
        )

    # -- reactions -------------------------------------------------------------------------

    def _user_edit(self) -> None:
        self.edited.emit()

    def _category_chosen(self, _path: tuple[str, ...]) -> None:
        self._set_problem("category", "")
        self._check_category()
        self.edited.emit()

    def _zone_edited(self, _text: str) -> None:
        self._zone_typed = True
        self._set_own("zone", "")  # said again when the writer leaves the field

    def _zone_picked(self) -> None:
        """A zone picked from the list (or its completer): taken as it is."""
        self._zone_typed = False
        self._set_own("zone", "")
        self._check_length("zone")
        self._zone_chosen()

    def commit_zone(self) -> bool:
        """Take a zone typed but not picked when it names exactly one zone (shown by its full
        name); otherwise say beside the field that it names none or several. True when the
        zone field holds a zone (or nothing)."""
        if not self._zone_typed or not self._zones or self.counters["zone"].over():
            return not self._own_problem("zone")
        text = self.zone_combo.currentText().strip()
        found = zones_named(text, self._zones) if text else []
        if not text or len(found) == 1:
            self._zone_typed = False
            self._set_own("zone", "")
            if found and found[0].name != text:
                with signals_blocked(self.zone_combo):
                    self.zone_combo.setEditText(found[0].name)
                self.edited.emit()
            self._zone_chosen()
            return True
        if found:
            names = "、".join(z.name for z in found[:3]) + ("…" if len(found) > 3 else "")
            problem = self.tr(
                "“{text}” fits {count} zones ({names}): pick one from the list."
            ).format(text=text, count=len(found), names=names)
        else:
            problem = self.tr(
                "No zone is called “{text}”: pick one from the list, or leave the field empty."
            ).format(text=text)
        self._set_own("zone", problem)
        return False

    def _show_status(self, _index: int = -1) -> None:
        """The status in its colour, in bold, with its dot: seen at a glance."""
        data = self.status_combo.currentData()
        if data is None:
            return
        colour = status_colour(ArticleStatus(data))
        palette = QPalette(self.palette())
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
            palette.setColor(role, colour)
        self.status_combo.setPalette(palette)
        font = QFont(self.font())
        font.setBold(True)
        self.status_combo.setFont(font)
        self.status_combo.setToolTip(self._status_hint(ArticleStatus(data)))

    def _status_hint(self, status: ArticleStatus) -> str:
        hints = {
            ArticleStatus.DRAFT: self.tr("Draft: not on the site; only the newsroom sees it."),
            ArticleStatus.REVIEW: self.tr("In review: waiting for an editor to check it."),
            ArticleStatus.PUBLISHED: self.tr("Published: on the site at its publication time."),
            ArticleStatus.ARCHIVED: self.tr("Archived: kept, but off the site's lists."),
        }
        return hints[status]

    def _zone_chosen(self) -> None:
        city = self.city()
        if not city:
            return
        current = self.category_picker.path() or (MAIN_SECTION, city, TEXT_KIND)
        wanted = category_for_zone(current, city)
        if wanted != self.category_picker.path():
            self.category_picker.set_path(wanted)
            self.edited.emit()

    def _update_slug_placeholder(self) -> None:
        title = self.title()
        if title and not self.slug_edit.text():
            self.slug_edit.setPlaceholderText(
                self.tr("automatic: {slug}").format(slug=slugify(title))
            )
        elif not title:
            self.slug_edit.setPlaceholderText(self.tr("automatic, from the title"))

    def check_slug(self) -> None:
        """Say beside the slug when another article uses it already."""
        self._update_slug_placeholder()
        text = self.slug_edit.text().strip()
        if not text or self._slug_owner is None:
            self._set_problem("slug", "")
            return
        slug = safe_slug(text)
        try:
            owner = self._slug_owner(slug)
        except SQLAlchemyError as exc:  # the archive is out of reach: the save will say so
            log.info("the address check found no archive: %s", exc)
            owner = None
        mine = self._record.id if self._record is not None else None
        if owner is not None and owner != mine:
            self._set_problem(
                "slug",
                self.tr("“{slug}” is already used by article {id}.").format(slug=slug, id=owner),
            )
        elif slug != text:
            self._set_problem("slug", self.tr("Will be saved as “{slug}”.").format(slug=slug))
        else:
            self._set_problem("slug", "")
