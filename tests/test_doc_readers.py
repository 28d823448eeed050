"""The document readers, in-process: real files in, text, structure and errors out."""

from __future__ import annotations

import tracemalloc
import unicodedata
import zipfile

import pytest

from desktop.backends.doc_readers import common, read_document, render_pdf_page
from desktop.backends.doc_readers.common import is_garbled
from desktop.backends.doc_readers.pdf import read_pdf
from desktop.core.documents import (
    BlockKind,
    DocError,
    DocErrorKind,
    DocFormat,
    ExtractedDocument,
    PartFlag,
    PartKind,
)
from tests import doc_fixtures as fx

KOREAN = (
    "회의록\n\n참석자: 김철수, 이영희. 안건은 내년 예산 검토입니다.\n\n다음 회의는 3월 5일입니다."
)
LOREM = (
    "Maru reads documents on this machine and never sends them anywhere. This sentence is "
    "long enough to wrap onto a second line of the page, which tests the paragraph joiner."
)


def blocks(doc: ExtractedDocument, part: int = 0) -> list[tuple[BlockKind, int, str]]:
    """(kind, level, text) of a part's blocks, after checking every span is sound."""
    assert_spans(doc)
    p = doc.parts[part]
    return [(b.kind, b.level, p.text[b.start : b.end]) for b in p.blocks]


def assert_spans(doc: ExtractedDocument) -> None:
    for part in doc.parts:
        texts = [part.text[b.start : b.end] for b in part.blocks]
        assert "\n\n".join(texts) == part.text
        assert all(t and t == t.strip("\n ") for t in texts)
        ends = [b.start for b in part.blocks[1:]]
        assert all(b.end + 2 == start for b, start in zip(part.blocks, ends, strict=False))


def read_error(path) -> DocError:
    with pytest.raises(DocError) as caught:
        read_document(str(path))
    return caught.value


# ---- PDF ---------------------------------------------------------------------------


def test_pdf_pages_paragraphs_and_title(tmp_path):
    path = fx.write_pdf(
        tmp_path / "report.pdf",
        [f"{LOREM}\n\nSecond paragraph.", "Page two says hello.", "Third page."],
        title="Quarterly Report",
    )
    doc = read_document(str(path))
    assert (doc.format, doc.part_kind) == (DocFormat.PDF, PartKind.PAGE)
    assert doc.title == "Quarterly Report"
    assert [p.number for p in doc.parts] == [1, 2, 3]
    assert blocks(doc, 0) == [
        (BlockKind.PARAGRAPH, 0, LOREM),  # wrapped lines joined back into one paragraph
        (BlockKind.PARAGRAPH, 0, "Second paragraph."),
    ]
    assert doc.parts[1].text == "Page two says hello."
    assert doc.flagged == ()


def test_scanned_page_is_flagged_and_has_no_text(tmp_path):
    path = fx.write_scanned_pdf(tmp_path / "scan.pdf", ["Typed cover page."], image_pages=2)
    doc = read_document(str(path))
    assert [p.flag for p in doc.parts] == [PartFlag.OK, PartFlag.NO_TEXT, PartFlag.NO_TEXT]
    assert doc.flagged == (2, 3)
    assert doc.parts[1].text == "" and doc.parts[1].blocks == ()


def test_pdf_of_only_scanned_pages_has_no_text(tmp_path):
    path = fx.write_scanned_pdf(tmp_path / "scan.pdf", [], image_pages=2)
    assert read_error(path).kind is DocErrorKind.NO_TEXT


def test_encrypted_pdf(tmp_path):
    path = fx.write_encrypted_pdf(tmp_path / "locked.pdf", "Secret plans.")
    assert read_error(path).kind is DocErrorKind.ENCRYPTED


@pytest.mark.parametrize("make", [
    fx.write_corrupt_pdf,
    lambda path: fx.write_text(path, "this is not a PDF at all"),
])
def test_corrupt_pdf(tmp_path, make):
    assert read_error(make(tmp_path / "broken.pdf")).kind is DocErrorKind.CORRUPT


