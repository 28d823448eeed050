"""The Settings dialog (Edit ▸ Settings…): built alone over the real PreferencesService and
real settings.json, driven like a user would, plus the v1 -> v2 settings migration."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from desktop import paths, settings
from desktop.core.themes import COLORS
from desktop.services.preferences_service import PreferencesService
from desktop.ui import appearance
from desktop.ui.formatting import size_text
from desktop.ui.settings_dialog import GPU_COUNT, SettingsDialog
from tests.test_data_move import platform_dirs  # noqa: F401

INTERACTIVE = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit)


@pytest.fixture
def preferences():
    service = PreferencesService()
    yield service
    service.shutdown()


@pytest.fixture
def restarts() -> list[int]:
    return []


@pytest.fixture
def chosen() -> list[str]:
    """What the fake folder picker answers next (popped)."""
    return []


@pytest.fixture
def dialog(qtbot, preferences, restarts, chosen):
    def build() -> SettingsDialog:
        built = SettingsDialog(preferences, lambda: ["tiny-llama", "qwen2.5-1.5b"],
                               restart=lambda: restarts.append(1),
                               choose_folder=lambda _parent, _start: chosen.pop(0))
        qtbot.addWidget(built)
        built.show()
        qtbot.waitExposed(built)
        # The caches' size arrives from the worker thread.
        qtbot.waitUntil(lambda: "Measuring" not in built.privacy.cache_note.text())
        return built

    yield build
    appearance.apply_theme("system")  # the application is shared by every test
    appearance.apply_font_size(None)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader calls the widget (a combo box's label comes as a relation)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if isinstance(widget, QComboBox):
        labels = [label.text(QAccessible.Text.Name)
                  for label, _r in iface.relations(QAccessible.RelationFlag.Label)]
        return (widget.accessibleName() or " ".join(labels)).strip()
    return iface.text(QAccessible.Text.Name).strip()


def test_the_dialog_builds_alone_and_every_control_has_a_name(qtbot, dialog):
    built = dialog()
    controls = [w for w in built.findChildren(QWidget)
                if isinstance(w, INTERACTIVE) and w.isVisible()
                and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]
    assert len(controls) >= 12
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in controls if not spoken_name(w)]
    assert unnamed == []
    assert built.privacy.folder.accessibleDescription()  # a text field says what it holds


def test_tab_goes_through_the_sections_in_reading_order(qtbot, dialog):
    built = dialog()
    built.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is built)
    built.language.setFocus()
    privacy = built.privacy
    expected = [built.theme, built.font_system, built.default_model, built.threads,
                built.gpu_mode, privacy.offline, privacy.folder, privacy.clear_button]
    # Skipped: the size and layer count (off while automatic), Move… (MARU_HOME sets the
    # folder in tests), Keep it here and Restart now (hidden until needed).
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_changed_values_are_saved_by_ok_and_the_rest_is_kept(qtbot, dialog):
    settings.save(settings.Settings(window_geometry="AAAA", last_model="tiny-llama",
                                    n_gpu_layers=-1))
    built = dialog()
    assert built.gpu_mode.currentText() == "All layers" and not built.gpu_layers.isEnabled()
    built.language.setCurrentIndex(built.language.findData("ko"))
    built.theme.setCurrentIndex(built.theme.findData("dark"))
    built.font_system.setChecked(False)
    built.font_size.setValue(14)
    built.default_model.setCurrentIndex(built.default_model.findData("qwen2.5-1.5b"))
    built.threads.setValue(6)
    built.gpu_mode.setCurrentIndex(GPU_COUNT)
    assert built.gpu_layers.isEnabled()
    built.gpu_layers.setValue(20)
    built.privacy.offline.setChecked(True)
    qtbot.mouseClick(built.buttons.button(built.buttons.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    saved = settings.load()
    assert (saved.language, saved.theme, saved.font_size, saved.default_model, saved.n_threads,
            saved.n_gpu_layers, saved.offline) == ("ko", "dark", 14, "qwen2.5-1.5b", 6, 20, True)
    assert (saved.window_geometry, saved.last_model) == ("AAAA", "tiny-llama")
    assert json.loads(settings.settings_path().read_text("utf-8"))["version"] == 2


def test_automatic_choices_save_as_none(qtbot, dialog):
    settings.save(settings.Settings(n_threads=3, n_gpu_layers=12, font_size=15))
    built = dialog()
    assert (built.threads.value(), built.gpu_layers.value(), built.font_size.value()) == (
        3, 12, 15)
    built.threads.setValue(0)
    assert built.threads.text() == "Automatic"
    built.gpu_mode.setCurrentIndex(0)
    built.font_system.setChecked(True)
    built.accept()
    saved = settings.load()
    assert (saved.n_threads, saved.n_gpu_layers, saved.font_size) == (None, None, None)


def test_theme_and_text_size_apply_live_and_cancel_puts_them_back(qtbot, dialog):
    built = dialog()
    base = QApplication.font().pointSizeF()
    built.theme.setCurrentIndex(built.theme.findData("dark"))
    window = QApplication.palette().color(QPalette.ColorRole.Window).name()
    assert appearance.current_theme() == "dark" and window == COLORS["dark"]["Window"]
    built.theme.setCurrentIndex(built.theme.findData("light"))
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == (
        COLORS["light"]["Window"])
    built.font_system.setChecked(False)
    built.font_size.setValue(21)
    assert QApplication.font().pointSize() == 21
    built.reject()
    assert QApplication.font().pointSizeF() == base
    assert settings.load().theme == "system" and not settings.settings_path().exists()


def test_a_new_language_says_it_needs_a_restart_and_restart_now_saves(qtbot, dialog,
                                                                     restarts):
    built = dialog()
    assert not built.restart_button.isVisible()
    built.language.setCurrentIndex(built.language.findData("ko"))
    assert built.restart_button.isVisible()
    assert "next time Maru starts" in built.restart_note.text()
    built.language.setCurrentIndex(0)  # back to the system's, as saved: no restart
    assert not built.restart_button.isVisible() and not built.restart_note.isVisible()
    built.language.setCurrentIndex(built.language.findData("ko"))
    qtbot.mouseClick(built.restart_button, Qt.MouseButton.LeftButton)
    assert restarts == [1] and settings.load().language == "ko"
    assert built.result() == built.DialogCode.Accepted


def test_clear_caches_frees_only_the_cache_and_says_how_much(qtbot, dialog, maru_home,
                                                             preferences):
    (paths.ensure(maru_home / "cache" / "gguf-headers") / "h.json").write_bytes(b"x" * 12_345)
    (paths.ensure(maru_home / "models") / "keep.gguf").write_bytes(b"GGUF")
    built = dialog()
    box = built.privacy
    assert size_text(12_345) in box.cache_note.text()
    with qtbot.waitSignal(preferences.caches_cleared):
        qtbot.mouseClick(box.clear_button, Qt.MouseButton.LeftButton)
    assert box.cache_note.text() == f"Freed {size_text(12_345)}."
    assert not (maru_home / "cache" / "gguf-headers" / "h.json").exists()
    assert (maru_home / "models" / "keep.gguf").read_bytes() == b"GGUF"


def test_move_checks_the_folder_and_records_the_move_for_the_next_start(
        qtbot, dialog, chosen, platform_dirs, tmp_path):  # noqa: F811
    (paths.ensure(paths.data_dir() / "models") / "m.gguf").write_bytes(b"GGUF")
    busy, empty = paths.ensure(tmp_path / "busy"), paths.ensure(tmp_path / "empty")
    (busy / "photo.jpg").write_bytes(b"jpeg")
    built = dialog()
    box = built.privacy
    assert box.folder.text() == str(platform_dirs / "user_data_dir")
    chosen.append(str(busy))
    qtbot.mouseClick(box.move_button, Qt.MouseButton.LeftButton)
    assert "not empty" in box.folder_note.text() and box.pending() is None
    assert not built.restart_button.isVisible()
    chosen.append(str(empty))
    qtbot.mouseClick(box.move_button, Qt.MouseButton.LeftButton)
    assert box.pending() == str(empty) and str(empty) in box.folder_note.text()
    assert built.restart_button.isVisible() and box.keep_button.isVisible()
    assert "data folder moves" in built.restart_note.text()
    built.accept()
    assert settings.load().data_dir_pending == str(empty)
    assert paths.data_dir() == platform_dirs / "user_data_dir"  # nothing moved yet
    assert list(empty.iterdir()) == []


def test_the_move_button_is_off_when_maru_home_sets_the_folder(qtbot, dialog, maru_home):
    built = dialog()
    assert built.privacy.folder.text() == str(maru_home)
    assert not built.privacy.move_button.isEnabled()


def test_the_edit_menu_opens_the_dialog_with_ctrl_comma(qtbot, tmp_path):
    from desktop.backends.history_store import HistoryStore
    from desktop.core.protocol import LoadRequest
    from desktop.services.chat_service import ChatService
    from desktop.services.engine_service import EngineService
    from desktop.ui.main_window import MainWindow
    from tests.fake_engine import FakeEngine

    engine = EngineService(FakeEngine())
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx))
        window = MainWindow(chat)
        qtbot.addWidget(window)
        action = window.settings_action
        assert action.shortcut() == QKeySequence("Ctrl+,")
        assert action in window.menuBar().actions()[1].menu().actions()  # the Edit menu
        action.trigger()
        dialog = window.settings_dialog
        assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
        with qtbot.waitSignal(dialog.finished):
            dialog.reject()
        engine.shutdown()


# ---- settings.json versions ------------------------------------------------------------


def test_a_version_1_file_keeps_its_values_and_gets_the_new_defaults(maru_home):
    v1 = {"default_model": "qwen", "last_model": "tiny", "n_ctx": 8192, "n_threads": 4,
          "n_gpu_layers": 0, "flash_attn": True, "embedding_model": None,
          "window_geometry": "AAAA", "window_splitter": None, "version": 1}
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(v1), "utf-8")
    loaded = settings.load()
    assert {k: getattr(loaded, k) for k in v1 if k != "version"} == {
        k: v for k, v in v1.items() if k != "version"}
    new = {f.name for f in dataclasses.fields(settings.Settings)} - set(v1)
    assert new >= {"language", "theme", "font_size", "offline", "first_run_done", "data_dir"}
    assert all(getattr(loaded, k) == getattr(settings.Settings(), k) for k in new)
    assert loaded.version == settings.SETTINGS_VERSION == 2
    settings.save(loaded)
    assert json.loads(path.read_text("utf-8"))["version"] == 2
    assert settings.load() == loaded


def test_a_file_from_a_newer_maru_keeps_the_values_this_one_knows(maru_home):
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 9, "n_ctx": 2048, "theme": "dark", "new": 1}))
    loaded = settings.load()
    assert (loaded.n_ctx, loaded.theme, loaded.version) == (2048, "dark", 2)
