"""Structure-keeping translation: segments, assembly, glossary, prompts (no model)."""

import random

import pytest

from desktop.core.tasks import TaskError, TaskErrorKind
from desktop.core.translate import (
    Segment,
    SegmentKind,
    assemble,
    clean_output,
    code_block_count,
    enforce_glossary,
    glossary_hits,
    glossary_misses,
    paragraph_count,
    parse_glossary,
    segment,
    source_text,
    text_indexes,
    translation_messages,
)

DOC = """\
---
title: Maru guide
---
# Getting started ##

Maru is an offline assistant.
It runs models on your computer.

## Install

1. Download the installer.
2. Run it:
   - on Windows, double-click
   - on macOS, open the disk image
     and drag the app
- [ ] Task not done
- [x] Task done

> A quote that spans
> two lines.
>
> A second quote paragraph.

| Name | Description |
|------|:-----------:|
| GPU | Graphics card |
| 42 | 7 |

```python
# not a heading

def hello():
    print("hello world")
```

~~~bash title="setup"
- not a list item
> not a quote
~~~

    indented code block

<!-- a comment
over two lines -->
Setext heading
==============

***

Last paragraph with a [link](https://example.com) and `code`.
```text
unclosed fence
# still code
"""


def join(segments):
    return "".join(s.prefix + s.text + s.suffix for s in segments)


def upper(segments):
    return {i: segments[i].text.upper() for i in text_indexes(segments)}


def code_blocks(text):
    return [s.text for s in segment(text) if s.kind is SegmentKind.CODE]


# ---- segment: the round trip ------------------------------------------------------

TRICKY = [
    "", "\n", "\n\n\n", "\r\n", "\r\n\r\n", "\r", "a", "a\n", "a\r\nb\r\n", "a\rb\r",
    "  \n\t\n", "trailing spaces   \n", "tab\tin\tline\n", "\ttab indented\n",
    "# ", "#", "# Heading", "# Heading #", "## C#", "####### seven", "#hashtag",
    "- ", "-", "- item", "* item\n* item", "+ a\n  b\n\n  c", "1.", "1. x", "1) y\n2) z",
    "> ", ">", "> q", "> > nested\n> > more", "> a\nlazy", ">\n>\n",
    "```", "```\n", "```py\ncode", "```\n```", "~~~\n~~~~\n", "````\n```\n````",
    "``` a ` b\ntext", "  ```\n  code\n  ```", "> ```\n> code\n> ```\nafter",
    "|", "| a |", "|a|b|\n|-|-|\n|1|2|", "a | b\n--|--\n1 | 2", "| x \\|",
    "---", "***", "___", "- - -", "Title\n===", "Title\n---", "===",
    "<!--", "<!-- x -->", "<!-- a\nb\n-->\ntext", "text <!-- inline -->",
    "    code", "a\n    not code", "\n    code\n\n    more\n\n", "- a\n\n    b",
    "---\nkey: value\n---\nbody", "---\nnot front matter", "---\nk: v\n",
    "123", "https://example.com", "`code`", "![](x.png)", "<br>", "12:30 — 14:00",
    "Привет", "안녕하세요\n반갑습니다", "日本語のテキスト", "emoji 🎉 text",
    "\u2028line sep", "\x0cform feed\n", "\ufeffBOM text", " " * 50 + "x",
    "a\n\n\n\nb   \n\n", "- a\n- b\n\nc\n    d", "1. one\n\n   two\n\n3. three",
]


@pytest.mark.parametrize("text", TRICKY)
def test_round_trip_tricky(text):
    segments = segment(text)
    assert join(segments) == text
    for s in segments:
        if s.kind is not SegmentKind.TEXT:
            assert s.prefix == s.suffix == ""


ALPHABET = [
    "a", "word", "가나", "漢字", " ", "  ", "\t", "\n", "\n", "\r\n", "\r", "#", "# ", "-", "- ",
    "*", "1. ", "2) ", ">", "> ", "|", "`", "```", "~~~", "<!--", "-->", "---", "    ",
    "[x] ", "=", "\\", ":", "9", "http://x.y ",
]


