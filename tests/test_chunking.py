"""Chunking: exact spans, budgets, overlap, headings and full coverage."""

import itertools
import random
import re
import unicodedata

import pytest

from desktop.core.chunking import approx_tokens, chunk_document, chunk_part
from desktop.core.documents import (
    Block,
    BlockKind,
    DocFormat,
    DocPart,
    ExtractedDocument,
    PartFlag,
    PartKind,
)

ENGLISH = ("The warranty covers parts and labour for two years. Claims must be filed "
           "within thirty days! Is the battery included? Yes, it is.")
KOREAN = ("계약서를 검토했다. 보증기간은 2년입니다. 반품은 구매 후 14일 이내에 가능합니다! "
          "배터리는 포함되나요? 네, 포함됩니다.")
JAPANESE = "これは本です。保証期間は二年です。返品は十四日以内に可能です！電池は含まれますか？"
CODE = ("def add(a, b):\n    return a + b\n\n"
        "class Store:\n    def get(self, key):\n        return self._d[key]\n")
# A letter with combining marks, a ZWJ emoji family, a flag-like pair, a skin tone.
CLUSTERS = ["e\u0301\u0302", "👩\u200d👩\u200d👧", "👍🏽", "각", "\u1100\u1161\u11a8"]


def check_invariants(part, chunks, budget):
    """What every chunking must hold: exact spans, order, coverage, budget, whole
    character sequences."""
    text = part.text
    for chunk in chunks:
        assert chunk.part == part.number
        assert chunk.text and text[chunk.start : chunk.end] == chunk.text
        assert not chunk.text[0].isspace() and not chunk.text[-1].isspace()
        assert approx_tokens(chunk.text) <= budget, chunk.text
        assert not _cuts_sequence(text, chunk.start) and not _cuts_sequence(text, chunk.end)
    starts = [c.start for c in chunks]
    assert starts == sorted(set(starts))
    covered = [False] * len(text)
    for chunk in chunks:
        covered[chunk.start : chunk.end] = [True] * (chunk.end - chunk.start)
    missed = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missed, [text[i] for i in missed]


def _cuts_sequence(text, i):
    if i <= 0 or i >= len(text):
        return False
    after = text[i]
    return (unicodedata.category(after) in ("Mn", "Mc", "Me") or after == "\u200d"
            or text[i - 1] == "\u200d" or "\U0001f3fb" <= after <= "\U0001f3ff"
            or ("\u1160" <= after <= "\u11ff" and "\u1100" <= text[i - 1] <= "\u11ff"))


def random_text(rng):
    """A document of random paragraphs in several scripts and shapes."""
    words = (ENGLISH.split() + KOREAN.split() + CLUSTERS
             + ["covid19", "3.14", "e.g.", "—", "x" * rng.randint(1, 400)])
    paragraphs = []
    for _ in range(rng.randint(1, 12)):
        shape = rng.random()
        if shape < 0.15:
            paragraphs.append(JAPANESE * rng.randint(1, 20))
        elif shape < 0.25:
            paragraphs.append(CODE)
        elif shape < 0.35:  # no punctuation at all
            paragraphs.append(" ".join(rng.choice(words) for _ in range(rng.randint(50, 400))))
        else:
            sentence = lambda: " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))  # noqa: E731
            ends = [". ", "! ", "? ", "다. ", "\n", "。"]
            paragraphs.append("".join(sentence() + rng.choice(ends)
                                      for _ in range(rng.randint(1, 20))))
    return rng.choice(["\n\n", "\n \n", "\n\n\n"]).join(paragraphs)


