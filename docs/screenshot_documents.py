"""Screenshots of asking documents, for the docs: files dropped on the window's
documents page (each with its status, broken ones with their reason), then an
answer with citations and the source panel open on the cited PDF page.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \\
        .venv/bin/python docs/screenshot_documents.py

Real documents service (extraction child process, SQLite index), real files, a
real simulated drop on the window; the answer is scripted (tests/fake_engine.py)
so that the picture does not depend on what a 135M model writes.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TIMEOUT_MS = 60_000
ANSWER = ["The warranty period for the Maru X100 is **24 months** from the date of purchase ",
          "[1]. Batteries are replaced free of charge during the first year [2]."]


def drop(widget: object, paths: list[Path]) -> None:
    """What a file manager's drag and drop delivers to the widget."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, (
        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, QDragEnterEvent(QPoint(400, 300), copy, data, left, none))
    QApplication.sendEvent(widget, QDropEvent(QPointF(400, 300), copy, data, left, none))


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="maru-shot-"))
    os.environ.update(MARU_HOME=str(home),
                      QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "xcb"))
    from PySide6.QtCore import QEventLoop, QUrl
    from PySide6.QtWidgets import QApplication

    from desktop.backends.history_store import HistoryStore
    from desktop.core.protocol import LoadRequest
    from desktop.services.chat_service import ChatService
    from desktop.services.documents_service import DocumentsService
    from desktop.services.engine_service import EngineService
    from desktop.ui.main_window import MainWindow
    from docs.screenshot_models import wait_for
    from tests.fake_engine import FakeEngine
    from tests.test_documents_real import write_corpus

    app = QApplication(sys.argv)
    write_corpus(home / "Documents")
    engine = FakeEngine()
    documents = DocumentsService(watch=False)
    store = HistoryStore(home / "history.sqlite3")
    chat = ChatService(store, EngineService(engine),
                       lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx), documents=documents)
    chat.start()
    window = MainWindow(chat)
    window.resize(1300, 800)
    window.show()
    window.show_page(window.pages.indexOf(window.documents_page))
    documents.create_collection("Manuals")
    window.documents_page.select_collection("Manuals")
    wait_for(app, documents.run_finished, lambda: drop(window, [home / "Documents"]))
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-documents-drop.png"))

    window.show_page(0)
    chat.set_collections(["Manuals"])
    engine.enqueue(ANSWER)
    wait_for(app, chat.answer_done, lambda: chat.send(
        "How long is the warranty for the Maru X100, and what about batteries?"))
    answer = chat.messages.messages()[-1]
    window.chat_page.transcript.anchorClicked.emit(QUrl(f"maru:source/{answer.id}/1"))
    panel = window.chat_page.source_panel
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while panel.page_image.pixmap().isNull() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)  # the render
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-documents-answer.png"))
    documents.shutdown()
    store.close()
    print("wrote docs/screenshot-documents-drop.png and docs/screenshot-documents-answer.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
