"""Maru's caches: what can be deleted at any time and is rebuilt when needed.

Only the data folder's cache/ (the Hub's GGUF header cache and anything else kept
there to save a download or a computation). Models, partial downloads
(models/.downloads), chats, document indexes and glossaries are never touched.
Blocking file I/O; call from a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from desktop import paths
from desktop.backends.folders import empty_folder, tree_size

CACHE_NAME = "cache"


def cache_dir(data_dir: Path | None = None) -> Path:
    """The cache folder of `data_dir` (default: Maru's data folder)."""
    return (data_dir or paths.data_dir()) / CACHE_NAME


def cache_size(data_dir: Path | None = None) -> int:
    """Bytes the caches take now (links are not followed)."""
    return tree_size(cache_dir(data_dir))


def clear_caches(data_dir: Path | None = None) -> int:
    """Delete everything in the cache folder; returns the bytes freed. A file that
    cannot be removed (in use on Windows) is skipped and its bytes not counted."""
    before = cache_size(data_dir)
    empty_folder(cache_dir(data_dir))
    return before - cache_size(data_dir)
