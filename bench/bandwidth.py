"""Decode speed against this machine's memory bandwidth, and threads 1 vs 2.

Token generation reads every weight once per token, so tokens/s x weight bytes
is the bandwidth decoding achieves; the machine's read bandwidth (NumPy sum over
a 512 MiB array, one thread, measured in the same run) is its physical limit.
Also: decode with each thread count, with the machine idle and with one core
kept busy by another process (the spin-wait trap).
    python bench/bandwidth.py
"""

from __future__ import annotations

import multiprocessing
import os
import time

import numpy as np
from common import MODEL, machine, maru_decode, median, print_table

from desktop.backends.engine_client import EngineClient
from desktop.backends.gguf_info import read_gguf_info
from desktop.core.protocol import LoadRequest


def read_bandwidth(mib: int = 512, repeats: int = 5) -> float:
    """Bytes per second that one thread can stream from RAM."""
    data = np.ones(mib * 1024**2 // 8)
    best = 0.0
    for _ in range(repeats):
        started = time.perf_counter()
        data.sum()
        best = max(best, data.nbytes / (time.perf_counter() - started))
    return best


def burn(stop: multiprocessing.Event) -> None:
    """Keep one core busy, like a GUI or indexer would."""
    while not stop.is_set():
        sum(range(10_000))


def decode_rate(threads: int, busy: bool) -> float:
    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    burner = ctx.Process(target=burn, args=(stop,)) if busy else None
    with EngineClient() as client:
        client.load(LoadRequest(path=str(MODEL), n_ctx=2048, n_threads=threads))
        if burner:
            burner.start()
        try:
            rates = [n / s for n, s in (maru_decode(client, 64) for _ in range(3))]
        finally:
            if burner:
                stop.set()
                burner.join()
    return median(rates)


def main() -> None:
    weights = read_gguf_info(MODEL).tensor_data_bytes
    bandwidth = read_bandwidth()
    cores = os.cpu_count() or 1
    rows = []
    for threads in sorted({1, max(1, cores - 1), cores}):
        for busy in (False, True):
            rate = decode_rate(threads, busy)
            rows.append([threads, "busy" if busy else "idle", f"{rate:.1f}",
                         f"{rate * weights / 1e9:.2f}", f"{rate * weights / bandwidth:.0%}"])
    print(f"# decode vs memory bandwidth: {MODEL.name} ({weights / 1e6:.0f} MB of weights), "
          f"{machine()}")
    print(f"measured read bandwidth, one thread: {bandwidth / 1e9:.2f} GB/s")
    print_table(["threads", "other core", "tok/s", "GB/s of weights", "of measured bandwidth"],
                rows)


if __name__ == "__main__":
    main()
