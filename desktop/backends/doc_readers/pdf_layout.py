"""Paragraphs of a PDF page from the positions of its lines.

PDFium's page text is one line per printed line, without blank lines between
paragraphs. A paragraph break is where the space between two lines is clearly
wider than the page's usual line spacing, where the font height changes (a
heading), or where the text jumps up the page (the next column). Line
positions come from PDFium's loose character boxes (font ascent to descent),
sampled at a few characters per line to keep long documents fast. Lines of a
paragraph are joined with spaces: they are wrapped, not broken, text.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from desktop.backends.doc_readers.common import Piece, piece

_LINE_END = re.compile(r"(\r\n|\r|\n)")  # PDFium writes CRLF; be ready for the others
_SAMPLES_PER_LINE = 3
_EXTRA_GAP = 0.4  # of a line's height, beyond the usual spacing: a paragraph break
_HEIGHT_CHANGE = 0.2  # a relative change in font height: a new block
_MIN_GAPS_FOR_MEDIAN = 3  # fewer gaps than this say little about the usual spacing
_DEFAULT_GAP = 0.2  # of the line height, when the page has too few lines to tell


@dataclass(frozen=True)
class _Line:
    text: str
    top: float | None = None  # PDF units, y grows up the page
    bottom: float | None = None

    @property
    def height(self) -> float:
        return (self.top - self.bottom) if self.top is not None else 0.0


def page_pieces(textpage: object, raw: str) -> list[Piece]:
    """The paragraphs of a page whose PDFium text page is `textpage` and text `raw`."""
    lines = _lines(textpage, raw)
    usual = _usual_gap(lines)
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        if not line.text.strip():
            previous = None  # a blank line is a paragraph break whatever the geometry
            continue
        if previous is None or _breaks(previous, line, usual):
            paragraphs.append([])
        paragraphs[-1].append(line.text.strip())
        previous = line
    return [piece(_join(paragraph)) for paragraph in paragraphs]


def _lines(textpage: object, raw: str) -> list[_Line]:
    count = textpage.count_chars()
    lines: list[_Line] = []
    start = 0  # index i of the text is character i of the text page, line ends included
    pieces = _LINE_END.split(raw)  # text, line end, text, ..., text
    for i in range(0, len(pieces), 2):
        lines.append(_locate(textpage, pieces[i], start, count))
        start += len(pieces[i]) + (len(pieces[i + 1]) if i + 1 < len(pieces) else 0)
    return lines


def _locate(textpage: object, text: str, start: int, count: int) -> _Line:
    filled = [i for i, ch in enumerate(text) if not ch.isspace()]
    if not filled:
        return _Line(text)
    picks = {filled[0], filled[len(filled) // 2], filled[-1]}
    tops, bottoms = [], []
    for offset in sorted(picks)[:_SAMPLES_PER_LINE]:
        if start + offset >= count:
            break
        _left, bottom, _right, top = textpage.get_charbox(start + offset, loose=True)
        if top > bottom:
            tops.append(top)
            bottoms.append(bottom)
    if not tops:
        return _Line(text)
    return _Line(text, max(tops), min(bottoms))


def _gap(above: _Line, below: _Line) -> float:
    return above.bottom - below.top


def _usual_gap(lines: list[_Line]) -> float | None:
    placed = [line for line in lines if line.top is not None]
    gaps = [
        _gap(a, b) for a, b in itertools.pairwise(placed)
        if _gap(a, b) >= -0.5 * max(a.height, b.height)  # not a jump to the next column
    ]
    if len(gaps) >= _MIN_GAPS_FOR_MEDIAN:
        return statistics.median(gaps)
    return None


def _breaks(above: _Line, below: _Line, usual: float | None) -> bool:
    if above.top is None or below.top is None:
        return False
    height = max(above.height, below.height)
    if abs(above.height - below.height) > _HEIGHT_CHANGE * min(above.height, below.height):
        return True
    gap = _gap(above, below)
    if gap < -0.5 * height:
        return True  # the text went back up the page: another column or a box
    expected = usual if usual is not None else _DEFAULT_GAP * height
    return gap > expected + _EXTRA_GAP * height


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # A line ending in a hyphen was split mid-word (or at a compound's hyphen).
        text += line if text.endswith("-") else " " + line
    return text
