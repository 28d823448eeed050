"""HubSearchView: search any GGUF repository on the Hub, then pick a file to download."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.hub_models import HubRepo
from desktop.services.download_service import DownloadService
from desktop.services.models_service import ModelsService
from desktop.ui import error_text
from desktop.ui.formatting import number_text
from desktop.ui.repo_files_panel import RepoFilesPanel

_REPO = Qt.ItemDataRole.UserRole + 1


class HubSearchView(QWidget):
    """Query field, sort order, results; the chosen repository's files below."""

    def __init__(self, models: ModelsService, downloads: DownloadService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        self._query = ""
        self.query = QLineEdit(placeholderText=self.tr("Search GGUF models on Hugging Face, "
                                                       "e.g. \"qwen 7b\" or \"korean\""))
        self.query.setAccessibleName(self.tr("Search the Hub"))
        self.query.setClearButtonEnabled(True)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort by"))
        for text, key in ((self.tr("Most downloaded"), "downloads"),
                          (self.tr("Most liked"), "likes"),
                          (self.tr("Recently updated"), "recent")):
            self.sort.addItem(text, key)
        self.search_button = QPushButton(self.tr("&Search"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setAccessibleDescription(self.tr(
            "Repositories found on the Hub. Choosing one lists its files below."))
        self.status = QLabel(wordWrap=True)
        self.files = RepoFilesPanel(models, downloads)
        self._layout()
        self.query.returnPressed.connect(self.run_search)
        self.search_button.clicked.connect(self.run_search)
        self.sort.currentIndexChanged.connect(lambda _i: self._query and self.run_search())
        self.results.currentItemChanged.connect(self._on_current)
        models.search_done.connect(self._on_results)
        models.failed.connect(self._on_failed)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.sort)
        row.addWidget(self.search_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(row)
        top_layout.addWidget(self.status)
        top_layout.addWidget(self.results, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.files)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def run_search(self) -> None:
        """Ask the Hub; the results replace the list when they come."""
        self._query = self.query.text().strip()
        if not self._query:
            return
        self.status.setText(self.tr("Searching the Hub…"))
        self._models.search(self._query, self.sort.currentData())

    def _on_results(self, query: str, repos: list[HubRepo]) -> None:
        if query != self._query:
            return
        self.results.clear()
        for repo in repos:
            extra = self.tr("%1 downloads · %2 likes").replace(
                "%1", number_text(repo.downloads)).replace("%2", number_text(repo.likes))
            item = QListWidgetItem(f"{repo.repo_id}  ·  {extra}"
                                   + ("  ·  " + self.tr("gated") if repo.gated else ""))
            item.setData(_REPO, repo)
            self.results.addItem(item)
        self.status.setText(self.tr("No GGUF repositories match.") if not repos else "")

    def _on_failed(self, operation: str, kind: str, _detail: str) -> None:
        if operation == "search":
            happened, todo = error_text.describe_model_error(kind)
            self.status.setText(f"{happened} {todo}")

    def _on_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.files.show_repo(item.data(_REPO).repo_id)