def random_blocks(rng, text):
    """None, the lines as blocks with some headings, or sloppy reader blocks."""
    choice = rng.random()
    if choice < 0.3:
        return ()
    if choice < 0.8:
        blocks = []
        for m in re.finditer(r"[^\n]+", text):
            heading = rng.random() < 0.1
            kind = BlockKind.HEADING if heading else rng.choice(list(BlockKind))
            blocks.append(Block(m.start(), m.end(), kind, rng.randint(0, 4) if heading else 0))
        return tuple(blocks)
    # overlapping, out of range, empty and missing blocks
    return tuple(
        Block(a, a + rng.randint(-5, 300), rng.choice(list(BlockKind)), rng.randint(0, 3))
        for a in sorted(rng.randint(-10, len(text) + 10) for _ in range(rng.randint(0, 20))))


def test_invariants_on_generated_documents():
    rng = random.Random(20240607)
    for _ in range(300):
        text = random_text(rng)
        part = DocPart(rng.randint(1, 9), text, random_blocks(rng, text))
        budget = rng.choice([10, 25, 60, 120, 300])
        overlap = rng.choice([0, 5, 20, 50])
        check_invariants(part, chunk_part(part, budget=budget, overlap=overlap), budget)


@pytest.mark.parametrize("text", [ENGLISH * 30, KOREAN * 30, (ENGLISH + KOREAN) * 20,
                                  JAPANESE * 40, CODE * 20, " ".join(["word"] * 2000),
                                  "가나다라마바사 " * 500, "x" * 5000, "\n\n  " + ENGLISH])
