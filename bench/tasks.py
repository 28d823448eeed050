"""Task modes: classification from log-probabilities and map-reduce summaries.

    .venv/bin/python bench/tasks.py [--ctx 2048] [--sections-only] [--skip-summary]

1. Classification on bench/data/classify_{sentiment,topic}.jsonl (Korean and English),
   same model, same prompt (`single_label_messages`), no few-shot examples:
   A: Maru, `task_runner.classify` (probabilities of the label names from the
      log-probabilities, decoding constrained to exactly one label: never invalid);
   B: baseline "generate and parse": greedy, 12 tokens, `parse_generated` (None: the
      answer names no label).
   Accuracy, macro-F1, invalid answers and items/s per dataset and language; the
   passes are interleaved (A then B for sentiment, B then A for topic).
   Then prefix reuse: A on the 60 sentiment items with no examples, with the preset's 3
   and with ~600 tokens of examples, and the share of each prompt the KV cache held
   (`engine.score` directly: ChoiceScores.cached_tokens / prompt_tokens).
2. Summary coverage of bench/data/long_document.md (24 sections, one keyword each,
   found only in its own section) at n_ctx=--ctx: Maru's map-reduce
   `task_runner.summarize` (DETAILED) against the baseline a chat app gives when a
   document overflows the context: the start that fits, summarized in one pass with
   the same final prompt. Which sections reached the model, and which sections'
   keywords survive in the part summaries, each reduce level and the final summary.

--sections-only: only the token counts and which sections each path feeds the model
(no generation: summarize is cancelled before its first call); --skip-summary: part 1 only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import GREEDY, MODEL, machine, print_table
from desktop.backends import task_runner
from desktop.backends.doc_readers.text import text_document
from desktop.backends.engine_client import EngineClient
from desktop.core import summarize as summ
from desktop.core.classify import (
    PRESETS,
    ClassifyOptions,
    Example,
    ItemResult,
    Label,
    accuracy,
    macro_f1,
    parse_generated,
    parse_labels,
    single_label_messages,
)
from desktop.core.protocol import ChoiceScores, Done, LoadRequest, TokenChunk
from desktop.core.tasks import Progress, Stage

DATA = Path(__file__).resolve().parent / "data"
TOPIC_LABELS = "business, politics, science, sports, technology, entertainment, health"
LANGS = ("en", "ko", "all")
BASELINE_TOKENS = 12
LONG_PREFIX_TOKENS = 600

# ---- 1. classification ----------------------------------------------------------------------


def load_items(name: str) -> list[dict]:
    lines = (DATA / f"classify_{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def sentiment_options() -> ClassifyOptions:
    return dataclasses.replace(PRESETS["sentiment"], examples=())


def topic_options() -> ClassifyOptions:
    labels = parse_labels(TOPIC_LABELS)
    described = {label.name: label.description for label in PRESETS["topic"].labels}
    if {label.name for label in labels} == set(described):
        labels = tuple(Label(label.name, described[label.name]) for label in labels)
    return ClassifyOptions(labels=labels)


@dataclass
class Pass:
    """One pass over a dataset: a prediction and the seconds spent per item."""

    predicted: list[str | None]
    item_seconds: list[float]
    seconds: float
    outputs: list[str] = field(default_factory=list)  # the baseline's raw answers
    worst_sum_error: float = 0.0  # Maru: max |sum of probabilities - 1|


def run_maru(engine: EngineClient, texts: list[str], options: ClassifyOptions) -> Pass:
    """A: task_runner.classify; per-item seconds from the item callbacks' spacing."""
    stamps: list[float] = []
    hooks = task_runner.RunHooks(item=lambda _item: stamps.append(time.perf_counter()))
    started = time.perf_counter()
    result = task_runner.classify(engine, texts, options, hooks)
    seconds = time.perf_counter() - started
    assert not result.cancelled and len(result.results) == len(texts)
    names = options.names
    # Constrained to the label names: one label, always a valid one (0 invalid answers).
    assert all(len(r.labels) == 1 and r.labels[0] in names for r in result.results)
    spacing = [b - a for a, b in zip([started, *stamps], stamps, strict=False)]
    return Pass([r.labels[0] for r in result.results], spacing, seconds,
                worst_sum_error=max(_sum_error(r) for r in result.results))