def random_text(rng):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 60)))


def test_round_trip_random():
    rng = random.Random(20240601)
    for _ in range(3000):
        text = random_text(rng)
        assert join(segment(text)) == text, repr(text)


def test_round_trip_doc_and_crlf():
    assert join(segment(DOC)) == DOC
    crlf = DOC.replace("\n", "\r\n")
    assert join(segment(crlf)) == crlf


# ---- segment: what is what ------------------------------------------------------


def test_doc_segments():
    segments = segment(DOC)
    texts = [(s.prefix, s.text) for s in segments if s.kind is SegmentKind.TEXT]
    assert texts[:3] == [
        ("# ", "Getting started"),
        ("", "Maru is an offline assistant.\nIt runs models on your computer."),
        ("## ", "Install"),
    ]
    assert ("   - ", "on Windows, double-click") in texts
    assert ("   - ", "on macOS, open the disk image\n     and drag the app") in texts
    assert ("- [ ] ", "Task not done") in texts
    assert ("> ", "A quote that spans\n> two lines.") in texts
    assert ("| ", "Name | Description") in texts
    assert ("", "Setext heading") in texts
    assert all("not a heading" not in text and "not a list" not in text for _, text in texts)
    assert all("indented code" not in text and "a comment" not in text for _, text in texts)
    assert all("42" not in text for _, text in texts)  # a row of numbers: nothing to translate


def test_doc_code_blocks():
    blocks = code_blocks(DOC)
    assert blocks[0].startswith("```python\n# not a heading\n\ndef hello")
    assert blocks[0].endswith('print("hello world")\n```\n')
    assert blocks[1] == '~~~bash title="setup"\n- not a list item\n> not a quote\n~~~\n'
    assert blocks[2] == "    indented code block\n"
    assert blocks[3] == "```text\nunclosed fence\n# still code\n"
    assert code_block_count(DOC) == 3  # fenced ones


def test_other_segments():
    kinds = {s.text: s.kind for s in segment(DOC) if s.kind is SegmentKind.OTHER}
    assert "---\ntitle: Maru guide\n---\n" in kinds
    assert "|------|:-----------:|\n" in kinds
    assert "| 42 | 7 |\n" in kinds
    assert "<!-- a comment\nover two lines -->\n" in kinds
    assert "==============\n" in kinds
    assert "***\n" in kinds
    assert ">\n" in kinds


def test_blank_runs_are_one_segment():
    segments = segment("a\n\n \n\t\nb")
    assert [s.kind for s in segments] == [SegmentKind.TEXT, SegmentKind.BLANK, SegmentKind.TEXT]
    assert segments[1].text == "\n \n\t\n"


def test_heading_and_list_markup_is_kept_out_of_text():
    heading, item, row = segment("### Title ###  \n- [x] done\n| a | b |\n")
    assert (heading.prefix, heading.text, heading.suffix) == ("### ", "Title", " ###  \n")
    assert (item.prefix, item.text, item.suffix) == ("- [x] ", "done", "\n")
    assert (row.prefix, row.text, row.suffix) == ("| ", "a | b", " |\n")


def test_paragraph_lines_and_interruptions():
    segments = segment("Born in\n1984. Then a list:\n- one\n1. two\n# head\ntext")
    assert [s.text for s in segments] == [
        "Born in\n1984. Then a list:", "one", "two", "head", "text",
    ]


def test_crlf_lines_stay_in_text():
    para, = segment("one\r\ntwo  \r\n")
    assert (para.text, para.suffix) == ("one\r\ntwo", "  \r\n")


def test_text_without_letters_is_other():
    for text in ("12.5 %", "https://example.com/a", "`x = 1`", "- 2024", "| 1 | 2 |", "<br/>"):
        assert [s.kind for s in segment(text)] == [SegmentKind.OTHER], text


