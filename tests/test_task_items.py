"""Batch items in and results out: real files in tmp_path."""

from __future__ import annotations

import csv
import json
import os

import pytest

from desktop.backends.task_items import (
    MAX_ITEM_CHARS,
    ItemSource,
    read_examples,
    read_items,
    read_text_items,
    results_json,
    write_results_csv,
)
from desktop.core.classify import Example, ItemResult
from desktop.core.tasks import TaskError, TaskErrorKind

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def write(tmp_path, name: str, content: str | bytes, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return str(path)


def error_of(call, *args) -> TaskError:
    with pytest.raises(TaskError) as caught:
        call(*args)
    return caught.value


# ---- tables -------------------------------------------------------------------------


def test_csv_with_a_named_column_keeps_rows(tmp_path):
    path = write(tmp_path, "r.csv", 'id,comment\n1,"Good, really"\n2,\n3,  별로예요 \n')
    source = read_items(path, "comment")
    assert source.items == ("Good, really", "별로예요")
    assert source.column == "comment"
    assert source.rows == (
        {"id": "1", "comment": "Good, really"},
        {"id": "3", "comment": "  별로예요 "},  # as the file has it
    )


def test_tsv_column_is_matched_without_case(tmp_path):
    path = write(tmp_path, "r.tsv", "ID\tReview\n1\tfine, thanks\n")
    assert read_items(path, "review") == ItemSource(
        ("fine, thanks",), "Review", ({"ID": "1", "Review": "fine, thanks"},)
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [("id,문장,label", "문장"), ("id,Text,body", "Text"), ("id,note", "id")],
)
def test_default_column(tmp_path, header, expected):
    path = write(tmp_path, "r.csv", f"{header}\n1,좋아요,x\n")
    assert read_items(path).column == expected


def test_semicolon_csv_from_a_european_excel(tmp_path):
    path = write(tmp_path, "r.csv", "id;text\n1;bonjour, ça va\n")
    assert read_items(path).items == ("bonjour, ça va",)


def test_missing_column_lists_the_columns(tmp_path):
    path = write(tmp_path, "r.csv", "id,comment\n1,x\n")
    error = error_of(read_items, path, "text")
    assert error.kind is TaskErrorKind.MISSING_COLUMN
    assert error.detail == "'text'; columns: id, comment"


def test_cp949_korean_csv(tmp_path):
    text = "번호,내용\n1,배송이 빨라서 좋았습니다\n2,포장이 엉망이었어요\n"
    path = write(tmp_path, "k.csv", text, encoding="cp949")
    source = read_items(path)
    assert source.column == "내용"
    assert source.items == ("배송이 빨라서 좋았습니다", "포장이 엉망이었어요")


def test_utf8_bom_does_not_reach_the_header(tmp_path):
    path = write(tmp_path, "b.csv", "text,x\n안녕하세요,1\n", encoding="utf-8-sig")
    source = read_items(path, "text")
    assert source.items == ("안녕하세요",)
    assert list(source.rows[0]) == ["text", "x"]


def test_header_only_is_empty(tmp_path):
    error = error_of(read_items, write(tmp_path, "h.csv", "text,label\n,\n"))
    assert error.kind is TaskErrorKind.EMPTY_INPUT


# ---- JSON lines and plain lines -----------------------------------------------------


def test_jsonl_objects_and_strings(tmp_path):
    lines = [{"text": "좋아요", "stars": 5}, "just a string", {"text": ""}, {"id": 4}]
    path = write(tmp_path, "d.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    source = read_items(path)
    assert source.items == ("좋아요", "just a string")
    assert source.column == "text"
    assert source.rows == ({"text": "좋아요", "stars": "5"}, {"text": "just a string"})


def test_jsonl_named_key_and_missing_key(tmp_path):
    path = write(tmp_path, "d.ndjson", '{"body": "hello", "id": 1}\n\n{"body": "bye"}\r\n')
    assert read_items(path, "body").items == ("hello", "bye")
    error = error_of(read_items, path)
    assert error.kind is TaskErrorKind.MISSING_COLUMN
    assert error.detail == "'text'; columns: body, id"


@pytest.mark.parametrize(("content", "detail"), [
    ('{"text": "ok"}\n{"text": oops}\n', "line 2 is not JSON"),
    ('{"text": "ok"}\n[1, 2]\n', "line 2 is not a JSON object or string"),
])
def test_bad_jsonl_line(tmp_path, content, detail):
    error = error_of(read_items, write(tmp_path, "d.jsonl", content))
    assert error.kind is TaskErrorKind.UNREADABLE_INPUT
    assert error.detail == detail


def test_lines_file(tmp_path):
    long_line = "가" * (MAX_ITEM_CHARS + 10)
    path = write(tmp_path, "l.txt", f"  first  \r\n\n\tsecond\r{long_line}\n")
    source = read_items(path)
    assert source == ItemSource(("first", "second", "가" * MAX_ITEM_CHARS), None, ())
    error = error_of(read_items, path, "text")
    assert (error.kind, error.detail) == (TaskErrorKind.MISSING_COLUMN, "not a table")


def test_pasted_text():
    assert read_text_items("a\n\n b \n") == ("a", "b")
    assert error_of(read_text_items, " \n\n").kind is TaskErrorKind.EMPTY_INPUT


# ---- files that are not items -------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", TaskErrorKind.EMPTY_INPUT),
        (b"\n  \n\t\n", TaskErrorKind.EMPTY_INPUT),
        (bytes(range(256)) * 100, TaskErrorKind.BINARY_FILE),
        (PNG_HEADER + bytes(200), TaskErrorKind.BINARY_FILE),
    ],
)
def test_empty_and_binary_files(tmp_path, content, kind):
    assert error_of(read_items, write(tmp_path, "x.txt", content)).kind is kind


