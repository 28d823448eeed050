"""TaskService: the task modes (summarize, translate, classify) for the GUI.

Lives on the GUI thread. A run is a job on the engine service's worker thread
(the one engine process, queued behind a chat answer or a load, never beside
it); reading its input file happens there too. Results come back through a
queued signal and are re-emitted on the GUI thread. One run at a time.

Each run is kept in the history (`task_runs`): created RUNNING when it starts,
saved as it goes (at most every SAVE_INTERVAL seconds, so a killed app keeps
what was done), and DONE, STOPPED or FAILED at the end.

Signals (GUI thread):
- started(TaskRun), progress(Progress), finished(TaskRun), failed(kind, detail): kind
  is a TaskErrorKind or ErrorKind value, or DOCUMENT_ERROR with a DocErrorKind detail
- text_streamed(str): the final summary as it is written
- segment_done(int, str, str): a translated segment (index, source, translation)
- item_done(ItemResult): a classified item
- running_changed(bool), history_changed(str mode)
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.backends import task_input, task_items, task_runner
from desktop.backends.doc_extract import Extractor
from desktop.backends.history_store import HistoryError, HistoryStore
from desktop.backends.task_history import TaskHistory
from desktop.core import classify as cls
from desktop.core import translate as tr
from desktop.core.documents import DocError
from desktop.core.errors import EngineError
from desktop.core.languages import language_code
from desktop.core.summarize import SummaryOptions, SummaryStyle
from desktop.core.tasks import (
    RunStatus,
    TaskError,
    TaskErrorKind,
    TaskInput,
    TaskMode,
    TaskRun,
)
from desktop.services.engine_service import EngineService

SAVE_INTERVAL = 1.0  # seconds between saves of a run's partial result
DOCUMENT_ERROR = "document"  # failed(kind, detail) of an unreadable document: detail is
# its DocErrorKind value


class TaskService(QObject):
    """Starts, stops and remembers task runs."""

    started = Signal(object)
    progress = Signal(object)
    text_streamed = Signal(str)
    segment_done = Signal(int, str, str)
    item_done = Signal(object)
    finished = Signal(object)
    failed = Signal(str, str)
    running_changed = Signal(bool)
    history_changed = Signal(str)
    _event = Signal(str, object)  # engine thread -> GUI thread

    def __init__(self, engine: EngineService, store: HistoryStore,
                 glossary_dir: Path | None = None, parent: QObject | None = None) -> None:
        """`glossary_dir` holds the named glossaries (one TSV file each)."""
        super().__init__(parent)
        self._engine = engine
        self._store = store
        self._history = TaskHistory(store)
        self._glossary_dir = glossary_dir
        self._extractor = Extractor()
        self._cancel = threading.Event()
        self._run: TaskRun | None = None
        self._partial: dict = {}
        self._last_save = 0.0
        self._items: task_items.ItemSource | None = None  # the last batch, for its export
        self._last_classify: int | None = None  # the run those items belong to
        self._event.connect(self._on_event)

    @property
    def running(self) -> bool:
        """True from start to finish of a run."""
        return self._run is not None

    # ---- starting runs -------------------------------------------------------------------

    def summarize(self, source: TaskInput, options: SummaryOptions) -> bool:
        """Start a summary; False (and `failed`) when the input or options are refused."""
        if source.conversation_id is not None:
            # Read here: the history store belongs to the GUI thread, not the job's.
            try:
                source = TaskInput(self._store.export_markdown(source.conversation_id))
            except HistoryError as exc:
                self.failed.emit(exc.kind.value, exc.detail)
                return False

        def job(engine: object) -> object:
            document = (task_input.read_document(source.path, self._extractor) if source.path
                        else self._text_document(source))
            return task_runner.summarize(engine, document, options, self._hooks())

        def check() -> None:
            if options.language:
                language_code(options.language)
            if options.style is SummaryStyle.CUSTOM and not options.instruction.strip():
                raise TaskError(TaskErrorKind.EMPTY_INPUT, "instruction")
            self._check_input(source)

        return self._start(TaskMode.SUMMARIZE, source, dataclasses.asdict(options), check, job)

    def translate(self, source: TaskInput, target: str, source_language: str | None = None,
                  glossary: tr.Glossary | None = None) -> bool:
        """Start a translation; False (and `failed`) when refused."""
        def job(engine: object) -> object:
            text = (task_input.read_text(source.path, self._extractor) if source.path
                    else source.text)
            return task_runner.translate(engine, text, target, source_language, glossary,
                                         self._hooks())

        def check() -> None:
            language_code(target)
            if source_language:
                language_code(source_language)
            self._check_input(source)

        options = {"target": target, "source": source_language, "glossary": glossary or {}}
        return self._start(TaskMode.TRANSLATE, source, options, check, job)

    def classify(self, source: TaskInput, options: cls.ClassifyOptions,
                 column: str | None = None) -> bool:
        """Start classifying the items of pasted text (one per line) or of a file
        (CSV/TSV column, JSONL key, or lines); False (and `failed`) when refused."""
        def job(engine: object) -> object:
            items = (task_items.read_items(source.path, column) if source.path
                     else task_items.ItemSource(task_items.read_text_items(source.text), None))
            self._items = items
            return task_runner.classify(engine, list(items.items), options, self._hooks())

        def check() -> None:
            cls.validate_options(options)
            self._check_input(source)

        stored = {"labels": [dataclasses.asdict(label) for label in options.labels],
                  "multi": options.multi, "column": column,
                  "examples": [dataclasses.asdict(e) for e in options.examples],
                  "instruction": options.instruction}
        return self._start(TaskMode.CLASSIFY, source, stored, check, job)

    def stop(self) -> None:
        """Stop the run between two engine calls; the one in flight is interrupted."""
        if self._run is not None:
            self._cancel.set()
            self._engine.interrupt()

    def shutdown(self) -> None:
        """Stop any run and end the extraction process."""
        self.stop()
        self._extractor.close()

    # ---- history -------------------------------------------------------------------------

    def history(self, mode: TaskMode) -> list[TaskRun]:
        """Runs of `mode`, newest first (empty if the history cannot be read)."""
        try:
            return self._history.list(mode)
        except HistoryError:
            return []

    def delete_run(self, run_id: int) -> None:
        """Forget a run."""
        run = self._history.get(run_id)
        self._history.delete(run_id)
        if run is not None:
            self.history_changed.emit(run.mode.value)

    def recover(self) -> None:
        """Runs cut short by a killed app become STOPPED (call at start-up)."""
        self._history.recover_interrupted()

    def export_csv(self, run: TaskRun, path: str) -> None:
        """A classification run's results as CSV (raises OSError, e.g. a full disk).
        The original columns are kept when the run is the last one of this session."""
        results = [cls.ItemResult(r["index"], r["text"], tuple(r["labels"]),
                                  dict(r["probabilities"])) for r in run.meta.get("results", [])]
        names = tuple(run.meta.get("labels", []))
        rows = self._items if self._items and run.id == self._last_classify else None
        task_items.write_results_csv(path, results, names, rows)

    # ---- glossaries ----------------------------------------------------------------------

    def glossaries(self) -> list[str]:
        """Names of the saved glossaries."""
        if self._glossary_dir is None or not self._glossary_dir.is_dir():
            return []
        return sorted(p.stem for p in self._glossary_dir.glob("*.tsv"))

    def load_glossary(self, name: str) -> tr.Glossary:
        """A saved glossary (raises TaskError(BAD_GLOSSARY) or OSError)."""
        return tr.parse_glossary(self._glossary_path(name).read_text(encoding="utf-8"))

    def save_glossary(self, name: str, glossary: tr.Glossary) -> None:
        """Save (or replace) a named glossary."""
        path = self._glossary_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{term}\t{target}" for term, target in glossary.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _glossary_path(self, name: str) -> Path:
        safe = "".join(c for c in name if c.isalnum() or c in " -_").strip()
        if not safe or self._glossary_dir is None:
            raise TaskError(TaskErrorKind.BAD_GLOSSARY, name)
        return self._glossary_dir / f"{safe}.tsv"

    # ---- running -------------------------------------------------------------------------

    def _check_input(self, source: TaskInput) -> None:
        if source.path is None:
            task_input.check_text(source.text)

    def _text_document(self, source: TaskInput) -> object:
        from desktop.backends.doc_readers.text import text_document

        return text_document(task_input.check_text(source.text))

    def _start(self, mode: TaskMode, source: TaskInput, options: dict,
               check: Callable[[], None], job: Callable[[object], object]) -> bool:
        if self._run is not None:
            return False
        try:
            check()
            title = source.label or mode.value
            run = self._history.add(mode, title, source.text if not source.path else "",
                                    source.path or "", options)
        except (TaskError, HistoryError) as exc:
            self.failed.emit(exc.kind.value, exc.detail)
            return False
        self._run, self._partial, self._last_save = run, _empty_meta(mode), time.monotonic()
        if mode is TaskMode.CLASSIFY:
            self._last_classify = run.id
        self._cancel.clear()
        self.running_changed.emit(True)
        self.started.emit(run)
        self._engine.run_job(lambda engine: self._job(job, engine))
        return True

    def _hooks(self) -> task_runner.RunHooks:
        emit = self._event.emit
        return task_runner.RunHooks(
            progress=lambda p: emit("progress", p),
            text=lambda text: emit("text", text),
            segment=lambda i, s, t: emit("segment", (i, s, t)),
            item=lambda item: emit("item", item),
            cancelled=self._cancel.is_set,
        )

    def _job(self, job: Callable[[object], object], engine: object) -> None:
        """On the engine thread: every outcome becomes one event."""
        try:
            self._event.emit("result", job(engine))
        except DocError as exc:  # its kinds share words with others ("corrupt"): tag them
            self._event.emit("error", (DOCUMENT_ERROR, exc.kind.value))
        except (TaskError, EngineError) as exc:
            self._event.emit("error", (exc.kind.value, exc.detail))
        except OSError as exc:
            self._event.emit("error", (TaskErrorKind.UNREADABLE_INPUT.value, str(exc)))
        except Exception as exc:  # a bug must end the run, not leave it spinning
            self._event.emit("error", ("internal", f"{type(exc).__name__}: {exc}"))

    # ---- GUI thread ----------------------------------------------------------------------

    def _on_event(self, kind: str, value: object) -> None:
        if self._run is None:
            return
        if kind == "progress":
            self.progress.emit(value)
        elif kind == "text":
            self._partial["output"] = self._partial.get("output", "") + value
            self.text_streamed.emit(value)
        elif kind == "segment":
            self._partial["pairs"].append([value[1], value[2]])
            self.segment_done.emit(*value)
        elif kind == "item":
            self._partial["results"].append(task_items.results_json([value])[0])
            self.item_done.emit(value)
        elif kind == "result":
            self._finish(value)
            return
        elif kind == "error":
            self._fail(*value)
            return
        if time.monotonic() - self._last_save >= SAVE_INTERVAL:
            self._save_partial()

    def _save_partial(self) -> None:
        self._last_save = time.monotonic()
        meta = {k: v for k, v in self._partial.items() if k != "output"}
        self._write(output=self._partial.get("output", ""), meta=meta)

    def _finish(self, result: object) -> None:
        output, meta, stopped = _outcome(self._run, result)
        status = RunStatus.STOPPED if stopped else RunStatus.DONE
        self._write(status=status, output=output, meta=meta)
        self._end(dataclasses.replace(self._run, status=status, output=output, meta=meta))

    def _fail(self, kind: str, detail: str) -> None:
        self._write(status=RunStatus.FAILED, error=f"{kind}: {detail}" if detail else kind)
        mode = self._run.mode
        self._end(None)
        self.failed.emit(kind, detail)
        self.history_changed.emit(mode.value)

    def _end(self, run: TaskRun | None) -> None:
        mode = self._run.mode
        self._run = None
        self.running_changed.emit(False)
        if run is not None:
            self.finished.emit(run)
            self.history_changed.emit(mode.value)

    def _write(self, **changes: object) -> None:
        # The run goes on when a save fails; the chat's storage banner reports the disk.
        with contextlib.suppress(HistoryError):
            self._history.update(self._run.id, **changes)


def _empty_meta(mode: TaskMode) -> dict:
    if mode is TaskMode.TRANSLATE:
        return {"pairs": []}
    if mode is TaskMode.CLASSIFY:
        return {"results": []}
    return {}


def _outcome(run: TaskRun, result: object) -> tuple[str, dict, bool]:
    """(output text, meta, stopped) of a finished run, as the history keeps it."""
    mode = run.mode
    if mode is TaskMode.SUMMARIZE:
        meta = {"language": result.language, "parts": len(result.parts),
                "levels": result.levels}
        return result.text, meta, result.cancelled
    if mode is TaskMode.TRANSLATE:
        pairs = [[result.segments[i].text, t] for i, t in result.translations.items()]
        meta = {"source": result.source, "target": result.target, "pairs": pairs,
                "misses": {str(k): v for k, v in result.misses.items()}}
        return result.text, meta, result.cancelled
    names = [label["name"] for label in run.options.get("labels", [])]
    meta = {"labels": names, "multi": run.options.get("multi", False),
            "results": task_items.results_json(result.results),
            "seconds": round(result.seconds, 3)}
    lines = [f"{r.index + 1}\t{';'.join(r.labels)}\t{r.text}" for r in result.results]
    return "\n".join(lines), meta, result.cancelled
