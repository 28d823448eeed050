"""Where dropped documents go: this conversation, or a collection.

A small menu at the drop point: "Attach to this conversation", one entry per
collection, and "New collection…". Returns the choice; the caller acts on it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

ATTACH = "attach"  # the choice that means: this conversation's own files


def ask_where(parent: QWidget, collections: list[str], count: int) -> str | None:
    """ATTACH, a collection name, or None when the user dismissed the menu."""
    menu = QMenu(parent)
    menu.setAccessibleName(QCoreApplication.translate(
        "DocumentDropMenu", "Where should the dropped documents go?"))
    menu.addSection(QCoreApplication.translate("DocumentDropMenu", "%n document(s)", "", count))
    attach = menu.addAction(QCoreApplication.translate(
        "DocumentDropMenu", "Attach to this conversation"))
    targets = {}
    if collections:
        menu.addSection(QCoreApplication.translate("DocumentDropMenu", "Add to a collection"))
        for name in collections:
            targets[menu.addAction(name)] = name
    new = menu.addAction(QCoreApplication.translate("DocumentDropMenu", "New collection…"))
    chosen = menu.exec(QCursor.pos())
    if chosen is None:
        return None
    if chosen is attach:
        return ATTACH
    if chosen is new:
        return new_collection_name(parent, collections)
    return targets.get(chosen)


def new_collection_name(parent: QWidget, taken: list[str]) -> str | None:
    """Ask for a collection name; None if cancelled. Names must be new and not reserved."""
    name, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("DocumentDropMenu", "New collection"),
        QCoreApplication.translate("DocumentDropMenu", "Name of the new collection:"))
    name = " ".join(name.split())
    if not ok or not name or name.startswith("chat-") or name in taken:
        return None
    return name
