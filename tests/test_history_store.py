"""The SQLite history store, on real files: schema, CRUD, search, export, errors."""

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace

import pytest

from desktop import paths
from desktop.backends import history_schema
from desktop.backends.history_search import snippet
from desktop.backends.history_store import (
    HistoryError,
    HistoryErrorKind,
    HistoryStore,
    error_kind,
)
from desktop.core.conversation import ChatSettings, MessageStatus, Role
from desktop.core.conversation_export import ImportFormatError
from desktop.core.sampling import Sampling


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "history.sqlite3"


@pytest.fixture
def store(db_path):
    with HistoryStore(db_path) as opened:
        yield opened


def raw(path, sql, params=()):
    """Read the file with a plain, separate sqlite3 connection."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def check_fts(path):
    """FTS5's own check that both indexes match their content tables."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO titles_fts (titles_fts) VALUES ('integrity-check')")
    finally:
        conn.close()


def ids(hits):
    return [(h.conversation_id, h.message_id) for h in hits]


def marked(hit):
    return hit.snippet[hit.match_start : hit.match_start + hit.match_len]


# Schema and file


def test_new_file_gets_every_migration_and_wal(store, db_path):
    assert raw(db_path, "PRAGMA user_version") == [(history_schema.SCHEMA_VERSION,)]
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]
    tables = {name for (name,) in raw(db_path, "SELECT name FROM sqlite_master")}
    assert {"conversations", "messages", "presets", "messages_fts", "titles_fts"} <= tables
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_open_default_uses_the_data_folder(maru_home):
    with HistoryStore.open_default() as store:
        store.create_conversation("x")
    assert (paths.data_dir() / "history.sqlite3").is_file()
    assert paths.data_dir().is_relative_to(maru_home)


def test_reopening_keeps_everything(db_path):
    with HistoryStore(db_path) as store:
        conversation = store.create_conversation("Kept", system_prompt="sys", model="m")
        store.add_message(conversation.id, Role.USER, "hello")
        store.save_preset("p", ChatSettings(max_tokens=5))
        before = (store.list_conversations(), store.messages(conversation.id), store.presets())
    with HistoryStore(db_path) as store:
        after = (store.list_conversations(), store.messages(conversation.id), store.presets())
    assert after == before
    assert before[0][0].title == "Kept"


