"""Restart Maru: for settings that apply at the next start (the language).

The new process starts only once this one has shut down its services
(downloads paused, the history closed): it is started from the last
`aboutToQuit` slot, after the ones the composition root connected earlier.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication


def restart_command() -> tuple[str, list[str]]:
    """(program, arguments) that start Maru again the way it was started: a frozen
    app, `python -m desktop`, or the `maru` script."""
    if getattr(sys, "frozen", False):  # a packaged app: the executable is Maru
        return sys.executable, sys.argv[1:]
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    if spec is not None and spec.name:  # python -m desktop
        return sys.executable, ["-m", spec.name.removesuffix(".__main__"), *sys.argv[1:]]
    script = sys.argv[0] if sys.argv and sys.argv[0] else ""
    if Path(script).suffix.lower() == ".exe":  # the maru.exe launcher on Windows
        return script, sys.argv[1:]
    return sys.executable, [script, *sys.argv[1:]]


def restart_app() -> bool:
    """Close every window (each saves its state), quit, and start Maru again. Returns
    False, doing nothing more, when a window refused to close."""
    app = QApplication.instance()
    app.closeAllWindows()
    if any(w.isVisible() for w in app.topLevelWidgets()):
        return False
    program, arguments = restart_command()
    app.aboutToQuit.connect(lambda: QProcess.startDetached(program, arguments))
    app.quit()
    return True
