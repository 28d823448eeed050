"""EmptyChat: what the chat page shows instead of an empty transcript.

A new user sees which model answers (or how to get one), how to send a message,
and a few places to start. The suggestions are real push buttons, so Tab reaches
them and screen readers read them; the window decides where each one leads.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import icons
from desktop.ui.vertical_scroll_area import VerticalScrollArea

# (key, icon, label): the key is what `suggestion_chosen` carries.
SUGGESTIONS = (
    ("summarize", "file-text", QT_TRANSLATE_NOOP("EmptyChat", "Summarize a document")),
    ("translate", "languages", QT_TRANSLATE_NOOP("EmptyChat", "Translate text")),
    ("documents", "book-open", QT_TRANSLATE_NOOP("EmptyChat", "Ask your documents")),
    ("models", "sparkles", QT_TRANSLATE_NOOP("EmptyChat", "Find a better model")),
)
MAX_WIDTH = 520  # a readable line length, centred in a wide window


class EmptyChat(QWidget):
    """Centred first steps for an empty conversation. `set_model(name)` names the model
    in use (None: none loaded; `set_loading()` while one loads); `set_available(keys)`
    keeps only the suggestions this window can follow. Emits `suggestion_chosen(key)`
    with a key of SUGGESTIONS ("summarize", "translate", "documents", "models")."""

    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Getting started"))
        self.title = QLabel(self.tr("Start a conversation"), alignment=Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.model_line = self._label()
        self.hint = self._label(self.tr("Type a message below and press Enter."))
        self.or_line = self._label(self.tr("Or start with:"))
        self.buttons: dict[str, QPushButton] = {}
        for key, icon_name, text in SUGGESTIONS:
            button = QPushButton(QCoreApplication.translate("EmptyChat", text))
            button.setFlat(True)  # reads as a link, still a focusable button
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            icons.set_icon(button, icon_name)
            button.clicked.connect(lambda _=False, key=key: self.suggestion_chosen.emit(key))
            self.buttons[key] = button
        self._lay_out()
        self.set_model(None)
        self.set_available([])  # the window names the pages it has

    def _label(self, text: str = "") -> QLabel:
        label = QLabel(text, wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _lay_out(self) -> None:
        column = QWidget()  # up to MAX_WIDTH wide; the labels wrap inside it
        column.setMaximumWidth(MAX_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        inner = QVBoxLayout(column)
        inner.setSpacing(10)
        for label in (self.title, self.model_line, self.hint):
            inner.addWidget(label)
        inner.addSpacing(8)
        inner.addWidget(self.or_line)
        for button in self.buttons.values():
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 10)
        row.addStretch(1)
        body = QWidget()
        centred = QVBoxLayout(body)
        centred.addStretch(1)
        centred.addLayout(row)
        centred.addStretch(2)  # a little above the middle, where the eye starts
        # A short window scrolls the steps rather than squeezing their text.
        self.scroll = VerticalScrollArea(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def set_model(self, name: str | None) -> None:
        """Name the model that will answer, or say how to get one."""
        if name:
            self.model_line.setText(self.tr("%1 will answer. It runs on this computer; "
                                            "nothing you type leaves it.").replace("%1", name))
        else:
            self.model_line.setText(self.tr("No model loaded — pick one in the panel on the "
                                            "right or in Models."))

    def set_loading(self) -> None:
        """A model is being loaded."""
        self.model_line.setText(self.tr("Loading the model…"))

    def set_available(self, keys: list[str]) -> None:
        """Show only these suggestions (in SUGGESTIONS' order); none hides the heading."""
        for key, button in self.buttons.items():
            button.setVisible(key in keys)
        self.or_line.setVisible(any(key in keys for key in self.buttons))
