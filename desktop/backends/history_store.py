"""The chat history: one SQLite file that holds conversations, messages and presets.

`HistoryStore` is the only code that opens the file. The schema and its
migrations live in `history_schema`, search in `history_search`, and the file
format for export and import in `desktop.core.conversation_export`.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from enum import Enum, StrEnum
from functools import wraps
from pathlib import Path
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from desktop import paths
from desktop.backends import history_schema, history_search, sqlite_db
from desktop.backends.history_search import SearchHit
from desktop.core.conversation import (
    ChatSettings,
    Conversation,
    Message,
    MessageStatus,
    Role,
)
from desktop.core.conversation_export import from_json, to_json, to_markdown

DB_FILE_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 3000


class HistoryErrorKind(StrEnum):
    """What went wrong with the history file, as a code the UI translates."""

    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    CORRUPT = "corrupt"
    NEWER_VERSION = "newer_version"
    OTHER = "other"


class HistoryError(Exception):
    """A history file error with a kind for the UI and a detail for the log."""

    def __init__(self, kind: HistoryErrorKind, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail


_KIND_BY_CODE = {
    sqlite3.SQLITE_FULL: HistoryErrorKind.DISK_FULL,
    sqlite3.SQLITE_READONLY: HistoryErrorKind.READ_ONLY,
    sqlite3.SQLITE_CORRUPT: HistoryErrorKind.CORRUPT,
    sqlite3.SQLITE_NOTADB: HistoryErrorKind.CORRUPT,
}


def error_kind(exc: sqlite3.Error) -> HistoryErrorKind:
    """The kind of a sqlite3 error, from its result code (low byte: the primary code)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return _KIND_BY_CODE.get(code & 0xFF, HistoryErrorKind.OTHER)
    if "not a database" in str(exc):  # errors raised before a code is known
        return HistoryErrorKind.CORRUPT
    return HistoryErrorKind.OTHER


_P = ParamSpec("_P")
_T = TypeVar("_T")