def test_indented_lines_in_a_list_are_text_not_code():
    segments = segment("- item\n\n    more of the item\n\nafter\n\n    code\n")
    kinds = [(s.kind, s.text.strip()) for s in segments if s.kind is not SegmentKind.BLANK]
    assert kinds == [
        (SegmentKind.TEXT, "item"), (SegmentKind.TEXT, "more of the item"),
        (SegmentKind.TEXT, "after"), (SegmentKind.CODE, "code"),
    ]


def test_text_indexes():
    segments = segment("# A\n\n```\nx\n```\n\nB\n")
    assert text_indexes(segments) == [0, 4]


def test_source_text_drops_continuation_markers():
    quote, item = segment("> one\n> two\n- three\n  four\n")
    assert source_text(quote) == "one\ntwo"
    assert source_text(item) == "three\nfour"


# ---- assemble ---------------------------------------------------------------


def test_assemble_without_translations_is_the_original():
    segments = segment(DOC)
    assert assemble(segments, {}) == DOC


def test_assemble_keeps_structure_and_code():
    segments = segment(DOC)
    out = assemble(segments, upper(segments))
    assert out != DOC
    assert "# GETTING STARTED ##\n" in out
    assert "   - ON WINDOWS, DOUBLE-CLICK\n" in out
    assert "> A QUOTE THAT SPANS\n> TWO LINES.\n" in out
    assert "| NAME | DESCRIPTION |\n|------|:-----------:|\n" in out
    assert paragraph_count(out) == paragraph_count(DOC)
    assert code_block_count(out) == code_block_count(DOC)
    assert code_blocks(out) == code_blocks(DOC)


def test_missing_index_keeps_original():
    segments = segment("# One\n\nTwo\n\nThree\n")
    first = text_indexes(segments)[0]
    out = assemble(segments, {first: "Un"})
    assert out == "# Un\n\nTwo\n\nThree\n"


def test_blank_lines_in_a_translation_add_no_paragraph():
    segments = segment("First.\n\nSecond line one\nline two\n")
    a, b = text_indexes(segments)
    out = assemble(segments, {a: "Premier.\n\nEncore.\n", b: "\n\nDeuxième\n\n\n  ligne deux  \n"})
    assert out == "Premier. Encore.\n\nDeuxième\nligne deux\n"
    assert paragraph_count(out) == paragraph_count("First.\n\nSecond line one\nline two\n") == 2


def test_translation_keeps_quote_and_list_markers():
    segments = segment("> one\n> two\n\n- three\n  four\n")
    a, b = text_indexes(segments)
    out = assemble(segments, {a: "un\n\ndeux\ntrois", b: "drei\nvier"})
    assert out == "> un\n> deux\n> trois\n\n- drei\n  vier\n"


def test_translation_uses_source_line_ends():
    segments = segment("one\r\ntwo\r\n")
    assert assemble(segments, {0: "un\ndeux"}) == "un\r\ndeux\r\n"


def test_empty_translation_keeps_original():
    segments = segment("# Title\n")
    assert assemble(segments, {0: "  \n "}) == "# Title\n"


def test_translation_cannot_open_a_fence_or_comment():
    text = "Para one.\n\nPara two\nline.\n\n```\ncode\n```\n"
    segments = segment(text)
    a, b = text_indexes(segments)
    out = assemble(segments, {a: "```\nUn.\n```", b: "<!-- Deux\nligne."})
    assert code_block_count(out) == code_block_count(text) == 1
    assert paragraph_count(out) == paragraph_count(text)
    assert code_blocks(out) == code_blocks(text)


@pytest.mark.parametrize(("text", "translation", "expected"), [
    ("A line.\n", "- x\n1. y\n# z", "\\- x 1. y # z\n"),
    ("A line.\n", "1. y", "1\\. y\n"),
    ("- item\n", "---", "- \\---\n"),
    ("- item\n", "|-|-|", "- \\|-|-|\n"),
    ("> quote\n", "> nested", "> \\> nested\n"),
    ("one\ntwo\n", "un\n> deux\n2. trois", "un\n\\> deux\n2\\. trois\n"),
])
def test_translation_cannot_change_the_block(text, translation, expected):
    segments = segment(text)
    assert assemble(segments, {text_indexes(segments)[0]: translation}) == expected


