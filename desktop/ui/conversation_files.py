"""ConversationFiles: File → Export as Markdown/JSON and Import conversation: the file
dialogs, and the outcome said in the status bar or a warning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from desktop.services.chat_service import ChatService


class ConversationFiles(QObject):
    """Exports the open conversation and imports exports, for `window` (GUI thread)."""

    def __init__(self, chat: ChatService, window: QMainWindow) -> None:
        super().__init__(window)
        self._chat = chat
        self._window = window

    def export(self, as_json: bool) -> None:
        """Ask where, then write the open conversation as Markdown or JSON."""
        if self._chat.conversation is None:
            return
        title = self._chat.conversation.title or "conversation"
        suffix, kind = (".json", self.tr("JSON (*.json)")) if as_json else (
            ".md", self.tr("Markdown (*.md)"))
        name, _ = QFileDialog.getSaveFileName(self._window, self.tr("Export conversation"),
                                              safe_name(title) + suffix, kind)
        if name:
            self._report(lambda: self._chat.export(Path(name), as_json),
                         self.tr("Exported to %1.").replace("%1", name))

    def import_conversation(self) -> None:
        """Ask for a JSON export and open it as a new conversation."""
        name, _ = QFileDialog.getOpenFileName(self._window, self.tr("Import conversation"), "",
                                              self.tr("Maru conversation (*.json)"))
        if name:
            self._report(lambda: self._chat.import_file(Path(name)),
                         self.tr("Imported %1.").replace("%1", name))

    def _report(self, job: Callable[[], object], success: str) -> None:
        try:
            job()
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self._window, self.tr("Maru"), self.tr(
                "That did not work: %1").replace("%1", str(exc)))
            return
        self._window.statusBar().showMessage(success, 8000)


def safe_name(title: str) -> str:
    """A file name from a title: no path separators or reserved characters."""
    cleaned = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title).strip()
    return cleaned[:80] or "conversation"
