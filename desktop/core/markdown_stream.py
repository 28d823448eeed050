"""Streaming render of a chat answer: finished blocks once, the open block per update.

Re-rendering a whole answer as Markdown on every update costs O(answer length)
(measured 10/31/150 ms at 5k/50k/100k chars): the GUI froze. Here each
top-level block (each item, for a top-level list) is rendered once when it is
final, and only the still-open tail is parsed and rendered again. The HTML is
the same as `markdown_render.render_markdown` gives, except that: a list split
across commits is several `<ul>`/`<ol start>` elements in a row; items committed
before a list turned loose stay tight; a link reference defined after its use
(a forward reference) is not resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token

from desktop.core.markdown_render import (
    COPY_LINK_PREFIX,
    CodeIds,
    Palette,
    parse_markdown,
    render_tokens,
)


@dataclass(frozen=True)
class RenderUpdate:
    """What changed in a streamed message's HTML.

    committed_html: blocks that became final: append once, never re-render.
    open_html: the unfinished tail: replaces the previous open_html.
    reset: the text did not extend the previous one: drop what was shown first.

    Each is a run of whole blocks. QTextCursor.insertHtml merges a fragment's
    first block into the cursor's block, so insert each into an empty block
    with a plain block format (after the open part's removal, reset its format).
    """

    committed_html: str
    open_html: str
    reset: bool = False


@dataclass
class _Unit:
    """A top-level block, or one item of a top-level list (so long lists commit early)."""

    tokens: list[Token]
    line: int  # first source line, in the parsed tail
    list_open: Token | None = None
    item: int = 0  # index of the item in its list


@dataclass(frozen=True)
class _ListCarry:
    """A list continued past the commit point: its next number and looseness."""

    number: int
    loose: bool


class StreamingMarkdown:
    """Incremental render of one message whose text grows by appending.

    A block is final once another block has started after it on a complete
    line (until then "#" or "***" on the last line could still turn into
    paragraph text). Only the text after the last final block is parsed and
    rendered per update, so the cost tracks the open block, not the message.
    An unclosed fence stays open until closed. Ordered lists split across
    commits keep their numbering (`<ol start>`). Not thread-safe: one owner.
    """

    def __init__(
        self, palette: Palette, *, copy_label: str = "Copy", link_prefix: str = COPY_LINK_PREFIX
    ) -> None:
        self._palette, self._label, self._prefix = palette, copy_label, link_prefix
        self._clear()

    def _clear(self) -> None:
        self._text = ""
        self._offset = 0  # chars of _text committed
        self._codes = 0  # code blocks committed
        self._refs: dict[str, dict] = {}  # link reference definitions committed
        self._carry: _ListCarry | None = None
        self.parsed_chars = 0  # chars parsed and rendered by the last call (for tests, benches)

    def update(self, text: str) -> RenderUpdate:
        """Render `text`, the whole message so far; reset if it does not extend the last."""
        reset = not text.startswith(self._text)
        if reset:
            self._clear()
        self._text = text
        return self._step(final=False, reset=reset)

    def finish(self) -> RenderUpdate:
        """The message is complete: commit the open blocks (open_html is then "")."""
        return self._step(final=True, reset=False)

    def _step(self, *, final: bool, reset: bool) -> RenderUpdate:
        tail = self._text[self._offset :]
        env: dict = {"references": dict(self._refs)}
        units = _units(parse_markdown(tail, env))
        self.parsed_chars = len(tail)
        carried = self._apply_carry(units)
        n = len(units) if final else _final_count(units, tail)
        done, still_open = units[:n], units[n:]
        ids = CodeIds(self._prefix, self._codes)
        committed = self._render_units(done, carried, ids)
        open_html = self._render_units(still_open, carried, CodeIds(self._prefix, ids.next_index))
        if done:
            self._commit(tail, env, units, n, carried)
            self._codes = ids.next_index
        elif final:
            self._offset = len(self._text)
        return RenderUpdate(committed, open_html, reset)

    def _apply_carry(self, units: list[_Unit]) -> Token | None:
        """The list that continues a committed one (first in the tail), made loose if that was."""
        if self._carry is None or not units or units[0].list_open is None:
            return None
        carried = units[0].list_open
        if self._carry.loose:
            for token in _list_tokens(units, carried):
                if token.type.startswith("paragraph_") and token.level == carried.level + 2:
                    token.hidden = False
        return carried

    def _commit(
        self, tail: str, env: dict, units: list[_Unit], n: int, carried: Token | None
    ) -> None:
        """Move the offset past units[:n]; keep their references and any continued list."""
        last, nxt = units[n - 1], units[n] if n < len(units) else None
        end_line = nxt.line if nxt else None
        for label, ref in env.get("references", {}).items():
            if end_line is None or ref["map"][0] < end_line:
                self._refs.setdefault(label, ref)
        carry = None
        if nxt and last.list_open is not None and nxt.list_open is last.list_open:
            loose = any(not t.hidden for t in _list_tokens(units, last.list_open)
                        if t.type == "paragraph_open" and t.level == last.list_open.level + 2)
            carry = _ListCarry(self._list_start(last.list_open, carried) + nxt.item, loose)
        self._carry = carry
        self._offset += _line_offset(tail, end_line) if end_line is not None else len(tail)

    def _list_start(self, list_open: Token, carried: Token | None) -> int:
        if list_open is carried and self._carry is not None:
            return self._carry.number
        return int(list_open.attrGet("start") or 1)

    def _render_units(self, units: list[_Unit], carried: Token | None, ids: CodeIds) -> str:
        """HTML of units; consecutive items of one list share one <ul>/<ol start>."""
        out, i = [], 0
        while i < len(units):
            list_open = units[i].list_open
            j = i + 1
            while list_open is not None and j < len(units) and units[j].list_open is list_open:
                j += 1
            body = [t for u in units[i:j] for t in u.tokens]
            html = render_tokens(body, self._palette, ids, self._label)
            if list_open is not None:
                html = self._wrap_list(html, list_open, carried, units[i].item)
            out.append(html)
            i = j
        return "".join(out)

    def _wrap_list(self, html: str, list_open: Token, carried: Token | None, item: int) -> str:
        if list_open.type == "bullet_list_open":
            return f"<ul>\n{html}</ul>\n"
        return f'<ol start="{self._list_start(list_open, carried) + item}">\n{html}</ol>\n'


def _units(tokens: list[Token]) -> list[_Unit]:
    """Split a token stream into top-level blocks, top-level lists into their items."""
    units, i = [], 0
    while i < len(tokens):
        end = _block_end(tokens, i)
        if tokens[i].type in ("bullet_list_open", "ordered_list_open"):
            k, item = i + 1, 0
            while k < end - 1:
                k_end = _block_end(tokens, k)
                units.append(_Unit(tokens[k:k_end], _first_line(tokens[k]), tokens[i], item))
                k, item = k_end, item + 1
        else:
            units.append(_Unit(tokens[i:end], _first_line(tokens[i])))
        i = end
    return units


def _block_end(tokens: list[Token], i: int) -> int:
    """Index just after the token that closes the block opened at tokens[i]."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth <= 0:
            return j + 1
    return len(tokens)


def _first_line(token: Token) -> int:
    return token.map[0] if token.map else 0


def _final_count(units: list[_Unit], tail: str) -> int:
    """How many units are final: all but the last, and that one's predecessor too
    when the last starts on the unfinished last line (its meaning may still change)."""
    n = len(units) - 1
    if units and units[-1].line == tail.count("\n"):
        n -= 1
    return max(n, 0)


def _list_tokens(units: list[_Unit], list_open: Token) -> list[Token]:
    return [t for u in units if u.list_open is list_open for t in u.tokens]


def _line_offset(text: str, line: int) -> int:
    """Char offset where 0-based `line` of `text` starts."""
    pos = 0
    for _ in range(line):
        pos = text.index("\n", pos) + 1
    return pos
