"""Fixed hostile documents: zip bombs and known parser-hang reproducers.

PDF page-tree, /Parent and xref loops, object streams that lie or extend
themselves, a self-referencing /Length, a form XObject that draws itself, a
million nested arrays, a 1 GiB FlateDecode content stream; DOCX/PPTX/HWPX zip
bombs (1 GiB, and with headers that lie about it), overlapping entries, too
many entries, entity bombs (UTF-8 and UTF-16), an external entity, deep
nesting; HTML nested 100,000 deep and with constructs never closed.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

from tests.chaos.doc_mutations import (
    GiB,
    pdf_prev_loop,
    xml_entity_bomb,
    xml_external_entity,
    xml_utf16_bomb,
    zip_entries,
    zip_of,
)

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Hostile but readable) Tj ET"
_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(content), extra, content)


def _page(extra: bytes = b"", parent: int = 2) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
            b"/F1 3 0 R >> %s >> /Contents 4 0 R >>" % (parent, extra))


def pdf_document(objects: list[bytes], trailer: bytes = b"/Root 1 0 R") -> bytes:
    """A PDF of `objects` (numbered from 1) with a correct classic xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, start)
    return bytes(out)


def _page_tree(pages: bytes, *more: bytes) -> bytes:
    return pdf_document([_CATALOG, pages, _FONT, _stream(_TEXT), *more])


def pdf_xref_stream(objects: list[bytes], compressed: dict[int, tuple[int, int]],
                    prev_self: bool = False) -> bytes:
    """A PDF 1.5 file: `objects` (None for one held in an object stream, as
    `compressed[number] = (stream object, index)`) and a cross-reference stream;
    `prev_self` makes that stream's /Prev point at itself."""
    out = bytearray(b"%PDF-1.7\n")
    offsets: dict[int, int] = {}
    for number, body in enumerate(objects, 1):
        if body is not None:
            offsets[number] = len(out)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    number, start = len(objects) + 1, len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for n in range(1, number):
        if n in compressed:
            rows.append(struct.pack(">BIH", 2, *compressed[n]))
        else:
            rows.append(struct.pack(">BIH", 1, offsets.get(n, 0), 0))
    rows.append(struct.pack(">BIH", 1, start, 0))
    body = b"".join(rows)
    prev = b"/Prev %d" % start if prev_self else b""
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R %s /Length %d >>\n" % (
        number, number + 1, prev, len(body))
    out += b"stream\n"
    out += body + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _object_stream(objects: bytes, n: int, first: int | None = None, extra: bytes = b"") -> bytes:
    first = first if first is not None else objects.index(b"<<")
    return _stream(objects, b"/Type /ObjStm /N %d /First %d %s" % (n, first, extra))


def _deflate_bomb(size: int, zlib_header: bool) -> bytes:
    """Deflate data inflating to `size` zero bytes (a multiple of 4 MiB) from ~size/1000."""
    chunk = bytes(1 << 22)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 15 if zlib_header else -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = compressor.flush()
    count = size // len(chunk)
    if not zlib_header:
        return first + repeated * (count - 1) + final
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(chunk, adler)
    return first + repeated * (count - 1) + final[:-4] + struct.pack(">I", adler)


