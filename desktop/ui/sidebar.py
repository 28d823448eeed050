"""Sidebar: new chat, search across all conversations, and the grouped list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.chat_service import ChatService
from desktop.services.conversation_list_model import ConversationRole
from desktop.ui import icons


def group_name(group: str) -> str:
    """A date group's translated heading."""
    names = {
        "pinned": QCoreApplication.translate("Sidebar", "Pinned"),
        "today": QCoreApplication.translate("Sidebar", "Today"),
        "yesterday": QCoreApplication.translate("Sidebar", "Yesterday"),
        "previous_7_days": QCoreApplication.translate("Sidebar", "Previous 7 days"),
        "previous_30_days": QCoreApplication.translate("Sidebar", "Previous 30 days"),
        "older": QCoreApplication.translate("Sidebar", "Older"),
    }
    return names.get(group, group)


class _Delegate(QStyledItemDelegate):
    """Headers in small bold muted type with room above; untitled conversations
    get a placeholder title."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        extra = 10 if index.data(ConversationRole.IS_HEADER) and index.row() else 4
        return QSize(size.width(), size.height() + extra)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(ConversationRole.IS_HEADER):
            option.text = group_name(index.data(ConversationRole.GROUP))
            font = QFont(option.font)
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            option.font = font
            muted = option.palette.color(QPalette.ColorRole.PlaceholderText)
            option.palette.setColor(QPalette.ColorRole.Text, muted)
        elif not option.text:
            option.text = QCoreApplication.translate("Sidebar", "New chat")


class Sidebar(QWidget):
    """Emits `deleted(conversation_id, title)` so the window can offer Undo."""

    deleted = Signal(int, str)

    def __init__(self, chat: ChatService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self.new_button = QPushButton(self.tr("New chat"), clicked=chat.new_conversation)
        icons.set_icon(self.new_button, "square-pen")
        self.search = QLineEdit(placeholderText=self.tr("Search all conversations"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.list = QListView()
        self.list.setModel(chat.conversations)
        self.list.setItemDelegate(_Delegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setAccessibleDescription(self.tr(
            "Your conversations, newest first. Enter opens one, F2 renames it, Delete "
            "deletes it."))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setAccessibleDescription(self.tr(
            "Conversations that contain the search words. Enter opens one at the message "
            "found."))
        self.results.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.results)
        self._search_timer = QTimer(self, singleShot=True, interval=150,
                                    timeout=self._run_search)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.list.clicked.connect(self._on_activated)
        self.list.activated.connect(self._on_activated)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._open_first_result)
        self.results.itemActivated.connect(self._on_result)
        self.results.itemClicked.connect(self._on_result)
        self._chat.conversation_opened.connect(self._select_current)
        self._chat.conversations.modelReset.connect(self._select_current)
        for key, slot in ((QKeySequence.StandardKey.Delete, self._delete_selected),
                          (QKeySequence(Qt.Key.Key_F2), self._rename_selected)):
            action = QAction(self.list, shortcut=key, triggered=slot)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.list.addAction(action)

    def focus_search(self) -> None:
        """Put the cursor in the search box, selecting what is there."""
        self.search.setFocus()
        self.search.selectAll()

    # ---- list ------------------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        conversation_id = index.data(ConversationRole.ID)
        if conversation_id is not None:
            self._chat.open_conversation(conversation_id)

    def _select_current(self, *_args: object) -> None:
        current = self._chat.conversation
        row = self._chat.conversations.row_of(current.id) if current else -1
        if row >= 0:
            self.list.setCurrentIndex(self._chat.conversations.index(row))

    def _selected_id(self) -> int | None:
        return self.list.currentIndex().data(ConversationRole.ID)

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        conversation_id = index.data(ConversationRole.ID)
        if conversation_id is None:
            return
        pinned = bool(index.data(ConversationRole.PINNED))
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), self._rename_selected)
        menu.addAction(self.tr("Unpin") if pinned else self.tr("Pin"),
                       lambda: self._chat.set_pinned(conversation_id, not pinned))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), self._delete_selected)
        self.list.setCurrentIndex(index)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _rename_selected(self) -> None:
        conversation_id = self._selected_id()
        if conversation_id is None:
            return
        old = self.list.currentIndex().data(Qt.ItemDataRole.DisplayRole) or ""
        title, ok = QInputDialog.getText(self, self.tr("Rename conversation"), self.tr("Title:"),
                                         text=old)
        if ok:
            self._chat.rename(conversation_id, title)

    def _delete_selected(self) -> None:
        conversation_id = self._selected_id()
        if conversation_id is None:
            return
        title = self.list.currentIndex().data(Qt.ItemDataRole.DisplayRole) or ""
        self._chat.delete_conversation(conversation_id)
        self.deleted.emit(conversation_id, title)

    # ---- search ----------------------------------------------------------------------

    def _run_search(self) -> None:
        query = self.search.text().strip()
        self.results.clear()
        if not query:
            self.stack.setCurrentWidget(self.list)
            return
        hits = self._chat.search(query)
        for hit in hits:
            title = hit.title or self.tr("New chat")
            item = QListWidgetItem(f"{title}\n{hit.snippet}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setToolTip(hit.snippet)
            self.results.addItem(item)
        if not hits:
            item = QListWidgetItem(self.tr("No conversation contains “%1”.").replace("%1", query))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.stack.setCurrentWidget(self.results)

    def _open_first_result(self) -> None:
        self._search_timer.stop()
        self._run_search()
        if self.results.count() and self.results.item(0).data(Qt.ItemDataRole.UserRole):
            self._on_result(self.results.item(0))

    def _on_result(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self._chat.open_hit(hit)
