"""The caller's side of the engine process.

EngineClient starts the worker (multiprocessing "spawn": no inherited threads
or Qt state), sends typed requests and turns replies back into values and
EngineErrors. If the worker dies, killed, aborted by a GGML_ASSERT, or out of
memory, the waiting call raises EngineError(WORKER_CRASHED) and the next call
starts a fresh worker, reloading the last model first. The caller never dies
with it.

Calls block; run them off the GUI thread. `cancel()` may be called from any
thread while `generate()` is being iterated on another.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator

from desktop.backends.engine_worker import serve
from desktop.core import protocol as p
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.sampling import Sampling

_POLL_SECONDS = 0.05


class EngineClient:
    """Owns one engine process at a time. Close it (or use `with`) when done."""

    def __init__(self) -> None:
        self._ctx = multiprocessing.get_context("spawn")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn = None
        self._send_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._active: int | None = None
        self._last_load: p.LoadRequest | None = None
        self.model_info: p.ModelInfo | None = None

    def __enter__(self) -> EngineClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """Process id of the running worker, if any."""
        return self._process.pid if self._process and self._process.is_alive() else None

    # ---- requests -------------------------------------------------------------

    def load(
        self, request: p.LoadRequest, on_progress: Callable[[float], None] | None = None
    ) -> p.ModelInfo:
        """Load a model in the worker (replacing any loaded one)."""
        self._ensure_worker(reload=False)
        self._last_load = None
        self._send(request)
        while True:
            reply = self._recv()
            if isinstance(reply, p.LoadProgress):
                if on_progress:
                    on_progress(reply.fraction)
            elif isinstance(reply, p.Loaded):
                self._last_load, self.model_info = request, reply.info
                return reply.info
            elif isinstance(reply, p.Failed) and reply.request_id is None:
                self.model_info = None
                raise EngineError(reply.kind, reply.detail)

    def generate(
        self,
        messages: list[p.Message] | tuple[p.Message, ...],
        sampling: Sampling | None = None,
        *,
        max_tokens: int | None = None,
        stop: tuple[str, ...] = (),
        grammar: str | None = None,
        json_schema: str | None = None,
        reuse_cache: bool = True,
        fit_context: bool = False,
    ) -> Iterator[p.TokenChunk | p.Done]:
        """Stream TokenChunks, then one Done. Abandoning the iterator cancels."""
        self._ensure_worker(reload=True)
        request = p.GenerateRequest(
            next(self._ids), tuple(dict(m) for m in messages), sampling or Sampling(),
            max_tokens, tuple(stop), grammar, json_schema, reuse_cache, fit_context,
        )
        return self._stream(request)

    def score(
        self, prompts: list | tuple, choices: list[str] | tuple[str, ...],
    ) -> Iterator[p.ChoiceScores | p.Done]:
        """Stream one ChoiceScores per prompt (in order), then one Done (CANCELLED if
        stopped). Abandoning the iterator cancels."""
        self._ensure_worker(reload=True)
        request = p.ScoreRequest(next(self._ids), tuple(tuple(dict(m) for m in messages)
                                                        for messages in prompts), tuple(choices))
        return self._stream(request)

    def count_tokens(self, texts: list[str] | tuple[str, ...]) -> list[int]:
        """Tokens of each text as the loaded model counts them."""
        self._ensure_worker(reload=True)
        request = p.TokenizeRequest(next(self._ids), tuple(texts))
        self._send(request)
        reply = self._recv_for(request.request_id)
        if isinstance(reply, p.Failed):
            raise EngineError(reply.kind, reply.detail)
        return list(reply.counts)

    def _stream(self, request: p.GenerateRequest | p.ScoreRequest) -> Iterator:
        self._active = request.request_id
        self._send(request)
        finished = False
        try:
            while True:
                reply = self._recv_for(request.request_id)
                if isinstance(reply, p.Failed):
                    finished = True
                    raise EngineError(reply.kind, reply.detail)
                yield reply
                if isinstance(reply, p.Done):
                    finished = True
                    return
        finally:
            self._active = None
            if not finished and self._alive():
                self._send(p.CancelRequest(request.request_id))

    def cancel(self) -> None:
        """Stop the answer being generated, if any (thread-safe; never raises)."""
        active, conn = self._active, self._conn
        if active is None or conn is None or not self._alive():
            return
        # Not `_send`: a worker that dies just now is the generating thread's to
        # report and reap; from the GUI thread that would close the pipe under it.
        with self._send_lock, contextlib.suppress(OSError):
            conn.send(p.CancelRequest(active))

    def restart(self, on_progress: Callable[[float], None] | None = None) -> p.ModelInfo | None:
        """After a crash: start a fresh worker now and reload the last model, so the
        next answer does not wait for it. None when no model was loaded; a live
        worker is left as it is. Raises EngineError as `load` does."""
        if self._alive():
            return self.model_info
        request = self._last_load
        self._ensure_worker(reload=False)
        return self.load(request, on_progress) if request is not None else None

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Vectors for texts, from a model loaded with embedding=True."""
        self._ensure_worker(reload=True)
        request = p.EmbedRequest(next(self._ids), tuple(texts))
        self._send(request)
        reply = self._recv_for(request.request_id)
        if isinstance(reply, p.Failed):
            raise EngineError(reply.kind, reply.detail)
        return [list(v) for v in reply.vectors]

    def unload(self) -> None:
        """Free the model; the worker stays up."""
        self._last_load, self.model_info = None, None
        if self._alive():
            self._send(p.UnloadRequest())
            while not isinstance(self._recv(), p.Unloaded):
                pass

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker: politely first, then by force."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.is_alive():
            with contextlib.suppress(EngineError):
                self._send(p.ShutdownRequest())
            process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(timeout)
        self._close_conn()

    # ---- process management ---------------------------------------------------

    def _alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _ensure_worker(self, reload: bool) -> None:
        if self._alive():
            return
        self._reap()
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=serve, args=(child,), name="maru-engine", daemon=True)
        try:
            process.start()
        except OSError as exc:
            raise EngineError(ErrorKind.WORKER_START_FAILED, str(exc)) from exc
        child.close()
        self._process, self._conn = process, parent
        if reload and self._last_load is not None:
            self.load(self._last_load)

    def _reap(self) -> None:
        if self._process is not None:
            self._process.join(1)
            self._process = None
        self._close_conn()

    def _close_conn(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _send(self, request: p.Request) -> None:
        with self._send_lock:
            try:
                self._conn.send(request)
            except (OSError, AttributeError) as exc:
                raise self._crashed() from exc

    def _recv(self) -> p.Reply:
        while True:
            try:
                if self._conn.poll(_POLL_SECONDS):
                    return self._conn.recv()
            except (EOFError, OSError, AttributeError) as exc:
                raise self._crashed() from exc
            if not self._process.is_alive() and not self._conn.poll(0):
                raise self._crashed()

    def _recv_for(self, request_id: int) -> p.Reply:
        """The next reply of this request; late replies of earlier ones are dropped."""
        while True:
            reply = self._recv()
            if getattr(reply, "request_id", request_id) == request_id:
                return reply

    def _crashed(self) -> EngineError:
        process = self._process
        code = None
        if process is not None:
            process.join(1)
            code = process.exitcode
        self._reap()
        self.model_info = None
        return EngineError(ErrorKind.WORKER_CRASHED, _describe_exit(code))


def signal_name(exit_code: int) -> str:
    """"SIGKILL" for a process's exit code -9 (multiprocessing's way to say "killed")."""
    try:
        return signal.Signals(-exit_code).name
    except ValueError:
        return f"signal {-exit_code}"


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "the engine process stopped answering"
    if code < 0:
        return f"the engine process was stopped by {signal_name(code)}"
    return f"the engine process exited with code {code}"
