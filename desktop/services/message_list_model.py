"""MessageListModel: the open conversation's messages, for the transcript view.

Lives on the GUI thread. The chat service is its only writer; views read it
through roles and react to rowsInserted / dataChanged / rowsRemoved /
modelReset. While an answer streams, only its row changes (TEXT and STATUS).
"""

from __future__ import annotations

import dataclasses
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.core.conversation import Message

Index = QModelIndex | QPersistentModelIndex


class MessageRole(IntEnum):
    """Item data roles; DisplayRole gives the text too."""

    ID = Qt.ItemDataRole.UserRole + 1
    ROLE = Qt.ItemDataRole.UserRole + 2  # "user" / "assistant"
    TEXT = Qt.ItemDataRole.UserRole + 3
    STATUS = Qt.ItemDataRole.UserRole + 4  # a MessageStatus value
    ERROR = Qt.ItemDataRole.UserRole + 5  # an ErrorKind value, "" if none
    META = Qt.ItemDataRole.UserRole + 6  # dict of answer statistics
    MESSAGE = Qt.ItemDataRole.UserRole + 7  # the Message value itself


class MessageListModel(QAbstractListModel):
    """A flat list of Message values, oldest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._messages: list[Message] = []

    # ---- Qt interface ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of messages (0 under any parent: this is a flat list)."""
        return 0 if parent.isValid() else len(self._messages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The value of `role` for the message at `index`."""
        if not index.isValid() or not 0 <= index.row() < len(self._messages):
            return None
        m = self._messages[index.row()]
        values = {
            Qt.ItemDataRole.DisplayRole: m.text,
            MessageRole.ID: m.id,
            MessageRole.ROLE: m.role.value,
            MessageRole.TEXT: m.text,
            MessageRole.STATUS: m.status.value,
            MessageRole.ERROR: m.error,
            MessageRole.META: m.meta,
            MessageRole.MESSAGE: m,
        }
        return values.get(role)

    def roleNames(self) -> dict[int, bytes]:
        """Role names for QML and debugging."""
        return {int(r): r.name.lower().encode() for r in MessageRole}

    # ---- the chat service's interface ----------------------------------------

    def messages(self) -> list[Message]:
        """A copy of the list."""
        return list(self._messages)

    def set_messages(self, messages: list[Message]) -> None:
        """Replace everything (a conversation was opened)."""
        self.beginResetModel()
        self._messages = list(messages)
        self.endResetModel()

    def append(self, message: Message) -> None:
        """Add a message at the end."""
        row = len(self._messages)
        self.beginInsertRows(QModelIndex(), row, row)
        self._messages.append(message)
        self.endInsertRows()

    def replace(self, message: Message) -> None:
        """Put a changed message (same id) in place; one dataChanged for its row."""
        row = self.row_of(message.id)
        if row < 0:
            return
        self._messages[row] = dataclasses.replace(message)
        index = self.index(row)
        self.dataChanged.emit(index, index, [])

    def remove_from(self, row: int) -> None:
        """Remove the message at `row` and every later one."""
        if not 0 <= row < len(self._messages):
            return
        self.beginRemoveRows(QModelIndex(), row, len(self._messages) - 1)
        del self._messages[row:]
        self.endRemoveRows()

    def remove(self, row: int) -> None:
        """Remove one message."""
        if not 0 <= row < len(self._messages):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._messages[row]
        self.endRemoveRows()

    def row_of(self, message_id: int) -> int:
        """The row of a message id, -1 if absent (searches from the end: streaming is there)."""
        for row in range(len(self._messages) - 1, -1, -1):
            if self._messages[row].id == message_id:
                return row
        return -1
