"""ClassifyPanel: sort items (lines, or a file's column) into the user's labels.

Labels come from a preset or the user (one per line, "name: description"),
with optional few-shot examples ("text => label"). Results arrive item by item
into a table (ResultsTableModel) with the chosen label and its probability; a
finished run can be exported as CSV next to the file's original columns.
"""

from __future__ import annotations

import csv
import re
from enum import IntEnum
from pathlib import PurePath
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.classify import (
    PRESETS,
    ClassifyOptions,
    Example,
    ItemResult,
    parse_labels,
    validate_options,
)
from desktop.core.tasks import RunStatus, TaskError, TaskMode, TaskRun
from desktop.ui import announce
from desktop.ui.task_history_list import TaskHistoryList
from desktop.ui.task_input_box import RunBar, TaskInputBox, connect_run_controls
from desktop.ui.task_text import describe_run_error, describe_task_error, fill

if TYPE_CHECKING:
    from desktop.services.task_service import TaskService

_CONTEXT = "ClassifyPanel"
_PRESET_NAMES = {
    "sentiment": QT_TRANSLATE_NOOP("ClassifyPanel", "Sentiment"),
    "spam": QT_TRANSLATE_NOOP("ClassifyPanel", "Spam or not"),
    "topic": QT_TRANSLATE_NOOP("ClassifyPanel", "Topic"),
    "language": QT_TRANSLATE_NOOP("ClassifyPanel", "Language"),
}
_HEADERS = (QT_TRANSLATE_NOOP("ClassifyPanel", "#"), QT_TRANSLATE_NOOP("ClassifyPanel", "Text"),
            QT_TRANSLATE_NOOP("ClassifyPanel", "Label"),
            QT_TRANSLATE_NOOP("ClassifyPanel", "Confidence"))
_TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_HEADER_CHARS = 64_000  # the header line of a table, read to list its columns
_ARROW = "=>"
_COMMAS = re.compile("[,，、]")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _percent(p: float) -> str:
    return f"{p:.0%}"


class Column(IntEnum):
    """The results table's columns."""

    NUMBER = 0
    TEXT = 1
    LABEL = 2
    CONFIDENCE = 3


