"""Document readers: a file in, an ExtractedDocument out, or a DocError.

`read_document` parses untrusted files in the calling process. The app calls
it only inside the extraction child process (doc_extract.Extractor), so a
parser that crashes, hangs or eats memory takes down that child, not the
window; tests and tools may call it directly. One module per format family;
PDFium and charset_normalizer are imported only when a file needs them.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable
from pathlib import PurePath

from desktop.backends.doc_readers.html_reader import read_html
from desktop.backends.doc_readers.hwpx import read_hwpx
from desktop.backends.doc_readers.office_docx import read_docx
from desktop.backends.doc_readers.office_pptx import read_pptx
from desktop.backends.doc_readers.pdf import read_pdf, render_pdf_page
from desktop.backends.doc_readers.text import read_code, read_csv, read_markdown, read_text
from desktop.core.doc_text import normalize_text, tidy_whitespace
from desktop.core.documents import DocError, DocErrorKind, DocFormat, ExtractedDocument, format_for

__all__ = ["read_document", "render_pdf_page"]

_READERS: dict[DocFormat, Callable[[str], ExtractedDocument]] = {
    DocFormat.PDF: read_pdf,
    DocFormat.DOCX: read_docx,
    DocFormat.PPTX: read_pptx,
    DocFormat.HWPX: read_hwpx,
    DocFormat.HTML: read_html,
    DocFormat.MARKDOWN: read_markdown,
    DocFormat.TEXT: read_text,
    DocFormat.CSV: read_csv,
    DocFormat.CODE: read_code,
}


def read_document(path: str) -> ExtractedDocument:
    """The text of the file at `path`, part by part, with its structure.

    Blocks the calling thread for as long as the parse takes (a 500-page PDF: about
    half a second). PDFium is not thread-safe, so call it from one thread at a time
    (the extraction child has only one). Raises DocError: UNSUPPORTED, MISSING,
    UNREADABLE, EMPTY, TOO_LARGE, ENCRYPTED, CORRUPT, or NO_TEXT when nothing usable
    came out. Any other exception is a reader bug.
    """
    format = format_for(path)
    if format is None:
        raise DocError(DocErrorKind.UNSUPPORTED, PurePath(path).suffix or "no suffix")
    if _file_size(path) == 0:
        raise DocError(DocErrorKind.EMPTY)
    try:
        document = _READERS[format](path)
    except FileNotFoundError as exc:  # gone between the check and the read
        raise DocError(DocErrorKind.MISSING, str(exc)) from exc
    except OSError as exc:
        raise DocError(DocErrorKind.UNREADABLE, str(exc)) from exc
    if not document.has_text:
        raise DocError(DocErrorKind.NO_TEXT, _no_text_detail(document))
    # Titles are shown in the UI: the same cleaning as the text (no bidi tricks).
    return dataclasses.replace(document, title=tidy_whitespace(normalize_text(document.title)))


def _file_size(path: str) -> int:
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise DocError(DocErrorKind.MISSING, str(exc)) from exc
    except OSError as exc:
        raise DocError(DocErrorKind.UNREADABLE, str(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise DocError(DocErrorKind.UNREADABLE, "not a regular file")
    if not os.access(path, os.R_OK):
        raise DocError(DocErrorKind.UNREADABLE, "no permission to read")
    return info.st_size


def _no_text_detail(document: ExtractedDocument) -> str:
    flagged = len(document.flagged)
    return f"{flagged} of {len(document.parts)} {document.part_kind.value}s have no usable text"
