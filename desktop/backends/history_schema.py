"""The history database's schema, as an ordered list of migrations.

`PRAGMA user_version` holds how many migrations a file has had. Migration N
turns a version N-1 file into version N; each runs in its own transaction with
its version bump, so a crash mid-migration leaves the file at N-1, never between.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = (
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        system_prompt TEXT NOT NULL DEFAULT '',
        model TEXT,
        settings_json TEXT NOT NULL DEFAULT '{}',
        deleted_at REAL
    )
    """,
    "CREATE INDEX conversations_by_activity ON conversations (pinned DESC, updated_at DESC)",
    """
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL
            REFERENCES conversations (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        error TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        meta_json TEXT NOT NULL DEFAULT '{}',
        UNIQUE (conversation_id, position)
    )
    """,
    # Start-up looks for answers left streaming; a partial index keeps that instant.
    "CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming'",
    """
    CREATE TABLE presets (
        name TEXT PRIMARY KEY,
        settings_json TEXT NOT NULL,
        system_prompt TEXT NOT NULL DEFAULT ''
    )
    """,
    # Trigram indexes find any substring of 3+ characters, so a Korean word is
    # found inside the word-plus-particle it is written as ("서울" in "서울에서").
    # External content: the text is stored once, in the real tables.
    """
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
        text, content = 'messages', content_rowid = 'id', tokenize = 'trigram'
    )
    """,
    """
    CREATE VIRTUAL TABLE titles_fts USING fts5 (
        title, content = 'conversations', content_rowid = 'id', tokenize = 'trigram'
    )
    """,
    # Triggers keep both indexes in step with every write, cascades included.
    """
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
    END
    """,
    # Only text changes reindex: status and meta updates while streaming stay cheap.
    """
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER titles_fts_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO titles_fts (rowid, title) VALUES (new.id, new.title);
    END
    """,
    """
    CREATE TRIGGER titles_fts_delete AFTER DELETE ON conversations BEGIN
        INSERT INTO titles_fts (titles_fts, rowid, title)
            VALUES ('delete', old.id, old.title);
    END
    """,
    """
    CREATE TRIGGER titles_fts_update AFTER UPDATE OF title ON conversations BEGIN
        INSERT INTO titles_fts (titles_fts, rowid, title)
            VALUES ('delete', old.id, old.title);
        INSERT INTO titles_fts (rowid, title) VALUES (new.id, new.title);
    END
    """,
)


def _migration_1(conn: sqlite3.Connection) -> None:
    """Create every table, index and trigger."""
    # Statement by statement: executescript() would commit the open transaction.
    for statement in _V1:
        conn.execute(statement)


def _migration_2(conn: sqlite3.Connection) -> None:
    """Task runs (summarize, translate, classify): one row per run, kept like a chat."""
    conn.execute(
        """
        CREATE TABLE task_runs (
            id INTEGER PRIMARY KEY,
            mode TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            created_at REAL NOT NULL,
            input_text TEXT NOT NULL DEFAULT '',
            input_path TEXT NOT NULL DEFAULT '',
            options_json TEXT NOT NULL DEFAULT '{}',
            output TEXT NOT NULL DEFAULT '',
            meta_json TEXT NOT NULL DEFAULT '{}',
            error TEXT NOT NULL DEFAULT ''
        )
        """
    )
    conn.execute("CREATE INDEX task_runs_by_mode ON task_runs (mode, created_at DESC)")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1, _migration_2]
SCHEMA_VERSION = len(MIGRATIONS)
