"""An empty conversation shows first steps instead of a blank transcript."""

import pytest
from PySide6.QtCore import Qt

from desktop.backends.history_store import HistoryStore
from desktop.core.protocol import LoadRequest
from desktop.services.chat_service import ChatService
from desktop.services.engine_service import EngineService
from desktop.ui.chat_page import ChatPage
from desktop.ui.empty_chat import EmptyChat
from tests.fake_engine import FakeEngine
from tests.full_window import full_window

WAIT = 5000


@pytest.fixture
def fake():
    return FakeEngine()


@pytest.fixture
def service(qtbot, fake, tmp_path):
    """A chat service on a real history file; no model loaded yet."""
    engine = EngineService(fake)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
        chat.start()
        yield chat
        engine.shutdown()


@pytest.fixture
def page(qtbot, service):
    page = ChatPage(service)
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def showing_empty(page: ChatPage) -> bool:
    return page.transcript_stack.currentWidget() is page.empty_state


def test_a_new_conversation_shows_first_steps_until_the_first_message(qtbot, page, service,
                                                                      fake):
    empty = page.empty_state
    assert showing_empty(page) and empty.isVisible()
    assert empty.model_line.text() == (
        "No model loaded — pick one in the panel on the right or in Models.")
    assert empty.hint.text() == "Type a message below and press Enter."
    with qtbot.waitSignal(service.model_changed, timeout=WAIT):
        service.load_model("/models/fake.gguf")
    assert "fake" in empty.model_line.text()
    fake.enqueue(["Hello", " there"])
    with qtbot.waitSignal(service.answer_done, timeout=WAIT):
        page.composer.setPlainText("hi")
        qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert not showing_empty(page)
    assert "Hello there" in page.transcript.toPlainText()
    service.new_conversation()  # a fresh one is empty again
    assert showing_empty(page)


def test_deleting_the_last_message_brings_the_first_steps_back(qtbot, page, service, fake):
    with qtbot.waitSignal(service.model_changed, timeout=WAIT):
        service.load_model("/models/fake.gguf")
    fake.enqueue(["ok"])
    with qtbot.waitSignal(service.answer_done, timeout=WAIT):
        service.send("hi")
    for message in reversed(service.messages.messages()):
        service.delete_message(message.id)
    assert showing_empty(page)


def test_suggestions_are_keyboard_buttons_that_say_where_to_go(qtbot):
    empty = EmptyChat()
    qtbot.addWidget(empty)
    empty.set_available(["translate", "models"])
    empty.show()
    qtbot.waitExposed(empty)
    shown = [key for key, b in empty.buttons.items() if b.isVisible()]
    assert shown == ["translate", "models"]
    assert empty.or_line.isVisible()
    button = empty.buttons["translate"]
    assert button.text() == "Translate text" and not button.icon().isNull()
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus()
    with qtbot.waitSignal(empty.suggestion_chosen, timeout=WAIT) as chosen:
        qtbot.keyClick(button, Qt.Key.Key_Space)
    assert chosen.args == ["translate"]
    empty.set_available([])
    assert not empty.or_line.isVisible()
    assert empty.model_line.wordWrap() and empty.hint.wordWrap()


def test_a_narrow_window_wraps_the_text_instead_of_widening(qtbot):
    empty = EmptyChat()
    qtbot.addWidget(empty)
    empty.set_available(["summarize", "translate", "documents", "models"])
    assert empty.minimumSizeHint().width() < 300


def test_in_the_window_each_suggestion_opens_its_page(qtbot, tmp_path):
    with full_window(qtbot, tmp_path) as window:
        empty = window.chat_page.empty_state
        assert window.chat_page.transcript_stack.currentWidget() is empty
        assert all(b.isVisible() for b in empty.buttons.values())  # every page is there
        targets = {"summarize": window.summarize_panel, "translate": window.translate_panel,
                   "documents": window.documents_page, "models": window.models_page}
        for key, page in targets.items():
            window.show_page(0)
            qtbot.mouseClick(empty.buttons[key], Qt.MouseButton.LeftButton)
            assert window.pages.currentWidget() is page, key
        models = window.models_page
        assert models.tabs.currentWidget() is models.catalog
        assert models.catalog.filter.currentData() == "chat"
