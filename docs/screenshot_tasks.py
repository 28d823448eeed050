"""Screenshots of the task modes, for the docs, from the real app: the starter
model in the real engine process, a real history file, real files.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \\
        .venv/bin/python docs/screenshot_tasks.py

What the pictures show is what SmolLM2-135M writes: a small model's summary and
translation, real probabilities.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLE = """# Maru 1.0 release notes

Maru is an offline desktop assistant. It runs language models on your own computer, so
your text never leaves it.

## Documents

Drop PDF, Word, PowerPoint or HWPX files on the window and ask questions about them.
Every answer cites the file and the page it comes from.

## Task modes

Summarize files of any length, translate while keeping Markdown and code intact, and
classify thousands of rows from a spreadsheet with a label and a probability for each.
"""
REVIEWS = [
    ("id", "review"), (1, "Battery life is amazing, I charge it once a week."),
    (2, "The screen cracked after two days. Very disappointed."),
    (3, "Delivered on Tuesday in a brown box."), (4, "배터리가 오래가서 정말 만족해요!"),
    (5, "화면이 금방 깨졌어요. 실망입니다."), (6, "택배는 화요일에 도착했습니다."),
    (7, "Best purchase this year, highly recommended."), (8, "환불 절차가 너무 복잡해요."),
]


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="maru-shot-"))
    os.environ.update(MARU_HOME=str(home),
                      QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "xcb"))
    import csv

    from desktop.app import build_app
    from docs.screenshot_models import wait_for

    app, window, chat = build_app()
    window.resize(1300, 820)
    wait_for(app, chat.model_changed, lambda: None)
    tasks = window.summarize_panel._tasks
    shots = ROOT / "docs"

    window.show_widget(window.summarize_panel)
    window.summarize_panel.input.editor.setPlainText(ARTICLE)
    wait_for(app, tasks.finished, window.summarize_panel.summarize)
    window.grab().save(str(shots / "screenshot-summarize.png"))

    window.show_widget(window.translate_panel)
    panel = window.translate_panel
    panel.input.editor.setPlainText(ARTICLE)
    panel.to_combo.setCurrentIndex(panel.to_combo.findData("ko"))
    wait_for(app, tasks.finished, panel.translate)
    window.grab().save(str(shots / "screenshot-translate.png"))

    window.show_widget(window.classify_panel)
    source = home / "reviews.csv"
    with source.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(REVIEWS)
    panel = window.classify_panel
    panel.apply_preset("sentiment")
    panel.set_file(str(source))
    wait_for(app, tasks.finished, panel.classify)
    window.grab().save(str(shots / "screenshot-classify.png"))
    app.quit()
    app.processEvents()
    for service in (tasks,):
        service.shutdown()
    print("wrote docs/screenshot-{summarize,translate,classify}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
