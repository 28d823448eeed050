"""Plain text, Markdown, CSV/TSV and source code: decoded, then cut into blocks.

Every format here is one part (PartKind.WHOLE) and reports the encoding it
was decoded with. Markdown is read line by line for what matters to search
and citations (ATX headings, fenced code, list items, paragraphs), not
rendered. A CSV record becomes "column: value | column: value" so that each
block stands alone when it is retrieved without the header row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import PurePath

from desktop.backends.doc_readers.common import Piece, build_part, piece, read_bounded
from desktop.backends.doc_readers.encoding import decode_text
from desktop.core.documents import (
    BlockKind,
    DocError,
    DocErrorKind,
    DocFormat,
    ExtractedDocument,
    PartKind,
)

MAX_CELL_CHARS = 1000  # of one CSV cell; longer ones are cut
MAX_COLUMNS = 200
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_ATX_OPENING = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")  # a thematic break: no text
_TOP_LEVEL_CHUNK = re.compile(r"\n[ \t]*\n(?=\S)")  # a blank line, then an unindented line


def read_text(path: str) -> ExtractedDocument:
    """Paragraphs split on blank lines."""
    return _read(path, DocFormat.TEXT, lambda text: (piece(p) for p in _BLANK_LINES.split(text)))


def read_markdown(path: str) -> ExtractedDocument:
    """ATX headings, fenced code, list items and paragraphs."""
    return _read(path, DocFormat.MARKDOWN, markdown_pieces)


def read_code(path: str) -> ExtractedDocument:
    """One CODE block per top-level chunk (a blank line before an unindented line)."""
    return _read(
        path, DocFormat.CODE,
        lambda text: (piece(c, BlockKind.CODE) for c in _TOP_LEVEL_CHUNK.split(text)),
    )


def read_csv(path: str) -> ExtractedDocument:
    """The header row, then one TABLE block per record."""
    tab = PurePath(path).suffix.lower() == ".tsv"
    return _read(path, DocFormat.CSV, lambda text: csv_pieces(text, tab))


def text_document(text: str) -> ExtractedDocument:
    """Text typed or pasted by the user, read as Markdown (plain text is Markdown
    with paragraphs only)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ExtractedDocument(DocFormat.MARKDOWN, PartKind.WHOLE,
                             (build_part(1, markdown_pieces(text)),))


def _read(path: str, format: DocFormat, cut: Callable[[str], Iterator[Piece]]) -> ExtractedDocument:
    text, encoding = decode_text(read_bounded(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    part = build_part(1, cut(text))
    return ExtractedDocument(format, PartKind.WHOLE, (part,), encoding=encoding)


def markdown_pieces(text: str) -> Iterator[Piece]:
    """Blocks of a Markdown document, line by line."""
    block: list[str] = []  # the open paragraph or list item
    kind = BlockKind.PARAGRAPH
    lines = iter(text.split("\n"))
    for line in lines:
        heading, fence = _atx_heading(line), _FENCE.match(line)
        rule, setext = _RULE.fullmatch(line), _SETEXT.fullmatch(line)
        item = _LIST_ITEM.match(line) and not rule
        if setext and block and kind is BlockKind.PARAGRAPH:
            yield piece("\n".join(block), BlockKind.HEADING, 1 if setext[1][0] == "=" else 2)
            block = []
            continue
        if heading or fence or item or rule or not line.strip():
            if block:
                yield piece("\n".join(block), kind)
            block = []
        if heading:
            yield piece(heading[1], BlockKind.HEADING, heading[0])
        elif fence:
            yield piece(_fenced(lines, fence[1]), BlockKind.CODE)
        elif item:
            block, kind = [_without_bullet(line)], BlockKind.LIST_ITEM
        elif line.strip() and not rule:
            kind = kind if block else BlockKind.PARAGRAPH
            block.append(line)  # a line after a list item continues it
    if block:
        yield piece("\n".join(block), kind)


def _atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a "## Heading ##" line. Not one regex: a lazy match with an
    optional closing sequence backtracks quadratically on a long line of spaces."""
    opening = _ATX_OPENING.match(line)
    if opening is None:
        return None
    text = line[opening.end() :].strip()
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):  # not "C#"
        text = unclosed.strip()
    return len(opening[1]), text


def _without_bullet(line: str) -> str:
    # A bullet carries no meaning; an ordered item's number does, so it stays.
    item = line.strip()
    return item[1:].strip() if item[0] in "-*+" else item


def _fenced(lines: Iterator[str], opening: str) -> str:
    """The code lines up to the closing fence (or the end of the file)."""
    code = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(opening) and not stripped.strip(opening[0]):
            break
        code.append(line)
    return "\n".join(code)


def csv_pieces(text: str, tab: bool = False) -> Iterator[Piece]:
    """The header row as one block, then "column: value | ..." per record."""
    rows = csv.reader(io.StringIO(text), _dialect(text, tab))
    try:
        header = [_cell(c) for c in next(rows, [])][:MAX_COLUMNS]
        yield piece(" | ".join(header), BlockKind.TABLE)
        for row in rows:
            cells = [
                _labelled(header[i] if i < len(header) else "", value)
                for i, value in enumerate(row[:MAX_COLUMNS]) if value.strip()
            ]
            yield piece(" | ".join(cells), BlockKind.TABLE)
    except csv.Error as exc:
        raise DocError(DocErrorKind.CORRUPT, f"CSV: {exc}") from exc


def _dialect(text: str, tab: bool) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:64 * 1024], delimiters="\t" if tab else ",;\t|")
    except csv.Error:
        return csv.excel_tab if tab else csv.excel


def _labelled(column: str, value: str) -> str:
    return f"{column}: {_cell(value)}" if column else _cell(value)


def _cell(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= MAX_CELL_CHARS else value[:MAX_CELL_CHARS] + "…"
