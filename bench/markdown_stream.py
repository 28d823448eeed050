"""Cost per update of showing a streamed answer: full re-render vs StreamingMarkdown.

An answer of 5k / 50k / 100k chars arrives 40 chars at a time. The full
re-render renders the whole text so far on every update (timed on 25 evenly
spaced updates, which estimates its mean over the stream); StreamingMarkdown is
timed on every update, in order, as the GUI would call it. Same run, same text.
    python bench/markdown_stream.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.markdown_render import LIGHT, render_markdown
from desktop.core.markdown_stream import StreamingMarkdown

STEP = 40
SIZES = (5_000, 50_000, 100_000)
SECTION = """## Section {n}: 설치와 설정

Maru runs **offline**. 이 단락은 한국어와 English를 섞어 씁니다 😀, with `inline code`
and [a link](https://example.com/{n}). A second sentence makes the paragraph a
realistic length for a chat answer, wrapping over a few lines.

1. Download the model file
2. Open *Settings* and pick it
3. Start a chat

| Model | Size | 메모 |
|-------|-----:|------|
| SmolLM2 | 135M | 작은 모델 |
| Qwen2.5 | 1.5B | 빠름 |

```python
def greet(name: str) -> str:
    \"\"\"Say hello in Korean.\"\"\"
    for i in range({n}):
        print(f"안녕하세요, {{name}} #{{i}}")
    return name
```

> Note: everything stays on your machine.

"""


def message(size: int) -> str:
    """A realistic answer of about `size` chars: sections of mixed Markdown."""
    parts, n = [], 0
    while sum(map(len, parts)) < size:
        parts.append(SECTION.format(n=n))
        n += 1
    return "".join(parts)[:size]


def code_message(size: int) -> str:
    """The worst case: one long fenced block, open (re-highlighted) until it closes."""
    body = SECTION[SECTION.index("def greet") : SECTION.index("```\n\n>")]
    lines = (body * (size // len(body) + 1))[: size - 20]
    return f"```python\n{lines}\n```\n"


def full_cost(text: str, samples: int = 25) -> tuple[float, float]:
    """(mean, max) ms per update when the whole prefix is re-rendered each time."""
    ends = [max(STEP, len(text) * (i + 1) // samples) for i in range(samples)]
    times = []
    for end in ends:
        started = time.perf_counter()
        render_markdown(text[:end], LIGHT)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.mean(times), max(times)


def stream_cost(text: str) -> tuple[float, float, float, int]:
    """(mean, p99, max) ms per update for StreamingMarkdown, and the most chars one parse saw.

    The max includes Python's occasional full garbage collection (tens of ms at
    100k), which the GUI pays whatever renders; p99 is the renderer's own worst."""
    stream, times, parsed = StreamingMarkdown(LIGHT), [], 0
    for end in range(STEP, len(text) + STEP, STEP):
        started = time.perf_counter()
        stream.update(text[:end])
        times.append((time.perf_counter() - started) * 1000)
        parsed = max(parsed, stream.parsed_chars)
    stream.finish()
    p99 = statistics.quantiles(times, n=100)[98]
    return statistics.mean(times), p99, max(times), parsed


def main() -> None:
    render_markdown(message(2000), LIGHT)  # warm the lexer and formatter caches
    print(f"{STEP}-char updates; ms per update (full: mean / max, streaming: mean / p99 / max)")
    print("| chars | full re-render | streaming | mean ratio | max chars parsed |")
    print("|------:|---------------:|----------:|-----------:|-----------------:|")
    cases = [(f"{size:,}", message(size)) for size in SIZES]
    cases.append(("20,000 in one code block", code_message(20_000)))
    for name, text in cases:
        full_mean, full_max = full_cost(text)
        mean, p99, worst, parsed = stream_cost(text)
        print(f"| {name} | {full_mean:.2f} / {full_max:.2f} "
              f"| {mean:.2f} / {p99:.2f} / {worst:.2f} | {full_mean / mean:.0f}x | {parsed:,} |")


if __name__ == "__main__":
    main()
