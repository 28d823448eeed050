"""Worker kills (issue 8, item 3): SIGKILL the engine process at random moments of
an answer, through the real stack (ChatService + EngineService + EngineClient + the
engine process on the starter model, real SQLite, real Qt event loop).

Figures: GUI (test) process alive N/N, partial answer saved N/N, next prompt
answered N/N, p95 seconds from the kill to a fresh worker with the model loaded.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import time

import pytest
from PySide6.QtCore import QTimer

from desktop.backends.engine_client import EngineClient
from desktop.backends.history_store import HistoryStore
from desktop.core.conversation import ChatSettings, MessageStatus
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import LoadRequest
from desktop.core.sampling import Sampling
from desktop.services.chat_service import ChatService
from desktop.services.engine_service import EngineService
from tests.chaos.figures import count, p95, record
from tests.fake_engine import FakeEngine

pytestmark = [pytest.mark.chaos, pytest.mark.slow]

SEED = 8_3  # issue 8, item 3
# The starter model writes 400+ tokens for these at any seed tried; the kill comes
# after at most KILL_AFTER_CHARS characters, so it always lands mid-answer.
LONG_PROMPTS = ("Write a long essay about the history of the Roman Empire.",
                "Write a long story about a lighthouse keeper and a storm.",
                "Explain in detail how a steam engine works.")
KILL_AFTER_CHARS = 300
LONG = ChatSettings(Sampling(temperature=0.7, seed=0), max_tokens=600, n_ctx=2048)
# The GUI thread counts as alive when its 20 ms heartbeat never stalls this long.
STALL_SECONDS = 1.0
SHORT = ChatSettings(Sampling(temperature=0.2, seed=11), max_tokens=24, n_ctx=2048)


@pytest.fixture
def stack(qtbot, starter_model, tmp_path):
    """A ChatService over a real engine process with the starter model loaded."""
    client = EngineClient()
    service = EngineService(client)
    store = HistoryStore(tmp_path / "history.sqlite3")
    chat = ChatService(store, service, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
    chat.start()
    chat.update_settings(settings=LONG)
    with qtbot.waitSignal(chat.model_changed, timeout=60000):
        chat.load_model(str(starter_model))
    yield chat, service, client
    service.shutdown()
    store.close()


class Watch:
    """What the GUI thread saw: model loads, load failures, a 20 ms heartbeat."""

    def __init__(self, service: EngineService) -> None:
        self.loaded: list[float] = []
        self.load_failures: list[tuple[str, str]] = []
        self.beats: list[float] = []
        service.restarted.connect(lambda _info: self.loaded.append(time.perf_counter()))
        service.load_failed.connect(lambda *error: self.load_failures.append(error))
        self.heartbeat = QTimer(interval=20, timeout=lambda: self.beats.append(time.perf_counter()))
        self.heartbeat.start()

    def longest_stall(self, since: float) -> float:
        """The longest gap between heartbeats after `since`."""
        beats = [since, *(t for t in self.beats if t > since)]
        return max(b - a for a, b in itertools.pairwise(beats))


def kill_once(qtbot, chat: ChatService, client: EngineClient, watch: Watch, prompt: str,
              kill_after: int) -> dict[str, object]:
    """Kill the worker once `kill_after` characters of the answer have streamed; wait
    for the fresh worker; ask the next prompt. Returns what happened."""
    chat.new_conversation()
    chat.update_settings(settings=LONG)
    assert chat.send(prompt)
    answer = chat.messages.messages()[-1]
    qtbot.waitUntil(lambda: len(chat.messages.messages()[-1].text) >= kill_after, timeout=60000)
    assert chat.generating, "the answer ended before the kill moment"
    at_kill, pid, loads = chat.messages.messages()[-1].text, client.pid, len(watch.loaded)
    killed = time.perf_counter()
    os.kill(pid, signal.SIGKILL)
    # The answer ends as failed and the service reloads the model in a fresh
    # worker by itself, while the GUI thread's heartbeat keeps beating.
    qtbot.waitUntil(lambda: not chat.generating, timeout=20000)
    qtbot.waitUntil(lambda: len(watch.loaded) > loads or bool(watch.load_failures), timeout=60000)
    assert not watch.load_failures, watch.load_failures
    ready = watch.loaded[-1]
    qtbot.waitUntil(lambda: watch.beats[-1] > ready, timeout=5000)
    assert client.pid not in (None, pid)
    stored = chat.store.messages(chat.conversation.id)[-1]
    saved = (stored.id == answer.id and stored.status == MessageStatus.FAILED
             and stored.error == "worker_crashed" and stored.text.startswith(at_kill)
             and stored.text == chat.messages.messages()[-1].text)

    chat.update_settings(settings=SHORT)
    with qtbot.waitSignal(chat.answer_done, timeout=60000):
        assert chat.send("Say hello.")
    reply = chat.store.messages(chat.conversation.id)[-1]
    return {"stall": watch.longest_stall(killed), "ready": ready - killed, "saved": saved,
            "answered": reply.status == MessageStatus.DONE and bool(reply.text.strip())}


def test_worker_killed_mid_answer(qtbot, stack):
    chat, service, client = stack
    rng = random.Random(SEED)
    print(f"worker kills: seed {SEED}")
    watch = Watch(service)
    n = count(5, 100)
    runs = [kill_once(qtbot, chat, client, watch, LONG_PROMPTS[i % len(LONG_PROMPTS)],
                      rng.randint(1, KILL_AFTER_CHARS)) for i in range(n)]
    watch.heartbeat.stop()
    alive = sum(r["stall"] < STALL_SECONDS for r in runs)
    saved = sum(r["saved"] for r in runs)
    answered = sum(r["answered"] for r in runs)
    ready = [r["ready"] for r in runs]
    record("worker_kills", seed=SEED, kills=n, gui_alive=f"{alive}/{n}",
           partial_saved=f"{saved}/{n}", next_answered=f"{answered}/{n}",
           p95_kill_to_ready_s=round(p95(ready), 2), max_kill_to_ready_s=round(max(ready), 2),
           max_gui_stall_ms=round(max(r["stall"] for r in runs) * 1000))
    assert (alive, saved, answered) == (n, n, n)


def test_a_reload_that_crashes_too_is_not_retried(qtbot):
    """No crash loop: when the model kills the fresh worker while reloading, the
    service says load_failed once and restarts nothing more."""

    class Crashing(FakeEngine):
        restarts = 0

        def restart(self, on_progress=None):
            self.restarts += 1
            raise EngineError(ErrorKind.WORKER_CRASHED, "killed while loading")

    fake = Crashing()
    fake.error = EngineError(ErrorKind.WORKER_CRASHED, "killed")
    service = EngineService(fake)
    failures = []
    service.failed.connect(lambda *error: failures.append(error))
    with qtbot.waitSignal(service.load_failed, timeout=5000) as reload_failed:
        service.ask([{"role": "user", "content": "hi"}])
    qtbot.waitUntil(lambda: not service.busy, timeout=5000)
    assert reload_failed.args[0] == "worker_crashed"
    assert fake.restarts == 1 and [kind for kind, _ in failures] == ["worker_crashed"]
    service.shutdown()
