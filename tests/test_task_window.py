"""The task modes in the main window: tabs next to the chat, shortcuts in tab order,
files dropped on the window going to the task panel showing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.backends.history_store import HistoryStore
from desktop.core.protocol import LoadRequest
from desktop.services.chat_service import ChatService
from desktop.services.engine_service import EngineService
from desktop.services.task_service import TaskService
from desktop.ui.main_window import MainWindow
from tests.fake_engine import FakeEngine


@pytest.fixture
def window(qtbot, tmp_path):
    engine = EngineService(FakeEngine())
    store = HistoryStore(tmp_path / "history.sqlite3")
    chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
    chat.start()
    tasks = TaskService(engine, store, glossary_dir=tmp_path / "glossaries")
    win = MainWindow(chat, tasks=tasks)
    qtbot.addWidget(win)
    win.show()
    yield win
    tasks.shutdown()
    engine.shutdown()
    store.close()


def test_the_modes_sit_next_to_the_chat_with_shortcuts_in_tab_order(window):
    tabs = [window.page_tabs.tabText(i) for i in range(window.page_tabs.count())]
    assert tabs[:4] == ["Chat", "Summarize", "Translate", "Classify"]
    shortcuts = {a.shortcut().toString(): a for a in window.findChildren(type(window.stop_action))}
    for number, panel in ((2, window.summarize_panel), (3, window.translate_panel),
                          (4, window.classify_panel)):
        shortcuts[QKeySequence(f"Ctrl+{number}").toString()].trigger()
        assert window.pages.currentWidget() is panel
        assert not window.settings_scroll.isVisible()  # the chat's settings stay with it


def test_a_file_dropped_on_the_window_goes_to_the_task_panel_showing(window, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nHello.\n", encoding="utf-8")
    window.show_widget(window.translate_panel)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(notes))])
    copy, left, none = (Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(5, 5), copy, data, left, none)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(5, 5), copy, data, left, none))
    assert window.translate_panel.input.source().path == str(notes)
    assert window.pages.currentWidget() is window.translate_panel
