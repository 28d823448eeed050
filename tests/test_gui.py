"""The window and EngineService on a real Qt event loop."""

import pytest
from PySide6.QtCore import Qt

from desktop.backends.engine_client import EngineClient
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import LoadRequest
from desktop.services.engine_service import EngineService
from desktop.ui.main_window import MainWindow
from tests.fake_engine import FakeEngine


@pytest.fixture
def fake():
    return FakeEngine()


@pytest.fixture
def window(qtbot, fake):
    service = EngineService(fake)
    win = MainWindow(service)
    qtbot.addWidget(win)
    yield win
    service.shutdown()


def send(qtbot, window, text):
    window.composer.setText(text)
    qtbot.keyClick(window.composer, Qt.Key.Key_Return)


def test_streamed_text_is_coalesced_into_few_repaints(qtbot, fake):
    service = EngineService(fake)
    fake.enqueue([f"w{i} " for i in range(300)])
    received = []
    service.text_streamed.connect(received.append)
    with qtbot.waitSignal(service.answer_finished, timeout=5000) as finished:
        service.ask([{"role": "user", "content": "hi"}])
    assert "".join(received) == "".join(f"w{i} " for i in range(300))
    assert len(received) < 300
    assert finished.args[0].completion_tokens == 300
    service.shutdown()
    assert fake.closed


def test_window_sends_and_shows_the_answer(qtbot, window, fake):
    fake.enqueue(["Hello", " there", "!"])
    with qtbot.waitSignal(window._engine.answer_finished, timeout=5000):
        send(qtbot, window, "Hi Maru")
    assert "Hello there!" in window.transcript.toPlainText()
    assert fake.requests[0] == [{"role": "user", "content": "Hi Maru"}]
    qtbot.waitUntil(lambda: window.send_button.isEnabled())
    fake.enqueue(["Again"])
    with qtbot.waitSignal(window._engine.answer_finished, timeout=5000):
        send(qtbot, window, "Once more")
    assert [m["role"] for m in fake.requests[1]] == ["user", "assistant", "user"]


@pytest.mark.parametrize("how", ["button", "escape"])
def test_stop_button_and_escape_cancel(qtbot, window, fake, how):
    window.show()
    qtbot.waitActive(window)
    fake.release.clear()
    fake.enqueue(["never", " shown"] * 50)
    send(qtbot, window, "long please")
    qtbot.waitUntil(lambda: window.stop_button.isEnabled())
    with qtbot.waitSignal(window._engine.answer_finished, timeout=5000) as finished:
        if how == "button":
            qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
        else:
            window.composer.setFocus()
            qtbot.waitUntil(window.composer.hasFocus)
            qtbot.keyClick(window.composer, Qt.Key.Key_Escape)
    assert finished.args[0].stop_reason == "cancelled"
    assert "never" not in window.transcript.toPlainText()
    qtbot.waitUntil(lambda: not window.stop_button.isEnabled())


def test_engine_error_is_shown_and_window_lives(qtbot, window, fake):
    fake.error = EngineError(ErrorKind.WORKER_CRASHED, "the engine process was stopped by SIGKILL")
    with qtbot.waitSignal(window._engine.failed, timeout=5000):
        send(qtbot, window, "Hi")
    assert "SIGKILL" in window.transcript.toPlainText()
    qtbot.waitUntil(lambda: window.send_button.isEnabled())


@pytest.mark.slow
def test_real_engine_answers_in_the_window(qtbot, starter_model):
    service = EngineService(EngineClient())
    win = MainWindow(service)
    qtbot.addWidget(win)
    with qtbot.waitSignal(service.model_loaded, timeout=60000):
        win.load_model(LoadRequest(path=str(starter_model), n_ctx=1024))
    assert "CPU" in win.status.text()
    with qtbot.waitSignal(service.answer_finished, timeout=60000) as finished:
        send(qtbot, win, "What is the capital of France?")
    assert finished.args[0].completion_tokens > 0
    assert win._answer and win._answer in win.transcript.toPlainText()
    assert "CPU" in win.status.text() and "tokens/s" in win.status.text()
    service.shutdown()
