"""Runs the task modes on an engine: map-reduce summaries, structure-keeping
translation, classification from log-probabilities. Blocking; no Qt.

The same functions serve the CLI (on an EngineClient) and the app (on the
engine service's worker thread). They report through RunHooks and stop between
two engine calls when `hooks.cancelled()` turns true; the engine call in flight
is stopped by the caller's `engine.cancel()`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from desktop.core import classify as cls
from desktop.core import summarize as summ
from desktop.core import translate as tr
from desktop.core.chunking import chunk_document
from desktop.core.documents import Chunk, ExtractedDocument
from desktop.core.languages import detect_language, language_code
from desktop.core.protocol import ChoiceScores, Done, Message, ModelInfo, StopReason
from desktop.core.sampling import Sampling
from desktop.core.tasks import Progress, Stage, TaskError, TaskErrorKind

TRANSLATE_SAMPLING = Sampling(temperature=0.1, top_p=0.9, repeat_penalty=1.05)
SCORE_BATCH = 32  # prompts per engine request: progress and cancel stay prompt


class TaskEngine(Protocol):
    """What a run needs of the engine (EngineClient, or a test fake)."""

    model_info: ModelInfo | None

    def generate(self, messages: Sequence[Message], sampling: Sampling | None = None,
                 **options: object) -> Iterator: ...
    def score(self, prompts: Sequence[Sequence[Message]], choices: Sequence[str]
              ) -> Iterator: ...
    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...


def _nothing(*_args: object) -> None:
    return None


@dataclass
class RunHooks:
    """Where a run reports. All optional; called on the running thread."""

    progress: Callable[[Progress], None] = _nothing
    text: Callable[[str], None] = _nothing  # the final summary, as it streams
    segment: Callable[[int, str, str], None] = _nothing  # translation: (index, source, output)
    item: Callable[[cls.ItemResult], None] = _nothing
    cancelled: Callable[[], bool] = lambda: False


@dataclass
class SummaryResult:
    """A summary and how it was made. `parts` are the input's chunks, each read by
    the model: together they cover the whole input."""

    text: str
    language: str | None
    parts: list[Chunk] = field(default_factory=list)
    levels: int = 0  # reduce levels above the map (0: the input fit in one pass)
    cancelled: bool = False


@dataclass
class TranslationResult:
    """A translation with its source, aligned segment by segment."""

    text: str
    source: str | None
    target: str
    segments: list[tr.Segment]
    translations: dict[int, str]
    misses: dict[int, list[str]]  # glossary terms not rendered as required, per segment
    cancelled: bool = False


@dataclass
class ClassifyResult:
    """Items classified so far (all of them unless cancelled)."""

    results: list[cls.ItemResult]
    cancelled: bool = False
    seconds: float = 0.0


class _Stopped(Exception):
    """The run was cancelled during an engine call."""


def _n_ctx(engine: TaskEngine) -> int:
    if engine.model_info is None:
        from desktop.core.errors import EngineError, ErrorKind

        raise EngineError(ErrorKind.NO_MODEL_LOADED, "load a model first")
    return engine.model_info.n_ctx


def _generate(engine: TaskEngine, messages: list[Message], sampling: Sampling, max_tokens: int,
              emit: Callable[[str], None] = _nothing, stop: tuple[str, ...] = ()) -> str:
    parts: list[str] = []
    for event in engine.generate(messages, sampling, max_tokens=max_tokens, stop=stop):
        if isinstance(event, Done):
            if event.stop_reason is StopReason.CANCELLED:
                raise _Stopped
        else:
            parts.append(event.text)
            emit(event.text)
    return "".join(parts).strip()


# ---- summarize ---------------------------------------------------------------------------


def summarize(engine: TaskEngine, document: ExtractedDocument, options: summ.SummaryOptions,
              hooks: RunHooks | None = None) -> SummaryResult:
    """Summarize a document of any length (see desktop.core.summarize)."""
    hooks = hooks or RunHooks()
    n_ctx = _n_ctx(engine)
    if not document.has_text:
        raise TaskError(TaskErrorKind.EMPTY_INPUT)
    if options.style is summ.SummaryStyle.CUSTOM and not options.instruction.strip():
        raise TaskError(TaskErrorKind.EMPTY_INPUT, "the custom instruction is empty")
    language = options.language or detect_language(_sample(document))
    options = summ.SummaryOptions(options.style, language, options.instruction)
    result = SummaryResult("", language)
    final_out = summ.final_tokens(options.style, n_ctx)
    part_out = summ.part_tokens(options.style, n_ctx)
    try:
        budget = n_ctx - final_out - _overhead(engine, summ.final_messages("", options,
                                                                           from_parts=True))
        whole = "\n\n".join(p.text for p in document.parts if p.text.strip())
        if engine.count_tokens([whole])[0] <= budget:
            result.parts = chunk_document(document, budget=10**9, overlap=0)
            result.text = _final(engine, whole, options, False, final_out, hooks)
            return result
        map_budget = n_ctx - part_out - _overhead(engine, summ.part_messages(
            "", "x" * 40, 1, 1, options))
        result.parts = _fit_chunks(engine, document, map_budget)
        summaries = _map(engine, result.parts, options, part_out, hooks)
        result.text, result.levels = _reduce(engine, summaries, [c.heading for c in result.parts],
                                             options, budget, part_out, final_out, hooks)
    except _Stopped:
        result.cancelled = True
    return result


def _sample(document: ExtractedDocument) -> str:
    return "\n".join(p.text[:4000] for p in document.parts[:5])


def _overhead(engine: TaskEngine, messages: list[Message]) -> int:
    return engine.count_tokens(["\n".join(m["content"] for m in messages)])[0] + \
        summ.PROMPT_MARGIN


def _fit_chunks(engine: TaskEngine, document: ExtractedDocument, limit: int) -> list[Chunk]:
    """Chunks on the document's structure, each at most `limit` real tokens. The
    chunker counts approximately; a chunk that comes out over is cut smaller."""
    budget = limit
    for _ in range(6):
        chunks = chunk_document(document, budget=max(16, budget), overlap=0)
        counts = engine.count_tokens([c.text for c in chunks])
        worst = max(counts)
        if worst <= limit:
            return chunks
        budget = int(budget * limit / worst * 0.9)
    raise TaskError(TaskErrorKind.EMPTY_INPUT, "the text could not be cut to fit the context")


def _map(engine: TaskEngine, chunks: list[Chunk], options: summ.SummaryOptions, out: int,
         hooks: RunHooks) -> list[str]:
    summaries = []
    hooks.progress(Progress(0, len(chunks), Stage.MAP))
    for i, chunk in enumerate(chunks, 1):
        if hooks.cancelled():
            raise _Stopped
        messages = summ.part_messages(chunk.text, chunk.heading, i, len(chunks), options)
        summaries.append(_generate(engine, messages, summ.SUMMARY_SAMPLING, out))
        hooks.progress(Progress(i, len(chunks), Stage.MAP))
    return summaries


def _reduce(engine: TaskEngine, summaries: list[str], headings: list[str],
            options: summ.SummaryOptions, budget: int, part_out: int, final_out: int,
            hooks: RunHooks) -> tuple[str, int]:
    """Combine summaries level by level until they fit one final prompt."""
    levels = 0
    while True:
        joined = summ.join_summaries(summaries, headings)
        if engine.count_tokens([joined])[0] <= budget or len(summaries) == 1:
            return _final(engine, joined, options, True, final_out, hooks), levels
        levels += 1
        sizes = engine.count_tokens([summ.join_summaries([s], [h]) for s, h in
                                     zip(summaries, headings, strict=True)])
        groups = summ.group_by_budget(sizes, budget)
        if len(groups) == len(summaries):  # no two fit together: halve each one
            summaries = [s[: len(s) // 2] for s in summaries]
            groups = [range(i, min(i + 2, len(summaries))) for i in range(0, len(summaries), 2)]
        merged = []
        hooks.progress(Progress(0, len(groups), Stage.REDUCE))
        for n, group in enumerate(groups, 1):
            if hooks.cancelled():
                raise _Stopped
            text = summ.join_summaries([summaries[i] for i in group],
                                       [headings[i] for i in group])
            merged.append(_generate(engine, summ.reduce_messages(text, options),
                                    summ.SUMMARY_SAMPLING, part_out))
            hooks.progress(Progress(n, len(groups), Stage.REDUCE))
        # A merged group is named by its sections' own titles, not their full
        # breadcrumbs: the document title would repeat once per section.
        headings = [" / ".join(dict.fromkeys(headings[i].split(" > ")[-1] for i in g
                                             if headings[i])) for g in groups]
        summaries = merged


def _final(engine: TaskEngine, text: str, options: summ.SummaryOptions, from_parts: bool,
           out: int, hooks: RunHooks) -> str:
    if hooks.cancelled():
        raise _Stopped
    hooks.progress(Progress(0, 1, Stage.FINAL))
    messages = summ.final_messages(text, options, from_parts=from_parts)
    summary = _generate(engine, messages, summ.SUMMARY_SAMPLING, out, hooks.text)
    hooks.progress(Progress(1, 1, Stage.FINAL))
    return summary


# ---- translate ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def translate(engine: TaskEngine, text: str, target: str, source: str | None = None,
              glossary: tr.Glossary | None = None, hooks: RunHooks | None = None
              ) -> TranslationResult:
    """Translate segment by segment; code, blank lines and markup stay as they are."""
    hooks = hooks or RunHooks()
    target = language_code(target)
    source = language_code(source) if source else detect_language(text)
    n_ctx = _n_ctx(engine)
    segments = tr.segment(text)
    indexes = tr.text_indexes(segments)
    if not indexes:
        raise TaskError(TaskErrorKind.EMPTY_INPUT)
    result = TranslationResult(text, source, target, segments, {}, {})
    hooks.progress(Progress(0, len(indexes), Stage.TRANSLATE))
    try:
        for n, i in enumerate(indexes, 1):
            if hooks.cancelled():
                raise _Stopped
            original = tr.source_text(segments[i])
            hits = tr.glossary_hits(glossary or {}, original)
            output = _translate_segment(engine, original, target, source, hits, n_ctx)
            result.translations[i] = output
            missing = tr.glossary_misses(hits, output)
            if missing:
                result.misses[i] = missing
            hooks.segment(i, original, output)
            hooks.progress(Progress(n, len(indexes), Stage.TRANSLATE))
    except _Stopped:
        result.cancelled = True
    result.text = tr.assemble(segments, result.translations)
    return result


def _translate_segment(engine: TaskEngine, text: str, target: str, source: str | None,
                       hits: tr.Glossary, n_ctx: int) -> str:
    if source == target:
        return text
    pieces = _pieces_that_fit(engine, text, n_ctx // 4)
    outputs = []
    for piece in pieces:
        size = engine.count_tokens([piece])[0]
        messages = tr.translation_messages(piece, target, source, hits)
        # A translation never adds a line (or a paragraph): where one starts, the
        # model has moved on to notes or a second attempt.
        stop = ("\n",) if "\n" not in piece.strip() else ("\n\n",)
        out = _generate(engine, messages, TRANSLATE_SAMPLING, min(3 * size + 32, n_ctx // 2),
                        stop=stop)
        outputs.append(tr.enforce_glossary(hits, tr.clean_output(out, piece)))
    return " ".join(o for o in outputs if o) or text


def _pieces_that_fit(engine: TaskEngine, text: str, limit: int) -> list[str]:
    """A segment too long for one request, cut at sentence ends (rare: a paragraph
    of thousands of words)."""
    if engine.count_tokens([text])[0] <= limit:
        return [text]
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if pieces and engine.count_tokens([pieces[-1] + " " + sentence])[0] <= limit:
            pieces[-1] += " " + sentence
        else:
            pieces.append(sentence)
    return pieces


# ---- classify ----------------------------------------------------------------------------


def classify(engine: TaskEngine, items: Sequence[str], options: cls.ClassifyOptions,
             hooks: RunHooks | None = None) -> ClassifyResult:
    """Classify each item; single-label probabilities sum to 1, multi-label ones are
    independent yes/no probabilities."""
    hooks = hooks or RunHooks()
    cls.validate_options(options)
    if not items:
        raise TaskError(TaskErrorKind.EMPTY_INPUT)
    n_ctx = _n_ctx(engine)
    result = ClassifyResult([])
    started = time.perf_counter()
    hooks.progress(Progress(0, len(items), Stage.CLASSIFY))
    try:
        for start in range(0, len(items), SCORE_BATCH):
            if hooks.cancelled():
                raise _Stopped
            batch = _fit_items(engine, items[start:start + SCORE_BATCH], options, n_ctx)
            for offset, probabilities in enumerate(_probabilities(engine, batch, options)):
                index = start + offset
                item = cls.ItemResult(index, items[index], cls.decide(options, probabilities),
                                      probabilities)
                result.results.append(item)
                hooks.item(item)
                hooks.progress(Progress(index + 1, len(items), Stage.CLASSIFY))
    except _Stopped:
        result.cancelled = True
    result.seconds = time.perf_counter() - started
    return result


def _probabilities(engine: TaskEngine, items: list[str], options: cls.ClassifyOptions
                   ) -> Iterator[dict[str, float]]:
    names = options.names
    if not options.multi:
        prompts = [cls.single_label_messages(options, item) for item in items]
        for scores in _scores(engine, prompts, names):
            yield dict(zip(names, scores, strict=True))
        return
    prompts = [cls.label_question_messages(options, item, label)
               for item in items for label in options.labels]
    scores = _scores(engine, prompts, cls.YES_NO)
    for _item in items:
        yield {name: next(scores)[0] for name in names}


def _scores(engine: TaskEngine, prompts: list, choices: Sequence[str]
            ) -> Iterator[tuple[float, ...]]:
    for event in engine.score(prompts, choices):
        if isinstance(event, ChoiceScores):
            yield event.probabilities
        elif isinstance(event, Done) and event.stop_reason is StopReason.CANCELLED:
            raise _Stopped


def _fit_items(engine: TaskEngine, items: Sequence[str], options: cls.ClassifyOptions,
               n_ctx: int) -> list[str]:
    """Items cut to what fits after the shared prompt (a review pasted twice over
    still gets a label, from its first part)."""
    prefix = cls.single_label_messages(options, "")
    reserve = _overhead(engine, prefix) + 16 + max(len(n) for n in options.names)
    limit = max(16, n_ctx - reserve)
    counts = engine.count_tokens(list(items))
    return [item if count <= limit else item[: int(len(item) * limit / count * 0.9)]
            for item, count in zip(items, counts, strict=True)]
