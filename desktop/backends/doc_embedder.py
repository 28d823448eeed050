"""Embedder: text -> vectors with a GGUF embedding model, run by llama.cpp in
its own engine process (the chat model's process is left alone, so chatting
and indexing do not unload each other's models).

Blocking calls; any thread, one call at a time (a lock serializes them, so a
query embedding waits for at most one indexing batch).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from desktop.backends.engine_client import EngineClient
from desktop.core.protocol import LoadRequest

# Chunks are ~300 tokens; llama-cpp-python truncates a text to the batch (512).
EMBED_CONTEXT = 2048


class Embedder:
    """Owns one engine process that loads `model_path` for embeddings on first use."""

    def __init__(self, model_path: str,
                 client_factory: Callable[[], EngineClient] = EngineClient) -> None:
        self.model_path = model_path
        self._client_factory = client_factory
        self._client: EngineClient | None = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        """What the index keys this model's vectors by: its file name."""
        return Path(self.model_path).name

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalized float32 vectors, one row per text. Raises EngineError."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            client = self._loaded()
            vectors = np.asarray(client.embed(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def embed_query(self, text: str) -> np.ndarray:
        """One normalized vector for a search query."""
        return self.embed([text])[0]

    def close(self) -> None:
        """Stop the engine process."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def _loaded(self) -> EngineClient:
        if self._client is None:
            self._client = self._client_factory()
        if self._client.model_info is None:
            self._client.load(LoadRequest(path=self.model_path, n_ctx=EMBED_CONTEXT,
                                          embedding=True))
        return self._client
