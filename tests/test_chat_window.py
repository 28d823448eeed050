"""The chat window on a real Qt event loop and a real history file, with a fake engine."""

import json

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.backends.history_store import HistoryStore
from desktop.core.conversation import MessageStatus, Role
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import LoadRequest, StopReason
from desktop.services.chat_service import ChatService
from desktop.services.conversation_list_model import ConversationRole
from desktop.services.engine_service import EngineService
from desktop.ui.main_window import MainWindow
from tests.fake_engine import FakeEngine


@pytest.fixture
def fake():
    return FakeEngine()


@pytest.fixture
def store(tmp_path):
    with HistoryStore(tmp_path / "history.sqlite3") as s:
        yield s


@pytest.fixture
def chat(qtbot, fake, store):
    engine = EngineService(fake)
    service = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
    service.start()
    with qtbot.waitSignal(service.model_changed, timeout=5000):
        service.load_model("/models/fake.gguf")
    yield service
    engine.shutdown()


@pytest.fixture
def window(qtbot, chat):
    saved = []
    win = MainWindow(chat, save_state=lambda g, s: saved.append((g, s)))
    win.saved_states = saved
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def type_and_send(qtbot, window, text):
    composer = window.chat_page.composer
    composer.setFocus()
    composer.setPlainText(text)
    qtbot.keyClick(composer, Qt.Key.Key_Return)


def ask(qtbot, window, text):
    with qtbot.waitSignal(window._chat.answer_done, timeout=5000) as done:
        type_and_send(qtbot, window, text)
    return done.args[0]


def transcript(window):
    return window.chat_page.transcript.toPlainText()


def test_send_streams_markdown_and_saves_both_messages(qtbot, window, fake, store):
    fake.enqueue(["# Title\n\n", "Some **bold** and `code`.\n\n", "```python\nx = 1\n```\n"])
    ask(qtbot, window, "안녕, Maru!")
    text = transcript(window)
    assert "안녕, Maru!" in text and "Title" in text and "x = 1" in text
    assert "**" not in text and "```" not in text  # rendered, not shown raw
    conversation = window._chat.conversation
    assert conversation.title == "안녕, Maru!"  # the automatic title
    saved = store.messages(conversation.id)
    assert [(m.role, m.status) for m in saved] == [(Role.USER, MessageStatus.DONE),
                                                   (Role.ASSISTANT, MessageStatus.DONE)]
    assert saved[1].text.startswith("# Title") and saved[1].meta["tokens"] == 3
    assert window.chat_page.composer.toPlainText() == ""
    assert fake.options[0]["fit_context"] is True


RICH = (
    "# 서울 여행\n\nFirst paragraph with **bold**.\n\n1. one\n2. two\n3. three\n\n"
    "| city | days |\n|---|---|\n| 서울 | 3 |\n| 부산 | 2 |\n\n"
    "```python\ndef hello():\n    return '안녕'\n```\n\n> a quote\n\nThe end.\n"
)


def test_streamed_answer_looks_the_same_as_when_reopened(qtbot, window, fake):
    fake.enqueue([RICH[i:i + 3] for i in range(0, len(RICH), 3)])
    ask(qtbot, window, "plan")
    streamed = " ".join(transcript(window).split())
    window.chat_page.transcript.rebuild()  # what opening the conversation again draws
    assert " ".join(transcript(window).split()) == streamed
    assert "1. one" not in streamed and "|" not in streamed and "def hello" in streamed


def test_user_message_is_committed_before_the_answer_and_the_answer_while_it_streams(
        qtbot, window, fake, store):
    fake.release.clear()
    fake.enqueue(["partial ", "answer"] + ["never"] * 5)
    type_and_send(qtbot, window, "keep this")
    qtbot.waitUntil(fake.started.is_set)
    cid = window._chat.conversation.id
    assert [m.text for m in store.messages(cid)] == ["keep this", ""]
    fake.release.set()
    fake.release.clear()  # let one chunk through, then hold the stream
    qtbot.waitUntil(lambda: "partial" in store.messages(cid)[1].text, timeout=3000)
    assert store.messages(cid)[1].status == MessageStatus.STREAMING
    with qtbot.waitSignal(window._chat.answer_done, timeout=5000):
        window.chat_page.stop_button.click()
    assert store.messages(cid)[1].status == MessageStatus.STOPPED


