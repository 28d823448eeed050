"""What Maru's SQLite files share: connection settings, migrations by
`PRAGMA user_version`, explicit transactions, and a closing optimize.

Used by the history store and the document index; each keeps its own schema
(a list of migrations) and its own error types.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress

Migration = Callable[[sqlite3.Connection], None]


def configure(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """WAL (readers never wait for the writer), NORMAL sync (durable at each WAL
    checkpoint, never corrupt), foreign keys on, and how long to wait for a lock."""
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms:d}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version stored in the file (0 for a new, empty file)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> None:
    """Bring an older file up to len(migrations), one transaction per migration.

    `conn` must be in autocommit mode (isolation_level=None). The caller has
    already refused files newer than that.
    """
    for version in range(user_version(conn) + 1, len(migrations) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) >= version:  # another connection migrated it meanwhile
                conn.execute("COMMIT")
                continue
            migrations[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on an autocommit connection: commit, or roll back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite rolls back by itself after some errors
            conn.execute("ROLLBACK")
        raise


def close(conn: sqlite3.Connection) -> None:
    """PRAGMA optimize, then close. Optimize keeps query plans good but is only an
    optimisation: a full disk or a read-only file must not stop the close."""
    with suppress(sqlite3.Error):
        conn.execute("PRAGMA optimize")
    conn.close()
