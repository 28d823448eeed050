"""Markdown to Qt rich text: safety, structure, and the streaming renderer's contract."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.core.markdown_render import (
    DARK,
    LIGHT,
    CodeIds,
    code_blocks,
    code_index,
    parse_markdown,
    render_markdown,
)
from desktop.core.markdown_stream import StreamingMarkdown

COPY_HREF = re.compile(r'href="maru:copy-code/(\d+)"')

MESSAGE = """# 설치 가이드 🚀

Maru는 **오프라인** 데스크톱 앱입니다. It runs models on your own machine, with
`llama.cpp` underneath, and never sends a prompt anywhere. See the
[documentation](https://example.com/docs) for more.

## Steps

1. Download the model
1. Open *Settings* and choose it
   - nested: pick the quantisation
   - nested: ~~restart~~ no restart needed
1. Start a chat

| Model | Size | 메모 |
|-------|-----:|------|
| SmolLM2 | 135M | 작은 모델 |
| Qwen2.5 | 1.5B | 빠름 |

```python
def greet(name: str) -> str:
    \"\"\"Say hello.\"\"\"
    for i in range(3):
        print(f"안녕하세요, {name} #{i}")
    return name


class Greeter:
    pass
```

> Everything stays on your machine.

### 마무리

- one
- two

```
plain block
```

Thanks for reading! 감사합니다.
"""


class RecordingDocument(QTextDocument):
    """A QTextDocument that records every resource it is asked to load."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, kind, url):  # Qt's virtual, hence the name
        self.requested.append(url.toString())
        return super().loadResource(kind, url)


def reader_text(fragment: str) -> str:
    """What a reader sees: each block's text, with its list number or bullet."""
    doc = RecordingDocument()
    doc.setHtml(fragment)
    assert doc.requested == []
    lines, block = [], doc.begin()
    while block.isValid():
        marker = block.textList().itemText(block) if block.textList() else ""
        lines.append((marker + block.text()).rstrip())  # Qt keeps source newlines as spaces
        block = block.next()
    return "\n".join(lines)


def stream(text: str, step: int) -> tuple[StreamingMarkdown, list]:
    """Feed `text` `step` chars at a time; the updates, then finish()'s."""
    renderer, updates = StreamingMarkdown(LIGHT), []
    for end in range(step, len(text) + step, step):
        updates.append(renderer.update(text[:end]))
    updates.append(renderer.finish())
    return renderer, updates


# --- one-shot rendering ----------------------------------------------------------


def test_headings_are_scaled_down_for_chat():
    out = render_markdown("# One\n\n## Two\n\n### Three\n\n###### Six", LIGHT)
    assert '<h3 style="font-size:x-large">One</h3>' in out
    assert "<h3>Two</h3>" in out
    assert "<h4>Three</h4>" in out and "<h4>Six</h4>" in out
    assert "<h1" not in out and "<h2" not in out


def test_lists_nested_lists_and_numbering(qapp):
    out = render_markdown("3. c\n4. d\n   - inner\n   - inner2\n\n- x\n- y", LIGHT)
    assert '<ol start="3">' in out and "<ul>" in out
    assert reader_text(out).splitlines() == ["3.c", "4.d", ".inner", ".inner2", ".x", ".y"]


def test_table_has_border_and_bold_header(qapp):
    out = render_markdown("| A | B |\n|---|--:|\n| 1 | 2 |", LIGHT)
    assert re.search(r'<table border="1"[^>]*border-color:#d1d9e0', out)
    assert len(re.findall("<th[ >]", out)) == 2 and out.count("<td") == 2
    doc = QTextDocument()
    doc.setHtml(out)
    header, cell = doc.find("A"), doc.find("1")
    assert header.charFormat().fontWeight() >= 600
    assert cell.charFormat().fontWeight() < 600
    assert QTextCursor(header).currentTable() is not None


def test_links_keep_safe_hrefs_only():
    out = render_markdown(
        "[site](https://example.com/a?b=1&c=2) [mail](mailto:a@b.c) <http://x.org> "
        "[js](javascript:alert(1)) [JS](JavaScript:x) [file](file:///etc/passwd) "
        "[data](data:text/html,hi) [rel](docs/page)",
        LIGHT,
    )
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert hrefs == ["https://example.com/a?b=1&amp;c=2", "mailto:a@b.c", "http://x.org"]
    assert out.endswith("</a> js JS file data rel</p>\n")  # unsafe links: their text only


def test_inline_code_and_strikethrough():
    out = render_markdown("use `a < b` and ~~old~~", DARK)
    assert '<code style="background-color:#161b22">a &lt; b</code>' in out
    assert "<s>old</s>" in out


def test_fenced_code_is_highlighted_boxed_and_has_copy_link():
    out = render_markdown("```python\ndef f():\n    return 1\n```", LIGHT, copy_label="복사")
    assert '<table width="100%" bgcolor="#f6f8fa"' in out
    assert '<a href="maru:copy-code/0"' in out and ">복사</a>" in out
    pre = out[out.index("<pre") : out.index("</pre>")]
    assert '<span style="color: #' in pre  # pygments inline styles, no classes
    assert "class=" not in out


def test_unknown_or_missing_language_is_plain():
    out = render_markdown("```nosuchlang\nx = 1\n```\n\n    indented <b>\n", LIGHT)
    assert "<span" not in out
    assert COPY_HREF.findall(out) == ["0", "1"]
    assert "indented &lt;b&gt;</pre>" in out


def test_code_blocks_match_copy_link_indexes():
    text = "```js\nlet a = 1;\n```\n\n- item\n\n  ```\n  in list\n  ```\n\nText\n\n    indented\n"
    assert code_blocks(text) == ["let a = 1;\n", "in list\n", "indented\n"]
    out = render_markdown(text, LIGHT, code_ids=CodeIds(next_index=5))
    assert COPY_HREF.findall(out) == ["5", "6", "7"]
    assert code_index("maru:copy-code/6") == 6
    assert code_index("https://example.com/6") is None


def test_raw_html_is_text(qapp):
    out = render_markdown('<script>alert("x")</script>\n\nHi <b>there</b>', LIGHT)
    assert "<script" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    assert reader_text(out).splitlines() == ['<script>alert("x")</script>', "Hi <b>there</b>"]


def test_images_are_links_never_loaded(qapp):
    text = "![a cat](https://example.com/cat.png) ![x](file:///tmp/x.png) [![in](https://i/p.png)](https://l/)"
    out = render_markdown(text, LIGHT)
    assert "<img" not in out
    assert '<a href="https://example.com/cat.png" style="color:#0969da">a cat</a>' in out
    assert "file:" not in out and "x" in out
    assert out.count("<a ") == 2  # the image inside a link is its alt text, no nested anchor
    assert reader_text(out) == "a cat x in"  # RecordingDocument: nothing requested


def test_korean_and_emoji_pass_through():
    out = render_markdown("안녕하세요 😀 **굵게** & <태그>", LIGHT)
    assert "안녕하세요 😀 <strong>굵게</strong> &amp; &lt;태그&gt;" in out
    assert "&#" not in out


# --- streaming -------------------------------------------------------------------


def unit_starts(text: str) -> list[int]:
    """Char offsets where top-level blocks and top-level list items start."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    lists = ("bullet_list_open", "ordered_list_open")
    units = [
        t for t in parse_markdown(text)
        if (t.level == 0 and t.nesting >= 0 and t.type not in lists)
        or (t.level == 1 and t.type == "list_item_open")
    ]
    return sorted(line_starts[t.map[0]] for t in units if t.map)


@pytest.mark.parametrize("step", [1, 3, 17])
def test_stream_shows_what_one_shot_shows(qapp, step):
    _, updates = stream(MESSAGE, step)
    expected = reader_text(render_markdown(MESSAGE, LIGHT))
    before_finish = "".join(u.committed_html for u in updates[:-1]) + updates[-2].open_html
    assert reader_text(before_finish) == expected
    assert reader_text("".join(u.committed_html for u in updates)) == expected
    assert updates[-1].open_html == ""
    assert not any(u.reset for u in updates)


def test_each_block_is_committed_once():
    _, updates = stream(MESSAGE, 2)
    committed = "".join(u.committed_html for u in updates)
    one_shot = render_markdown(MESSAGE, LIGHT)
    for tag in ("<h3", "<h4", "<table", "<li>", "<p>", "<pre", "<hr"):
        assert committed.count(tag) == one_shot.count(tag), tag
    for heading in ("설치 가이드", "Steps", "마무리"):
        assert committed.count(heading) == 1
    assert sum(1 for u in updates if u.committed_html) >= 10  # blocks commit as they finish


def test_work_per_update_tracks_the_open_block():
    renderer, biggest = StreamingMarkdown(LIGHT), 0
    text = MESSAGE * 10  # long enough that re-parsing it all would show
    starts = unit_starts(text)
    for end in range(5, len(text) + 5, 5):
        renderer.update(text[:end])
        tail_start = min(end, len(text)) - renderer.parsed_chars
        assert tail_start in starts  # the tail is whole blocks: nothing committed is re-parsed
        # At most: the block that becomes final now, the open one, one just begun.
        assert len([s for s in starts if tail_start < s < end]) <= 2
        biggest = max(biggest, renderer.parsed_chars)
    assert biggest < 400 < len(text) / 10


def test_fence_stays_open_until_closed():
    renderer = StreamingMarkdown(LIGHT)
    text = "Intro\n\n```python\nx = 1\n\n# not a heading\n\nmore\n"
    first = renderer.update(text)
    assert "Intro" in first.committed_html
    assert "maru:copy-code/0" in first.open_html and "<h" not in first.open_html
    assert renderer.update(text + "```").committed_html == ""
    closed = renderer.update(text + "```\n\nAfter\n")
    assert "maru:copy-code/0" in closed.committed_html and "After" in closed.open_html


def test_unfinished_last_line_does_not_commit_the_block_above():
    renderer = StreamingMarkdown(LIGHT)
    assert renderer.update("Foo\n#").committed_html == ""  # "#" could become "#x"
    update = renderer.update("Foo\n#x")
    assert update.committed_html == "" and "Foo\n#x" in update.open_html


def test_ordered_list_split_across_commits_keeps_numbers(qapp):
    text = "Steps:\n\n1. one\n\n1. two\n\n1. three\n\n1. four\n\nDone."
    _, updates = stream(text, 1)
    committed = "".join(u.committed_html for u in updates)
    assert committed.count("<ol") > 1  # really split
    assert '<ol start="4">' in committed
    assert reader_text(committed) == reader_text(render_markdown(text, LIGHT))
    assert committed.count("<p>") == render_markdown(text, LIGHT).count("<p>")  # stays loose


def test_non_append_change_resets():
    renderer = StreamingMarkdown(LIGHT)
    renderer.update("# Title\n\nfirst paragraph\n\nsecond")
    update = renderer.update("# Other\n\nx\n")
    assert update.reset
    assert "Other" in update.committed_html and "Title" not in update.committed_html
    assert not renderer.update("# Other\n\nx\ny").reset


def test_code_numbering_matches_one_shot():
    _, updates = stream(MESSAGE, 5)
    committed = "".join(u.committed_html for u in updates)
    one_shot = render_markdown(MESSAGE, LIGHT)
    assert COPY_HREF.findall(committed) == COPY_HREF.findall(one_shot) == ["0", "1"]
    boxes = re.findall(r'copy-code/(\d+)".*?<pre[^>]*>(.*?)</pre>', committed, re.S)
    sources = code_blocks(MESSAGE)
    for index, body in boxes:
        assert html.unescape(re.sub("<[^>]+>", "", body)) == sources[int(index)].rstrip("\n")
    # While a later block streams, an open code block already has its final number.
    renderer = StreamingMarkdown(LIGHT)
    cut = MESSAGE.index("plain block") + 3
    assert COPY_HREF.findall(renderer.update(MESSAGE[:cut]).open_html) == ["1"]
