"""The models page through the real stack: real services, the real huggingface_hub
over HTTP to the loopback Hub, real GGUF files, a real Qt event loop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop import paths
from desktop.core.downloads import JobState
from desktop.services.download_service import DownloadService
from desktop.services.models_service import ModelsService
from desktop.ui.models_page import ModelsPage
from tests.hub_server import fake_hub  # noqa: F401
from tests.tiny_gguf import write_tiny_llama

REPO = "maru-test/Tiny-Llama-GGUF"
WAIT = 20_000  # ms; loopback downloads of a few hundred KB take well under a second


@pytest.fixture
def tiny_bytes(tmp_path) -> bytes:
    return write_tiny_llama(tmp_path / "t.gguf").read_bytes()


@pytest.fixture
def page(qtbot):
    models, downloads = ModelsService(), DownloadService()
    page = ModelsPage(models, downloads)
    qtbot.addWidget(page)
    with qtbot.waitSignal(models.installed_changed, timeout=WAIT):
        models.start()
    yield page
    downloads.shutdown()
    models.shutdown()


def search_and_pick(qtbot, page, query: str) -> None:
    view = page.search
    page.tabs.setCurrentWidget(view)
    view.query.setText(query)
    with qtbot.waitSignal(page._models.search_done, timeout=WAIT):
        qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    assert view.results.count() >= 1
    with qtbot.waitSignal(page._models.files_listed, timeout=WAIT):
        view.results.setCurrentRow(0)


def test_search_pick_a_quantization_download_and_see_it_installed(qtbot, page, fake_hub,  # noqa: F811
                                                                  tiny_bytes):
    fake_hub.add_repo(REPO, {"tiny-llama-Q8_0.gguf": tiny_bytes,
                             "tiny-llama-F32.gguf": tiny_bytes + b"\0" * 4096})
    search_and_pick(qtbot, page, "tiny")
    panel = page.search.files
    rows = [panel.table.topLevelItem(i) for i in range(panel.table.topLevelItemCount())]
    assert [r.text(0) for r in rows] == ["Q8_0", "F32"]  # smallest first
    assert all(r.text(3) in ("Runs on the CPU", "Runs fully on the GPU") for r in rows)
    assert "weights" in panel.details.text() and "is free" in panel.details.text()
    downloads = page._downloads
    with qtbot.waitSignal(downloads.finished, timeout=WAIT) as done, \
            qtbot.waitSignal(page._models.installed_changed, timeout=WAIT):
        qtbot.mouseClick(panel.download_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentWidget() is page.downloads
    assert Path(done.args[1]) == paths.models_dir() / "tiny-llama-Q8_0.gguf"
    view = page.downloads
    assert view.table.topLevelItem(0).text(1) == "Installed"
    installed = page.installed.table
    names = [installed.topLevelItem(i).text(0) for i in range(installed.topLevelItemCount())]
    assert "tiny-llama-Q8_0" in names
    row = installed.topLevelItem(names.index("tiny-llama-Q8_0"))
    assert (row.text(1), row.text(2)) == ("F32", "llama")  # what the header says


def test_a_gated_repository_asks_for_a_token_then_downloads(qtbot, page, fake_hub,  # noqa: F811
                                                            tiny_bytes, monkeypatch):
    fake_hub.add_repo(REPO, {"tiny-llama-Q8_0.gguf": tiny_bytes}, gated=True, token="hf_ok")
    asked = []

    def answer(_parent, _title, label, *_args):
        asked.append(label)
        return "hf_ok", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    search_and_pick(qtbot, page, "tiny")
    with qtbot.waitSignal(page._downloads.finished, timeout=WAIT):
        qtbot.mouseClick(page.search.files.download_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and REPO in asked[0]
    assert (paths.config_dir() / "hub-token").stat().st_mode & 0o777 == 0o600


def test_pause_keeps_the_bytes_and_a_restarted_service_resumes(qtbot, fake_hub,  # noqa: F811
                                                               starter_model):
    fake_hub.add_repo(REPO, {starter_model.name: starter_model})
    from desktop.backends import hub_api
    from desktop.core.hub_models import group_variants

    revision, files = hub_api.repo_files(REPO)
    variant = group_variants(REPO, revision, files)[0]
    first = DownloadService()
    file = fake_hub.file(REPO, starter_model.name)
    file.on_sent = (20 * 1024**2, lambda: first.pause(job_id))  # the user presses Pause
    with qtbot.waitSignal(first.job_changed, timeout=WAIT,
                          check_params_cb=lambda j: first.job(j).state is JobState.PAUSED):
        job_id = first.enqueue(variant)
    first.shutdown()
    file.on_sent = None
    second = DownloadService()  # Maru restarted: the queue and the bytes are still there
    job = second.job(job_id)
    assert job.state is JobState.PAUSED and 0 < job.done_bytes < variant.size
    with qtbot.waitSignal(second.finished, timeout=WAIT):
        second.resume(job_id)
    second.shutdown()
    resumed = fake_hub.body_gets(starter_model.name)[-1]
    assert resumed.range == f"bytes={job.done_bytes}-" and resumed.status == 206
    assert (paths.models_dir() / starter_model.name).read_bytes() == starter_model.read_bytes()


def test_a_failed_download_says_why_and_installs_nothing(qtbot, page, fake_hub,  # noqa: F811
                                                         tiny_bytes):
    fake_hub.add_repo(REPO, {"tiny-llama-Q8_0.gguf": tiny_bytes})
    fake_hub.file(REPO, "tiny-llama-Q8_0.gguf").corrupt = True
    search_and_pick(qtbot, page, "tiny")
    with qtbot.waitSignal(page._downloads.failed, timeout=WAIT) as failed:
        qtbot.mouseClick(page.search.files.download_button, Qt.MouseButton.LeftButton)
    assert failed.args[1] == "checksum_mismatch"
    view = page.downloads
    assert view.table.topLevelItem(0).text(1) == "Failed"
    assert view.detail.text().startswith("The downloaded file did not match")
    assert "Download it again" in view.detail.text()
    assert view.table.itemWidget(view.table.topLevelItem(0), 2).value() == 0  # bytes deleted
    assert view.resume_button.isEnabled() and not view.pause_button.isEnabled()
    assert not list(paths.models_dir().glob("*.gguf"))


def test_importing_files_explains_refusals_and_lists_a_linked_model(qtbot, page, tmp_path,
                                                                    tiny_bytes, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, title, text, *_a: warnings.append((title, text)))
    monkeypatch.setattr(ModelsPage, "_ask_link_or_copy", lambda self, _title, _summary: True)
    truncated = tmp_path / "cut.gguf"
    truncated.write_bytes(tiny_bytes[: len(tiny_bytes) // 2])
    not_gguf = tmp_path / "photo.gguf"
    not_gguf.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    good = tmp_path / "good-Q8_0.gguf"
    good.write_bytes(tiny_bytes)
    models = page._models
    for bad in (truncated, not_gguf):
        with qtbot.waitSignal(models.import_checked, timeout=WAIT):
            page.import_paths([str(bad)])
    assert [t for t, _ in warnings] == ["Cannot import cut.gguf", "Cannot import photo.gguf"]
    assert "incomplete" in warnings[0][1] and "not a GGUF" in warnings[1][1]
    with qtbot.waitSignal(models.installed_changed, timeout=WAIT):
        page.import_paths([str(good)])
    table = page.installed.table
    names = [table.topLevelItem(i).text(0) for i in range(table.topLevelItemCount())]
    assert "good-Q8_0" in names
    assert table.topLevelItem(names.index("good-Q8_0")).text(5) == "Linked in place"
    assert good.is_file()  # linked, not moved


def test_catalog_lists_entries_and_estimates_the_fit_of_their_files(qtbot, page, fake_hub,  # noqa: F811
                                                                    tiny_bytes):
    view = page.catalog
    assert view.entries.count() >= 12
    view.filter.setCurrentIndex(view.filter.findData("ko"))
    shown = [view.entries.item(i).text() for i in range(view.entries.count())]
    assert any("EXAONE" in s for s in shown)
    row, entry = next((i, e) for i in range(view.entries.count())
                      if "-of-" not in (e := view.entries.item(i).data(
                          Qt.ItemDataRole.UserRole + 1)).file_for(e.recommended))
    fake_hub.add_repo(entry.repo, {entry.file_for(entry.recommended): tiny_bytes})
    with qtbot.waitSignal(page._models.files_listed, timeout=WAIT):
        view.entries.setCurrentRow(row)
    panel = view.files
    assert panel.table.topLevelItemCount() == 1
    assert panel.table.currentItem().text(0) == entry.recommended
    assert panel.listing.shape is not None, panel.listing
    assert panel.table.currentItem().text(3) != "Not estimated"
    assert panel.download_button.isEnabled()


def test_a_gguf_dropped_on_the_chat_goes_to_the_models_page(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from desktop.backends.history_store import HistoryStore
    from desktop.core.protocol import LoadRequest
    from desktop.services.chat_service import ChatService
    from desktop.services.engine_service import EngineService
    from desktop.ui.main_window import MainWindow
    from tests.fake_engine import FakeEngine

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, *_a: warnings.append(title))
    bad = tmp_path / "notes.gguf"
    bad.write_text("not a model")
    engine = EngineService(FakeEngine())
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
        chat.start()
        models, downloads = ModelsService(), DownloadService()
        window = MainWindow(chat, models=models, downloads=downloads)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        QApplication.processEvents()  # the shortcut map learns the window is active
        qtbot.keyClick(window.chat_page.composer, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.models_page
        assert not window.settings_scroll.isVisible()  # it belongs to the chat page
        window.show_page(0)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(bad))])
        viewport = window.chat_page.composer.viewport()
        enter = QDragEnterEvent(QPointF(5, 5).toPoint(), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, enter)
        with qtbot.waitSignal(models.import_checked, timeout=WAIT):
            QApplication.sendEvent(viewport, QDropEvent(
                QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier))
        assert window.pages.currentWidget() is window.models_page
        assert warnings == ["Cannot import notes.gguf"]
        assert not window.chat_page.notice.isVisible()  # a model is not a document
        downloads.shutdown()
        models.shutdown()
        engine.shutdown()