class ResultsTableModel(QAbstractTableModel):
    """Classified items, one row each, in arrival order. The tooltip of a row lists
    every label's probability."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemResult] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """The number of items (0 under any parent: a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """The four columns (0 under any parent)."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column names."""
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(_HEADERS)):
            return _tr(_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Display text, tooltips and alignment of a cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(result, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{name}: {_percent(p)}" for name, p in result.probabilities.items())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.NUMBER,
                                                                   Column.CONFIDENCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(result: ItemResult, column: Column) -> str:
        if column is Column.NUMBER:
            return str(result.index + 1)
        if column is Column.TEXT:
            return " ".join(result.text.split())
        if column is Column.LABEL:
            return ", ".join(result.labels) or QCoreApplication.translate("ClassifyPanel", "(none)")
        return ", ".join(_percent(result.probabilities.get(name, 0.0)) for name in result.labels)

    def add(self, result: ItemResult) -> None:
        """Append one item's result."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(result)
        self.endInsertRows()

    def set_results(self, results: list[ItemResult]) -> None:
        """Show these results instead."""
        self.beginResetModel()
        self._rows = list(results)
        self.endResetModel()

    def result(self, row: int) -> ItemResult:
        """The result shown on `row`."""
        return self._rows[row]


def results_from_meta(rows: list[dict]) -> list[ItemResult]:
    """Results as a run's meta keeps them ({"index", "text", "labels", "probabilities"})."""
    return [ItemResult(int(r["index"]), r["text"], tuple(r["labels"]), dict(r["probabilities"]))
            for r in rows]


class _BadExampleLine(ValueError):
    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _parse_examples(text: str) -> tuple[Example, ...]:
    """Examples from lines "text => label" or "text => label1, label2" (blank lines
    skipped); raises _BadExampleLine with the 1-based number of a line that is not."""
    examples = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item, arrow, labels = line.rpartition(_ARROW)
        names = tuple(name.strip() for name in _COMMAS.split(labels) if name.strip())
        if not arrow or not item.strip() or not names:
            raise _BadExampleLine(number)
        examples.append(Example(item.strip(), names))
    return tuple(examples)


def _table_header(path: str) -> list[str]:
    """The column names of a CSV/TSV file's first line ([] when it cannot be read)."""
    delimiter = _TABLE_SUFFIXES[PurePath(path).suffix.lower()]
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as file:
            line = file.readline(_HEADER_CHARS)
    except OSError:
        return []
    names = next(csv.reader([line], delimiter=delimiter), [])
    return [name.strip() for name in names if name.strip()]


class ClassifyPanel(QWidget):
    """The classify mode: labels and examples on the left, items and results on the right."""

    def __init__(self, tasks: TaskService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._shown: TaskRun | None = None  # the ended run whose results are shown
        self.model = ResultsTableModel(self)
        self.items = TaskInputBox(
            self.tr("Items to classify, one per line; or open a CSV, TSV, JSONL or text file."),
            self.tr("Items (*.csv *.tsv *.jsonl *.ndjson *.txt);;All files (*)"),
            self.tr("Items to classify"))
        self.run_bar = RunBar(tasks, TaskMode.CLASSIFY, self.tr("&Classify"),
                              self.tr("Classify"))
        self.history = TaskHistoryList()
        self._build()
        self._connect()
        self._on_file_changed("")
        self._reload_history(TaskMode.CLASSIFY.value)

    # ---- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("Custom"), None)
        for key in PRESETS:
            self.preset_combo.addItem(_tr(_PRESET_NAMES.get(key, key)), key)
        self.preset_combo.setAccessibleName(self.tr("Preset"))
        self.labels_edit = QPlainTextEdit()
        self.labels_edit.setPlaceholderText(
            self.tr("One label per line; add ': description' to explain it"))
        self.labels_edit.setAccessibleName(self.tr("Labels"))
        self.labels_edit.setAccessibleDescription(
            self.tr("One label per line; add ': description' to explain it"))
        self.labels_edit.setTabChangesFocus(True)
        self.multi_check = QCheckBox(self.tr("&Multi-label: an item may have several labels, "
                                             "or none"))
        self.multi_check.setAccessibleName(self.tr("Multi-label"))
        self.examples_edit = QPlainTextEdit()
        self.examples_edit.setPlaceholderText(
            self.tr("Optional examples, one per line: text => label (or label1, label2)"))
        self.examples_edit.setAccessibleName(self.tr("Examples"))
        self.examples_edit.setAccessibleDescription(
            self.tr("Optional examples, one per line: text => label (or label1, label2)"))
        self.examples_edit.setTabChangesFocus(True)
        self.column_combo = QComboBox()
        self.column_combo.setAccessibleName(self.tr("Column of the items"))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Results"))
        self.table.setAccessibleDescription(self.tr(
            "Each item with its label and how sure the model is, added as items are sorted."))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export the results as CSV"))
        self.export_button.setEnabled(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._options_column())
        splitter.addWidget(self._items_column())
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def _options_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("&Preset:"), buddy=self.preset_combo))
        layout.addWidget(self.preset_combo)
        layout.addWidget(QLabel(self.tr("&Labels:"), buddy=self.labels_edit))
        layout.addWidget(self.labels_edit, 2)
        layout.addWidget(self.multi_check)
        layout.addWidget(QLabel(self.tr("E&xamples:"), buddy=self.examples_edit))
        layout.addWidget(self.examples_edit, 1)
        layout.addWidget(self.history, 2)
        return column

    def _items_column(self) -> QWidget:
        columns = QHBoxLayout()
        columns.addWidget(QLabel(self.tr("Col&umn:"), buddy=self.column_combo))
        columns.addWidget(self.column_combo, 1)
        export = QHBoxLayout()
        export.addStretch(1)
        export.addWidget(self.export_button)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items, 2)
        layout.addLayout(columns)
        layout.addWidget(self.run_bar)
        layout.addWidget(self.table, 3)
        layout.addLayout(export)
        return column

    def _connect(self) -> None:
        self.preset_combo.activated.connect(lambda _i: self.apply_preset(
            self.preset_combo.currentData()))
        self.items.file_changed.connect(self._on_file_changed)
        self.run_bar.run_button.clicked.connect(self.classify)
        self.run_bar.run_started.connect(self._on_started)
        self.run_bar.run_finished.connect(self._show_ended)
        self.run_bar.run_finished.connect(self._announce_end)
        self.export_button.clicked.connect(self.export_csv)
        self._tasks.item_done.connect(self._on_item)
        connect_run_controls(self, self._tasks, self.run_bar, self.history,
                             self._reload_history, self.show_run)

    # ---- public ------------------------------------------------------------------------

    def set_file(self, path: str) -> None:
        """Classify the items of `path` instead of the pasted lines."""
        self.items.set_file(path)

    def apply_preset(self, key: str | None) -> None:
        """Fill the labels and examples from PRESETS[key] (None: leave them)."""
        preset = PRESETS.get(key) if key else None
        if preset is None:
            return
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(key))
        self.labels_edit.setPlainText("\n".join(
            f"{label.name}: {label.description}" if label.description else label.name
            for label in preset.labels))
        self.examples_edit.setPlainText("\n".join(
            f"{' '.join(e.text.split())} {_ARROW} {', '.join(e.labels)}"
            for e in preset.examples))
        self.multi_check.setChecked(preset.multi)

    def options(self) -> ClassifyOptions:
        """The options as the editors have them; raises TaskError, or _BadExampleLine."""
        labels = parse_labels(self.labels_edit.toPlainText())
        examples = _parse_examples(self.examples_edit.toPlainText())
        options = ClassifyOptions(labels, self.multi_check.isChecked(), examples)
        validate_options(options)
        return options

    def column(self) -> str | None:
        """The column (CSV/TSV) or key (JSONL) of the items; None: Maru picks."""
        if not self.column_combo.isEnabled():
            return None
        if self.column_combo.isEditable():
            return self.column_combo.currentText().strip() or None
        return self.column_combo.currentData()

    def classify(self) -> bool:
        """Start classifying; False (an inline error) when the options are wrong or the
        service refused."""
        self.run_bar.clear_error()
        try:
            options = self.options()
        except TaskError as exc:
            self.run_bar.show_error(describe_task_error(exc.kind.value, exc.detail))
            return False
        except _BadExampleLine as exc:
            self.run_bar.show_error(fill(self.tr(
                "Example line %1 needs the form: text => label"), exc.number))
            return False
        source, column = self.items.source(), self.column()
        return self.run_bar.start(lambda: self._tasks.classify(source, options, column))

    def export_csv(self) -> bool:
        """Ask where, and write the shown run's results as CSV; False when not written."""
        if self._shown is None:
            return False
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"),
                                              self.tr("results.csv"), self.tr("CSV (*.csv)"))
        if not path:
            return False
        try:
            self._tasks.export_csv(self._shown, path)
        except OSError as exc:
            self.run_bar.show_error(fill(self.tr("%1 could not be saved: %2"), path,
                                         exc.strerror or str(exc)))
            return False
        self.run_bar.set_status(fill(self.tr("Saved %1."), PurePath(path).name))
        return True

    # ---- items -------------------------------------------------------------------------

    def _on_file_changed(self, path: str) -> None:
        combo = self.column_combo
        combo.clear()
        suffix = PurePath(path).suffix.lower() if path else ""
        combo.setEditable(suffix in _JSONL_SUFFIXES)
        combo.setEnabled(suffix in _TABLE_SUFFIXES or suffix in _JSONL_SUFFIXES)
        if suffix in _JSONL_SUFFIXES:
            combo.setEditText("text")
        elif suffix in _TABLE_SUFFIXES:
            combo.addItem(self.tr("Automatic"), None)
            for name in _table_header(path):
                combo.addItem(name, name)

    # ---- runs --------------------------------------------------------------------------

    def _on_started(self, _run: TaskRun) -> None:
        self.history.clear_selection()
        self._shown = None
        self.export_button.setEnabled(False)
        self.model.set_results([])

    def _on_item(self, result: ItemResult) -> None:
        if self.run_bar.live:
            self.model.add(result)

    def _show_ended(self, run: TaskRun) -> None:
        """A run that ended (just now, or picked from the history): its results."""
        self.model.set_results(results_from_meta(run.meta.get("results", [])))
        self._shown = run if run.status in (RunStatus.DONE, RunStatus.STOPPED) else None
        self.export_button.setEnabled(self._shown is not None and self.model.rowCount() > 0)
        if run.status is RunStatus.STOPPED:
            self.run_bar.set_status(self.tr("Stopped; the items done so far are kept."))

    def _announce_end(self, run: TaskRun) -> None:
        """Once, for screen readers: how many items the run sorted."""
        text = self.tr("%n item(s) classified.", "", self.model.rowCount())
        if run.status is RunStatus.STOPPED:
            text = self.tr("Stopped; the items done so far are kept.") + " " + text
        announce.announce(self.table, text)

    # ---- history -----------------------------------------------------------------------

    def _reload_history(self, mode: str) -> None:
        if mode == TaskMode.CLASSIFY.value:
            self.history.set_runs(self._tasks.history(TaskMode.CLASSIFY))

    def show_run(self, run: TaskRun) -> None:
        """Show a past run's results."""
        if self.run_bar.live:
            return
        self.run_bar.clear_error()
        self.run_bar.set_status("")
        self._show_ended(run)
        if run.status is RunStatus.FAILED:
            self.run_bar.show_error(describe_run_error(run.error), quiet=True)
