"""HWPX (OWPML, Hangul 2014 and later): Contents/sectionN.xml, one part per section.

A paragraph is an hp:p; its text is the hp:t of its own runs (hp:tab and
hp:lineBreak inside hp:t are a tab and a line break). A table sits inside a
run, and its cells hold paragraphs of their own: those come after the
paragraph that holds the table, each as a paragraph. Elements are matched by
local name: Hancom has moved the namespaces between versions (2011, 2016).
A password-protected HWPX is still a zip, with the encryption declared in
META-INF/manifest.xml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from desktop.backends.doc_readers.common import Piece, build_part, piece
from desktop.backends.doc_readers.safe_zip import SafeZip, local_name
from desktop.core.documents import (
    DocError,
    DocErrorKind,
    DocFormat,
    DocPart,
    ExtractedDocument,
    PartKind,
)

_SECTION_FILE = re.compile(r"Contents/section(\d+)\.xml", re.IGNORECASE)
_MARKS = {"tab": "\t", "lineBreak": "\n"}


def read_hwpx(path: str) -> ExtractedDocument:
    """One part per section (PartKind.SECTION), numbered from 1."""
    # An OLE file named .hwpx is a binary HWP 5 document: another format.
    with SafeZip(path, ole=DocErrorKind.UNSUPPORTED) as archive:
        _refuse_encrypted(archive)
        names = _section_names(archive)
        if not names:
            raise DocError(DocErrorKind.CORRUPT, "no Contents/section0.xml")
        parts = tuple(_read_section(archive, name, n) for n, name in enumerate(names, 1))
        title = _title(archive)
    return ExtractedDocument(DocFormat.HWPX, PartKind.SECTION, parts, title=title)


def _refuse_encrypted(archive: SafeZip) -> None:
    manifest = archive.read("META-INF/manifest.xml")
    if manifest is not None and b"encryption-data" in manifest:
        raise DocError(DocErrorKind.ENCRYPTED, "the manifest declares encrypted parts")


def _section_names(archive: SafeZip) -> list[str]:
    numbered = [
        (int(m[1]), name) for name in archive.names() if (m := _SECTION_FILE.fullmatch(name))
    ]
    return [name for _, name in sorted(numbered)]


def _read_section(archive: SafeZip, name: str, number: int) -> DocPart:
    section = archive.read_xml(name)
    return build_part(number, _paragraph_pieces(section))


def _paragraph_pieces(section: Element) -> Iterator[Piece]:
    # iter() is document order: a paragraph comes before the table cells it holds.
    for element in section.iter():
        if local_name(element.tag) == "p":
            yield piece(_paragraph_text(element))


def _paragraph_text(paragraph: Element) -> str:
    bits: list[str] = []
    for run in paragraph:
        if local_name(run.tag) != "run":
            continue
        for text in run:
            if local_name(text.tag) == "t":
                bits.extend(_text_bits(text))
    return "".join(bits)


def _text_bits(text: Element) -> Iterator[str]:
    yield text.text or ""
    for mark in text:
        yield _MARKS.get(local_name(mark.tag), "")
        yield mark.tail or ""


def _title(archive: SafeZip) -> str:
    try:
        package = archive.read_xml("Contents/content.hpf")
    except DocError:
        return ""  # the title is optional; a broken manifest loses only it
    for element in package.iter() if package is not None else ():
        if local_name(element.tag) == "title":
            return (element.text or "").strip()
    return ""
