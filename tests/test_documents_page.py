"""The documents page over a real DocumentsService: a real index under MARU_HOME, real
extraction in its child process, a real Qt event loop; plus the files model alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from desktop.core.doc_records import FileRecord
from desktop.core.documents import DocErrorKind, FileState, FileStatus, PartKind
from desktop.services.document_files_model import Column, DocumentFilesModel, Role
from desktop.services.documents_service import DocumentsService
from desktop.ui.documents_page import DocumentsPage

WAIT = 60_000  # ms; the first run starts the extraction process


@pytest.fixture
def service():
    documents = DocumentsService(watch=False)
    yield documents
    documents.shutdown()


@pytest.fixture
def page(qtbot, service):
    page = DocumentsPage(service)
    qtbot.addWidget(page)
    return page


def answer_names(monkeypatch, answers: list[str]) -> list[str]:
    """QInputDialog.getText answers these names in turn; returns the prompts it saw."""
    prompts = []

    def get_text(_parent, _title, label, *_args, **_kwargs):
        prompts.append(label)
        return answers.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return prompts


def write_documents(folder: Path) -> Path:
    folder.mkdir()
    (folder / "notes.txt").write_text("The quarterly budget review is on Friday.\n")
    (folder / "회의록.md").write_text("# 회의록\n\n다음 주 월요일에 예산 회의가 있습니다.\n")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def statuses(page: DocumentsPage) -> dict[str, str]:
    """File name -> the Status column's text."""
    model = page.model
    return {model.index(row, Column.NAME).data(): model.index(row, Column.STATUS).data()
            for row in range(model.rowCount())}