def test_a_file_from_a_newer_maru_is_refused_and_left_alone(db_path):
    HistoryStore(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(HistoryError) as err:
        HistoryStore(db_path)
    assert err.value.kind == HistoryErrorKind.NEWER_VERSION
    assert raw(db_path, "PRAGMA user_version") == [(99,)]


def test_a_failed_migration_leaves_the_previous_version(db_path, monkeypatch):
    HistoryStore(db_path).close()
    current = history_schema.SCHEMA_VERSION

    def broken_migration(conn):
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(
        history_schema, "MIGRATIONS", [*history_schema.MIGRATIONS, broken_migration]
    )
    monkeypatch.setattr(history_schema, "SCHEMA_VERSION", current + 1)
    with pytest.raises(HistoryError):
        HistoryStore(db_path)
    assert raw(db_path, "PRAGMA user_version") == [(current,)]
    assert raw(db_path, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []


def test_a_corrupt_file_is_reported_as_corrupt(db_path):
    db_path.write_bytes(os.urandom(16384))
    with pytest.raises(HistoryError) as err:
        HistoryStore(db_path)
    assert err.value.kind == HistoryErrorKind.CORRUPT


def test_disk_full_and_read_only_have_their_own_kinds(store):
    conversation = store.create_conversation()
    store._conn.execute("PRAGMA max_page_count = 1")  # now the "disk" is as full as it is
    with pytest.raises(HistoryError) as err:
        store.add_message(conversation.id, Role.USER, "x" * 100_000)
    assert err.value.kind == HistoryErrorKind.DISK_FULL
    assert store.messages(conversation.id) == []  # the failed transaction left nothing
    store._conn.execute("PRAGMA query_only = ON")
    with pytest.raises(HistoryError) as err:
        store.rename(conversation.id, "new")
    assert err.value.kind == HistoryErrorKind.READ_ONLY


def test_error_kind_without_a_result_code():
    assert error_kind(sqlite3.DatabaseError("file is not a database")) == HistoryErrorKind.CORRUPT
    assert error_kind(sqlite3.OperationalError("something else")) == HistoryErrorKind.OTHER


def test_close_twice_and_use_after_close(db_path):
    store = HistoryStore(db_path)
    store.close()
    store.close()
    with pytest.raises(HistoryError):
        store.list_conversations()


# Conversations


def test_create_and_read_a_conversation(store):
    settings = ChatSettings(Sampling(temperature=0.1, seed=3), max_tokens=64)
    created = store.create_conversation("T", "be short", "qwen", settings)
    assert store.conversation(created.id) == created
    assert created.settings == settings and not created.pinned
    assert store.conversation(12345) is None


def test_pinned_first_then_most_recently_active(store):
    a = store.create_conversation("a")
    b = store.create_conversation("b")
    store.create_conversation("c")

    def order():
        return [conversation.title for conversation in store.list_conversations()]

    assert order() == ["c", "b", "a"]
    store.set_pinned(a.id, True)
    assert order() == ["a", "c", "b"]
    store.add_message(b.id, Role.USER, "news")
    assert order() == ["a", "b", "c"]
    store.set_pinned(a.id, False)
    assert order() == ["b", "c", "a"]


def test_rename_and_update_change_only_given_fields(store):
    conversation = store.create_conversation("old", "sys", "model-a")
    store.rename(conversation.id, "new")
    store.update_conversation(conversation.id, settings=ChatSettings(max_tokens=7))
    current = store.conversation(conversation.id)
    assert (current.title, current.system_prompt, current.model) == ("new", "sys", "model-a")
    assert current.settings.max_tokens == 7
    assert current.updated_at == conversation.updated_at  # renaming does not reorder
    store.update_conversation(conversation.id, model=None, system_prompt="")
    current = store.conversation(conversation.id)
    assert (current.model, current.system_prompt, current.settings.max_tokens) == (None, "", 7)


def test_soft_delete_restore_and_purge(store, db_path):
    kept = store.create_conversation("kept")
    gone = store.create_conversation("gone")
    message = store.add_message(gone.id, Role.USER, "text of the gone one")
    store.delete_conversation(gone.id)
    assert store.list_conversations() == [kept]
    assert store.conversation(gone.id) is None
    store.restore_conversation(gone.id)
    assert [c.id for c in store.list_conversations()] == [gone.id, kept.id]
    assert store.purge_deleted() == 0
    store.delete_conversation(gone.id)
    assert store.purge_deleted() == 1
    store.restore_conversation(gone.id)  # too late: nothing to restore
    assert store.list_conversations() == [kept]
    assert store.message(message.id) is None
    assert raw(db_path, "SELECT count(*) FROM messages") == [(0,)]
    check_fts(db_path)


# Messages


def test_messages_in_order_with_all_fields(store):
    conversation = store.create_conversation()
    first = store.add_message(conversation.id, Role.USER, "question")
    second = store.add_message(
        conversation.id, Role.ASSISTANT, "", MessageStatus.STREAMING, meta={"model": "m"}
    )
    store.update_message(second.id, text="answer", status=MessageStatus.FAILED, error="x")
    store.update_message(second.id, meta={"tokens": 3})
    assert store.message(first.id) == first
    assert store.messages(conversation.id) == [
        first,
        replace(second, text="answer", status=MessageStatus.FAILED, error="x", meta={"tokens": 3}),
    ]
    assert store.conversation(conversation.id).updated_at == second.created_at


def test_delete_message_and_delete_messages_from(store):
    conversation = store.create_conversation()
    other = store.create_conversation()
    sent = [store.add_message(conversation.id, Role.USER, f"m{i}") for i in range(5)]
    elsewhere = store.add_message(other.id, Role.USER, "other")
    store.delete_message(sent[4].id)
    assert store.delete_messages_from(conversation.id, elsewhere.id) == 0  # not in it
    assert store.delete_messages_from(conversation.id, sent[1].id) == 3
    assert store.messages(conversation.id) == [sent[0]]
    assert store.messages(other.id) == [elsewhere]
    again = store.add_message(conversation.id, Role.USER, "again")
    assert [m.text for m in store.messages(conversation.id)] == ["m0", "again"]
    assert again.id != sent[0].id


def test_recover_interrupted(db_path):
    with HistoryStore(db_path) as store:
        conversation = store.create_conversation()
        done = store.add_message(conversation.id, Role.USER, "q")
        streaming = store.add_message(
            conversation.id, Role.ASSISTANT, "half", MessageStatus.STREAMING
        )
    with HistoryStore(db_path) as store:
        assert store.recover_interrupted() == 1
        assert store.message(streaming.id).status == MessageStatus.INTERRUPTED
        assert store.message(streaming.id).text == "half"
        assert store.message(done.id) == done
        assert store.recover_interrupted() == 0


READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
row = conn.execute("SELECT text, status FROM messages WHERE id = ?", (int(sys.argv[2]),)).fetchone()
print(repr(row))
"""


def read_in_another_process(path, message_id):
    result = subprocess.run(
        [sys.executable, "-c", READER, str(path), str(message_id)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return result.stdout.strip()


def test_writes_are_committed_when_the_call_returns(store, db_path):
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, Role.USER, "질문")
    assert read_in_another_process(db_path, question.id) == repr(("질문", "done"))
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", MessageStatus.STREAMING)
    store.update_message(answer.id, text="first second of tokens")
    assert read_in_another_process(db_path, answer.id) == repr(
        ("first second of tokens", "streaming")
    )


# Search


@pytest.fixture
def trip(store):
    conversation = store.create_conversation("여행 계획")
    store.add_message(conversation.id, Role.USER, "서울에서 부산까지 어떻게 가요?")
    answer = store.add_message(
        conversation.id, Role.ASSISTANT, "KTX를 타면 The quick brown Fox 2시간 30분 걸립니다."
    )
    return conversation, answer


def test_search_korean_words_inside_particles(store, trip):
    conversation, _ = trip
    question = store.messages(conversation.id)[0]
    for term in ("서울", "부산까지", "서울에서 부산"):
        hits = store.search(term)
        assert ids(hits) == [(conversation.id, question.id)], term
    hit = store.search("부산까지")[0]
    assert marked(hit) == "부산까지" and hit.title == "여행 계획"
    assert marked(store.search("서울")[0]) == "서울"


def test_search_english_case_insensitive_long_and_short_terms(store, trip):
    conversation, answer = trip
    assert ids(store.search("fox")) == [(conversation.id, answer.id)]
    assert marked(store.search("QUICK")[0]) == "quick"
    assert ids(store.search("ktx")) == [(conversation.id, answer.id)]  # 3 chars: trigram
    assert ids(store.search("tx")) == [(conversation.id, answer.id)]  # 2 chars: scan
    assert store.search("wolf") == []


def test_search_title_only_match_has_no_message(store, trip):
    conversation, _ = trip
    hits = store.search("계획")
    assert ids(hits) == [(conversation.id, None)]
    assert hits[0].snippet == "여행 계획" and marked(hits[0]) == "계획"
    assert hits[0].updated_at == store.conversation(conversation.id).updated_at


def test_search_requires_every_term(store, trip):
    conversation, answer = trip
    assert ids(store.search("KTX fox")) == [(conversation.id, answer.id)]
    assert ids(store.search("fox 분")) == [(conversation.id, answer.id)]
    assert store.search("fox 서울") == []  # in two different messages
    assert store.search("fox zebra") == []
    assert store.search("") == store.search("   ") == []


def test_search_newest_first_title_before_messages(store):
    old = store.create_conversation("apple notes")
    old_message = store.add_message(old.id, Role.USER, "apple pie")
    new = store.create_conversation("other")
    first = store.add_message(new.id, Role.USER, "apple one")
    second = store.add_message(new.id, Role.ASSISTANT, "apple two")
    assert ids(store.search("apple")) == [
        (new.id, first.id), (new.id, second.id), (old.id, None), (old.id, old_message.id),
    ]  # fmt: skip
    assert len(store.search("apple", limit=2)) == 2


def test_search_leaves_out_deleted_conversations(store, trip):
    conversation, _ = trip
    store.delete_conversation(conversation.id)
    assert store.search("서울") == store.search("fox") == store.search("계획") == []
    store.restore_conversation(conversation.id)
    assert len(store.search("fox")) == 1


@pytest.mark.parametrize(
    "query",
    ['"', "*", "(", ")", 'a"b', '"fox"', "fox*", "(fox", "NEAR(", "AND", "OR x", "-", ":", "'",
     "^", "%", "_", "\\", "col:umn", '""""'],
)  # fmt: skip
def test_search_special_characters_do_not_raise(store, trip, query):
    assert isinstance(store.search(query), list)


def test_search_special_characters_match_literally(store):
    conversation = store.create_conversation()
    code = store.add_message(conversation.id, Role.USER, 'print("x") * 2 (C++) 100%')
    store.add_message(conversation.id, Role.USER, "nothing special here")
    for query in ['("x")', "(C++)", "*", "%", '"']:
        assert ids(store.search(query)) == [(conversation.id, code.id)], query


def test_search_index_follows_updates_and_deletes(store, db_path):
    conversation = store.create_conversation("first title")
    message = store.add_message(conversation.id, Role.ASSISTANT, "", MessageStatus.STREAMING)
    store.update_message(message.id, text="streaming banana")
    assert ids(store.search("banana")) == [(conversation.id, message.id)]
    store.update_message(message.id, text="streaming cherry", status=MessageStatus.DONE)
    assert store.search("banana") == []
    assert ids(store.search("cherry")) == [(conversation.id, message.id)]
    store.rename(conversation.id, "second title")
    assert store.search("first") == [] and len(store.search("second")) == 1
    check_fts(db_path)
    store.delete_message(message.id)
    assert store.search("cherry") == []
    later = store.add_message(conversation.id, Role.USER, "date and elderberry")
    store.delete_messages_from(conversation.id, later.id)
    assert store.search("elderberry") == []
    check_fts(db_path)


def test_snippet_marks_the_match_in_a_long_text():
    text = "word " * 60 + "the 서울에서 part\n\nof   a long answer " + "more " * 60
    cut, start, length = snippet(text, ["서울"])
    assert cut.startswith("…") and cut.endswith("…")
    assert cut[start : start + length] == "서울"
    assert len(cut) <= 90 and "\n" not in cut and "  " not in cut
    assert snippet("short 서울", ["서울"]) == ("short 서울", 6, 2)


# Export, import


def test_export_import_round_trip(store):
    settings = ChatSettings(Sampling(temperature=0.25, top_k=7, seed=11), max_tokens=300)
    original = store.create_conversation("Round 서울", "sys\nprompt", "qwen", settings)
    store.set_pinned(original.id, True)
    store.add_message(original.id, Role.USER, "질문 one")
    answer = store.add_message(original.id, Role.ASSISTANT, "partial", MessageStatus.STREAMING)
    store.update_message(answer.id, status=MessageStatus.FAILED, error="worker_crashed",
                         meta={"tokens": 5, "tokens_per_s": 12.5, "model": "qwen"})  # fmt: skip
    store.add_message(original.id, Role.ASSISTANT, "stopped", MessageStatus.STOPPED)
    exported = json.loads(json.dumps(store.export_json(original.id)))  # as through a file
    imported = store.import_json(exported)
    assert imported.id != original.id
    assert imported == replace(store.conversation(original.id), id=imported.id)
    assert store.conversation(imported.id) == imported
    assert store.export_json(imported.id) == store.export_json(original.id)
    old_messages, new_messages = store.messages(original.id), store.messages(imported.id)
    assert {m.id for m in old_messages}.isdisjoint(m.id for m in new_messages)
    assert [replace(m, id=0, conversation_id=0) for m in new_messages] == [
        replace(m, id=0, conversation_id=0) for m in old_messages
    ]
    assert "## Maru\n\npartial" in store.export_markdown(imported.id)


def test_import_marks_a_streaming_answer_interrupted(store):
    conversation = store.create_conversation()
    store.add_message(conversation.id, Role.ASSISTANT, "half", MessageStatus.STREAMING)
    imported = store.import_json(store.export_json(conversation.id))
    assert store.messages(imported.id)[0].status == MessageStatus.INTERRUPTED


def test_export_of_a_missing_conversation(store):
    with pytest.raises(KeyError):
        store.export_json(999)
    with pytest.raises(KeyError):
        store.export_markdown(999)


def test_bad_import_changes_nothing(store, db_path):
    conversation = store.create_conversation("keep")
    store.add_message(conversation.id, Role.USER, "hi")
    conversation = store.conversation(conversation.id)
    good = store.export_json(conversation.id)
    before = (
        raw(db_path, "SELECT count(*) FROM conversations"),
        raw(db_path, "SELECT count(*) FROM messages"),
    )
    bad_inputs = [
        "not json at all",
        {**good, "format": "something.else"},
        {**good, "version": 2},
        {**good, "messages": [*good["messages"], {"role": "robot"}]},
        {**good, "messages": [*good["messages"], {**good["messages"][0], "role": "system"}]},
    ]
    for bad in bad_inputs:
        with pytest.raises(ImportFormatError):
            store.import_json(bad)
    after = (
        raw(db_path, "SELECT count(*) FROM conversations"),
        raw(db_path, "SELECT count(*) FROM messages"),
    )
    assert after == before
    assert store.list_conversations() == [conversation]


# Presets


def test_presets_round_trip(store):
    precise = ChatSettings(Sampling(temperature=0.0, seed=1), max_tokens=256)
    creative = ChatSettings(Sampling(temperature=1.2, top_p=0.9))
    store.save_preset("정확", precise, "Answer exactly.")
    store.save_preset("Creative", creative)
    store.save_preset("Brief", ChatSettings())
    assert list(store.presets()) == ["Brief", "Creative", "정확"]
    assert store.presets()["정확"] == (precise, "Answer exactly.")
    store.save_preset("Brief", creative, "Short.")  # upsert
    assert store.presets()["Brief"] == (creative, "Short.")
    store.delete_preset("Brief")
    store.delete_preset("never existed")
    assert list(store.presets()) == ["Creative", "정확"]
