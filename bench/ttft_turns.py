"""Time to first token over the turns of one conversation: KV prefix reuse vs fresh.

At each turn the same messages are answered twice, interleaved: with Maru's
cache reuse (only the new turn is evaluated) and with a fresh context (the
whole conversation is evaluated again).
    python bench/ttft_turns.py [--turns 20]
"""

from __future__ import annotations

import argparse
import time

from common import GREEDY, MODEL, machine, print_table

from desktop.backends.engine_client import EngineClient
from desktop.core.protocol import Done, LoadRequest

QUESTIONS = ["Tell me about the moon.", "Why is the sky blue?", "Name three rivers.",
             "What is a prime number?", "Describe a cat in one sentence."]


def ttft(client: EngineClient, messages: list, reuse: bool) -> tuple[float, str, Done]:
    started, first, parts = time.perf_counter(), None, []
    for event in client.generate(messages, GREEDY, max_tokens=48, reuse_cache=reuse):
        if isinstance(event, Done):
            return first - started, "".join(parts), event
        if first is None:
            first = time.perf_counter()
        parts.append(event.text)
    raise RuntimeError("no Done")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    report = {1, 5, 10, 20, args.turns}
    rows, messages = [], []
    with EngineClient() as client:
        client.load(LoadRequest(path=str(MODEL), n_ctx=8192))
        for turn in range(1, args.turns + 1):
            messages.append({"role": "user", "content": QUESTIONS[turn % len(QUESTIONS)]})
            # Reuse first: its cache then holds only the earlier turns, as in real use.
            reuse_s, answer, reused = ttft(client, messages, reuse=True)
            fresh_s, _, _ = ttft(client, messages, reuse=False)
            messages.append({"role": "assistant", "content": answer})
            if turn in report:
                rows.append([turn, reused.prompt_tokens, reused.cached_tokens,
                             f"{reuse_s * 1000:.0f}", f"{fresh_s * 1000:.0f}",
                             f"{fresh_s / reuse_s:.1f}x"])
    print(f"# time to first token by turn: {MODEL.name}, {machine()}")
    print_table(["turn", "prompt tokens", "reused from cache", "TTFT reuse ms",
                 "TTFT fresh ms", "fresh/reuse"], rows)


if __name__ == "__main__":
    main()
