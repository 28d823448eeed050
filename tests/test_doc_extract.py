"""The extraction child process: real parses, crashes, timeouts, cancels, memory limits.

Crashes and hangs are provoked with stand-in child functions (module-level, so
"spawn" can import them by name) put in place of `doc_extract.serve`: they
receive the request like the real child, then die or stall on cue. The parent
side under test is the real one.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from desktop.backends import doc_extract
from desktop.backends.doc_extract import Extractor
from desktop.core.documents import DocError, DocErrorKind, PartKind
from tests import doc_fixtures as fx


def _dies_on_request(conn, memory_mb):
    """A child that crashes (SIGKILL: no clean-up, like a segfault) mid-request."""
    conn.recv()
    os.kill(os.getpid(), signal.SIGKILL)


def _stalls_on_request(conn, memory_mb):
    """A child that takes the request, says so with a file beside it, and never answers."""
    request = conn.recv()
    Path(request[1] + ".started").touch()
    threading.Event().wait()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def extractor():
    with Extractor(timeout_s=60) as ex:
        yield ex


@pytest.fixture
def pdf(tmp_path) -> Path:
    return fx.write_pdf(tmp_path / "doc.pdf", ["Hello from page one.", "Page two."], title="T")


def test_extract_a_pdf_in_the_child(extractor, pdf):
    doc = extractor.extract(str(pdf))
    assert doc.part_kind is PartKind.PAGE
    assert [p.text for p in doc.parts] == ["Hello from page one.", "Page two."]
    assert doc.title == "T"
    assert extractor.pid is not None and extractor.pid != os.getpid()


def test_reader_errors_come_back_as_doc_errors(extractor, tmp_path):
    locked = fx.write_encrypted_pdf(tmp_path / "locked.pdf", "x")
    with pytest.raises(DocError) as caught:
        extractor.extract(str(locked))
    assert caught.value.kind is DocErrorKind.ENCRYPTED
    pid = extractor.pid
    assert extractor.extract(str(fx.write_text(tmp_path / "a.txt", "ok"))).parts[0].text == "ok"
    assert extractor.pid == pid  # an ordinary error does not cost the child


def test_child_crash_mid_call_then_a_fresh_child(extractor, pdf, monkeypatch):
    monkeypatch.setattr(doc_extract, "serve", _dies_on_request)
    with pytest.raises(DocError) as caught:
        extractor.extract(str(pdf))
    assert caught.value.kind is DocErrorKind.PARSER_CRASHED
    assert "SIGKILL" in caught.value.detail
    monkeypatch.undo()
    assert extractor.extract(str(pdf)).parts[0].text == "Hello from page one."


def test_child_killed_while_idle_is_replaced(extractor, pdf):
    extractor.extract(str(pdf))
    pid = extractor.pid
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while psutil.Process(pid).status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
        time.sleep(0.01)  # until it is dead (not yet reaped), so this tests that state
    assert extractor.extract(str(pdf)).parts[1].text == "Page two."
    assert extractor.pid != pid


def test_timeout_kills_a_stalled_child(pdf, monkeypatch):
    monkeypatch.setattr(doc_extract, "serve", _stalls_on_request)
    with Extractor(timeout_s=0.5) as ex:
        with pytest.raises(DocError) as caught:
            ex.extract(str(pdf))
        assert caught.value.kind is DocErrorKind.TIMED_OUT
        assert ex.pid is None  # killed and reaped
        monkeypatch.undo()
        ex.timeout_s = 60
        assert ex.extract(str(pdf)).parts[0].text == "Hello from page one."


def test_timeout_on_a_real_parse(pdf):
    # Starting a Python child alone takes far longer than a millisecond.
    with Extractor(timeout_s=0.001) as ex, pytest.raises(DocError) as caught:
        ex.extract(str(pdf))
    assert caught.value.kind is DocErrorKind.TIMED_OUT


def test_cancel_from_another_thread(extractor, pdf, monkeypatch):
    monkeypatch.setattr(doc_extract, "serve", _stalls_on_request)
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            extractor.extract(str(pdf))
        except DocError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=call)
    worker.start()
    started = Path(str(pdf) + ".started")
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # waits for the child to hold the request; not a timing assumption
    assert started.exists()
    extractor.cancel()
    worker.join(30)
    assert not worker.is_alive()
    assert [(e.kind, e.detail) for e in outcome] == [(DocErrorKind.TIMED_OUT, "cancelled")]
    monkeypatch.undo()
    assert extractor.extract(str(pdf)).parts[0].text == "Hello from page one."


def test_cancel_when_idle_changes_nothing(extractor, pdf):
    extractor.extract(str(pdf))
    pid = extractor.pid
    extractor.cancel()
    assert extractor.extract(str(pdf)).parts[0].text == "Hello from page one."
    assert extractor.pid == pid


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_memory_limit_is_set_in_the_child(pdf):
    with Extractor(memory_mb=1536) as ex:
        ex.extract(str(pdf))
        limits = Path(f"/proc/{ex.pid}/limits").read_text()
    line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
    assert line.split()[3] == str(1536 * 1024**2)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_runaway_memory_is_out_of_memory_then_a_fresh_child(tmp_path, pdf):
    # 10 MiB of one-word lines: cutting them into 2M line strings alone takes
    # over 100 MiB on top of the child's ~45 MiB, past a 128 MiB address space.
    big = tmp_path / "big.txt"
    big.write_bytes(b"word\n" * (2 * 1024**2))
    with Extractor(memory_mb=128) as ex:
        with pytest.raises(DocError) as caught:
            ex.extract(str(big))
        assert caught.value.kind is DocErrorKind.OUT_OF_MEMORY
        assert ex.extract(str(pdf)).parts[0].text == "Hello from page one."


def test_render_page(extractor, pdf):
    page = extractor.render_page(str(pdf), 2, 420)
    assert (page.width, page.height) == (420, 594)  # A4's aspect
    assert len(page.rgba) == page.width * page.height * 4
    assert set(page.rgba[:64]) == {255}  # the white corner of the page
    assert min(page.rgba) < 128  # and somewhere, dark text
    with pytest.raises(IndexError):
        extractor.render_page(str(pdf), 3, 100)
    with pytest.raises(ValueError):
        extractor.render_page(str(pdf), 1, 0)


def test_close_leaves_no_child(pdf):
    ex = Extractor()
    ex.extract(str(pdf))
    pid = ex.pid
    assert pid in {child.pid for child in multiprocessing.active_children()}
    ex.close()
    assert ex.pid is None
    assert not _alive(pid)
    assert pid not in {child.pid for child in multiprocessing.active_children()}
    ex.close()  # twice is fine


def test_importing_the_extractor_loads_no_parser():
    code = (
        "import sys, desktop.backends.doc_extract; "
        "print(sorted({'pypdfium2', 'charset_normalizer', 'llama_cpp', 'PySide6'} & "
        "{m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
