"""The document index on real SQLite files: collections, files, chunks, FTS, vectors."""

import sqlite3

import numpy as np
import pytest

from desktop.backends import doc_schema
from desktop.backends.doc_index import DocIndex, DocIndexError
from desktop.core.doc_records import CollectionKind
from desktop.core.documents import (
    Chunk,
    DocErrorKind,
    DocFormat,
    DocPart,
    ExtractedDocument,
    FileState,
    PartKind,
)
from desktop.core.lexical import match_expression


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "documents.sqlite3"


@pytest.fixture
def index(db_path):
    with DocIndex(db_path) as opened:
        yield opened


def raw(path, sql, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def document(*texts, part_kind=PartKind.WHOLE):
    parts = tuple(DocPart(n, text) for n, text in enumerate(texts, start=1))
    return ExtractedDocument(DocFormat.TEXT, part_kind, parts)


def store(index, name, path, *texts, heading=""):
    """Store `path` with one chunk per text (each its own part)."""
    doc = document(*texts)
    chunks = [Chunk(n, 0, len(t), t, heading) for n, t in enumerate(texts, start=1)]
    return index.store_file(name, path, 10, 1, "hash-" + path, doc, chunks)


def find(index, name, query, limit=10):
    collection = index.collection(name)
    return [cid for cid, _ in index.lexical([collection.id], match_expression(query), limit)]


def texts(index, ids):
    return [hit.text for hit in index.chunks(ids)]


def test_wal_foreign_keys_and_idempotent_migrations(db_path):
    with DocIndex(db_path) as first:
        first.create_collection("notes")
    with DocIndex(db_path) as again:  # a second open migrates nothing and loses nothing
        assert [c.name for c in again.collections()] == ["notes"]
        assert again._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]
    assert raw(db_path, "PRAGMA user_version") == [(doc_schema.SCHEMA_VERSION,)]


def test_default_path_is_in_the_data_folder(maru_home):
    with DocIndex() as opened:
        assert opened.path == maru_home / "documents.sqlite3"


def test_a_newer_schema_is_refused(db_path):
    DocIndex(db_path).close()
    raw(db_path, f"PRAGMA user_version = {doc_schema.SCHEMA_VERSION + 1}")
    with pytest.raises(DocIndexError):
        DocIndex(db_path)


def test_collections(index):
    index.create_collection("work")
    index.create_collection("chat-7", kind=CollectionKind.CHAT, only_from_sources=False)
    with pytest.raises(ValueError):
        index.create_collection("work")
    index.add_roots("work", ["/docs/a", "/docs/b", "/docs/a"])
    store(index, "work", "/docs/a/x.txt", "one", "two")
    work = index.collection("work")
    assert (work.kind, work.only_from_sources, work.roots) == ("collection", True,
                                                               ("/docs/a", "/docs/b"))
    assert (work.files, work.chunks) == (1, 2)
    assert [c.name for c in index.collections()] == ["work"]
    assert [c.name for c in index.collections(CollectionKind.CHAT)] == ["chat-7"]
    assert [c.name for c in index.collections(None)] == ["chat-7", "work"]
    index.rename_collection("work", "job")
    index.set_only_from_sources("job", False)
    assert index.collection("work") is None
    assert index.collection("job").only_from_sources is False
    with pytest.raises(ValueError):
        index.rename_collection("job", "chat-7")
    with pytest.raises(KeyError):
        index.files("nope")


def test_store_replace_and_remove_keep_fts_in_step(index, db_path):
    index.create_collection("c")
    first = store(index, "c", "/d/report.txt", "quarterly revenue grew", "계약서를 검토했다")
    assert (first.state, first.chunks, first.parts) == (FileState.DONE, 2, 2)
    assert texts(index, find(index, "c", "계약서")) == ["계약서를 검토했다"]
    assert texts(index, find(index, "c", "revenue")) == ["quarterly revenue grew"]

    second = store(index, "c", "/d/report.txt", "annual budget shrank")
    assert second.id == first.id and second.chunks == 1
    assert find(index, "c", "revenue") == [] and find(index, "c", "계약서") == []
    assert texts(index, find(index, "c", "budget")) == ["annual budget shrank"]
    assert raw(db_path, "SELECT COUNT(*) FROM chunks_fts") == [(1,)]

    assert index.remove_file("c", "/d/report.txt") is True
    assert index.remove_file("c", "/d/report.txt") is False
    assert find(index, "c", "budget") == []
    assert raw(db_path, "SELECT COUNT(*) FROM chunks_fts") == [(0,)]
    assert index.integrity_ok()


