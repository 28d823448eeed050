"""SettingsPanel: the model picker and the open conversation's settings.

Changes are saved with the conversation half a second after the user stops
typing; Reset goes back to the loaded model's recommended values.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.conversation import ChatSettings, Conversation, model_chat_settings
from desktop.core.protocol import ModelInfo
from desktop.core.sampling import Sampling
from desktop.services.chat_service import ChatService
from desktop.ui.fit_text import fit_reason


def _double(low: float, high: float, step: float, decimals: int = 2) -> QDoubleSpinBox:
    return QDoubleSpinBox(minimum=low, maximum=high, singleStep=step, decimals=decimals)


class SettingsPanel(QWidget):
    """Edits what the chat service holds; never stores anything itself."""

    def __init__(self, chat: ChatService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._model_info: ModelInfo | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=500, timeout=self._save)
        self._build_model_box()
        self._build_prompt_box()
        self._build_sampling_box()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        for box in (self.model_box, self.prompt_box, self.sampling_box):
            layout.addWidget(box)
        layout.addStretch(1)
        chat.conversation_opened.connect(self._save_timer.stop)  # edits belong to the old one
        chat.conversation_opened.connect(self._show_conversation)
        chat.conversation_updated.connect(self._show_conversation)
        chat.model_changed.connect(self._on_model_changed)
        chat.load_progress.connect(self._on_load_progress)
        chat.load_failed.connect(lambda _k, _d: self.progress.hide())
        self.refresh_models()

    # ---- building --------------------------------------------------------------------

    def _build_model_box(self) -> None:
        self.model_box = QGroupBox(self.tr("Model"))
        self.model_combo = QComboBox()
        # A long model name must not widen the panel: the combo elides it instead.
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(16)
        self.model_combo.setAccessibleName(self.tr("Model"))
        self.model_combo.activated.connect(self._on_model_picked)
        self.progress = QProgressBar(maximum=100, visible=False)
        self.progress.setAccessibleName(self.tr("Loading the model"))
        self.model_details = QLabel(wordWrap=True)
        layout = QVBoxLayout(self.model_box)
        for widget in (self.model_combo, self.progress, self.model_details):
            layout.addWidget(widget)

    def _build_prompt_box(self) -> None:
        self.prompt_box = QGroupBox(self.tr("System prompt"))
        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        self.system_prompt.setAccessibleDescription(self.tr(
            "Instructions Maru follows in this conversation, such as a role or how to answer"))
        self.system_prompt.setPlaceholderText(self.tr("How Maru should answer in this "
                                                      "conversation (optional)"))
        self.system_prompt.setTabChangesFocus(True)
        self.system_prompt.setMaximumHeight(110)
        self.system_prompt.textChanged.connect(self._save_timer.start)
        QVBoxLayout(self.prompt_box).addWidget(self.system_prompt)

    def _build_sampling_box(self) -> None:
        self.sampling_box = QGroupBox(self.tr("Sampling"))
        self.temperature = _double(0.0, 2.0, 0.05)
        self.top_p = _double(0.01, 1.0, 0.05)
        self.top_k = QSpinBox(minimum=0, maximum=500)
        self.min_p = _double(0.0, 1.0, 0.01)
        self.repeat_penalty = _double(0.5, 2.0, 0.05)
        self.max_tokens = QSpinBox(minimum=16, maximum=32768, singleStep=256)
        self.n_ctx = QSpinBox(minimum=256, maximum=262144, singleStep=1024)
        self.seed = QSpinBox(minimum=-1, maximum=2**31 - 1)
        self.seed.setSpecialValueText(self.tr("Random"))
        form = QFormLayout()
        rows = ((self.tr("Temperature"), self.temperature), (self.tr("Top P"), self.top_p),
                (self.tr("Top K"), self.top_k), (self.tr("Min P"), self.min_p),
                (self.tr("Repeat penalty"), self.repeat_penalty),
                (self.tr("Max answer tokens"), self.max_tokens),
                (self.tr("Context size"), self.n_ctx), (self.tr("Seed"), self.seed))
        for label, box in rows:
            box.setAccessibleName(label)
            box.valueChanged.connect(self._save_timer.start)
            form.addRow(label, box)
        self.reset_button = QPushButton(self.tr("Reset"), clicked=self.reset_to_model)
        self.reset_button.setToolTip(self.tr("Use the values the model recommends"))
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName(self.tr("Presets"))
        self.preset_combo.activated.connect(self._on_preset_picked)
        save = QPushButton(self.tr("Save as…"), clicked=self._save_preset)
        delete = QPushButton(self.tr("Delete"), clicked=self._delete_preset)
        delete.setAccessibleName(self.tr("Delete preset"))
        presets = QHBoxLayout()
        presets.addWidget(self.preset_combo, 1)
        presets.addWidget(save)
        presets.addWidget(delete)
        layout = QVBoxLayout(self.sampling_box)
        layout.addLayout(form)
        layout.addWidget(self.reset_button)
        layout.addWidget(QLabel(self.tr("Presets")))
        layout.addLayout(presets)
        self._refresh_presets()

    # ---- model -------------------------------------------------------------------------

    def refresh_models(self) -> None:
        """List installed models; the loaded one selected."""
        with QSignalBlocker(self.model_combo):
            self.model_combo.clear()
            for path in self._chat.installed_models():
                self.model_combo.addItem(path.stem, str(path))
            current = self._chat.model_path
            if current is not None:
                index = self.model_combo.findData(current)
                if index < 0:
                    self.model_combo.addItem(Path(current).stem, current)
                    index = self.model_combo.count() - 1
                self.model_combo.setCurrentIndex(index)

    def _on_model_picked(self, index: int) -> None:
        path = self.model_combo.itemData(index)
        if path and path != self._chat.model_path:
            self.progress.setValue(0)
            self.progress.show()
            self._chat.load_model(path)

    def _on_load_progress(self, fraction: float) -> None:
        self.progress.show()
        self.progress.setValue(int(fraction * 100))

    def _on_model_changed(self, info: ModelInfo | None) -> None:
        self._model_info = info
        self.progress.hide()
        self.refresh_models()
        if info is None:
            self.model_details.setText(self.tr("No model loaded."))
            return
        if info.n_gpu_layers:
            device = self.tr("GPU: %1 of %2 layers").replace("%1", str(info.n_gpu_layers)).replace(
                "%2", str(info.n_layers))
        else:
            device = self.tr("CPU, %n thread(s)", "", info.n_threads)
        summary = self.tr("%1 · context %2 tokens").replace("%1", device).replace(
            "%2", str(info.n_ctx))
        reason = fit_reason(info.offload_reason)  # at load, the same words as before download
        self.model_details.setText(f"{summary}\n{reason}" if reason else summary)

    # ---- conversation settings ---------------------------------------------------------------

    def _show_conversation(self, conversation: Conversation | None) -> None:
        if conversation is None:
            return
        s = conversation.settings
        values = ((self.temperature, s.sampling.temperature), (self.top_p, s.sampling.top_p),
                  (self.top_k, s.sampling.top_k), (self.min_p, s.sampling.min_p),
                  (self.repeat_penalty, s.sampling.repeat_penalty),
                  (self.max_tokens, s.max_tokens), (self.n_ctx, s.n_ctx),
                  (self.seed, -1 if s.sampling.seed is None else s.sampling.seed))
        for box, value in values:
            with QSignalBlocker(box):
                box.setValue(value)
        if self.system_prompt.toPlainText() != conversation.system_prompt:
            with QSignalBlocker(self.system_prompt):
                self.system_prompt.setPlainText(conversation.system_prompt)

    def current_settings(self) -> ChatSettings:
        """What the form says."""
        seed = self.seed.value()
        sampling = Sampling(
            temperature=self.temperature.value(), top_p=self.top_p.value(),
            top_k=self.top_k.value(), min_p=self.min_p.value(),
            repeat_penalty=self.repeat_penalty.value(), seed=None if seed < 0 else seed)
        return ChatSettings(sampling, self.max_tokens.value(), self.n_ctx.value())

    def _save(self) -> None:
        self._chat.update_settings(system_prompt=self.system_prompt.toPlainText(),
                                   settings=self.current_settings())

    def reset_to_model(self) -> None:
        """The loaded model's recommended sampling (Maru's defaults where it has none)."""
        info = self._model_info
        defaults = model_chat_settings(info.sampling_defaults if info else {},
                                       ChatSettings().n_ctx)
        self._chat.update_settings(settings=defaults)

    # ---- presets -------------------------------------------------------------------------------

    def _refresh_presets(self) -> None:
        with QSignalBlocker(self.preset_combo):
            self.preset_combo.clear()
            self.preset_combo.addItem(self.tr("Choose a preset…"), None)
            for name in self._chat.presets():
                self.preset_combo.addItem(name, name)

    def _on_preset_picked(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name:
            self._chat.apply_preset(name)

    def _save_preset(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save preset"), self.tr("Preset name:"))
        if ok and name.strip():
            self._save_timer.stop()
            self._save()
            self._chat.save_preset(name)
            self._refresh_presets()
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(name.strip()))

    def _delete_preset(self) -> None:
        name = self.preset_combo.currentData()
        if name:
            self._chat.delete_preset(name)
            self._refresh_presets()
