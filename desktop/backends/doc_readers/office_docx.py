"""DOCX: word/document.xml read with ElementTree, no python-docx.

Headings come from paragraph styles: a style named "heading N" or "Title"
(the built-in names stay English whatever the style id, so a Korean Word's
"1" style id still reads as a heading), or one with an outline level.
Numbered and bulleted paragraphs are list items; a table becomes one TABLE
block per row, cells joined by " | ". Headers, footers, footnotes and
comments are not read. Elements are matched by local name, so strict OOXML
(another namespace) reads the same.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from desktop.backends.doc_readers.common import Piece, build_part, piece
from desktop.backends.doc_readers.safe_zip import SafeZip, attribute, local_name, table_rows
from desktop.core.documents import (
    BlockKind,
    DocError,
    DocErrorKind,
    DocFormat,
    ExtractedDocument,
    PartKind,
)

StyleKinds = dict[str, tuple[BlockKind, int]]

_DEFAULT_STYLES: StyleKinds = {
    "Title": (BlockKind.HEADING, 1),
    **{f"Heading{n}": (BlockKind.HEADING, n) for n in range(1, 10)},
}
_HEADING_NAME = re.compile(r"heading (\d)")
_MARKS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}
# Not text: properties, and the fallback copy of content that also has a newer form.
_NOT_TEXT = {"pPr", "rPr", "sectPr", "sdtPr", "sdtEndPr", "Fallback", "instrText", "delText"}


def read_docx(path: str) -> ExtractedDocument:
    """The whole document as one part (PartKind.WHOLE)."""
    with SafeZip(path) as archive:
        body = archive.read_xml(_main_part(archive))
        if body is None:
            raise DocError(DocErrorKind.CORRUPT, "no word/document.xml")
        styles = paragraph_styles(archive.read_xml("word/styles.xml"))
        title = core_title(archive)
    part = build_part(1, block_pieces(body, styles))
    return ExtractedDocument(DocFormat.DOCX, PartKind.WHOLE, (part,), title=title)


def core_title(archive: SafeZip) -> str:
    """dc:title from docProps/core.xml, or "" (Office files share this part)."""
    try:
        core = archive.read_xml("docProps/core.xml")
    except DocError:
        return ""  # the title is optional; a broken core.xml loses only it
    if core is None:
        return ""
    for element in core:
        if local_name(element.tag) == "title":
            return (element.text or "").strip()
    return ""


def _main_part(archive: SafeZip) -> str:
    rels = archive.read_xml("_rels/.rels")
    for rel in rels if rels is not None else ():
        if attribute(rel, "Type").endswith("/officeDocument"):
            return posixpath.normpath(attribute(rel, "Target").lstrip("/"))
    return "word/document.xml"


def paragraph_styles(styles: Element | None) -> StyleKinds:
    """Style id -> (kind, heading level) for heading and list paragraph styles."""
    kinds = dict(_DEFAULT_STYLES)
    for style in styles if styles is not None else ():
        if local_name(style.tag) != "style" or attribute(style, "type") != "paragraph":
            continue
        name = _child_value(style, "name").lower()
        properties = _child(style, "pPr")
        if heading := _HEADING_NAME.fullmatch(name):
            kinds[attribute(style, "styleId")] = (BlockKind.HEADING, int(heading[1]))
        elif name == "title":
            kinds[attribute(style, "styleId")] = (BlockKind.HEADING, 1)
        elif (level := _outline_level(properties)) is not None:
            kinds[attribute(style, "styleId")] = (BlockKind.HEADING, level)
        elif properties is not None and _child(properties, "numPr") is not None:
            kinds[attribute(style, "styleId")] = (BlockKind.LIST_ITEM, 0)
    return kinds


def block_pieces(container: Element, styles: StyleKinds) -> Iterator[Piece]:
    """Paragraphs and table rows of `container` (the body, or a content control)."""
    for element in container:
        name = local_name(element.tag)
        if name == "p":
            yield _paragraph_piece(element, styles)
        elif name == "tbl":
            yield from _table_pieces(element)
        elif name not in _NOT_TEXT:
            yield from block_pieces(element, styles)


def _paragraph_piece(paragraph: Element, styles: StyleKinds) -> Piece:
    kind, level = BlockKind.PARAGRAPH, 0
    properties = _child(paragraph, "pPr")
    if properties is not None:
        kind, level = styles.get(_child_value(properties, "pStyle"), (kind, level))
        if (outline := _outline_level(properties)) is not None:
            kind, level = BlockKind.HEADING, outline
        elif kind is BlockKind.PARAGRAPH and _child(properties, "numPr") is not None:
            kind = BlockKind.LIST_ITEM
    return piece(paragraph_text(paragraph), kind, level)


def paragraph_text(element: Element) -> str:
    """The text of a w:p (or any run container): w:t, with tabs and breaks."""
    return "".join(_text_bits(element))


def _text_bits(element: Element) -> Iterator[str]:
    for child in element:
        name = local_name(child.tag)
        if name in _NOT_TEXT:
            continue
        if name == "t":
            yield child.text or ""
        elif name in _MARKS:
            yield _MARKS[name]
        else:
            yield from _text_bits(child)


def _table_pieces(table: Element) -> Iterator[Piece]:
    for row in table_rows(table, paragraph_text):
        yield piece(row, BlockKind.TABLE)


def _child(element: Element | None, name: str) -> Element | None:
    for child in element if element is not None else ():
        if local_name(child.tag) == name:
            return child
    return None


def _child_value(element: Element, name: str) -> str:
    child = _child(element, name)
    return "" if child is None else attribute(child, "val")


def _outline_level(properties: Element | None) -> int | None:
    value = _child_value(properties, "outlineLvl") if properties is not None else ""
    # 0-8 are heading levels 1-9; 9 means body text.
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None
