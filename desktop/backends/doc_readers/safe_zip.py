"""Zip containers (DOCX, PPTX, HWPX) opened with limits, before any entry is inflated.

A zip's central directory says how big each entry is; a decompression bomb
says so too (a 1 MB file whose document.xml inflates to 1 GiB), so the
directory is checked first: the number of entries, their declared total, and
the declared size and compression ratio of each entry Maru will parse.
Declared sizes can lie, so every entry is also read with a bound: at most
limit + 1 bytes, and more than the limit is TOO_LARGE however small the
header said it was. XML with a DTD is refused: office files never carry one,
and entity tricks are how XML bombs work.
"""

from __future__ import annotations

import errno
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import BinaryIO
from xml.etree import ElementTree

from desktop.core.documents import DocError, DocErrorKind

MAX_ENTRIES = 10_000
MAX_DECLARED_TOTAL = 1024**3  # all entries, media included (a deck with video is big)
MAX_ENTRY_BYTES = 64 * 1024**2  # one XML part Maru parses (a 1000-page DOCX is ~10 MiB)
MAX_READ_TOTAL = 256 * 1024**2  # everything Maru parses from one file
MAX_RATIO = 200  # deflated XML is 5-30x; zeros are ~1000x
RATIO_FLOOR = 1024**2  # entries smaller than this may have any ratio
_READ_CHUNK = 1024**2
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: encrypted OOXML, HWP 5


class SafeZip:
    """A zip archive open for bounded reads of its parts. Not thread-safe: one
    reader owns it and closes it (it is a context manager)."""

    def __init__(self, path: str, ole: DocErrorKind = DocErrorKind.ENCRYPTED) -> None:
        """Open `path`; an OLE compound file raises DocError(`ole`): Office saves a
        password-protected DOCX/PPTX as one, holding the encrypted package."""
        with open(path, "rb") as file:
            if file.read(len(OLE_MAGIC)) == OLE_MAGIC:
                raise DocError(ole, "an OLE compound file, not a zip")
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            raise DocError(DocErrorKind.CORRUPT, f"not a zip archive: {exc}") from exc
        self._read_total = 0
        try:
            self._check_directory()
        except DocError:
            self._zip.close()
            raise

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive file."""
        self._zip.close()

    def names(self) -> list[str]:
        """The archive's entry names, in directory order."""
        return self._zip.namelist()

    def read(self, name: str) -> bytes | None:
        """Entry `name` inflated (None if there is no such entry), within the limits."""
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            return None
        _check_entry(info)
        limit = min(MAX_ENTRY_BYTES, MAX_READ_TOTAL - self._read_total)
        data = self._inflate(info, limit)
        if len(data) > limit:
            raise DocError(DocErrorKind.TOO_LARGE, f"{name} inflates past {limit} bytes")
        self._read_total += len(data)
        return data

    def read_xml(self, name: str) -> ElementTree.Element | None:
        """Entry `name` parsed as XML (None if there is no such entry)."""
        data = self.read(name)
        return None if data is None else parse_xml(data, name)

    def _inflate(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        try:
            with self._zip.open(info) as entry:
                return _read_up_to(entry, limit + 1)
        # NotImplementedError (an unknown compression method) is a RuntimeError: it
        # comes first, or a damaged method field read as "password-protected".
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise DocError(DocErrorKind.CORRUPT, f"{info.filename}: {exc}") from exc
        except RuntimeError as exc:  # zipfile's word for a password-protected entry
            raise DocError(DocErrorKind.ENCRYPTED, f"{info.filename}: {exc}") from exc
        except OSError as exc:
            # bz2 reports bad data as OSError without an errno, and a lying header
            # offset makes a seek fail with EINVAL: the archive's fault, not the disk's
            # (the chaos suite found both read as "cannot be opened").
            if exc.errno not in (None, errno.EINVAL):
                raise
            raise DocError(DocErrorKind.CORRUPT, f"{info.filename}: {exc}") from exc

    def _check_directory(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise DocError(DocErrorKind.TOO_LARGE, f"{len(infos)} entries in the archive")
        declared = sum(info.file_size for info in infos)
        if declared > MAX_DECLARED_TOTAL:
            raise DocError(DocErrorKind.TOO_LARGE, f"the archive inflates to {declared} bytes")
        for info in infos:
            _check_ratio(info)


def _read_up_to(entry: BinaryIO, size: int) -> bytes:
    # In small steps: one big read() inflates up to its whole size at once even
    # when the entry turns out shorter, which a lying header exploits.
    chunks: list[bytes] = []
    left = size
    while left > 0 and (chunk := entry.read(min(_READ_CHUNK, left))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _check_entry(info: zipfile.ZipInfo) -> None:
    if info.file_size > MAX_ENTRY_BYTES:
        raise DocError(DocErrorKind.TOO_LARGE,
                       f"{info.filename} inflates to {info.file_size} bytes")
    _check_ratio(info)


def _check_ratio(info: zipfile.ZipInfo) -> None:
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise DocError(
            DocErrorKind.TOO_LARGE,
            f"{info.filename} inflates {info.file_size // max(info.compress_size, 1)}x: "
            "a decompression bomb",
        )


# The markers of a DTD in every encoding expat reads: a UTF-16 part spells them with
# zero bytes between the letters, and a byte search for ASCII alone let its entity
# bomb through (the chaos suite's docx-utf16-entity-bomb).
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def parse_xml(data: bytes, name: str) -> ElementTree.Element:
    """`data` parsed as XML; DocError(CORRUPT) if it is not XML or declares a DTD."""
    if any(marker in data for marker in _DTD_MARKERS):
        raise DocError(DocErrorKind.CORRUPT, f"{name} declares a DTD")
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError) as exc:  # ValueError: an encoding expat lacks
        raise DocError(DocErrorKind.CORRUPT, f"{name}: {exc}") from exc


def local_name(tag: object) -> str:
    """An element's tag without its namespace ("{ns}p" -> "p"); "" for comments."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attribute(element: ElementTree.Element, name: str, default: str = "") -> str:
    """The value of the attribute whose local name is `name`, whatever its namespace."""
    for key, value in element.attrib.items():
        if local_name(key) == name:
            return value
    return default


def table_rows(rows: Iterable[ElementTree.Element],
               paragraph_text: Callable[[ElementTree.Element], str]) -> Iterator[str]:
    """Office tables (w:tbl, a:tbl): each non-empty row (tr) as its cells (tc) joined
    by " | ", a cell being its paragraphs' (p) text."""
    for row in rows:
        if local_name(row.tag) != "tr":
            continue
        cells = [_cell_text(cell, paragraph_text) for cell in row if local_name(cell.tag) == "tc"]
        if any(cells):
            yield " | ".join(cells)


def _cell_text(cell: ElementTree.Element,
               paragraph_text: Callable[[ElementTree.Element], str]) -> str:
    texts = (paragraph_text(p).strip() for p in cell.iter() if local_name(p.tag) == "p")
    return " ".join(text for text in texts if text)
