"""What a task reads, and the controls that run it: widgets the task panels share.

TaskInputBox is shared by the summarize, translate and classify panels: a
plain-text editor that takes file drops, an Open file… button, and a file chip
(the file's name and a button to forget it) shown while a file is chosen. A
chosen file is read instead of the text; the text is kept. RunBar holds the
Run and Stop buttons, the progress and the inline error of one mode's runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.languages import LANGUAGES, NATIVE_NAMES
from desktop.core.tasks import Progress, Stage, TaskInput, TaskMode, TaskRun
from desktop.ui import announce, appearance
from desktop.ui.task_text import describe_task_error, fill, progress_text

if TYPE_CHECKING:
    from desktop.services.task_service import TaskService

_DOCUMENT_FILTER = QT_TRANSLATE_NOOP(
    "TaskInputBox",
    "Documents (*.txt *.md *.pdf *.docx *.pptx *.hwpx *.html *.htm);;All files (*)")


def document_filter() -> str:
    """The Open file… filter of the documents a summary or a translation reads."""
    return QCoreApplication.translate("TaskInputBox", _DOCUMENT_FILTER)


def language_combo(first: str | None) -> QComboBox:
    """Maru's languages by their native names (itemData: the code), after an optional
    first item whose data is None."""
    combo = QComboBox()
    if first is not None:
        combo.addItem(first, None)
    for code in LANGUAGES:
        combo.addItem(NATIVE_NAMES[code], code)
    return combo


def _local_file(mime: QMimeData) -> str | None:
    """The first local file a drag carries, or None."""
    if not mime.hasUrls():
        return None
    return next((u.toLocalFile() for u in mime.urls() if u.isLocalFile()), None)


class DropTextEdit(QPlainTextEdit):
    """A plain-text editor that offers a dropped local file through `file_dropped(str)`;
    dragged text is inserted as usual."""

    file_dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a local file; other drags behave as usual."""
        if _local_file(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting a file drag while it moves over the editor."""
        if _local_file(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Offer the dropped file instead of pasting its address."""
        path = _local_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.file_dropped.emit(path)
            return
        super().dropEvent(event)


class TaskInputBox(QWidget):
    """Signals: file_changed(str path): a file was chosen ("" when it was cleared)."""

    file_changed = Signal(str)

    def __init__(self, placeholder: str, file_filter: str, editor_name: str,
                 parent: QWidget | None = None) -> None:
        """`file_filter` is a QFileDialog filter; `editor_name` the editor's accessible name."""
        super().__init__(parent)
        self._path: str | None = None
        self._filter = file_filter
        self.editor = DropTextEdit()
        self.editor.setPlaceholderText(placeholder)
        self.editor.setAccessibleName(editor_name)
        self.editor.setAccessibleDescription(self.tr(
            "Type or paste the text here. A file dropped here or chosen with Open file is "
            "read instead."))
        self.editor.setTabChangesFocus(True)
        self.open_button = QPushButton(self.tr("&Open file…"))
        self.open_button.setAccessibleName(self.tr("Open a file"))
        self.chip = self._build_chip()
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.chip, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addLayout(row)
        self.open_button.clicked.connect(self._pick_file)
        self.editor.file_dropped.connect(self.set_file)
        self.clear_button.clicked.connect(self.clear_file)

    def _build_chip(self) -> QFrame:
        chip = QFrame(visible=False)
        chip.setFrameShape(QFrame.Shape.StyledPanel)
        self.chip_label = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.chip_label.setAccessibleName(self.tr("Chosen file"))
        self.clear_button = QToolButton(text="×")
        self.clear_button.setAccessibleName(self.tr("Stop using this file"))
        self.clear_button.setToolTip(self.tr("Use the text instead of this file"))
        layout = QHBoxLayout(chip)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.chip_label, 1)
        layout.addWidget(self.clear_button)
        return chip

    def path(self) -> str | None:
        """The chosen file, or None (the text is read)."""
        return self._path

    def text(self) -> str:
        """The editor's text."""
        return self.editor.toPlainText()

    def source(self) -> TaskInput:
        """The input of a run: the chosen file, else the text."""
        return TaskInput(path=self._path) if self._path else TaskInput(text=self.text())

    def set_file(self, path: str) -> None:
        """Read `path` instead of the text; shows its chip."""
        self._path = path
        name = PurePath(path).name
        self.chip_label.setText(fill(self.tr("%1 (read instead of the text)"), name))
        self.chip_label.setToolTip(path)
        self.chip.show()
        self.file_changed.emit(path)

    def clear_file(self) -> None:
        """Read the text again."""
        if self._path is None:
            return
        self._path = None
        self.chip.hide()
        self.file_changed.emit("")

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a file"), "", self._filter)
        if path:
            self.set_file(path)


