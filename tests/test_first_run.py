"""The first-run guide, Help → Getting started and Help → About Maru."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import desktop
from desktop import app as app_module
from desktop import paths
from desktop import settings as settings_mod
from desktop.backends.history_store import HistoryStore
from desktop.backends.starter_model import STARTER_MODEL_FILE
from desktop.core.protocol import LoadRequest
from desktop.services.chat_service import ChatService
from desktop.services.engine_service import EngineService
from desktop.ui import about_box, restart
from desktop.ui.first_run_dialog import FirstRunDialog
from desktop.ui.formatting import size_text
from desktop.ui.localization import LANGUAGES
from desktop.ui.main_window import MainWindow
from tests.fake_engine import FakeEngine

WAIT = 5000


@pytest.fixture
def starter(tmp_path, monkeypatch) -> Path:
    """A stand-in starter model (the real one is 98 MB) in the bundled folder."""
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    model = bundled / STARTER_MODEL_FILE
    model.write_bytes(b"\0" * 123_456)
    monkeypatch.setattr(paths, "bundled_models_dir", lambda: bundled)
    return model


@pytest.fixture
def chat(qtbot, tmp_path):
    engine = EngineService(FakeEngine())
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        service = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
        service.start()
        yield service
        engine.shutdown()


def test_the_guide_names_the_model_its_size_and_where_data_lives(qtbot, tmp_path):
    dialog = FirstRunDialog(None, ("SmolLM2-135M-Instruct-Q4_1", 98_000_000), tmp_path)
    qtbot.addWidget(dialog)
    text = dialog.model_text.text()
    assert "SmolLM2-135M-Instruct-Q4_1" in text and size_text(98_000_000) in text
    assert "nothing you type leaves it" in text
    assert dialog.data_path.text() == str(tmp_path)
    combo = dialog.language_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [
        None, *(code for code, _name in LANGUAGES)]
    assert combo.currentData() is None and dialog.language_label.buddy() is combo
    no_model = FirstRunDialog("ko", None, tmp_path)
    qtbot.addWidget(no_model)
    assert "No model is installed yet" in no_model.model_text.text()
    assert no_model.language_combo.currentData() == "ko"


def test_choosing_a_language_says_when_it_applies_and_offers_a_restart(qtbot, tmp_path):
    restarts = []
    dialog = FirstRunDialog("en", None, tmp_path, restart=lambda: restarts.append(1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restart_button.isVisible()
    with qtbot.waitSignal(dialog.language_chosen, timeout=WAIT) as chosen:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ko"))
    assert chosen.args == ["ko"]
    assert dialog.language_note.isVisible() and dialog.restart_button.isVisible()
    assert "next time Maru starts" in dialog.language_note.text()
    qtbot.mouseClick(dialog.restart_button, Qt.MouseButton.LeftButton)
    assert restarts == [1]
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert not dialog.restart_button.isVisible()  # back to what runs now


def test_the_catalog_button_asks_for_the_catalog_and_closes(qtbot, tmp_path):
    dialog = FirstRunDialog(None, None, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.catalog_requested, timeout=WAIT):
        qtbot.mouseClick(dialog.catalog_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted and not dialog.isVisible()


def test_the_apps_guide_saves_the_language_at_once_and_that_it_was_seen(qtbot, starter):
    assert settings_mod.load().first_run_done is False
    dialog = app_module.first_run_guide(None)
    qtbot.addWidget(dialog)
    assert "SmolLM2-135M-Instruct-Q4_1" in dialog.model_text.text()
    assert size_text(123_456) in dialog.model_text.text()
    assert dialog.data_path.text() == str(paths.data_dir())
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ko"))
    assert settings_mod.load().language == "ko"
    assert settings_mod.load().first_run_done is False
    dialog.open()
    dialog.accept()
    assert settings_mod.load().first_run_done is True


def test_help_getting_started_opens_the_guide_once_without_blocking(qtbot, chat, starter):
    window = MainWindow(chat, guide=app_module.first_run_guide)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    actions = {a.text(): a for a in window.menuBar().actions()}
    help_actions = [a.text() for a in actions["&Help"].menu().actions()]
    assert help_actions == ["&Getting started", "&About Maru"]
    window.show_guide()  # what start-up does when first_run_done is False
    guide = window.findChild(FirstRunDialog)
    assert guide is not None and guide.isVisible()
    assert guide.windowModality() == Qt.WindowModality.WindowModal
    actions["&Help"].menu().actions()[0].trigger()
    assert len(window.findChildren(FirstRunDialog)) == 1  # raised, not opened twice
    guide.reject()
    qtbot.waitUntil(lambda: not window.findChildren(FirstRunDialog), timeout=WAIT)
    assert settings_mod.load().first_run_done is True


def test_without_a_guide_help_has_only_about(qtbot, chat):
    window = MainWindow(chat)
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.text() for a in help_menu.actions()] == ["&About Maru"]
    window.show_guide()  # nothing to show: nothing happens
    assert window.findChild(FirstRunDialog) is None


def test_about_names_the_version_and_that_nothing_leaves(qtbot):
    text = about_box.about_text()
    assert desktop.__version__ in text
    assert "No telemetry; nothing leaves this computer except downloads you ask for." in text
    box = about_box.show_about(None)
    qtbot.addWidget(box)
    assert box.isVisible() and box.windowTitle() == "About Maru"
    box.button(QMessageBox.StandardButton.Close).click()
    assert not box.isVisible()


def test_restart_runs_maru_again_the_way_it_was_started(monkeypatch):
    import sys
    monkeypatch.setattr(sys, "argv", ["/venv/bin/maru", "--flag"])
    monkeypatch.setattr(sys.modules["__main__"], "__spec__", None, raising=False)
    assert restart.restart_command() == (sys.executable, ["/venv/bin/maru", "--flag"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert restart.restart_command() == (sys.executable, ["--flag"])
