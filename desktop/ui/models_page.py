"""ModelsPage: Installed, Catalog, Search and Downloads tabs, plus importing local
.gguf files (picked or dropped) and the Hub token prompt for gated repositories."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.download_service import DownloadService
from desktop.services.models_service import ModelsService
from desktop.ui import error_text
from desktop.ui.catalog_view import CatalogView
from desktop.ui.downloads_view import DownloadsView
from desktop.ui.formatting import number_text, size_text
from desktop.ui.hub_search_view import HubSearchView
from desktop.ui.installed_models_view import InstalledModelsView

HUB_TOKENS_URL = "https://huggingface.co/settings/tokens"


def local_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The local files and folders a drag carries."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [u.toLocalFile() for u in urls if u.isLocalFile()]


def gguf_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The local .gguf files a drag carries."""
    return [p for p in local_paths(event) if p.lower().endswith(".gguf")]


class ModelsPage(QWidget):
    """Signals: use_requested(str path): the user wants to chat with a model."""

    use_requested = Signal(str)

    def __init__(self, models: ModelsService, downloads: DownloadService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        self._downloads = downloads
        self._asking_token = False
        self.installed = InstalledModelsView(models)
        self.catalog = CatalogView(models, downloads)
        self.search = HubSearchView(models, downloads)
        self.downloads = DownloadsView(downloads)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.installed, self.tr("&Installed"))
        self.tabs.addTab(self.catalog, self.tr("&Catalog"))
        self.tabs.addTab(self.search, self.tr("Searc&h the Hub"))
        self.tabs.addTab(self.downloads, self.tr("&Downloads"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self.setAcceptDrops(True)
        self.installed.use_requested.connect(self.use_requested)
        self.installed.import_requested.connect(self.pick_files)
        for panel in (self.catalog.files, self.search.files):
            panel.download_requested.connect(lambda _v: self.tabs.setCurrentWidget(
                self.downloads))
        models.import_checked.connect(self._on_import_checked)
        models.imported.connect(lambda _m: self.tabs.setCurrentWidget(self.installed))
        models.failed.connect(self._on_failed)
        models.token_needed.connect(self.ask_token)
        downloads.token_needed.connect(self.ask_token)
        downloads.finished.connect(lambda _j, _p: models.refresh_installed())

    def show_catalog(self, kind: str = "embedding") -> None:
        """The catalog tab: on the recommended embedding model (the documents page asks),
        or with kind="chat" on the chat models (the user looks for a better model)."""
        self.tabs.setCurrentWidget(self.catalog)
        if kind == "embedding":
            self.catalog.show_embedding_models()
        else:
            self.catalog.filter.setCurrentIndex(self.catalog.filter.findData(kind))

    # ---- import ----------------------------------------------------------------------------

    def pick_files(self) -> None:
        """Choose .gguf files to import."""
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import a GGUF model"), "",
                                                self.tr("GGUF models (*.gguf)"))
        self.import_paths(files)

    def import_paths(self, paths: list[str]) -> None:
        """Check each file (header, then llama.cpp); the user then links or copies it."""
        for path in paths:
            self._models.check_import(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept drags that carry .gguf files."""
        if gguf_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the dropped .gguf files."""
        self.import_paths(gguf_paths(event))
        event.acceptProposedAction()

    def _on_import_checked(self, path: str, check: object) -> None:
        name = Path(path).name
        if check.error is not None:
            happened, todo = error_text.describe_model_error(check.error.kind.value)
            QMessageBox.warning(self, self.tr("Cannot import %1").replace("%1", name),
                                f"{happened}\n\n{check.error.detail}\n\n{todo}")
            return
        info = check.info
        summary = self.tr("%1: %2, %3, context %4 tokens, %5.").replace("%1", name).replace(
            "%2", info.architecture).replace("%3", info.quantization).replace(
            "%4", number_text(info.context_length)).replace("%5", size_text(check.size_bytes))
        if info.chat_template is None:
            summary += "\n\n" + self.tr("The file has no chat template: Maru will use a "
                                        "generic one, which may answer worse.")
        link = self._ask_link_or_copy(self.tr("Import %1").replace("%1", name), summary)
        if link is not None:
            self._models.import_file(path, link=link)

    def _ask_link_or_copy(self, title: str, summary: str) -> bool | None:
        """True: use the file in place; False: copy it; None: cancelled."""
        box = QMessageBox(QMessageBox.Icon.Question, title, summary, parent=self)
        box.setInformativeText(self.tr("Use the file where it is, or copy it into Maru's "
                                       "models folder?"))
        link = box.addButton(self.tr("Use in &place"), QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton(self.tr("&Copy into Maru"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is link else False if clicked is copy else None

    def _on_failed(self, operation: str, kind: str, detail: str) -> None:
        if operation in ("import", "remove"):
            happened, todo = error_text.describe_model_error(kind)
            QMessageBox.warning(self, self.tr("Models"), f"{happened}\n\n{detail}\n\n{todo}")

    # ---- Hub token ---------------------------------------------------------------------------

    def ask_token(self, repo_id: str) -> None:
        """Ask once for a Hugging Face access token; it is kept in an owner-only file."""
        if self._asking_token:
            return
        self._asking_token = True
        try:
            token, ok = QInputDialog.getText(
                self, self.tr("Hugging Face access token"),
                self.tr("%1 is gated or private. Accept its terms on the Hub, create a "
                        "read token at %2 and paste it here. Maru keeps it in a file only "
                        "your user can read.").replace("%1", repo_id).replace(
                            "%2", HUB_TOKENS_URL),
                QLineEdit.EchoMode.Password)
        finally:
            self._asking_token = False
        if ok and token.strip():
            self._models.save_token(token.strip())
            for job in self._downloads.jobs():
                if job.variant.repo_id == repo_id:
                    self._downloads.resume(job.job_id)
