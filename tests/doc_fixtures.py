"""Writers of real sample documents for the documents tests.

Each writer makes the file the way its usual producer does (fpdf2 for PDF,
python-docx and python-pptx for Office files; HWPX by hand, as Hangul lays it
out) and returns the path it wrote. They are dev-only: Maru's readers never
import these libraries.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

HWPX_SECTION_NS = "http://www.hancom.co.kr/hwpml/2011/section"
HWPX_PARAGRAPH_NS = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HWPX_HEAD_NS = "http://www.hancom.co.kr/hwpml/2011/head"
_OPF_NS = "http://www.idpf.org/2007/opf/"
_ODF_CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"


# ---- PDF ---------------------------------------------------------------------


def _new_pdf(title: str = ""):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    return pdf


def _write_page_text(pdf, text: str) -> None:
    """One multi_cell per paragraph with a blank line between: how reports look."""
    for i, paragraph in enumerate(text.split("\n\n")):
        if i:
            pdf.ln(6)
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")


def write_pdf(path: str | Path, pages: list[str], title: str = "") -> Path:
    """A PDF with one page per string (Latin text only: the core Helvetica font)."""
    pdf = _new_pdf(title)
    for text in pages:
        pdf.add_page()
        _write_page_text(pdf, text)
    pdf.output(str(path))
    return Path(path)


def write_encrypted_pdf(path: str | Path, text: str, user_password: str = "secret") -> Path:
    """A one-page PDF that needs `user_password` to open."""
    pdf = _new_pdf()
    pdf.set_encryption(owner_password="owner-" + user_password, user_password=user_password)
    pdf.add_page()
    _write_page_text(pdf, text)
    pdf.output(str(path))
    return Path(path)


def _png(size: int = 96) -> io.BytesIO:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    for y in range(8, size - 8, 12):  # lines that look like text to a person, not to pdfium
        draw.rectangle((8, y, size - 8, y + 4), fill="black")
    data = io.BytesIO()
    image.save(data, format="PNG")
    data.seek(0)
    return data


def write_scanned_pdf(
    path: str | Path, text_pages: Iterable[str] = ("Typed text page.",), image_pages: int = 1
) -> Path:
    """A PDF of `text_pages` (real text) followed by `image_pages` pages that hold
    only a picture, as a scanner makes them: those pages have no extractable text."""
    pdf = _new_pdf()
    for text in text_pages:
        pdf.add_page()
        _write_page_text(pdf, text)
    for _ in range(image_pages):
        pdf.add_page()
        pdf.image(_png(), x=20, y=20, w=170)
    pdf.output(str(path))
    return Path(path)


_PUA_CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo "
    b"<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS "
    b"def /CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange "
    b"1 beginbfrange <21> <7E> <E000> endbfrange endcmap CMapName currentdict /CMap "
    b"defineresource pop end end"
)


def write_garbled_pdf(path: str | Path, text: str = "Quarterly numbers went up.") -> Path:
    """A one-page PDF whose font's ToUnicode map sends every letter to the private
    use area: it prints fine, but its extracted text is junk (a broken font map)."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_PUA_CMAP), _PUA_CMAP),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref
    )
    Path(path).write_bytes(bytes(out))
    return Path(path)


