"""ChatPage: the transcript, a notice line, and the composer with Send and Stop."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.chat_service import ChatService
from desktop.ui.composer import Composer
from desktop.ui.transcript_view import TranscriptView


class ChatPage(QWidget):
    """Sends what the composer submits; edits, regenerates and deletes on request.
    `models_dropped(list[str])`: .gguf files were dropped on the composer."""

    models_dropped = Signal(list)

    def __init__(self, chat: ChatService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._editing: int | None = None  # id of the user message being edited
        self.transcript = TranscriptView(chat.messages)
        self.notice = QLabel(wordWrap=True, visible=False)
        self.notice.setAccessibleName(self.tr("Notice"))
        self.composer = Composer()
        self.send_button = QPushButton(self.tr("Send"), clicked=self.composer.submit)
        self.stop_button = QPushButton(self.tr("Stop"), clicked=chat.stop, enabled=False)
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc)"))
        self._layout()
        self.composer.submitted.connect(self._on_submitted)
        self.composer.files_dropped.connect(self._on_files_dropped)
        self.transcript.action_requested.connect(self._on_action)
        chat.generating_changed.connect(self._on_generating_changed)
        chat.jump_requested.connect(self.transcript.scroll_to_message)
        chat.conversation_opened.connect(self._on_conversation_opened)
        chat.context_changed.connect(self._on_context_changed)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.composer, 1)
        row.addWidget(self.send_button)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.notice)
        layout.addLayout(row)

    def focus_composer(self) -> None:
        """Put the cursor in the composer."""
        self.composer.setFocus()

    def cancel_edit(self) -> bool:
        """Leave edit mode; True if there was one to leave."""
        if self._editing is None:
            return False
        self._editing = None
        self.composer.clear()
        self._show_notice("")
        return True

    def _on_submitted(self, text: str) -> None:
        if self._editing is not None:
            sent = self._chat.edit_and_resend(self._editing, text)
            if sent:
                self._editing = None
                self._show_notice("")
        else:
            sent = self._chat.send(text)
        if sent:
            self.composer.clear()

    def _on_action(self, action: str, message_id: int) -> None:
        if action == "regenerate":
            self._chat.regenerate(message_id)
        elif action == "edit":
            self._start_edit(message_id)
        elif action == "delete" and self._confirm_delete():
            self._chat.delete_message(message_id)

    def _start_edit(self, message_id: int) -> None:
        if self._chat.generating:
            return
        row = self._chat.messages.row_of(message_id)
        if row < 0:
            return
        self._editing = message_id
        self.composer.setPlainText(self._chat.messages.messages()[row].text)
        self.composer.setFocus()
        self._show_notice(self.tr("Editing a message: Enter resends it and replaces the later "
                                  "turns; Esc cancels."))

    def _confirm_delete(self) -> bool:
        answer = QMessageBox.question(self, self.tr("Delete message"),
                                      self.tr("Delete this message? This cannot be undone."))
        return answer == QMessageBox.StandardButton.Yes

    def _on_generating_changed(self, generating: bool) -> None:
        self.stop_button.setEnabled(generating)
        self.send_button.setEnabled(not generating)

    def _on_conversation_opened(self, _conversation: object) -> None:
        self._editing = None
        self._show_notice("")

    def _on_context_changed(self, used: int, available: int, dropped: int) -> None:
        if dropped:
            self._show_notice(self.tr(
                "This conversation no longer fits in the model's context (%1 tokens). Maru left "
                "out the oldest %2 message(s) and kept the system prompt. Start a new "
                "conversation or raise the context size to keep everything.").replace(
                "%1", str(available)).replace("%2", str(dropped)))
        elif self._editing is None:
            self._show_notice("")

    def _on_files_dropped(self, files: list[str]) -> None:
        models = [f for f in files if f.lower().endswith(".gguf")]
        if models:
            self.models_dropped.emit(models)
        others = len(files) - len(models)
        if others:
            self._show_notice(self.tr("Asking about documents comes with the documents "
                                      "feature; %n file(s) not added.", "", others))

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