def test_utf16_with_bom_is_text(tmp_path):
    path = write(tmp_path, "u.txt", "첫째\n둘째\n", encoding="utf-16")
    assert read_items(path).items == ("첫째", "둘째")


def test_directory_and_missing_file(tmp_path):
    for path in (tmp_path, tmp_path / "nope.csv"):
        error = error_of(read_items, str(path))
        assert error.kind is TaskErrorKind.UNREADABLE_INPUT
        assert error.detail and str(tmp_path) not in error.detail  # the OS's words only


# ---- examples -----------------------------------------------------------------------


def test_examples_from_jsonl(tmp_path):
    lines = ['{"text": "좋아요", "label": "positive"}', "", '{"text": "x", "labels": ["a", "b"]}']
    path = write(tmp_path, "e.jsonl", "\n".join(lines))
    assert read_examples(path) == (Example("좋아요", ("positive",)), Example("x", ("a", "b")))


def test_examples_from_csv_split_multi_labels(tmp_path):
    path = write(tmp_path, "e.csv", 'Text,Label\n"cheap, broke",price; quality\nfine,ok|good\n')
    assert read_examples(path) == (
        Example("cheap, broke", ("price", "quality")),
        Example("fine", ("ok", "good")),
    )


@pytest.mark.parametrize(
    ("name", "content", "kind", "detail"),
    [
        ("e.jsonl", '{"text": "a", "label": "x"}\nnot json', "bad_examples", "line 2 is not JSON"),
        ("e.jsonl", '{"label": "x"}\n', "bad_examples", 'line 1: no "text" string'),
        ("e.jsonl", '{"text": "a", "labels": [1]}\n', "bad_examples", "line 1: \"label\""),
        ("e.jsonl", '{"text": "a"}\n', "bad_examples", "line 1: no label"),
        ("e.csv", "text,label\na,x\nb,\n", "bad_examples", "line 3: no label"),
        ("e.csv", "text,label\n ,x\n", "bad_examples", "line 2: empty text"),
        ("e.csv", "text,tag\na,x\n", "missing_column", "'label'; columns: text, tag"),
        ("e.csv", "text,label\n", "empty_input", ""),
    ],
)
def test_example_errors(tmp_path, name, content, kind, detail):
    error = error_of(read_examples, write(tmp_path, name, content))
    assert error.kind == kind
    assert error.detail.startswith(detail)


# ---- results ------------------------------------------------------------------------

NAMES = ("긍정", "부정")
RESULTS = [
    ItemResult(
        0, '배송이 "빨라요", 좋아요\n또 살게요', ("긍정",), {"긍정": 0.912345, "부정": 0.0877}
    ),
    ItemResult(1, "별로", ("부정",), {"긍정": 0.00001, "부정": 0.99999}),
]


def read_csv(path) -> tuple[bytes, list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return path.read_bytes()[:3], list(csv.DictReader(file))


def test_results_csv_round_trip(tmp_path):
    path = tmp_path / "out.csv"
    write_results_csv(str(path), RESULTS, NAMES)
    bom, rows = read_csv(path)
    assert bom == b"\xef\xbb\xbf"
    assert list(rows[0]) == ["index", "text", "label", "p_긍정", "p_부정"]
    assert rows[0] == {
        "index": "0", "text": RESULTS[0].text, "label": "긍정",
        "p_긍정": "0.9123", "p_부정": "0.0877",
    }
    assert (rows[1]["p_긍정"], rows[1]["p_부정"]) == ("0.0000", "1.0000")
    assert os.listdir(tmp_path) == ["out.csv"]


def test_results_csv_keeps_the_original_rows(tmp_path):
    source = ItemSource(
        ("좋아요", "별로"),
        "문장",
        (
            {"index": "7", "문장": "좋아요", "label": "gold"},
            {"index": "8", "문장": "별로", "label": ""},
        ),
    )
    multi = [ItemResult(1, "별로", ("긍정", "부정"), {"긍정": 0.6, "부정": 0.7})]
    path = tmp_path / "out.csv"
    write_results_csv(str(path), multi, NAMES, source)
    _, rows = read_csv(path)
    assert rows == [{
        "index": "1", "문장": "별로", "input_label": "", "label": "긍정;부정",
        "p_긍정": "0.6000", "p_부정": "0.7000",
    }]


def test_a_failed_write_leaves_no_temp_file(tmp_path):
    with pytest.raises(OSError):
        write_results_csv(str(tmp_path / "missing" / "out.csv"), RESULTS, NAMES)
    assert os.listdir(tmp_path) == []
    # A failure after the temp file exists: the target is a directory.
    (tmp_path / "taken.csv").mkdir()
    with pytest.raises(OSError):
        write_results_csv(str(tmp_path / "taken.csv"), RESULTS, NAMES)
    assert os.listdir(tmp_path) == ["taken.csv"]


def test_results_json():
    data = results_json([*RESULTS, ItemResult(2, "x", (), {"긍정": 0.1, "부정": 0.2})])
    assert data[0] == {
        "index": 0, "text": RESULTS[0].text, "labels": ["긍정"], "label": "긍정",
        "probabilities": {"긍정": 0.912345, "부정": 0.0877},
    }
    assert data[2]["label"] is None
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