def write_corrupt_pdf(path: str | Path) -> Path:
    """A PDF header followed by garbage and cut short: no parser can read it."""
    pdf = _new_pdf()
    pdf.add_page()
    _write_page_text(pdf, "This file will be cut in half.")
    data = bytes(pdf.output())
    garbled = data[:9] + bytes((b * 7 + 13) % 256 for b in data[9 : len(data) // 2])
    Path(path).write_bytes(garbled)
    return Path(path)


# ---- Office (python-docx, python-pptx) -----------------------------------------

_DOCX_STYLES = {"p": None, "li": "List Bullet"}


def write_docx(path: str | Path, blocks: list[tuple[str, str]], title: str = "") -> Path:
    """A DOCX of ("h1" | "h2" | ... | "p" | "li", text) blocks, as Word would save it."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for kind, text in blocks:
        if kind.startswith("h"):
            document.add_heading(text, level=int(kind[1:]))
        else:
            document.add_paragraph(text, style=_DOCX_STYLES[kind])
    document.save(str(path))
    return Path(path)


def write_docx_table(path: str | Path, rows: list[list[str]], before: str = "") -> Path:
    """A DOCX holding an optional paragraph then one table of `rows`."""
    import docx

    document = docx.Document()
    if before:
        document.add_paragraph(before)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return Path(path)


def write_pptx(
    path: str | Path, slides: list[tuple[str, list[str]]], order: list[int] | None = None
) -> Path:
    """A PPTX with one "Title and Content" slide per (title, bullet paragraphs);
    an empty title and no bullets makes a blank slide. `order` reorders the deck
    (indexes into `slides`) as dragging slides in PowerPoint does: the slide files
    keep their numbers, only the presentation's slide list changes."""
    import pptx

    presentation = pptx.Presentation()
    for title, bullets in slides:
        if not title and not bullets:
            presentation.slides.add_slide(presentation.slide_layouts[6])  # blank
            continue
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        for i, bullet in enumerate(bullets):
            paragraph = body.paragraphs[0] if i == 0 else body.add_paragraph()
            paragraph.text = bullet
    if order is not None:
        id_list = presentation.slides._sldIdLst  # python-pptx has no public reorder
        ids = list(id_list)
        for element in ids:
            id_list.remove(element)
        for index in order:
            id_list.append(ids[index])
    presentation.save(str(path))
    return Path(path)


# ---- HWPX (hand-made OWPML, as Hangul 2014+ saves it) --------------------------


def _hwpx_section(paragraphs: list[str]) -> str:
    body = "".join(
        f'<hp:p id="{i}" paraPrIDRef="0" styleIDRef="0" pageBreak="0" columnBreak="0" merged="0">'
        f'<hp:run charPrIDRef="0"><hp:t>{xml_escape(text)}</hp:t></hp:run></hp:p>'
        for i, text in enumerate(paragraphs)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
        f'<hs:sec xmlns:hs="{HWPX_SECTION_NS}" xmlns:hp="{HWPX_PARAGRAPH_NS}">{body}</hs:sec>'
    )


def _hwpx_content_hpf(n_sections: int, title: str) -> str:
    items = "".join(
        f'<opf:item id="section{i}" href="Contents/section{i}.xml" media-type="application/xml"/>'
        for i in range(n_sections)
    )
    spine = "".join(f'<opf:itemref idref="section{i}" linear="yes"/>' for i in range(n_sections))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
        f'<opf:package xmlns:opf="{_OPF_NS}" version="" unique-identifier="" id="">'
        f"<opf:metadata><opf:title>{xml_escape(title)}</opf:title><opf:language>ko</opf:language>"
        "</opf:metadata><opf:manifest>"
        '<opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
        f'{items}</opf:manifest><opf:spine><opf:itemref idref="header" linear="yes"/>{spine}'
        "</opf:spine></opf:package>"
    )


_HWPX_VERSION = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
    '<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" tagetApplication='
    '"WORDPROCESSOR" major="5" minor="1" micro="0" buildNumber="1" os="1" xmlVersion="1.4" '
    'application="Hancom Office Hangul" appVersion="11, 0, 0, 0"/>'
)
_HWPX_HEADER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
    f'<hh:head xmlns:hh="{HWPX_HEAD_NS}" version="1.4" secCnt="{{n}}">'
    '<hh:beginNum page="1" footnote="1" endnote="1" pic="1" tbl="1" equation="1"/>'
    "<hh:refList/></hh:head>"
)
_HWPX_CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
    f'<ocf:container xmlns:ocf="{_ODF_CONTAINER_NS}"><ocf:rootfiles>'
    '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
    "</ocf:rootfiles></ocf:container>"
)


