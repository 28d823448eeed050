"""The values shared by the task modes (summarize, translate, classify).

Plain data, no I/O. Each mode's prompts and rules live in its own module
(`summarize`, `translate`, `classify`); the runs themselves in
`desktop.backends.task_runner`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.errors import KindError


class TaskMode(StrEnum):
    """A task mode, as stored in the history and named on the command line."""

    SUMMARIZE = "summarize"
    TRANSLATE = "translate"
    CLASSIFY = "classify"


class TaskErrorKind(StrEnum):
    """Why a task could not start; the UI and CLI turn each into words."""

    EMPTY_INPUT = "empty_input"  # no text, a 0-byte file, a file with no items
    BINARY_FILE = "binary_file"  # not text, and not a document format Maru reads
    UNREADABLE_INPUT = "unreadable_input"  # missing, no permission, bad encoding...
    MISSING_COLUMN = "missing_column"  # detail names the columns there are
    UNKNOWN_LANGUAGE = "unknown_language"  # detail is what was given
    DUPLICATE_LABELS = "duplicate_labels"  # detail names the duplicates
    TOO_FEW_LABELS = "too_few_labels"
    BAD_LABEL = "bad_label"  # empty, too long, or with a line break
    BAD_EXAMPLES = "bad_examples"  # an example file that does not parse, or unknown labels
    BAD_GLOSSARY = "bad_glossary"  # a glossary file that does not parse


class TaskError(KindError):
    """A task's input or options were refused; `kind` is a TaskErrorKind."""


class Stage(StrEnum):
    """What a running task is doing, for its progress line."""

    READING = "reading"  # extracting a file's text
    MAP = "map"  # summarizing the parts of a long input
    REDUCE = "reduce"  # combining part summaries
    FINAL = "final"  # writing the final summary (streamed)
    TRANSLATE = "translate"
    CLASSIFY = "classify"


@dataclass(frozen=True)
class Progress:
    """`done` of `total` units (parts, paragraphs, items) of `stage`."""

    done: int
    total: int
    stage: Stage

    @property
    def fraction(self) -> float:
        """Done share in [0, 1]; 0 when nothing is counted yet."""
        return self.done / self.total if self.total > 0 else 0.0


class RunStatus(StrEnum):
    """How a task run ended (RUNNING: it is going, or the app died during it)."""

    RUNNING = "running"
    DONE = "done"
    STOPPED = "stopped"  # the user stopped it; what was done is kept
    FAILED = "failed"


@dataclass(frozen=True)
class TaskInput:
    """What a task reads: pasted `text`, a file at `path`, or a conversation."""

    text: str = ""
    path: str | None = None
    conversation_id: int | None = None

    @property
    def label(self) -> str:
        """A short name for the history list: the file's name or the text's start."""
        if self.path:
            return self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return " ".join(self.text.split())[:60]


@dataclass(frozen=True)
class TaskRun:
    """One task run as the history keeps it.

    `options` are the run's settings, `output` its text (the summary, the
    translation, or for classification a CSV-like table), and `meta` what the
    panel needs to show it again:
    - summarize: {"language", "parts", "levels"}
    - translate: {"source", "target", "pairs": [[source, translation], ...],
      "misses": {segment: [terms]}}
    - classify: {"labels": [...], "multi", "results": [{"index", "text", "labels",
      "probabilities"}, ...]}
    """

    id: int
    mode: TaskMode
    title: str
    status: RunStatus
    created_at: float
    input_text: str = ""
    input_path: str = ""
    options: dict = field(default_factory=dict)
    output: str = ""
    meta: dict = field(default_factory=dict)
    error: str = ""
