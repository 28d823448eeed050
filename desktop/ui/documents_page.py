"""DocumentsPage: collections of documents Maru answers from, and how their indexing went.

Left, the named collections (CollectionsList); right, the selected collection:
its counts, Add files / Add folder / Re-index / Cancel, indexing progress, the
"answer only from these documents" switch and its files (DocumentFilesModel).
Above both, whether search works by meaning or by keywords only. Files and
folders dropped on the page go to the selected collection, or to a new one.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.documents import SUFFIXES, FileState, FileStatus
from desktop.services.document_files_model import DocumentFilesModel
from desktop.services.documents_service import DocumentsService
from desktop.ui import error_text
from desktop.ui.collections_list import CollectionsList
from desktop.ui.document_files_view import DocumentFilesView, document_paths
from desktop.ui.embedding_banner import EmbeddingBanner
from desktop.ui.formatting import number_text


class DocumentsPage(QWidget):
    """Signals: embedding_model_requested(): the user wants the recommended embedding model.

    `embedding_status()` names the embedding model in use, or None (keywords only);
    it is asked again each time the page is shown.
    """

    embedding_model_requested = Signal()

    def __init__(self, service: DocumentsService,
                 embedding_status: Callable[[], str | None] = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._name: str | None = None
        self._stored: set[str] = set()  # paths the index held at the last reload
        self.model = DocumentFilesModel(self)
        self.collections = CollectionsList(service)
        self.embedding = EmbeddingBanner(embedding_status)
        self._build()
        self.setAcceptDrops(True)
        self.collections.selected.connect(self._on_selected)
        self.embedding.requested.connect(self.embedding_model_requested)
        self.add_files_button.clicked.connect(self._pick_files)
        self.add_folder_button.clicked.connect(self._pick_folder)
        self.reindex_button.clicked.connect(lambda: self._name and service.reindex(self._name))
        self.cancel_button.clicked.connect(service.cancel)
        self.only_sources.toggled.connect(self._on_only_sources)
        self.table.remove_requested.connect(self.remove_file)
        self.table.paths_dropped.connect(self.add_paths)
        service.collections_changed.connect(self._reload)
        service.file_status.connect(self._on_file_status)
        service.progress.connect(self._on_progress)
        service.embedding_progress.connect(self._on_embedding_progress)
        service.busy_changed.connect(self._on_busy)
        service.run_finished.connect(self._on_run_finished)
        service.failed.connect(self._on_failed)
        self._on_busy(service.busy)
        self._on_selected(self.collections.current() or "")

    def _build(self) -> None:
        self.title = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.title.setAccessibleName(self.tr("Collection"))
        self.summary = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.add_files_button = QPushButton(self.tr("Add &files…"))
        self.add_folder_button = QPushButton(self.tr("Add f&older…"))
        self.reindex_button = QPushButton(self.tr("&Re-index"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        for button, name in ((self.add_files_button, self.tr("Add files")),
                             (self.add_folder_button, self.tr("Add a folder")),
                             (self.reindex_button, self.tr("Re-index every file")),
                             (self.cancel_button, self.tr("Cancel indexing"))):
            button.setAccessibleName(name)
        self.progress = QProgressBar(visible=False)
        self.progress.setAccessibleName(self.tr("Indexing progress"))
        self.only_sources = QCheckBox(self.tr("Answer only from these &documents"))
        self.only_sources.setAccessibleName(self.tr("Answer only from these documents"))
        self.table = DocumentFilesView(self.model)
        self.empty_label = QLabel(self.tr(
            "No collections yet. Drag files or folders here, or click New collection…"),
            wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.right = QStackedWidget()
        self.right.addWidget(self.empty_label)
        self.right.addWidget(self._details())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.collections)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.embedding)
        layout.addWidget(splitter, 1)

    def _details(self) -> QWidget:
        details = QWidget()
        buttons = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.reindex_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(details)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_sources)
        layout.addWidget(self.table, 1)
        return details

    # ---- public ----------------------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        """Add files and folders to the selected collection, or ask for a new one."""
        if not paths:
            return
        name = self.collections.current() or self.collections.ask_name(
            self.tr("New collection"), self.tr("Name of the collection for these documents:"))
        if name is None:
            return
        self._service.add_paths(name, paths)
        self.select_collection(name)

    def select_collection(self, name: str) -> bool:
        """Show `name`; False when there is no such named collection."""
        return self.collections.select(name)

    def showEvent(self, event: object) -> None:
        """An embedding model may have been installed while the page was hidden."""
        self.embedding.refresh()
        super().showEvent(event)

    # ---- drops -------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept drags that carry local files or folders."""
        if document_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting while the drag moves over the page."""
        if document_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Add the dropped files and folders."""
        paths = document_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # ---- the selected collection ---------------------------------------------------------------

    def _on_selected(self, name: str) -> None:
        self._name = name or None
        self._stored = set()
        self.model.set_files([])  # no row of the last collection may be kept
        self.summary.clear()
        self.progress.hide()
        self._reload()

    def _reload(self) -> None:
        """Show the collection as the index has it. Files the index does not hold (a
        dropped file Maru cannot read) and files still waiting keep their rows."""
        collection = self._service.collection(self._name) if self._name else None
        self.right.setCurrentIndex(1 if collection is not None else 0)
        if collection is None:
            self.model.set_files([])
            return
        self.title.setText(self.tr("%1 — %2, %3").replace("%1", collection.name).replace(
            "%2", self._count(collection.files, self.tr("1 file"), self.tr("%1 files"))).replace(
            "%3", self._count(collection.chunks, self.tr("1 passage"), self.tr("%1 passages"))))
        self.only_sources.blockSignals(True)
        self.only_sources.setChecked(collection.only_from_sources)
        self.only_sources.blockSignals(False)
        records = self._service.files(collection.name)
        stored_before, self._stored = self._stored, {r.path for r in records}
        waiting = (FileState.QUEUED, FileState.INDEXING)
        keep = [s for s in self.model.statuses()
                if (s.state is FileState.FAILED and s.path not in self._stored
                    and s.path not in stored_before)
                or (self._service.busy and s.state in waiting)]
        self.model.set_files(records)
        for status in keep:
            self.model.apply_status(status)

    @staticmethod
    def _count(n: int, one: str, many: str) -> str:
        return one if n == 1 else many.replace("%1", number_text(n))

    def _on_only_sources(self, on: bool) -> None:
        if self._name:
            self._service.set_only_from_sources(self._name, on)

    def _pick_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add files"), "",
            self.tr("Documents (%1);;All files (*)").replace("%1", patterns))
        self.add_paths(files)

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder"))
        if folder:
            self.add_paths([folder])

    # ---- indexing ----------------------------------------------------------------------------

    def _on_file_status(self, name: str, status: FileStatus) -> None:
        if name == self._name:
            self.model.apply_status(status)

    def _on_progress(self, name: str, done: int, total: int) -> None:
        if name == self._name:
            self._show_progress(done, total, self.tr("Reading files: %v of %m"))

    def _on_embedding_progress(self, name: str, done: int, total: int) -> None:
        if name == self._name:
            self._show_progress(done, total, self.tr("Indexing for search by meaning: %v of "
                                                     "%m passages"))

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.progress.setFormat(text)
        self.progress.setVisible(self._service.busy)

    def _on_busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        if not busy:
            self.progress.hide()

    def _on_run_finished(self, name: str, report: object) -> None:
        if name != self._name:
            return
        text = self.tr("Last run: %1 indexed, %2 unchanged, %3 failed.")
        text = text.replace("%1", str(report.count(FileState.DONE))).replace(
            "%2", str(report.count(FileState.UNCHANGED))).replace(
            "%3", str(report.count(FileState.FAILED)))
        if report.cancelled:
            text += " " + self.tr("Cancelled before the end.")
        self.summary.setText(text)

    def _on_failed(self, operation: str, kind: str, detail: str) -> None:
        if operation in ("index", "sync", "force", "embed"):
            happened, _todo = error_text.describe(kind)
            self.summary.setText(f"{happened} {detail}".strip())

    # ---- removing ---------------------------------------------------------------------------

    def remove_file(self, path: str) -> None:
        """Stop indexing `path`: a file the user added, or (asked first) its folder."""
        collection = self._service.collection(self._name) if self._name else None
        if collection is None:
            return
        if path in collection.roots:
            self._service.remove_root(collection.name, path)
            return
        folder = next((root for root in collection.roots
                       if path.startswith(root.rstrip(os.sep) + os.sep)), None)
        if folder is None:  # never stored (a file Maru could not read): just forget the row
            self.model.apply_status(FileStatus(path, FileState.REMOVED))
            return
        answer = QMessageBox.question(
            self, self.tr("Remove from collection"),
            self.tr("%1 came from the folder %2. Remove the whole folder from the "
                    "collection? The files themselves are not deleted.").replace(
                "%1", os.path.basename(path)).replace("%2", folder))
        if answer == QMessageBox.StandardButton.Yes:
            self._service.remove_root(collection.name, folder)