def test_garbled_text_is_recognized():
    assert is_garbled("\ue000\ue001\ue002 \ufffd\ufffd abc")
    assert is_garbled("\x01\x02\x03\x04 ok")
    assert not is_garbled("Plain text with one odd \ufffd character in it.")
    assert not is_garbled("한국어 문장입니다.")


def test_page_with_a_broken_font_map_is_flagged_and_keeps_no_text(tmp_path):
    path = fx.write_garbled_pdf(tmp_path / "junk.pdf")
    doc = read_pdf(str(path))  # read_document would refuse it: no page has usable text
    assert [(p.number, p.text, p.flag) for p in doc.parts] == [(1, "", PartFlag.GARBLED)]
    assert read_error(path).kind is DocErrorKind.NO_TEXT


def test_render_pdf_page_in_process(tmp_path):
    path = fx.write_pdf(tmp_path / "a.pdf", ["Hello"])
    page = render_pdf_page(str(path), 1, 210)
    assert (page.width, page.height) == (210, 297)  # A4 keeps its aspect
    assert len(page.rgba) == 210 * 297 * 4
    with pytest.raises(IndexError):
        render_pdf_page(str(path), 2, 100)


# ---- Office and HWPX ------------------------------------------------------------------


def test_docx_headings_lists_paragraphs_and_title(tmp_path):
    path = fx.write_docx(tmp_path / "memo.docx", [
        ("h1", "예산 보고"),
        ("p", "올해 예산은 동결합니다."),
        ("li", "출장비 감축"),
        ("li", "장비 구매 연기"),
        ("h2", "Details"),
        ("p", "Tabs\tand spaces   collapse."),
    ], title="Budget")
    doc = read_document(str(path))
    assert (doc.format, doc.part_kind, doc.title) == (DocFormat.DOCX, PartKind.WHOLE, "Budget")
    assert blocks(doc) == [
        (BlockKind.HEADING, 1, "예산 보고"),
        (BlockKind.PARAGRAPH, 0, "올해 예산은 동결합니다."),
        (BlockKind.LIST_ITEM, 0, "출장비 감축"),
        (BlockKind.LIST_ITEM, 0, "장비 구매 연기"),
        (BlockKind.HEADING, 2, "Details"),
        (BlockKind.PARAGRAPH, 0, "Tabs and spaces collapse."),
    ]


def test_docx_table_rows(tmp_path):
    path = fx.write_docx_table(
        tmp_path / "t.docx", [["Name", "City"], ["김철수", "서울"], ["Lee", ""]], before="Staff:"
    )
    assert blocks(read_document(str(path))) == [
        (BlockKind.PARAGRAPH, 0, "Staff:"),
        (BlockKind.TABLE, 0, "Name | City"),
        (BlockKind.TABLE, 0, "김철수 | 서울"),
        (BlockKind.TABLE, 0, "Lee |"),
    ]


def test_pptx_slides_in_presentation_order(tmp_path):
    slides = [("Intro", ["Why Maru", "Offline"]), ("", []), ("결론", ["감사합니다"])]
    path = fx.write_pptx(tmp_path / "deck.pptx", slides, order=[2, 0, 1])
    doc = read_document(str(path))
    assert (doc.format, doc.part_kind) == (DocFormat.PPTX, PartKind.SLIDE)
    assert [p.number for p in doc.parts] == [1, 2, 3]
    assert blocks(doc, 0) == [
        (BlockKind.HEADING, 1, "결론"),
        (BlockKind.PARAGRAPH, 0, "감사합니다"),
    ]
    assert blocks(doc, 1) == [
        (BlockKind.HEADING, 1, "Intro"),
        (BlockKind.PARAGRAPH, 0, "Why Maru"),
        (BlockKind.PARAGRAPH, 0, "Offline"),
    ]
    assert doc.parts[2].flag is PartFlag.NO_TEXT
    assert doc.flagged == (3,)


