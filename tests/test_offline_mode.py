"""Offline mode: with the setting on, nothing touches the network, and the user is told why."""

from __future__ import annotations

import dataclasses
import socket

import pytest
from PySide6.QtCore import Qt

from desktop import settings
from desktop.core.downloads import JobState
from desktop.core.hub_models import HubFile, ModelVariant
from desktop.services.download_service import DownloadService
from desktop.services.models_service import ModelsService
from desktop.ui.models_page import ModelsPage
from tests.hub_server import fake_hub  # noqa: F401

WAIT = 20_000
OFFLINE_TEXT = "Offline mode is on. Turn it off in Settings to search the Hub or download."


@pytest.fixture
def listener(monkeypatch):
    """A loopback socket that HF_ENDPOINT points at; nothing ever accepts on it, so any
    connection attempt waits in its backlog, where the test finds it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{sock.getsockname()[1]}")
    yield sock
    sock.close()


def connections(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _addr = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def set_offline(on: bool) -> None:
    settings.save(dataclasses.replace(settings.load(), offline=on))


@pytest.fixture
def models(qtbot):
    service = ModelsService()
    yield service
    service.shutdown()


def test_offline_search_and_file_listing_fail_without_a_connection(qtbot, listener, models):
    set_offline(True)
    for start, operation in ((lambda: models.search("qwen"), "search"),
                             (lambda: models.list_files("alice/Model-GGUF"), "files")):
        with qtbot.waitSignal(models.failed, timeout=WAIT) as failed:
            start()
        assert failed.args[:2] == [operation, "offline_mode"]
    assert connections(listener) == 0


def test_offline_download_fails_with_its_kind_and_no_connection(qtbot, listener, tmp_path):
    set_offline(True)
    variant = ModelVariant("alice/Model-GGUF", "a" * 40, "Q4_K_M",
                           (HubFile("model-Q4_K_M.gguf", 1000, "b" * 64),))
    downloads = DownloadService()
    try:
        with qtbot.waitSignal(downloads.failed, timeout=WAIT) as failed:
            job_id = downloads.enqueue(variant)
        assert failed.args[:2] == [job_id, "offline_mode"]
        assert downloads.job(job_id).state is JobState.FAILED
    finally:
        downloads.shutdown()
    assert connections(listener) == 0


def test_the_search_page_says_offline_mode_and_turning_it_off_applies_at_once(
        qtbot, models, fake_hub):  # noqa: F811
    fake_hub.add_repo("maru-test/Tiny-GGUF", {"tiny-Q8_0.gguf": b"GGUF" + b"\0" * 100})
    downloads = DownloadService()
    page = ModelsPage(models, downloads)
    qtbot.addWidget(page)
    view = page.search
    page.tabs.setCurrentWidget(view)
    set_offline(True)
    view.query.setText("tiny")
    with qtbot.waitSignal(models.failed, timeout=WAIT):
        qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    assert view.status.text() == OFFLINE_TEXT
    assert fake_hub.log == []
    set_offline(False)  # no restart: the next search reads the setting
    with qtbot.waitSignal(models.search_done, timeout=WAIT):
        qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    assert view.results.count() == 1
    downloads.shutdown()
