"""Task errors and progress in the user's words (summarize, translate, classify).

`kind` is a TaskErrorKind value; any other kind (an engine ErrorKind such as
no_model_loaded, a DocErrorKind such as encrypted) is worded by error_text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.tasks import Progress, Stage, TaskErrorKind
from desktop.services.document_files_model import failure_reason
from desktop.services.task_service import DOCUMENT_ERROR
from desktop.ui import error_text
from desktop.ui.formatting import number_text

_CONTEXT = "TaskText"

_ERRORS: dict[str, str] = {
    TaskErrorKind.EMPTY_INPUT: QT_TRANSLATE_NOOP(
        "TaskText", "There is nothing to work on: the text is empty."),
    TaskErrorKind.BINARY_FILE: QT_TRANSLATE_NOOP(
        "TaskText", "%1 is not a text or document file Maru can read."),
    TaskErrorKind.UNREADABLE_INPUT: QT_TRANSLATE_NOOP(
        "TaskText", "Maru could not read the file: %1"),
    TaskErrorKind.MISSING_COLUMN: QT_TRANSLATE_NOOP(
        "TaskText", "The file has no column %1."),
    TaskErrorKind.UNKNOWN_LANGUAGE: QT_TRANSLATE_NOOP(
        "TaskText", "Maru does not know the language %1. Pick one from the list."),
    TaskErrorKind.DUPLICATE_LABELS: QT_TRANSLATE_NOOP(
        "TaskText", "Each label must be different: %1 appears twice."),
    TaskErrorKind.TOO_FEW_LABELS: QT_TRANSLATE_NOOP("TaskText", "Give at least two labels."),
    TaskErrorKind.BAD_LABEL: QT_TRANSLATE_NOOP(
        "TaskText", "A label cannot be used (%1). Keep each label on one line, short and "
        "not empty."),
    TaskErrorKind.BAD_EXAMPLES: QT_TRANSLATE_NOOP(
        "TaskText", "An example cannot be used (%1). Write each as \"text => label\" with "
        "labels from the list."),
    TaskErrorKind.BAD_GLOSSARY: QT_TRANSLATE_NOOP(
        "TaskText", "The glossary cannot be used (%1). Each line needs a term and its "
        "translation."),
}
_COLUMNS_SEPARATOR = "; columns: "  # how task_items names the columns there are


_PLACEHOLDER = re.compile(r"%(\d)")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def fill(text: str, *values: object) -> str:
    """`text` with %1, %2... replaced by `values` in one pass (a value that holds
    "%2" stays as it is), like QString::arg."""
    def value(match: re.Match) -> str:
        number = int(match[1])
        return str(values[number - 1]) if 0 < number <= len(values) else match[0]

    return _PLACEHOLDER.sub(value, text)


def describe_task_error(kind: str, detail: str) -> str:
    """One or two translated sentences saying what went wrong with a task."""
    if kind == DOCUMENT_ERROR:
        return fill(QCoreApplication.translate("TaskText", "The file could not be read: %1."),
                    failure_reason(detail))
    if kind not in _ERRORS:
        happened, todo = error_text.describe(kind)
        return f"{happened} {todo}"
    if kind == TaskErrorKind.EMPTY_INPUT and "instruction" in detail:
        return QCoreApplication.translate("TaskText", "Write the custom instruction first.")
    if kind == TaskErrorKind.MISSING_COLUMN:
        return _missing_column(detail)
    if kind == TaskErrorKind.BINARY_FILE and not detail:
        return QCoreApplication.translate(
            "TaskText", "This file is not a text or document file Maru can read.")
    return fill(_tr(_ERRORS[kind]), detail or "?")


def _missing_column(detail: str) -> str:
    if detail == "not a table":
        return QCoreApplication.translate(
            "TaskText", "This file has no columns: only CSV, TSV and JSONL files do.")
    name, _sep, columns = detail.partition(_COLUMNS_SEPARATOR)
    text = fill(_tr(_ERRORS[TaskErrorKind.MISSING_COLUMN]), name or "?")
    if columns:
        text += " " + fill(QCoreApplication.translate("TaskText", "Its columns are: %1."), columns)
    return text


def progress_text(progress: Progress) -> str:
    """The progress line of a running task."""
    done, total = progress.done, progress.total
    stage = progress.stage
    if stage is Stage.READING:
        return QCoreApplication.translate("TaskText", "Reading the file…")
    if stage is Stage.FINAL:
        return QCoreApplication.translate("TaskText", "Writing the summary…")
    if stage is Stage.MAP:  # the part being worked on, not the parts done
        done = min(done + 1, total) if total > 0 else done + 1
        text = QCoreApplication.translate("TaskText", "Summarizing part %1 of %2")
    elif stage is Stage.REDUCE:
        text = QCoreApplication.translate("TaskText", "Combining summaries: %1 of %2")
    elif stage is Stage.TRANSLATE:
        text = QCoreApplication.translate("TaskText", "Paragraph %1 of %2")
    else:
        text = QCoreApplication.translate("TaskText", "%1 of %2 items")
    return fill(text, number_text(done), number_text(total))


def describe_run_error(error: str) -> str:
    """The words for a failed run's stored error ("kind: detail" or "kind")."""
    kind, _sep, detail = error.partition(": ")
    return describe_task_error(kind, detail)