def _sum_error(item: ItemResult) -> float:
    return abs(sum(item.probabilities.values()) - 1.0)


def run_baseline(engine: EngineClient, texts: list[str], options: ClassifyOptions) -> Pass:
    """B: generate a short greedy answer to the same prompt and parse a label out of it."""
    predicted, outputs, spacing = [], [], []
    started = time.perf_counter()
    for text in texts:
        begun = time.perf_counter()
        output = "".join(event.text for event in engine.generate(
            single_label_messages(options, text), GREEDY, max_tokens=BASELINE_TOKENS)
            if isinstance(event, TokenChunk))
        spacing.append(time.perf_counter() - begun)
        outputs.append(output)
        predicted.append(parse_generated(output, options.names))
    return Pass(predicted, spacing, time.perf_counter() - started, outputs)


def classification_rows(name: str, items: list[dict], options: ClassifyOptions,
                        maru: Pass, base: Pass) -> list[list[object]]:
    rows = []
    for lang in LANGS:
        chosen = [i for i, item in enumerate(items) if lang == "all" or item["lang"] == lang]
        gold = [items[i]["label"] for i in chosen]
        row: list[object] = [name, lang, len(chosen)]
        for run in (maru, base):
            predicted = [run.predicted[i] for i in chosen]
            row += [f"{accuracy(gold, predicted):.2f}",
                    f"{macro_f1(gold, predicted, options.names):.2f}"]
        invalid = sum(base.predicted[i] is None for i in chosen) / len(chosen)
        row.append(f"{invalid:.2f}")
        for run in (maru, base):
            seconds = run.seconds if lang == "all" else sum(run.item_seconds[i] for i in chosen)
            row.append(f"{len(chosen) / seconds:.1f}")
        rows.append(row)
    return rows


def bench_classification(engine: EngineClient) -> list[tuple]:
    """Both datasets, A and B interleaved; returns (name, items, options, A, B) each."""
    runs = []
    for name, options, maru_first in (("sentiment", sentiment_options(), True),
                                      ("topic", topic_options(), False)):
        items = load_items(name)
        texts = [item["text"] for item in items]
        if maru_first:
            maru = run_maru(engine, texts, options)
            base = run_baseline(engine, texts, options)
        else:
            base = run_baseline(engine, texts, options)
            maru = run_maru(engine, texts, options)
        runs.append((name, items, options, maru, base))
    return runs


def report_classification(runs: list[tuple]) -> None:
    print("## 1. Classification: A = Maru constrained log-prob, B = generate and parse "
          f"(greedy, {BASELINE_TOKENS} tokens)\n")
    rows = [row for run in runs for row in classification_rows(*run)]
    print_table(["dataset", "lang", "items", "A acc", "A macro-F1", "B acc", "B macro-F1",
                 "B invalid", "A items/s", "B items/s"], rows)
    worst = max(run[3].worst_sum_error for run in runs)
    print(f"\nA: 0 invalid answers (asserted); worst |sum of probabilities - 1| = {worst:.1e}.")
    print("items/s: 'all' is the whole pass; en/ko from the per-item times within it.")
    for name, items, _options, _maru, base in runs:
        bad = [f"{items[i]['lang']}: {base.outputs[i]!r}"
               for i, p in enumerate(base.predicted) if p is None][:4]
        if bad:
            print(f"B invalid answers ({name}, first {len(bad)}): " + "; ".join(bad))
    print()


# ---- 1b. prefix reuse -----------------------------------------------------------------------

MADE_UP = {
    "positive": ["The {0} exceeded every expectation and the staff were lovely.",
                 "{0} 정말 마음에 들어요. 친구들에게도 추천했어요.",
                 "Best {0} I have tried this year, worth every penny."],
    "negative": ["The {0} broke after two days and support never answered.",
                 "{0} 때문에 너무 실망했어요. 다시는 안 살 거예요.",
                 "Avoid this {0}: overpriced, slow and badly made."],
    "neutral": ["The {0} comes in three sizes and ships from Busan.",
                "{0} 매장은 오전 10시에 문을 엽니다.",
                "I received the {0} on Tuesday; I have not opened it yet."],
}
THINGS = ["blender", "hotel", "laptop", "bakery", "jacket", "bus tour", "dentist", "phone case",
          "camping tent", "café", "printer", "museum audio guide"]


