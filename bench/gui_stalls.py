"""GUI event-loop stalls while an answer streams into a 200-message conversation.

A 10 ms timer runs on the GUI thread; every gap between its ticks beyond
10 ms is time the thread could not answer the user. Each row streams an
answer into the real window (real ChatService, real SQLite history, real
TranscriptView) and is measured side by side with an idle baseline of the
same length, in the same process:
  - replay: a rich Markdown answer (headings, lists, tables, a long code
    block; ~20k characters) replayed at 250 chunks/s, harder than any CPU model;
  - real: the starter model through the real engine process (--real).
Also: how long the conversation takes to open (first draw, all drawn).
    python bench/gui_stalls.py [--real] [--messages 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MARU_HOME", tempfile.mkdtemp(prefix="maru-bench-"))

from common import MODEL, machine, print_table

from desktop.core.conversation import ChatSettings, Role
from desktop.core.protocol import Done, LoadRequest, ModelInfo, StopReason, TokenChunk
from desktop.core.sampling import Sampling

SECTION = (
    "## Part {i}\n\nSome prose with **bold**, `inline code` and a [link](https://example.org). "
    "한국어 문장도 함께 들어 있습니다.\n\n- first point\n- second point\n- third point\n\n"
    "| key | value |\n|---|---|\n| a | 1 |\n| b | 2 |\n\n"
)
CODE = "```python\n" + "".join(f"def f{i}(x):\n    return x * {i}\n\n" for i in range(120))
CODE += "```\n"
ANSWER = "".join(SECTION.format(i=i) for i in range(40)) + CODE + "Done.\n"


class ReplayEngine:
    """Streams ANSWER in 4-character chunks at a fixed rate (EngineLike)."""

    def __init__(self, chunks_per_second: float = 250) -> None:
        self.interval = 1 / chunks_per_second
        self.cancelled = threading.Event()

    def load(self, request: LoadRequest, on_progress: object = None) -> ModelInfo:
        return ModelInfo(request.path, "replay", "llama", 1, 1, 32768, 32768, 1, 0, 1, "CPU",
                         "bench", "gguf")

    def generate(self, messages: list, sampling: object = None, **kwargs: object):
        started = time.perf_counter()
        for n, i in enumerate(range(0, len(ANSWER), 4)):
            if self.cancelled.wait(max(0.0, started + n * self.interval - time.perf_counter())):
                break
            yield TokenChunk(1, ANSWER[i:i + 4])
        self.cancelled.clear()
        yield Done(1, StopReason.EOS, 10, len(ANSWER) // 4, 0, 0.01,
                   time.perf_counter() - started)

    def cancel(self) -> None:
        self.cancelled.set()

    def close(self) -> None:
        pass


class GapRecorder:
    """Records the gaps between ticks of a 10 ms precise timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer(interval=10, timerType=Qt.TimerType.PreciseTimer, timeout=self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.gaps)


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else values[0]


def seed_history(store: object, n_messages: int) -> int:
    conversation = store.create_conversation(title="long conversation")
    for i in range(n_messages // 2):
        store.add_message(conversation.id, Role.USER, f"Question {i}: tell me about part {i}.")
        store.add_message(conversation.id, Role.ASSISTANT, SECTION.format(i=i))
    store.update_conversation(conversation.id, settings=ChatSettings(
        Sampling(temperature=0.7, seed=1), max_tokens=400, n_ctx=4096))
    return conversation.id


def run(engine_client: object, model_path: str, n_messages: int, prompt: str) -> list:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.backends.history_store import HistoryStore
    from desktop.services.chat_service import ChatService
    from desktop.services.engine_service import EngineService
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = HistoryStore(os.path.join(tempfile.mkdtemp(), "history.sqlite3"))
    engine = EngineService(engine_client)
    chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
    window = MainWindow(chat)
    window.resize(1280, 800)
    window.show()
    conversation_id = seed_history(store, n_messages)

    def wait_for(signal: object, timeout_ms: int) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    chat.load_model(model_path)
    wait_for(chat.model_changed, 120_000)
    started = time.perf_counter()
    chat.open_conversation(conversation_id)
    first_draw = time.perf_counter() - started
    view = window.chat_page.transcript
    while len(view.message_ids()) < n_messages:
        app.processEvents()
    all_drawn = time.perf_counter() - started

    recorder = GapRecorder()
    recorder.start()
    stream_started = time.perf_counter()
    chat.send(prompt)
    wait_for(chat.answer_done, 600_000)
    streamed = recorder.stop()
    seconds = time.perf_counter() - stream_started
    recorder.start()
    idle_loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), idle_loop.quit)
    idle_loop.exec()
    idle = recorder.stop()
    chars = len(chat.messages.messages()[-1].text)
    engine.shutdown()
    store.close()
    window.close()
    return [first_draw * 1000, all_drawn * 1000, chars, seconds, streamed, idle]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="also stream from the starter model")
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    print(f"GUI stalls, {args.messages}-message conversation, {machine()}\n")
    rows = []
    cases = [("replay 250 chunks/s", ReplayEngine(), "/bench/replay.gguf",
              "Write the whole guide.")]
    if args.real:
        from desktop.backends.engine_client import EngineClient

        cases.append(("real: SmolLM2-135M", EngineClient(), str(MODEL),
                      "Write a long essay about the history of the Roman Empire."))
    for name, client, path, prompt in cases:
        first, drawn, chars, seconds, streamed, idle = run(client, path, args.messages, prompt)
        rows.append([name, f"{chars}", f"{seconds:.1f}", f"{max(streamed):.1f}",
                     f"{p99(streamed):.1f}", f"{max(idle):.1f}", f"{p99(idle):.1f}",
                     f"{first:.0f}", f"{drawn:.0f}"])
    print_table(["stream", "chars", "s", "max gap ms", "p99 gap ms", "idle max ms",
                 "idle p99 ms", "open: first draw ms", "open: all drawn ms"], rows)


if __name__ == "__main__":
    sys.exit(main())
