"""SummarizePanel: summaries of pasted text, a file or the current conversation.

The user pastes text or chooses a file (Open file…, or a drop on the editor),
picks a style and a language, and presses Summarize. The service does the work
on the engine's thread; the final summary streams into the output as it is
written. The mode's recent runs are listed on the right; picking one shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.languages import NATIVE_NAMES
from desktop.core.summarize import SummaryOptions, SummaryStyle
from desktop.core.tasks import RunStatus, TaskInput, TaskMode, TaskRun
from desktop.ui import announce
from desktop.ui.task_history_list import TaskHistoryList
from desktop.ui.task_input_box import (
    RunBar,
    TaskInputBox,
    connect_run_controls,
    document_filter,
    language_combo,
)
from desktop.ui.task_text import describe_run_error, fill

if TYPE_CHECKING:
    from desktop.services.task_service import TaskService

_STYLES = (
    (SummaryStyle.ONE_LINE, QT_TRANSLATE_NOOP("SummarizePanel", "One line")),
    (SummaryStyle.KEY_POINTS, QT_TRANSLATE_NOOP("SummarizePanel", "Key points")),
    (SummaryStyle.DETAILED, QT_TRANSLATE_NOOP("SummarizePanel", "Detailed")),
    (SummaryStyle.CUSTOM, QT_TRANSLATE_NOOP("SummarizePanel", "Custom instruction")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SummarizePanel", text)


class SummarizePanel(QWidget):
    """The summarize mode. `current_conversation()` is the open conversation's id, or
    None; it is asked each time the panel is shown and when a run ends."""

    def __init__(self, tasks: TaskService,
                 current_conversation: Callable[[], int | None] = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._current_conversation = current_conversation
        self.input = TaskInputBox(
            self.tr("Paste the text to summarize here, or drop a file on this box."),
            document_filter(), self.tr("Text to summarize"))
        self.run_bar = RunBar(tasks, TaskMode.SUMMARIZE, self.tr("&Summarize"),
                              self.tr("Summarize"))
        self.history = TaskHistoryList()
        self._build()
        self._connect()
        self._on_style_changed()
        self.refresh_conversation()
        self._reload_history(TaskMode.SUMMARIZE.value)

    # ---- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.conversation_button = QPushButton(self.tr("This &conversation"))
        self.conversation_button.setAccessibleName(self.tr("Summarize this conversation"))
        self.style_combo = QComboBox()
        for style, name in _STYLES:
            self.style_combo.addItem(_tr(name), style)
        self.style_combo.setCurrentIndex(1)
        self.style_combo.setAccessibleName(self.tr("Summary style"))
        self.instruction = QLineEdit()
        self.instruction.setPlaceholderText(self.tr("e.g. List the decisions and who owns them"))
        self.instruction.setAccessibleName(self.tr("Custom instruction"))
        self.language_combo = language_combo(self.tr("Same as the text"))
        self.language_combo.setAccessibleName(self.tr("Summary language"))
        self.output = QTextBrowser()
        self.output.setAccessibleName(self.tr("Summary"))
        self.output.setAccessibleDescription(self.tr("The summary, written here as the model "
                                                     "writes it."))
        self.run_info = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the summary"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._main_column())
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def _main_column(self) -> QWidget:
        options = QHBoxLayout()
        style_label = QLabel(self.tr("St&yle:"), buddy=self.style_combo)
        language_label = QLabel(self.tr("&Language:"), buddy=self.language_combo)
        for widget in (style_label, self.style_combo, self.instruction, language_label,
                       self.language_combo):
            options.addWidget(widget, 1 if widget is self.instruction else 0)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.run_info, 1)
        copy_row.addWidget(self.copy_button)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input, 2)
        layout.addWidget(self.conversation_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(options)
        layout.addWidget(self.run_bar)
        layout.addWidget(self.output, 3)
        layout.addLayout(copy_row)
        return column

    def _connect(self) -> None:
        self.style_combo.currentIndexChanged.connect(self._on_style_changed)
        self.run_bar.run_button.clicked.connect(self.summarize)
        self.conversation_button.clicked.connect(self.summarize_conversation)
        self.copy_button.clicked.connect(self._copy)
        self.run_bar.run_started.connect(self._on_started)
        self.run_bar.run_finished.connect(self._on_finished)
        self.run_bar.run_failed.connect(lambda _message: self.refresh_conversation())
        self._tasks.text_streamed.connect(self._on_text)
        self._tasks.running_changed.connect(lambda _running: self.refresh_conversation())
        connect_run_controls(self, self._tasks, self.run_bar, self.history,
                             self._reload_history, self.show_run)

    # ---- public ------------------------------------------------------------------------

    def set_file(self, path: str) -> None:
        """Summarize `path` instead of the pasted text."""
        self.input.set_file(path)

    def options(self) -> SummaryOptions:
        """The options as the controls have them."""
        style = SummaryStyle(self.style_combo.currentData())  # Qt keeps the enum as a str
        return SummaryOptions(style, self.language_combo.currentData(),
                              self.instruction.text().strip())

    def summarize(self) -> bool:
        """Summarize the chosen file, else the text; False when it did not start."""
        source = self.input.source()
        return self.run_bar.start(lambda: self._tasks.summarize(source, self.options()))

    def summarize_conversation(self) -> bool:
        """Summarize the open conversation; False when there is none or it did not start."""
        conversation = self._current_conversation()
        if conversation is None:
            return False
        source = TaskInput(conversation_id=conversation)
        return self.run_bar.start(lambda: self._tasks.summarize(source, self.options()))

    def refresh_conversation(self) -> None:
        """Enable "This conversation" when one is open and no task runs."""
        self.conversation_button.setEnabled(
            self._current_conversation() is not None and not self._tasks.running)

    def showEvent(self, event: object) -> None:
        """The open conversation may have changed while the panel was hidden."""
        self.refresh_conversation()
        super().showEvent(event)

    # ---- runs --------------------------------------------------------------------------

    def _on_style_changed(self) -> None:
        self.instruction.setEnabled(self.style_combo.currentData() == SummaryStyle.CUSTOM)

    def _on_started(self, run: TaskRun) -> None:
        self.history.clear_selection()
        self.output.clear()
        self.run_info.setText(self._describe(run))

    def _on_text(self, text: str) -> None:
        if not self.run_bar.live:
            return
        cursor = QTextCursor(self.output.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)  # appended, never a re-render of the whole summary

    def _on_finished(self, run: TaskRun) -> None:
        self.refresh_conversation()
        if run.status is RunStatus.STOPPED:
            self.run_bar.set_status(self.tr("Stopped; the summary so far is kept."))
        if run.output and run.output != self.output.toPlainText():
            self.output.setPlainText(run.output)
        # Once, for screen readers: the summary streamed in without being read out.
        done = (self.tr("Stopped; the summary so far is kept.")
                if run.status is RunStatus.STOPPED else self.tr("Summary done."))
        announce.announce(self.output, f"{done} {run.output}")

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.output.toPlainText())

    # ---- history -----------------------------------------------------------------------

    def _reload_history(self, mode: str) -> None:
        if mode == TaskMode.SUMMARIZE.value:
            self.history.set_runs(self._tasks.history(TaskMode.SUMMARIZE))

    def show_run(self, run: TaskRun) -> None:
        """Show a past run: its summary, its options and what it read."""
        if self.run_bar.live:
            return  # the running summary stays on screen
        self.output.setPlainText(run.output)
        self.run_info.setText(self._describe(run))
        self.run_bar.clear_error()
        self.run_bar.set_status("")
        if run.status is RunStatus.FAILED:
            self.run_bar.show_error(describe_run_error(run.error), quiet=True)
        elif run.status is RunStatus.STOPPED:
            self.run_bar.set_status(self.tr("Stopped; the summary so far is kept."))

    def _describe(self, run: TaskRun) -> str:
        """"Key points · English · report.pdf" for a run."""
        style = run.options.get("style")
        style_name = next((_tr(name) for s, name in _STYLES if s == style), "")
        code = run.options.get("language") or run.meta.get("language")
        language = NATIVE_NAMES.get(code or "", self.tr("same as the text"))
        source = run.title or self.tr("Conversation")
        return fill(self.tr("%1 · %2 · %3"), style_name, language, source)
