"""Ask llama.cpp itself whether it can load a GGUF file, in a throw-away process.

Our header parser knows the container format, not which architectures this
build of llama.cpp implements; only llama.cpp knows that. And llama.cpp aborts
the whole process on some bad files (GGML_ASSERT), so the question is asked in
a short-lived "spawn" child, never in the caller's process.

The child opens the model with `vocab_only=True`: llama.cpp then reads the
architecture, the hyperparameters and the vocabulary (and opens every part of a
split model) but no tensor data, so the answer takes well under a second even
for a 70 GB file. It rejects an unknown architecture ("unknown model
architecture: 'foo'") and missing hyperparameters; it cannot see a missing or
misshapen tensor, which only a full load finds (the engine then reports it).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path

from desktop.backends.engine_client import signal_name
from desktop.core.errors import EngineError, ErrorKind

_ERROR_PREFIX = "error loading model:"
_kept_alive: list[object] = []  # the child's ctypes log callback must outlive the load


def probe_loadable(path: Path, timeout: float = 60.0) -> str | None:
    """None when llama.cpp can open `path`, else a one-line reason in llama.cpp's
    words (e.g. "unknown model architecture: 'foo'").

    Blocks for about a second (a Python process starts and imports llama_cpp):
    call it off the GUI thread. A crash of the child (abort, segfault) or running
    past `timeout` seconds is a reason too; the child is always reaped, killed
    first if needed. Raises EngineError(WORKER_START_FAILED) only when no child
    process can be started at all.
    """
    return run_in_child(_probe_child, (str(path),), timeout)


def run_in_child(target: Callable[..., None], args: tuple, timeout: float) -> str | None:
    """Run `target(conn, *args)` in a spawned process and return what it sends on
    `conn` (None or a reason), or a reason saying how the child died or that it
    ran past `timeout`. `target` must be a module-level function (spawn pickles
    it by name)."""
    ctx = multiprocessing.get_context("spawn")  # no inherited threads, locks or Qt state
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=target, args=(sender, *args), name="maru-probe", daemon=True)
    try:
        process.start()
    except OSError as exc:
        receiver.close()
        raise EngineError(ErrorKind.WORKER_START_FAILED, str(exc)) from exc
    finally:
        sender.close()  # ours is closed so the pipe reads EOF when the child dies
    try:
        return _await_reply(process, receiver, timeout)
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()


def _await_reply(process: multiprocessing.process.BaseProcess, receiver: Connection,
                 timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    # Wakes on a reply, on the child's exit (its sentinel) or on the deadline: no polling.
    wait([receiver, process.sentinel], timeout)
    if receiver.poll(0):
        with contextlib.suppress(EOFError, OSError):  # EOF: it died before answering
            reply = receiver.recv()
            return reply if reply is None else str(reply)
    # A dead child closes the pipe a moment before it can be reaped: wait for that.
    process.join(max(0.0, deadline - time.monotonic()))
    if process.is_alive():
        return f"llama.cpp did not finish reading the file within {timeout:g} seconds"
    return _describe_death(process.exitcode)


def _describe_death(code: int | None) -> str:
    if code is not None and code < 0:
        return f"llama.cpp crashed while reading the file ({signal_name(code)})"
    return f"llama.cpp stopped while reading the file (exit code {code})"


def _probe_child(conn: Connection, path: str) -> None:
    """Child side: open `path` vocabulary-only and send None or the reason."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    import ctypes

    import llama_cpp  # heavy: only in the child

    lines: deque[str] = deque(maxlen=50)

    # Every level is kept: llama.cpp has renumbered its log levels between
    # releases, and the reason is found by its wording, not its level.
    @llama_cpp.llama_log_callback
    def on_log(_level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
        lines.append(text.decode("utf-8", errors="replace").strip())

    _kept_alive.append(on_log)
    llama_cpp.llama_log_set(on_log, ctypes.c_void_p(0))
    from desktop.backends.chat_format import skip_llama_cpp_templates

    try:
        # Llama() would also compile the file's chat templates, unbounded (a template
        # bomb kept this child busy past the timeout): the engine checks them instead.
        with skip_llama_cpp_templates():
            llama_cpp.Llama(path, vocab_only=True, verbose=False)
    except Exception as exc:  # llama-cpp-python raises a bare ValueError; the log says why
        conn.send(reason_from_log(list(lines), str(exc)))
    else:
        conn.send(None)
    conn.close()


def reason_from_log(lines: list[str], default: str) -> str:
    """The telling part of llama.cpp's log of a failed load, on one line.

    "llama_model_load: error loading model: unknown model architecture: 'foo'"
    gives "unknown model architecture: 'foo'"; with no error line, `default`.
    """
    for line in lines:
        if _ERROR_PREFIX in line:
            return line.split(_ERROR_PREFIX, 1)[1].strip() or default
    errors = [line for line in lines if "error" in line.lower() or "failed" in line.lower()]
    return " ".join(errors[0].split()) if errors else default
