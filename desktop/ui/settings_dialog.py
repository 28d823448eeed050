"""SettingsDialog: Maru's preferences (Edit ▸ Settings…), as opposed to one conversation's
settings in the panel on the right.

Three sections: General (language, theme, text size), Models (default model, threads,
GPU layers) and Privacy & data (PrivacyDataBox). OK saves every value at once through
the PreferencesService; Cancel saves nothing. Theme and text size apply live while
the user tries them, and Cancel puts the saved ones back. The language and a data
folder move apply at the next start: the dialog says so and offers "Restart now".
Threads, GPU layers and the default model apply to the next model load.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.preferences_service import PreferencesService
from desktop.settings import Settings
from desktop.ui import appearance
from desktop.ui.localization import LANGUAGES, resolve
from desktop.ui.privacy_data_box import PrivacyDataBox
from desktop.ui.restart import restart_app

THEME_NAMES = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "Same as the system"),
    "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
}
# The GPU layers choice -> Settings.n_gpu_layers (COUNT: the spin box's number).
GPU_AUTO, GPU_CPU, GPU_ALL, GPU_COUNT = range(4)
_GPU_VALUES = {GPU_AUTO: None, GPU_CPU: 0, GPU_ALL: -1}


class SettingsDialog(QDialog):
    """Edits the application settings. `installed_models()` names the models that can be
    the default; `restart()` runs after "Restart now" saved (tests pass fakes), and
    `choose_folder` goes to the PrivacyDataBox."""

    def __init__(self, preferences: PreferencesService,
                 installed_models: Callable[[], list[str]] = list,
                 restart: Callable[[], object] = restart_app,
                 choose_folder: Callable[[QWidget, str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._restart = restart
        self._saved = saved = preferences.settings()
        self.setWindowTitle(self.tr("Settings"))
        self._build_general(saved)
        self._build_models(saved, installed_models())
        self.privacy = PrivacyDataBox(preferences, saved.offline, preferences.pending_move(),
                                      choose_folder)
        self.restart_note = QLabel(wordWrap=True)
        self.restart_button = QPushButton(self.tr("&Restart now"), clicked=self._on_restart)
        self.error = QLabel(wordWrap=True, visible=False)
        appearance.set_status_color(self.error, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.language.currentIndexChanged.connect(self._show_restart)
        self.privacy.pending_changed.connect(self._show_restart)
        self.theme.currentIndexChanged.connect(
            lambda _i: appearance.apply_theme(self.theme.currentData()))
        self.font_system.toggled.connect(self._on_font_changed)
        self.font_size.valueChanged.connect(self._on_font_changed)
        self.gpu_mode.currentIndexChanged.connect(
            lambda i: self.gpu_layers.setEnabled(i == GPU_COUNT))
        self._show_restart()

    # ---- building -------------------------------------------------------------------

    def _build_general(self, saved: Settings) -> None:
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), None)
        for code, name in LANGUAGES:  # each in its own language (never translated)
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(saved.language)))
        self.language.setAccessibleName(self.tr("Language"))
        self.theme = QComboBox()
        for theme in appearance.THEMES:
            self.theme.addItem(QCoreApplication.translate("SettingsDialog", THEME_NAMES[theme]),
                               theme)
        self.theme.setCurrentIndex(max(0, self.theme.findData(saved.theme)))
        self.theme.setAccessibleName(self.tr("Theme"))
        self.font_system = QCheckBox(self.tr("S&ystem size"))
        self.font_system.setChecked(saved.font_size is None)
        self.font_size = QSpinBox(minimum=6, maximum=36, enabled=saved.font_size is not None)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(saved.font_size or round(QApplication.font().pointSizeF()))
        self.font_size.setAccessibleName(self.tr("Text size in points"))
        self.general = QGroupBox(self.tr("General"))
        form = QFormLayout(self.general)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Theme:"), self.theme)
        row = QHBoxLayout()
        row.addWidget(self.font_system)
        row.addWidget(self.font_size)
        row.addStretch(1)
        form.addRow(_buddy(self.tr("Text si&ze:"), self.font_system), row)

    def _build_models(self, saved: Settings, installed: list[str]) -> None:
        self.default_model = QComboBox()
        self.default_model.addItem(self.tr("None: the model used last"), None)
        for name in installed:
            self.default_model.addItem(name, name)
        if saved.default_model and saved.default_model not in installed:
            self.default_model.addItem(self.tr("%1 (not installed)").replace(
                "%1", saved.default_model), saved.default_model)
        self.default_model.setCurrentIndex(max(0, self.default_model.findData(
            saved.default_model)))
        self.default_model.setAccessibleName(self.tr("Default model"))
        self.threads = QSpinBox(minimum=0, maximum=max(256, os.cpu_count() or 1))
        self.threads.setSpecialValueText(self.tr("Automatic"))
        self.threads.setValue(saved.n_threads or 0)
        self.threads.setAccessibleName(self.tr("Threads"))
        self.gpu_mode = QComboBox()
        for text in (self.tr("Automatic (as many as fit)"), self.tr("CPU only"),
                     self.tr("All layers"), self.tr("This many layers:")):
            self.gpu_mode.addItem(text)
        self.gpu_mode.setAccessibleName(self.tr("GPU layers"))
        self.gpu_layers = QSpinBox(minimum=1, maximum=999)
        self.gpu_layers.setAccessibleName(self.tr("Number of GPU layers"))
        layers = saved.n_gpu_layers
        mode = {None: GPU_AUTO, 0: GPU_CPU, -1: GPU_ALL}.get(layers, GPU_COUNT)
        self.gpu_mode.setCurrentIndex(mode)
        self.gpu_layers.setValue(layers if mode == GPU_COUNT and layers > 0 else 32)
        self.gpu_layers.setEnabled(mode == GPU_COUNT)
        self.models = QGroupBox(self.tr("Models"))
        form = QFormLayout(self.models)
        form.addRow(self.tr("&Default model:"), self.default_model)
        row = QHBoxLayout()
        row.addWidget(self.threads)
        row.addStretch(1)
        form.addRow(_buddy(self.tr("T&hreads:"), self.threads), row)
        row = QHBoxLayout()
        row.addWidget(self.gpu_mode)
        row.addWidget(self.gpu_layers)
        row.addStretch(1)
        form.addRow(_buddy(self.tr("&GPU layers:"), self.gpu_mode), row)
        form.addRow(QLabel(self.tr("These apply the next time a model loads."), wordWrap=True))

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        for box in (self.general, self.models, self.privacy):
            layout.addWidget(box)
        restart = QHBoxLayout()
        restart.addWidget(self.restart_note, 1)
        restart.addWidget(self.restart_button)
        layout.addLayout(restart)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        privacy = self.privacy
        order = (self.language, self.theme, self.font_system, self.font_size,
                 self.default_model, self.threads, self.gpu_mode, self.gpu_layers,
                 privacy.offline, privacy.folder, privacy.move_button, privacy.keep_button,
                 privacy.clear_button, self.restart_button, *self.buttons.buttons())
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.setMinimumWidth(520)

    def event(self, event: QEvent) -> bool:
        """After a relayout, grow to fit notes that appeared: Qt does not apply a wrapped
        label's height-for-width to a window's size, so they would be cut off."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.layout() is not None:
            needed = self.layout().totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
        return handled

    # ---- values ---------------------------------------------------------------------

    def value(self) -> Settings:
        """The settings as edited, over what is saved now (so the window's geometry and
        the model used last, which change while the dialog is open, are kept)."""
        mode = self.gpu_mode.currentIndex()
        layers = self.gpu_layers.value() if mode == GPU_COUNT else _GPU_VALUES[mode]
        return dataclasses.replace(
            self._preferences.settings(),
            language=self.language.currentData(), theme=self.theme.currentData(),
            font_size=self._font_points(), default_model=self.default_model.currentData(),
            n_threads=self.threads.value() or None, n_gpu_layers=layers,
            offline=self.privacy.offline.isChecked(), data_dir_pending=self.privacy.pending(),
        )

    def accept(self) -> None:
        """Save, then close; a file that cannot be written keeps the dialog open."""
        if self._save():
            super().accept()

    def reject(self) -> None:
        """Close without saving; the theme and text size go back to the saved ones."""
        appearance.apply_theme(self._saved.theme)
        appearance.apply_font_size(self._saved.font_size)
        super().reject()

    def _save(self) -> bool:
        try:
            self._preferences.save(self.value())
        except OSError as exc:
            self.error.setText(self.tr("The settings could not be saved: %1").replace(
                "%1", str(exc)))
            self.error.show()
            return False
        return True

    # ---- reactions --------------------------------------------------------------------

    def _font_points(self) -> int | None:
        return None if self.font_system.isChecked() else self.font_size.value()

    def _on_font_changed(self, *_args: object) -> None:
        self.font_size.setEnabled(not self.font_system.isChecked())
        appearance.apply_font_size(self._font_points())

    def _show_restart(self, *_args: object) -> None:
        lines = []
        if resolve(self.language.currentData()) != resolve(self._saved.language):
            lines.append(self.tr("The new language applies the next time Maru starts."))
        if self.privacy.pending() is not None:
            lines.append(self.tr("The data folder moves the next time Maru starts."))
        self.restart_note.setText("\n".join(lines))
        self.restart_note.setVisible(bool(lines))
        self.restart_button.setVisible(bool(lines))

    def _on_restart(self) -> None:
        if self._save():
            super().accept()
            self._restart()


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label