def translate_errors(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """Turn sqlite3 errors into HistoryError, so callers handle one exception type."""

    @wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return function(*args, **kwargs)
        except sqlite3.Error as exc:
            raise HistoryError(error_kind(exc), str(exc)) from exc

    return wrapper


class _Unset(Enum):
    TOKEN = 0


UNSET = _Unset.TOKEN  # "leave unchanged", where None is a real value


class HistoryStore:
    """The one owner of the history database. GUI thread only; every call is short.

    Commit contract: every public write is committed before it returns (its own
    transaction; autocommit otherwise). The app commits a user message before
    generation starts and a streaming answer at least once a second, so killing
    the process (kill -9, a crash) loses at most the last second of an answer.
    WAL with synchronous=NORMAL keeps that promise against process death and
    never corrupts the file; only a power cut may lose the latest commits.

    `updated_at` is the time of the last added message; renaming, pinning and
    settings changes do not move a conversation in the list. Soft-deleted
    conversations are invisible (conversation(), list, search) until restored or
    purged. Writes to an id that does not exist do nothing. Every sqlite3 error
    surfaces as HistoryError.
    """

    @translate_errors
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._last_time = 0.0
        self._closed = False
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
        version = sqlite_db.user_version(conn)  # also where a non-database fails
        if version > history_schema.SCHEMA_VERSION:
            raise HistoryError(
                HistoryErrorKind.NEWER_VERSION,
                f"{self.path} has schema {version}; this Maru knows "
                f"{history_schema.SCHEMA_VERSION}",
            )
        sqlite_db.configure(conn, BUSY_TIMEOUT_MS)
        sqlite_db.migrate(conn, history_schema.MIGRATIONS)

    @classmethod
    def open_default(cls) -> HistoryStore:
        """The user's history file in the data folder (created if needed)."""
        return cls(paths.ensure(paths.data_dir()) / DB_FILE_NAME)

    @translate_errors
    def close(self) -> None:
        """Close the file. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        sqlite_db.close(self._conn)

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return sqlite_db.transaction(self._conn)

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for stores that share this file (task_history)."""
        return self._conn

    def now(self) -> float:
        """A timestamp later than any this store gave before."""
        return self._now()

    def _now(self) -> float:
        # Strictly increasing: a coarse clock (Windows: ~16 ms) would tie and blur order.
        self._last_time = max(time.time(), self._last_time + 1e-6)
        return self._last_time

    # Conversations

    @translate_errors
    def create_conversation(
        self,
        title: str = "",
        system_prompt: str = "",
        model: str | None = None,
        settings: ChatSettings | None = None,
    ) -> Conversation:
        """Create and return a new, empty conversation."""
        now = self._now()
        settings = settings or ChatSettings()
        cursor = self._conn.execute(
            "INSERT INTO conversations (title, created_at, updated_at, system_prompt, model,"
            " settings_json) VALUES (?, ?, ?, ?, ?, ?)",
            (title, now, now, system_prompt, model, _dumps(settings.to_dict())),
        )
        return Conversation(
            cursor.lastrowid, title, now, now, False, system_prompt, model, settings
        )

    @translate_errors
    def conversation(self, conversation_id: int) -> Conversation | None:
        """The conversation, or None if it does not exist or is deleted."""
        row = self._conn.execute(
            "SELECT * FROM conversations WHERE id = ? AND deleted_at IS NULL", (conversation_id,)
        ).fetchone()
        return _conversation(row) if row else None

    @translate_errors
    def list_conversations(self) -> list[Conversation]:
        """Every conversation not deleted: pinned first, then most recently active."""
        rows = self._conn.execute(
            "SELECT * FROM conversations WHERE deleted_at IS NULL"
            " ORDER BY pinned DESC, updated_at DESC, id DESC"
        )
        return [_conversation(row) for row in rows]

    def rename(self, conversation_id: int, title: str) -> None:
        """Set a conversation's title."""
        self._set(conversation_id, title=title)

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        """Pin a conversation to the top of the list, or unpin it."""
        self._set(conversation_id, pinned=int(pinned))

    def update_conversation(
        self,
        conversation_id: int,
        *,
        system_prompt: str | _Unset = UNSET,
        model: str | _Unset | None = UNSET,
        settings: ChatSettings | _Unset = UNSET,
    ) -> None:
        """Change only the given fields (model=None means the default model)."""
        changes: dict[str, Any] = {"system_prompt": system_prompt, "model": model}
        if not isinstance(settings, _Unset):
            changes["settings_json"] = _dumps(settings.to_dict())
        self._set(conversation_id, **{k: v for k, v in changes.items() if v is not UNSET})

    def delete_conversation(self, conversation_id: int) -> None:
        """Soft delete: hidden everywhere until restore_conversation or purge_deleted."""
        self._set(conversation_id, deleted_at=self._now())

    def restore_conversation(self, conversation_id: int) -> None:
        """Undo delete_conversation."""
        self._set(conversation_id, deleted_at=None)

    @translate_errors
    def purge_deleted(self) -> int:
        """Remove soft-deleted conversations and their messages for good; return how many."""
        # One statement: the cascade and the index triggers commit together.
        return self._conn.execute("DELETE FROM conversations WHERE deleted_at IS NOT NULL").rowcount

    @translate_errors
    def _set(self, conversation_id: int, **columns: object) -> None:
        if columns:  # keys are column names chosen by this class, never user input
            assignments = ", ".join(f"{name} = ?" for name in columns)
            self._conn.execute(
                f"UPDATE conversations SET {assignments} WHERE id = ?",
                (*columns.values(), conversation_id),
            )

    # Messages

    @translate_errors
    def add_message(
        self,
        conversation_id: int,
        role: Role,
        text: str = "",
        status: MessageStatus = MessageStatus.DONE,
        meta: dict[str, Any] | None = None,
    ) -> Message:
        """Append a message (committed on return) and mark the conversation active."""
        now = self._now()
        message = Message(
            0, conversation_id, Role(role), text, MessageStatus(status), "", now, dict(meta or {})
        )
        with self._transaction() as conn:
            message.id = _insert_message(conn, message)
            conn.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id)
            )
        return message

    @translate_errors
    def update_message(
        self,
        message_id: int,
        *,
        text: str | None = None,
        status: MessageStatus | None = None,
        error: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        """Change the given fields of a message (committed on return)."""
        columns = {
            "text": text,
            "status": MessageStatus(status).value if status is not None else None,
            "error": error,
            "meta_json": _dumps(meta) if meta is not None else None,
        }
        columns = {name: value for name, value in columns.items() if value is not None}
        if columns:
            assignments = ", ".join(f"{name} = ?" for name in columns)
            self._conn.execute(
                f"UPDATE messages SET {assignments} WHERE id = ?", (*columns.values(), message_id)
            )

    @translate_errors
    def messages(self, conversation_id: int) -> list[Message]:
        """A conversation's messages, oldest first."""
        rows = self._conn.execute(
            "SELECT * FROM messages WHERE conversation_id = ? ORDER BY position",
            (conversation_id,),
        )
        return [_message(row) for row in rows]

    @translate_errors
    def message(self, message_id: int) -> Message | None:
        """One message, or None if it does not exist."""
        row = self._conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        return _message(row) if row else None

    @translate_errors
    def delete_message(self, message_id: int) -> None:
        """Delete one message."""
        self._conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))

    @translate_errors
    def delete_messages_from(self, conversation_id: int, message_id: int) -> int:
        """Delete a message and every later one (edit-and-resend, regenerate); return how many."""
        return self._conn.execute(
            "DELETE FROM messages WHERE conversation_id = ? AND position >="
            " (SELECT position FROM messages WHERE id = ? AND conversation_id = ?)",
            (conversation_id, message_id, conversation_id),
        ).rowcount

    @translate_errors
    def recover_interrupted(self) -> int:
        """Mark answers left STREAMING by a killed Maru as INTERRUPTED (call at start-up)."""
        return self._conn.execute(
            "UPDATE messages SET status = ? WHERE status = ?",
            (MessageStatus.INTERRUPTED.value, MessageStatus.STREAMING.value),
        ).rowcount

    # Search

    @translate_errors
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Messages and titles that contain every term of `query` (see history_search)."""
        return history_search.search(self._conn, query, limit)

    # Export and import

    def export_json(self, conversation_id: int) -> dict[str, Any]:
        """The conversation in the versioned JSON format. KeyError if it does not exist."""
        return to_json(*self._whole(conversation_id))

    def export_markdown(self, conversation_id: int) -> str:
        """The conversation as a Markdown transcript. KeyError if it does not exist."""
        return to_markdown(*self._whole(conversation_id))

    def _whole(self, conversation_id: int) -> tuple[Conversation, list[Message]]:
        conversation = self.conversation(conversation_id)
        if conversation is None:
            raise KeyError(conversation_id)
        return conversation, self.messages(conversation_id)

    @translate_errors
    def import_json(self, data: object) -> Conversation:
        """Store exported data as a new conversation with new ids, all or nothing.

        Raises ImportFormatError (from conversation_export) before writing anything.
        """
        imported, messages = from_json(data)
        with self._transaction() as conn:
            conversation_id = conn.execute(
                "INSERT INTO conversations (title, created_at, updated_at, pinned, system_prompt,"
                " model, settings_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    imported.title,
                    imported.created_at,
                    imported.updated_at,
                    int(imported.pinned),
                    imported.system_prompt,
                    imported.model,
                    _dumps(imported.settings.to_dict()),
                ),
            ).lastrowid
            for message in messages:
                status = message.status
                if status == MessageStatus.STREAMING:  # nothing will ever finish it now
                    status = MessageStatus.INTERRUPTED
                _insert_message(
                    conn, replace(message, conversation_id=conversation_id, status=status)
                )
        return replace(imported, id=conversation_id)

    # Presets

    @translate_errors
    def save_preset(self, name: str, settings: ChatSettings, system_prompt: str = "") -> None:
        """Create or replace the preset called `name`."""
        self._conn.execute(
            "INSERT INTO presets (name, settings_json, system_prompt) VALUES (?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET settings_json = excluded.settings_json,"
            " system_prompt = excluded.system_prompt",
            (name, _dumps(settings.to_dict()), system_prompt),
        )

    @translate_errors
    def presets(self) -> dict[str, tuple[ChatSettings, str]]:
        """Every preset by name (sorted): its settings and system prompt."""
        rows = self._conn.execute("SELECT * FROM presets ORDER BY name")
        return {
            row["name"]: (
                ChatSettings.from_dict(load_json_object(row["settings_json"])),
                row["system_prompt"],
            )
            for row in rows
        }

    @translate_errors
    def delete_preset(self, name: str) -> None:
        """Delete a preset (nothing happens if there is none by that name)."""
        self._conn.execute("DELETE FROM presets WHERE name = ?", (name,))


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def load_json_object(text: str) -> dict[str, Any]:
    """A JSON object column; anything unreadable reads as empty (defaults apply)."""
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _insert_message(conn: sqlite3.Connection, message: Message) -> int:
    """Append `message` (its id is ignored) at the end of its conversation; its new id."""
    return conn.execute(
        "INSERT INTO messages (conversation_id, position, role, text, status, error,"
        " created_at, meta_json) VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1"
        " FROM messages WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?)",
        (
            message.conversation_id,
            message.conversation_id,
            message.role.value,
            message.text,
            message.status.value,
            message.error,
            message.created_at,
            _dumps(message.meta),
        ),
    ).lastrowid


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        pinned=bool(row["pinned"]),
        system_prompt=row["system_prompt"],
        model=row["model"],
        settings=ChatSettings.from_dict(load_json_object(row["settings_json"])),
    )


def _message(row: sqlite3.Row) -> Message:
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"],
        role=Role(row["role"]),
        text=row["text"],
        status=MessageStatus(row["status"]),
        error=row["error"],
        created_at=row["created_at"],
        meta=load_json_object(row["meta_json"]),
    )