def test_empty_list_item_stands_alone():
    segments = segment("-\n  text under it\n")
    assert [s.kind for s in segments] == [SegmentKind.OTHER, SegmentKind.TEXT]


def test_table_row_with_lost_separator_keeps_original():
    segments = segment("| cat | dog |\n|---|---|\n| red | blue |\n")
    head, row = text_indexes(segments)
    out = assemble(segments, {head: "고양이 | 개", row: "빨강 파랑"})
    assert out == "| 고양이 | 개 |\n|---|---|\n| red | blue |\n"


def noisy(text, rng):
    """A translation as a careless model writes it."""
    pieces = [
        text.upper(), "\n\n", "```", "~~~", "\n", "<!--", " ", "- x", "\n\n\n", "> y",
        "1. y", "# h", "|-|-|", "| c |", "---", "===", "    z", "\t",
    ]
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6)))


def test_noisy_translations_keep_paragraph_and_code_counts():
    rng = random.Random(7)
    for _ in range(1500):
        text = random_text(rng)
        segments = segment(text)
        out = assemble(segments, {i: noisy(segments[i].text, rng) for i in text_indexes(segments)})
        assert code_block_count(out) == code_block_count(text), repr(text)
        assert paragraph_count(out) == paragraph_count(text), repr(text)
        assert code_blocks(out) == code_blocks(text), repr(text)


def test_counts():
    assert paragraph_count("") == 0
    assert paragraph_count("a\nb\n\n\nc") == 2
    assert paragraph_count("# H\ntext\n\n```\n\n\n```\nafter") == 2
    assert code_block_count("```\na\n```\n\n~~~\nb\n~~~\n") == 2
    assert code_block_count("no code") == 0


# ---- glossary -----------------------------------------------------------------


def test_parse_glossary_formats():
    text = (
        "\ufeff# my glossary\n"
        "term,translation\n"
        "contract\t계약서\n"
        "invoice,청구서\n"
        '"Smith, John","스미스, 존"\n'
        "\n"
        "warranty = 보증\n"
        "GPU -> 그래픽 카드\n"
        "e-mail → 이메일\n"
        "CONTRACT\t계약서\n"  # the same entry again: fine
    )
    assert parse_glossary(text) == {
        "contract": "계약서", "invoice": "청구서", "Smith, John": "스미스, 존",
        "warranty": "보증", "GPU": "그래픽 카드", "e-mail": "이메일",
    }


def test_parse_glossary_header_and_extra_columns():
    assert parse_glossary("source,target\na,b\n") == {"a": "b"}
    assert parse_glossary("a\tb\tnote\n") == {"a": "b"}
    assert parse_glossary("a = b\nterm,translation\n") == {"a": "b", "term": "translation"}
    assert parse_glossary("") == {}


@pytest.mark.parametrize(("text", "detail"), [
    ("contract\n", "line 1: no separator"),
    ("# c\n\nok,fine\nbroken\n", "line 4: no separator"),
    (",계약서\n", "line 1: empty term"),
    ("contract = \n", "line 1: empty translation"),
    ("a\t\n", "line 1: empty translation"),
    ("cat,고양이\nCat,괭이\n", "line 2:"),
])
def test_parse_glossary_errors(text, detail):
    with pytest.raises(TaskError) as caught:
        parse_glossary(text)
    assert caught.value.kind is TaskErrorKind.BAD_GLOSSARY
    assert caught.value.detail.startswith(detail)


GLOSSARY = {"계약서": "contract", "cat": "고양이", "New York": "뉴욕", "York": "요크", "C++": "C++"}


def test_hits_korean_substring_and_english_whole_word():
    assert glossary_hits(GLOSSARY, "계약서를 확인하세요") == {"계약서": "contract"}
    assert glossary_hits(GLOSSARY, "Pick a category.") == {}
    assert glossary_hits(GLOSSARY, "The CAT sat.") == {"cat": "고양이"}
    assert glossary_hits(GLOSSARY, "cats") == {}
    assert glossary_hits(GLOSSARY, "I use C++ daily") == {"C++": "C++"}