def test_failure_drops_old_chunks_and_touch_keeps_them(index):
    index.create_collection("c")
    store(index, "c", "/d/a.txt", "alpha beta")
    index.touch_file("c", "/d/a.txt", 99)
    record = index.file_record("c", "/d/a.txt")
    assert (record.mtime_ns, record.chunks) == (99, 1)
    assert find(index, "c", "alpha")

    failed = index.store_failure("c", "/d/a.txt", 5, 6, "h", DocErrorKind.ENCRYPTED, "password")
    assert (failed.state, failed.error, failed.detail, failed.chunks) == (
        FileState.FAILED, DocErrorKind.ENCRYPTED, "password", 0)
    assert find(index, "c", "alpha") == []
    assert index.part_text(failed.id, 1) is None
    status = failed.status()
    assert (status.path, status.state, status.error) == ("/d/a.txt", FileState.FAILED,
                                                         DocErrorKind.ENCRYPTED)


def test_chunks_come_back_in_the_order_asked(index):
    index.create_collection("c")
    store(index, "c", "/d/a.txt", "first", "second", "third", heading="Intro")
    ids = find(index, "c", "first") + find(index, "c", "third") + find(index, "c", "second")
    hits = index.chunks([*ids, 10_000])
    assert [h.text for h in hits] == ["first", "third", "second"]
    assert (hits[1].part, hits[1].start, hits[1].end, hits[1].heading) == (3, 0, 5, "Intro")
    assert hits[1].path == "/d/a.txt" and hits[1].part_kind is PartKind.WHOLE
    assert index.chunk(ids[0]).text == "first" and index.chunk(10_000) is None
    assert index.part_text(hits[1].file_id, 3) == "third"
    assert index.part_text(hits[1].file_id, 4) is None


def test_lexical_stays_within_the_collections_asked(index):
    for name in ("a", "b"):
        index.create_collection(name)
        store(index, name, f"/{name}/x.txt", f"shared word from {name}")
    a, b = index.collection("a"), index.collection("b")
    match = match_expression("shared")
    assert texts(index, [i for i, _ in index.lexical([a.id], match, 10)]) == ["shared word from a"]
    assert len(index.lexical([a.id, b.id], match, 10)) == 2
    assert index.lexical([], match, 10) == []


def test_deleting_a_collection_cascades(index, db_path):
    index.create_collection("gone")
    index.create_collection("kept")
    index.add_roots("gone", ["/g"])
    store(index, "gone", "/g/a.txt", "needle one", "needle two")
    store(index, "kept", "/k/a.txt", "needle three")
    chunk_ids = find(index, "gone", "needle")
    index.put_vectors("m", [(cid, np.ones(4)) for cid in chunk_ids])
    assert index.delete_collection("gone") is True
    assert index.delete_collection("gone") is False
    for table, left in [("roots", 0), ("files", 1), ("parts", 1), ("chunks", 1),
                        ("chunks_fts", 1), ("vectors", 0)]:
        assert raw(db_path, f"SELECT COUNT(*) FROM {table}") == [(left,)], table
    assert texts(index, find(index, "kept", "needle")) == ["needle three"]


def test_removing_a_root_forgets_only_files_no_other_root_covers(index):
    index.create_collection("c")
    index.add_roots("c", ["/docs", "/docs/keep/only.txt", "/other"])
    for path in ("/docs/a.txt", "/docs/keep/only.txt", "/docs-2/b.txt", "/other/c.txt"):
        store(index, "c", path, "text")
    assert index.remove_root("c", "/docs") == 1
    assert [f.path for f in index.files("c")] == ["/docs-2/b.txt", "/docs/keep/only.txt",
                                                 "/other/c.txt"]
    assert index.collection("c").roots == ("/docs/keep/only.txt", "/other")


