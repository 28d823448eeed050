"""PPTX: slides in presentation order, read with ElementTree, no python-pptx.

The order is ppt/presentation.xml's slide list resolved through its
relationships (slide files may be numbered in any order after slides are
moved); a file without that list falls back to slideN.xml by number. A
slide's title placeholder is a heading; other text frames give a paragraph per
a:p; tables give a TABLE block per row. Speaker notes are not read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from desktop.backends.doc_readers.common import Piece, build_part, piece
from desktop.backends.doc_readers.office_docx import core_title
from desktop.backends.doc_readers.safe_zip import SafeZip, attribute, local_name, table_rows
from desktop.core.documents import (
    BlockKind,
    DocError,
    DocErrorKind,
    DocFormat,
    DocPart,
    ExtractedDocument,
    PartKind,
)

_SLIDE_FILE = re.compile(r"ppt/slides/slide(\d+)\.xml")
_TITLE_TYPES = {"title", "ctrTitle"}


def read_pptx(path: str) -> ExtractedDocument:
    """One part per slide (PartKind.SLIDE), numbered from 1 in presentation order."""
    with SafeZip(path) as archive:
        names = _slide_names(archive)
        if not names:
            raise DocError(DocErrorKind.CORRUPT, "no slides")
        parts = tuple(_read_slide(archive, name, n) for n, name in enumerate(names, 1))
        title = core_title(archive)
    return ExtractedDocument(DocFormat.PPTX, PartKind.SLIDE, parts, title=title)


def _slide_names(archive: SafeZip) -> list[str]:
    present = set(archive.names())
    ordered = [name for name in _listed_slides(archive) if name in present]
    if ordered:
        return ordered
    numbered = [(int(m[1]), name) for name in present if (m := _SLIDE_FILE.fullmatch(name))]
    return [name for _, name in sorted(numbered)]


def _listed_slides(archive: SafeZip) -> list[str]:
    presentation = archive.read_xml("ppt/presentation.xml")
    rels = archive.read_xml("ppt/_rels/presentation.xml.rels")
    if presentation is None or rels is None:
        return []
    targets = {attribute(rel, "Id"): attribute(rel, "Target") for rel in rels}
    ids = [_relationship_id(e) for e in presentation.iter() if local_name(e.tag) == "sldId"]
    return [_resolve(targets[rid]) for rid in ids if rid in targets]


def _relationship_id(slide_id: Element) -> str:
    # r:id, not the plain id beside it: the only namespaced "id" attribute.
    for key, value in slide_id.attrib.items():
        if key.startswith("{") and local_name(key) == "id":
            return value
    return ""


def _resolve(target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join("ppt", target))


def _read_slide(archive: SafeZip, name: str, number: int) -> DocPart:
    slide = archive.read_xml(name)
    tree = next((e for e in slide.iter() if local_name(e.tag) == "spTree"), None)
    return build_part(number, _shape_pieces(tree) if tree is not None else ())


def _shape_pieces(tree: Element) -> Iterator[Piece]:
    for shape in tree:
        name = local_name(shape.tag)
        if name == "sp":
            yield from _text_shape_pieces(shape)
        elif name == "grpSp":
            yield from _shape_pieces(shape)
        elif name == "graphicFrame":
            yield from _table_pieces(shape)


def _text_shape_pieces(shape: Element) -> Iterator[Piece]:
    kind = BlockKind.HEADING if _is_title(shape) else BlockKind.PARAGRAPH
    for body in shape:
        if local_name(body.tag) != "txBody":
            continue
        for paragraph in body:
            if local_name(paragraph.tag) == "p":
                yield piece(_paragraph_text(paragraph), kind, 1 if kind is BlockKind.HEADING else 0)


def _is_title(shape: Element) -> bool:
    return any(
        local_name(e.tag) == "ph" and attribute(e, "type") in _TITLE_TYPES for e in shape.iter()
    )


def _paragraph_text(paragraph: Element) -> str:
    bits = []
    for element in paragraph.iter():
        name = local_name(element.tag)
        if name == "t":
            bits.append(element.text or "")
        elif name == "br":
            bits.append("\n")
    return "".join(bits)


def _table_pieces(frame: Element) -> Iterator[Piece]:
    for row in table_rows(frame.iter(), _paragraph_text):
        yield piece(row, BlockKind.TABLE)