def zip_bomb(entries: dict[str, bytes], bomb_name: str, size: int = GiB,
             declared: int | None = None) -> bytes:
    """A zip of `entries` (deflated normally) plus `bomb_name`, inflating to `size`
    zero bytes; `declared` makes its headers lie about that size."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            if name != bomb_name:
                archive.writestr(name, body)
    data = out.getvalue()
    end = data.rindex(b"PK\x05\x06")
    central_start = struct.unpack_from("<I", data, end + 16)[0]
    head, central = data[:central_start], data[central_start:end]
    crc = 0
    chunk = bytes(1 << 22)
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    stored = _deflate_bomb(size, zlib_header=False)
    name = bomb_name.encode()
    fields = (20, 0, 8, 0, 0x21, crc, len(stored), size if declared is None else declared,
              len(name))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name
    central += struct.pack("<IH" + "HHHHHIIIHH" + "HHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0,
                           0, len(head)) + name
    body = head + local + stored
    n = data.count(b"PK\x01\x02") + 1
    return body + central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central),
                                        len(body), 0)


def _overlapping_zip(base: bytes, copies: int = 2000) -> bytes:
    """Every entry name listed many times, all pointing at the same local data: the
    "overlapping files" bomb (a small file whose directory declares gigabytes)."""
    data = bytearray(base)
    end = data.rindex(b"PK\x05\x06")
    start = struct.unpack_from("<I", data, end + 16)[0]
    records = bytes(data[start:end])
    central = records * copies
    n = min(0xFFFF, data.count(b"PK\x01\x02") * copies)
    return bytes(data[:start]) + central + struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), start, 0)


def _many_entries(count: int = 12_000) -> bytes:
    return zip_of([(f"word/media/{i}.xml", b"<x/>") for i in range(count)]
                  + [("word/document.xml", b"<w:document/>")])


def _replace_entry(base: bytes, pattern: str, change: Callable[[bytes], bytes]) -> bytes:
    return zip_of([(info.filename, change(body) if re.search(pattern, info.filename) else body)
                   for info, body in zip_entries(base)])


def _html(body: bytes) -> bytes:
    return b"<!DOCTYPE html><html><head><title>t</title></head><body>" + body + b"</body></html>"


def reproducers(bases: dict[str, bytes]) -> dict[str, Callable[[], bytes]]:
    """File name -> writer of each fixed hostile file (written lazily: some are big to make)."""
    docx, pptx, hwpx = bases["docx"], bases["pptx"], bases["hwpx"]
    rng = random.Random(0)
    nested_kids = [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 /Parent %d 0 R >>" % (n + 1, n - 1)
                   for n in range(5, 5 + 3000)]
    return {
        # PDF: page-tree loops, xref loops, broken object streams, recursion, bombs
        "pdf-pages-self-loop.pdf": lambda: _page_tree(b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
        "pdf-pages-mutual-loop.pdf": lambda: _page_tree(
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _page(),
            b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>"),
        "pdf-page-parent-loop.pdf": lambda: _page_tree(
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _page(parent=5).replace(
                b"/Type /Page ", b"/Type /Page /Kids [5 0 R] ")),
        "pdf-deep-page-tree.pdf": lambda: _page_tree(
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", *nested_kids[:-1],
            _page(parent=5 + 3000 - 2)),
        "pdf-xref-prev-self.pdf": lambda: pdf_prev_loop(
            _page_tree(b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _page()), rng),
        "pdf-xref-stream-prev-self.pdf": lambda: pdf_xref_stream(
            [_CATALOG, b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _FONT, _stream(_TEXT),
             _page()], {}, prev_self=True),
        "pdf-objstm-lies.pdf": lambda: pdf_xref_stream(
            [None, b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _FONT, _stream(_TEXT), _page(),
             _object_stream(b"1 0 " + _CATALOG, n=2147483647, first=-1)], {1: (6, 0)}),
        "pdf-objstm-extends-self.pdf": lambda: pdf_xref_stream(
            [None, b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _FONT, _stream(_TEXT), _page(),
             _object_stream(b"1 0 6 40 " + _CATALOG + b" 6 0 R", n=2, extra=b"/Extends 6 0 R")],
            {1: (6, 0), 6: (6, 1)}),
        "pdf-length-self-ref.pdf": lambda: _page_tree(
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _page()).replace(
                b"<< /Length %d  >>" % len(_TEXT), b"<< /Length 4 0 R >>"),
        "pdf-form-recursion.pdf": lambda: _page_tree(
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            _page(b"/XObject << /X 6 0 R >>"),
            _stream(b"/X Do " + _TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                    b"/Resources << /XObject << /X 6 0 R >> /Font << /F1 3 0 R >> >>"),
        ).replace(_TEXT + b"\nendstream\nendobj\n5", b"/X Do " + _TEXT + b"\nendstream\nendobj\n5"),
        "pdf-deep-arrays.pdf": lambda: _page_tree(
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 /Deep " + b"[" * 1_000_000
            + b"]" * 1_000_000 + b" >>", _page()),
        "pdf-count-huge.pdf": lambda: _page_tree(
            b"<< /Type /Pages /Kids [5 0 R] /Count 2147483647 >>", _page()),
        "pdf-content-flate-bomb.pdf": lambda: pdf_document([
            _CATALOG, b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", _FONT,
            _stream(_deflate_bomb(GiB, zlib_header=True), b"/Filter /FlateDecode"), _page()]),
        "pdf-header-only.pdf": lambda: b"%PDF-1.7\n",
        # zip containers: bombs, lying sizes, overlapping entries, too many entries, XML bombs
        "docx-zip-bomb-1gib.docx": lambda: zip_bomb(
            dict((i.filename, b) for i, b in zip_entries(docx)), "word/document.xml"),
        "docx-zip-bomb-lying-size.docx": lambda: zip_bomb(
            dict((i.filename, b) for i, b in zip_entries(docx)), "word/document.xml",
            declared=50_000),
        "pptx-zip-bomb-slide.pptx": lambda: zip_bomb(
            dict((i.filename, b) for i, b in zip_entries(pptx)), "ppt/slides/slide1.xml",
            declared=60_000),
        "hwpx-zip-bomb-section.hwpx": lambda: zip_bomb(
            dict((i.filename, b) for i, b in zip_entries(hwpx)), "Contents/section0.xml"),
        "docx-overlapping-entries.docx": lambda: _overlapping_zip(docx),
        "docx-12000-entries.docx": _many_entries,
        "docx-entity-bomb.docx": lambda: _replace_entry(
            docx, r"document\.xml", lambda b: xml_entity_bomb(b, rng)),
        "docx-utf16-entity-bomb.docx": lambda: _replace_entry(
            docx, r"document\.xml", lambda b: xml_utf16_bomb(b, rng)),
        "hwpx-external-entity.hwpx": lambda: _replace_entry(
            hwpx, r"section0\.xml", lambda b: xml_external_entity(b, rng)),
        "docx-deep-nesting.docx": lambda: _replace_entry(
            docx, r"document\.xml", lambda b: b.replace(
                b"<w:body>", b"<w:body>" + b"<w:sdt>" * 60_000 + b"</w:sdt>" * 60_000)),
        "pptx-deep-groups.pptx": lambda: _replace_entry(
            pptx, r"slide1\.xml", lambda b: re.sub(
                rb"(<p:spTree>)", rb"\1" + b"<p:grpSp>" * 50_000 + b"</p:grpSp>" * 50_000, b)),
        "hwpx-deep-nesting.hwpx": lambda: _replace_entry(
            hwpx, r"section0\.xml", lambda b: b.replace(
                b"</hs:sec>", b"<hp:p>" * 70_000 + b"</hp:p>" * 70_000 + b"</hs:sec>")),
        # HTML: pathological nesting, unclosed constructs
        "html-deep-divs.html": lambda: _html(b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000),
        "html-deep-skipped.html": lambda: _html(b"<svg>" * 100_000 + b"x" + b"</svg>" * 100_000),
        "html-deep-unclosed-lists.html": lambda: _html(b"<ul><li>x" * 50_000),
        "html-unclosed-comment.html": lambda: _html(b"<!--" + b"x" * 2_000_000),
        "html-many-open-brackets.html": lambda: _html(b"<" * 300_000),
        "html-many-end-tag-starts.html": lambda: _html(b"</" * 500_000),
        "html-many-unclosed-cdata.html": lambda: _html(b"<![CDATA[" * 50_000),
    }