@pytest.mark.parametrize("how", ["button", "escape"])
def test_stop_keeps_the_text_so_far(qtbot, window, fake, store, how):
    fake.release.clear()
    fake.enqueue(["kept"] + [" never"] * 50)
    type_and_send(qtbot, window, "long please")
    qtbot.waitUntil(window.chat_page.stop_button.isEnabled)
    with qtbot.waitSignal(window._chat.answer_done, timeout=5000) as done:
        if how == "button":
            qtbot.mouseClick(window.chat_page.stop_button, Qt.MouseButton.LeftButton)
        else:
            window.stop_action.trigger()
    assert done.args[0].stop_reason == "cancelled"
    answer = store.messages(window._chat.conversation.id)[1]
    assert answer.status == MessageStatus.STOPPED and "never" not in answer.text
    assert "Stopped" in transcript(window)
    qtbot.waitUntil(lambda: not window.chat_page.stop_button.isEnabled())


def test_regenerate_replaces_the_answer(qtbot, window, fake, store):
    fake.enqueue(["first answer"])
    ask(qtbot, window, "question")
    answer_id = window._chat.messages.messages()[1].id
    fake.enqueue(["second answer"])
    with qtbot.waitSignal(window._chat.answer_done, timeout=5000):
        window.chat_page.transcript.action_requested.emit("regenerate", answer_id)
    texts = [m.text for m in store.messages(window._chat.conversation.id)]
    assert texts == ["question", "second answer"]
    assert fake.requests[1] == [{"role": "user", "content": "question"}]
    assert "first answer" not in transcript(window)


def test_edit_and_resend_replaces_later_turns(qtbot, window, fake, store):
    for answer in ("one", "two"):
        fake.enqueue([answer])
    ask(qtbot, window, "first")
    ask(qtbot, window, "second")
    first_id = window._chat.messages.messages()[0].id
    window.chat_page.transcript.action_requested.emit("edit", first_id)
    assert window.chat_page.composer.toPlainText() == "first"
    assert window.chat_page.notice.isVisible()
    fake.enqueue(["edited answer"])
    with qtbot.waitSignal(window._chat.answer_done, timeout=5000):
        type_and_send(qtbot, window, "first, edited")
    texts = [m.text for m in store.messages(window._chat.conversation.id)]
    assert texts == ["first, edited", "edited answer"]
    assert fake.requests[-1] == [{"role": "user", "content": "first, edited"}]


def test_search_finds_a_word_in_a_message_and_jumps_to_it(qtbot, window, fake, store):
    fake.enqueue(["The platypus lays eggs."])
    ask(qtbot, window, "Tell me about odd mammals")
    target = window._chat.messages.messages()[1].id
    old = window._chat.conversation.id
    window.new_action.trigger()
    fake.enqueue(["서울에서 부산까지 세 시간 걸립니다."])
    ask(qtbot, window, "기차 여행")
    assert window._chat.conversation.id != old
    window.search_action.trigger()
    assert window.sidebar.search.hasFocus()
    with qtbot.waitSignal(window._chat.jump_requested, timeout=3000) as jumped:
        qtbot.keyClicks(window.sidebar.search, "platypus")
        qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
    assert jumped.args == [target]
    assert window._chat.conversation.id == old
    assert window.sidebar.results.count() == 1
    window.sidebar.search.setText("부산")
    qtbot.waitUntil(lambda: "기차 여행" in window.sidebar.results.item(0).text())


def test_export_then_import_gives_the_same_conversation(qtbot, window, fake, store, tmp_path):
    fake.enqueue(["| a | b |\n|---|---|\n| 1 | 2 |\n"])
    ask(qtbot, window, "표를 보여줘")
    window._chat.update_settings(system_prompt="Answer in Korean.")
    original = window._chat.conversation
    path = tmp_path / "export.json"
    window._chat.export(path, as_json=True)
    window._chat.export(tmp_path / "export.md", as_json=False)
    assert "표를 보여줘" in (tmp_path / "export.md").read_text(encoding="utf-8")
    imported = window._chat.import_file(path)
    assert imported.id != original.id and window._chat.conversation.id == imported.id
    assert imported.title == original.title
    assert imported.system_prompt == "Answer in Korean."
    strip = [(m.role, m.text, m.status, m.meta) for m in store.messages(original.id)]
    assert [(m.role, m.text, m.status, m.meta) for m in store.messages(imported.id)] == strip
    assert "표를 보여줘" in transcript(window)


