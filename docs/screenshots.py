"""Screenshots of Maru's chat window for the docs, in a light and a dark theme.

    make screenshots                       # both, through xvfb-run (needs Xvfb)
    .venv/bin/python docs/screenshots.py   # the same
    .venv/bin/python docs/screenshots.py --theme dark --out /tmp/dark.png   # on $DISPLAY

The window is the real one (MainWindow, ChatService, TranscriptView, a real
history file in a temporary MARU_HOME); only the engine is a fake that streams
a scripted answer, so the Markdown goes through the same streaming renderer as
a model's. Each theme runs in its own process: the palette must be set before
any widget exists.

Once the answers are in, the transcript is redrawn (`--as-streamed` skips
that): the layout streaming leaves depends on how the text was split between
screen updates (a list committed item by item can show gaps), while the
redrawn one is what every reopening of the conversation shows, so the images
stay the same from run to run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)
SCREEN = "-screen 0 1400x900x24"
TIMEOUT_MS = 30_000
DAY = 86_400.0

MODEL_PATH = "/models/SmolLM2-135M-Instruct-Q4_1.gguf"
TOKENS_PER_SECOND = 48.6

# (title, days ago, pinned, question, answer): the sidebar's other conversations.
SEEDED = [
    ("김치찌개 레시피", 12, True, "김치찌개 맛있게 끓이는 법 알려줘",
     "잘 익은 김치와 돼지고기를 먼저 볶은 뒤 물을 붓고 20분 끓이세요."),
    ("Rust vs Go for CLI tools", 0.02, False, "Rust or Go for a small CLI tool?",
     "Both work well. Go builds faster; Rust gives smaller, faster binaries."),
    ("서울 여행 계획", 1, False, "서울에서 2박 3일 여행 코스 짜줘",
     "첫째 날은 경복궁과 북촌, 둘째 날은 남산과 명동을 추천합니다."),
    ("Explain SQLite WAL mode", 3, False, "What does WAL mode change in SQLite?",
     "Readers no longer block the writer: changes go to a separate log first."),
    ("회의록 요약", 5, False, "이 회의록을 세 줄로 요약해줘",
     "1. 출시일은 다음 달로 연기. 2. QA 인원 충원. 3. 금요일에 재검토."),
    ("Birthday poem for Mom", 18, False, "Write a short birthday poem for my mom",
     "For every morning you made bright, / a year of thanks, and all my love tonight."),
    ("이력서 자기소개서 다듬기", 45, False, "자기소개서 첫 문단을 다듬어줘",
     "지원 동기를 첫 문장에 두고, 경험은 숫자로 보여 주세요."),
]

QUESTION_KO = "파이썬으로 CSV 파일에서 도시별 평균 기온을 구하려면 어떻게 해야 하나요?"
ANSWER_KO = """\
## 도시별 평균 기온 구하기

표준 라이브러리만으로 충분합니다.

- `csv.DictReader`로 한 줄씩 읽습니다.
- 도시마다 **합계**와 **개수**를 모읍니다.
- 마지막에 합계를 개수로 나눕니다.

| 도시 | 평균 기온 (°C) |
|------|------:|
| 서울 | 12.8 |
| 부산 | 15.1 |
| 제주 | 16.3 |

