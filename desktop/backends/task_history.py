"""Task runs in the history file: what was asked, with which options, and what
came out. Shares the HistoryStore's connection and raises HistoryError like it."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from desktop.backends.history_store import HistoryStore, load_json_object, translate_errors
from desktop.core.tasks import RunStatus, TaskMode, TaskRun

_COLUMNS = {"status", "title", "output", "meta", "error"}


class TaskHistory:
    """Adds, updates, lists and deletes task runs."""

    def __init__(self, store: HistoryStore) -> None:
        self._conn = store.connection
        self._now = store.now

    @translate_errors
    def add(self, mode: TaskMode, title: str, input_text: str = "", input_path: str = "",
            options: dict[str, Any] | None = None) -> TaskRun:
        """A new run, RUNNING."""
        now = self._now()
        cursor = self._conn.execute(
            "INSERT INTO task_runs (mode, title, status, created_at, input_text, input_path,"
            " options_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (mode.value, title, RunStatus.RUNNING.value, now, input_text, input_path,
             json.dumps(options or {}, ensure_ascii=False)),
        )
        return TaskRun(cursor.lastrowid, mode, title, RunStatus.RUNNING, now, input_text,
                       input_path, dict(options or {}))

    @translate_errors
    def update(self, run_id: int, **changes: object) -> None:
        """Set some of: status, title, output, meta (a dict), error."""
        unknown = set(changes) - _COLUMNS
        if unknown:
            raise ValueError(f"unknown task run fields: {sorted(unknown)}")
        columns, values = [], []
        for name, value in changes.items():
            if name == "meta":
                name, value = "meta_json", json.dumps(value, ensure_ascii=False)
            elif isinstance(value, RunStatus):
                value = value.value
            columns.append(f"{name} = ?")
            values.append(value)
        self._conn.execute(f"UPDATE task_runs SET {', '.join(columns)} WHERE id = ?",
                           (*values, run_id))

    @translate_errors
    def get(self, run_id: int) -> TaskRun | None:
        """The run, or None."""
        row = self._conn.execute("SELECT * FROM task_runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    @translate_errors
    def list(self, mode: TaskMode | None = None, limit: int = 200) -> list[TaskRun]:
        """Newest first."""
        if mode is None:
            rows = self._conn.execute(
                "SELECT * FROM task_runs ORDER BY created_at DESC LIMIT ?", (limit,))
        else:
            rows = self._conn.execute(
                "SELECT * FROM task_runs WHERE mode = ? ORDER BY created_at DESC LIMIT ?",
                (mode.value, limit))
        return [_run(row) for row in rows]

    @translate_errors
    def delete(self, run_id: int) -> None:
        """Forget a run."""
        self._conn.execute("DELETE FROM task_runs WHERE id = ?", (run_id,))

    @translate_errors
    def recover_interrupted(self) -> int:
        """Runs left RUNNING by a killed Maru become STOPPED (their saved part is kept)."""
        return self._conn.execute(
            "UPDATE task_runs SET status = ? WHERE status = ?",
            (RunStatus.STOPPED.value, RunStatus.RUNNING.value)).rowcount


def _run(row: sqlite3.Row) -> TaskRun:
    return TaskRun(
        row["id"], TaskMode(row["mode"]), row["title"], RunStatus(row["status"]),
        row["created_at"], row["input_text"], row["input_path"],
        load_json_object(row["options_json"]), row["output"],
        load_json_object(row["meta_json"]), row["error"],
    )

