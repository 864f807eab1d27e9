"""What the middle of the window shows when no article is open: a welcome for an empty archive,
a short hint otherwise, and the first steps as buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from editor.gui.icons import icon


class WelcomePanel(QWidget):
    newRequested = Signal()
    importRequested = Signal()
    openArchiveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self.heading = QLabel(self)
        self.heading.setObjectName("welcomeHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(380)
        self.new_button = QPushButton(icon("new"), self.tr("New article"), self)
        self.import_button = QPushButton(icon("import"), self.tr("Import articles…"), self)
        self.open_button = QPushButton(icon("archive"), self.tr("Open another archive…"), self)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(18)
        for button in (self.new_button, self.import_button, self.open_button):
            button.setMinimumWidth(220)
            button.setMinimumHeight(34)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.new_button.clicked.connect(self.newRequested)
        self.import_button.clicked.connect(self.importRequested)
        self.open_button.clicked.connect(self.openArchiveRequested)
        self.set_article_count(0)

    def _set_text(self, text: str) -> None:
        # a word-wrapped label placed with an alignment gets its height for its width only so
        self.text.setText(text)
        self.text.setFixedHeight(self.text.heightForWidth(self.text.width()))

    def set_article_count(self, count: int) -> None:
        if count == 0:
            self.heading.setText(self.tr("Welcome to ZoneDesk"))
            self._set_text(
                self.tr(
                    "This archive holds no articles yet. Write the first one, import articles "
                    "from a JSON Lines file, or open another archive."
                )
            )
        else:
            self.heading.setText(self.tr("No article is open"))
            self._set_text(
                self.tr(
                    "Open an article from the archive on the left (double click or Enter), "
                    "or start a new one."
                )
            )