```python
import csv
from collections import defaultdict

def average_by_city(path: str) -> dict[str, float]:
    totals, counts = defaultdict(float), defaultdict(int)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            totals[row["city"]] += float(row["temp"])
            counts[row["city"]] += 1
    return {city: totals[city] / counts[city] for city in totals}
```
"""
QUESTION_EN = "Thanks! How do I print the warmest city first?"
ANSWER_EN = """\
Sort the pairs by value, highest first, then print them: \
`sorted(result.items(), key=lambda kv: kv[1], reverse=True)`.
"""
TURNS = [(QUESTION_KO, ANSWER_KO), (QUESTION_EN, ANSWER_EN)]


def chunks(text: str, size: int = 6) -> list[str]:
    """The answer in small pieces, the way a model streams it."""
    return [text[i:i + size] for i in range(0, len(text), size)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=("light", "dark", "both"), default="both")
    parser.add_argument("--out", type=Path, help="PNG path (one theme only)")
    parser.add_argument("--as-streamed", action="store_true",
                        help="keep the transcript as streaming drew it (by default it is "
                             "redrawn, as when the conversation is opened again)")
    args = parser.parse_args()
    if args.theme == "both":
        return shoot_both(args.as_streamed)
    out = args.out or ROOT / "docs" / f"screenshot-{args.theme}.png"
    return shoot(args.theme, out.resolve(), args.as_streamed)


def shoot_both(as_streamed: bool = False) -> int:
    """Each theme in its own process on its own virtual X server."""
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        print("screenshots: xvfb-run not found (apt-get install xvfb xauth fonts-noto-cjk)",
              file=sys.stderr)
        return 1
    for theme in ("light", "dark"):
        out = ROOT / "docs" / f"screenshot-{theme}.png"
        env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
        env["QT_QPA_PLATFORM"] = "xcb"
        command = [xvfb_run, "-a", "-s", SCREEN, sys.executable, str(Path(__file__).resolve()),
                   "--theme", theme, "--out", str(out)]
        if as_streamed:
            command.append("--as-streamed")
        if subprocess.run(command, env=env, cwd=ROOT).returncode != 0:
            return 1
    return 0


def shoot(theme: str, out: Path, as_streamed: bool = False) -> int:
    """Build the window in `theme`, play the conversation, save a PNG of the window."""
    home = Path(tempfile.mkdtemp(prefix="maru-screenshots-"))
    os.environ["MARU_HOME"] = str(home)  # before any desktop module reads it
    sys.path.insert(0, str(ROOT))
    try:
        return _shoot(theme, out, home, as_streamed)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _shoot(theme: str, out: Path, home: Path, as_streamed: bool) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.backends.history_store import HistoryStore
    from desktop.core.conversation import Role
    from desktop.core.protocol import Done, LoadRequest, ModelInfo, StopReason, TokenChunk
    from desktop.services.chat_service import ChatService
    from desktop.services.engine_service import EngineService
    from desktop.ui import appearance, localization
    from desktop.ui.main_window import MainWindow
    from tests.fake_engine import FakeEngine

    class ScriptedEngine(FakeEngine):
        """FakeEngine with a believable model name, pace and token counts."""

        def load(self, request: LoadRequest,
                 on_progress: Callable[[float], None] | None = None) -> ModelInfo:
            if on_progress:
                on_progress(1.0)
            return ModelInfo(request.path, "SmolLM2 135M Instruct", "llama", 100_000_000,
                             134_515_008, request.n_ctx, 8192, 30, 0, 8, "CPU", "", "gguf")

        def generate(self, messages: list[dict], sampling: object = None,
                     **kwargs: object) -> Iterator[TokenChunk | Done]:
            self.requests.append(list(messages))
            pieces = self.answers.pop(0)
            for piece in pieces:
                time.sleep(0.004)  # a few screen updates per answer, as with a model
                yield TokenChunk(1, piece)
            prompt = sum(len(m["content"]) for m in messages) // 3 + 24
            yield Done(1, StopReason.EOS, prompt, len(pieces), 0, 0.05,
                       len(pieces) / TOKENS_PER_SECOND)

    class SeedStore(HistoryStore):
        """A history store whose clock can be set back, to fill the date groups."""

        days_ago = 0.0

        def _now(self) -> float:
            if self.days_ago:
                return time.time() - self.days_ago * DAY
            return super()._now()

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Maru")
    localization.install("en")
    appearance.apply_theme(theme)

    store = SeedStore(home / "history.sqlite3")
    for title, days, pinned, question, answer in SEEDED:
        store.days_ago = days
        conversation = store.create_conversation(title=title)
        store.add_message(conversation.id, Role.USER, question)
        store.add_message(conversation.id, Role.ASSISTANT, answer,
                          meta={"model": "SmolLM2 135M Instruct", "tokens_per_second": 47.9})
        if pinned:
            store.set_pinned(conversation.id, True)
    store.days_ago = 0.0

    fake = ScriptedEngine()
    engine = EngineService(fake)
    chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
    chat.start()
    window = MainWindow(chat)
    window.resize(*SIZE)
    window.show()
    chat.new_conversation()

    turns = list(TURNS)
    state = {"code": 1, "started": False}

    def next_turn(*_args: object) -> None:
        if not turns:
            if not as_streamed:
                # The streamed layout depends on how the text happened to arrive
                # (see the note at the top); the redrawn one is always the same.
                window.chat_page.transcript.rebuild()
            QTimer.singleShot(600, finish)  # let the last flush and layout settle
            return
        question, answer = turns.pop(0)
        fake.enqueue(chunks(answer))
        if not chat.send(question):
            print("screenshots: the message was not sent", file=sys.stderr)
            app.exit(1)

    def finish() -> None:
        window.chat_page.composer.setFocus()
        out.parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(str(out)):
            state["code"] = 0
            print(f"screenshots: wrote {out}")
        else:
            print(f"screenshots: could not write {out}", file=sys.stderr)
        app.quit()

    def give_up() -> None:
        print("screenshots: timed out waiting for the fake model", file=sys.stderr)
        app.exit(1)

    chat.answer_done.connect(lambda _done: QTimer.singleShot(100, next_turn))

    def on_model(info: object) -> None:
        if info is not None and not state["started"]:  # the first load, not a reload
            state["started"] = True
            QTimer.singleShot(200, next_turn)

    chat.model_changed.connect(on_model)
    QTimer.singleShot(TIMEOUT_MS, give_up)
    chat.load_model(MODEL_PATH)
    app.exec()
    engine.shutdown()
    store.close()
    return state["code"]


if __name__ == "__main__":
    sys.exit(main())
