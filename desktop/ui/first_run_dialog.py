"""FirstRunDialog: the guide Maru shows once, at the first start (and from Help).

One short page: the language (applies at the next start; a restart is offered),
the model that answers and that it runs here, a way to the catalog, and the
folder where Maru keeps the user's data. The dialog saves nothing itself: it
says what the user chose through signals, and the composition root saves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import icons
from desktop.ui.formatting import size_text
from desktop.ui.localization import LANGUAGES, resolve
from desktop.ui.restart import restart_app

ModelSummary = tuple[str, int]  # (name, size in bytes) of the model that opens at start-up


class FirstRunDialog(QDialog):
    """The getting-started guide. `language` is the setting now (None: the system's);
    `model` the model Maru opens (None: none installed); `data_dir` where data lives.
    Signals: `language_chosen(code or None)` as soon as the user picks a language;
    `catalog_requested()` when the user asks for the catalog (the dialog then closes).
    `restart()` is called by "Restart now" (tests pass a fake)."""

    language_chosen = Signal(object)
    catalog_requested = Signal()

    def __init__(self, language: str | None, model: ModelSummary | None, data_dir: Path,
                 restart: Callable[[], object] = restart_app,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._started_with = language
        self._restart = restart
        self.setWindowTitle(self.tr("Welcome to Maru"))
        self.heading = QLabel(self.tr("Welcome to Maru"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = _text(self.tr("Maru is an AI assistant that runs entirely on this computer. "
                                   "Here is what to know before you start."))
        self._build_language(language)
        self._build_model(model)
        self._build_data(data_dir)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("Get started"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self._lay_out()
        self.setMinimumWidth(480)

    # ---- building ------------------------------------------------------------------

    def _build_language(self, language: str | None) -> None:
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Same as the system"), None)
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
        self.language_label = QLabel(self.tr("&Language:"))
        self.language_label.setBuddy(self.language_combo)
        self.language_combo.setAccessibleName(self.tr("Language"))
        self.language_note = _text(self.tr("The new language applies the next time Maru "
                                           "starts."))
        self.restart_button = QPushButton(self.tr("Restart now"))
        self.language_note.hide()
        self.restart_button.hide()
        self.language_combo.currentIndexChanged.connect(self._on_language_changed)
        self.restart_button.clicked.connect(lambda: self._restart())

    def _build_model(self, model: ModelSummary | None) -> None:
        if model is None:
            text = self.tr("No model is installed yet. Download one from the catalog; it "
                           "will run on this computer, and nothing you type leaves it.")
        else:
            name, size = model
            text = self.tr("Maru answers with %1 (%2). It runs on this computer; nothing "
                           "you type leaves it.").replace("%1", name).replace(
                "%2", size_text(size))
        self.model_text = _text(text)
        self.catalog_button = QPushButton(self.tr("Browse the catalog for a better model"))
        icons.set_icon(self.catalog_button, "sparkles")
        self.catalog_button.clicked.connect(self._on_catalog)

    def _build_data(self, data_dir: Path) -> None:
        self.data_text = _text(self.tr("Your conversations, models and documents are kept "
                                       "in this folder:"))
        self.data_path = QLabel(str(data_dir))
        self.data_path.setTextFormat(Qt.TextFormat.PlainText)
        self.data_path.setWordWrap(True)
        self.data_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.data_path.setAccessibleName(self.tr("Data folder"))

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language_combo, 1)
        row.addWidget(self.restart_button)
        layout.addLayout(row)
        layout.addWidget(self.language_note)
        layout.addWidget(_section(self.tr("Your model")))
        layout.addWidget(self.model_text)
        layout.addWidget(self.catalog_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(_section(self.tr("Your data")))
        layout.addWidget(self.data_text)
        layout.addWidget(self.data_path)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # Tab goes down the page in reading order, the main button last.
        for first, second in ((self.language_combo, self.restart_button),
                              (self.restart_button, self.catalog_button),
                              (self.catalog_button, self.data_path),
                              (self.data_path, self.start_button)):
            QWidget.setTabOrder(first, second)

    # ---- reactions ---------------------------------------------------------------

    def _on_language_changed(self, _index: int) -> None:
        code = self.language_combo.currentData()
        changed = resolve(code) != resolve(self._started_with)  # what the user will see
        self.language_note.setVisible(changed)
        self.restart_button.setVisible(changed)
        self.language_chosen.emit(code)

    def _on_catalog(self) -> None:
        self.catalog_requested.emit()
        self.accept()


def _text(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _section(title: str) -> QLabel:
    label = QLabel(title)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label
