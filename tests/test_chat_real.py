"""The chat window through the real stack: real engine process, starter model,
real SQLite history, real Qt event loop (offscreen)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.backends.engine_client import EngineClient
from desktop.backends.history_store import HistoryStore
from desktop.core.conversation import ChatSettings, MessageStatus, Role
from desktop.core.protocol import LoadRequest
from desktop.core.sampling import Sampling
from desktop.services.chat_service import ChatService
from desktop.services.engine_service import EngineService
from desktop.ui.formatting import number_text
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.slow

# Measured with the starter model: 473-600 tokens at every seed tried (0-5).
LONG_PROMPT = "Write a long essay about the history of the Roman Empire."
LONG = ChatSettings(Sampling(temperature=0.7, seed=0), max_tokens=600, n_ctx=2048)
STEADY = ChatSettings(Sampling(temperature=0.2, seed=11), max_tokens=160, n_ctx=2048)


@pytest.fixture(scope="module")
def real_engine(starter_model):
    """One EngineService over a real engine process for the module (loading costs time)."""
    from tests.conftest import SHARED_ENGINES

    client = EngineClient()
    client.load(LoadRequest(path=str(starter_model), n_ctx=2048))
    SHARED_ENGINES.append(client)
    service = EngineService(client)
    yield service, client
    service.shutdown()
    SHARED_ENGINES.remove(client)


@pytest.fixture
def window(qtbot, real_engine, starter_model, tmp_path):
    service, client = real_engine
    store = HistoryStore(tmp_path / "history.sqlite3")
    chat = ChatService(store, service, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
    chat.start()
    chat._model_path = str(starter_model)
    service.model_info = client.model_info
    chat.update_settings(settings=STEADY)
    win = MainWindow(chat)
    qtbot.addWidget(win)
    win.show()
    yield win
    store.close()


def send(qtbot, win, text, timeout=60000):
    with qtbot.waitSignal(win._chat.generating_changed, timeout=timeout,
                          check_params_cb=lambda busy: not busy):
        composer = win.chat_page.composer
        composer.setFocus()
        composer.setPlainText(text)
        qtbot.keyClick(composer, Qt.Key.Key_Return)


def start_long_answer(qtbot, win):
    """Send LONG_PROMPT and return once the answer has some text."""
    win._chat.update_settings(settings=LONG)
    composer = win.chat_page.composer
    composer.setFocus()
    composer.setPlainText(LONG_PROMPT)
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(win._chat.messages.messages()[-1].text) > 10, timeout=60000)


def stored(win):
    return win._chat.store.messages(win._chat.conversation.id)


def test_ime_composition_then_enter_sends_nothing(qtbot, window):
    composer = window.chat_page.composer
    composer.setFocus()
    QApplication.sendEvent(composer, QInputMethodEvent("수", []))
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert not window._chat.generating and window._chat.messages.rowCount() == 0
    commit = QInputMethodEvent("", [])
    commit.setCommitString("수도")
    QApplication.sendEvent(composer, commit)
    assert window._chat.store.messages(window._chat.conversation.id) == []
    assert composer.toPlainText() == "수도"


def test_send_stream_regenerate_edit_search_export_import(qtbot, window, tmp_path):
    send(qtbot, window, "What is the capital of France?")
    first = stored(window)
    assert [m.role for m in first] == [Role.USER, Role.ASSISTANT]
    assert first[1].status == MessageStatus.DONE and first[1].text.strip()
    assert first[1].meta["tokens"] > 0 and first[1].meta["tokens_per_second"] > 0
    assert "tokens/s" in window.speed_label.text()
    assert f"/ {number_text(2048)}" in window.context_label.text()  # the locale's digits

    window.chat_page.transcript.action_requested.emit("regenerate", first[1].id)
    qtbot.waitUntil(lambda: not window._chat.generating, timeout=60000)
    regenerated = stored(window)
    assert len(regenerated) == 2 and regenerated[1].created_at > first[1].created_at
    assert regenerated[1].status == MessageStatus.DONE

    send(qtbot, window, "And of Germany?")
    window.chat_page.transcript.action_requested.emit("edit", stored(window)[2].id)
    send(qtbot, window, "And of Italy?")
    edited = stored(window)
    assert [m.text for m in edited[:3]] == [first[0].text, regenerated[1].text, "And of Italy?"]
    assert len(edited) == 4 and edited[3].status == MessageStatus.DONE

    word = max(edited[3].text.split(), key=len).strip(".,!?*")
    hits = window._chat.search(word)
    assert any(h.message_id == edited[3].id for h in hits)

    path = tmp_path / "conversation.json"
    window._chat.export(path, as_json=True)
    imported = window._chat.import_file(path)
    again = window._chat.store.messages(imported.id)
    assert [(m.role, m.text, m.status) for m in again] == [
        (m.role, m.text, m.status) for m in edited]


def test_stop_keeps_the_partial_answer(qtbot, window):
    start_long_answer(qtbot, window)
    with qtbot.waitSignal(window._chat.answer_done, timeout=10000) as done:
        window.stop_action.trigger()
    assert done.args[0].stop_reason == "cancelled"
    answer = stored(window)[-1]
    assert answer.status == MessageStatus.STOPPED and len(answer.text) > 10


def test_worker_killed_mid_answer_keeps_partial_text_and_recovers(qtbot, window, real_engine):
    _service, client = real_engine
    start_long_answer(qtbot, window)
    with qtbot.waitSignal(window._chat.generating_changed, timeout=20000,
                          check_params_cb=lambda busy: not busy):
        os.kill(client.pid, signal.SIGKILL)
    failed = stored(window)[-1]
    assert failed.status == MessageStatus.FAILED and failed.error == "worker_crashed"
    assert len(failed.text) > 10  # the partial answer is kept
    assert "The model process stopped unexpectedly" in window.chat_page.transcript.toPlainText()
    assert window.isVisible() and window.chat_page.send_button.isEnabled()
    window._chat.update_settings(settings=STEADY)
    send(qtbot, window, "Say hello.", timeout=120000)  # the engine restarts and reloads
    answer = stored(window)[-1]
    assert answer.status == MessageStatus.DONE and answer.text.strip()


def test_kill_9_of_the_whole_app_loses_at_most_a_second(maru_home, starter_model):
    env = dict(os.environ, MARU_HOME=str(maru_home), QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen([sys.executable, "-m", "tests.drive_app", LONG_PROMPT], env=env,
                           cwd=Path(__file__).resolve().parent.parent, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = paths.data_dir() / "history.sqlite3"
    try:
        partial = _wait_for_partial_answer(db, app)
    finally:
        os.killpg(app.pid, signal.SIGKILL)  # the GUI and its engine process, mid-answer
        app.wait(10)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with HistoryStore(db) as store:
        assert store.recover_interrupted() == 1
        conversation = store.list_conversations()[0]
        user, answer = store.messages(conversation.id)
    assert user.role == Role.USER and user.text == LONG_PROMPT
    assert answer.status == MessageStatus.INTERRUPTED
    assert answer.text.startswith(partial) and len(answer.text) >= len(partial) > 0


def _wait_for_partial_answer(db: Path, app: subprocess.Popen, timeout: float = 120) -> str:
    """Poll the history file (another process) until the streaming answer has text."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.poll() is not None:
            pytest.fail(f"the app exited early: {app.stderr.read().decode()[-2000:]}")
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    row = conn.execute("SELECT text FROM messages WHERE role='assistant' AND "
                                       "status='streaming' AND length(text) > 20").fetchone()
            except sqlite3.OperationalError:  # the schema is still being created
                row = None
            if row:
                return row[0]
        time.sleep(0.05)  # polling another process's file; the assertion is on its content
    pytest.fail("no partial answer was saved while the app streamed")
