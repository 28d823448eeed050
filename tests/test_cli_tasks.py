"""Bad input to the task commands: one clear line on stderr, exit 1, nothing loaded."""

from __future__ import annotations

import io

import pytest

from desktop.cli import main


@pytest.fixture
def files(tmp_path):
    binary = tmp_path / "photo.dat"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    table = tmp_path / "rows.csv"
    table.write_text("id,review\n1,good\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return {"binary": str(binary), "table": str(table), "empty": str(empty)}


@pytest.mark.parametrize(("argv", "stdin", "words"), [
    (["summarize", "-"], "   \n", "nothing to work on"),
    (["summarize", "{empty}"], "", "nothing to work on"),
    (["summarize", "{binary}"], "", "not a text or document file"),
    (["translate", "--to", "klingon", "-"], "Hello", "unknown language"),
    (["translate", "--to", "ko", "--from", "xx", "-"], "Hello", "unknown language"),
    (["classify", "--labels", "spam,ham", "--file", "{table}", "--column", "comment"], "",
     "no such column: 'comment'; columns: id, review"),
    (["classify", "--labels", "good,bad,Good", "text"], "", "each label must be different"),
    (["classify", "--labels", "only", "text"], "", "at least two labels"),
    (["classify", "--preset", "nope", "text"], "", "no preset 'nope'"),
    (["summarize", "--style", "custom", "-"], "text", "--style custom needs --instruction"),
])
def test_bad_input_is_one_clear_line(files, monkeypatch, capsys, argv, stdin, words):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main([a.format(**files) for a in argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("maru: error: ") and err.count("\n") == 1
    assert words in err
