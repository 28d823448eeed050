"""Decode speed through Maru's engine process vs raw llama-cpp-python in-process.

Same GGUF, threads, prompt, greedy sampling; runs interleaved A B A B so drift
in machine load hits both. Each side is timed from its first token to its last.
    python bench/decode_overhead.py [--rounds 5] [--tokens 128]
"""

from __future__ import annotations

import argparse
import os
import time

import llama_cpp
from common import GREEDY, LONG_PROMPT, MODEL, machine, maru_decode, median, print_table

from desktop.backends.engine_client import EngineClient
from desktop.core.protocol import LoadRequest
from desktop.core.threads import default_threads


def raw_decode(llm: llama_cpp.Llama, prompt: list[int], n_tokens: int) -> tuple[int, float]:
    """The same work with llama-cpp-python's own generate() loop, detokenizing each token."""
    llm.reset()
    count, first = 0, None
    vocab = llm._model.vocab
    for token in llm.generate(prompt, temp=0.0, top_k=GREEDY.top_k, top_p=GREEDY.top_p,
                              min_p=GREEDY.min_p, repeat_penalty=GREEDY.repeat_penalty):
        if llama_cpp.llama_vocab_is_eog(vocab, token):
            break
        llm.detokenize([token])
        count += 1
        if first is None:
            first = time.perf_counter()
        if count >= n_tokens:
            break
    return count - 1, time.perf_counter() - first


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    threads = args.threads or default_threads(os.cpu_count() or 1)
    llm = llama_cpp.Llama(str(MODEL), n_ctx=2048, n_threads=threads, n_threads_batch=threads,
                          verbose=False)
    from desktop.backends.chat_format import ChatFormat

    model = llm._model
    bos, eos = model.token_get_text(model.token_bos()), model.token_get_text(model.token_eos())
    chat = ChatFormat(llm.metadata.get("tokenizer.chat_template"), bos, eos)
    prompt = llm.tokenize(chat.render(LONG_PROMPT).text.encode(), add_bos=False, special=True)
    rows, ratios = [], []
    with EngineClient() as client:
        client.load(LoadRequest(path=str(MODEL), n_ctx=2048, n_threads=threads))
        for r in range(args.rounds):
            raw_n, raw_s = raw_decode(llm, prompt, args.tokens)
            maru_n, maru_s = maru_decode(client, args.tokens)
            raw_rate, maru_rate = raw_n / raw_s, maru_n / maru_s
            ratios.append(maru_rate / raw_rate)
            rows.append([r + 1, f"{raw_rate:.1f}", f"{maru_rate:.1f}", f"{ratios[-1]:.3f}"])
    print(f"# decode overhead: {MODEL.name}, {threads} thread(s), {args.tokens} tokens, "
          f"{machine()}")
    print_table(["round", "raw tok/s", "maru tok/s", "maru/raw"], rows)
    print(f"\nmedian ratio maru/raw: {median(ratios):.3f}")


if __name__ == "__main__":
    main()
