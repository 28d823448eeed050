"""A fake engine client for widget tests: streams queued text (like llm's MockModel)."""

from __future__ import annotations

import threading

from desktop.core.errors import EngineError
from desktop.core.protocol import Done, ModelInfo, StopReason, TokenChunk


class FakeEngine:
    """Implements EngineLike; `enqueue` sets the next answer's chunks."""

    def __init__(self) -> None:
        self.answers: list[list[str]] = []
        self.error: EngineError | None = None
        self.cancelled = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self.closed = False
        self.requests: list[list[dict]] = []
        self.options: list[dict] = []  # generate's keyword arguments, per request
        self.dropped = 0  # reported as Done.dropped_messages
        self.started = threading.Event()  # set when an answer starts streaming
        self.stop_reason = StopReason.EOS  # how an answer that is not cancelled ends

    def enqueue(self, chunks: list[str]) -> None:
        self.answers.append(chunks)

    def load(self, request, on_progress=None) -> ModelInfo:
        if on_progress:
            on_progress(0.5)
            on_progress(1.0)
        return ModelInfo(request.path, "fake", "llama", 1, 1, 512, 512, 1, 0, 1, "CPU",
                         "test", "gguf")

    def generate(self, messages, sampling=None, **kwargs):
        self.requests.append(list(messages))
        self.options.append(dict(kwargs))
        self.started.set()
        if self.error:
            raise self.error
        chunks = self.answers.pop(0)
        count = 0
        for chunk in chunks:
            self.release.wait(10)
            if self.cancelled.is_set():
                break
            count += 1
            yield TokenChunk(1, chunk)
        reason = StopReason.CANCELLED if self.cancelled.is_set() else self.stop_reason
        self.cancelled.clear()
        yield Done(1, reason, 5, count, 0, 0.01, 0.1, self.dropped)

    def cancel(self) -> None:
        self.cancelled.set()
        self.release.set()

    def close(self) -> None:
        self.closed = True
