"""AnswerAnnouncer: tells a screen reader user how each answer ended, once.

While an answer streams, the transcript changes many times a second; a screen reader
following it would read half-words. So nothing is announced then: the transcript's
description says that Maru is writing. When the answer ends (done, stopped or failed)
one announcement reads its start, or why it stopped; the whole answer is in the
transcript to read on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.core.conversation import Message, MessageStatus, Role
from desktop.services.chat_service import ChatService
from desktop.ui import announce, error_text


class AnswerAnnouncer(QObject):
    """Announces each finished answer of `chat` on behalf of `transcript` (GUI thread),
    and keeps the transcript's accessible description in step with the streaming."""

    def __init__(self, chat: ChatService, transcript: QWidget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._transcript = transcript
        self._idle_description = self.tr(
            "Your messages and Maru's answers. Tab moves between the links under each "
            "message: Copy, Edit, Regenerate, Delete.")
        transcript.setAccessibleDescription(self._idle_description)
        chat.generating_changed.connect(self._on_generating_changed)

    def _on_generating_changed(self, generating: bool) -> None:
        self._transcript.setAccessibleDescription(
            self.tr("Maru is writing an answer; it is read out when it is done.")
            if generating else self._idle_description)
        messages = self._chat.messages.messages()
        if not generating and messages and messages[-1].role == Role.ASSISTANT:
            text, assertive = self.describe(messages[-1])
            announce.announce(self._transcript, text, assertive=assertive)

    def describe(self, answer: Message) -> tuple[str, bool]:
        """What to say about an answer that ended, and whether it may interrupt
        (failures do)."""
        spoken = announce.spoken_markdown(answer.text)
        if answer.status == MessageStatus.FAILED:
            happened, todo = error_text.describe(answer.error)
            return f"{happened} {todo}", True
        if answer.status == MessageStatus.STOPPED:
            stopped = self.tr("Answer stopped.")
            return (f"{stopped} {spoken}" if spoken.strip() else stopped), False
        if answer.meta.get("not_found") and not answer.text:
            return self.tr("Nothing in your documents matches this question."), False
        return spoken if spoken.strip() else self.tr("The answer is empty."), False
