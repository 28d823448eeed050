"""Composition root of the desktop app: the only place that knows every class."""

from __future__ import annotations

import multiprocessing
import sys

from desktop import settings as settings_mod
from desktop.core.errors import EngineError


def run_gui() -> int:
    """Open Maru's window on the default model and run the event loop."""
    multiprocessing.freeze_support()
    from PySide6.QtWidgets import QApplication

    from desktop.backends import model_store
    from desktop.backends.engine_client import EngineClient
    from desktop.services.engine_service import EngineService
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Maru")
    prefs = settings_mod.load()
    service = EngineService(EngineClient())
    window = MainWindow(service)
    app.aboutToQuit.connect(service.shutdown)
    window.show()
    try:
        path = model_store.resolve(None, prefs.default_model)
    except EngineError:
        window.show_no_model()
    else:
        window.load_model(prefs.load_request(str(path)))
    return app.exec()
