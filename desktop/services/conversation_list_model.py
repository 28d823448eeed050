"""ConversationListModel: the sidebar's conversations, grouped by date.

A flat list where each group (Pinned, Today, Yesterday, ...) starts with a
header row that cannot be selected. Lives on the GUI thread; the chat service
refreshes it after changes (conversation lists are small: a reset is cheap).
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.core.conversation import Conversation, DateGroup, date_group

Index = QModelIndex | QPersistentModelIndex


class ConversationRole(IntEnum):
    """Item data roles. DisplayRole: the title, or the group value on a header."""

    ID = Qt.ItemDataRole.UserRole + 1  # None on headers
    IS_HEADER = Qt.ItemDataRole.UserRole + 2
    GROUP = Qt.ItemDataRole.UserRole + 3  # a DateGroup value
    PINNED = Qt.ItemDataRole.UserRole + 4
    UPDATED_AT = Qt.ItemDataRole.UserRole + 5


class ConversationListModel(QAbstractListModel):
    """Rows are ("header", DateGroup) or ("conversation", Conversation)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[DateGroup, Conversation | None]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Headers and conversations together."""
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Headers are shown but cannot be selected."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        _group, conversation = self._rows[index.row()]
        if conversation is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The value of `role` at `index`."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        group, c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return group.value if c is None else c.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if c is None else c.title  # the list elides long titles
        values = {
            ConversationRole.ID: None if c is None else c.id,
            ConversationRole.IS_HEADER: c is None,
            ConversationRole.GROUP: group.value,
            ConversationRole.PINNED: bool(c and c.pinned),
            ConversationRole.UPDATED_AT: None if c is None else c.updated_at,
        }
        return values.get(role)

    def set_conversations(self, conversations: list[Conversation], now: datetime) -> None:
        """Regroup `conversations` (already ordered pinned first, newest first)."""
        rows: list[tuple[DateGroup, Conversation | None]] = []
        for c in conversations:
            group = date_group(c, now)
            if not rows or rows[-1][0] != group:
                rows.append((group, None))
            rows.append((group, c))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, conversation_id: int) -> int:
        """The row of a conversation, -1 if it is not listed."""
        for row, (_group, c) in enumerate(self._rows):
            if c is not None and c.id == conversation_id:
                return row
        return -1

    def conversation_ids(self) -> list[int]:
        """Listed conversation ids, top to bottom."""
        return [c.id for _g, c in self._rows if c is not None]