def write_hwpx(path: str | Path, sections: list[list[str]], title: str = "") -> Path:
    """An HWPX file with one section per list of paragraphs; the mimetype entry
    comes first and is stored uncompressed, as the format requires."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/hwp+zip", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("version.xml", _HWPX_VERSION)
        archive.writestr("Contents/header.xml", _HWPX_HEADER.replace("{n}", str(len(sections))))
        for i, paragraphs in enumerate(sections):
            archive.writestr(f"Contents/section{i}.xml", _hwpx_section(paragraphs))
        archive.writestr("Contents/content.hpf", _hwpx_content_hpf(len(sections), title))
        archive.writestr("META-INF/container.xml", _HWPX_CONTAINER)
    return Path(path)


# ---- HTML and plain text -------------------------------------------------------

_HTML_TAGS = {"p": "p", "li": "li", "pre": "pre", **{f"h{n}": f"h{n}" for n in range(1, 7)}}


def write_html(
    path: str | Path, title: str, blocks: list[tuple[str, str]], charset: str = "utf-8"
) -> Path:
    """An HTML page of ("h1".."h6" | "p" | "li" | "pre", text) blocks, encoded in
    `charset` and saying so in a <meta charset>; list items are wrapped in <ul>."""
    body: list[str] = []
    for kind, text in blocks:
        tag = _HTML_TAGS[kind]
        item = f"<{tag}>{html_escape(text, quote=False)}</{tag}>"
        body.append(f"<ul>{item}</ul>" if tag == "li" else item)
    page = (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}">'
        f"<title>{html_escape(title)}</title>"
        "<style>p { color: red; }</style><script>var hidden = 'script text';</script>"
        f"</head>\n<body>\n{chr(10).join(body)}\n</body></html>\n"
    )
    Path(path).write_bytes(page.encode(charset))
    return Path(path)


def write_markdown(path: str | Path, text: str) -> Path:
    """A Markdown file of `text`, UTF-8."""
    Path(path).write_text(text, encoding="utf-8", newline="")
    return Path(path)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """A text file of `text` in `encoding` (e.g. "cp949" for Korean Windows files)."""
    Path(path).write_bytes(text.encode(encoding))
    return Path(path)


def write_empty(path: str | Path) -> Path:
    """A 0-byte file."""
    Path(path).write_bytes(b"")
    return Path(path)


# ---- hostile files -----------------------------------------------------------------

ZIP_BOMB_SIZE = 1 << 30  # what the bomb's document.xml expands to
_BOMB_CHUNK = 1 << 22


def write_zip_bomb_docx(
    path: str | Path, size: int = ZIP_BOMB_SIZE, declared_size: int | None = None
) -> Path:
    """A .docx whose word/document.xml inflates to `size` zero bytes (1 GiB by
    default, a multiple of 4 MiB) from about a megabyte: a decompression bomb.
    `declared_size` makes the zip headers lie about the inflated size, as a bomb
    made to slip past a check of the directory would.

    Deflating 1 GiB takes seconds, so one 4 MiB chunk is compressed with a full
    flush (byte-aligned, no back-references across it) and its bytes repeated:
    still one valid deflate stream, and the file is written in about 0.5 s.
    """
    chunk = bytes(_BOMB_CHUNK)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate, as zip stores it
    repeated = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = compressor.flush()
    count = size // _BOMB_CHUNK
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    entries = [
        _ZipEntry("[Content_Types].xml", b"<Types/>", zlib.crc32(b"<Types/>"), 8, stored=True),
        _ZipEntry(
            "word/document.xml", [repeated] * count + [final], crc,
            count * _BOMB_CHUNK if declared_size is None else declared_size,
        ),
    ]
    _write_raw_zip(Path(path), entries)
    return Path(path)


@dataclass
class _ZipEntry:
    name: str
    data: bytes | list[bytes]  # as stored: raw deflate unless `stored`
    crc: int
    size: int  # uncompressed
    stored: bool = False

    @property
    def stored_bytes(self) -> bytes:
        return self.data if isinstance(self.data, bytes) else b"".join(self.data)


def _write_raw_zip(path: Path, entries: list[_ZipEntry]) -> None:
    """A plain (not zip64) archive, laid out by hand so the stored bytes are ours."""
    central = b""
    with path.open("wb") as out:
        for entry in entries:
            offset, name, data = out.tell(), entry.name.encode(), entry.stored_bytes
            method = 0 if entry.stored else 8
            fields = (20, 0, method, 0, 0x21, entry.crc, len(data), entry.size, len(name))
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + data)
            central += struct.pack(
                "<IH" + "HHHHHIIIHH" + "HHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset
            ) + name
        start = out.tell()
        out.write(central)
        n = len(entries)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), start, 0))
