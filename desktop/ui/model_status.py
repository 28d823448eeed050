"""ModelStatus: the status bar's permanent fields: the model and where it runs, the
loading bar, the last answer's speed and how full the context is."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from desktop.core.protocol import Done, ModelInfo
from desktop.services.chat_service import ChatService
from desktop.ui import appearance, error_text
from desktop.ui.fit_text import fit_reason
from desktop.ui.formatting import number_text


class ModelStatus(QObject):
    """Adds its fields to `bar` and keeps them current from `chat`'s signals (GUI thread).
    A failed load is also said for a while in the bar's message area."""

    def __init__(self, chat: ChatService, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar = bar
        self._skipped_message = ""  # what startup_model_skipped() said, while it is shown
        self.model_label = QLabel(self.tr("No model loaded"))
        self.speed_label = QLabel()
        self.context_label = QLabel()
        self.load_bar = QProgressBar(maximum=100, visible=False, maximumWidth=160)
        self.load_bar.setAccessibleName(self.tr("Loading the model"))
        for label in (self.model_label, self.speed_label, self.context_label):
            label.setContentsMargins(12, 0, 6, 0)  # room between the fields
        for widget in (self.load_bar, self.model_label, self.speed_label, self.context_label):
            bar.addPermanentWidget(widget)
        chat.model_changed.connect(self._on_model_changed)
        chat.load_progress.connect(self._on_load_progress)
        chat.load_failed.connect(self._on_load_failed)
        chat.answer_done.connect(self._on_answer_done)
        chat.context_changed.connect(self._on_context_changed)

    def _on_model_changed(self, info: ModelInfo | None) -> None:
        self.load_bar.hide()
        if info is not None and self._bar.currentMessage() == self._skipped_message:
            self._bar.clearMessage()  # a model loaded: the start-up note no longer applies
        if info is None:
            self.model_label.setText(self.tr("No model loaded"))
            self.speed_label.clear()  # the last answer's figures no longer apply
            self.context_label.clear()
            return
        device = (self.tr("GPU %1/%2 layers").replace("%1", str(info.n_gpu_layers)).replace(
            "%2", str(info.n_layers)) if info.n_gpu_layers else self.tr("CPU"))
        self.model_label.setText(f"{info.name} · {device}")
        self.model_label.setToolTip(fit_reason(info.offload_reason))
        self.context_label.setText(self.tr("Context: %1 tokens").replace(
            "%1", number_text(info.n_ctx)))

    def startup_model_skipped(self, name: str) -> None:
        """Say that the start-up model `name` was not opened because its last load never
        finished (it crashed or froze Maru): the message stays until the next one."""
        self.model_label.setText(self.tr("No model loaded"))
        self._skipped_message = self.tr(
            "Maru did not open %1 by itself: the last time it was loaded, loading never "
            "finished (the model may have crashed Maru). Pick it in the panel on the right "
            "to try again.").replace("%1", name)
        self._bar.showMessage(self._skipped_message)

    def _on_load_progress(self, fraction: float) -> None:
        self.load_bar.show()
        self.load_bar.setValue(int(fraction * 100))
        self.model_label.setText(self.tr("Loading the model…"))

    def _on_load_failed(self, kind: str, detail: str) -> None:
        self.load_bar.hide()
        happened, todo = error_text.describe(kind)
        self.model_label.setText(self.tr("No model loaded"))
        self._bar.showMessage(f"{happened} {todo} ({detail})", 15000)

    def _on_answer_done(self, done: Done) -> None:
        if done.completion_tokens:
            self.speed_label.setText(self.tr("%1 tokens/s").replace(
                "%1", number_text(done.tokens_per_second, 1)))

    def _on_context_changed(self, used: int, available: int, dropped: int) -> None:
        text = self.tr("Context: %1 / %2").replace("%1", number_text(used)).replace(
            "%2", number_text(available))
        if dropped:
            text += " " + self.tr("(oldest %n message(s) left out)", "", dropped)
        self.context_label.setText(text)
        appearance.set_status_color(self.context_label, "warning" if dropped else None)
