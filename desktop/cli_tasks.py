"""`maru summarize`, `maru translate` and `maru classify`: the task modes from the
command line, on the same runner the app uses.

Results go to stdout (the summary streams as it is written); progress goes to
stderr when it is a terminal. Ctrl+C stops the engine and exits 130. Errors
propagate for cli.main to print as one line.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from typing import TYPE_CHECKING

from desktop import settings as settings_mod
from desktop.core.summarize import SummaryOptions, SummaryStyle
from desktop.core.tasks import Progress, Stage, TaskError, TaskErrorKind

if TYPE_CHECKING:
    from desktop.backends.engine_client import EngineClient

# WORKAROUND until the CLI is translated (issue 7): English wording per reason.
REASONS = {
    TaskErrorKind.EMPTY_INPUT: "there is nothing to work on (empty input)",
    TaskErrorKind.BINARY_FILE: "not a text or document file Maru can read",
    TaskErrorKind.UNREADABLE_INPUT: "the input cannot be read",
    TaskErrorKind.MISSING_COLUMN: "the file has no such column",
    TaskErrorKind.UNKNOWN_LANGUAGE: "unknown language (use a code such as ko, en, ja, zh, fr, "
                                    "de, es)",
    TaskErrorKind.DUPLICATE_LABELS: "each label must be different",
    TaskErrorKind.TOO_FEW_LABELS: "give at least two labels",
    TaskErrorKind.BAD_LABEL: "a label is empty, too long or has a line break",
    TaskErrorKind.BAD_EXAMPLES: "the examples do not fit the labels",
    TaskErrorKind.BAD_GLOSSARY: "the glossary file does not parse",
}
_STAGE_WORDS = {Stage.MAP: "part", Stage.REDUCE: "combining", Stage.FINAL: "writing",
                Stage.TRANSLATE: "paragraph", Stage.CLASSIFY: "item", Stage.READING: "reading"}


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Declare the task commands."""
    cmd = sub.add_parser("summarize", help="summarize a file or stdin, however long")
    cmd.add_argument("input", metavar="FILE|-")
    cmd.add_argument("--style", choices=[s.value for s in SummaryStyle],
                     default=SummaryStyle.KEY_POINTS.value)
    cmd.add_argument("--instruction", default="", help="your own instruction (--style custom)")
    cmd.add_argument("--lang", help="output language (default: the input's)")
    _engine_options(cmd)
    cmd = sub.add_parser("translate", help="translate a file or stdin, keeping its structure")
    cmd.add_argument("input", metavar="FILE|-")
    cmd.add_argument("--to", required=True, dest="target", metavar="L")
    cmd.add_argument("--from", dest="source", metavar="L", help="default: detected")
    cmd.add_argument("--glossary", metavar="FILE", help="term<TAB>translation per line")
    _engine_options(cmd)
    cmd = sub.add_parser("classify", help="label a text or every item of a file")
    cmd.add_argument("text", nargs="?", metavar="TEXT")
    cmd.add_argument("--labels", metavar="a,b,c")
    cmd.add_argument("--preset", help="sentiment, spam, topic or language")
    cmd.add_argument("--multi", action="store_true", help="each label independently")
    cmd.add_argument("--examples", metavar="FILE", help="few-shot examples (JSONL or CSV)")
    cmd.add_argument("--file", metavar="F", help="CSV/TSV/JSONL, or one item per line")
    cmd.add_argument("--column", metavar="C", help="the text column (CSV/TSV) or key (JSONL)")
    cmd.add_argument("--out", metavar="OUT.csv", help="write results as CSV")
    _engine_options(cmd)


def _engine_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--model", help="installed model name or path to a .gguf")
    cmd.add_argument("--ctx", type=int, default=None, help="context size in tokens")
    cmd.add_argument("--threads", type=int, default=None)
    cmd.add_argument("--json", action="store_true", help="print one JSON object at the end")


def run(args: argparse.Namespace) -> int:
    """Run one task command; returns the exit status."""
    if args.command == "summarize":
        return _summarize(args)
    if args.command == "translate":
        return _translate(args)
    return _classify(args)


# ---- shared ---------------------------------------------------------------------------------