def random_unit(rng, n, dim):
    vecs = rng.standard_normal((n, dim)).astype(np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def fill(index, name, n, rng, dim=32, model="m"):
    """A collection of `n` one-chunk files with random vectors; {chunk id: vector}."""
    index.create_collection(name)
    for i in range(n):
        store(index, name, f"/{name}/{i}.txt", f"chunk {i}")
    ids = index.pending_vectors(index.collection(name).id, model)
    vecs = random_unit(rng, n, dim)
    index.put_vectors(model, list(zip(ids, vecs, strict=True)))
    return dict(zip(ids, vecs, strict=True))


def brute_force(vectors, query, limit):
    query = query / np.linalg.norm(query)
    scored = sorted(((float(v @ query), cid) for cid, v in vectors.items()), reverse=True)
    return [cid for _, cid in scored[:limit]]


def test_dense_matches_brute_force(index):
    rng = np.random.default_rng(7)
    a = fill(index, "a", 120, rng)
    b = fill(index, "b", 80, rng)
    ids = [index.collection("a").id, index.collection("b").id]
    for _ in range(5):
        query = rng.standard_normal(32)
        found = index.dense(ids[:1], "m", query, 10)
        assert [cid for cid, _ in found] == brute_force(a, query, 10)
        both = index.dense(ids, "m", query, 15)
        assert [cid for cid, _ in both] == brute_force({**a, **b}, query, 15)
        expected = float(a[found[0][0]] @ (query / np.linalg.norm(query)))
        assert found[0][1] == pytest.approx(expected, abs=1e-5)
    assert len(index.dense(ids, "m", rng.standard_normal(32), 1000)) == 200
    assert index.dense(ids, "other-model", rng.standard_normal(32), 10) == []
    with pytest.raises(ValueError):
        index.dense(ids, "m", rng.standard_normal(16), 10)


def test_dense_cache_follows_writes_from_any_connection(index, db_path):
    rng = np.random.default_rng(3)
    vectors = fill(index, "a", 50, rng)
    ids = [index.collection("a").id]
    query = rng.standard_normal(32)
    best = index.dense(ids, "m", query, 1)[0][0]
    worst = brute_force(vectors, -query, 1)[0]
    assert best != worst

    index.put_vectors("m", [(worst, query * 3)])  # same connection
    assert index.dense(ids, "m", query, 1) == [(worst, pytest.approx(1.0))]

    with DocIndex(db_path) as other:  # another connection, as the indexing thread
        other.store_file("a", "/a/0.txt", 1, 2, "new", document("replaced"),
                         [Chunk(1, 0, 8, "replaced")])
        path_of_worst = index.chunk(worst).path
        other.remove_file("a", path_of_worst)
    found = [cid for cid, _ in index.dense(ids, "m", query, 100)]
    assert worst not in found and len(found) == 48

    with DocIndex(db_path) as other:
        assert other.drop_vectors("m") == 48
    assert index.dense(ids, "m", query, 10) == []
    assert not index.has_vectors(ids, "m")


def test_vector_bookkeeping(index):
    rng = np.random.default_rng(1)
    index.create_collection("c")
    store(index, "c", "/c/a.txt", "one", "two", "three")
    cid = index.collection("c").id
    pending = index.pending_vectors(cid, "m")
    assert texts(index, pending) == ["one", "two", "three"]
    index.put_vectors("m", [(pending[0], rng.standard_normal(8))])
    assert index.pending_vectors(cid, "m") == pending[1:]
    assert (index.vector_count(cid, "m"), index.vector_count(cid, "other")) == (1, 0)
    with pytest.raises(ValueError):  # the model's vectors have 8 dimensions
        index.put_vectors("m", [(pending[1], rng.standard_normal(9))])
    index.put_vectors("m", [(99_999, rng.standard_normal(8))])  # a chunk gone: skipped
    assert index.vector_count(cid, "m") == 1
    assert index.dense([cid], "m", rng.standard_normal(8), 1)[0][0] == pending[0]


def test_a_reader_is_not_blocked_by_a_writer_mid_transaction(db_path):
    with DocIndex(db_path) as writer, DocIndex(db_path) as reader:
        writer.create_collection("c")
        store(writer, "c", "/c/a.txt", "committed text")
        with writer._transaction() as conn:  # as store_file is, mid-way
            conn.execute("DELETE FROM files")
            assert texts(reader, find(reader, "c", "committed")) == ["committed text"]
        assert find(reader, "c", "committed") == []
