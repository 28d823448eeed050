"""CatalogView: Maru's curated models, filterable, with the chosen one's files below."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalog import CatalogEntry
from desktop.services.download_service import DownloadService
from desktop.services.models_service import ModelsService
from desktop.ui.formatting import number_text
from desktop.ui.repo_files_panel import RepoFilesPanel

_ENTRY = Qt.ItemDataRole.UserRole + 1


class CatalogView(QWidget):
    """A list of catalog entries; choosing one lists its files from the Hub."""

    def __init__(self, models: ModelsService, downloads: DownloadService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Show"))
        for text, key in ((self.tr("All models"), "all"), (self.tr("Good at Korean"), "ko"),
                          (self.tr("Chat models"), "chat"),
                          (self.tr("Embedding models (for documents)"), "embedding")):
            self.filter.addItem(text, key)
        self.entries = QListWidget()
        self.entries.setAccessibleName(self.tr("Catalog"))
        self.entries.setAccessibleDescription(self.tr(
            "Models Maru recommends. Choosing one lists its files below."))
        self.about = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.files = RepoFilesPanel(models, downloads)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show:"), buddy=self.filter))
        row.addWidget(self.filter, 1)
        top_layout.addLayout(row)
        top_layout.addWidget(self.entries, 1)
        top_layout.addWidget(self.about)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.files)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.filter.currentIndexChanged.connect(self._fill)
        self.entries.currentItemChanged.connect(self._on_current)
        self._fill()

    def show_embedding_models(self) -> None:
        """Filter to embedding models and select the recommended (first) one."""
        self.filter.setCurrentIndex(self.filter.findData("embedding"))
        if self.entries.count():
            self.entries.setCurrentRow(0)

    def _fill(self, *_args: object) -> None:
        key = self.filter.currentData()
        self.entries.clear()
        for entry in self._models.catalog:
            if key == "ko" and "ko" not in entry.languages:
                continue
            if key in ("chat", "embedding") and entry.kind != key:
                continue
            item = QListWidgetItem(self._summary(entry))
            item.setData(_ENTRY, entry)
            item.setToolTip(entry.description_for(_language()))
            self.entries.addItem(item)

    def _summary(self, entry: CatalogEntry) -> str:
        size = self.tr("%1B parameters").replace("%1", f"{entry.params_b:g}")
        languages = ", ".join(entry.languages[:6]) + ("…" if len(entry.languages) > 6 else "")
        return f"{entry.name}  ·  {size}  ·  {languages}  ·  {entry.license}"

    def _on_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        entry: CatalogEntry = item.data(_ENTRY)
        lines = [entry.description_for(_language()),
                 self.tr("Context: %1 tokens").replace("%1", number_text(entry.context_length))]
        if entry.gated:
            lines.append(self.tr("The author asks you to accept terms on the Hub first; "
                                 "Maru will ask for an access token."))
        self.about.setText("\n".join(lines))
        self.files.show_repo(entry.repo, entry.recommended)


def _language() -> str:
    """The UI language's code ("ko", "en"): catalog descriptions come in both."""
    return QLocale().name().split("_")[0]
