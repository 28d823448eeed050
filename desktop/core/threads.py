"""Default thread counts for llama.cpp on this machine.

llama.cpp's worker threads spin-wait. When every core is busy (the GUI, an
indexer, another app), n_threads == cores was measured 100x slower than one
thread fewer on a 2-core machine, so the default leaves one core free. Batch
(prompt) evaluation is compute-bound and gets every core. docs/BENCHMARKS.md
holds the measurement; the user can override both in settings.
"""

from __future__ import annotations


def default_threads(cores: int) -> int:
    """Threads for token generation: all cores but one, at least one."""
    return max(1, cores - 1)


def default_batch_threads(cores: int) -> int:
    """Threads for prompt evaluation."""
    return max(1, cores)
