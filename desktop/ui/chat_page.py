"""ChatPage: the transcript (and the source panel beside it), a notice line, the
conversation's documents, and the composer with Send and Stop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.documents import FileState, IndexReport
from desktop.services.chat_service import ChatService
from desktop.services.document_files_model import failure_reason
from desktop.services.documents_service import chat_collection
from desktop.ui import document_drop_menu, icons
from desktop.ui.answer_announcer import AnswerAnnouncer
from desktop.ui.composer import Composer
from desktop.ui.document_scope_bar import DocumentScopeBar
from desktop.ui.empty_chat import EmptyChat
from desktop.ui.formatting import number_text
from desktop.ui.source_panel import SourcePanel
from desktop.ui.transcript_view import TranscriptView

MAX_FAILURES_NAMED = 5


class ChatPage(QWidget):
    """Sends what the composer submits; edits, regenerates and deletes on request.
    `models_dropped(list[str])`: .gguf files were dropped on the composer;
    `manage_documents()`: the user asked for the documents page."""

    models_dropped = Signal(list)
    manage_documents = Signal()

    def __init__(self, chat: ChatService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._editing: int | None = None  # id of the user message being edited
        self.transcript = TranscriptView(chat.messages)
        self.empty_state = EmptyChat()  # instead of the transcript while it has no message
        self.transcript_stack = QStackedWidget()
        self.transcript_stack.addWidget(self.transcript)
        self.transcript_stack.addWidget(self.empty_state)
        self.notice = QLabel(wordWrap=True, visible=False)
        self.notice.setAccessibleName(self.tr("Notice"))
        self.composer = Composer()
        self.send_button = QPushButton(self.tr("Send"), clicked=self.composer.submit)
        self.stop_button = QPushButton(self.tr("Stop"), clicked=chat.stop, enabled=False)
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc)"))
        icons.set_icon(self.send_button, "send")
        icons.set_icon(self.stop_button, "square")
        self.scope_bar = self.source_panel = None
        if chat.documents is not None:
            self.scope_bar = DocumentScopeBar(chat)
            self.scope_bar.manage_requested.connect(self.manage_documents)
            self.source_panel = SourcePanel(chat.documents, self.transcript.source_label)
            self.source_panel.hide()
            self.transcript.source_requested.connect(self.show_source)
            chat.searching_documents.connect(self._on_searching)
            chat.documents.run_finished.connect(self._on_indexed)
        self._layout()
        self.announcer = AnswerAnnouncer(chat, self.transcript, self)  # for screen readers
        self.composer.submitted.connect(self._on_submitted)
        self.composer.files_dropped.connect(self._on_files_dropped)
        self.transcript.action_requested.connect(self._on_action)
        chat.generating_changed.connect(self._on_generating_changed)
        chat.jump_requested.connect(self.transcript.scroll_to_message)
        chat.conversation_opened.connect(self._on_conversation_opened)
        chat.context_changed.connect(self._on_context_changed)
        self._follow_emptiness(chat)

    def _follow_emptiness(self, chat: ChatService) -> None:
        """The empty state shows while the conversation has no message and names the model."""
        for signal in (chat.messages.modelReset, chat.messages.rowsInserted,
                       chat.messages.rowsRemoved):
            signal.connect(self._update_empty)
        # Bound methods, not lambdas: Qt drops them with the page (a lambda would outlive it).
        chat.model_changed.connect(self._on_model_changed)
        chat.load_progress.connect(self._on_load_progress)
        info = chat.engine.model_info
        self.empty_state.set_model(info.name if info else None)
        self._update_empty()

    def _on_model_changed(self, info: object) -> None:
        self.empty_state.set_model(info.name if info else None)

    def _on_load_progress(self, _fraction: float) -> None:
        self.empty_state.set_loading()

    def _update_empty(self, *_args: object) -> None:
        empty = self._chat.messages.rowCount() == 0
        self.transcript_stack.setCurrentWidget(self.empty_state if empty else self.transcript)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.composer, 1)
        row.addWidget(self.send_button)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.source_panel is not None:
            split = QSplitter()
            split.addWidget(self.transcript_stack)
            split.addWidget(self.source_panel)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            layout.addWidget(split, 1)
        else:
            layout.addWidget(self.transcript_stack, 1)
        layout.addWidget(self.notice)
        if self.scope_bar is not None:
            layout.addWidget(self.scope_bar)
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
                "%1", number_text(available)).replace("%2", number_text(dropped)))
        elif self._editing is None:
            self._show_notice("")

    def _on_files_dropped(self, files: list[str]) -> None:
        models = [f for f in files if f.lower().endswith(".gguf")]
        if models:
            self.models_dropped.emit(models)
        others = [f for f in files if f not in models]
        if others:
            self.add_documents(others)

    def add_documents(self, paths: list[str]) -> None:
        """Ask where dropped documents go (this conversation or a collection), then index."""
        documents = self._chat.documents
        if documents is None:
            self._show_notice(self.tr("Documents are not available in this window; "
                                      "%n file(s) not added.", "", len(paths)))
            return
        names = [c.name for c in documents.collections()]
        where = document_drop_menu.ask_where(self, names, len(paths))
        if where == document_drop_menu.ATTACH:
            self._chat.attach_files(paths)
        elif where:
            documents.add_paths(where, paths)
            if where not in self._chat.conversation.settings.collections:
                self._chat.set_collections([*self._chat.conversation.settings.collections,
                                            where])

    def show_source(self, message_id: int, n: int) -> None:
        """Open the source panel on source n of an answer."""
        row = self._chat.messages.row_of(message_id)
        if row < 0 or self.source_panel is None:
            return
        sources = self._chat.messages.messages()[row].meta.get("sources") or []
        source = next((s for s in sources if s.get("n") == n), None)
        if source is not None:
            self.source_panel.show_source(source)

    def _on_indexed(self, name: str, report: IndexReport) -> None:
        """Files attached to this conversation that could not be read are named, with why."""
        conversation = self._chat.conversation
        if conversation is None or name != chat_collection(conversation.id):
            return
        failed = [s for s in report.statuses if s.state is FileState.FAILED]
        if not failed:
            self._show_notice("")
            return
        listed = "; ".join(f"{Path(s.path).name} ({failure_reason(s.error)})"
                           for s in failed[:MAX_FAILURES_NAMED])
        more = len(failed) - MAX_FAILURES_NAMED
        text = self.tr("%n attached file(s) could not be read: ", "", len(failed)) + listed
        if more > 0:
            text += self.tr(" and %n more.", "", more)
        self._show_notice(text)

    def _on_searching(self, searching: bool) -> None:
        self._show_notice(self.tr("Searching your documents…") if searching else "")

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
