"""PDF through PDFium (pypdfium2): text page by page, and pages as pixels.

PDFium gives a page's text as lines, with no blank line between paragraphs;
paragraphs are found from the lines' positions (see pdf_layout). A page with
no text is a scanned page (flag NO_TEXT); a page whose text is mostly
replacement or private-use characters has a broken font map (flag GARBLED) and
keeps no text, so no garbage is indexed. Every PDFium object is closed as
soon as it is done with, not left to the garbage collector: a big PDF holds
native memory that Python does not see.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from desktop.backends.doc_readers.common import build_part, is_garbled
from desktop.backends.doc_readers.pdf_layout import page_pieces
from desktop.core.documents import (
    DocError,
    DocErrorKind,
    DocFormat,
    DocPart,
    ExtractedDocument,
    PartFlag,
    PartKind,
    RenderedPage,
)

MAX_RENDER_WIDTH = 8192
MAX_RENDER_PIXELS = 64 * 1024**2  # 256 MiB of RGBA: a very tall page at a big width


def read_pdf(path: str) -> ExtractedDocument:
    """Every page of the PDF at `path` as a part (PartKind.PAGE)."""
    with _open(path) as pdf:
        title = _title(pdf)
        parts = tuple(_read_page(pdf, index) for index in range(len(pdf)))
    return ExtractedDocument(DocFormat.PDF, PartKind.PAGE, parts, title=title)


def render_pdf_page(path: str, number: int, width: int) -> RenderedPage:
    """Page `number` (1-based) drawn `width` pixels wide, aspect kept, as RGBA.
    Raises IndexError when there is no such page, ValueError for a width outside
    1..MAX_RENDER_WIDTH, DocError(TOO_LARGE) past MAX_RENDER_PIXELS."""
    if not 1 <= width <= MAX_RENDER_WIDTH:
        raise ValueError(f"width must be 1..{MAX_RENDER_WIDTH}, not {width}")
    with _open(path) as pdf:
        if not 1 <= number <= len(pdf):
            raise IndexError(f"no page {number} in a PDF of {len(pdf)} pages")
        with contextlib.closing(pdf.get_page(number - 1)) as page:
            return _render(page, width)


@contextlib.contextmanager
def _open(path: str) -> Iterator:
    import pypdfium2  # heavy: only in the process that parses

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        raise _load_error(exc) from exc
    try:
        yield pdf
    finally:
        pdf.close()


def _load_error(exc: Exception) -> DocError:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return DocError(DocErrorKind.ENCRYPTED, str(exc))
    if code == pdfium_c.FPDF_ERR_FILE:
        return DocError(DocErrorKind.UNREADABLE, str(exc))
    return DocError(DocErrorKind.CORRUPT, str(exc))


def _title(pdf: object) -> str:
    try:
        return str(pdf.get_metadata_dict().get("Title", "")).strip()
    except Exception:  # metadata is optional; a broken info dictionary is not worth failing over
        return ""


def _read_page(pdf: object, index: int) -> DocPart:
    import pypdfium2

    try:
        page = pdf.get_page(index)
    except pypdfium2.PdfiumError:
        return build_part(index + 1, ())  # one damaged page: no text from it, the rest still count
    with contextlib.closing(page), contextlib.closing(page.get_textpage()) as textpage:
        raw = textpage.get_text_range()
        if is_garbled(raw):
            return build_part(index + 1, (), PartFlag.GARBLED)
        return build_part(index + 1, page_pieces(textpage, raw))


def _render(page: object, width: int) -> RenderedPage:
    import pypdfium2.raw as pdfium_c

    page_width, page_height = page.get_size()
    height = max(1, round(page_height * width / page_width))
    if width * height > MAX_RENDER_PIXELS:
        raise DocError(DocErrorKind.TOO_LARGE, f"a {width}x{height} render is too big")
    bitmap = page.render(
        scale=width / page_width, force_bitmap_format=pdfium_c.FPDFBitmap_BGRA, rev_byteorder=True
    )
    with contextlib.closing(bitmap):
        # PDFium rounds the size up: keep exactly the pixels asked for.
        rows = min(height, bitmap.height)
        buffer = memoryview(bitmap.buffer).cast("B")
        row_bytes = width * 4
        if bitmap.stride == row_bytes and rows * row_bytes <= len(buffer):
            rgba = bytes(buffer[: rows * row_bytes])
        else:
            rgba = b"".join(
                bytes(buffer[r * bitmap.stride : r * bitmap.stride + row_bytes])
                for r in range(rows)
            )
    return RenderedPage(width, rows, rgba)
