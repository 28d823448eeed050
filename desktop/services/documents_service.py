"""DocumentsService: collections, background indexing, folder watching and
retrieval for the GUI.

Lives on the GUI thread. Indexing jobs (index, sync, embed) run one at a time
on a private thread; searches, passages and page renders run on a small pool.
Each thread opens its own DocIndex (SQLite in WAL mode: readers never wait for
the writer). Documents are parsed in an extraction child process (`Extractor`),
never in this process; embeddings come from an `Embedder` engine process.

Signals (GUI thread):
- collections_changed(): a collection was made, removed, renamed, or its files changed
- file_status(str collection, FileStatus): one file moved on (queued, indexing, done...)
- progress(str collection, int done, int total), busy_changed(bool)
- run_finished(str collection, IndexReport)
- embedding_progress(str collection, int done, int total)
- failed(str operation, str kind, str detail): "index" or "embed" or "search"
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.backends import doc_indexer, doc_retrieval
from desktop.backends.doc_embedder import Embedder
from desktop.backends.doc_extract import Extractor
from desktop.backends.doc_index import DocIndex
from desktop.core.doc_answers import Retrieval
from desktop.core.doc_records import ChunkHit, Collection, FileRecord, SearchHit
from desktop.core.documents import FileState, FileStatus, IndexReport
from desktop.core.errors import KindError
from desktop.services.background import BackgroundTasks
from desktop.services.folder_watch import FolderWatch

CHAT_PREFIX = "chat-"  # a conversation's own attached files: collection "chat-<id>"


def chat_collection(conversation_id: int) -> str:
    """The collection that holds the files attached to one conversation."""
    return f"{CHAT_PREFIX}{conversation_id}"


@dataclass(frozen=True)
class Passage:
    """A cited passage in its part: the part's text and the span [start, end) to mark."""

    chunk: ChunkHit
    part_text: str


