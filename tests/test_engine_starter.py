"""The real engine process with the real SmolLM2 starter model."""

import os
import signal
import threading
import time

import pytest

from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import Done, StopReason, TokenChunk
from desktop.core.sampling import Sampling

pytestmark = pytest.mark.slow

LONG = [{"role": "user", "content": "Count from 1 to 300, separated by commas."}]


def collect(engine, messages, **kw):
    events = list(engine.generate(messages, **kw))
    assert isinstance(events[-1], Done)
    return "".join(e.text for e in events[:-1]), events[-1], events


def test_streams_an_answer_in_many_chunks(starter_engine):
    text, done, events = collect(
        starter_engine, [{"role": "user", "content": "What is the capital of France?"}],
        sampling=Sampling(seed=7, temperature=0.2))
    chunks = [e for e in events if isinstance(e, TokenChunk)]
    assert len(chunks) >= 3
    assert "Paris" in text
    assert done.stop_reason == StopReason.EOS
    assert done.completion_tokens >= len(chunks)
    assert done.tokens_per_second > 0


def test_same_seed_same_text_and_other_seed_differs(starter_engine):
    prompt = [{"role": "user", "content": "Write one sentence about the sea."}]
    runs = [collect(starter_engine, prompt, sampling=Sampling(seed=s, temperature=1.0),
                    max_tokens=40)[0] for s in (123, 123, 124)]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_cancel_mid_answer_stops_within_200ms(starter_engine):
    chunks, after_cancel, cancelled_at, done = 0, 0, None, None
    for event in starter_engine.generate(LONG, Sampling(seed=1, temperature=0)):
        if isinstance(event, Done):
            done = event
        elif cancelled_at is not None:
            after_cancel += 1
        else:
            chunks += 1
            if chunks == 5:
                cancelled_at = time.perf_counter()
                starter_engine.cancel()
    elapsed = time.perf_counter() - cancelled_at
    assert done.stop_reason == StopReason.CANCELLED
    assert elapsed < 0.2, f"stream went on {elapsed * 1000:.0f} ms after cancel"
    assert after_cancel <= 2
    _text, done, _ = collect(starter_engine, [{"role": "user", "content": "Hi"}], max_tokens=5)
    assert done.completion_tokens >= 1


def test_cancel_from_another_thread(starter_engine):
    first_chunk = threading.Event()
    canceller = threading.Thread(target=lambda: first_chunk.wait(10) and starter_engine.cancel())
    canceller.start()
    events = []
    for event in starter_engine.generate(LONG, Sampling(seed=1, temperature=0)):
        events.append(event)
        first_chunk.set()
    canceller.join()
    assert events[-1].stop_reason == StopReason.CANCELLED
    assert events[-1].completion_tokens < 100


def test_kv_cache_is_reused_across_turns_and_changes_nothing(starter_engine):
    greedy = Sampling(temperature=0)
    convo = [{"role": "user", "content": "Name a fruit."}]
    first, _, _ = collect(starter_engine, convo, sampling=greedy, max_tokens=20)
    convo += [{"role": "assistant", "content": first},
              {"role": "user", "content": "And a vegetable?"}]
    reused, done_reused, _ = collect(starter_engine, convo, sampling=greedy, max_tokens=20)
    fresh, done_fresh, _ = collect(starter_engine, convo, sampling=greedy, max_tokens=20,
                                   reuse_cache=False)
    assert done_reused.cached_tokens > 0.5 * done_reused.prompt_tokens
    assert done_fresh.cached_tokens == 0
    assert reused == fresh


def test_kill_9_mid_answer_then_next_request_works(starter_engine):
    pid = starter_engine.pid
    stream = starter_engine.generate(LONG, Sampling(seed=1, temperature=0))
    partial = []
    with pytest.raises(EngineError) as err:
        for event in stream:
            partial.append(event)
            if len(partial) == 3:
                os.kill(pid, signal.SIGKILL)
    assert err.value.kind == ErrorKind.WORKER_CRASHED
    assert "SIGKILL" in err.value.detail
    assert len(partial) >= 3  # what streamed before the kill is the caller's to keep
    text, done, _ = collect(starter_engine, [{"role": "user", "content": "Say hi."}],
                            max_tokens=10)
    assert starter_engine.pid not in (None, pid)
    assert done.completion_tokens >= 1 and text
