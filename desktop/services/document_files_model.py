"""DocumentFilesModel: the files of one collection and how their indexing went.

A table on the GUI thread: Name, Status, Passages, Parts, Folder. The page
fills it from the index (`set_files`) and keeps it current with the
service's `file_status` signal (`apply_status`). Rows are kept ordered by path.
Status words and failure reasons are translated here, in the
"DocumentFilesModel" context.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.core.doc_records import FileRecord
from desktop.core.documents import DocErrorKind, FileState, FileStatus, PartKind

Index = QModelIndex | QPersistentModelIndex
_CONTEXT = "DocumentFilesModel"
MAX_FLAGGED_SHOWN = 8  # "pages 3, 7, 9, … have no text": the full list is in the tooltip


class Column(IntEnum):
    """The table's columns, left to right."""

    NAME = 0
    STATUS = 1
    PASSAGES = 2
    PARTS = 3
    FOLDER = 4


class Role(IntEnum):
    """Item data roles (any column). STATE and ERROR give the enum values as str."""

    PATH = Qt.ItemDataRole.UserRole + 1
    STATE = Qt.ItemDataRole.UserRole + 2  # a FileState value
    ERROR = Qt.ItemDataRole.UserRole + 3  # a DocErrorKind value, or None


_HEADERS = (
    QT_TRANSLATE_NOOP("DocumentFilesModel", "Name"),
    QT_TRANSLATE_NOOP("DocumentFilesModel", "Status"),
    QT_TRANSLATE_NOOP("DocumentFilesModel", "Passages"),
    QT_TRANSLATE_NOOP("DocumentFilesModel", "Parts"),
    QT_TRANSLATE_NOOP("DocumentFilesModel", "Folder"),
)
_STATES = {
    FileState.QUEUED: QT_TRANSLATE_NOOP("DocumentFilesModel", "Queued"),
    FileState.INDEXING: QT_TRANSLATE_NOOP("DocumentFilesModel", "Indexing…"),
    FileState.DONE: QT_TRANSLATE_NOOP("DocumentFilesModel", "Indexed"),
    FileState.UNCHANGED: QT_TRANSLATE_NOOP("DocumentFilesModel", "Unchanged"),
    FileState.FAILED: QT_TRANSLATE_NOOP("DocumentFilesModel", "Failed"),
    FileState.REMOVED: QT_TRANSLATE_NOOP("DocumentFilesModel", "Removed"),
}
_REASONS = {
    DocErrorKind.UNSUPPORTED: QT_TRANSLATE_NOOP("DocumentFilesModel", "not a supported format"),
    DocErrorKind.EMPTY: QT_TRANSLATE_NOOP("DocumentFilesModel", "the file is empty"),
    DocErrorKind.NO_TEXT: QT_TRANSLATE_NOOP("DocumentFilesModel",
                                            "no text in it (scanned pages?)"),
    DocErrorKind.CORRUPT: QT_TRANSLATE_NOOP("DocumentFilesModel", "the file is damaged"),
    DocErrorKind.ENCRYPTED: QT_TRANSLATE_NOOP("DocumentFilesModel", "password-protected"),
    DocErrorKind.TOO_LARGE: QT_TRANSLATE_NOOP("DocumentFilesModel",
                                              "too large, or looks like a zip bomb"),
    DocErrorKind.TIMED_OUT: QT_TRANSLATE_NOOP("DocumentFilesModel", "reading it took too long"),
    DocErrorKind.OUT_OF_MEMORY: QT_TRANSLATE_NOOP("DocumentFilesModel",
                                                  "reading it needed too much memory"),
    DocErrorKind.PARSER_CRASHED: QT_TRANSLATE_NOOP("DocumentFilesModel", "the reader crashed"),
    DocErrorKind.UNREADABLE: QT_TRANSLATE_NOOP("DocumentFilesModel", "cannot be opened"),
    DocErrorKind.MISSING: QT_TRANSLATE_NOOP("DocumentFilesModel", "moved or deleted"),
}
# part kind -> (one, many) counts for the Parts column
_PART_COUNTS = {
    PartKind.PAGE: (QT_TRANSLATE_NOOP("DocumentFilesModel", "%n page"),
                    QT_TRANSLATE_NOOP("DocumentFilesModel", "%n pages")),
    PartKind.SLIDE: (QT_TRANSLATE_NOOP("DocumentFilesModel", "%n slide"),
                     QT_TRANSLATE_NOOP("DocumentFilesModel", "%n slides")),
    PartKind.SECTION: (QT_TRANSLATE_NOOP("DocumentFilesModel", "%n section"),
                       QT_TRANSLATE_NOOP("DocumentFilesModel", "%n sections")),
}
# part kind -> (one, many) notes on parts without text; %1 is the list of numbers
_FLAG_NOTES = {
    PartKind.PAGE: (QT_TRANSLATE_NOOP("DocumentFilesModel", "page %1 has no text (scanned?)"),
                    QT_TRANSLATE_NOOP("DocumentFilesModel",
                                      "pages %1 have no text (scanned?)")),
    PartKind.SLIDE: (QT_TRANSLATE_NOOP("DocumentFilesModel",
                                       "slide %1 has no text (pictures only?)"),
                     QT_TRANSLATE_NOOP("DocumentFilesModel",
                                       "slides %1 have no text (pictures only?)")),
    PartKind.SECTION: (QT_TRANSLATE_NOOP("DocumentFilesModel", "section %1 has no text"),
                       QT_TRANSLATE_NOOP("DocumentFilesModel", "sections %1 have no text")),
    PartKind.WHOLE: (QT_TRANSLATE_NOOP("DocumentFilesModel", "part %1 has no text"),
                     QT_TRANSLATE_NOOP("DocumentFilesModel", "parts %1 have no text")),
}