class DocumentsService(QObject):
    """Documents for the GUI; see the module docstring for threads and signals."""

    collections_changed = Signal()
    file_status = Signal(str, object)
    progress = Signal(str, int, int)
    busy_changed = Signal(bool)
    run_finished = Signal(str, object)
    embedding_progress = Signal(str, int, int)
    failed = Signal(str, str, str)
    _worker_event = Signal(object, object)  # (callable, args): indexing thread -> GUI thread

    def __init__(self, index_path: Path | None = None,
                 embedding_model: Callable[[], str | None] = lambda: None,
                 extractor_factory: Callable[[], Extractor] = Extractor,
                 embedder_factory: Callable[[str], Embedder] = Embedder,
                 watch: bool = True, parent: QObject | None = None) -> None:
        """`embedding_model()` gives the path of the embedding GGUF to use, or None
        (lexical search only)."""
        super().__init__(parent)
        self._index_path = index_path
        self._embedding_model = embedding_model
        # Resolving the path reads settings, the catalog and the models folders: done
        # once, then again only when models change (embedding_model_changed).
        self._embedding_path: str | None = None
        self._embedding_known = False
        self._embedder_factory = embedder_factory
        self._embedder: Embedder | None = None
        self._embedder_lock = threading.Lock()
        self._extractor = extractor_factory()
        self._renderer = extractor_factory()  # page renders never wait behind indexing
        self._local = threading.local()
        self.index = DocIndex(index_path)  # GUI thread's own connection: small reads
        self._jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="maru-index")
        self._reads = BackgroundTasks(workers=2, name="maru-docs", parent=self)
        self._cancel = threading.Event()
        self._queued: set[tuple[str, str]] = set()
        self._running = 0
        self._counts: dict[str, list[int]] = {}
        self.watch = FolderWatch(self._on_folder_changed, self) if watch else None
        self._worker_event.connect(self._deliver)
        self._closed = False

    # ---- collections ------------------------------------------------------------------

    def collections(self) -> list[Collection]:
        """Named collections (not conversations' attachments), by name."""
        return self.index.collections()

    def collection(self, name: str) -> Collection | None:
        """One collection, or None."""
        return self.index.collection(name)

    def files(self, name: str) -> list[FileRecord]:
        """The files of a collection as last indexed."""
        return self.index.files(name) if self.index.collection(name) else []

    def create_collection(self, name: str, *, kind: str = "collection",
                          only_from_sources: bool = True) -> Collection:
        """Make a collection (or return the one with that name)."""
        existing = self.index.collection(name)
        if existing is not None:
            return existing
        made = self.index.create_collection(name, kind=kind, only_from_sources=only_from_sources)
        self.collections_changed.emit()
        return made

    def delete_collection(self, name: str) -> None:
        """Forget a collection and its index (the files themselves stay)."""
        self.index.delete_collection(name)
        self._rewatch()
        self.collections_changed.emit()

    def rename_collection(self, name: str, new_name: str) -> None:
        """Rename; raises ValueError when the new name is taken."""
        self.index.rename_collection(name, new_name)
        self.collections_changed.emit()

    def set_only_from_sources(self, name: str, on: bool) -> None:
        """Whether answers from this collection may use anything but its documents."""
        self.index.set_only_from_sources(name, on)
        self.collections_changed.emit()

    def remove_root(self, name: str, path: str) -> None:
        """Stop indexing a file or folder the user added; its chunks go."""
        self.index.remove_root(name, path)
        self._rewatch()
        self.collections_changed.emit()

    # ---- indexing -----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while an indexing job runs or waits."""
        return self._running > 0

    def start(self) -> None:
        """Catch up with changes made while Maru was closed, and start watching."""
        self._rewatch()
        for collection in self.index.collections(kind=None):
            self.sync(collection.name)

    def add_paths(self, name: str, paths: Sequence[str], *, kind: str = "collection",
                  only_from_sources: bool = True) -> None:
        """Add files or folders to a collection (made if needed) and index them."""
        self.create_collection(name, kind=kind, only_from_sources=only_from_sources)
        self._submit("index", name, list(paths))

    def sync(self, name: str) -> None:
        """Re-scan a collection's files and folders: new, changed and deleted files."""
        if ("sync", name) not in self._queued:
            self._submit("sync", name, [])

    def reindex(self, name: str) -> None:
        """Read every file of a collection again, even unchanged ones (retry failures)."""
        roots = list(self.index.collection(name).roots) if self.index.collection(name) else []
        self._submit("force", name, roots)

    def cancel(self) -> None:
        """Stop indexing between files; a file being parsed is abandoned."""
        if self._running:
            self._cancel.set()
            self._extractor.cancel()

    def embedding_model_changed(self) -> None:
        """Models were installed or removed, or the choice changed: if the embedding
        model is now another one, embed what it has not seen (changing it re-embeds)."""
        path = self._embedding_model()
        known, self._embedding_known = self._embedding_known, True
        if known and path == self._embedding_path:
            return
        self._embedding_path = path
        old, self._embedder = self._embedder, None
        if old is not None:
            self._jobs.submit(old.close)
        for collection in self.index.collections(kind=None):
            self._submit("embed", collection.name, [])

    def shutdown(self) -> None:
        """Cancel, wait for the jobs, stop the child processes."""
        self._closed = True
        self._cancel.set()
        self._extractor.cancel()
        self._jobs.shutdown(wait=True, cancel_futures=True)
        self._reads.shutdown()
        for closer in (self._extractor, self._renderer, self._embedder):
            if closer is not None:
                closer.close()
        if self.watch is not None:
            self.watch.stop()
        self.index.close()

    def _submit(self, job: str, name: str, paths: list[str]) -> None:
        if self._closed:
            return
        self._queued.add((job, name))
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self._jobs.submit(self._run, job, name, paths)

    # ---- indexing thread ------------------------------------------------------------------

    def _run(self, job: str, name: str, paths: list[str]) -> None:
        self._queued.discard((job, name))
        try:
            if job != "embed":
                report = self._index_job(job, name, paths)
                self._emit_later(self.run_finished.emit, name, report)
            self._embed_job(name)
        except KindError as exc:
            self._emit_later(self.failed.emit, job, exc.kind.value, exc.detail)
        except Exception as exc:  # a bug must not kill the indexing thread silently
            self._emit_later(self.failed.emit, job, "internal", f"{type(exc).__name__}: {exc}")
        finally:
            self._cancel.clear()
            self._emit_later(self._job_done)

    def _index_job(self, job: str, name: str, paths: list[str]) -> IndexReport:
        index = self._thread_index()
        if index.collection(name) is None:
            return IndexReport()
        self._counts[name] = [0, 0]
        on_status = lambda status: self._on_status(name, status)  # noqa: E731
        if job == "sync":
            return doc_indexer.sync_collection(index, name, extract=self._extractor.extract,
                                               on_status=on_status, cancel=self._cancel)
        return doc_indexer.index_paths(index, name, paths, extract=self._extractor.extract,
                                       on_status=on_status, cancel=self._cancel,
                                       force=job == "force")

    def _embed_job(self, name: str) -> None:
        embedder = self._current_embedder()
        if embedder is None or self._cancel.is_set():
            return
        index = self._thread_index()
        if index.collection(name) is None:
            return
        doc_indexer.embed_pending(
            index, name, embed=embedder.embed, model=embedder.model_id, cancel=self._cancel,
            on_progress=lambda done, total: self._emit_later(self.embedding_progress.emit, name,
                                                             done, total))

    def _on_status(self, name: str, status: FileStatus) -> None:
        counts = self._counts.setdefault(name, [0, 0])
        if status.state is FileState.QUEUED:
            counts[1] += 1
        elif status.state is not FileState.INDEXING:
            counts[0] += 1
        self._emit_later(self.file_status.emit, name, status)
        self._emit_later(self.progress.emit, name, min(counts[0], counts[1]), counts[1])

    def _current_embedder(self) -> Embedder | None:
        with self._embedder_lock:  # the indexing thread and a search may both ask
            if not self._embedding_known:
                self._embedding_path, self._embedding_known = self._embedding_model(), True
            path = self._embedding_path
            if not path:
                return None
            if self._embedder is None or self._embedder.model_path != path:
                self._embedder = self._embedder_factory(path)
            return self._embedder

    def _thread_index(self) -> DocIndex:
        index = getattr(self._local, "index", None)
        if index is None:
            index = self._local.index = DocIndex(self._index_path)
        return index

    def _emit_later(self, fn: Callable[..., object], *args: object) -> None:
        """Call fn(*args) on the GUI thread (a queued signal: this object lives there)."""
        self._worker_event.emit(fn, args)

    def _deliver(self, fn: Callable[..., object], args: tuple) -> None:
        if not self._closed:
            fn(*args)

    def _job_done(self) -> None:
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)
        self._rewatch()
        self.collections_changed.emit()

    # ---- retrieval -------------------------------------------------------------------------

    def retrieve(self, question: str, names: Sequence[str],
                 on_done: Callable[[Retrieval], None],
                 on_error: Callable[[object], None], k: int = 5) -> None:
        """Search `names` for `question` off the GUI thread; on_done(Retrieval) after."""
        self._reads.run(self._retrieve, question, list(names), k, on_done=on_done,
                        on_error=on_error)

    def search(self, names: Sequence[str], query: str, k: int = 10) -> list[SearchHit]:
        """Ranked hits (blocking: the CLI and tests; the GUI uses `retrieve`)."""
        return self._retrieve(query, list(names), k).hits

    def _retrieve(self, question: str, names: list[str], k: int) -> Retrieval:
        return doc_retrieval.retrieve(self._thread_index(), names, question, k=k,
                                      embedder=self._current_embedder())

    def passage(self, chunk_id: int, on_done: Callable[[Passage | None], None]) -> None:
        """The cited chunk and the text of its page (for the source panel)."""
        self._reads.run(self._passage, chunk_id, on_done=on_done, on_error=lambda _e: None)

    def _passage(self, chunk_id: int) -> Passage | None:
        index = self._thread_index()
        chunk = index.chunk(chunk_id)
        if chunk is None:
            return None
        return Passage(chunk, index.part_text(chunk.file_id, chunk.part))

    def render_page(self, path: str, page: int, width: int,
                    on_done: Callable[[object], None],
                    on_error: Callable[[object], None]) -> None:
        """A PDF page as a RenderedPage (rendered in the extraction child process)."""
        self._reads.run(self._renderer.render_page, path, page, width, on_done=on_done,
                        on_error=on_error)

    # ---- watching -----------------------------------------------------------------------------

    def _rewatch(self) -> None:
        if self.watch is None:
            return
        roots = {c.name: c.roots for c in self.index.collections(kind=None)}
        self.watch.set_roots(roots)

    def _on_folder_changed(self, name: str) -> None:
        if self.index.collection(name) is not None:
            self.sync(name)
