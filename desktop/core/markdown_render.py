"""Chat Markdown to the HTML subset that QTextDocument understands, whole or streamed.

QTextDocument knows only Qt's rich-text subset: no style sheet classes, no
border-left, no em sizes. So code blocks and block quotes are one-row tables,
colours are inline, headings are scaled down to h3/h4 (a chat, not a document).

Safety: raw HTML is shown as text (`html=False`); images are never loaded (an
image becomes a link with its alt text); only http, https and mailto links
become anchors, any other link is shown as its plain text.

Streaming: re-rendering a whole answer on every token costs O(answer length).
`markdown_stream.StreamingMarkdown` renders each finished top-level block once and
re-renders only the still-open last block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from desktop.core.code_highlight import highlight_html

COPY_LINK_PREFIX = "maru:copy-code/"
_SAFE_HREF = re.compile(r"(?i)^(?:https?|mailto):")
# Markdown level -> (Qt tag, style): h1 large-ish, h3 and deeper as bold body text.
_HEADINGS = {"h1": ("h3", ' style="font-size:x-large"'), "h2": ("h3", "")}
_BODY_HEADING = ("h4", "")
_TABLE = 'border="1" cellspacing="0" cellpadding="{pad}" style="border-color:{color}; ' \
    'border-style:solid; border-collapse:collapse"'
Tokens = Sequence[Token]


@dataclass(frozen=True)
class Palette:
    """The few colours the HTML uses (#rrggbb) and the pygments style for code."""

    text: str
    muted: str
    code_bg: str
    code_border: str
    link: str
    table_border: str
    quote_bar: str
    pygments_style: str


LIGHT = Palette(
    text="#1f2328", muted="#59636e", code_bg="#f6f8fa", code_border="#d1d9e0",
    link="#0969da", table_border="#d1d9e0", quote_bar="#d1d9e0", pygments_style="default",
)
DARK = Palette(
    text="#e6edf3", muted="#9198a1", code_bg="#161b22", code_border="#3d444d",
    link="#4493f8", table_border="#3d444d", quote_bar="#3d444d", pygments_style="github-dark",
)


@dataclass
class CodeIds:
    """Hands out the copy-link hrefs of code blocks, in document order."""

    prefix: str = COPY_LINK_PREFIX
    next_index: int = 0

    def take(self) -> str:
        """The href for the next code block: `{prefix}{n}`, n counting from next_index."""
        href = f"{self.prefix}{self.next_index}"
        self.next_index += 1
        return href


def code_index(href: str, prefix: str = COPY_LINK_PREFIX) -> int | None:
    """The code block index a copy link points at, or None if `href` is not one."""
    rest = href.removeprefix(prefix)
    return int(rest) if rest != href and rest.isdigit() else None


class _QtRenderer(RendererHTML):
    """markdown-it rules for Qt's subset. env holds "palette", "code_ids", "copy_label"."""

    def heading_open(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        tag, style = _HEADINGS.get(tokens[idx].tag, _BODY_HEADING)
        return f"<{tag}{style}>"

    def heading_close(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"</{_HEADINGS.get(tokens[idx].tag, _BODY_HEADING)[0]}>\n"

    def blockquote_open(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        # Qt cannot draw a left border: a narrow coloured cell is the quote bar.
        p = env["palette"]
        return (f'<table cellspacing="0" cellpadding="0"><tr><td width="4" bgcolor="{p.quote_bar}">'
                f'</td><td style="padding-left:8px; color:{p.muted}">\n')

    def blockquote_close(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</td></tr></table>\n"

    def list_item_open(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        # WORKAROUND: Qt gives an item that starts with no text (empty, or a nested
        # list first) no block of its own, so later items would be numbered one short.
        has_text = idx + 1 < len(tokens) and tokens[idx + 1].type == "paragraph_open"
        return "<li>" if has_text else "<li>&#160;"

    def table_open(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<table {_TABLE.format(pad=4, color=env['palette'].table_border)}>\n"

    def th_open(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        return f'<th bgcolor="{env["palette"].code_bg}"{self.renderAttrs(tokens[idx])}>'

    def code_inline(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        content = escapeHtml(tokens[idx].content)
        return f'<code style="background-color:{env["palette"].code_bg}">{content}</code>'

    def fence(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        info = unescapeAll(tokens[idx].info).split()
        return _code_box(tokens[idx].content, info[0] if info else "", env)

    def code_block(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        return _code_box(tokens[idx].content, "", env)

    def link_open(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        href = str(tokens[idx].attrGet("href") or "")
        if not _SAFE_HREF.match(href):
            return ""
        return f'<a href="{escapeHtml(href)}" style="color:{env["palette"].link}">'

    def link_close(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        opener = _open_link(tokens, idx)
        href = str(opener.attrGet("href") or "") if opener else ""
        return "</a>" if _SAFE_HREF.match(href) else ""

    def image(self, tokens: Tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
        # Never an <img>: QTextDocument would try to load it.
        src = str(tokens[idx].attrGet("src") or "")
        alt = escapeHtml(self.renderInlineAsText(tokens[idx].children, options, env) or src)
        if not _SAFE_HREF.match(src) or _open_link(tokens, idx) is not None:
            return alt
        return f'<a href="{escapeHtml(src)}" style="color:{env["palette"].link}">{alt}</a>'


def _open_link(tokens: Tokens, idx: int) -> Token | None:
    """The link_open that tokens[idx] is inside of, if any (links do not nest)."""
    for token in reversed(tokens[:idx]):
        if token.type == "link_close":
            return None
        if token.type == "link_open":
            return token
    return None


def _code_box(code: str, language: str, env: EnvType) -> str:
    """A code block: a one-cell table, a copy link above the highlighted code."""
    p: Palette = env["palette"]
    href = escapeHtml(env["code_ids"].take())
    table = _TABLE.format(pad=6, color=p.code_border)
    return (
        f'<table width="100%" bgcolor="{p.code_bg}" {table}><tr><td>'
        f'<p align="right" style="margin:0"><a href="{href}" style="color:{p.muted}; '
        f'font-size:small">{escapeHtml(env["copy_label"])}</a></p>'
        f'<pre style="margin:0; color:{p.text}">'
        f"{highlight_html(code, language, p.pygments_style)}</pre></td></tr></table>\n"
    )


_MD = MarkdownIt(
    "commonmark", {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False},
    renderer_cls=_QtRenderer,
).enable(["table", "strikethrough"])
# Every link target is parsed; the renderer decides which become anchors, so an
# unsafe link shows its text rather than its Markdown source.
_MD.validateLink = lambda url: True  # type: ignore[method-assign]


def parse_markdown(text: str, env: dict | None = None) -> list[Token]:
    """markdown-it block tokens of `text` under Maru's rules (env collects references)."""
    return _MD.parse(text, {} if env is None else env)


def render_tokens(tokens: Tokens, palette: Palette, code_ids: CodeIds, copy_label: str) -> str:
    """HTML of already parsed tokens (a whole stream or a run of complete blocks)."""
    env = {"palette": palette, "code_ids": code_ids, "copy_label": copy_label}
    return _MD.renderer.render(tokens, _MD.options, env)


def render_markdown(
    text: str, palette: Palette, *, code_ids: CodeIds | None = None, copy_label: str = "Copy"
) -> str:
    """The whole of `text` as an HTML fragment for QTextDocument.

    Code blocks are numbered from `code_ids` (default: from 0, prefix
    COPY_LINK_PREFIX); `copy_label` is the (translated) text of their copy link.
    """
    return render_tokens(parse_markdown(text), palette, code_ids or CodeIds(), copy_label)


def code_blocks(text: str) -> list[str]:
    """The source of each fenced or indented code block, in copy-link index order."""
    return [t.content for t in parse_markdown(text) if t.type in ("fence", "code_block")]

