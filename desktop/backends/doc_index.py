"""The document index: one SQLite file with every collection, file, chunk and vector.

`DocIndex` is the only code that opens documents.sqlite3 (schema in doc_schema).
The indexer (doc_indexer) writes through it, search (doc_search) reads through it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple

from desktop import paths
from desktop.backends import doc_schema, sqlite_db
from desktop.core.doc_records import ChunkHit, Collection, CollectionKind, FileRecord
from desktop.core.documents import (
    Chunk,
    DocErrorKind,
    ExtractedDocument,
    FileState,
    PartKind,
)
from desktop.core.lexical import index_terms

if TYPE_CHECKING:
    import numpy as np

DB_FILE_NAME = "documents.sqlite3"
# Indexing commits once per file; a reader or a second writer waits at most that long.
BUSY_TIMEOUT_MS = 10_000
_IN_BATCH = 500  # ids per IN (...) list, well under SQLite's variable limit


class DocIndexError(Exception):
    """The file cannot be used: written by a newer Maru (other sqlite3 errors pass as is)."""


class DocIndex:
    """The store of collections, files, chunks and vectors.

    Threads: one DocIndex per thread (the connection refuses other threads);
    opening one is cheap. With WAL a search thread reads while an indexing thread
    writes. Keep the search thread's DocIndex open: it caches each collection's
    vector matrix (see dense()) and drops a cached matrix when another
    connection changes that collection's vectors.

    Every public write is one transaction, committed on return. Collections are
    named by `name` in the collection/file methods and by `id` in the search
    primitives; an unknown name raises KeyError. sqlite3 errors pass through.
    """

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            path = paths.ensure(paths.data_dir()) / DB_FILE_NAME
        self.path = Path(path)
        self._closed = False
        self._vectors = _VectorCache()
        # isolation_level=None: autocommit; multi-statement writes use _transaction().
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    def _prepare(self) -> None:
        conn = self._conn
        conn.row_factory = sqlite3.Row
        version = sqlite_db.user_version(conn)
        if version > doc_schema.SCHEMA_VERSION:
            raise DocIndexError(
                f"{self.path} has schema {version}; this Maru knows {doc_schema.SCHEMA_VERSION}"
            )
        sqlite_db.configure(conn, BUSY_TIMEOUT_MS)
        sqlite_db.migrate(conn, doc_schema.MIGRATIONS)

    def close(self) -> None:
        """Close the file and drop cached matrices. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._vectors.clear()
        sqlite_db.close(self._conn)

    def __enter__(self) -> DocIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return sqlite_db.transaction(self._conn)

    # Collections

    def create_collection(
        self,
        name: str,
        kind: CollectionKind | str = CollectionKind.COLLECTION,
        only_from_sources: bool = True,
    ) -> Collection:
        """Create an empty collection. ValueError if the name is taken."""
        try:
            self._conn.execute(
                "INSERT INTO collections (name, kind, only_from_sources, created)"
                " VALUES (?, ?, ?, ?)",
                (name, CollectionKind(kind).value, int(only_from_sources), time.time()),
            )
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"a collection named {name!r} exists") from exc
        return self._require_collection(name)

    def collection(self, name: str) -> Collection | None:
        """The collection called `name`, with its roots and counts, or None."""
        found = self._collections("WHERE c.name = ?", (name,))
        return found[0] if found else None

    def collections(self, kind: CollectionKind | str | None = CollectionKind.COLLECTION
                    ) -> list[Collection]:
        """Collections of `kind` (None: every kind), by name."""
        if kind is None:
            return self._collections("", ())
        return self._collections("WHERE c.kind = ?", (CollectionKind(kind).value,))

    def _collections(self, where: str, params: tuple) -> list[Collection]:
        rows = self._conn.execute(
            "SELECT c.*, (SELECT COUNT(*) FROM files f WHERE f.collection_id = c.id) AS n_files,"
            " (SELECT COALESCE(SUM(f.chunks), 0) FROM files f WHERE f.collection_id = c.id)"
            f" AS n_chunks FROM collections c {where} ORDER BY c.name",
            params,
        ).fetchall()
        return [
            Collection(
                id=row["id"],
                name=row["name"],
                kind=CollectionKind(row["kind"]),
                only_from_sources=bool(row["only_from_sources"]),
                roots=self._roots(row["id"]),
                files=row["n_files"],
                chunks=row["n_chunks"],
            )
            for row in rows
        ]

    def _roots(self, collection_id: int) -> tuple[str, ...]:
        rows = self._conn.execute(
            "SELECT path FROM roots WHERE collection_id = ? ORDER BY path", (collection_id,)
        )
        return tuple(row[0] for row in rows)

    def _require_collection(self, name: str) -> Collection:
        found = self.collection(name)
        if found is None:
            raise KeyError(name)
        return found

    def _id(self, name: str) -> int:
        row = self._conn.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise KeyError(name)
        return row[0]

    def rename_collection(self, name: str, new_name: str) -> None:
        """Rename a collection. KeyError if unknown, ValueError if `new_name` is taken."""
        collection_id = self._id(name)
        try:
            self._conn.execute(
                "UPDATE collections SET name = ? WHERE id = ?", (new_name, collection_id)
            )
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"a collection named {new_name!r} exists") from exc

    def delete_collection(self, name: str) -> bool:
        """Delete a collection with its roots, files, chunks and vectors; False if unknown."""
        # One statement: the cascades and the FTS trigger commit together.
        return self._conn.execute("DELETE FROM collections WHERE name = ?", (name,)).rowcount > 0

    def set_only_from_sources(self, name: str, value: bool) -> None:
        """Whether answers must come only from this collection's documents."""
        self._conn.execute(
            "UPDATE collections SET only_from_sources = ? WHERE id = ?",
            (int(value), self._id(name)),
        )

    def add_roots(self, name: str, roots: Sequence[str]) -> None:
        """Remember folders and files the user added (absolute paths); duplicates are kept once."""
        collection_id = self._id(name)
        with self._transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO roots (collection_id, path) VALUES (?, ?)",
                [(collection_id, str(root)) for root in roots],
            )

    def remove_root(self, name: str, root: str) -> int:
        """Forget a root and the files no other root covers; return how many files went."""
        collection_id = self._id(name)
        with self._transaction() as conn:
            conn.execute(
                "DELETE FROM roots WHERE collection_id = ? AND path = ?", (collection_id, root)
            )
            remaining = [r[0] for r in conn.execute(
                "SELECT path FROM roots WHERE collection_id = ?", (collection_id,))]
            doomed = [
                (row[0],)
                for row in conn.execute(
                    "SELECT id, path FROM files WHERE collection_id = ?", (collection_id,)
                )
                if is_under(row[1], root) and not any(is_under(row[1], r) for r in remaining)
            ]
            self._bump_if_vectors(conn, collection_id, [d[0] for d in doomed])
            conn.executemany("DELETE FROM files WHERE id = ?", doomed)
        return len(doomed)

    # Files

    def file_record(self, name: str, path: str) -> FileRecord | None:
        """What the index holds for `path` in the collection, or None."""
        row = self._conn.execute(
            "SELECT * FROM files WHERE collection_id = ? AND path = ?", (self._id(name), path)
        ).fetchone()
        return _record(row) if row else None

    def files(self, name: str) -> list[FileRecord]:
        """Every file of the collection (indexed or failed), by path."""
        rows = self._conn.execute(
            "SELECT * FROM files WHERE collection_id = ? ORDER BY path", (self._id(name),)
        )
        return [_record(row) for row in rows]

    def store_file(
        self,
        name: str,
        path: str,
        size: int,
        mtime_ns: int,
        sha256: str,
        doc: ExtractedDocument,
        chunks: Sequence[Chunk],
    ) -> FileRecord:
        """Store a file as indexed, replacing its old chunks, FTS rows and vectors at once."""
        collection_id = self._id(name)
        # Terms are computed before the write lock is taken, to keep it short.
        rows = [
            (i, c.part, c.start, c.end, c.heading, c.text, index_terms(f"{c.heading}\n{c.text}"))
            for i, c in enumerate(chunks)
        ]
        with self._transaction() as conn:
            file_id = self._put_file(
                conn, collection_id, path, size, mtime_ns, sha256, FileState.DONE, None, "",
                doc, len(rows),
            )
            conn.executemany(
                "INSERT INTO parts (file_id, number, text) VALUES (?, ?, ?)",
                [(file_id, part.number, part.text) for part in doc.parts],
            )
            for ordinal, part, start, end, heading, text, terms in rows:
                chunk_id = conn.execute(
                    "INSERT INTO chunks (file_id, ord, part, span_start, span_end, heading, text)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (file_id, ordinal, part, start, end, heading, text),
                ).lastrowid
                conn.execute(
                    "INSERT INTO chunks_fts (rowid, terms) VALUES (?, ?)", (chunk_id, terms)
                )
        return self._file_by_id(file_id)

    def store_failure(
        self,
        name: str,
        path: str,
        size: int,
        mtime_ns: int,
        sha256: str,
        kind: DocErrorKind,
        detail: str = "",
        doc: ExtractedDocument | None = None,
    ) -> FileRecord:
        """Store a file as FAILED (with `doc`'s parts if it was read) and drop its old chunks."""
        collection_id = self._id(name)
        with self._transaction() as conn:
            file_id = self._put_file(
                conn, collection_id, path, size, mtime_ns, sha256, FileState.FAILED,
                DocErrorKind(kind), detail, doc, 0,
            )
        return self._file_by_id(file_id)

    def _put_file(
        self,
        conn: sqlite3.Connection,
        collection_id: int,
        path: str,
        size: int,
        mtime_ns: int,
        sha256: str,
        state: FileState,
        error: DocErrorKind | None,
        detail: str,
        doc: ExtractedDocument | None,
        chunks: int,
    ) -> int:
        """Insert or update the file row and delete its parts and chunks (with FTS rows)."""
        file_id = conn.execute(
            "INSERT INTO files (collection_id, path, size, mtime_ns, sha256, state, error_kind,"
            " error_detail, part_kind, parts, chunks, flagged, indexed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (collection_id, path) DO UPDATE SET size = excluded.size,"
            " mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, state = excluded.state,"
            " error_kind = excluded.error_kind, error_detail = excluded.error_detail,"
            " part_kind = excluded.part_kind, parts = excluded.parts, chunks = excluded.chunks,"
            " flagged = excluded.flagged, indexed_at = excluded.indexed_at RETURNING id",
            (
                collection_id, path, size, mtime_ns, sha256, state.value,
                error.value if error else None, detail,
                (doc.part_kind if doc else PartKind.WHOLE).value,
                len(doc.parts) if doc else 0, chunks,
                json.dumps(list(doc.flagged) if doc else []), time.time(),
            ),
        ).fetchone()[0]
        self._bump_if_vectors(conn, collection_id, [file_id])
        conn.execute("DELETE FROM chunks WHERE file_id = ?", (file_id,))
        conn.execute("DELETE FROM parts WHERE file_id = ?", (file_id,))
        return file_id

    def touch_file(self, name: str, path: str, mtime_ns: int) -> None:
        """Record a new modification time for a file whose content did not change."""
        self._conn.execute(
            "UPDATE files SET mtime_ns = ? WHERE collection_id = ? AND path = ?",
            (mtime_ns, self._id(name), path),
        )

    def remove_file(self, name: str, path: str) -> bool:
        """Forget a file with its chunks and vectors; False if it was not there."""
        collection_id = self._id(name)
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT id FROM files WHERE collection_id = ? AND path = ?", (collection_id, path)
            ).fetchone()
            if row is None:
                return False
            self._bump_if_vectors(conn, collection_id, [row[0]])
            conn.execute("DELETE FROM files WHERE id = ?", (row[0],))
        return True

    def _file_by_id(self, file_id: int) -> FileRecord:
        row = self._conn.execute("SELECT * FROM files WHERE id = ?", (file_id,)).fetchone()
        return _record(row)

    def _bump_if_vectors(self, conn: sqlite3.Connection, collection_id: int,
                         file_ids: Sequence[int]) -> None:
        """Mark cached matrices stale when chunks with vectors are about to go."""
        for batch in _batches(file_ids):
            marks = ",".join("?" * len(batch))
            if conn.execute(
                "SELECT EXISTS (SELECT 1 FROM chunks c JOIN vectors v ON v.chunk_id = c.id"
                f" WHERE c.file_id IN ({marks}))",
                batch,
            ).fetchone()[0]:
                _bump(conn, "id = ?", (collection_id,))
                return

    # Search primitives

    def lexical(self, collection_ids: Sequence[int], match: str, limit: int
                ) -> list[tuple[int, float]]:
        """(chunk id, bm25) of the best FTS5 matches, best (smallest bm25) first.

        `match` is an FTS5 query (lexical.match_expression). bm25's statistics
        span every collection in the file, not only the ones searched.
        """
        if not collection_ids or limit <= 0:
            return []
        marks = ",".join("?" * len(collection_ids))
        rows = self._conn.execute(
            "SELECT c.id, bm25(chunks_fts) AS score FROM chunks_fts"
            " JOIN chunks c ON c.id = chunks_fts.rowid JOIN files f ON f.id = c.file_id"
            f" WHERE chunks_fts MATCH ? AND f.collection_id IN ({marks})"
            " ORDER BY score LIMIT ?",
            (match, *collection_ids, limit),
        )
        return [(row[0], row[1]) for row in rows]

    def chunks(self, ids: Sequence[int]) -> list[ChunkHit]:
        """The chunks with these ids, in the order given; ids no longer stored are left out."""
        found: dict[int, ChunkHit] = {}
        for batch in _batches(ids):
            marks = ",".join("?" * len(batch))
            for row in self._conn.execute(
                "SELECT c.*, f.path, f.part_kind FROM chunks c JOIN files f ON f.id = c.file_id"
                f" WHERE c.id IN ({marks})",
                batch,
            ):
                found[row["id"]] = _chunk(row)
        return [found[i] for i in ids if i in found]

    def chunk(self, chunk_id: int) -> ChunkHit | None:
        """One chunk, or None."""
        found = self.chunks([chunk_id])
        return found[0] if found else None

    def part_text(self, file_id: int, part: int) -> str | None:
        """The whole text of a stored part (chunk offsets index into it), or None."""
        row = self._conn.execute(
            "SELECT text FROM parts WHERE file_id = ? AND number = ?", (file_id, part)
        ).fetchone()
        return row[0] if row else None

    # Vectors

    def pending_vectors(self, collection_id: int, model: str) -> list[int]:
        """Ids of the collection's chunks that have no `model` vector, ascending.

        Ids only (a few bytes each): embed them in batches, reading each batch's
        text with chunks() and embed_text().
        """
        rows = self._conn.execute(
            "SELECT c.id FROM files f JOIN chunks c ON c.file_id = f.id"
            " WHERE f.collection_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id AND v.model = ?) ORDER BY c.id",
            (collection_id, model),
        )
        return [row[0] for row in rows]

    def put_vectors(self, model: str, items: Sequence[tuple[int, np.ndarray]]) -> None:
        """Store embeddings (L2-normalized here, float32), replacing older ones.

        Chunks deleted meanwhile (a file re-indexed while embedding) are skipped.
        ValueError when the dimensions differ from each other or from the model's
        stored vectors.
        """
        if not items:
            return
        vecs = _normalized([vec for _, vec in items])
        stored = self._conn.execute(
            "SELECT length(vec) FROM vectors WHERE model = ? LIMIT 1", (model,)
        ).fetchone()
        if stored and stored[0] != vecs.shape[1] * 4:
            raise ValueError(f"{model}: {vecs.shape[1]} dimensions, stored {stored[0] // 4}")
        ids = [int(chunk_id) for chunk_id, _ in items]
        with self._transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO vectors (chunk_id, model, vec)"
                " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM chunks WHERE id = ?)",
                [(i, model, v.tobytes(), i) for i, v in zip(ids, vecs, strict=True)],
            )
            for batch in _batches(ids):
                marks = ",".join("?" * len(batch))
                # CROSS JOIN keeps this order: from the few chunk ids to their files.
                _bump(conn, "id IN (SELECT DISTINCT f.collection_id FROM chunks c CROSS JOIN"
                      f" files f ON f.id = c.file_id WHERE c.id IN ({marks}))", batch)

    def vector_count(self, collection_id: int, model: str) -> int:
        """How many of the collection's chunks have a `model` vector."""
        return self._conn.execute(
            "SELECT COUNT(*) FROM vectors v JOIN chunks c ON c.id = v.chunk_id"
            " JOIN files f ON f.id = c.file_id WHERE f.collection_id = ? AND v.model = ?",
            (collection_id, model),
        ).fetchone()[0]

    def has_vectors(self, collection_ids: Sequence[int], model: str) -> bool:
        """Whether any of these collections has a `model` vector (loads dense()'s cache)."""
        return any(self._vectors.matrix(self._conn, cid, model) for cid in collection_ids)

    def drop_vectors(self, model: str) -> int:
        """Delete every vector of `model` (an embedding model removed or changed)."""
        with self._transaction() as conn:
            count = conn.execute("DELETE FROM vectors WHERE model = ?", (model,)).rowcount
            _bump(conn, "1", ())
        return count

    def dense(self, collection_ids: Sequence[int], model: str, query: np.ndarray, limit: int
              ) -> list[tuple[int, float]]:
        """(chunk id, cosine similarity) of the `limit` nearest chunks, nearest first.

        Exact search: one float32 matrix product per collection over a matrix
        cached until that collection's vectors change (any connection).
        """
        return self._vectors.search(self._conn, collection_ids, model, query, limit)

    def integrity_ok(self) -> bool:
        """Whether SQLite's and FTS5's own checks find the file sound."""
        try:
            rows = self._conn.execute("PRAGMA integrity_check").fetchall()
            self._conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError:
            return False
        return [tuple(r) for r in rows] == [("ok",)]


