"""EngineService: the GUI's handle on the engine process.

Lives on the GUI thread. Every blocking EngineClient call runs on one private
worker thread, so loading and generating never freeze the window. Streamed text
is buffered by the worker thread and released to the GUI by a ~40 ms timer
(one repaint per frame, not one per token).

Signals (all delivered on the GUI thread):
- load_progress(float), model_loaded(ModelInfo), load_failed(str kind, str detail),
  text_streamed(str), answer_finished(Done), failed(str kind, str detail) (an
  answer failed), busy_changed(bool), restarted(ModelInfo) (see below).

After an answer fails with worker_crashed, the service restarts the engine process
and reloads the same model at once, quietly (restarted(ModelInfo), or load_failed
if the reload fails), so the next question does not wait for the reload.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import Done, LoadRequest, Message, ModelInfo, StopReason
from desktop.core.sampling import Sampling

FLUSH_MS = 40


class EngineLike(Protocol):
    """What the service needs of an engine client (EngineClient or a test fake)."""

    def load(self, request: LoadRequest, on_progress: object = None) -> ModelInfo: ...
    def generate(self, messages: list[Message], sampling: Sampling | None = None,
                 **kwargs: object) -> object: ...
    def cancel(self) -> None: ...
    def close(self) -> None: ...


class EngineService(QObject):
    """Loads models and streams answers without blocking the GUI thread."""

    load_progress = Signal(float)
    model_loaded = Signal(object)
    load_failed = Signal(str, str)
    text_streamed = Signal(str)
    answer_finished = Signal(object)
    failed = Signal(str, str)
    busy_changed = Signal(bool)
    restarted = Signal(object)  # a fresh engine process has the crashed one's model
    _worker_event = Signal(str, object)  # worker thread -> GUI thread

    def __init__(self, engine: EngineLike, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="maru-engine-call")
        self._lock = threading.Lock()
        self._pending: list[str] = []
        self._in_flight = 0
        self._flush = QTimer(self, interval=FLUSH_MS, timeout=self._flush_text)
        self._worker_event.connect(self._on_worker_event)
        self.model_info: ModelInfo | None = None  # the loaded model, as last reported
        # Stop pressed while the answer still waits behind a load: it must not start.
        self._stop_requested = threading.Event()

    @property
    def busy(self) -> bool:
        """True while a load or an answer is running."""
        return self._in_flight > 0

    def load_model(self, request: LoadRequest) -> Future:
        """Start loading; model_loaded or failed follows."""
        return self._submit(self._load, request)

    def ask(self, messages: list[Message], sampling: Sampling | None = None,
            **options: object) -> Future:
        """Start an answer; text_streamed chunks, then answer_finished or failed.

        `options` go to the engine's generate (max_tokens, stop, fit_context...).
        Queued behind a load that is still running.
        """
        self._flush.start()
        return self._submit(self._generate, messages, sampling, options)

    def run_job(self, job: Callable[[EngineLike], None]) -> Future:
        """Run `job(engine)` on the engine thread, queued behind loads and answers, and
        counted in `busy`. The job reports its own results and must catch its own
        errors: nothing it raises reaches `failed` (that signal is the chat's)."""
        return self._submit(self._job, job)

    def interrupt(self) -> None:
        """Stop the engine request in flight (a job's), without touching the chat's
        stop state: an answer queued next still runs."""
        self._engine.cancel()

    def stop(self) -> None:
        """Stop the current answer between two tokens, or before it starts."""
        if self._in_flight:
            self._stop_requested.set()
        self._engine.cancel()

    def shutdown(self) -> None:
        """Cancel, wait for the worker thread, stop the engine process."""
        self._engine.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._flush.stop()
        self._engine.close()

    # ---- worker thread --------------------------------------------------------

    def _submit(self, fn: object, *args: object) -> Future:
        self._in_flight += 1
        if self._in_flight == 1:
            self.busy_changed.emit(True)
        return self._pool.submit(self._guarded, fn, *args)

    def _guarded(self, fn: object, *args: object) -> None:
        try:
            fn(*args)
        except EngineError as exc:
            self._worker_event.emit(self._failure_event(fn), (exc.kind.value, exc.detail))
        except Exception as exc:  # never let a bug kill the worker thread silently
            self._worker_event.emit(self._failure_event(fn),
                                    ("internal", f"{type(exc).__name__}: {exc}"))
        finally:
            self._worker_event.emit("idle", None)

    def _failure_event(self, fn: object) -> str:
        return "load_failed" if fn in (self._load, self._restart) else "failed"

    def _restart(self) -> None:
        # Engines without a process to restart (test fakes) have no `restart`.
        restart = getattr(self._engine, "restart", None)
        info = restart() if restart else None
        if info is not None:
            self._worker_event.emit("restarted", info)

    def _job(self, job: Callable[[EngineLike], None]) -> None:
        try:
            job(self._engine)
        except Exception:  # a job that broke its contract must not reach the chat
            logging.getLogger(__name__).exception("engine job failed")

    def _load(self, request: LoadRequest) -> None:
        info = self._engine.load(request, lambda f: self._worker_event.emit("progress", f))
        self._worker_event.emit("loaded", info)

    def _generate(self, messages: list[Message], sampling: Sampling | None,
                  options: dict) -> None:
        try:
            # generate() may first restart a dead worker and reload its model (seconds);
            # a stop pressed meanwhile found no request to cancel, so look again after.
            stream = (None if self._stop_requested.is_set()
                      else self._engine.generate(messages, sampling, **options))
            if stream is None or self._stop_requested.is_set():
                self._worker_event.emit("done", Done(0, StopReason.CANCELLED, 0, 0, 0, 0.0, 0.0))
                return
            cancelled = False
            for event in stream:
                if self._stop_requested.is_set() and not cancelled:
                    # A stop in the instant before the request went out: cancel it now.
                    self._engine.cancel()
                    cancelled = True
                if isinstance(event, Done):
                    self._worker_event.emit("done", event)
                else:
                    with self._lock:
                        self._pending.append(event.text)
        finally:
            self._stop_requested.clear()

    # ---- GUI thread -------------------------------------------------------------

    def _on_worker_event(self, kind: str, value: object) -> None:
        if kind == "progress":
            self.load_progress.emit(value)
        elif kind == "loaded":
            self.model_info = value
            self.model_loaded.emit(value)
        elif kind == "restarted":
            self.model_info = value
            self.restarted.emit(value)
        elif kind == "load_failed":
            self.model_info = None
            self.load_failed.emit(*value)
        elif kind == "done":
            self._flush_text()
            self.answer_finished.emit(value)
        elif kind == "failed":
            self._flush_text()
            self.failed.emit(*value)
            # No crash loop: a reload that fails (even by crashing) is a load_failed,
            # which restarts nothing.
            if value[0] == ErrorKind.WORKER_CRASHED.value:
                self._submit(self._restart)
        elif kind == "idle":
            self._flush_text()
            self._in_flight -= 1
            if self._in_flight == 0:
                self._flush.stop()
                self.busy_changed.emit(False)

    def _flush_text(self) -> None:
        with self._lock:
            text, self._pending = "".join(self._pending), []
        if text:
            self.text_streamed.emit(text)
