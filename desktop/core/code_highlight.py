"""Syntax highlighting of code blocks as HTML with inline colours.

QTextDocument has no style sheet classes, so every coloured run is a
`<span style="color: ...">` (pygments' `noclasses=True`). The language is the
one the fence names; nothing is guessed, and an unknown or missing language
gives plain escaped text.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

FALLBACK_STYLE = "default"


def highlight_html(code: str, language: str, style: str) -> str:
    """`code` as HTML for inside a `<pre>`: coloured spans, no wrapper, no final newline.

    `language` is a fence info word such as "python" or "js" ("" for none);
    `style` is a pygments style name (an unknown one falls back to "default").
    """
    body = code[:-1] if code.endswith("\n") else code
    lexer = _lexer(language.strip().lower())
    if lexer is None:
        return escape(body, quote=False)
    html = highlight(body, lexer, _formatter(style))
    return html[:-1] if html.endswith("\n") else html


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    """The lexer for a language name or alias; None when there is none (no guessing)."""
    if not language:
        return None
    try:
        # stripnl=False keeps leading blank lines: the box shows the code as written.
        return get_lexer_by_name(language, stripnl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=8)
def _formatter(style: str) -> HtmlFormatter:
    """An inline-style formatter for `style` (building one is costly, so they are kept)."""
    try:
        return HtmlFormatter(style=style, noclasses=True, nowrap=True)
    except ClassNotFound:
        return HtmlFormatter(style=FALLBACK_STYLE, noclasses=True, nowrap=True)