class _Matrix(NamedTuple):
    version: int  # the collection's vectors_version when it was read
    ids: np.ndarray  # chunk ids, int64
    vecs: np.ndarray  # one L2-normalized float32 row per id


class _VectorCache:
    """Each collection's vectors as one matrix per model, reloaded when its version moves.

    float32 on purpose: numpy's float16 matmul is ~8x slower on CPUs. 100k x 1024
    is 400 MB of RAM while cached; close() frees it.
    """

    def __init__(self) -> None:
        self._cached: dict[tuple[int, str], _Matrix] = {}

    def clear(self) -> None:
        self._cached.clear()

    def matrix(self, conn: sqlite3.Connection, collection_id: int, model: str) -> _Matrix | None:
        """The collection's `model` vectors (None if it has none or is gone)."""
        key = (collection_id, model)
        conn.execute("BEGIN")  # one snapshot: the version read belongs to the rows read
        try:
            row = conn.execute(
                "SELECT vectors_version FROM collections WHERE id = ?", (collection_id,)
            ).fetchone()
            cached = self._cached.get(key)
            if row is None:
                self._cached.pop(key, None)
                return None
            if cached is None or cached.version != row[0]:
                self._cached.pop(key, None)  # free the old matrix before reading the new
                cached = self._cached[key] = _Matrix(row[0], *_read_matrix(conn, *key))
        finally:
            conn.execute("COMMIT")
        return cached if len(cached.ids) else None

    def search(self, conn: sqlite3.Connection, collection_ids: Sequence[int], model: str,
               query: np.ndarray, limit: int) -> list[tuple[int, float]]:
        import numpy as np

        q = _normalized([query])[0]
        found_ids, found_scores = [], []
        for collection_id in dict.fromkeys(collection_ids):
            matrix = self.matrix(conn, collection_id, model)
            if matrix is None or limit <= 0:
                continue
            if matrix.vecs.shape[1] != q.shape[0]:
                raise ValueError(f"{model}: query has {q.shape[0]} dimensions, "
                                 f"stored {matrix.vecs.shape[1]}")
            scores = matrix.vecs @ q
            top = _top(scores, limit)
            found_ids.append(matrix.ids[top])
            found_scores.append(scores[top])
        if not found_ids:
            return []
        ids, scores = np.concatenate(found_ids), np.concatenate(found_scores)
        top = _top(scores, limit)
        return [(int(i), float(s)) for i, s in zip(ids[top], scores[top], strict=True)]


