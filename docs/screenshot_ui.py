"""Screenshots of Maru's main screens in Korean and English, light and dark themes.

    make screenshots                                # all of them, through xvfb-run
    .venv/bin/python docs/screenshot_ui.py          # the same
    .venv/bin/python docs/screenshot_ui.py --lang ko --theme dark   # one set, on $DISPLAY

Writes docs/ui-{lang}-{theme}-{chat,models,documents,settings}.png. The window is the
real one with its real services (history, document index, models folder with the starter
model) in a temporary MARU_HOME; only the engine is a fake, so no model runs. Each set
runs in its own process, and every screen is checked for cut-off text (the same check
as the pseudo-locale test): the script fails when any text does not fit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = "-screen 0 1400x900x24"
SIZE = (1180, 760)
MODEL = ROOT / "resources" / "models" / "SmolLM2-135M-Instruct-Q4_1.gguf"
CONVERSATION = {
    "en": ("Plan a weekend in Busan", "Plan a relaxed weekend in Busan for two.",
           "## Saturday\n\n1. **Haeundae** beach in the morning\n2. Lunch at *Jagalchi* fish "
           "market\n3. Sunset at Gamcheon Culture Village\n\n## Sunday\n\n| Time | Plan |\n"
           "| --- | --- |\n| 10:00 | Beomeosa temple |\n| 14:00 | Gwangalli café |\n\n"
           "Take the KTX from Seoul: about 2 h 40 min."),
    "ko": ("부산 주말 여행 계획", "두 사람이 부산에서 여유롭게 보낼 주말 일정을 짜 줘.",
           "## 토요일\n\n1. 오전에 **해운대** 해변 산책\n2. 점심은 *자갈치시장*에서 회\n"
           "3. 감천문화마을에서 노을 보기\n\n## 일요일\n\n| 시간 | 일정 |\n| --- | --- |\n"
           "| 10:00 | 범어사 |\n| 14:00 | 광안리 카페 |\n\n서울에서 KTX로 약 2시간 40분 걸립니다."),
}
DOCUMENTS = {
    "en": ("Handbook", {"leave-policy.md": "# Leave policy\n\nEmployees get 15 days of paid "
                                          "leave a year.\n", "warranty.txt": "The warranty "
                                          "period is 24 months from the date of purchase.\n"}),
    "ko": ("업무 매뉴얼", {"휴가-규정.md": "# 휴가 규정\n\n직원은 연 15일의 유급 휴가를 받습니다.",
                       "보증.txt": "보증기간은 구입일로부터 24개월입니다.\n"}),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ko", "all"), default="all")
    parser.add_argument("--theme", choices=("light", "dark", "all"), default="all")
    args = parser.parse_args()
    if "all" in (args.lang, args.theme):
        return shoot_all(args.lang, args.theme)
    return shoot(args.lang, args.theme)


def shoot_all(lang: str, theme: str) -> int:
    """Each set in its own process on its own virtual X server."""
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        print("screenshots: xvfb-run not found (apt-get install xvfb xauth fonts-noto-cjk)",
              file=sys.stderr)
        return 1
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["QT_QPA_PLATFORM"] = "xcb"
    failed = 0
    for one_lang in ("en", "ko") if lang == "all" else (lang,):
        for one_theme in ("light", "dark") if theme == "all" else (theme,):
            command = [xvfb_run, "-a", "-s", SCREEN, sys.executable, __file__,
                       "--lang", one_lang, "--theme", one_theme]
            failed += subprocess.run(command, env=env, cwd=ROOT).returncode != 0
    return 1 if failed else 0


def shoot(lang: str, theme: str) -> int:
    """Build the window in `lang` and `theme`, save a PNG of each main screen."""
    home = Path(tempfile.mkdtemp(prefix="maru-screenshots-"))
    os.environ["MARU_HOME"] = str(home)  # before any desktop module reads it
    sys.path.insert(0, str(ROOT))
    try:
        return _shoot(lang, theme, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _shoot(lang: str, theme: str, home: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from desktop import settings as settings_mod
    from desktop.ui import appearance, localization
    from tests.layout_check import clipped_texts, settle

    settings_mod.save(settings_mod.Settings(language=lang, theme=theme, first_run_done=True))
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Maru")
    localization.install(lang)
    appearance.apply_font_size(None)
    appearance.apply_theme(theme)
    parts = _build_window(home, lang)
    window = parts.window
    window.resize(*SIZE)
    window.show()

    def wait(condition: object, ms: int = 15000) -> bool:
        loop, timer = QEventLoop(), QTimer(singleShot=True, interval=ms)
        timer.timeout.connect(loop.quit)
        check = QTimer(interval=50)
        check.timeout.connect(lambda: condition() and loop.quit())
        timer.start()
        check.start()
        if not condition():
            loop.exec()
        check.stop()
        return bool(condition())

    loaded: list[object] = []
    parts.chat.model_changed.connect(loaded.append)
    parts.chat.load_model(str(MODEL))
    wait(lambda: loaded and not parts.documents.busy)
    problems: list[str] = []
    shots = [("chat", window.chat_page), ("models", window.models_page),
             ("documents", window.documents_page)]
    for name, page in shots:
        window.show_widget(page)
        settle(window)
        wait(lambda: not clipped_texts(window), 2000)  # results arriving from threads
        problems += [f"{name}: {p}" for p in clipped_texts(window)]
        _save(window.grab(), lang, theme, name)
    QTimer.singleShot(0, window.settings_action.trigger)
    wait(lambda: any(d.isVisible() for d in window.findChildren(QDialog)), 5000)
    for dialog in (d for d in window.findChildren(QDialog) if d.isVisible()):
        settle(dialog)
        wait(lambda dialog=dialog: not clipped_texts(dialog), 2000)
        problems += [f"settings: {p}" for p in clipped_texts(dialog)]
        _save(dialog.grab(), lang, theme, "settings")
        dialog.reject()
    parts.close()
    for problem in problems:
        print(f"screenshots ({lang}, {theme}): text cut off: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _build_window(home: Path, lang: str) -> object:
    from desktop.backends.history_store import HistoryStore
    from desktop.core.conversation import Role
    from desktop.core.protocol import LoadRequest, ModelInfo
    from tests.fake_engine import FakeEngine
    from tests.full_window import build_window

    class NamedEngine(FakeEngine):
        """The fake engine with the starter model's name and sizes."""

        def load(self, request: LoadRequest, on_progress: object = None) -> ModelInfo:
            return ModelInfo(request.path, "SmolLM2 135M Instruct", "llama", 100_000_000,
                             134_515_008, request.n_ctx, 8192, 30, 0, 2, "CPU", "", "gguf")

    store = HistoryStore(home / "history.sqlite3")
    title, question, answer = CONVERSATION[lang]
    conversation = store.create_conversation(title=title)
    store.add_message(conversation.id, Role.USER, question)
    store.add_message(conversation.id, Role.ASSISTANT, answer,
                      meta={"model": "SmolLM2 135M Instruct", "tokens_per_second": 47.9})
    parts = build_window(home, NamedEngine(), store)
    parts.chat.start()
    parts.models.start()
    parts.documents.start()
    collection, files = DOCUMENTS[lang]
    folder = home / "docs"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    parts.documents.create_collection(collection)
    parts.documents.add_paths(collection, [str(folder)])
    parts.chat.open_conversation(conversation.id)
    return parts


def _save(pixmap: object, lang: str, theme: str, screen: str) -> None:
    out = ROOT / "docs" / f"ui-{lang}-{theme}-{screen}.png"
    if not pixmap.save(str(out)):
        raise OSError(f"could not write {out}")
    print(f"screenshots: wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