def drag(target, paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent]:
    """Drag `paths` onto `target` and drop them there, as the window system would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(5, 5), copy, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(QPointF(5, 5), copy, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return enter, drop


def wait_idle(qtbot, service: DocumentsService) -> None:
    qtbot.waitUntil(lambda: not service.busy, timeout=WAIT)


def test_new_collection_add_a_folder_and_see_each_file(qtbot, page, service, tmp_path,
                                                       monkeypatch):
    assert page.right.currentWidget() is page.empty_label  # no collections yet
    answer_names(monkeypatch, ["Notes"])
    qtbot.mouseClick(page.collections.new_button, Qt.MouseButton.LeftButton)
    assert page.collections.current() == "Notes"
    assert page.right.currentWidget() is not page.empty_label
    folder = write_documents(tmp_path / "docs")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    with qtbot.waitSignal(service.run_finished, timeout=WAIT):
        qtbot.mouseClick(page.add_folder_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, service)
    shown = statuses(page)
    assert shown == {"notes.txt": "Indexed", "회의록.md": "Indexed",
                     "empty.txt": "Failed: the file is empty"}
    model = page.model
    rows = {Path(model.path_at(r)).name: r for r in range(model.rowCount())}
    assert model.index(rows["empty.txt"], 0).data(Role.ERROR) == DocErrorKind.EMPTY
    assert model.index(rows["회의록.md"], 0).data(Role.STATE) == FileState.DONE
    assert int(model.index(rows["회의록.md"], Column.PASSAGES).data()) >= 1
    assert model.index(rows["notes.txt"], Column.NAME).data(Qt.ItemDataRole.ToolTipRole) == str(
        folder / "notes.txt")
    assert page.title.text().startswith("Notes — ")
    assert "2 indexed" in page.summary.text() and "1 failed" in page.summary.text()
    assert not page.progress.isVisible() and not page.cancel_button.isEnabled()
    assert [hit.chunk.path for hit in service.search(["Notes"], "예산 회의")][:1] == [
        str(folder / "회의록.md")]


def test_dropped_files_go_to_a_new_then_to_the_selected_collection(qtbot, page, service,
                                                                   tmp_path, monkeypatch):
    folder = write_documents(tmp_path / "docs")
    prompts = answer_names(monkeypatch, ["Dropped"])
    enter, drop = drag(page, [folder / "notes.txt"])
    assert enter.isAccepted() and drop.isAccepted()
    assert len(prompts) == 1  # no collection yet: the page asked for a name
    wait_idle(qtbot, service)
    assert page.collections.current() == "Dropped"
    assert [Path(r.path).name for r in service.files("Dropped")] == ["notes.txt"]
    other = tmp_path / "more.md"
    other.write_text("# More\n\nAnother note about the budget.\n")
    unsupported = tmp_path / "program.exe"
    unsupported.write_bytes(b"MZ\0\0")
    with qtbot.waitSignal(service.run_finished, timeout=WAIT):
        enter, drop = drag(page.table.viewport(), [other, unsupported])
    assert enter.isAccepted() and drop.isAccepted()
    assert len(prompts) == 1  # it went to the selected collection: no second question
    wait_idle(qtbot, service)
    assert sorted(Path(r.path).name for r in service.files("Dropped")) == ["more.md", "notes.txt"]
    shown = statuses(page)
    assert shown["more.md"] == "Indexed"
    assert shown["program.exe"] == "Failed: not a supported format"  # kept after the reload
    service.create_collection("Empty")
    assert page.select_collection("Empty") and statuses(page) == {}  # nothing carried over
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    enter, _drop = drag(page, [model])
    assert not enter.isAccepted()  # models only: left to the window, which imports them
    assert service.collection("Empty").files == 0 and not service.busy


def test_removing_a_file_the_user_added(qtbot, page, service, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Keep the receipts.\n")
    service.create_collection("Receipts")
    assert page.select_collection("Receipts")
    with qtbot.waitSignal(service.run_finished, timeout=WAIT):
        page.add_paths([str(note)])
    wait_idle(qtbot, service)
    assert statuses(page) == {"note.txt": "Indexed"}
    page.remove_file(str(note))
    assert statuses(page) == {} and service.files("Receipts") == []
    assert note.exists()


def test_name_prompts_refuse_empty_reserved_and_taken_names(qtbot, page, service, monkeypatch):
    service.create_collection("Taken")
    prompts = answer_names(monkeypatch, ["  ", "chat-7", "Taken", "Fresh"])
    assert page.collections.new_collection() == "Fresh"
    assert len(prompts) == 4
    assert "empty" in prompts[1] and "chat-" in prompts[2] and "already" in prompts[3]
    assert page.collections.names() == ["Fresh", "Taken"]
    assert page.collections.current() == "Fresh"


def test_rename_switch_and_delete_a_collection(qtbot, page, service, monkeypatch):
    service.create_collection("Old")
    assert page.collections.current() == "Old" and page.only_sources.isChecked()
    page.only_sources.click()
    assert service.collection("Old").only_from_sources is False
    answer_names(monkeypatch, ["New"])
    qtbot.mouseClick(page.collections.rename_button, Qt.MouseButton.LeftButton)
    assert page.collections.names() == ["New"] and page.collections.current() == "New"
    assert page.title.text().startswith("New — ") and not page.only_sources.isChecked()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a: (
        asked.append(text), QMessageBox.StandardButton.Yes)[1])
    qtbot.mouseClick(page.collections.delete_button, Qt.MouseButton.LeftButton)
    assert "files themselves are not deleted" in asked[0]
    assert service.collections() == [] and page.right.currentWidget() is page.empty_label


def test_cancel_is_enabled_while_indexing(qtbot, page, service, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"note-{i:02}.txt").write_text(f"Note number {i} about nothing much.\n")
    service.create_collection("Many")
    page.select_collection("Many")
    assert not page.cancel_button.isEnabled()
    with qtbot.waitSignal(service.busy_changed, timeout=WAIT,
                          check_params_cb=lambda busy: not busy):
        page.add_paths([str(folder)])
        assert service.busy and page.cancel_button.isEnabled()
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.cancel_button.isEnabled() and not page.progress.isVisible()


def test_get_it_asks_for_the_embedding_model(qtbot, service):
    page = DocumentsPage(service, lambda: None)
    qtbot.addWidget(page)
    page.show()
    assert page.embedding.banner.isVisible() and not page.embedding.semantic.isVisible()
    with qtbot.waitSignal(page.embedding_model_requested, timeout=1000):
        qtbot.mouseClick(page.embedding.get_button, Qt.MouseButton.LeftButton)
    with_model = DocumentsPage(service, lambda: "multilingual-e5-small-q8_0.gguf")
    qtbot.addWidget(with_model)
    with_model.show()
    assert not with_model.embedding.banner.isVisible()
    assert with_model.embedding.semantic.text() == (
        "Semantic search: multilingual-e5-small-q8_0.gguf")


def record(path: str, **fields) -> FileRecord:
    values = dict(id=1, collection_id=1, path=path, size=10, mtime_ns=1, sha256="",
                  state=FileState.DONE, error=None, detail="", part_kind=PartKind.WHOLE,
                  parts=1, chunks=3, flagged=(), indexed_at=0.0)
    values.update(fields)
    return FileRecord(**values)


def test_files_model_words_and_qt_contract(qtmodeltester):
    model = DocumentFilesModel()
    model.set_files([
        record("/d/b.pdf", part_kind=PartKind.PAGE, parts=12, chunks=40, flagged=(3, 7)),
        record("/d/a.pptx", part_kind=PartKind.SLIDE, parts=4),
        record("/d/c.hwpx", state=FileState.FAILED, error=DocErrorKind.ENCRYPTED, chunks=0,
               detail="needs a password"),
    ])
    qtmodeltester.check(model)
    assert [model.path_at(r) for r in range(3)] == ["/d/a.pptx", "/d/b.pdf", "/d/c.hwpx"]
    text = {Path(model.path_at(r)).name: [model.index(r, c).data() for c in Column]
            for r in range(3)}
    assert text["b.pdf"] == ["b.pdf", "Indexed; pages 3, 7 have no text (scanned?)", "40",
                             "12 pages", "/d"]
    assert text["a.pptx"][1:4] == ["Indexed", "3", "4 slides"]
    assert text["c.hwpx"][1:3] == ["Failed: password-protected", ""]
    assert "needs a password" in model.index(2, Column.STATUS).data(
        Qt.ItemDataRole.ToolTipRole)
    model.apply_status(FileStatus("/d/b.pdf", FileState.INDEXING))
    assert model.index(1, Column.STATUS).data() == "Indexing…"
    assert model.index(1, Column.PASSAGES).data() == "40"  # the last reading still counts
    model.apply_status(FileStatus("/d/aa.txt", FileState.QUEUED))
    assert model.row_of("/d/aa.txt") == 1 and model.index(1, Column.STATUS).data() == "Queued"
    model.apply_status(FileStatus("/d/a.pptx", FileState.REMOVED))
    model.apply_status(FileStatus("/d/gone.txt", FileState.REMOVED))  # never listed: no-op
    assert [model.path_at(r) for r in range(model.rowCount())] == [
        "/d/aa.txt", "/d/b.pdf", "/d/c.hwpx"]
    model.apply_status(FileStatus("/d/aa.txt", FileState.UNCHANGED, chunks=2))
    assert model.index(0, Column.STATUS).data() == "Unchanged"
    model.set_files([])
    assert model.rowCount() == 0
