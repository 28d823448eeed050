"""DocumentScopeBar: which documents the open conversation's answers search.

A line above the composer: "Answers use: 3 attached files · Contracts", and a
Documents button whose menu attaches files, picks collections (checkable) and
opens the documents page. Hidden while the conversation uses no documents
except for the button itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from desktop.core.documents import FileState
from desktop.services.chat_service import ChatService
from desktop.services.documents_service import chat_collection


class DocumentScopeBar(QWidget):
    """Shows and changes the conversation's document scope.
    `manage_requested` asks the window to open the documents page."""

    manage_requested = Signal()

    def __init__(self, chat: ChatService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Documents this conversation uses"))
        self.button = QToolButton(text=self.tr("Documents"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setAccessibleName(self.tr("Choose documents for this conversation"))
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.summary, 1)
        chat.conversation_opened.connect(self.refresh)
        chat.conversation_updated.connect(self.refresh)
        chat.documents.collections_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Say what the conversation's answers will search."""
        parts = []
        conversation = self._chat.conversation
        if conversation is not None:
            own = self._chat.documents.files(chat_collection(conversation.id))
            readable = sum(1 for f in own if f.state is FileState.DONE)
            if readable:
                parts.append(self.tr("%n attached file(s)", "", readable))
            parts.extend(conversation.settings.collections)
        self.summary.setText(self.tr("Answers use: %1").replace("%1", " · ".join(parts))
                             if parts else "")

    def _fill_menu(self) -> None:
        self.menu.clear()
        self.menu.addAction(self.tr("Attach files…"), self._attach_files)
        self.menu.addAction(self.tr("Attach a folder…"), self._attach_folder)
        collections = self._chat.documents.collections()
        if collections:
            self.menu.addSection(self.tr("Ask these collections"))
        chosen = set(self._chat.conversation.settings.collections) if (
            self._chat.conversation) else set()
        for collection in collections:
            action = QAction(collection.name, self.menu, checkable=True,
                             checked=collection.name in chosen)
            action.toggled.connect(lambda on, name=collection.name: self._toggle(name, on))
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Manage documents…"), self.manage_requested.emit)

    def _toggle(self, name: str, on: bool) -> None:
        if self._chat.conversation is None:
            return
        names = [n for n in self._chat.conversation.settings.collections if n != name]
        self._chat.set_collections([*names, name] if on else names)

    def _attach_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach documents"))
        if files:
            self._chat.attach_files(files)

    def _attach_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Attach a folder"))
        if folder:
            self._chat.attach_files([folder])
