"""TaskHistoryList: a task mode's recent runs, newest first, with Delete.

The list only shows runs; the panel that owns it loads them (`set_runs`) and
acts on `run_selected` and `delete_requested`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.tasks import RunStatus, TaskRun
from desktop.ui.formatting import date_time_text
from desktop.ui.task_text import fill

_RUN = Qt.ItemDataRole.UserRole


class TaskHistoryList(QWidget):
    """Signals: run_selected(TaskRun): the user picked a run;
    delete_requested(int run id): the user asked to delete the selected run."""

    run_selected = Signal(object)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Recent runs"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Recent runs"))
        self.list.setAccessibleDescription(self.tr(
            "Earlier runs of this task, newest first. Choosing one shows its result; Delete "
            "removes it."))
        self.list.setUniformItemSizes(True)
        self.title.setBuddy(self.list)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected run"))
        self.delete_action = QAction(self.tr("Delete"), self.list)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.list.addAction(self.delete_action)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(self._on_current)
        self.delete_button.clicked.connect(self._delete)
        self.delete_action.triggered.connect(self._delete)
        self._sync_delete()

    def set_runs(self, runs: list[TaskRun]) -> None:
        """Show `runs` (newest first), keeping the selected run selected without
        emitting `run_selected` again."""
        current = self.current()
        self.list.blockSignals(True)
        self.list.clear()
        for run in runs:
            item = QListWidgetItem(self._text(run))
            item.setData(_RUN, run)
            item.setToolTip(run.input_path or run.title)
            self.list.addItem(item)
            if current is not None and run.id == current.id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._sync_delete()

    def current(self) -> TaskRun | None:
        """The selected run, or None."""
        item = self.list.currentItem()
        return item.data(_RUN) if item is not None else None

    def runs(self) -> list[TaskRun]:
        """The listed runs, top to bottom."""
        return [self.list.item(i).data(_RUN) for i in range(self.list.count())]

    def select_run(self, run_id: int) -> bool:
        """Select the run with this id (emitting `run_selected`); False if not listed."""
        for row, run in enumerate(self.runs()):
            if run.id == run_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def clear_selection(self) -> None:
        """Select nothing, silently (a new run is being shown)."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._sync_delete()

    def _text(self, run: TaskRun) -> str:
        title = run.title or self.tr("Conversation")
        when = date_time_text(run.created_at)
        status = {RunStatus.STOPPED: self.tr("stopped"), RunStatus.FAILED: self.tr("failed"),
                  RunStatus.RUNNING: self.tr("running")}.get(run.status)
        if status:
            return fill(self.tr("%1 (%2) · %3"), title, status, when)
        return fill(self.tr("%1 · %2"), title, when)

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        self._sync_delete()
        if item is not None:
            self.run_selected.emit(item.data(_RUN))

    def _sync_delete(self) -> None:
        on = self.list.currentItem() is not None
        self.delete_button.setEnabled(on)
        self.delete_action.setEnabled(on)

    def _delete(self) -> None:
        run = self.current()
        if run is not None:
            self.delete_requested.emit(run.id)
