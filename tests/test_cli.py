"""`maru` as a user runs it: real processes, real model, real files."""

import json
import os
import signal
import subprocess
import sys

import pytest

from desktop import __version__
from desktop.cli import ERROR_TEXT
from desktop.core.errors import ErrorKind


def maru(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "desktop", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, env=os.environ.copy())


@pytest.mark.slow
def test_chat_streams_an_answer_from_the_starter_model():
    result = maru("chat", "--seed", "3", "--max-tokens", "30", "Hello")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


@pytest.mark.slow
def test_chat_json_has_the_documented_fields():
    result = maru("chat", "--json", "--seed", "3", "--system", "Answer briefly.",
                  "What is 2 + 2?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"text", "model", "prompt_tokens", "completion_tokens", "seconds"} <= data.keys()
    assert data["model"] == "SmolLM2-135M-Instruct-Q4_1"
    assert data["text"] and data["completion_tokens"] > 0 and data["seconds"] > 0


@pytest.mark.slow
def test_chat_reads_the_prompt_from_stdin():
    result = maru("chat", "--json", "--max-tokens", "5", stdin="Say hello.")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["prompt_tokens"] > 5


def test_models_lists_the_starter_model(starter_model):
    result = maru("models", "--json")
    rows = json.loads(result.stdout)
    starter = next(r for r in rows if r["name"] == starter_model.stem)
    assert (starter["architecture"], starter["quantization"], starter["context"]) == (
        "llama", "Q4_1", 8192)
    table = maru("models").stdout
    assert "SmolLM2-135M-Instruct-Q4_1" in table and "Q4_1" in table


@pytest.mark.parametrize("make_file, kind", [
    (lambda p: p.write_text("not a model at all, just text in a file " * 3), ErrorKind.NOT_GGUF),
    (lambda p: p.write_bytes(b"GGUF" + b"\x03\0\0\0" + b"\x05" * 40), ErrorKind.TRUNCATED_GGUF),
    (None, ErrorKind.MODEL_NOT_FOUND),
])
def test_bad_models_give_one_clear_line(tmp_path, make_file, kind):
    path = tmp_path / "bad.gguf"
    if make_file:
        make_file(path)
    result = maru("chat", "--model", str(path), "Hello")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ERROR_TEXT[kind] in lines[0]
    assert "Traceback" not in result.stderr


def test_truncated_starter_model_is_refused(tmp_path, starter_model):
    cut = tmp_path / "cut.gguf"
    with starter_model.open("rb") as src:
        cut.write_bytes(src.read(20_000_000))
    result = maru("chat", "--model", str(cut), "Hello")
    assert result.returncode == 1
    assert "truncated" in result.stderr and "Traceback" not in result.stderr


def test_unknown_option_and_version():
    bad = maru("chat", "--bogus")
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "--bogus" in bad.stderr
    assert maru("--version").stdout.strip() == f"maru {__version__}"
    assert "chat" in maru("--help").stdout


def test_unknown_model_name_lists_nothing_installed():
    result = maru("chat", "--model", "no-such-model", "Hi")
    assert result.returncode == 1
    assert "no-such-model" in result.stderr


@pytest.mark.slow
def test_ctrl_c_stops_the_answer_cleanly():
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "chat", "--seed", "4", "--temperature", "1.2",
         "Write a very long story about a dragon."],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    first = proc.stdout.read(1)  # the answer has started streaming
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert first and proc.returncode == 130
    assert b"Traceback" not in err
