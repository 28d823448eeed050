"""The documents database's schema, as an ordered list of migrations.

One file (documents.sqlite3) holds every collection. `PRAGMA user_version`
holds how many migrations a file has had; migration N turns a version N-1 file
into version N in one transaction with its version bump, as in history_schema.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = (
    """
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'collection',
        only_from_sources INTEGER NOT NULL DEFAULT 1,
        created REAL NOT NULL,
        -- Bumped by every write that adds or drops this collection's vectors, so a
        -- reader on another connection knows its cached matrix is stale.
        vectors_version INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE roots (
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        PRIMARY KEY (collection_id, path)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        state TEXT NOT NULL,
        error_kind TEXT,
        error_detail TEXT NOT NULL DEFAULT '',
        part_kind TEXT NOT NULL DEFAULT 'whole',
        parts INTEGER NOT NULL DEFAULT 0,
        chunks INTEGER NOT NULL DEFAULT 0,
        flagged TEXT NOT NULL DEFAULT '[]',
        indexed_at REAL NOT NULL,
        UNIQUE (collection_id, path)
    )
    """,
    # Each part's whole text, for the source panel around a cited chunk (chunks
    # hold every non-space character but not the spacing between them).
    """
    CREATE TABLE parts (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (file_id, number)
    )
    """,
    """
    CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        part INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        heading TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL
    )
    """,
    # Cascades and per-file reads look chunks up by file; without it each is a scan.
    "CREATE INDEX chunks_by_file ON chunks (file_id, ord)",
    # A plain (content-storing) FTS5 table whose rowid is chunks.id: SQLite 3.40
    # has no contentless_delete, and the stored terms (lexical.index_terms, with
    # Korean as bigrams) differ from the chunk text, so external content cannot
    # serve either. Rows are inserted by DocIndex, deleted by the trigger below.
    """
    CREATE VIRTUAL TABLE chunks_fts USING fts5 (
        terms, tokenize = 'unicode61 remove_diacritics 0'
    )
    """,
    # Fires for cascades too (collection -> files -> chunks), so no orphan matches.
    """
    CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
        DELETE FROM chunks_fts WHERE rowid = old.id;
    END
    """,
    # L2-normalized float32 embeddings, one per (chunk, embedding model).
    """
    CREATE TABLE vectors (
        chunk_id INTEGER NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        vec BLOB NOT NULL,
        PRIMARY KEY (chunk_id, model)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX vectors_by_model ON vectors (model)",
)


def _migration_1(conn: sqlite3.Connection) -> None:
    """Create every table, index and trigger."""
    # Statement by statement: executescript() would commit the open transaction.
    for statement in _V1:
        conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)