def test_invariants_on_fixed_inputs(text):
    for budget in (20, 300):
        part = DocPart(1, text)
        check_invariants(part, chunk_part(part, budget=budget, overlap=budget // 6), budget)


def test_approx_tokens_estimates():
    assert approx_tokens("") == approx_tokens("  \n ") == 0
    words = ["the", "contract", "is", "valid", "for", "two", "years", "from", "the", "date"]
    assert len(words) <= approx_tokens(" ".join(words)) <= 1.6 * len(words)
    assert approx_tokens("계약서를 검토했다") == 8  # a Hangul syllable is about one token
    assert approx_tokens("保証期間") == 4
    assert approx_tokens("2024") == 2 and approx_tokens("!?") == 2


def test_approx_tokens_is_subadditive():
    """A chunk weighs no more than its pieces, which is what lets the chunker
    promise the budget from its atoms' weights."""
    rng = random.Random(7)
    for _ in range(500):
        text = random_text(rng)[:300]
        cut = rng.randint(0, len(text))
        assert approx_tokens(text) <= approx_tokens(text[:cut]) + approx_tokens(text[cut:])


def test_small_blocks_are_packed_whole():
    paragraphs = [f"Paragraph {i} says something short." for i in range(40)]
    text = "\n\n".join(paragraphs)
    chunks = chunk_part(DocPart(1, text), budget=40, overlap=0)
    assert 1 < len(chunks) < len(paragraphs)
    for chunk in chunks:  # never a paragraph cut in two
        assert set(chunk.text.split("\n\n")) <= set(paragraphs)


def test_long_paragraph_chunks_overlap_by_whole_sentences():
    sentences = [f"Sentence {i} is about item {i} in the list." for i in range(100)]
    text = " ".join(sentences)
    chunks = chunk_part(DocPart(1, text), budget=80, overlap=20)
    assert len(chunks) > 3
    for before, after in itertools.pairwise(chunks):
        assert after.start < before.end  # they overlap
        shared = text[after.start : before.end]
        assert 0 < approx_tokens(shared) <= 20
        assert shared.startswith("Sentence") and before.text.endswith(".")


def test_overlap_without_punctuation_falls_back_to_words():
    text = " ".join(f"word{i}" for i in range(600))
    chunks = chunk_part(DocPart(1, text), budget=60, overlap=15)
    check_invariants(DocPart(1, text), chunks, 60)
    for before, after in itertools.pairwise(chunks):
        assert after.start < before.end and text[after.start - 1] == " "


def test_no_overlap_when_zero():
    text = " ".join(f"Sentence {i} is here." for i in range(200))
    chunks = chunk_part(DocPart(1, text), budget=50, overlap=0)
    for before, after in itertools.pairwise(chunks):
        assert after.start >= before.end


def headed(lines):
    """A part from (level, text) lines: level > 0 is a heading of that depth."""
    text, blocks = "", []
    for level, line in lines:
        start = len(text)
        text += line + "\n\n"
        kind = BlockKind.HEADING if level else BlockKind.PARAGRAPH
        blocks.append(Block(start, start + len(line), kind, level))
    return DocPart(1, text, tuple(blocks))


def test_headings_start_chunks_and_are_recorded():
    body = "The device must be charged before first use. " * 3
    part = headed([
        (1, "# Guide"), (0, "Welcome to the guide."),
        (2, "## Install"), (0, body),
        (3, "### Linux"), (0, body),
        (2, "## Warranty"), (0, body * 4),
    ])
    chunks = chunk_part(part, budget=100, overlap=10)
    check_invariants(part, chunks, 100)
    by_start = {c.text.split("\n")[0]: c.heading for c in chunks}
    assert by_start["# Guide"] == "Guide"
    assert by_start["## Install"] == "Guide > Install"
    assert by_start["### Linux"] == "Guide > Install > Linux"
    assert by_start["## Warranty"] == "Guide > Warranty"  # a shallower heading pops deeper ones
    later = [c for c in chunks if c.start > part.text.index("## Warranty")]
    assert later and all(c.heading == "Guide > Warranty" for c in later)
    for chunk in chunks:  # headings only ever open a chunk, never follow its text
        is_heading = [line.startswith("#") for line in chunk.text.split("\n") if line]
        assert is_heading == sorted(is_heading, reverse=True)


def test_heading_with_nothing_under_it_joins_the_next():
    part = headed([(1, "Title"), (2, "Part one"), (0, "Some text.")])
    chunks = chunk_part(part, budget=100)
    assert len(chunks) == 1 and chunks[0].heading == "Title > Part one"


def test_cjk_sentences_split_without_spaces():
    text = JAPANESE * 30
    chunks = chunk_part(DocPart(1, text), budget=50, overlap=10)
    check_invariants(DocPart(1, text), chunks, 50)
    assert all(c.text.endswith(("。", "！", "？")) for c in chunks)


def test_oversized_word_is_cut_hard():
    text = "start " + "A" * 3000 + " end"
    chunks = chunk_part(DocPart(1, text), budget=50, overlap=10)
    check_invariants(DocPart(1, text), chunks, 50)
    assert len(chunks) > 10


def test_character_sequence_heavier_than_budget_stays_whole():
    cluster = "e" + "\u0301" * 8  # nine tokens' worth of marks on one letter
    part = DocPart(1, cluster * 3)
    chunks = chunk_part(part, budget=4, overlap=0)
    assert [c.text for c in chunks] == [cluster] * 3


def test_reader_blocks_with_gaps_still_cover_everything():
    text = "Heading\n\nCovered paragraph.\n\nLeft out by the reader.\n\nCovered again."
    blocks = (Block(0, 7, BlockKind.HEADING, 1), Block(9, 27), Block(53, 67))
    part = DocPart(1, text, blocks)
    chunks = chunk_part(part, budget=300)
    check_invariants(part, chunks, 300)
    assert chunks[0].heading == "Heading"


def test_chunk_document_skips_unusable_parts():
    doc = ExtractedDocument(DocFormat.PDF, PartKind.PAGE, (
        DocPart(1, ENGLISH),
        DocPart(2, "", flag=PartFlag.NO_TEXT),
        DocPart(3, "\ufffd\ufffd", flag=PartFlag.GARBLED),
        DocPart(4, "   \n"),
        DocPart(5, KOREAN),
    ))
    chunks = chunk_document(doc, budget=300)
    assert [c.part for c in chunks] == [1, 5]
    assert [c.text for c in chunks] == [ENGLISH, KOREAN]


def test_budget_must_be_positive():
    with pytest.raises(ValueError):
        chunk_part(DocPart(1, "text"), budget=0)