def _tr(text: str, n: int = -1) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP in this module's context."""
    return QCoreApplication.translate(_CONTEXT, text, None, n)


def failure_reason(kind: DocErrorKind | str | None) -> str:
    """Why a file could not be indexed, in plain translated words ("the file is empty")."""
    try:
        text = _REASONS.get(DocErrorKind(kind)) if kind else None
    except ValueError:
        text = None
    return _tr(text) if text else _tr(QT_TRANSLATE_NOOP("DocumentFilesModel", "unknown reason"))


def part_count(kind: PartKind, parts: int) -> str:
    """"12 pages", "1 slide"; empty for files read as one whole part."""
    if kind not in _PART_COUNTS or parts <= 0:
        return ""
    one, many = _PART_COUNTS[kind]
    return _tr(one if parts == 1 else many, parts)


def flagged_note(kind: PartKind, flagged: tuple[int, ...], limit: int = MAX_FLAGGED_SHOWN) -> str:
    """"pages 3, 7 have no text (scanned?)"; empty when no part is flagged."""
    if not flagged:
        return ""
    numbers = ", ".join(str(n) for n in flagged[:limit]) + (", …" if len(flagged) > limit else "")
    one, many = _FLAG_NOTES.get(kind, _FLAG_NOTES[PartKind.WHOLE])
    return _tr(one if len(flagged) == 1 else many).replace("%1", numbers)


def status_text(status: FileStatus, limit: int = MAX_FLAGGED_SHOWN) -> str:
    """The Status column: "Indexed", "Failed: the file is empty", "Indexed; pages 3, 7 …"."""
    state = _tr(_STATES[status.state])
    if status.state is FileState.FAILED:
        text = _tr(QT_TRANSLATE_NOOP("DocumentFilesModel", "%1: %2"))  # "Failed: <reason>"
        return text.replace("%1", state).replace("%2", failure_reason(status.error))
    note = flagged_note(status.part_kind, status.flagged, limit)
    if note and status.state in (FileState.DONE, FileState.UNCHANGED):
        text = _tr(QT_TRANSLATE_NOOP("DocumentFilesModel", "%1; %2"))  # "Indexed; <note>"
        return text.replace("%1", state).replace("%2", note)
    return state


class DocumentFilesModel(QAbstractTableModel):
    """Rows are FileStatus values, ordered by path. GUI thread only."""

    Role = Role
    Column = Column

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FileStatus] = []
        self._paths: list[str] = []  # the rows' paths, for bisect

    # ---- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per file."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Name, Status, Passages, Parts, Folder."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles; rows have none."""
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(_HEADERS)):
            return _tr(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The value of `role` at `index`."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        status, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(status, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(status, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.PASSAGES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.PATH:
            return status.path
        if role == Role.STATE:
            return status.state.value
        if role == Role.ERROR:
            return status.error.value if status.error else None
        return None

    def _display(self, status: FileStatus, column: int) -> str:
        if column == Column.NAME:
            return os.path.basename(status.path)
        if column == Column.STATUS:
            return status_text(status)
        if column == Column.PASSAGES:
            return str(status.chunks) if status.state is not FileState.FAILED else ""
        if column == Column.PARTS:
            return part_count(status.part_kind, status.parts)
        return os.path.dirname(status.path)

    def _tooltip(self, status: FileStatus, column: int) -> str | None:
        if column == Column.NAME:
            return status.path
        if column == Column.STATUS:
            full = status_text(status, limit=len(status.flagged))
            return f"{full}\n{status.detail}" if status.detail else full
        if column == Column.FOLDER:
            return os.path.dirname(status.path)
        return None

    # ---- filling -------------------------------------------------------------------------

    def set_files(self, records: list[FileRecord]) -> None:
        """Show these files as last indexed (replacing every row)."""
        self.beginResetModel()
        self._rows = sorted((r.status() for r in records), key=lambda s: s.path)
        self._paths = [s.path for s in self._rows]
        self.endResetModel()

    def apply_status(self, status: FileStatus) -> None:
        """Update the row of `status.path`: insert it when new, remove it when REMOVED.

        QUEUED and INDEXING keep the row's last counts: the file is still indexed
        as it was until its new reading is stored.
        """
        row = self.row_of(status.path)
        if status.state is FileState.REMOVED:
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row], self._paths[row]
                self.endRemoveRows()
            return
        if row < 0:
            row = bisect.bisect_left(self._paths, status.path)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, status)
            self._paths.insert(row, status.path)
            self.endInsertRows()
            return
        if status.state in (FileState.QUEUED, FileState.INDEXING):
            status = dataclasses.replace(self._rows[row], state=status.state, error=None,
                                         detail="")
        self._rows[row] = status
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # ---- reading ---------------------------------------------------------------------------

    def path_at(self, row: int) -> str:
        """The full path of the file on `row`."""
        return self._rows[row].path

    def status_at(self, row: int) -> FileStatus:
        """What the row shows, as a FileStatus."""
        return self._rows[row]

    def statuses(self) -> list[FileStatus]:
        """Every row, top to bottom."""
        return list(self._rows)

    def row_of(self, path: str) -> int:
        """The row of `path`, -1 when it is not listed."""
        row = bisect.bisect_left(self._paths, path)
        return row if row < len(self._paths) and self._paths[row] == path else -1
