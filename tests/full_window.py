"""The whole main window as a user sees it, every page present, over a fake engine and
real services (history, documents index, models folder, downloads, tasks)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


@contextmanager
def full_window(qtbot, folder: Path, fake: FakeEngine | None = None) -> Iterator[MainWindow]:
    """Build, show and (after the block) shut down a MainWindow with all its pages; the
    fake model is loaded and the models list has been read once."""
    engine = EngineService(fake or FakeEngine())
    store = HistoryStore(folder / "history.sqlite3")
    documents = DocumentsService(watch=False)
    chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx),
                       documents=documents)
    tasks = TaskService(engine, store, glossary_dir=folder / "glossaries")
    models, downloads = ModelsService(), DownloadService()
    window = MainWindow(chat, models=models, downloads=downloads, tasks=tasks)
    qtbot.addWidget(window)
    chat.start()
    with qtbot.waitSignal(models.installed_changed, timeout=WAIT):
        models.start()
    with qtbot.waitSignal(chat.model_changed, timeout=WAIT):
        chat.load_model("/models/fake.gguf")
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        window.close()
        for service in (downloads, models, tasks, documents, engine):
            service.shutdown()
        store.close()
