"""GlossaryDialog: make or change a named glossary (term -> its translation).

A translation keeps to the glossary's terms. Glossaries are saved by the task
service (one file each); the dialog only edits the pairs and the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.tasks import TaskError
from desktop.ui.task_text import describe_task_error, fill

if TYPE_CHECKING:
    from desktop.services.task_service import TaskService


class GlossaryDialog(QDialog):
    """Edits the glossary `name` (a new one when None) and saves it on Save;
    `saved_name` is then the name it was saved under."""

    def __init__(self, tasks: TaskService, name: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.saved_name: str | None = None
        self.setWindowTitle(self.tr("Glossary"))
        self._build()
        if name:
            self.name_edit.setText(name)
            self._load(name)
        if self.table.rowCount() == 0:
            self.add_row()

    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Glossary name"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Term"), self.tr("Translation")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Terms and their translations"))
        self.add_button = QPushButton(self.tr("&Add term"))
        self.add_button.setAccessibleName(self.tr("Add a term"))
        self.remove_button = QPushButton(self.tr("&Remove term"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected terms"))
        self.error_label = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True,
                                  visible=False)
        self.error_label.setAccessibleName(self.tr("Error"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(
            self.tr("Save the glossary"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel"))
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(rows)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self._remove_rows)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, term: str = "", translation: str = "") -> int:
        """Append a row (empty by default); its index."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(term))
        self.table.setItem(row, 1, QTableWidgetItem(translation))
        return row

    def glossary(self) -> dict[str, str]:
        """The rows with both a term and a translation; a repeated term keeps its last."""
        pairs: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            term, translation = (self._cell(row, 0), self._cell(row, 1))
            if term and translation:
                pairs[term] = translation
        return pairs

    def save(self) -> bool:
        """Save under the name and close; False (an inline error) when it cannot."""
        name = " ".join(self.name_edit.text().split())
        pairs = self.glossary()
        if not name:
            return self._error(self.tr("Give the glossary a name."))
        if not pairs:
            return self._error(self.tr("Add at least one term with its translation."))
        try:
            self._tasks.save_glossary(name, pairs)
        except TaskError as exc:
            return self._error(describe_task_error(exc.kind.value, exc.detail))
        except OSError as exc:
            return self._error(fill(self.tr("The glossary could not be saved: %1"),
                                    exc.strerror or str(exc)))
        self.saved_name = name
        self.accept()
        return True

    def _load(self, name: str) -> None:
        try:
            glossary = self._tasks.load_glossary(name)
        except TaskError as exc:
            self._error(describe_task_error(exc.kind.value, exc.detail))
            return
        except OSError as exc:
            self._error(fill(self.tr("The glossary could not be read: %1"),
                             exc.strerror or str(exc)))
            return
        for term, translation in dict(glossary).items():
            self.add_row(term, translation)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _remove_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def _error(self, message: str) -> bool:
        self.error_label.setText(message)
        self.error_label.show()
        return False
