"""Per-model defaults reach the load request, the engine and new conversations."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import settings as settings_mod
from desktop.backends.history_store import HistoryStore
from desktop.backends.model_prefs import ModelDefaults, load_defaults, save_defaults
from desktop.services.chat_service import ChatService
from desktop.services.engine_service import EngineService
from tests.fake_engine import FakeEngine
from tests.test_engine_tiny import HELLO, run

MARKER_TEMPLATE = (
    "{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}[assistant]{% endif %}"
)


def test_the_models_own_settings_fill_the_load_request_and_arguments_win():
    save_defaults("big-Q4_K_M", ModelDefaults(n_gpu_layers=7, chat_template="T"))
    prefs = settings_mod.Settings(n_gpu_layers=None)
    request = prefs.load_request("/m/big-Q4_K_M.gguf", n_ctx=2048)
    assert (request.n_gpu_layers, request.chat_template, request.n_ctx) == (7, "T", 2048)
    assert prefs.load_request("/m/big-Q4_K_M.gguf", n_gpu_layers=0).n_gpu_layers == 0
    other = prefs.load_request("/m/other.gguf")
    assert (other.n_gpu_layers, other.chat_template) == (None, None)


def test_a_template_override_replaces_the_files_template_in_the_engine(engine, tiny_gguf):
    request = settings_mod.Settings().load_request(str(tiny_gguf), n_ctx=256)
    assert engine.load(request).chat_template == "fallback:chatml"  # the file has none
    _text, chatml = run(engine, HELLO, max_tokens=1)
    save_defaults(tiny_gguf.stem, ModelDefaults(chat_template=MARKER_TEMPLATE))
    request = settings_mod.Settings().load_request(str(tiny_gguf), n_ctx=256)
    assert engine.load(request).chat_template == "user override"
    _text, override = run(engine, HELLO, max_tokens=1)
    # "[user] Hello world\n[assistant]" and ChatML's wrapper tokenize differently: the
    # prompt the model was fed came from the override.
    assert override.prompt_tokens != chatml.prompt_tokens


@pytest.fixture
def fake():
    return FakeEngine()


@pytest.fixture
def chat(qtbot, tmp_path, fake):
    engine = EngineService(fake)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        service = ChatService(
            store, engine,
            lambda path, n_ctx: settings_mod.Settings().load_request(path, n_ctx=n_ctx),
            model_defaults=lambda path: load_defaults(Path(path).stem))
        service.start()
        yield service
    engine.shutdown()


def test_a_chat_with_a_model_starts_with_its_system_prompt_and_context(qtbot, chat, fake):
    save_defaults("fake", ModelDefaults(n_ctx=2048, system_prompt="Answer in Korean."))
    untouched = chat.conversation
    with qtbot.waitSignal(chat.model_changed, timeout=5000):
        chat.load_model("/models/fake.gguf")
    assert chat.conversation.id == untouched.id  # the empty chat took the model's defaults
    assert (chat.conversation.system_prompt, chat.conversation.settings.n_ctx) == (
        "Answer in Korean.", 2048)
    fake.enqueue(["안녕하세요"])
    with qtbot.waitSignal(chat.answer_done, timeout=5000):
        chat.send("hello")
    assert fake.requests[-1][0] == {"role": "system", "content": "Answer in Korean."}
    chat.update_settings(system_prompt="Be brief.")  # this chat's own choice stays its own
    fresh = chat.new_conversation()
    assert fresh.id != untouched.id
    assert (fresh.system_prompt, fresh.settings.n_ctx) == ("Answer in Korean.", 2048)
    assert chat.store.conversation(untouched.id).system_prompt == "Be brief."
