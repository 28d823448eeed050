"""RepoFilesPanel: one Hub repository's models, a row per quantization, with size,
parts and fit on this machine for the chosen context size, and a Download button.

Shared by the catalog and the Hub search. Asks ModelsService for the listing
(off the GUI thread) and DownloadService to queue the chosen variant.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fit import FitKind
from desktop.core.hub_models import ModelVariant
from desktop.services.download_service import DownloadService
from desktop.services.models_service import ModelsService, RepoListing
from desktop.ui import error_text
from desktop.ui.fit_text import fit_details, fit_label
from desktop.ui.formatting import number_text, size_text

CONTEXT_SIZES = (2048, 4096, 8192, 16384, 32768, 65536, 131072)
DEFAULT_CONTEXT = 4096
_VARIANT = Qt.ItemDataRole.UserRole + 1


class RepoFilesPanel(QWidget):
    """Lists a repository's variants; `download_requested(variant)` after Download."""

    download_requested = Signal(object)

    def __init__(self, models: ModelsService, downloads: DownloadService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        self._downloads = downloads
        self._repo_id = ""
        self._preferred = ""
        self._listing: RepoListing | None = None
        self.title = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.context = QComboBox()
        self.context.setAccessibleName(self.tr("Context size for the fit estimate"))
        for size in CONTEXT_SIZES:
            self.context.addItem(self.tr("%1 tokens").replace("%1", number_text(size)), size)
        self.context.setCurrentIndex(CONTEXT_SIZES.index(DEFAULT_CONTEXT))
        self.table = QTreeWidget(rootIsDecorated=False, uniformRowHeights=True)
        self.table.setHeaderLabels([self.tr("Quantization"), self.tr("Size"), self.tr("Files"),
                                    self.tr("On this machine")])
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Model files"))
        self.table.setAccessibleDescription(self.tr(
            "One row per quantization: its size, its files and how it runs on this computer. "
            "Enter downloads the selected one."))
        self.details = QLabel(wordWrap=True)
        self.status = QLabel(wordWrap=True)
        self.download_button = QPushButton(self.tr("&Download"), enabled=False)
        self._layout()
        self.context.currentIndexChanged.connect(self._fill)
        self.table.currentItemChanged.connect(self._on_current)
        self.table.itemActivated.connect(lambda *_: self._download())
        self.download_button.clicked.connect(self._download)
        models.files_listed.connect(self._on_listed)
        models.failed.connect(self._on_failed)
        models.machine_changed.connect(lambda _m: self._fill())

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Context:"), buddy=self.context))
        row.addWidget(self.context)
        row.addStretch(1)
        row.addWidget(self.download_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.status)

    def show_repo(self, repo_id: str, preferred: str = "") -> None:
        """Ask the Hub for `repo_id`'s files; `preferred` (a quantization) is selected."""
        self._repo_id, self._preferred, self._listing = repo_id, preferred, None
        self.title.setText(repo_id)
        self.table.clear()
        self.details.clear()
        self.download_button.setEnabled(False)
        self.status.setText(self.tr("Listing the files on the Hub…"))
        self._models.list_files(repo_id)

    @property
    def listing(self) -> RepoListing | None:
        """What the Hub said about the shown repository."""
        return self._listing

    def _on_listed(self, listing: RepoListing) -> None:
        if listing.repo_id != self._repo_id:
            return  # an answer for a repository the user has left
        self._listing = listing
        if not listing.variants:
            self.status.setText(self.tr("This repository has no GGUF model files."))
        elif listing.shape is None:
            self.status.setText(self.tr("The fit cannot be estimated: the model's header "
                                        "could not be read."))
        else:
            self.status.clear()
        self._fill()

    def _on_failed(self, operation: str, kind: str, _detail: str) -> None:
        if operation == "files" and self._listing is None and self._repo_id:
            happened, todo = error_text.describe_model_error(kind)
            self.status.setText(f"{happened} {todo}")

    def _fill(self, *_args: object) -> None:
        listing = self._listing
        if listing is None:
            return
        current = self._current_variant()
        self.table.clear()
        select = None
        for variant in listing.variants:
            estimate = self._estimate(variant)
            parts = str(len(variant.files)) if variant.complete else self.tr("incomplete")
            item = QTreeWidgetItem([variant.quantization or variant.filename,
                                    size_text(variant.size), parts, fit_label(estimate)])
            item.setData(0, _VARIANT, variant)
            item.setToolTip(0, variant.filename)
            item.setToolTip(3, fit_details(estimate, self._models.machine))
            if estimate is not None and estimate.kind is FitKind.WONT_FIT:
                item.setForeground(3, self.palette().placeholderText())
            self.table.addTopLevelItem(item)
            wanted = current.filename if current else self._preferred
            if variant.filename == wanted or variant.quantization == wanted:
                select = item
        self.table.setCurrentItem(select or self.table.topLevelItem(0))

    def _estimate(self, variant: ModelVariant) -> object:
        if self._listing is None or self._listing.shape is None:
            return None
        return self._models.fit(self._listing.shape, variant.size, self.context.currentData())

    def _current_variant(self) -> ModelVariant | None:
        item = self.table.currentItem()
        return item.data(0, _VARIANT) if item is not None else None

    def _on_current(self, *_args: object) -> None:
        variant = self._current_variant()
        self.download_button.setEnabled(variant is not None and variant.complete)
        estimate = self._estimate(variant) if variant else None
        self.details.setText(fit_details(estimate, self._models.machine))

    def _download(self) -> None:
        variant = self._current_variant()
        if variant is None or not variant.complete:
            return
        self._downloads.enqueue(variant)
        self.download_requested.emit(variant)
        self.status.setText(self.tr("Added to the downloads."))
