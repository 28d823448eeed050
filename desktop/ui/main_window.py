"""Maru's main window, plain for now: one conversation, a composer, stop.

The chat window (issue 3) replaces the transcript with a message list; this
shell already shows the pattern: the window only draws and dispatches to the
EngineService it is given.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.protocol import Done, LoadRequest, ModelInfo
from desktop.services.engine_service import EngineService


class MainWindow(QMainWindow):
    """Shows the conversation and sends the composer's text to the engine."""

    def __init__(self, engine: EngineService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._messages: list[dict[str, str]] = []
        self._answer = ""
        self._generating = False  # a message may be sent while a model loads: it queues
        self._model_label = ""
        self.setWindowTitle(self.tr("Maru"))
        self.resize(820, 640)
        self._build()
        engine.load_progress.connect(self._on_load_progress)
        engine.model_loaded.connect(self._on_model_loaded)
        engine.text_streamed.connect(self._on_text_streamed)
        engine.answer_finished.connect(self._on_answer_finished)
        engine.failed.connect(self._on_failed)
        engine.busy_changed.connect(self._on_busy_changed)

    def _build(self) -> None:
        self.transcript = QPlainTextEdit(readOnly=True)
        self.transcript.setAccessibleName(self.tr("Conversation"))
        self.transcript.setPlaceholderText(self.tr("Your conversation appears here."))
        self.composer = QLineEdit(placeholderText=self.tr("Ask anything, then press Enter"))
        self.composer.setAccessibleName(self.tr("Message"))
        self.composer.returnPressed.connect(self.send)
        self.send_button = QPushButton(self.tr("Send"), clicked=self.send)
        self.stop_button = QPushButton(self.tr("Stop"), clicked=self._engine.stop, enabled=False)
        self.progress = QProgressBar(maximum=100, visible=False)
        self.status = QLabel(self.tr("No model loaded"))
        row = QHBoxLayout()
        row.addWidget(self.composer, 1)
        row.addWidget(self.send_button)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout()
        layout.addWidget(self.transcript, 1)
        layout.addLayout(row)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.stop_action = QAction(self.tr("Stop answer"), self, triggered=self._engine.stop)
        self.stop_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.stop_action)

    def load_model(self, request: LoadRequest) -> None:
        """Ask the engine to load a model; progress shows in the status bar."""
        self.status.setText(self.tr("Loading model…"))
        self.progress.setValue(0)
        self.progress.show()
        self._engine.load_model(request)

    def show_no_model(self) -> None:
        """Say that no model is installed and how to get one."""
        self.status.setText(self.tr("No model installed: run 'make setup' or add a .gguf file "
                                    "to the models folder."))

    @Slot()
    def send(self) -> None:
        """Send the composer's text as the next user message."""
        text = self.composer.text().strip()
        if not text or self._generating:
            return
        self._generating = True
        self.composer.clear()
        self._messages.append({"role": "user", "content": text})
        self.transcript.appendPlainText(self.tr("You: ") + text + "\n")
        self.transcript.appendPlainText(self.tr("Maru: "))
        self._answer = ""
        self._engine.ask(list(self._messages))

    def _on_load_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def _on_model_loaded(self, info: ModelInfo) -> None:
        self.progress.hide()
        self._model_label = self.tr("%1 on %2").replace("%1", info.name).replace(
            "%2", info.device)
        self.status.setText(self._model_label)

    def _on_text_streamed(self, text: str) -> None:
        self._answer += text
        cursor = self.transcript.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(text)
        self.transcript.setTextCursor(cursor)

    def _on_answer_finished(self, done: Done) -> None:
        self._generating = False
        self._messages.append({"role": "assistant", "content": self._answer})
        self.transcript.appendPlainText("")
        self.status.setText(self.tr("%1 · %2 tokens/s").replace("%1", self._model_label).replace(
            "%2", f"{done.tokens_per_second:.1f}"))

    def _on_failed(self, kind: str, detail: str) -> None:
        self._generating = False
        self.progress.hide()
        self.transcript.appendPlainText(self.tr("Error: ") + f"{kind}: {detail}\n")
        self.status.setText(self.tr("Something went wrong; see the conversation."))

    def _on_busy_changed(self, busy: bool) -> None:
        self.stop_button.setEnabled(busy)
        self.send_button.setEnabled(not busy)
