"""Shared bits of the benchmarks: the model, timing helpers and a table printer."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import paths
from desktop.backends.starter_model import STARTER_MODEL_FILE
from desktop.core.protocol import Done
from desktop.core.sampling import Sampling

MODEL = paths.bundled_models_dir() / STARTER_MODEL_FILE
GREEDY = Sampling(temperature=0, seed=1)
LONG_PROMPT = [{"role": "user", "content": "Write a long story about a lighthouse keeper."}]


def machine() -> str:
    """One line naming the machine, for the results."""
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    """A plain Markdown table on stdout."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def maru_decode(client: object, n_tokens: int, messages: list = LONG_PROMPT) -> tuple[int, float]:
    """(tokens, seconds) from the first streamed chunk to the last, as the caller sees it."""
    first = None
    for event in client.generate(messages, GREEDY, max_tokens=n_tokens, reuse_cache=False):
        if isinstance(event, Done):
            return event.completion_tokens - 1, time.perf_counter() - first
        if first is None:
            first = time.perf_counter()
    raise RuntimeError("no Done")


def median(values: list[float]) -> float:
    """The median, for reporting."""
    return statistics.median(values)
