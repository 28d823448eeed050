"""Screenshots of the models page for the docs: the Hub search with a repository's
files and their fit, and the installed models.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshot_models.py

Real services, real files, the real huggingface_hub code; the Hub is the test
suite's loopback server (tests/hub_server.py) serving the starter GGUF, because
this machine may not reach huggingface.co, and a screenshot must not depend on
what the Hub lists today.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPO = "HuggingFaceTB/SmolLM2-135M-Instruct-GGUF"
TIMEOUT_MS = 600_000


def wait_for(app: object, signal: object, trigger: object) -> None:
    """Run `trigger` and spin the event loop until `signal` fires."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    trigger()
    loop.exec()
    signal.disconnect(loop.quit)


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="maru-shot-"))
    os.environ.update(MARU_HOME=str(home), HF_HOME=str(home / "hf"),
                      QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "xcb"))
    from PySide6.QtWidgets import QApplication

    from desktop import paths
    from desktop.backends.starter_model import STARTER_MODEL_FILE
    from desktop.services.download_service import DownloadService
    from desktop.services.models_service import ModelsService
    from desktop.ui.models_page import ModelsPage
    from tests.hub_server import FakeHub

    starter = paths.bundled_models_dir() / STARTER_MODEL_FILE
    hub = FakeHub()
    os.environ["HF_ENDPOINT"] = hub.endpoint
    hub.add_repo(REPO, {STARTER_MODEL_FILE: starter})
    app = QApplication(sys.argv)
    models, downloads = ModelsService(), DownloadService()
    page = ModelsPage(models, downloads)
    page.resize(1100, 680)
    page.setWindowTitle("Maru — Models")
    page.show()
    wait_for(app, models.installed_changed, models.start)
    page.tabs.setCurrentWidget(page.search)
    page.search.query.setText("smollm2")
    wait_for(app, models.search_done, page.search.run_search)
    wait_for(app, models.files_listed, lambda: page.search.results.setCurrentRow(0))
    app.processEvents()
    page.grab().save(str(ROOT / "docs" / "screenshot-models-search.png"))
    page.tabs.setCurrentWidget(page.installed)
    app.processEvents()
    page.grab().save(str(ROOT / "docs" / "screenshot-models-installed.png"))
    downloads.shutdown()
    models.shutdown()
    hub.close()
    print("wrote docs/screenshot-models-search.png and docs/screenshot-models-installed.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
