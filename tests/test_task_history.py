"""Task runs in the real history file: kept, updated, listed, recovered, migrated."""

from __future__ import annotations

import sqlite3

from desktop.backends import history_schema
from desktop.backends.history_store import HistoryStore
from desktop.backends.task_history import TaskHistory
from desktop.core.tasks import RunStatus, TaskMode


def test_a_run_is_kept_updated_and_listed_newest_first(tmp_path):
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        runs = TaskHistory(store)
        first = runs.add(TaskMode.SUMMARIZE, "report.pdf", input_path="/x/report.pdf",
                         options={"style": "key-points"})
        second = runs.add(TaskMode.SUMMARIZE, "pasted", input_text="긴 글")
        runs.add(TaskMode.CLASSIFY, "reviews.csv")
        runs.update(first.id, status=RunStatus.DONE, output="- 요점", meta={"parts": 3})
        listed = runs.list(TaskMode.SUMMARIZE)
        assert [r.id for r in listed] == [second.id, first.id]
        done = runs.get(first.id)
        assert done.status is RunStatus.DONE and done.output == "- 요점"
        assert done.meta == {"parts": 3} and done.options == {"style": "key-points"}
        runs.delete(second.id)
        assert runs.get(second.id) is None
        assert len(runs.list()) == 2


def test_runs_left_running_by_a_killed_app_become_stopped(tmp_path):
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        run = TaskHistory(store).add(TaskMode.TRANSLATE, "notes.md")
        TaskHistory(store).update(run.id, output="half of it")
    with HistoryStore(path) as store:
        runs = TaskHistory(store)
        assert runs.recover_interrupted() == 1
        kept = runs.get(run.id)
        assert kept.status is RunStatus.STOPPED and kept.output == "half of it"


def test_a_version_1_history_gains_task_runs_and_keeps_its_conversations(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    history_schema.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO conversations (title, created_at, updated_at) "
                 "VALUES ('old chat', 1, 1)")
    conn.close()
    with HistoryStore(path) as store:
        assert [c.title for c in store.list_conversations()] == ["old chat"]
        assert TaskHistory(store).add(TaskMode.CLASSIFY, "x").id == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (history_schema.SCHEMA_VERSION,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
