"""Incremental indexing: find a collection's files, read the new and changed ones,
store their chunks, forget the deleted ones, and embed what has no vector yet.

Blocking; run it on a worker thread with that thread's own DocIndex. Reading is
the caller's `extract` (in the app, a child process: doc_extract.Extractor), so
this module never imports a parser. Progress goes to `on_status`, called on the
indexing thread; cancellation is an Event checked between files.

A file is skipped without being read when its size and modification time match
the index; when only those changed, its SHA-256 decides. A file that failed
and has not changed is reported FAILED again with its stored reason, not
re-read: `force=True` (the UI's "retry") re-reads every file.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.backends.doc_index import DocIndex, embed_text, is_under
from desktop.core.chunking import chunk_document
from desktop.core.doc_records import CollectionKind, FileRecord
from desktop.core.documents import (
    SUFFIXES,
    DocError,
    DocErrorKind,
    ExtractedDocument,
    FileState,
    FileStatus,
    IndexReport,
)

if TYPE_CHECKING:
    import numpy as np

MAX_FILE_BYTES = 512 * 1024 * 1024  # larger files are skipped by scan() (TOO_LARGE if named)
_DETAIL_CHARS = 300  # an unexpected exception's text kept as a failure's detail
_HASH_BLOCK = 1 << 20

Extract = Callable[[str], ExtractedDocument]
OnStatus = Callable[[FileStatus], None]


def scan(paths: Sequence[str | Path]) -> list[Path]:
    """The readable files in `paths` (files, and folders searched recursively), sorted.

    Only suffixes Maru reads (documents.SUFFIXES); hidden files and folders
    (dot-names) inside folders, files over MAX_FILE_BYTES and missing paths are
    left out; folder symlinks are followed once (a loop is not). Paths are
    absolute but not resolved, so they read as the user's folders.
    """
    found: set[Path] = set()
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_dir():
            found.update(_walk(path))
        elif _wanted(path):
            found.add(path)
    return sorted(found)


def _walk(top: Path) -> Iterator[Path]:
    seen: set[object] = set()
    for folder, dirs, names in os.walk(top, followlinks=True):
        key = _identity(folder)
        if key in seen:  # a symlink loop, or a folder reached twice
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith(".") and _wanted(Path(folder, name)):
                yield Path(folder, name)


def _identity(folder: str) -> object:
    try:
        stat = os.stat(folder)
    except OSError:
        return os.path.realpath(folder)
    # Some Windows network drives report inode 0 for everything.
    return (stat.st_dev, stat.st_ino) if stat.st_ino else os.path.realpath(folder)


def _wanted(path: Path) -> bool:
    if path.suffix.lower() not in SUFFIXES:
        return False
    try:
        return path.is_file() and path.stat().st_size <= MAX_FILE_BYTES
    except OSError:  # a broken link, a file gone meanwhile
        return False


def index_paths(
    index: DocIndex,
    collection: str,
    paths: Sequence[str | Path],
    *,
    extract: Extract,
    on_status: OnStatus | None = None,
    cancel: threading.Event | None = None,
    force: bool = False,
    kind: CollectionKind = CollectionKind.COLLECTION,
) -> IndexReport:
    """Add `paths` to the collection (created as `kind` if needed) and index them.

    Statuses: REMOVED for stored files under `paths` that are gone from disk,
    QUEUED for every file found, then INDEXING and one of DONE, UNCHANGED or
    FAILED per file. A named path that cannot be indexed (missing, unsupported,
    too large) is reported FAILED (REMOVED if it was indexed before) and not
    kept as a root.
    """
    if index.collection(collection) is None:
        index.create_collection(collection, kind)
    report = IndexReport()
    given = [os.path.abspath(p) for p in paths]
    files = scan(given)
    present = {str(path) for path in files}
    if _forget_gone(index, collection, given, present, report, on_status, cancel):
        return report
    rejected = _rejected(given, present)
    index.add_roots(collection, [p for p in given if p not in rejected])
    removed = {s.path for s in report.statuses}
    for path, error in rejected.items():
        if path not in removed:
            _emit(report, on_status, FileStatus(path, FileState.FAILED, error))
    _index_files(index, collection, files, extract, on_status, cancel, force, report)
    return report


def sync_collection(
    index: DocIndex,
    collection: str,
    *,
    extract: Extract,
    on_status: OnStatus | None = None,
    cancel: threading.Event | None = None,
    force: bool = False,
) -> IndexReport:
    """Re-scan the collection's roots: forget files gone from disk (REMOVED), index the rest.

    KeyError if there is no such collection.
    """
    found = index.collection(collection)
    if found is None:
        raise KeyError(collection)
    report = IndexReport()
    files = scan(found.roots)
    # Every stored file is checked: one no longer under any root goes too.
    if not _forget_gone(index, collection, None, {str(p) for p in files}, report, on_status,
                        cancel):
        _index_files(index, collection, files, extract, on_status, cancel, force, report)
    return report


def _forget_gone(
    index: DocIndex,
    collection: str,
    under: Sequence[str] | None,
    present: set[str],
    report: IndexReport,
    on_status: OnStatus | None,
    cancel: threading.Event | None,
) -> bool:
    """Remove stored files (under `under`, or all) that the scan did not find; True if
    cancelled."""
    for record in index.files(collection):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            return True
        if record.path in present:
            continue
        if under is None or any(is_under(record.path, root) for root in under):
            index.remove_file(collection, record.path)
            _emit(report, on_status, FileStatus(record.path, FileState.REMOVED))
    return False


def _rejected(given: Sequence[str], present: set[str]) -> dict[str, DocErrorKind]:
    """Named files that scan() left out, and why."""
    rejected = {}
    for name in given:
        path = Path(name)
        if name in present or path.is_dir():
            continue
        if not path.exists():
            rejected[str(path)] = DocErrorKind.MISSING
        elif path.suffix.lower() not in SUFFIXES:
            rejected[str(path)] = DocErrorKind.UNSUPPORTED
        else:
            rejected[str(path)] = DocErrorKind.TOO_LARGE
    return rejected


def _index_files(
    index: DocIndex,
    collection: str,
    files: list[Path],
    extract: Extract,
    on_status: OnStatus | None,
    cancel: threading.Event | None,
    force: bool,
    report: IndexReport,
) -> None:
    if on_status is not None:
        for path in files:
            on_status(FileStatus(str(path), FileState.QUEUED))
    for path in files:
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            return
        if on_status is not None:
            on_status(FileStatus(str(path), FileState.INDEXING))
        status = _index_file(index, collection, str(path), extract, force, cancel)
        if status is None:  # abandoned mid-parse: nothing stored, read again next time
            report.cancelled = True
            return
        _emit(report, on_status, status)


def _index_file(
    index: DocIndex, collection: str, path: str, extract: Extract, force: bool,
    cancel: threading.Event | None = None,
) -> FileStatus | None:
    """Index one file if it changed; its final status, or None when `cancel` was set
    while it was being read (the read was abandoned, so it is no verdict on the file)."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        return FileStatus(path, FileState.FAILED, _os_error_kind(exc), _short(exc))
    record = index.file_record(collection, path)
    if record and not force and (record.size, record.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        return _unchanged(record)
    try:
        sha256 = file_sha256(path)
    except OSError as exc:
        return index.store_failure(collection, path, stat.st_size, stat.st_mtime_ns, "",
                                   _os_error_kind(exc), _short(exc)).status()
    if record and not force and record.sha256 == sha256:
        index.touch_file(collection, path, stat.st_mtime_ns)
        return _unchanged(record)
    args = (collection, path, stat.st_size, stat.st_mtime_ns, sha256)
    try:
        doc = extract(path)
        if not doc.has_text:
            return index.store_failure(*args, DocErrorKind.NO_TEXT, doc=doc).status()
        chunks = chunk_document(doc)
    except DocError as exc:
        # A cancel (the user's, or the app quitting) kills the extraction child and the
        # read fails; stored as a failure, the file would never be read again (the chaos
        # suite's quit-mid-file test). Unstored, the next sync reads it.
        if cancel is not None and cancel.is_set():
            return None
        return index.store_failure(*args, DocErrorKind(exc.kind), exc.detail).status()
    except Exception as exc:  # a reader's bug must cost one file, not the run
        return index.store_failure(*args, DocErrorKind.CORRUPT, _short(exc)).status()
    return index.store_file(*args, doc, chunks).status()


def _unchanged(record: FileRecord) -> FileStatus:
    # A failure keeps its state and reason: the UI still shows why it is missing.
    return record.status(FileState.UNCHANGED if record.state is FileState.DONE else None)


def _emit(report: IndexReport, on_status: OnStatus | None, status: FileStatus) -> None:
    report.statuses.append(status)
    if on_status is not None:
        on_status(status)


def file_sha256(path: str) -> str:
    """The file's SHA-256 in hex, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while block := file.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _os_error_kind(exc: OSError) -> DocErrorKind:
    return DocErrorKind.MISSING if isinstance(exc, FileNotFoundError) else DocErrorKind.UNREADABLE


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:_DETAIL_CHARS]


def embed_pending(
    index: DocIndex,
    collection: str,
    *,
    embed: Callable[[list[str]], np.ndarray],
    model: str,
    batch: int = 16,
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Embed the collection's chunks that have no `model` vector; return how many were.

    `embed` maps texts to one row each (normalized before storing).
    `on_progress(done, total)` follows each batch; cancel is checked between
    batches. The pending list is taken once at the start: chunks stored
    meanwhile wait for the next call. KeyError if there is no such collection.
    """
    found = index.collection(collection)
    if found is None:
        raise KeyError(collection)
    pending = index.pending_vectors(found.id, model)
    done = 0
    for begin in range(0, len(pending), max(batch, 1)):
        if cancel is not None and cancel.is_set():
            break
        # chunks() skips chunks deleted since (their file was re-indexed meanwhile).
        chunks = index.chunks(pending[begin:begin + batch])
        if chunks:
            vectors = embed([embed_text(c.heading, c.text) for c in chunks])
            if len(vectors) != len(chunks):
                raise ValueError(f"embed returned {len(vectors)} vectors for {len(chunks)} texts")
            index.put_vectors(model, [(c.chunk_id, vectors[i]) for i, c in enumerate(chunks)])
            done += len(chunks)
        if on_progress is not None:
            on_progress(min(begin + batch, len(pending)), len(pending))
    return done
