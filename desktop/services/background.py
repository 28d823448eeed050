"""BackgroundTasks: run a blocking call on a worker thread and hand its result
back to the GUI thread.

The call itself must not touch Qt widgets (it runs on a pool thread); the
callbacks run on the thread that owns this object (the GUI thread) through a
queued signal, so they may update models and widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import KindError

log = logging.getLogger(__name__)

Callback = Callable[[object], None]
# Failures that are the user's or the world's (a bad file, no network), not Maru's bugs.
EXPECTED_ERRORS = (OSError, ValueError, KindError)


class BackgroundTasks(QObject):
    """A small thread pool whose results arrive as callbacks on the owner's thread."""

    _finished = Signal(object, object)  # (callback, value) -> owner's thread

    def __init__(self, workers: int = 2, name: str = "maru-bg",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._closed = False
        self._finished.connect(self._deliver)

    def run(self, fn: Callable[..., object], *args: object, on_done: Callback,
            on_error: Callback | None = None) -> Future | None:
        """Call fn(*args) off the GUI thread; then on_done(result) or on_error(exception)
        on the GUI thread. Returns None once shut down."""
        if self._closed:
            return None
        return self._pool.submit(self._call, fn, args, on_done, on_error)

    def shutdown(self) -> None:
        """Wait for running calls; queued ones are dropped and no callback fires after."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _call(self, fn: Callable[..., object], args: tuple, on_done: Callback,
              on_error: Callback | None) -> None:
        try:
            result = fn(*args)
        except Exception as exc:  # delivered, never lost in the pool
            if not isinstance(exc, EXPECTED_ERRORS):
                log.exception("background call %s failed", getattr(fn, "__name__", fn))
            if on_error is not None:
                self._finished.emit(on_error, exc)
            return
        self._finished.emit(on_done, result)

    def _deliver(self, callback: Callback, value: object) -> None:
        if not self._closed:
            callback(value)
