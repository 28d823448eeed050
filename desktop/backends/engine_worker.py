"""The engine process: the one owner of the llama.cpp `Llama` object.

`serve(conn)` runs in a child process started by EngineClient. A reader thread
receives requests; Cancel is applied at once (it marks the request), everything
else is queued and handled in order on the main thread, which alone touches
the model. Replies go back on the same pipe, from the main thread only.

Decoding is our own loop rather than `create_chat_completion`: its streaming
re-detokenizes the whole completion on every token, and its prompt evaluation
has no cancel point. Here the prompt is evaluated in chunks with a cancel check
between them, tokens are turned into text incrementally (TextAssembler), and
the KV cache keeps the longest common prefix with the previous prompt, so turn
N of a conversation only evaluates what is new.
"""

from __future__ import annotations

import queue
import signal
import threading
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from desktop.core import protocol as p
from desktop.core.errors import EngineError, ErrorKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.backends.llama_engine import LlamaEngine


def serve(conn: Connection) -> None:
    """Entry point of the engine process; returns when asked to shut down or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the caller's to handle
    worker = _Worker(conn)
    threading.Thread(target=worker.read_requests, name="engine-reader", daemon=True).start()
    worker.run()


class _Worker:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.requests: queue.Queue[p.Request] = queue.Queue()
        self.cancelled: set[int] = set()
        self.engine: LlamaEngine | None = None

    def read_requests(self) -> None:
        try:
            while True:
                request = self.conn.recv()
                if isinstance(request, p.CancelRequest):
                    self.cancelled.add(request.request_id)
                else:
                    self.requests.put(request)
        except (EOFError, OSError):  # the caller is gone: stop everything
            self.cancelled.add(-1)
            self.requests.put(p.ShutdownRequest())

    def run(self) -> None:
        while True:
            request = self.requests.get()
            if isinstance(request, p.ShutdownRequest):
                return
            try:
                self.handle(request)
            except EngineError as exc:
                self.send(p.Failed(getattr(request, "request_id", None), exc.kind, exc.detail))
            except Exception as exc:  # a bug must become an error reply, not a dead worker
                self.send(p.Failed(getattr(request, "request_id", None), ErrorKind.INTERNAL,
                                   f"{type(exc).__name__}: {exc}"))

    def handle(self, request: p.Request) -> None:
        if isinstance(request, p.LoadRequest):
            self.unload()
            from desktop.backends.llama_engine import LlamaEngine  # heavy: only here

            self.engine = LlamaEngine.load(request, lambda f: self.send(p.LoadProgress(f)))
            self.send(p.Loaded(self.engine.info))
        elif isinstance(request, p.UnloadRequest):
            self.unload()
            self.send(p.Unloaded())
        elif isinstance(request, p.GenerateRequest):
            engine = self.require_engine()
            is_cancelled = self.cancel_check(request.request_id)
            done = engine.generate(request, lambda text: self.send(
                p.TokenChunk(request.request_id, text)), is_cancelled)
            self.send(done)
        elif isinstance(request, p.EmbedRequest):
            vectors = self.require_engine().embed(request.texts)
            self.send(p.Embeddings(request.request_id, vectors))
        elif isinstance(request, p.ScoreRequest):
            done = self.require_engine().score(
                request, self.send, self.cancel_check(request.request_id))
            self.send(done)
        elif isinstance(request, p.TokenizeRequest):
            counts = self.require_engine().count_tokens(request.texts)
            self.send(p.TokenCounts(request.request_id, counts))

    def cancel_check(self, request_id: int) -> Callable[[], bool]:
        return lambda: request_id in self.cancelled or -1 in self.cancelled

    def require_engine(self) -> LlamaEngine:
        if self.engine is None:
            raise EngineError(ErrorKind.NO_MODEL_LOADED, "load a model first")
        return self.engine

    def unload(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def send(self, reply: p.Reply) -> None:
        try:
            self.conn.send(reply)
        except (BrokenPipeError, OSError):
            self.cancelled.add(-1)