def test_hits_longest_first():
    hits = glossary_hits(GLOSSARY, "New York and York are far apart; new\nyork again")
    assert list(hits) == ["New York", "York"]
    assert glossary_hits(GLOSSARY, "I love New York.") == {"New York": "뉴욕"}


def test_misses():
    hits = {"contract": "계약서", "GPU": "Graphics Card", "machine learning": "기계 학습"}
    translation = "이 계약서는 graphics card 없이 기계학습을 합니다"
    assert glossary_misses(hits, translation) == []
    assert glossary_misses(hits, "이 문서는") == ["contract", "GPU", "machine learning"]


def test_enforce_replaces_untranslated_terms():
    hits = {"contract": "계약서", "cat": "고양이"}
    assert enforce_glossary(hits, "이 contract를 보세요") == "이 계약서를 보세요"
    assert enforce_glossary(hits, "Contract와 category") == "계약서와 category"
    assert enforce_glossary(hits, "이 계약서 (contract)") == "이 계약서 (contract)"
    assert enforce_glossary(hits, "nothing to do") == "nothing to do"


# ---- prompts and answers --------------------------------------------------------


def test_messages_share_the_system_prompt():
    hits = {"contract": "계약서", "GPU": "GPU"}
    one = translation_messages("The contract is signed.", "ko", "en", hits)
    reordered = dict(reversed(hits.items()))
    two = translation_messages("Sign the contract on the GPU.", "ko", "en", reordered)
    assert one[:-1] == two[:-1]  # all but the segment: a prefix the engine caches
    assert one[0]["role"] == "system"
    assert one[-1] == {"role": "user", "content": "The contract is signed."}
    assert [m["role"] for m in one] == ["system", "user"]
    system = one[0]["content"]
    assert "from English into Korean" in system
    assert "Glossary (use exactly these translations):" in system
    assert "- contract -> 계약서" in system
    assert "The contract is signed." not in system


def test_messages_without_source_or_glossary():
    system = translation_messages("x", "fr", None, {})[0]["content"]
    assert "from the source language into French" in system
    assert "Glossary" not in system


def test_messages_accept_language_names():
    by_name = translation_messages("x", "Korean", "English", {})
    assert by_name == translation_messages("x", "ko", "en", {})
    assert "from English into Korean" in by_name[0]["content"]


@pytest.mark.parametrize(("output", "source", "expected"), [
    ('"Bonjour le monde"', "Hello world", "Bonjour le monde"),
    ('"Bonjour"', '"Hello"', '"Bonjour"'),
    ("「こんにちは」", "Hello", "こんにちは"),
    ('"A" et "B"', "A and B", '"A" et "B"'),
    ("Translation: Bonjour", "Hello", "Bonjour"),
    ("번역:\n안녕하세요", "Hello", "안녕하세요"),
    ("Here is the translation:\n\nBonjour", "Hello", "Bonjour"),
    ("Sure! Here's the Korean translation: 안녕", "Hello", "안녕"),
    ("Traduction : Bonjour", "Translation: Hello", "Traduction : Bonjour"),
    ("Bonjour (Note: informal greeting)", "Hello", "Bonjour"),
    ("Bonjour\n\n(Translation from English)", "Hello", "Bonjour"),
    ("Bonjour.\n\nNote: I kept the tone.", "Hello.", "Bonjour."),
    ("Bonjour (Note: a)", "Hello (Note: a)", "Bonjour (Note: a)"),
    ("```\nBonjour\n```", "Hello", "Bonjour"),
    ("  Bonjour le monde  \n", "Hello world", "Bonjour le monde"),
    ("Bonjour (monde)", "Hello (world)", "Bonjour (monde)"),
])
def test_clean_output(output, source, expected):
    assert clean_output(output, source) == expected


def test_segment_dataclass_defaults():
    assert Segment(SegmentKind.BLANK, "\n") == Segment(SegmentKind.BLANK, "\n", "", "")
