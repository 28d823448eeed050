"""HTML with the standard library's parser: what a reader of the page sees.

Scripts, styles, templates and the head are skipped (the <title> is kept as
the document's title). Headings, paragraphs, list items, preformatted text
and table rows become blocks; other block-level elements (div, section...)
just end the block before them. Whitespace collapses as a browser collapses
it, except inside <pre>.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from desktop.backends.doc_readers.common import Piece, build_part, piece, read_bounded
from desktop.backends.doc_readers.encoding import codec_name, decode_text
from desktop.core.documents import BlockKind, DocFormat, ExtractedDocument, PartKind

_SKIPPED = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BREAKS = {
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote",
    "ul", "ol", "li", "pre", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption",
    "figure", "figcaption", "form", "fieldset", "address", "details", "summary", "hr", "body",
}
_CELLS = {"td", "th"}
_LISTS = {"ul", "ol"}
_HEAD_CONTENT = {"head", "title", "meta", "link", "base", "style", "script", "noscript", "template"}
_SPACE = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096


def read_html(path: str) -> ExtractedDocument:
    """The page as one part (PartKind.WHOLE), its <title> as the title."""
    text, encoding = decode_html(read_bounded(path))
    parser = _BlockParser()
    parser.feed(text)
    parser.close()
    part = build_part(1, parser.finish())
    return ExtractedDocument(
        DocFormat.HTML, PartKind.WHOLE, (part,), encoding=encoding, title=parser.title
    )


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, codec): the <meta charset> when it is there and right, else detection."""
    declared = _META_CHARSET.search(data[:_SNIFF_BYTES])
    codec = codec_name(declared[1].decode("ascii")) if declared else None
    if codec is not None and codec.startswith(("utf-16", "utf-32")):
        codec = None  # a meta tag readable as ASCII cannot be in UTF-16: browsers ignore it
    if codec is not None and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass  # the page lies about its encoding: detect it instead
    return decode_text(data)


class _BlockParser(HTMLParser):
    """Collects (text, kind, level) pieces; one parser per page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self._pieces: list[Piece] = []
        self._buffer: list[str] = []
        self._kind, self._level = BlockKind.PARAGRAPH, 0
        self._skipping: list[str] = []  # open skipped elements, innermost last
        # The same elements counted, so that no tag costs a walk of the stack: a page of
        # 100,000 nested <svg> took minutes when every tag searched the list.
        self._skipped_open: Counter[str] = Counter()
        self._in_title = False
        self._lists = self._pre = 0  # open <ul>/<ol> and <pre> depths
        self._row: list[str] | None = None  # cells of the open table row
        self._cell: list[str] | None = None

    def finish(self) -> list[Piece]:
        """The pieces, once the whole page has been fed."""
        self._flush()
        return self._pieces

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HEAD_CONTENT and self._skipping[:1] == ["head"]:
            # Body content ends an unclosed <head> (the outermost skipped element: one
            # inside another skipped element is skipped with it anyway).
            del self._skipping[0]
            self._skipped_open["head"] -= 1
        self._in_title = self._in_title or tag == "title"
        if tag in _SKIPPED:
            self._skipping.append(tag)
            self._skipped_open[tag] += 1
        elif not self._skipping:
            self._open(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"
        if self._skipped_open[tag]:
            # Closes the innermost open `tag` and all opened inside it; the walk from the
            # end costs one step per element it closes.
            at = len(self._skipping) - 1
            while self._skipping[at] != tag:
                at -= 1
            self._skipped_open.subtract(self._skipping[at:])
            del self._skipping[at:]
        elif not self._skipping:
            self._close(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = _SPACE.sub(" ", self.title + data).strip()
        if not self._skipping:
            text = data if self._pre else _SPACE.sub(" ", data)
            self._target().append(text)

    def _target(self) -> list[str]:
        return self._cell if self._cell is not None else self._buffer

    def _open(self, tag: str) -> None:
        if tag == "br":
            self._target().append("\n")
        elif tag == "tr":
            self._flush()
            self._row = []
        elif tag in _CELLS and self._row is not None:
            self._cell = []
        elif tag in _HEADINGS or tag in _BREAKS:
            self._flush()
            self._lists += tag in _LISTS
            self._pre += tag == "pre"
            self._set_kind(_HEADINGS.get(tag, 0))

    def _close(self, tag: str) -> None:
        if tag in _CELLS and self._cell is not None and self._row is not None:
            self._row.append(_SPACE.sub(" ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if any(self._row):
                self._pieces.append(piece(" | ".join(self._row), BlockKind.TABLE))
            self._row = self._cell = None
        elif tag in _HEADINGS or tag in _BREAKS:
            self._flush()
            self._lists = max(0, self._lists - (tag in _LISTS))
            self._pre = max(0, self._pre - (tag == "pre"))
            self._set_kind(0)

    def _set_kind(self, heading_level: int) -> None:
        """The kind of the text that follows: a heading, or what its containers make it."""
        if heading_level:
            self._kind = BlockKind.HEADING
        elif self._pre:
            self._kind = BlockKind.CODE
        else:
            self._kind = BlockKind.LIST_ITEM if self._lists else BlockKind.PARAGRAPH
        self._level = heading_level

    def _flush(self) -> None:
        text = "".join(self._buffer)
        if text.strip():
            self._pieces.append(piece(text, self._kind, self._level))
        self._buffer = []
