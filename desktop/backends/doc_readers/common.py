"""What every reader shares: turning text pieces into a part, and bounded file reads.

A reader yields pieces, (raw text, block kind, heading level), in reading
order; `build_part` cleans each one (NFC, no invisible or bidi controls, tidy
spaces; code keeps its indentation), drops the empty ones and joins the rest
with a blank line, recording each block's span of the joined text. Spans are
computed on the cleaned text, so `part.text[block.start:block.end]` is exactly
the block.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from desktop.core.doc_text import normalize_text, tidy_whitespace
from desktop.core.documents import Block, BlockKind, DocError, DocErrorKind, DocPart, PartFlag

Piece = tuple[str, BlockKind, int]  # raw text, kind, heading level (0 unless a heading)
BLOCK_SEPARATOR = "\n\n"
MAX_TEXT_FILE_BYTES = 64 * 1024**2  # text, Markdown, CSV, code and HTML files

# A page whose text is at least this share of replacement, private-use, control or
# unassigned characters has a broken font map: its "text" would only pollute the index.
GARBLED_SHARE = 0.3


def piece(text: str, kind: BlockKind = BlockKind.PARAGRAPH, level: int = 0) -> Piece:
    """A piece of `kind`; `level` is a heading's depth (1 = top)."""
    return (text, kind, level)


def clean_block(text: str, kind: BlockKind) -> str:
    """A block's text as it is stored: normalized, and tidied unless it is code."""
    text = normalize_text(text)
    if kind is BlockKind.CODE:
        return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return tidy_whitespace(text)


def build_part(number: int, pieces: Iterable[Piece], flag: PartFlag = PartFlag.OK) -> DocPart:
    """A part from its pieces; one with no text at all is flagged NO_TEXT."""
    texts: list[str] = []
    blocks: list[Block] = []
    position = 0
    for raw, kind, level in pieces:
        text = clean_block(raw, kind)
        if not text:
            continue
        if texts:
            position += len(BLOCK_SEPARATOR)
        blocks.append(Block(position, position + len(text), kind, level))
        texts.append(text)
        position += len(text)
    if not texts and flag is PartFlag.OK:
        flag = PartFlag.NO_TEXT
    return DocPart(number, BLOCK_SEPARATOR.join(texts), tuple(blocks), flag)


def is_garbled(text: str) -> bool:
    """Whether `text` (as the parser gave it, before cleaning) is mostly characters
    that are not text: U+FFFD, private use, controls other than line ends and tabs,
    unassigned code points."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    bad = sum(1 for ch in visible if _is_junk(ch))
    return bad / len(visible) >= GARBLED_SHARE


def _is_junk(ch: str) -> bool:
    return ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc", "Cn", "Cs")


def read_bounded(path: str, limit: int | None = None) -> bytes:
    """The file's bytes, or DocError(TOO_LARGE) past `limit` (MAX_TEXT_FILE_BYTES by
    default). At most limit + 1 bytes are read, so a file that grows while it is
    read cannot get past the check."""
    limit = MAX_TEXT_FILE_BYTES if limit is None else limit
    with open(path, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise DocError(DocErrorKind.TOO_LARGE, f"over {limit} bytes of text")
    return data
