"""Composer: where the user writes. Enter sends, Shift+Enter breaks the line.

Input methods (Korean, Japanese, Chinese) compose a character before they
commit it; the half-built syllable lives in the pre-edit string, not in the
text. Enter while composing must finish the syllable and not send, or the
user's last syllable is lost or sent half-typed. Some input methods pass the
Enter key on to the widget after the pre-edit: we watch the pre-edit ourselves.

Files dropped on the composer are offered through `files_dropped` (the
documents feature takes them).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

MAX_LINES = 8


class Composer(QPlainTextEdit):
    """A growing plain-text editor that emits `submitted(text)` on Enter."""

    submitted = Signal(str)
    files_dropped = Signal(list)  # list[str] of local paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preedit = ""
        self.setTabChangesFocus(True)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self.updateGeometry)
        self.setAccessibleName(self.tr("Message"))
        self.setAccessibleDescription(self.tr("Write to Maru. Enter sends the message, "
                                              "Shift+Enter starts a new line."))
        self.setPlaceholderText(self.tr("Ask anything. Enter sends, Shift+Enter adds a line."))

    @property
    def composing(self) -> bool:
        """True while an input method has an uncommitted pre-edit string."""
        return bool(self._preedit)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Track the pre-edit string (the syllable being composed)."""
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter sends unless Shift is held or a syllable is being composed."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.composing:
            # Ask the input method to commit; the commit arrives as an
            # inputMethodEvent. The message is not sent.
            QGuiApplication.inputMethod().commit()
            event.accept()
            return
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        """Emit the text (if any) and clear the editor."""
        text = self.toPlainText()
        if text.strip():
            self.submitted.emit(text)

    def sizeHint(self) -> QSize:
        """Tall enough for the text, from one line up to MAX_LINES."""
        lines = max(1, min(MAX_LINES, int(self.document().size().height())))
        line = self.fontMetrics().lineSpacing()
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        frame = int(self.document().documentMargin() * 2)
        return QSize(super().sizeHint().width(), lines * line + margins + frame + 4)

    def minimumSizeHint(self) -> QSize:
        """At least one line."""
        return self.sizeHint()

    # ---- drop zone ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept local files (documents); plain text drags behave as usual."""
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        """Keep accepting file drags while they move over the composer."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Offer dropped files to whoever handles documents."""
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
            return
        super().dropEvent(event)