_MATRIX_FROM = (
    " FROM files f JOIN chunks c ON c.file_id = f.id JOIN vectors v ON v.chunk_id = c.id"
    " WHERE f.collection_id = ? AND v.model = ?"
)


def _read_matrix(conn: sqlite3.Connection, collection_id: int, model: str
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(chunk ids, vectors) of one collection and model, read straight into one array."""
    import numpy as np

    params = (collection_id, model)
    count = conn.execute(f"SELECT COUNT(*){_MATRIX_FROM}", params).fetchone()[0]
    ids = np.empty(count, dtype=np.int64)
    vecs = None
    # Row by row into a preallocated matrix: joining the blobs first would need
    # twice the memory (400 MB more at 100k x 1024).
    for i, (chunk_id, blob) in enumerate(conn.execute(f"SELECT c.id, v.vec{_MATRIX_FROM}",
                                                      params)):
        if vecs is None:
            vecs = np.empty((count, len(blob) // 4), dtype=np.float32)
        ids[i] = chunk_id
        vecs[i] = np.frombuffer(blob, dtype=np.float32)
    return ids, vecs if vecs is not None else np.empty((0, 0), dtype=np.float32)


def _top(scores: np.ndarray, limit: int) -> np.ndarray:
    """Indices of the `limit` highest scores, highest first (ties: lower index first)."""
    import numpy as np

    if limit < len(scores):
        part = np.argpartition(-scores, limit - 1)[:limit]
    else:
        part = np.arange(len(scores))
    return part[np.lexsort((part, -scores[part]))]


def _normalized(vectors: Sequence[np.ndarray]) -> np.ndarray:
    """Rows as float32 with unit L2 norm (a zero vector stays zero). ValueError if ragged."""
    import numpy as np

    matrix = np.array([np.asarray(v, dtype=np.float32).ravel() for v in vectors])
    if matrix.ndim != 2:
        raise ValueError("vectors of different dimensions")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.ascontiguousarray(matrix / np.where(norms > 0, norms, 1), dtype=np.float32)


def embed_text(heading: str, text: str) -> str:
    """What a chunk's embedding is computed from: its headings give it context."""
    return f"{heading}\n{text}" if heading else text


def is_under(path: str, root: str) -> bool:
    """Whether `path` is `root` or inside the folder `root` (both absolute)."""
    if path == root:
        return True
    prefix = root if root.endswith(os.sep) else root + os.sep
    return path.startswith(prefix)


def _bump(conn: sqlite3.Connection, where: str, params: Sequence) -> None:
    conn.execute(
        f"UPDATE collections SET vectors_version = vectors_version + 1 WHERE {where}", params
    )


def _batches(ids: Sequence[int]) -> Iterator[list[int]]:
    ids = list(ids)
    for begin in range(0, len(ids), _IN_BATCH):
        yield ids[begin:begin + _IN_BATCH]


def _record(row: sqlite3.Row) -> FileRecord:
    return FileRecord(
        id=row["id"],
        collection_id=row["collection_id"],
        path=row["path"],
        size=row["size"],
        mtime_ns=row["mtime_ns"],
        sha256=row["sha256"],
        state=FileState(row["state"]),
        error=DocErrorKind(row["error_kind"]) if row["error_kind"] else None,
        detail=row["error_detail"],
        part_kind=PartKind(row["part_kind"]),
        parts=row["parts"],
        chunks=row["chunks"],
        flagged=tuple(json.loads(row["flagged"])),
        indexed_at=row["indexed_at"],
    )


def _chunk(row: sqlite3.Row) -> ChunkHit:
    return ChunkHit(
        chunk_id=row["id"],
        file_id=row["file_id"],
        path=row["path"],
        part_kind=PartKind(row["part_kind"]),
        part=row["part"],
        start=row["span_start"],
        end=row["span_end"],
        heading=row["heading"],
        text=row["text"],
    )