def test_hwpx_sections(tmp_path):
    sections = [["첫째 문단입니다.", "둘째 & <셋째>"], ["두 번째 구역"]]
    path = fx.write_hwpx(tmp_path / "공문.hwpx", sections, title="공문")
    doc = read_document(str(path))
    assert (doc.format, doc.part_kind, doc.title) == (DocFormat.HWPX, PartKind.SECTION, "공문")
    assert [p.number for p in doc.parts] == [1, 2]
    assert blocks(doc, 0) == [
        (BlockKind.PARAGRAPH, 0, "첫째 문단입니다."),
        (BlockKind.PARAGRAPH, 0, "둘째 & <셋째>"),
    ]
    assert doc.parts[1].text == "두 번째 구역"


def test_hwpx_mimetype_is_first_and_stored(tmp_path):
    path = fx.write_hwpx(tmp_path / "a.hwpx", [["x"]])
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/hwp+zip"


def test_zip_bomb_is_refused_quickly_and_without_inflating(tmp_path):
    path = fx.write_zip_bomb_docx(tmp_path / "bomb.docx")
    assert path.stat().st_size < 2 * 1024**2
    tracemalloc.start()
    try:
        error = read_error(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.kind is DocErrorKind.TOO_LARGE
    assert peak < 16 * 1024**2  # refused from the directory, nothing inflated


def test_zip_bomb_that_lies_about_its_size_is_not_inflated(tmp_path):
    path = fx.write_zip_bomb_docx(tmp_path / "liar.docx", size=256 * 1024**2,
                                  declared_size=100_000)
    tracemalloc.start()
    try:
        error = read_error(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.kind in (DocErrorKind.CORRUPT, DocErrorKind.TOO_LARGE)
    assert peak < 96 * 1024**2  # bounded reads: never the 256 MiB it inflates to


def test_zip_with_too_many_entries(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(10_001):
            archive.writestr(f"x/{i}", b"")
    assert read_error(path).kind is DocErrorKind.TOO_LARGE


def test_encrypted_office_file(tmp_path):
    # Office wraps a password-protected DOCX in an OLE compound file.
    path = tmp_path / "locked.docx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    assert read_error(path).kind is DocErrorKind.ENCRYPTED


@pytest.mark.parametrize("document_xml", [
    b"<w:document><w:body><w:p>",  # cut short
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;&a;</d>',  # an entity trick
])
def test_bad_office_xml_is_corrupt(tmp_path, document_xml):
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document_xml)
    assert read_error(path).kind is DocErrorKind.CORRUPT


@pytest.mark.parametrize("name", ["not-a-zip.docx", "not-a-zip.pptx", "not-a-zip.hwpx"])
def test_office_file_that_is_not_a_zip(tmp_path, name):
    path = fx.write_text(tmp_path / name, "plain text pretending")
    assert read_error(path).kind is DocErrorKind.CORRUPT


# ---- HTML ---------------------------------------------------------------------------


def test_html_structure_title_and_skipped_elements(tmp_path):
    path = fx.write_html(tmp_path / "page.html", "Release notes", [
        ("h1", "Maru 1.0"),
        ("p", "Fish & chips,\n   now   offline."),
        ("li", "Faster search"),
        ("pre", "def f():\n    return 1"),
        ("h3", "Thanks"),
    ])
    doc = read_document(str(path))
    assert (doc.format, doc.title, doc.encoding) == (DocFormat.HTML, "Release notes", "utf-8")
    assert blocks(doc) == [
        (BlockKind.HEADING, 1, "Maru 1.0"),
        (BlockKind.PARAGRAPH, 0, "Fish & chips, now offline."),
        (BlockKind.LIST_ITEM, 0, "Faster search"),
        (BlockKind.CODE, 0, "def f():\n    return 1"),
        (BlockKind.HEADING, 3, "Thanks"),
    ]
    assert "script text" not in doc.parts[0].text and "color" not in doc.parts[0].text


def test_html_table_rows_and_breaks(tmp_path):
    path = tmp_path / "t.htm"
    path.write_text(
        "<html><body><div>Before<br>the table</div><table><tr><th>Name</th><th>Age</th></tr>"
        "<tr><td>Kim</td><td>30</td></tr></table><template>hidden</template></body></html>",
        encoding="utf-8",
    )
    assert blocks(read_document(str(path))) == [
        (BlockKind.PARAGRAPH, 0, "Before\nthe table"),
        (BlockKind.TABLE, 0, "Name | Age"),
        (BlockKind.TABLE, 0, "Kim | 30"),
    ]


def test_title_is_cleaned_like_the_text(tmp_path):
    path = fx.write_html(tmp_path / "t.html", "Safe\u202e  title\u200b", [("p", "Body.")])
    assert read_document(str(path)).title == "Safe title"


def test_html_in_euc_kr_by_its_meta_charset(tmp_path):
    path = fx.write_html(tmp_path / "k.html", "공지", [("p", "한국어 본문입니다.")], "euc-kr")
    doc = read_document(str(path))
    assert (doc.title, doc.parts[0].text, doc.encoding) == ("공지", "한국어 본문입니다.", "cp949")


# ---- text formats -------------------------------------------------------------------


def test_markdown_structure(tmp_path):
    path = fx.write_markdown(tmp_path / "notes.md", (
        "# Title\n\nFirst *paragraph*\nwraps here.\n\n- one\n- two\n  continued\n1. ordered\n\n"
        "```python\ndef f():\n\n    return 1\n```\n\nSub\n---\n\n***\n\n### Deep ###\nend\n## C#\n"
    ))
    doc = read_document(str(path))
    assert (doc.format, doc.encoding) == (DocFormat.MARKDOWN, "utf-8")
    assert blocks(doc) == [
        (BlockKind.HEADING, 1, "Title"),
        (BlockKind.PARAGRAPH, 0, "First *paragraph*\nwraps here."),
        (BlockKind.LIST_ITEM, 0, "one"),
        (BlockKind.LIST_ITEM, 0, "two\ncontinued"),
        (BlockKind.LIST_ITEM, 0, "1. ordered"),
        (BlockKind.CODE, 0, "def f():\n\n    return 1"),
        (BlockKind.HEADING, 2, "Sub"),
        (BlockKind.HEADING, 3, "Deep"),
        (BlockKind.PARAGRAPH, 0, "end"),
        (BlockKind.HEADING, 2, "C#"),
    ]


def test_cp949_korean_decodes_exactly(tmp_path):
    path = fx.write_text(tmp_path / "회의.txt", KOREAN, encoding="cp949")
    doc = read_document(str(path))
    assert doc.encoding == "cp949"
    assert doc.parts[0].text == KOREAN
    assert [b[2] for b in blocks(doc)] == KOREAN.split("\n\n")


@pytest.mark.parametrize("text", ["한글", "네, 알겠습니다.", "가격은 10,000원입니다.", "강남구"])
def test_short_cp949_korean(tmp_path, text):
    doc = read_document(str(fx.write_text(tmp_path / "k.txt", text, encoding="cp949")))
    assert (doc.encoding, doc.parts[0].text) == ("cp949", text)


@pytest.mark.parametrize(("text", "encoding"), [
    ("こんにちは、今日はいい天気ですね。", "shift_jis"),
    ("今天天气很好，我们去公园吧。", "gb2312"),
    ("Привет, как дела? Это тест.", "cp1251"),
])
def test_other_legacy_encodings_are_not_taken_for_korean(tmp_path, text, encoding):
    doc = read_document(str(fx.write_text(tmp_path / "t.txt", text, encoding=encoding)))
    assert doc.parts[0].text == text
    assert doc.encoding != "cp949"


@pytest.mark.parametrize(("encoding", "reported"), [
    ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-32", "utf-32"),
])
def test_byte_order_marks(tmp_path, encoding, reported):
    doc = read_document(str(fx.write_text(tmp_path / "b.txt", "BOM 한글 text", encoding)))
    assert (doc.encoding, doc.parts[0].text) == (reported, "BOM 한글 text")


def test_nfd_korean_comes_out_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "한국어 문서")
    assert nfd != "한국어 문서"
    doc = read_document(str(fx.write_text(tmp_path / "mac.txt", nfd)))
    assert doc.parts[0].text == "한국어 문서"


def test_invisible_and_bidi_characters_are_removed(tmp_path):
    sneaky = "pay\u200b to\u202e evil\u202c \u2066account\u2069\ufeff\U000e0041 now"
    doc = read_document(str(fx.write_text(tmp_path / "s.md", sneaky)))
    assert doc.parts[0].text == "pay to evil account now"


def test_csv_records_carry_their_column_names(tmp_path):
    text = 'name,age,city\r\nKim,30,Seoul\r\nLee,,"Busan, KR"\r\n'
    path = fx.write_text(tmp_path / "people.csv", text)
    doc = read_document(str(path))
    assert (doc.format, doc.encoding) == (DocFormat.CSV, "utf-8")
    assert blocks(doc) == [
        (BlockKind.TABLE, 0, "name | age | city"),
        (BlockKind.TABLE, 0, "name: Kim | age: 30 | city: Seoul"),
        (BlockKind.TABLE, 0, "name: Lee | city: Busan, KR"),
    ]


def test_tsv(tmp_path):
    path = fx.write_text(tmp_path / "t.tsv", "이름\t나이\n김철수\t30\n", encoding="cp949")
    texts = [b[2] for b in blocks(read_document(str(path)))]
    assert texts == ["이름 | 나이", "이름: 김철수 | 나이: 30"]


def test_code_chunks_keep_indentation(tmp_path):
    source = "import os\n\n\ndef f():\n    x = 1\n\n    return x\n\n\nclass A:\n    pass\n"
    doc = read_document(str(fx.write_text(tmp_path / "m.py", source)))
    assert blocks(doc) == [
        (BlockKind.CODE, 0, "import os"),
        (BlockKind.CODE, 0, "def f():\n    x = 1\n\n    return x"),
        (BlockKind.CODE, 0, "class A:\n    pass"),
    ]


def test_plain_text_paragraphs(tmp_path):
    path = fx.write_text(tmp_path / "a.txt", "One\nline two.\n \n\n\nThree.\r\n")
    assert blocks(read_document(str(path))) == [
        (BlockKind.PARAGRAPH, 0, "One\nline two."),
        (BlockKind.PARAGRAPH, 0, "Three."),
    ]


# ---- file-level errors ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["e.txt", "e.pdf", "e.docx", "e.hwpx", "e.html"])
def test_empty_file(tmp_path, name):
    assert read_error(fx.write_empty(tmp_path / name)).kind is DocErrorKind.EMPTY


def test_missing_unsupported_and_unreadable(tmp_path):
    assert read_error(tmp_path / "gone.txt").kind is DocErrorKind.MISSING
    assert read_error(fx.write_text(tmp_path / "a.exe", "MZ")).kind is DocErrorKind.UNSUPPORTED
    (tmp_path / "folder.txt").mkdir()
    assert read_error(tmp_path / "folder.txt").kind is DocErrorKind.UNREADABLE


def test_whitespace_only_text_has_no_text(tmp_path):
    assert read_error(fx.write_text(tmp_path / "w.txt", " \n\u200b\n")).kind is DocErrorKind.NO_TEXT


def test_text_over_the_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_TEXT_FILE_BYTES", 1000)
    error = read_error(fx.write_text(tmp_path / "big.md", "x" * 1001))
    assert error.kind is DocErrorKind.TOO_LARGE


def test_binary_junk_with_a_text_suffix(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 64)
    assert read_error(path).kind in (DocErrorKind.CORRUPT, DocErrorKind.NO_TEXT)
