"""CollectionsList: the named collections, with New, Rename and Delete.

Conversations' own attachments ("chat-<id>" collections) are not listed: the
service's `collections()` leaves them out, and new names may not take that prefix.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.documents_service import CHAT_PREFIX, DocumentsService


class CollectionsList(QWidget):
    """Signals: selected(str name): the current collection changed ("" when none)."""

    selected = Signal(str)

    def __init__(self, service: DocumentsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Collections"))
        self.list.setAccessibleDescription(self.tr(
            "Your document collections. Choose one to see its files and indexing."))
        self.new_button = QPushButton(self.tr("&New collection…"))
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.delete_button = QPushButton(self.tr("De&lete…"))
        self.new_button.setAccessibleName(self.tr("New collection"))
        self.rename_button.setAccessibleName(self.tr("Rename collection"))
        self.delete_button.setAccessibleName(self.tr("Delete collection"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_collection)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button.clicked.connect(self._delete)
        self.list.currentTextChanged.connect(self._on_current)
        service.collections_changed.connect(self.refresh)
        self._on_current("", emit=False)
        self.refresh()

    def current(self) -> str | None:
        """The selected collection's name, or None."""
        item = self.list.currentItem()
        return item.text() if item is not None else None

    def names(self) -> list[str]:
        """The listed names, top to bottom."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def select(self, name: str) -> bool:
        """Make `name` current; False when it is not listed."""
        found = self.list.findItems(name, Qt.MatchFlag.MatchExactly)
        if found:
            self.list.setCurrentItem(found[0])
        return bool(found)

    def refresh(self) -> None:
        """List the service's collections again, keeping the selection where it can."""
        current = self.current()
        names = [c.name for c in self._service.collections()]
        if names == self.names():
            return
        self.list.blockSignals(True)  # one `selected` at the end, not one per step
        self.list.clear()
        self.list.addItems(names)
        if not (current and self.select(current)) and names:
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._on_current(self.current() or "", emit=self.current() != current)

    def new_collection(self) -> str | None:
        """Ask for a name, make the collection and select it; its name, or None."""
        name = self.ask_name(self.tr("New collection"), self.tr("Name of the new collection:"))
        if name is None:
            return None
        self._service.create_collection(name)
        self.select(name)
        return name

    def ask_name(self, title: str, label: str, text: str = "") -> str | None:
        """A name that is not empty, not reserved and not taken; None when cancelled."""
        taken = set(self.names()) - {text}
        prompt = label
        while True:
            name, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Normal, text)
            if not ok:
                return None
            name = " ".join(name.split())
            if not name:
                problem = self.tr("The name cannot be empty.")
            elif name.startswith(CHAT_PREFIX):
                problem = self.tr("Names starting with \"chat-\" are kept for conversations.")
            elif name in taken:
                problem = self.tr("There is already a collection with this name.")
            else:
                return name
            prompt, text = f"{problem}\n\n{label}", name

    def _on_current(self, name: str, emit: bool = True) -> None:
        self.rename_button.setEnabled(bool(name))
        self.delete_button.setEnabled(bool(name))
        if emit:
            self.selected.emit(name)

    def _rename(self) -> None:
        old = self.current()
        if old is None:
            return
        new = self.ask_name(self.tr("Rename collection"), self.tr("New name:"), old)
        if new is not None and new != old:
            self._service.rename_collection(old, new)
            self.select(new)

    def _delete(self) -> None:
        name = self.current()
        if name is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete collection"),
            self.tr("Delete the collection %1 and its index? The files themselves are not "
                    "deleted.").replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            self._service.delete_collection(name)
