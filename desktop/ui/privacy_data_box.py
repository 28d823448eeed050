"""PrivacyDataBox: the Settings dialog's "Privacy & data" section.

Offline mode (a checkbox the dialog saves on OK), the data folder (shown; "Move…"
checks a folder at once and records it as the pending move, which the dialog saves
and Maru carries out at the next start) and "Clear caches" (acts at once: it is not
a setting, and only deletes what Maru can fetch or compute again).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.preferences_service import PreferencesService
from desktop.ui import appearance
from desktop.ui.formatting import size_text

# A refused or failed move (MoveErrorKind values) in the user's words. Nothing changed.
MOVE_REASONS = {
    "same_folder": QT_TRANSLATE_NOOP("DataFolder", "This is the folder Maru uses now."),
    "inside_current": QT_TRANSLATE_NOOP("DataFolder", "The new folder cannot be inside the "
                                        "current data folder."),
    "not_a_folder": QT_TRANSLATE_NOOP("DataFolder", "That is a file, not a folder."),
    "not_empty": QT_TRANSLATE_NOOP("DataFolder", "The folder is not empty. Choose an empty "
                                   "folder, or make a new one."),
    "not_writable": QT_TRANSLATE_NOOP("DataFolder", "Maru may not write in that folder. Choose "
                                      "a folder you own, on a disk that is not read-only."),
    "no_space": QT_TRANSLATE_NOOP("DataFolder", "The disk of that folder has too little free "
                                  "space for Maru's data."),
    "copy_failed": QT_TRANSLATE_NOOP("DataFolder", "Copying failed part way (the disk may have "
                                     "been removed or be failing)."),
    "verify_failed": QT_TRANSLATE_NOOP("DataFolder", "A copied file did not match its original."),
    "cancelled": QT_TRANSLATE_NOOP("DataFolder", "The move was cancelled."),
}

_UNKNOWN_REASON = QT_TRANSLATE_NOOP("DataFolder", "Something went wrong while moving.")


def move_reason(kind: str) -> str:
    """Why a data folder move did not happen (a MoveErrorKind value), translated."""
    text = MOVE_REASONS.get(kind, _UNKNOWN_REASON)
    return QCoreApplication.translate("DataFolder", text)


class PrivacyDataBox(QGroupBox):
    """Offline mode, the data folder and its move, and the caches. `choose_folder(parent,
    start)` asks for a folder ("" when cancelled; tests pass a fake). Signal
    `pending_changed()`: a move was recorded or dropped."""

    pending_changed = Signal()

    def __init__(self, preferences: PreferencesService, offline: bool, pending: str | None,
                 choose_folder: Callable[[QWidget, str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Privacy && data"), parent)
        self._preferences = preferences
        self._pending = pending
        self._choose = choose_folder or _choose_folder
        self.offline = QCheckBox(self.tr("&Offline mode"))
        self.offline.setChecked(offline)
        self.offline_note = _note(self.tr("Maru never uses the network: searching the Hub and "
                                          "downloading models are off."))
        self.offline.setAccessibleDescription(self.offline_note.text())
        self._build_folder()
        self._build_caches()
        self._lay_out()
        preferences.cache_measured.connect(self._on_measured)
        preferences.caches_cleared.connect(self._on_cleared)
        preferences.measure_cache()
        self._show_folder()

    def pending(self) -> str | None:
        """The folder the data moves to at the next start (None: it stays)."""
        return self._pending

    # ---- building -------------------------------------------------------------------

    def _build_folder(self) -> None:
        self.folder = QLineEdit(str(self._preferences.data_folder()), readOnly=True)
        self.folder.setAccessibleName(self.tr("Data folder"))
        self.folder.setAccessibleDescription(self.tr(
            "Where Maru keeps conversations, models, document indexes and glossaries"))
        self.folder_label = QLabel(self.tr("&Data folder:"))
        self.folder_label.setBuddy(self.folder)
        self.move_button = QPushButton(self.tr("&Move…"), clicked=self._on_move)
        self.move_button.setAccessibleDescription(self.tr("Move the data folder to another "
                                                          "place at the next start"))
        self.keep_button = QPushButton(self.tr("&Keep it here"), clicked=self._on_keep)
        self.folder_note = _note("")
        if self._preferences.folder_fixed():
            self.move_button.setEnabled(False)
            self.move_button.setToolTip(self.tr("MARU_HOME sets the data folder."))

    def _build_caches(self) -> None:
        self.clear_button = QPushButton(self.tr("C&lear caches"), clicked=self._on_clear)
        self.clear_button.setAccessibleDescription(self.tr(
            "Delete saved Hub file headers and other data Maru can fetch again; never models, "
            "downloads, chats or indexes"))
        self.cache_note = _note(self.tr("Measuring…"))

    def _lay_out(self) -> None:
        # Rows in a column: word-wrapped notes get their full height there (in a grid
        # they are cut off).
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(self.offline_note)
        row = QHBoxLayout()
        row.addWidget(self.folder_label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.move_button)
        row.addWidget(self.keep_button)
        layout.addLayout(row)
        layout.addWidget(self.folder_note)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addWidget(self.cache_note, 1)
        layout.addLayout(row)
        for first, second in ((self.offline, self.folder), (self.folder, self.move_button),
                              (self.move_button, self.keep_button),
                              (self.keep_button, self.clear_button)):
            QWidget.setTabOrder(first, second)

    # ---- the data folder --------------------------------------------------------------

    def move_to(self, target: str) -> bool:
        """Check `target` now and record it as the pending move; on a refusal say why and
        record nothing. Returns whether it was recorded."""
        refusal = self._preferences.move_refusal(target)
        if refusal is not None:
            self.folder_note.setText(self.tr("Cannot move there: %1").replace(
                "%1", move_reason(refusal[0])))
            appearance.set_status_color(self.folder_note, "error")
            self.folder_note.show()
            return False
        self._pending = target
        self._show_folder()
        self.pending_changed.emit()
        return True

    def _on_move(self) -> None:
        target = self._choose(self, str(self._preferences.data_folder().parent))
        if target:
            self.move_to(target)

    def _on_keep(self) -> None:
        self._pending = None
        self._show_folder()
        self.pending_changed.emit()

    def _show_folder(self) -> None:
        appearance.set_status_color(self.folder_note, None)
        self.keep_button.setVisible(self._pending is not None)
        self.folder_note.setVisible(self._pending is not None)
        if self._pending is not None:
            self.folder_note.setText(self.tr("The data folder moves to %1 at the next start. "
                                             "Maru copies everything, checks the copy, and only "
                                             "then removes the old folder.").replace(
                "%1", self._pending))

    # ---- caches -----------------------------------------------------------------------

    def _on_clear(self) -> None:
        self.clear_button.setEnabled(False)
        self.cache_note.setText(self.tr("Clearing…"))
        self._preferences.clear_caches()

    def _on_measured(self, size: int) -> None:
        self.cache_note.setText(self.tr("Caches take %1. Models, downloads, chats and "
                                        "indexes are never cleared.").replace(
            "%1", size_text(size)))

    def _on_cleared(self, freed: int) -> None:
        self.clear_button.setEnabled(True)
        self.cache_note.setText(self.tr("Freed %1.").replace("%1", size_text(freed)))


def _choose_folder(parent: QWidget, start: str) -> str:
    return QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("DataFolder", "Move Maru's data to"), start)


def _note(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
