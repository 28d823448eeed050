"""The values of the documents feature: what a reader extracts, what the
chunker cuts, and how a file's indexing ended. Plain data, no I/O.

A document is a sequence of parts: PDF pages, PPTX slides, HWPX sections, or
one whole part for flowing formats (TXT, Markdown, HTML, DOCX, CSV, code). A
part's text is NFC with invisible and bidi controls removed; its blocks are
spans of that text (headings, paragraphs, ...), and chunks keep character
offsets into it, so a citation can point at the exact passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath

from desktop.core.errors import KindError


class DocFormat(StrEnum):
    """A file format Maru can read."""

    PDF = "pdf"
    DOCX = "docx"
    PPTX = "pptx"
    HWPX = "hwpx"
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"
    CSV = "csv"
    CODE = "code"


_CODE_SUFFIXES = [
    ".py", ".js", ".ts", ".tsx", ".jsx", ".java", ".kt", ".c", ".h", ".cc", ".cpp", ".hpp",
    ".cs", ".go", ".rs", ".rb", ".php", ".swift", ".m", ".scala", ".sh", ".bash", ".ps1",
    ".sql", ".r", ".lua", ".pl", ".dart", ".vue", ".svelte", ".css", ".scss", ".json", ".yaml",
    ".yml", ".toml", ".ini", ".cfg", ".xml",
]

SUFFIXES: dict[str, DocFormat] = {
    ".pdf": DocFormat.PDF,
    ".docx": DocFormat.DOCX,
    ".pptx": DocFormat.PPTX,
    ".hwpx": DocFormat.HWPX,
    ".html": DocFormat.HTML,
    ".htm": DocFormat.HTML,
    ".md": DocFormat.MARKDOWN,
    ".markdown": DocFormat.MARKDOWN,
    ".txt": DocFormat.TEXT,
    ".text": DocFormat.TEXT,
    ".log": DocFormat.TEXT,
    ".rst": DocFormat.TEXT,
    ".csv": DocFormat.CSV,
    ".tsv": DocFormat.CSV,
    **{suffix: DocFormat.CODE for suffix in _CODE_SUFFIXES},
}


def format_for(path: str | PurePath) -> DocFormat | None:
    """The format Maru reads `path` as (by its suffix), or None if it cannot."""
    return SUFFIXES.get(PurePath(path).suffix.lower())


class PartKind(StrEnum):
    """What a document's parts are."""

    PAGE = "page"  # PDF
    SLIDE = "slide"  # PPTX
    SECTION = "section"  # HWPX
    WHOLE = "whole"  # one part: the whole file


class PartFlag(StrEnum):
    """Whether a part's text could be used."""

    OK = "ok"
    NO_TEXT = "no_text"  # no extractable text: a scanned page, an image-only slide
    GARBLED = "garbled"  # text that is mostly replacement or private-use characters


class BlockKind(StrEnum):
    """A structural block of a part's text."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"  # a table row or a CSV record
    CODE = "code"


@dataclass(frozen=True)
class Block:
    """A span [start, end) of a part's text; `level` is a heading's depth (1 = top)."""

    start: int
    end: int
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0


@dataclass(frozen=True)
class DocPart:
    """One page, slide or section. `number` is 1-based, as people count pages."""

    number: int
    text: str
    blocks: tuple[Block, ...] = ()
    flag: PartFlag = PartFlag.OK


@dataclass(frozen=True)
class ExtractedDocument:
    """What a reader got out of a file."""

    format: DocFormat
    part_kind: PartKind
    parts: tuple[DocPart, ...]
    encoding: str | None = None  # the text encoding detected, for text formats
    title: str = ""

    @property
    def flagged(self) -> tuple[int, ...]:
        """Numbers of the parts whose text could not be used."""
        return tuple(part.number for part in self.parts if part.flag is not PartFlag.OK)

    @property
    def has_text(self) -> bool:
        """Whether any part has usable text."""
        return any(part.flag is PartFlag.OK and part.text.strip() for part in self.parts)


class DocErrorKind(StrEnum):
    """Why a file could not be indexed."""

    UNSUPPORTED = "unsupported"  # a format Maru does not read
    EMPTY = "empty"  # a 0-byte file
    NO_TEXT = "no_text"  # nothing extractable (every page scanned, say)
    CORRUPT = "corrupt"  # the parser could not read it
    ENCRYPTED = "encrypted"  # password-protected
    TOO_LARGE = "too_large"  # over a size limit, e.g. a zip bomb
    TIMED_OUT = "timed_out"  # the parser ran past its time budget
    OUT_OF_MEMORY = "out_of_memory"  # the parser ran past its memory budget
    PARSER_CRASHED = "parser_crashed"  # the extraction process died
    UNREADABLE = "unreadable"  # the file could not be opened (permissions, I/O)
    MISSING = "missing"  # the file is gone


class DocError(KindError):
    """A document could not be read or indexed; `kind` is a DocErrorKind."""


@dataclass(frozen=True)
class Chunk:
    """A passage to index: text[start:end] of part `part`, under `heading`."""

    part: int
    start: int
    end: int
    text: str
    heading: str = ""  # the headings above it, "Chapter > Section"


class FileState(StrEnum):
    """Where a file is in indexing."""

    QUEUED = "queued"
    INDEXING = "indexing"
    DONE = "done"  # indexed now
    UNCHANGED = "unchanged"  # same size, time and content as last time: skipped
    FAILED = "failed"
    REMOVED = "removed"  # the file is gone, its chunks were deleted


@dataclass(frozen=True)
class FileStatus:
    """One file's indexing outcome (or progress), as the UI and CLI show it."""

    path: str
    state: FileState
    error: DocErrorKind | None = None
    detail: str = ""
    chunks: int = 0
    parts: int = 0
    flagged: tuple[int, ...] = ()  # parts with no usable text
    part_kind: PartKind = PartKind.WHOLE


@dataclass
class IndexReport:
    """How one indexing run ended, file by file."""

    statuses: list[FileStatus] = field(default_factory=list)
    cancelled: bool = False

    def count(self, state: FileState) -> int:
        """How many files ended in `state`."""
        return sum(1 for s in self.statuses if s.state is state)


@dataclass(frozen=True)
class RenderedPage:
    """A PDF page as pixels: RGBA, 8 bits per channel, rows of `width * 4` bytes."""

    width: int
    height: int
    rgba: bytes
