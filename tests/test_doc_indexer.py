"""Incremental indexing of real folders into a real index file."""

import contextlib
import os
import threading
import zlib

import numpy as np
import pytest

from desktop.backends.doc_index import DocIndex
from desktop.backends.doc_indexer import (
    embed_pending,
    file_sha256,
    index_paths,
    scan,
    sync_collection,
)
from desktop.backends.doc_readers import read_document
from desktop.backends.doc_search import search
from desktop.core.documents import (
    DocError,
    DocErrorKind,
    DocFormat,
    DocPart,
    ExtractedDocument,
    FileState,
    PartFlag,
    PartKind,
    format_for,
)
from desktop.core.lexical import index_terms

KOREAN = "계약서를 검토한 결과, 납품 기한은 다음 달 말일로 정해졌다.\n\n담당자는 법무팀이다."
ENGLISH = "# Budget\n\nThe quarterly budget review covers travel and equipment spending."
NESTED = "Meeting notes: the tokenizer migration finished on Tuesday."


class Reader:
    """A stand-in reader for .txt/.md that counts its calls and can be told to fail."""

    def __init__(self):
        self.calls = []
        self.failures = {}  # file name -> exception to raise

    def __call__(self, path):
        self.calls.append(os.path.basename(path))
        if os.path.basename(path) in self.failures:
            raise self.failures[os.path.basename(path)]
        with open(path, encoding="utf-8") as file:
            text = file.read()
        flag = PartFlag.OK if text.strip() else PartFlag.NO_TEXT
        return ExtractedDocument(format_for(path) or DocFormat.TEXT, PartKind.WHOLE,
                                 (DocPart(1, text, flag=flag),))