def prefix_tokens(engine: EngineClient, options: ClassifyOptions) -> int:
    """Tokens of the shared prompt (everything before the item), template markup aside."""
    messages = single_label_messages(options, "")
    return engine.count_tokens(["\n".join(m["content"] for m in messages)])[0]


def long_prefix_options(engine: EngineClient, base: ClassifyOptions,
                        target: int = LONG_PREFIX_TOKENS) -> ClassifyOptions:
    """The preset's examples plus made-up ones cycling through the labels, until the
    system message and examples come to about `target` tokens."""
    examples = list(base.examples)
    names = base.names
    n = 0
    while prefix_tokens(engine, dataclasses.replace(base, examples=tuple(examples))) < target:
        label = names[n % len(names)]
        template = MADE_UP[label][(n // len(names)) % len(MADE_UP[label])]
        examples.append(Example(template.format(THINGS[n % len(THINGS)]), (label,)))
        n += 1
    return dataclasses.replace(base, examples=tuple(examples))


def cached_share(engine: EngineClient, texts: list[str], options: ClassifyOptions
                 ) -> tuple[float, float, float]:
    """(mean prompt tokens, mean cached tokens, mean cached/prompt) over the items,
    scoring the same prompts as classify does."""
    prompts = [single_label_messages(options, text) for text in texts]
    scores = [e for e in engine.score(prompts, options.names) if isinstance(e, ChoiceScores)]
    assert len(scores) == len(texts)
    prompt = sum(s.prompt_tokens for s in scores) / len(scores)
    cached = sum(s.cached_tokens for s in scores) / len(scores)
    share = sum(s.cached_tokens / s.prompt_tokens for s in scores) / len(scores)
    return prompt, cached, share


def bench_prefix(engine: EngineClient, rounds: int = 2) -> list[list[object]]:
    texts = [item["text"] for item in load_items("sentiment")]
    short = sentiment_options()
    configs = {"no examples (part 1)": short,
               "preset's 3 examples": PRESETS["sentiment"],
               f"~{LONG_PREFIX_TOKENS} tokens of examples":
                   long_prefix_options(engine, PRESETS["sentiment"])}
    seconds: dict[str, list[float]] = {name: [] for name in configs}
    names = list(configs)
    for r in range(rounds):  # interleaved, the order reversed every other round
        for name in names if r % 2 == 0 else names[::-1]:
            seconds[name].append(run_maru(engine, texts, configs[name]).seconds)
    base_rate = len(texts) / min(seconds[names[0]])
    rows = []
    for name, options in configs.items():
        prompt, cached, share = cached_share(engine, texts, options)
        rate = len(texts) / min(seconds[name])
        rows.append([name, len(options.examples), prefix_tokens(engine, options),
                     f"{prompt:.0f}", f"{cached:.0f}", f"{share:.2f}", f"{rate:.1f}",
                     f"{rate / base_rate:.2f}"])
    return rows


def report_prefix(rows: list[list[object]], n_items: int, rounds: int) -> None:
    print(f"## 1b. Prefix reuse: A on the same {n_items} sentiment items, best of {rounds} "
          "interleaved passes\n")
    print_table(["shared prompt", "examples", "prefix tokens", "mean prompt tokens",
                 "mean cached tokens", "cached share", "items/s", "ratio to no examples"], rows)
    print("\nprefix tokens: system message and examples (contents only, no template "
          "markup); cached: the KV cache's share of each prompt, from engine.score.\n")


# ---- 2. summary coverage --------------------------------------------------------------------


class Recorder:
    """An engine that passes everything through and keeps what each generate call
    was asked (its system prompt) and answered, to read the intermediate summaries."""

    def __init__(self, engine: EngineClient) -> None:
        self.engine = engine
        self.calls: list[tuple[str, str]] = []  # (system prompt, output)

    @property
    def model_info(self) -> object:
        return self.engine.model_info

    def generate(self, messages: Sequence[dict], sampling: object = None, **options: object
                 ) -> Iterator:
        pieces = []
        for event in self.engine.generate(messages, sampling, **options):
            if isinstance(event, TokenChunk):
                pieces.append(event.text)
            elif isinstance(event, Done):
                self.calls.append((messages[0]["content"], "".join(pieces)))
            yield event

    def score(self, prompts: Sequence, choices: Sequence[str]) -> Iterator:
        return self.engine.score(prompts, choices)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.engine.count_tokens(texts)


def keyword_share(keywords: list[str], texts: list[str]) -> int:
    """How many keywords occur (case-insensitive) in any of the texts."""
    joined = "\n".join(texts).casefold()
    return sum(keyword.casefold() in joined for keyword in keywords)


def truncate_to_fit(engine: EngineClient, text: str, budget: int) -> str:
    """The longest start of `text` that is at most `budget` tokens (binary search)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if engine.count_tokens([text[:middle]])[0] <= budget:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def one_pass_budget(engine: EngineClient, options: summ.SummaryOptions, n_ctx: int) -> int:
    """What summarize allows a text that fits in one pass: the context minus the final
    summary's tokens and the final prompt's overhead."""
    system = summ.final_messages("", options, from_parts=False)
    overhead = engine.count_tokens(["\n".join(m["content"] for m in system)])[0]
    return n_ctx - summ.final_tokens(options.style, n_ctx) - overhead - summ.PROMPT_MARGIN


def run_maru_summary(engine: EngineClient, text: str, options: summ.SummaryOptions,
                     dry: bool) -> dict:
    recorder = Recorder(engine)
    events: list[tuple[float, Progress]] = []
    hooks = task_runner.RunHooks(
        progress=lambda p: events.append((time.perf_counter(), p)),
        cancelled=(lambda: True) if dry else (lambda: False))
    started = time.perf_counter()
    result = task_runner.summarize(recorder, text_document(text), options, hooks)
    seconds = time.perf_counter() - started
    assert result.cancelled == dry, "summarize stopped early" if not dry else "not cancelled"
    return {"result": result, "calls": recorder.calls, "events": events, "seconds": seconds,
            "started": started}


def run_truncated(engine: EngineClient, text: str, options: summ.SummaryOptions, n_ctx: int,
                  dry: bool) -> dict:
    started = time.perf_counter()
    budget = one_pass_budget(engine, options, n_ctx)
    cut = truncate_to_fit(engine, text, budget)
    output = ""
    if not dry:
        messages = summ.final_messages(cut, options, from_parts=False)
        output = "".join(event.text for event in engine.generate(
            messages, summ.SUMMARY_SAMPLING, max_tokens=summ.final_tokens(options.style, n_ctx))
            if isinstance(event, TokenChunk)).strip()
    return {"input": cut, "tokens": engine.count_tokens([cut])[0], "budget": budget,
            "output": output, "seconds": time.perf_counter() - started}


def stage_seconds(run: dict) -> dict[Stage, float]:
    """Seconds from each stage's first progress event to the next stage's (or the end)."""
    firsts: dict[Stage, float] = {}
    for stamp, progress in run["events"]:
        firsts.setdefault(progress.stage, stamp)
    ends = [*list(firsts.values())[1:], run["started"] + run["seconds"]]
    return {stage: end - begin for (stage, begin), end in zip(firsts.items(), ends, strict=True)}


def bench_summary(ctx: int, dry: bool) -> None:
    text = (DATA / "long_document.md").read_text(encoding="utf-8")
    sections = json.loads((DATA / "long_document_keywords.json").read_text(encoding="utf-8"))
    keywords = [s["keyword"] for s in sections["sections"]]
    with EngineClient() as engine:
        engine.load(LoadRequest(str(MODEL), n_ctx=ctx))
        doc_tokens = engine.count_tokens([text])[0]
        maru = run_maru_summary(engine, text, summ.SummaryOptions(summ.SummaryStyle.DETAILED), dry)
        result = maru["result"]
        options = summ.SummaryOptions(summ.SummaryStyle.DETAILED, result.language)
        base = run_truncated(engine, text, options, ctx, dry)
    report_summary(ctx, text, doc_tokens, keywords, maru, base, dry)


def report_summary(ctx: int, text: str, doc_tokens: int, keywords: list[str], maru: dict,
                   base: dict, dry: bool) -> None:
    result, n = maru["result"], len(keywords)
    print(f"## 2. Summary coverage: long_document.md, {len(text):,} chars, {doc_tokens:,} tokens "
          f"= {doc_tokens / ctx:.1f}x n_ctx {ctx:,} ({n} sections)\n")
    fed = keyword_share(keywords, [part.text for part in result.parts])
    by_kind = {"map": [], "reduce": [], "final": []}
    for system, output in maru["calls"]:
        kind = ("map" if system.startswith("You summarize one part") else
                "reduce" if system.startswith("You merge") else "final")
        by_kind[kind].append(output)
    final = result.text
    rows = [["Maru map-reduce (DETAILED)", f"{len(result.parts)} parts",
             f"{fed}/{n}", "-" if dry else f"{keyword_share(keywords, by_kind['map'])}/{n}",
             "-" if dry else f"{keyword_share(keywords, [final])}/{n}",
             len(maru["calls"]), "-" if dry else f"{maru['seconds']:.0f}"],
            ["start that fits, one pass (baseline)", f"{base['tokens']:,} tokens",
             f"{keyword_share(keywords, [base['input']])}/{n}", "-",
             "-" if dry else f"{keyword_share(keywords, [base['output']])}/{n}",
             0 if dry else 1, "-" if dry else f"{base['seconds']:.0f}"]]
    print_table(["path", "model input", "sections read by the model", "keywords in part "
                 "summaries", "keywords in final summary", "generate calls", "s"], rows)
    print(f"\nbaseline budget: {base['budget']:,} tokens of input ({len(base['input']):,} "
          f"chars) = n_ctx - final summary tokens - prompt overhead, as summarize's one pass.")
    if dry:
        print("(--sections-only: nothing generated)\n")
        return
    stages = stage_seconds(maru)
    levels = reduce_levels(maru["events"], by_kind["reduce"])
    print(f"Maru: {len(result.parts)} parts, {result.levels} reduce level(s); calls: "
          f"{len(by_kind['map'])} map, {len(by_kind['reduce'])} reduce, {len(by_kind['final'])} "
          "final; seconds: " + ", ".join(f"{stage.value} {s:.0f}" for stage, s in stages.items())
          + ".\nKeywords kept, level by level: map " + f"{keyword_share(keywords, by_kind['map'])}"
          + "".join(f" -> reduce {i} ({len(outs)} summaries) {keyword_share(keywords, outs)}"
                    for i, outs in enumerate(levels, 1))
          + f" -> final {keyword_share(keywords, [final])} (of {n}).\n")
    print(f"Maru's final summary ({len(final):,} chars):\n> " + final.replace("\n", "\n> "))
    print(f"\nBaseline's summary ({len(base['output']):,} chars):\n> "
          + base["output"].replace("\n", "\n> ") + "\n")


def reduce_levels(events: list[tuple[float, Progress]], outputs: list[str]) -> list[list[str]]:
    """The reduce outputs split by level (each level starts with a Progress(0, groups))."""
    sizes = [p.total for _, p in events if p.stage is Stage.REDUCE and p.done == 0]
    levels, start = [], 0
    for size in sizes:
        levels.append(outputs[start:start + size])
        start += size
    return levels


# ---- main -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ctx", type=int, default=2048, help="n_ctx for the summaries")
    parser.add_argument("--sections-only", action="store_true",
                        help="summary part only, without generating: which sections reach "
                             "the model")
    parser.add_argument("--skip-summary", action="store_true", help="classification only")
    args = parser.parse_args()
    began = time.perf_counter()
    print(f"# Task modes ({machine()}), {MODEL.name}; load average at the start "
          f"{os.getloadavg()[0]:.1f}\n")
    if not args.sections_only:
        with EngineClient() as engine:
            info = engine.load(LoadRequest(str(MODEL)))
            "".join(str(e) for e in engine.generate([{"role": "user", "content": "Hi"}], GREEDY,
                                                    max_tokens=1))  # warm-up
            print(f"classification engine: n_ctx {info.n_ctx}, {info.n_threads} thread(s)\n")
            report_classification(bench_classification(engine))
            report_prefix(bench_prefix(engine), len(load_items("sentiment")), 2)
            print(f"(classification and prefix reuse: {time.perf_counter() - began:.0f} s)\n")
    if not args.skip_summary:
        bench_summary(args.ctx, args.sections_only)
    print(f"whole bench: {time.perf_counter() - began:.0f} s; load average at the end "
          f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
