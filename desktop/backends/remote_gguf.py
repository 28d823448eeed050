"""Read a GGUF header from the Hub without downloading the file. Blocking, no Qt.

A header holds the tokenizer's arrays, so it is often several MB; the prefix
grows (512 KiB, x4 each time, at most 64 MiB) until the parser stops asking
for more. Each attempt re-parses from byte 0: at most five attempts, and
parsing is cheap next to the network.

Results are cached per (repo, revision, file) as small JSON under
data_dir()/cache/gguf-headers. The cache keeps what the fit estimate and the
model card use: numbers, strings up to 1 KiB and array lengths; not token
lists nor long strings (most chat templates, licence texts). `hub_header`
applies the same filter to fresh results, so a cache hit and a miss return
equal GGUFInfo values. Pass a commit hash as
revision where you have one: a branch name ("main") can move.

For a split GGUF (name-00001-of-00003.gguf) pass the first part: the metadata
lives there. Its weights are the sum of all parts' sizes, which the caller adds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from desktop import paths
from desktop.backends.atomic_json import write_json_atomic
from desktop.backends.gguf_info import ArrayValue, GGUFInfo, NeedMoreBytes, read_gguf_header
from desktop.backends.hub_api import hub_errors
from desktop.core.errors import EngineError, ErrorKind

FIRST_PREFIX = 512 * 1024
GROWTH = 4
MAX_PREFIX = 64 * 1024**2
CACHE_VERSION = 1
_MAX_CACHED_STRING = 1024  # longer strings (templates, licences) are not kept
_TIMEOUT_S = 30.0


def read_remote_header(fetch: Callable[[int, int], bytes], total_size: int,
                       name: str) -> GGUFInfo:
    """Parse the header of a `total_size`-byte file through `fetch(start, end)`,
    which returns bytes start..end-1 (end exclusive; may return fewer at EOF).

    Only the missing tail is fetched on each growth, so the total transfer is the
    final prefix. Raises EngineError (NOT_GGUF, TRUNCATED_GGUF, UNSUPPORTED_GGUF,
    the last also when the header exceeds MAX_PREFIX) and whatever `fetch` raises.
    """
    data = b""
    want = min(FIRST_PREFIX, total_size)
    while True:
        data += fetch(len(data), want)[: want - len(data)]
        try:
            return read_gguf_header(data, total_size, name)
        except NeedMoreBytes as more:
            # needed <= total_size always: the parser checks counts against it first.
            if more.needed > MAX_PREFIX:
                raise EngineError(
                    ErrorKind.UNSUPPORTED_GGUF,
                    f"{name}: header needs {more.needed} bytes; Maru reads at most "
                    f"{MAX_PREFIX} remotely",
                ) from None
            if len(data) < want:  # the server sent less than the file's size promises
                raise EngineError(ErrorKind.TRUNCATED_GGUF,
                                  f"{name}: asked for {want} bytes, got {len(data)}") from None
            want = min(max(more.needed, len(data) * GROWTH), MAX_PREFIX, total_size)


def hub_header(repo_id: str, filename: str, revision: str, size: int,
               token: str | None = None) -> GGUFInfo:
    """The header of a Hub file of `size` bytes (from the Hub's file listing).

    Cached; on a miss, fetched by HTTP Range requests through huggingface_hub's
    session (TLS verified, redirects followed; httpx drops the Authorization
    header when a redirect leaves the Hub's host). Raises HubError for network
    and HTTP failures, EngineError when the bytes are not a usable GGUF header.
    Blocking: call from a worker thread.
    """
    cached = _load_cached(repo_id, filename, revision, size)
    if cached is not None:
        return cached
    from huggingface_hub import hf_hub_url  # heavy import, only when needed

    url = hf_hub_url(repo_id, filename, revision=revision,
                     endpoint=os.environ.get("HF_ENDPOINT"))
    info = _slim(read_remote_header(_range_fetcher(url, token), size, filename))
    _store(repo_id, filename, revision, info)
    return info


def _range_fetcher(url: str, token: str | None) -> Callable[[int, int], bytes]:
    from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

    session = get_session()
    headers = build_hf_headers(token=token)

    def fetch(start: int, end: int) -> bytes:
        request_headers = {**headers, "Range": f"bytes={start}-{end - 1}"}
        # hub_errors: the one mapping of HTTP status and transport errors to HubError.
        with hub_errors(url), session.stream(
            "GET", url, headers=request_headers, follow_redirects=True, timeout=_TIMEOUT_S,
        ) as response:
            if response.status_code >= 400:
                response.read()  # a small error body; hf_raise_for_status reads it
                hf_raise_for_status(response)
            return _read_range(response, start, end)

    return fetch


def _read_range(response: object, start: int, end: int) -> bytes:
    """Bytes start..end-1 of the body: all of a 206; of a 200 (a server that
    ignores Range sends the whole file) skip to `start` and stop reading at
    `end`, so at most `end` bytes cross the network before the stream closes."""
    skip = start if response.status_code == 200 else 0
    chunks, got, want = [], 0, end - start
    for chunk in response.iter_bytes():
        if skip:
            chunk, skip = chunk[skip:], max(0, skip - len(chunk))
        chunks.append(chunk[: want - got])
        got += len(chunks[-1])
        if got >= want:
            break
    return b"".join(chunks)


# ---- cache ------------------------------------------------------------------


def _slim(info: GGUFInfo) -> GGUFInfo:
    """The info as the cache keeps it (see module doc)."""
    kept = {k: v for k, v in info.metadata.items()
            if not isinstance(v, str) or len(v) <= _MAX_CACHED_STRING}
    return GGUFInfo(info.path, info.version, info.size_bytes, info.n_tensors, kept,
                    info.tensor_data_bytes)


def _cache_path(repo_id: str, filename: str, revision: str) -> Path:
    key = hashlib.sha256(json.dumps([repo_id, revision, filename]).encode()).hexdigest()
    return paths.data_dir() / "cache" / "gguf-headers" / f"{key[:32]}.json"


def _load_cached(repo_id: str, filename: str, revision: str, size: int) -> GGUFInfo | None:
    """The cached info, or None when absent, unreadable, or for another size."""
    try:
        doc = json.loads(_cache_path(repo_id, filename, revision).read_text("utf-8"))
        if doc["v"] != CACHE_VERSION or doc["size"] != size or doc["key"] != [
                repo_id, revision, filename]:
            return None
        metadata = {k: ArrayValue(*v["array"]) if isinstance(v, dict) else v
                    for k, v in doc["metadata"].items()}
        return GGUFInfo(Path(filename), doc["version"], size, doc["n_tensors"], metadata,
                        doc["tensor_data_bytes"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a damaged cache entry is refetched, not an error


def _store(repo_id: str, filename: str, revision: str, info: GGUFInfo) -> None:
    metadata = {k: {"array": [v.item_type, v.count]} if isinstance(v, ArrayValue) else v
                for k, v in info.metadata.items()}
    doc = {"v": CACHE_VERSION, "key": [repo_id, revision, filename], "size": info.size_bytes,
           "version": info.version, "n_tensors": info.n_tensors,
           "tensor_data_bytes": info.tensor_data_bytes, "metadata": metadata}
    path = _cache_path(repo_id, filename, revision)
    # A cache that cannot be written only costs a refetch next time.
    with contextlib.suppress(OSError):
        write_json_atomic(path, doc)  # a reader never sees half a file
