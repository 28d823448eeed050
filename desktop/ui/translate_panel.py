"""TranslatePanel: translations of pasted text or a file, shown side by side.

From (a language, or Detect) -> To, and an optional named glossary. Each
paragraph appears in the table, next to its source, as soon as it is
translated. The language of the pasted text is detected as the user types
(debounced): it is shown, and it picks the default target (English for
Korean text, Korean for anything else) until the user picks one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.languages import NATIVE_NAMES, detect_language
from desktop.core.tasks import RunStatus, TaskError, TaskMode, TaskRun
from desktop.ui import announce
from desktop.ui.glossary_dialog import GlossaryDialog
from desktop.ui.task_history_list import TaskHistoryList
from desktop.ui.task_input_box import (
    RunBar,
    TaskInputBox,
    connect_run_controls,
    document_filter,
    language_combo,
)
from desktop.ui.task_text import describe_run_error, describe_task_error, fill

if TYPE_CHECKING:
    from desktop.services.task_service import TaskService

DETECT_DELAY_MS = 300
_STOPPED = QT_TRANSLATE_NOOP("TranslatePanel", "Stopped; the translation so far is kept.")


class TranslatePanel(QWidget):
    """The translate mode; the table's rows are (source paragraph, translation)."""

    def __init__(self, tasks: TaskService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._output = ""  # the translation of the run shown, once it ended
        self._target_chosen = False  # the user picked "To": no more automatic default
        self._detected: str | None = None  # the pasted text's language
        self.input = TaskInputBox(
            self.tr("Paste the text to translate here, or drop a file on this box."),
            document_filter(),
            self.tr("Text to translate"))
        self.run_bar = RunBar(tasks, TaskMode.TRANSLATE, self.tr("&Translate"),
                              self.tr("Translate"))
        self.history = TaskHistoryList()
        self._detect_timer = QTimer(self, singleShot=True, interval=DETECT_DELAY_MS)
        self._build()
        self._connect()
        self.refresh_glossaries()
        self._detect()
        self._reload_history(TaskMode.TRANSLATE.value)

    # ---- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.from_combo = language_combo(self.tr("Detect"))
        self.from_combo.setAccessibleName(self.tr("Translate from"))
        self.detected_label = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.detected_label.setAccessibleName(self.tr("Detected language"))
        self.to_combo = language_combo(None)
        self.to_combo.setAccessibleName(self.tr("Translate to"))
        self.glossary_combo = QComboBox()
        self.glossary_combo.setAccessibleName(self.tr("Glossary"))
        self.edit_glossary_button = QPushButton(self.tr("&Edit…"))
        self.edit_glossary_button.setAccessibleName(self.tr("Edit the glossary"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Source"), self.tr("Translation")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Source and translation"))
        self.table.setAccessibleDescription(self.tr(
            "Each paragraph of the text next to its translation, added as it is translated."))
        self.copy_button = QPushButton(self.tr("&Copy translation"))
        self.copy_button.setAccessibleName(self.tr("Copy the translation"))
        self.save_button = QPushButton(self.tr("Sa&ve as…"))
        self.save_button.setAccessibleName(self.tr("Save the translation to a file"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._main_column())
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self._sync_output_buttons()

    def _main_column(self) -> QWidget:
        languages = QHBoxLayout()
        for widget in (QLabel(self.tr("&From:"), buddy=self.from_combo), self.from_combo,
                       self.detected_label, QLabel(self.tr("T&o:"), buddy=self.to_combo),
                       self.to_combo, QLabel(self.tr("&Glossary:"), buddy=self.glossary_combo),
                       self.glossary_combo, self.edit_glossary_button):
            languages.addWidget(widget)
        languages.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input, 2)
        layout.addLayout(languages)
        layout.addWidget(self.run_bar)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        return column

    def _connect(self) -> None:
        self.input.editor.textChanged.connect(self._detect_timer.start)
        self.input.file_changed.connect(lambda _path: self._detect())
        self._detect_timer.timeout.connect(self._detect)
        self.from_combo.currentIndexChanged.connect(self._default_target)
        self.to_combo.activated.connect(self._on_target_chosen)
        self.edit_glossary_button.clicked.connect(self.edit_glossary)
        self.run_bar.run_button.clicked.connect(self.translate)
        self.run_bar.run_started.connect(self._on_started)
        self.run_bar.run_finished.connect(self._on_finished)
        self.copy_button.clicked.connect(self._copy)
        self.save_button.clicked.connect(self._save_as)
        self._tasks.segment_done.connect(self._on_segment)
        connect_run_controls(self, self._tasks, self.run_bar, self.history,
                             self._reload_history, self.show_run)

    # ---- public ------------------------------------------------------------------------

    def set_file(self, path: str) -> None:
        """Translate `path` instead of the pasted text."""
        self.input.set_file(path)

    def translate(self) -> bool:
        """Start translating the file or text; False when it did not start."""
        try:
            glossary = self._glossary()
        except (TaskError, OSError) as exc:
            self.run_bar.show_error(self._glossary_error(exc))
            return False
        source = self.input.source()
        target, origin = self.to_combo.currentData(), self.from_combo.currentData()
        return self.run_bar.start(
            lambda: self._tasks.translate(source, target, origin, glossary or None))

    def refresh_glossaries(self, select: str | None = None) -> None:
        """List the saved glossaries again, selecting `select` (else the current one)."""
        current = select or self.glossary_combo.currentData()
        self.glossary_combo.clear()
        self.glossary_combo.addItem(self.tr("None"), None)
        for name in self._tasks.glossaries():
            self.glossary_combo.addItem(name, name)
        self.glossary_combo.setCurrentIndex(max(0, self.glossary_combo.findData(current)))

    def edit_glossary(self) -> GlossaryDialog:
        """Open the glossary editor on the chosen glossary (a new one for None)."""
        dialog = GlossaryDialog(self._tasks, self.glossary_combo.currentData(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.refresh_glossaries(dialog.saved_name))
        dialog.open()
        return dialog

    def output(self) -> str:
        """The translation of the run shown, once it ended ("" before)."""
        return self._output

    # ---- languages and glossary --------------------------------------------------------

    def _detect(self) -> None:
        self._detect_timer.stop()
        code = None if self.input.path() else detect_language(self.input.text())
        self._detected = code
        self.detected_label.setText(
            fill(self.tr("Detected: %1"), NATIVE_NAMES[code]) if code else "")
        self._default_target()

    def _default_target(self) -> None:
        if self._target_chosen:
            return
        source = self.from_combo.currentData() or self._detected
        self.to_combo.setCurrentIndex(self.to_combo.findData("en" if source == "ko" else "ko"))

    def _on_target_chosen(self) -> None:
        self._target_chosen = True

    def _glossary(self) -> object | None:
        """The chosen glossary, or None; raises TaskError or OSError when it cannot be read."""
        name = self.glossary_combo.currentData()
        return None if name is None else self._tasks.load_glossary(name)

    def _glossary_error(self, exc: Exception) -> str:
        if isinstance(exc, TaskError):
            return describe_task_error(exc.kind.value, exc.detail)
        return fill(self.tr("The glossary could not be read: %1"),
                    getattr(exc, "strerror", None) or str(exc))

    # ---- runs --------------------------------------------------------------------------

    def _on_started(self, _run: TaskRun) -> None:
        self.history.clear_selection()
        self.table.setRowCount(0)
        self._output = ""
        self._sync_output_buttons()

    def _on_segment(self, _index: int, source: str, translation: str) -> None:
        if self.run_bar.live:
            self._add_row(source, translation)

    def _add_row(self, source: str, translation: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(source))
        self.table.setItem(row, 1, QTableWidgetItem(translation))
        self.table.resizeRowToContents(row)

    def _on_finished(self, run: TaskRun) -> None:
        self._output = run.output
        self._sync_output_buttons()
        if run.status is RunStatus.STOPPED:
            self.run_bar.set_status(QCoreApplication.translate("TranslatePanel", _STOPPED))
        # Once, for screen readers: the rows came in without being read out.
        done = (QCoreApplication.translate("TranslatePanel", _STOPPED)
                if run.status is RunStatus.STOPPED else self.tr("Translation done."))
        announce.announce(self.table, f"{done} {run.output}")

    def _sync_output_buttons(self) -> None:
        self.copy_button.setEnabled(bool(self._output))
        self.save_button.setEnabled(bool(self._output))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._output)

    def _save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the translation"), self.tr("translation.txt"),
            self.tr("Text (*.txt);;Markdown (*.md);;All files (*)"))
        if not path:
            return
        try:
            Path(path).write_text(self._output, encoding="utf-8")
        except OSError as exc:
            self.run_bar.show_error(fill(self.tr("%1 could not be saved: %2"), path,
                                         exc.strerror or str(exc)))

    # ---- history -----------------------------------------------------------------------

    def _reload_history(self, mode: str) -> None:
        if mode == TaskMode.TRANSLATE.value:
            self.history.set_runs(self._tasks.history(TaskMode.TRANSLATE))

    def show_run(self, run: TaskRun) -> None:
        """Show a past run: its paragraphs side by side."""
        if self.run_bar.live:
            return
        self.table.setRowCount(0)
        for source, translation in run.meta.get("pairs", []):
            self._add_row(source, translation)
        self._output = run.output
        self._sync_output_buttons()
        self.run_bar.clear_error()
        self.run_bar.set_status("")
        if run.status is RunStatus.FAILED:
            self.run_bar.show_error(describe_run_error(run.error), quiet=True)
        elif run.status is RunStatus.STOPPED:
            self.run_bar.set_status(QCoreApplication.translate("TranslatePanel", _STOPPED))
