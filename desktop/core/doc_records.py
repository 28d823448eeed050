"""What the document index holds, as plain values the backends, services and UI share.

`DocIndex` (desktop.backends.doc_index) returns these; nothing here touches the
database. All are frozen: a record is a snapshot of one moment, safe to pass
between threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.core.documents import DocErrorKind, FileState, FileStatus, PartKind


class CollectionKind(StrEnum):
    """Who made a collection."""

    COLLECTION = "collection"  # a named set of folders and files the user manages
    CHAT = "chat"  # files attached to one conversation


@dataclass(frozen=True)
class Collection:
    """A searchable set of documents. `roots` are the folders and files the user added.

    `only_from_sources`: answers must come from these documents ("nothing found"
    rather than an answer from the model's own knowledge).
    """

    id: int
    name: str
    kind: CollectionKind
    only_from_sources: bool
    roots: tuple[str, ...]
    files: int
    chunks: int


@dataclass(frozen=True)
class FileRecord:
    """One file as last indexed: DONE with its chunks, or FAILED with the reason.

    `size`, `mtime_ns` and `sha256` are what the indexer compares to skip
    unchanged files; `flagged` are the part numbers with no usable text.
    """

    id: int
    collection_id: int
    path: str
    size: int
    mtime_ns: int
    sha256: str
    state: FileState
    error: DocErrorKind | None
    detail: str
    part_kind: PartKind
    parts: int
    chunks: int
    flagged: tuple[int, ...]
    indexed_at: float

    def status(self, state: FileState | None = None) -> FileStatus:
        """This record as a FileStatus, in its own state or in `state` (say UNCHANGED)."""
        return FileStatus(
            path=self.path,
            state=state or self.state,
            error=self.error,
            detail=self.detail,
            chunks=self.chunks,
            parts=self.parts,
            flagged=self.flagged,
            part_kind=self.part_kind,
        )


@dataclass(frozen=True)
class ChunkHit:
    """A stored chunk with where it came from: `text` is part `part`'s [start, end)."""

    chunk_id: int
    file_id: int
    path: str
    part_kind: PartKind
    part: int
    start: int
    end: int
    heading: str
    text: str


@dataclass(frozen=True)
class SearchHit:
    """A search result: the chunk, its fused score, and how each retriever ranked it.

    Ranks are 1-based; a None rank (and score) means that retriever did not find
    it. `bm25` is SQLite's (smaller is better); `similarity` is cosine in [-1, 1].
    """

    chunk: ChunkHit
    score: float
    lexical_rank: int | None = None
    bm25: float | None = None
    dense_rank: int | None = None
    similarity: float | None = None
