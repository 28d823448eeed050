"""Cut a document's parts into passages to index: whole blocks packed up to a token
budget, headings starting new passages, consecutive passages overlapping.

Every Chunk is a span of its part's text: part.text[chunk.start:chunk.end] ==
chunk.text, so a citation highlights exactly the passage the model was shown.
The chunks of a part are ordered by start and together hold every non-space
character of it.

How a part is cut: its blocks (or, when a reader gave none, its blank-line
separated paragraphs) are split into sentences and the sentences into words;
these are the atoms. A chunk takes atoms up to `budget` tokens and then ends at
the best boundary it reached: a block's start, else a sentence's, else a
word's, else inside a word too long for any chunk (never inside a character
sequence such as a letter and its combining marks). A lower-level boundary is
taken over a higher one only when the higher one would leave the chunk under a
quarter of the budget. The next chunk starts with the last whole sentences (or,
failing that, words) of the previous one, about `overlap` tokens, so a passage
cut in two still has its context; a heading starts a fresh chunk with no
overlap, once the current one holds more than headings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from desktop.core.documents import Block, BlockKind, Chunk, DocPart, ExtractedDocument, PartFlag

# ---- token estimate ------------------------------------------------------------------------

# Calibration (reasoned, not measured: no tokenizer runs here). BPE vocabularies of
# current small models (Llama 3, Qwen 2.5, SmolLM, Gemma) and the XLM-R style ones of
# multilingual embedders (e5, bge-m3) give, roughly:
# - English: ~0.75 words per token, i.e. ~1.3 tokens per word with its punctuation.
#   Common words of 1-4 letters are one token; longer ones split about every 4 letters:
#   a word costs 1 + (letters - 4) / 4, and each punctuation mark 1.
# - Hangul syllables, CJK ideographs and kana: about one token each (frequent
#   syllables are single tokens, rare ones two or three; multilingual embedders merge
#   some pairs): 1 each.
# - Digits: Llama 2, Qwen and Gemma split every digit, Llama 3 and GPT-4 take three at
#   a time: 1/2 each.
# - Other letters (Cyrillic, Greek, accented Latin, Thai...): 1/2 each, about two
#   letters per token.
# - Symbols and marks: 1 each; characters outside the BMP (emoji) 2, as their UTF-8
#   bytes rarely merge. Whitespace: 0, as it merges into the next token.
# Every weight is a multiple of 1/4 (exact in floating point), and the weight of a
# string is at most the sum of the weights of the pieces it is cut into: a chunk
# whose atoms fit the budget fits it too.
_CJK_CHARS = (
    "\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff\uf900-\ufaff\U00020000-\U0003134f"
)
_PIECES = re.compile(
    r"(?P<ascii>[A-Za-z]+)|(?P<digits>\d+)|(?P<space>\s+)"
    rf"|(?P<cjk>[{_CJK_CHARS}]+)|(?P<letters>[^\W\d_]+)|(?P<astral>[\U00010000-\U0010ffff])"
)


def _weight(text: str) -> float:
    """The token estimate of `text` before rounding up."""
    total = 0.0
    pos = 0
    for match in _PIECES.finditer(text):
        total += match.start() - pos  # unmatched characters: symbols, marks, "_"
        pos = match.end()
        size = pos - match.start()
        kind = match.lastgroup
        if kind == "ascii":
            total += 1 + max(0, size - 4) / 4
        elif kind in ("digits", "letters"):
            total += size / 2
        elif kind == "cjk":
            total += size
        elif kind == "astral":
            total += 2
    return total + len(text) - pos


def approx_tokens(text: str) -> int:
    """About how many tokens `text` is for common LLM and embedding tokenizers
    (see the calibration above); never less than the exact weight."""
    return math.ceil(_weight(text))


# ---- atoms -------------------------------------------------------------------------------

HARD, WORD, SENTENCE, BLOCK = range(4)  # the kinds of boundary before an atom

# A sentence ends after . ! ? ... with closing quotes or brackets, before whitespace;
# after the CJK full stops even without it; and at every line break.
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”’)\]」』》】]*(?=\s)|[。！？]+[\"'”’)\]」』》】]*|\n"
)
_WORD = re.compile(r"\S+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NON_SPACE = re.compile(r"\S")
_MIN_FILL = 0.25  # a chunk ends at a weaker boundary rather than under this much of the budget
_HEADING_CHARS = 100  # a heading's longest title in a path (a misread heading can be a page)


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    weight: float
    level: int  # the boundary before it: BLOCK, SENTENCE, WORD or HARD
    heading: bool  # part of a heading block
    path: tuple[str, ...]  # the heading path of its block


def _blocks(part: DocPart) -> list[Block]:
    """The part's blocks, ordered, clipped apart, trimmed of whitespace, with every
    stretch of text the reader left out of its blocks added as paragraphs."""
    text, pos, found = part.text, 0, []
    for block in sorted(part.blocks, key=lambda b: (b.start, b.end)):
        start, end = max(block.start, pos), min(block.end, len(text))
        # Snapped to whole character sequences, should a reader have cut one.
        while pos < start < len(text) and not _can_cut(text, start):
            start -= 1
        while start < end < len(text) and not _can_cut(text, end):
            end += 1
        if end <= start:
            continue
        found += _paragraphs(text, pos, start)
        found.append(Block(start, end, block.kind, block.level))
        pos = end
    found += _paragraphs(text, pos, len(text))
    return [b for b in (_trim(text, b) for b in found) if b is not None]


def _paragraphs(text: str, start: int, end: int) -> list[Block]:
    out, pos = [], start
    for gap in _BLANK_LINE.finditer(text, start, end):
        out.append(Block(pos, gap.start()))
        pos = gap.end()
    out.append(Block(pos, end))
    return out


def _trim(text: str, block: Block) -> Block | None:
    first = _NON_SPACE.search(text, block.start, block.end)
    if first is None:
        return None
    end = block.end
    while text[end - 1].isspace():
        end -= 1
    return Block(first.start(), end, block.kind, block.level)


def _title(text: str) -> str:
    title = " ".join(text.split()).lstrip("#").strip()
    return title if len(title) <= _HEADING_CHARS else title[: _HEADING_CHARS - 1] + "…"


def _atoms(part: DocPart, budget: int) -> list[_Atom]:
    text, atoms, path = part.text, [], ()
    for block in _blocks(part):
        heading = block.kind is BlockKind.HEADING
        if heading:  # it replaces the headings of its depth and deeper
            depth = max(1, block.level)
            path = (*path[: depth - 1], _title(text[block.start : block.end]))
        level = BLOCK
        for start, end in _sentences(text, block.start, block.end):
            level = max(level, SENTENCE)
            for word in _WORD.finditer(text, start, end):
                for piece_start, piece_end, weight in _pieces(text, *word.span(), budget):
                    atoms.append(_Atom(piece_start, piece_end, weight, level, heading, path))
                    level = HARD
                level = WORD
            level = SENTENCE
    return atoms


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence spans of text[start:end], trimmed, none empty."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    spans, pos = [], start
    for cut in [*cuts, end]:
        first = _NON_SPACE.search(text, pos, cut)
        if first is not None:
            last = cut
            while text[last - 1].isspace():
                last -= 1
            spans.append((first.start(), last))
        pos = cut
    return spans


def _pieces(text: str, start: int, end: int, budget: int) -> list[tuple[int, int, float]]:
    """A word cut into pieces of at most `budget` tokens, at character-sequence
    boundaries (a single sequence over the budget stays whole), with their weights."""
    weight = _weight(text[start:end])
    if weight <= budget:
        return [(start, end, weight)]
    pieces = []
    while start < end:
        # The longest prefix within budget, by bisection. Every non-space character
        # weighs at least 1/4, so it is at most 4 * budget characters long.
        low, high = start + 1, min(end, start + 4 * budget)
        while low < high:
            mid = (low + high + 1) // 2
            if _weight(text[start:mid]) <= budget:
                low = mid
            else:
                high = mid - 1
        cut = low
        while start < cut < end and not _can_cut(text, cut):
            cut -= 1
        if cut == start:  # one sequence alone is over the budget: keep it whole
            cut = low
            while cut < end and not _can_cut(text, cut):
                cut += 1
        pieces.append((start, cut, _weight(text[start:cut])))
        start = cut
    return pieces


def _can_cut(text: str, i: int) -> bool:
    """Whether a cut between text[i - 1] and text[i] keeps every character sequence
    whole: no combining mark, joiner, variation selector or emoji modifier cut from
    its base, no Hangul jamo cut from its syllable, no surrogate pair cut."""
    before, after = text[i - 1], text[i]
    if unicodedata.combining(after) or unicodedata.category(after) in ("Mn", "Mc", "Me"):
        return False
    if after in "\u200c\u200d" or before == "\u200d":
        return False
    code = ord(after)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF:
        return False
    if 0xD800 <= ord(before) <= 0xDBFF and 0xDC00 <= code <= 0xDFFF:
        return False
    return not (_is_jamo(before) and _is_vowel_or_final_jamo(after))


def _is_jamo(ch: str) -> bool:
    code = ord(ch)
    return 0x1100 <= code <= 0x11FF or 0xA960 <= code <= 0xA97F or 0xD7B0 <= code <= 0xD7FF or (
        0xAC00 <= code <= 0xD7A3)


def _is_vowel_or_final_jamo(ch: str) -> bool:
    code = ord(ch)
    return 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF


# ---- packing -------------------------------------------------------------------------------


def chunk_part(part: DocPart, *, budget: int = 300, overlap: int = 50) -> list[Chunk]:
    """The chunks of one part, ordered by start (see the module docstring).

    `budget`: the most tokens (approx_tokens) in a chunk, exceeded only by a single
    character sequence heavier than it. `overlap`: about how many tokens of the
    previous chunk a chunk repeats (at most half the budget).
    """
    if budget < 1:
        raise ValueError("budget must be at least 1 token")
    atoms = _atoms(part, budget)
    total = [0.0]
    for atom in atoms:
        total.append(total[-1] + atom.weight)
    packer = _Packer(atoms, total, budget, max(0, min(overlap, budget // 2)))
    return [
        Chunk(part.number, atoms[i].start, atoms[e - 1].end,
              part.text[atoms[i].start : atoms[e - 1].end], " > ".join(_path(atoms[i:e])))
        for i, e in packer.spans()
    ]


def chunk_document(doc: ExtractedDocument, *, budget: int = 300, overlap: int = 50
                   ) -> list[Chunk]:
    """The chunks of every usable part (flag OK, some text), part by part.

    Heading paths do not carry from one part to the next: a page or slide is read
    alone, and a flowing format's document is a single part.
    """
    return [
        chunk
        for part in doc.parts
        if part.flag is PartFlag.OK and part.text.strip()
        for chunk in chunk_part(part, budget=budget, overlap=overlap)
    ]


def _path(atoms: list[_Atom]) -> tuple[str, ...]:
    """The headings a chunk is under: those in effect at its first non-heading atom."""
    return next((a.path for a in atoms if not a.heading), atoms[-1].path)


@dataclass
class _Packer:
    """Greedy packing of atoms into [start, end) index spans."""

    atoms: list[_Atom]
    total: list[float]  # total[i]: the weight of atoms[:i]
    budget: int
    overlap: int

    def spans(self) -> list[tuple[int, int]]:
        spans, start, new, count = [], 0, 0, len(self.atoms)
        while new < count:
            reach, forced = self._reach(start, new)
            end = reach if forced or reach == count else self._best_end(start, new, reach)
            spans.append((start, end))
            fresh = forced or end == count or self.atoms[end].heading
            start, new = (end if fresh else self._overlap_start(start, end)), end
        return spans

    def _weight(self, start: int, end: int) -> float:
        return self.total[end] - self.total[start]

    def _reach(self, start: int, new: int) -> tuple[int, bool]:
        """How far a chunk from `start` can go (its first atom past the budget), and
        whether a heading stops it first. Atoms before `new` are overlap."""
        end, body = new, False
        while end < len(self.atoms):
            atom = self.atoms[end]
            if atom.heading and atom.level == BLOCK and body:
                return end, True
            if end > new and self._weight(start, end + 1) > self.budget:
                break
            body = body or not atom.heading
            end += 1
        return end, False

    def _best_end(self, start: int, new: int, reach: int) -> int:
        """Where a chunk that cannot hold atoms[reach] ends: the last boundary of the
        strongest kind that leaves it a fair size, else the strongest one there is."""
        fallback = None
        for level in (BLOCK, SENTENCE, WORD):
            end = next((e for e in range(reach, new, -1) if self.atoms[e].level >= level), None)
            if end is None:
                continue
            if self._weight(start, end) >= _MIN_FILL * self.budget:
                return end
            fallback = fallback or end
        return fallback or reach

    def _overlap_start(self, start: int, end: int) -> int:
        """Where the chunk after [start, end) starts: the earliest sentence (else word)
        start after `start` whose tail to `end` is within the overlap and leaves room
        for atoms[end]; `end` itself when none is."""
        room = min(self.overlap, self.budget - self.atoms[end].weight)
        for level in (SENTENCE, WORD):
            for s in range(start + 1, end):
                if self.atoms[s].level >= level and self._weight(s, end) <= room:
                    return s
        return end
