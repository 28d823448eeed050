"""What a task reads: a file, pasted text or a conversation, as text or as a
structured document. Blocking I/O; no Qt.

Document formats (PDF, DOCX, PPTX, HWPX, HTML) are parsed in the extraction
child process, as for the documents feature, so a hostile file cannot take the
caller down. Text-like files are decoded here: that is only a byte decode.
A file of any other suffix is read as text when it is text, and refused as
binary when it is not.
"""

from __future__ import annotations

import os
from pathlib import PurePath

from desktop.backends.doc_extract import Extractor
from desktop.backends.doc_readers.common import read_bounded
from desktop.backends.doc_readers.encoding import decode_text
from desktop.backends.doc_readers.text import text_document
from desktop.core.documents import (
    BlockKind,
    DocError,
    DocErrorKind,
    DocFormat,
    ExtractedDocument,
    PartFlag,
    format_for,
)
from desktop.core.tasks import TaskError, TaskErrorKind

_RAW_TEXT = {DocFormat.TEXT, DocFormat.MARKDOWN, DocFormat.CODE, DocFormat.CSV}
_SNIFF_BYTES = 8192


def read_document(path: str, extractor: Extractor) -> ExtractedDocument:
    """The file as a structured document (parts and blocks), for summaries."""
    format = format_for(path)
    if format is None or format in _RAW_TEXT:
        return text_document(read_text(path, extractor))
    return _extract(path, extractor)


def read_text(path: str, extractor: Extractor) -> str:
    """The file as text that keeps its structure, for translation: a text or
    Markdown file as it is, a document's blocks as Markdown (headings as #)."""
    format = format_for(path)
    if format is not None and format not in _RAW_TEXT:
        return document_markdown(_extract(path, extractor))
    data = _read_bytes(path)
    if b"\0" in data[:_SNIFF_BYTES]:
        raise TaskError(TaskErrorKind.BINARY_FILE, PurePath(path).name)
    try:
        text, _codec = decode_text(data)
    except DocError as exc:
        raise TaskError(TaskErrorKind.BINARY_FILE, PurePath(path).name) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TaskError(TaskErrorKind.EMPTY_INPUT, PurePath(path).name)
    return text


def document_markdown(document: ExtractedDocument) -> str:
    """A document's usable parts as Markdown: blocks separated by blank lines,
    headings marked with #, code fenced."""
    blocks: list[str] = []
    for part in document.parts:
        if part.flag is not PartFlag.OK:
            continue
        for block in part.blocks:
            text = part.text[block.start:block.end]
            if block.kind is BlockKind.HEADING:
                text = "#" * max(1, min(block.level, 6)) + " " + text.replace("\n", " ")
            elif block.kind is BlockKind.CODE:
                text = f"```\n{text}\n```"
            elif block.kind is BlockKind.LIST_ITEM:
                text = "- " + text
            blocks.append(text)
    return "\n\n".join(blocks)


def check_text(text: str) -> str:
    """Pasted text, refused when it is empty or only whitespace."""
    if not text.strip():
        raise TaskError(TaskErrorKind.EMPTY_INPUT)
    return text


def _extract(path: str, extractor: Extractor) -> ExtractedDocument:
    try:
        return extractor.extract(path)
    except DocError as exc:
        if exc.kind in (DocErrorKind.EMPTY, DocErrorKind.NO_TEXT):
            raise TaskError(TaskErrorKind.EMPTY_INPUT, PurePath(path).name) from exc
        raise


def _read_bytes(path: str) -> bytes:
    if os.path.isdir(path):
        raise TaskError(TaskErrorKind.UNREADABLE_INPUT, f"{path} is a folder")
    try:
        data = read_bounded(path)
    except OSError as exc:
        raise TaskError(TaskErrorKind.UNREADABLE_INPUT, str(exc)) from exc
    if not data:
        raise TaskError(TaskErrorKind.EMPTY_INPUT, PurePath(path).name)
    return data
