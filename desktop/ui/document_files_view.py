"""DocumentFilesView: a collection's files in a table, with a menu per file.

Open file, Show in folder, Remove from collection. Files and folders dropped on
the table are handed on as paths (`paths_dropped`): the view does not add them.
`document_paths` is what a drag carries for the documents page.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from desktop.services.document_files_model import Column, DocumentFilesModel
from desktop.ui.models_page import local_paths


class DocumentFilesView(QTableView):
    """Signals: remove_requested(str path), paths_dropped(list[str] paths)."""

    remove_requested = Signal(str)
    paths_dropped = Signal(list)

    def __init__(self, model: DocumentFilesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._files = model
        self.setAccessibleName(self.tr("Files in the collection"))
        self.setAccessibleDescription(self.tr(
            "The collection's files and how their indexing went. Enter opens a file; its "
            "context menu (Shift+F10) shows it in its folder or removes it."))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.verticalHeader().hide()
        # Columns are fitted once per reset, not kept fitted: ResizeToContents measures
        # up to 1000 rows on every change, seconds per file in a big folder.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Stretch)
        self.customContextMenuRequested.connect(self._menu)
        self.activated.connect(self._on_activated)
        model.modelReset.connect(self._fit_columns)

    def _fit_columns(self) -> None:
        for column in (Column.NAME, Column.PASSAGES, Column.PARTS, Column.FOLDER):
            self.resizeColumnToContents(column)

    def _menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        path = self._files.path_at(index.row())
        menu = QMenu(self)
        menu.addAction(self.tr("&Open file"), lambda: open_path(path))
        menu.addAction(self.tr("Show in &folder"), lambda: open_path(os.path.dirname(path)))
        menu.addSeparator()
        menu.addAction(self.tr("&Remove from collection"),
                       lambda: self.remove_requested.emit(path))
        menu.exec(self.viewport().mapToGlobal(pos))

    def _on_activated(self, index: QModelIndex) -> None:
        open_path(self._files.path_at(index.row()))

    # The table's viewport gets the drag events (QAbstractScrollArea); the item view's
    # own handlers would refuse them, the model taking no drops.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept drags that carry local files or folders."""
        if document_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting while the drag moves over the table."""
        if document_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Hand the dropped paths on."""
        paths = document_paths(event)
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)


def document_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The local files and folders a drag carries, less GGUF models (the window imports
    those: a drag of models only is left to it)."""
    return [p for p in local_paths(event) if not p.lower().endswith(".gguf")]


def open_path(path: str) -> None:
    """Open a file or folder with the desktop's default application."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))
