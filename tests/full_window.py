"""The whole main window as a user sees it, every page present, over a fake engine and
real services (history, documents index, models folder, downloads, tasks)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from desktop.backends.history_store import HistoryStore
from desktop.core.protocol import LoadRequest
from desktop.services.chat_service import ChatService
from desktop.services.documents_service import DocumentsService
from desktop.services.download_service import DownloadService
from desktop.services.engine_service import EngineService
from desktop.services.models_service import ModelsService
from desktop.services.task_service import TaskService
from desktop.ui.main_window import MainWindow
from tests.fake_engine import FakeEngine

WAIT = 10_000


@dataclass
class Parts:
    """A whole window and the services behind it; `close()` shuts all of it down,
    the window first (none of its timers may fire on a closed store)."""

    window: MainWindow
    chat: ChatService
    documents: DocumentsService
    models: ModelsService
    services: tuple
    store: HistoryStore

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        for service in self.services:
            service.shutdown()
        self.store.close()


def build_window(folder: Path, fake: FakeEngine, store: HistoryStore | None = None) -> Parts:
    """MainWindow with every page over real services in `folder` and the `fake` engine,
    as desktop/app.py composes them; nothing started yet."""
    engine = EngineService(fake)
    store = store or HistoryStore(folder / "history.sqlite3")
    documents = DocumentsService(watch=False)
    chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx),
                       documents=documents)
    tasks = TaskService(engine, store, glossary_dir=folder / "glossaries")
    models, downloads = ModelsService(), DownloadService()
    window = MainWindow(chat, models=models, downloads=downloads, tasks=tasks)
    return Parts(window, chat, documents, models, (downloads, models, tasks, documents, engine),
                 store)


@contextmanager
def full_window(qtbot, folder: Path, fake: FakeEngine | None = None) -> Iterator[MainWindow]:
    """Build, show and (after the block) shut down a MainWindow with all its pages; the
    fake model is loaded and the models list has been read once."""
    parts = build_window(folder, fake or FakeEngine())
    parts.chat.start()
    with qtbot.waitSignal(parts.models.installed_changed, timeout=WAIT):
        parts.models.start()
    with qtbot.waitSignal(parts.chat.model_changed, timeout=WAIT):
        parts.chat.load_model("/models/fake.gguf")
    parts.window.show()
    qtbot.waitExposed(parts.window)
    try:
        yield parts.window
    finally:
        parts.close()