def fake_embed(texts, dim=64):
    """A deterministic embedding: hashed bag of index terms (Korean bigrams included)."""
    vecs = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        for term in index_terms(text).split():
            vecs[row, zlib.crc32(term.encode()) % dim] += 1.0
    return vecs


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "ko.txt").write_text(KOREAN, encoding="utf-8")
    (root / "en.md").write_text(ENGLISH, encoding="utf-8")
    (root / "sub" / "nested.txt").write_text(NESTED, encoding="utf-8")
    (root / ".hidden.txt").write_text("secret", encoding="utf-8")
    (root / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG")
    with contextlib.suppress(OSError):  # no symlinks without privileges on Windows
        (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    return root


@pytest.fixture
def index(tmp_path):
    with DocIndex(tmp_path / "documents.sqlite3") as opened:
        yield opened


def states(report):
    return {os.path.basename(s.path): s.state for s in report.statuses}


def found(index, query):
    return [os.path.basename(hit.chunk.path) for hit in search(index, ["docs"], query, k=10)]


def set_mtime(path, mtime_ns):
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_scan_keeps_readable_visible_files_once(corpus):
    files = scan([corpus, corpus / "en.md", corpus / "missing.txt"])
    assert files == sorted(files)
    assert [f.relative_to(corpus).as_posix() for f in files] == ["en.md", "ko.txt",
                                                                 "sub/nested.txt"]
    assert all(f.is_absolute() for f in files)


def test_index_then_nothing_to_do(index, corpus):
    reader, seen = Reader(), []
    report = index_paths(index, "docs", [str(corpus)], extract=reader, on_status=seen.append)
    assert states(report) == {"en.md": FileState.DONE, "ko.txt": FileState.DONE,
                              "nested.txt": FileState.DONE}
    assert [s.state for s in seen[:3]] == [FileState.QUEUED] * 3
    assert [s.state for s in seen[3:]] == [FileState.INDEXING, FileState.DONE] * 3
    assert sorted(reader.calls) == ["en.md", "ko.txt", "nested.txt"]
    assert index.collection("docs").roots == (str(corpus),)
    assert found(index, "계약서") == ["ko.txt"]
    assert found(index, "budget") == ["en.md"]

    again = index_paths(index, "docs", [str(corpus)], extract=reader)
    assert set(states(again).values()) == {FileState.UNCHANGED}
    assert len(reader.calls) == 3
    assert all(s.chunks >= 1 for s in again.statuses)


def test_the_real_reader_indexes_the_corpus(index, corpus):
    report = index_paths(index, "docs", [str(corpus)], extract=read_document)
    assert set(states(report).values()) == {FileState.DONE}
    assert found(index, "계약서") == ["ko.txt"]
    assert found(index, "법무팀") == ["ko.txt"]
    hit = search(index, ["docs"], "equipment")[0]
    assert hit.chunk.path == str(corpus / "en.md")
    part = read_document(hit.chunk.path).parts[hit.chunk.part - 1]
    assert index.part_text(hit.chunk.file_id, hit.chunk.part) == part.text
    assert hit.chunk.text == part.text[hit.chunk.start:hit.chunk.end]  # a citable span


def test_changed_content_is_read_again_alone(index, corpus):
    reader = Reader()
    index_paths(index, "docs", [str(corpus)], extract=reader)
    reader.calls.clear()
    (corpus / "en.md").write_text("# Budget\n\nTravel is now frozen.", encoding="utf-8")
    set_mtime(corpus / "en.md", 1_700_000_000_000_000_000)
    report = sync_collection(index, "docs", extract=reader)
    assert reader.calls == ["en.md"]
    assert states(report)["en.md"] is FileState.DONE
    assert found(index, "frozen") == ["en.md"] and found(index, "equipment") == []


def test_a_new_time_with_the_same_content_is_unchanged(index, corpus):
    reader = Reader()
    index_paths(index, "docs", [str(corpus)], extract=reader)
    set_mtime(corpus / "ko.txt", 1_600_000_000_123_456_789)
    report = sync_collection(index, "docs", extract=reader)
    assert len(reader.calls) == 3
    assert states(report)["ko.txt"] is FileState.UNCHANGED
    record = index.file_record("docs", str(corpus / "ko.txt"))
    assert record.mtime_ns == 1_600_000_000_123_456_789
    assert record.sha256 == file_sha256(str(corpus / "ko.txt"))


def test_sync_forgets_deleted_files(index, corpus):
    reader = Reader()
    index_paths(index, "docs", [str(corpus)], extract=reader)
    assert found(index, "tokenizer") == ["nested.txt"]
    (corpus / "sub" / "nested.txt").unlink()
    report = sync_collection(index, "docs", extract=reader)
    assert states(report)["nested.txt"] is FileState.REMOVED
    assert found(index, "tokenizer") == []
    assert index.collection("docs").files == 2


def test_indexing_a_folder_again_forgets_its_deleted_files(index, corpus, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("outside the folder", encoding="utf-8")
    reader = Reader()
    index_paths(index, "docs", [str(corpus), str(other)], extract=reader)
    (corpus / "ko.txt").unlink()
    other.unlink()
    report = index_paths(index, "docs", [str(corpus)], extract=reader)
    assert states(report) == {"ko.txt": FileState.REMOVED, "en.md": FileState.UNCHANGED,
                              "nested.txt": FileState.UNCHANGED}  # other.txt: not asked
    again = index_paths(index, "docs", [str(other)], extract=reader)
    assert states(again) == {"other.txt": FileState.REMOVED}


def test_one_failing_file_fails_alone(index, corpus):
    (corpus / "blank.txt").write_text("   \n", encoding="utf-8")
    (corpus / "weird.txt").write_text("x", encoding="utf-8")
    reader = Reader()
    reader.failures = {"en.md": DocError(DocErrorKind.ENCRYPTED, "password set"),
                       "weird.txt": RuntimeError("reader bug")}
    report = index_paths(index, "docs", [str(corpus)], extract=reader)
    by_name = {os.path.basename(s.path): s for s in report.statuses}
    assert (by_name["en.md"].state, by_name["en.md"].error, by_name["en.md"].detail) == (
        FileState.FAILED, DocErrorKind.ENCRYPTED, "password set")
    assert (by_name["weird.txt"].error, by_name["weird.txt"].detail) == (
        DocErrorKind.CORRUPT, "RuntimeError: reader bug")
    assert by_name["blank.txt"].error is DocErrorKind.NO_TEXT
    assert by_name["ko.txt"].state is FileState.DONE

    reader.calls.clear()  # unchanged failures keep their reason without a new read
    again = {os.path.basename(s.path): s for s in
             sync_collection(index, "docs", extract=reader).statuses}
    assert reader.calls == []
    assert (again["en.md"].state, again["en.md"].error) == (FileState.FAILED,
                                                            DocErrorKind.ENCRYPTED)
    reader.failures.clear()  # a retry reads every file again
    retried = sync_collection(index, "docs", extract=reader, force=True)
    assert len(reader.calls) == 5
    assert states(retried)["en.md"] is FileState.DONE


def test_a_file_that_now_fails_loses_its_old_chunks(index, corpus):
    reader = Reader()
    index_paths(index, "docs", [str(corpus)], extract=reader)
    (corpus / "en.md").write_text("changed", encoding="utf-8")
    reader.failures = {"en.md": DocError(DocErrorKind.CORRUPT)}
    sync_collection(index, "docs", extract=reader)
    assert found(index, "budget") == []


def test_named_paths_that_cannot_be_indexed(index, corpus):
    report = index_paths(index, "docs", [str(corpus / "photo.png"), str(corpus / "nope.txt"),
                                         str(corpus / "ko.txt")], extract=Reader())
    by_name = {os.path.basename(s.path): (s.state, s.error) for s in report.statuses}
    assert by_name == {"photo.png": (FileState.FAILED, DocErrorKind.UNSUPPORTED),
                       "nope.txt": (FileState.FAILED, DocErrorKind.MISSING),
                       "ko.txt": (FileState.DONE, None)}
    assert index.collection("docs").roots == (str(corpus / "ko.txt"),)


def test_cancel_stops_between_files(index, corpus):
    cancel = threading.Event()

    def on_status(status):
        if status.state is FileState.DONE:
            cancel.set()

    report = index_paths(index, "docs", [str(corpus)], extract=Reader(), on_status=on_status,
                         cancel=cancel)
    assert report.cancelled
    assert [s.state for s in report.statuses] == [FileState.DONE]
    assert index.collection("docs").files == 1


def test_embed_pending_embeds_each_chunk_once(index, corpus):
    index_paths(index, "docs", [str(corpus)], extract=Reader())
    collection = index.collection("docs")
    progress = []
    done = embed_pending(index, "docs", embed=fake_embed, model="fake", batch=2,
                         on_progress=lambda d, t: progress.append((d, t)))
    assert done == collection.chunks == index.vector_count(collection.id, "fake")
    assert progress[-1] == (done, done) and len(progress) == (done + 1) // 2
    assert embed_pending(index, "docs", embed=fake_embed, model="fake") == 0
    cancel = threading.Event()
    cancel.set()
    assert embed_pending(index, "docs", embed=fake_embed, model="other", cancel=cancel) == 0