def test_import_of_a_broken_file_says_why_and_changes_nothing(qtbot, chat, store, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    before = len(store.list_conversations())
    with pytest.raises(ValueError):
        chat.import_file(path)
    assert len(store.list_conversations()) == before


def test_ime_composition_and_enter_does_not_send(qtbot, window, fake):
    composer = window.chat_page.composer
    composer.setFocus()
    sent = []
    composer.submitted.connect(sent.append)
    QApplication.sendEvent(composer, QInputMethodEvent("", []))
    composing = QInputMethodEvent("하", [])
    QApplication.sendEvent(composer, composing)
    assert composer.composing
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert sent == [] and not fake.requests
    commit = QInputMethodEvent("", [])
    commit.setCommitString("한")
    QApplication.sendEvent(composer, commit)
    assert not composer.composing and composer.toPlainText() == "한"
    qtbot.keyClick(composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert sent == [] and composer.toPlainText() == "한\n"
    fake.enqueue(["네"])
    with qtbot.waitSignal(window._chat.answer_done, timeout=5000):
        qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert sent == ["한\n"] and fake.requests[0][-1]["content"] == "한"


def test_engine_error_shows_in_place_and_the_next_message_works(qtbot, window, fake, store):
    fake.error = EngineError(ErrorKind.WORKER_CRASHED, "the engine process was stopped by SIGKILL")
    with qtbot.waitSignal(window._chat.generating_changed, timeout=5000,
                          check_params_cb=lambda busy: not busy):
        type_and_send(qtbot, window, "Hi")
    text = transcript(window)
    assert "The model process stopped unexpectedly" in text and "Regenerate" in text
    answer = store.messages(window._chat.conversation.id)[1]
    assert answer.status == MessageStatus.FAILED and answer.error == "worker_crashed"
    fake.error = None
    fake.enqueue(["recovered"])
    ask(qtbot, window, "again")
    assert fake.requests[-1] == [{"role": "user", "content": "Hi\n\nagain"}]
    assert "recovered" in transcript(window)


def test_context_trimming_is_announced(qtbot, window, fake):
    fake.dropped = 4
    fake.enqueue(["ok"])
    ask(qtbot, window, "hello")
    assert window.chat_page.notice.isVisible()
    notice = window.chat_page.notice.text()
    assert "4" in notice and "system prompt" in notice
    assert "left out" in window.context_label.text()


def test_stop_while_the_model_loads_means_no_answer(qtbot, chat, fake):
    fake.release.clear()
    fake.enqueue(["should not stream"])
    chat.load_model("/models/other.gguf")
    chat.send("hello")
    with qtbot.waitSignal(chat.answer_done, timeout=5000) as done:
        chat.stop()
        fake.release.set()
    assert done.args[0].stop_reason == "cancelled"
    assert chat.messages.messages()[1].text == ""


def test_sidebar_rename_pin_delete_and_undo(qtbot, window, fake, store):
    for word in ("alpha", "beta"):
        fake.enqueue(["ok"])
        window.new_action.trigger()
        ask(qtbot, window, word)
    chat = window._chat
    alpha = next(c for c in store.list_conversations() if c.title == "alpha")
    chat.set_pinned(alpha.id, True)
    model = chat.conversations
    assert model.data(model.index(0), ConversationRole.GROUP) == "pinned"
    assert model.data(model.index(1), ConversationRole.ID) == alpha.id
    chat.rename(alpha.id, "  renamed   chat ")
    assert store.conversation(alpha.id).title == "renamed chat"
    chat.open_conversation(alpha.id)
    window.sidebar.list.setCurrentIndex(model.index(model.row_of(alpha.id)))
    window.sidebar._delete_selected()
    assert alpha.id not in model.conversation_ids() and chat.conversation.id != alpha.id
    undo = window._undo_button
    assert undo is not None and undo.isVisible()
    undo.click()
    assert alpha.id in model.conversation_ids() and chat.conversation.id == alpha.id


def test_new_chat_shortcut_reuses_an_empty_conversation(qtbot, window, store):
    first = window._chat.conversation.id
    window.new_action.trigger()
    assert window._chat.conversation.id == first
    assert len(store.list_conversations()) == 1


def test_settings_panel_saves_per_conversation_and_presets(qtbot, window, store):
    panel = window.settings_panel
    panel.temperature.setValue(0.2)
    panel.system_prompt.setPlainText("Be terse.")
    qtbot.waitUntil(lambda: store.conversation(window._chat.conversation.id)
                    .settings.sampling.temperature == pytest.approx(0.2), timeout=3000)
    assert store.conversation(window._chat.conversation.id).system_prompt == "Be terse."
    window._chat.save_preset("terse")
    assert "terse" in store.presets()
    panel.reset_to_model()
    assert window._chat.conversation.settings.sampling.temperature == pytest.approx(0.7)
    window._chat.apply_preset("terse")
    assert panel.temperature.value() == pytest.approx(0.2)


def test_window_geometry_is_remembered(qtbot, chat):
    saved = []
    first = MainWindow(chat, save_state=lambda g, s: saved.append((g, s)))
    qtbot.addWidget(first)
    first.resize(700, 500)  # the offscreen screen is 800 x 600
    first.show()
    first.close()
    second = MainWindow(chat, state=saved[0])
    qtbot.addWidget(second)
    second.show()
    assert second.size() == first.size() == QSize(700, 500)
    assert second.splitter.sizes() == first.splitter.sizes()


def test_long_conversation_opens_from_the_end_and_draws_the_rest_in_batches(
        qtbot, chat, store):
    conversation = store.create_conversation(title="long")
    for i in range(300):
        store.add_message(conversation.id, Role.USER, f"question {i}")
        store.add_message(conversation.id, Role.ASSISTANT, f"answer **{i}**")
    window = MainWindow(chat)
    qtbot.addWidget(window)
    chat.open_conversation(conversation.id)
    view = window.chat_page.transcript
    assert len(view.message_ids()) < 100  # the newest first, at once
    first = store.messages(conversation.id)[0].id
    qtbot.waitUntil(lambda: len(view.message_ids()) == 600, timeout=10000)
    ids = view.message_ids()
    assert ids == [m.id for m in store.messages(conversation.id)]  # in order
    assert view.scroll_to_message(first)


def test_item_models_pass_the_model_tester(qtbot, qtmodeltester, window, fake):
    fake.enqueue(["a", "b"])
    ask(qtbot, window, "hello")
    qtmodeltester.check(window._chat.messages)
    qtmodeltester.check(window._chat.conversations)


def test_model_picker_loads_the_chosen_model_with_progress(qtbot, fake, store, tmp_path):
    models = [tmp_path / "alpha.gguf", tmp_path / "beta.gguf"]
    engine = EngineService(fake)
    chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx),
                       list_models=lambda: models)
    chat.start()
    window = MainWindow(chat)
    qtbot.addWidget(window)
    combo = window.settings_panel.model_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["alpha", "beta"]
    progress = []
    chat.load_progress.connect(progress.append)
    with qtbot.waitSignal(chat.model_changed, timeout=5000) as loaded:
        combo.setCurrentIndex(1)
        combo.activated.emit(1)
    assert loaded.args[0].path == str(models[1]) and progress == [0.5, 1.0]
    assert combo.currentText() == "beta" and "CPU" in window.model_label.text()
    engine.shutdown()


def test_files_dropped_on_the_composer_are_offered(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    doc = tmp_path / "보고서.pdf"
    doc.write_bytes(b"%PDF-1.4")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    composer = window.chat_page.composer
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(5, 5).toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(composer.viewport(), enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(composer.files_dropped, timeout=1000) as dropped:
        QApplication.sendEvent(composer.viewport(), QDropEvent(
            QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier))
    assert dropped.args == [[str(doc)]]
    # No documents service in this window: the page says so instead of dropping silently.
    assert window.chat_page.notice.isVisible()


def test_an_answer_cut_by_the_repetition_guard_says_so(qtbot, window, fake, store):
    fake.stop_reason = StopReason.REPETITION
    fake.enqueue(["one two ", "one two ", "one two "])
    ask(qtbot, window, "Count forever")
    assert "kept repeating itself" in transcript(window)
    answer = store.messages(window._chat.conversation.id)[-1]
    assert answer.meta["stop_reason"] == "repetition" and answer.status == MessageStatus.DONE