class RunBar(QWidget):
    """Run and Stop buttons, the progress of this panel's runs, and an inline error.

    The task service runs one task at a time for all panels, and its signals
    carry every mode's runs; the bar keeps to the runs of `mode`. `live` is True
    from this mode's `started` until its `finished` or `failed`. Failures come
    without a mode: they are this panel's when a run of `mode` is live, or when
    they come during `start` (the service refuses synchronously).

    Signals: run_started(TaskRun), run_finished(TaskRun), run_failed(str message),
    live_changed(bool): `live` changed.
    """

    live_changed = Signal(bool)
    run_started = Signal(object)
    run_finished = Signal(object)
    run_failed = Signal(str)

    def __init__(self, tasks: TaskService, mode: TaskMode, run_text: str, run_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._mode = mode
        self._asking = False
        self.live = False
        self._busy = bool(tasks.running)
        self.run_button = QPushButton(run_text)
        self.run_button.setAccessibleName(run_name)
        self.run_button.setToolTip(self.tr("Ctrl+Enter"))
        self.stop_button = QPushButton(self.tr("S&top"))
        self.stop_button.setAccessibleName(self.tr("Stop the run"))
        self.progress = QProgressBar(visible=False, textVisible=False)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.status_label = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.status_label.setAccessibleName(self.tr("Status"))
        self.error_label = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True,
                                  visible=False)
        self.error_label.setAccessibleName(self.tr("Error"))
        appearance.set_status_color(self.error_label, "error")
        self._lay_out()
        self.stop_button.clicked.connect(tasks.stop)
        tasks.running_changed.connect(self._on_running_changed)
        tasks.started.connect(self._on_started)
        tasks.progress.connect(self._on_progress)
        tasks.finished.connect(self._on_finished)
        tasks.failed.connect(self._on_failed)
        self._sync()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)

    def start(self, start: Callable[[], bool]) -> bool:
        """Call `start` (one of the service's run methods); False when it was refused
        (the service's `failed` is then shown as this panel's error)."""
        self.clear_error()
        if self._tasks.running:
            self.show_error(self.tr("Another task is running: wait for it or stop it."))
            return False
        self._asking = True
        try:
            return bool(start())
        finally:
            self._asking = False

    def show_error(self, message: str, *, quiet: bool = False) -> None:
        """Show `message` under the buttons (never a dialog), and announce it to screen
        readers unless `quiet` (an old run's error, shown again from the history)."""
        self.error_label.setText(message)
        self.error_label.show()
        if not quiet:
            announce.announce(self, message, assertive=True)

    def clear_error(self) -> None:
        """Hide the error."""
        self.error_label.clear()
        self.error_label.hide()

    def set_status(self, text: str) -> None:
        """The line under the buttons (progress, or how the last run ended)."""
        self.status_label.setText(text)

    def _sync(self) -> None:
        self.run_button.setEnabled(not self._busy)
        self.stop_button.setEnabled(self._busy and self.live)

    def _on_running_changed(self, running: bool) -> None:
        self._busy = running
        self._sync()

    def _on_started(self, run: TaskRun) -> None:
        self._set_live(run.mode is self._mode)
        if self.live:
            self.clear_error()
            self.progress.setRange(0, 0)
            self.progress.show()
            self.set_status("")
            self.run_started.emit(run)
        self._sync()

    def _on_progress(self, progress: Progress) -> None:
        if not self.live:
            return
        counted = progress.stage not in (Stage.READING, Stage.FINAL) and progress.total > 0
        self.progress.setRange(0, progress.total if counted else 0)
        if counted:
            self.progress.setValue(min(progress.done, progress.total))
        self.set_status(progress_text(progress))

    def _on_finished(self, run: TaskRun) -> None:
        if run.mode is not self._mode:
            return
        self._end()
        self.set_status("")
        self.run_finished.emit(run)

    def _on_failed(self, kind: str, detail: str) -> None:
        if not (self.live or self._asking):
            return
        self._end()
        message = describe_task_error(kind, detail)
        self.set_status("")
        self.show_error(message)
        self.run_failed.emit(message)

    def _end(self) -> None:
        self._set_live(False)
        self.progress.hide()
        self._sync()

    def _set_live(self, live: bool) -> None:
        if live != self.live:
            self.live = live
            self.live_changed.emit(live)


def connect_run_controls(panel: QWidget, tasks: object, run_bar: RunBar,
                         history: QWidget, reload_history: Callable[[str], None],
                         show_run: Callable[[object], None]) -> None:
    """What every task panel wires the same way: its history list (reloaded when the
    service says so, disabled while the panel's own run goes, delete through the
    service) and Ctrl+Return for its Run button."""
    tasks.history_changed.connect(reload_history)
    history.run_selected.connect(show_run)
    run_bar.live_changed.connect(lambda live: history.setEnabled(not live))
    history.delete_requested.connect(tasks.delete_run)
    shortcut = QShortcut(QKeySequence("Ctrl+Return"), panel, run_bar.run_button.click)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