class _Run:
    """An engine loaded for one command, with Ctrl+C turned into a clean stop."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.stop = threading.Event()
        self.started = time.perf_counter()
        self.engine: EngineClient | None = None
        self.model = ""

    def __enter__(self) -> _Run:
        from desktop.backends import model_store
        from desktop.backends.engine_client import EngineClient

        prefs = settings_mod.load()
        path = model_store.resolve(self.args.model, prefs.startup_model)
        self.model = path.stem
        self.engine = EngineClient()
        self.engine.load(prefs.load_request(str(path), n_ctx=self.args.ctx,
                                            n_threads=self.args.threads))
        return self

    def __exit__(self, *exc: object) -> None:
        self.engine.close()

    def hooks(self, **extra: object) -> object:
        from desktop.backends.task_runner import RunHooks

        return RunHooks(progress=self._progress, cancelled=self.stop.is_set, **extra)

    def _progress(self, progress: Progress) -> None:
        if sys.stderr.isatty():
            end = "\n" if progress.done >= progress.total and progress.stage is not Stage.MAP \
                else ""
            print(f"\r{_STAGE_WORDS[progress.stage]} {progress.done}/{progress.total}  ",
                  end=end, file=sys.stderr, flush=True)

    @property
    def seconds(self) -> float:
        """Since the command started."""
        return round(time.perf_counter() - self.started, 3)


def _read_input(path: str, as_text: bool) -> object:
    from desktop.backends import task_input
    from desktop.backends.doc_extract import Extractor
    from desktop.backends.doc_readers.text import text_document

    if path == "-":
        text = task_input.check_text(sys.stdin.read())
        return text if as_text else text_document(text)
    with Extractor() as extractor:
        if as_text:
            return task_input.read_text(path, extractor)
        return task_input.read_document(path, extractor)


def _print_json(value: dict) -> None:
    print(json.dumps(value, ensure_ascii=False))


# ---- summarize ------------------------------------------------------------------------------


def _summarize(args: argparse.Namespace) -> int:
    from desktop.backends import task_runner
    from desktop.core.languages import language_code

    options = SummaryOptions(SummaryStyle(args.style),
                             language_code(args.lang) if args.lang else None, args.instruction)
    if options.style is SummaryStyle.CUSTOM and not options.instruction.strip():
        raise TaskError(TaskErrorKind.EMPTY_INPUT, "--style custom needs --instruction")
    document = _read_input(args.input, as_text=False)
    with _Run(args) as run:
        write = (lambda text: None) if args.json else _stdout
        try:
            result = task_runner.summarize(run.engine, document, options, run.hooks(text=write))
        except KeyboardInterrupt:
            return 130
    if args.json:
        _print_json({"summary": result.text, "style": options.style.value,
                     "language": result.language, "parts": len(result.parts),
                     "levels": result.levels, "stopped": result.cancelled,
                     "model": run.model, "seconds": run.seconds})
    else:
        print()
    return 130 if result.cancelled else 0


def _stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


# ---- translate ------------------------------------------------------------------------------


def _translate(args: argparse.Namespace) -> int:
    from desktop.backends import task_runner
    from desktop.core.languages import language_code
    from desktop.core.translate import parse_glossary

    target = language_code(args.target)
    source = language_code(args.source) if args.source else None
    glossary = {}
    if args.glossary:
        try:
            with open(args.glossary, encoding="utf-8-sig") as file:
                glossary = parse_glossary(file.read())
        except (OSError, UnicodeDecodeError) as exc:
            raise TaskError(TaskErrorKind.BAD_GLOSSARY, str(exc)) from exc
    text = _read_input(args.input, as_text=True)
    with _Run(args) as run:
        try:
            result = task_runner.translate(run.engine, text, target, source, glossary,
                                           run.hooks())
        except KeyboardInterrupt:
            return 130
    if args.json:
        _print_json({
            "translation": result.text, "source": result.source, "target": result.target,
            "segments": [{"source": result.segments[i].text, "translation": t}
                         for i, t in result.translations.items()],
            "glossary_misses": [{"source": result.segments[i].text, "terms": terms}
                                for i, terms in result.misses.items()],
            "stopped": result.cancelled, "model": run.model, "seconds": run.seconds})
    else:
        sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")
    for i, terms in result.misses.items():
        print(f"maru: glossary: {', '.join(terms)} not rendered as required in: "
              f"{result.segments[i].text[:60]}", file=sys.stderr)
    return 130 if result.cancelled else 0


# ---- classify -------------------------------------------------------------------------------


def _classify(args: argparse.Namespace) -> int:
    from desktop.backends import task_items, task_runner

    options = _classify_options(args)
    if args.file:
        source = task_items.read_items(args.file, args.column)
    elif args.text is not None:
        if args.column:
            raise TaskError(TaskErrorKind.MISSING_COLUMN, "--column needs --file")
        source = task_items.ItemSource((task_input_text(args.text),), None)
    else:
        source = task_items.ItemSource(task_items.read_text_items(sys.stdin.read()), None)
    show = None if args.json or args.out else _print_item
    with _Run(args) as run:
        hooks = run.hooks(item=show) if show else run.hooks()
        try:
            result = task_runner.classify(run.engine, list(source.items), options, hooks)
        except KeyboardInterrupt:
            return 130
    if args.out:
        task_items.write_results_csv(args.out, result.results, options.names, source)
    if args.json:
        _print_json({"labels": list(options.names), "multi": options.multi,
                     "items": task_items.results_json(result.results),
                     "stopped": result.cancelled, "model": run.model,
                     "items_per_second": round(len(result.results) / result.seconds, 2)
                     if result.seconds else 0.0, "seconds": run.seconds})
    elif args.out:
        print(f"{len(result.results)} items -> {args.out}")
    return 130 if result.cancelled else 0


def task_input_text(text: str) -> str:
    """A TEXT argument, refused when blank."""
    if not text.strip():
        raise TaskError(TaskErrorKind.EMPTY_INPUT)
    return text


def _classify_options(args: argparse.Namespace) -> object:
    import dataclasses

    from desktop.backends import task_items
    from desktop.core import classify as cls

    if args.preset:
        if args.preset not in cls.PRESETS:
            raise TaskError(TaskErrorKind.BAD_LABEL,
                            f"no preset {args.preset!r}; presets: {', '.join(cls.PRESETS)}")
        options = cls.PRESETS[args.preset]
        if args.labels:
            options = dataclasses.replace(options, labels=cls.parse_labels(args.labels),
                                          examples=())
    elif args.labels:
        options = cls.ClassifyOptions(cls.parse_labels(args.labels))
    else:
        raise TaskError(TaskErrorKind.TOO_FEW_LABELS, "give --labels a,b,c or --preset")
    options = dataclasses.replace(options, multi=args.multi or options.multi)
    if args.examples:
        options = dataclasses.replace(options, examples=task_items.read_examples(args.examples))
    cls.validate_options(options)
    return options


def _print_item(item: object) -> None:
    chosen = ";".join(item.labels) or "-"
    probability = max(item.probabilities.values()) if not item.labels else \
        item.probabilities[item.labels[0]]
    text = " ".join(item.text.split())
    print(f"{chosen}\t{probability:.2f}\t{text[:80]}", flush=True)
