"""Runs the real Maru app and sends one message: the whole-app kill -9 test drives it.

Usage: python -m tests.drive_app "message"  (MARU_HOME chooses the data folder)
"""

import sys

if __name__ == "__main__":  # the engine process is spawned: never run this on import
    from desktop.app import build_app

    built = build_app()
    if built is None:
        sys.exit(1)
    app, _window, chat = built
    chat.send(sys.argv[1])  # queued behind the model load
    sys.exit(app.exec())
