"""Chaos-suite figures: how many tries, how many survived, latencies.

`make chaos` runs each test with its full count (MARU_CHAOS=full); `make test` (and so
CI) runs the bounded count. Every test records its figures with `record()`; they are
printed at the end of the run and written to bench/results/chaos.json.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

FULL = os.environ.get("MARU_CHAOS") == "full"
RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results" / "chaos.json"
_recorded: dict[str, dict[str, object]] = {}


def count(bounded: int, full: int) -> int:
    """How many iterations: `full` under `make chaos`, `bounded` otherwise."""
    return full if FULL else bounded


def record(name: str, **figures: object) -> None:
    """Keep one experiment's figures (printed at the end of the run)."""
    _recorded[name] = {"mode": "full" if FULL else "bounded", **figures}


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of `values`; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def recorded() -> dict[str, dict[str, object]]:
    """Everything recorded in this run, by experiment."""
    return dict(_recorded)


def write() -> Path | None:
    """Save this run's figures as JSON (None when nothing was recorded)."""
    if not _recorded:
        return None
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(_recorded, indent=1, ensure_ascii=False), encoding="utf-8")
    return RESULTS
