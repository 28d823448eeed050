"""Parse documents in a child process, so a hostile file cannot hurt the app.

Document files come from anywhere. PDFium is C++ and can crash on a crafted
file; any parser can loop or eat memory on one. So the GUI process never
parses: an `Extractor` owns one long-lived "spawn" child (no inherited
threads, locks or Qt state) that runs the readers, with an address-space
limit so a runaway parse raises MemoryError there instead of swapping the
machine, and a per-call deadline enforced from this side. A crash, a timeout
or a cancel kills only the child; the next call starts a fresh one. The child
is kept between calls: starting one and importing the readers takes about
0.2 s, while a small file is read in a few milliseconds.

The protocol is one request, one reply, on one pipe: ("extract", path) or
("render", path, page, width), answered by ("ok", value) or ("error",
exception). A request that times out or is cancelled kills the child, so no
late reply can ever be mistaken for the next one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait

from desktop.backends.engine_client import signal_name
from desktop.core.documents import DocError, DocErrorKind, ExtractedDocument, RenderedPage

_STOP_SECONDS = 2.0  # for the child to leave politely at close()


class Extractor:
    """Owns one extraction child process; reads documents and renders PDF pages in it.

    Calls block the calling thread: make them from a worker thread, never the GUI
    thread. They are serialized by a lock, so two threads may share an Extractor
    (one waits). `cancel()` and `close()` may be called from any thread. Close it
    (or use `with`) when done: that ends the child.
    """

    def __init__(self, timeout_s: float = 120.0, memory_mb: int = 2048) -> None:
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._ctx = multiprocessing.get_context("spawn")
        self._call_lock = threading.Lock()  # one request in flight
        self._state_lock = threading.Lock()  # the child handle, shared with cancel()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._busy = False
        self._cancelled = False

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """Process id of the running child, if any."""
        process = self._process
        with contextlib.suppress(ValueError):  # closed by another thread just now
            return process.pid if process is not None and process.is_alive() else None
        return None

    def extract(self, path: str) -> ExtractedDocument:
        """The document at `path`, read in the child. Raises DocError: what the
        reader raises, or TIMED_OUT (past timeout_s, or "cancelled"), PARSER_CRASHED
        (the child died), OUT_OF_MEMORY (it ran past memory_mb)."""
        return self._call(("extract", str(path)))

    def render_page(self, path: str, page: int, width: int) -> RenderedPage:
        """PDF page `page` (1-based) as RGBA pixels `width` wide, aspect kept, drawn in
        the child. Raises DocError as extract() does; IndexError for a page the PDF
        does not have, ValueError for a width outside 1..8192."""
        return self._call(("render", str(path), int(page), int(width)))

    def cancel(self) -> None:
        """Abandon the call in progress: its child is killed, and the call raises
        DocError(TIMED_OUT, "cancelled") at once. With no call in progress it does
        nothing (it does not cancel the next call). Safe from any thread."""
        with self._state_lock:
            if self._busy and self._process is not None:
                self._cancelled = True
                self._process.kill()

    def close(self) -> None:
        """End the child (politely, then by force). A call in progress on another
        thread is cancelled first. The Extractor may be used again afterwards."""
        self.cancel()
        with self._call_lock:
            conn = self._conn
            if conn is not None and self._process is not None and self._process.is_alive():
                with contextlib.suppress(OSError):
                    conn.send(None)  # the child's loop ends on None
                self._process.join(_STOP_SECONDS)
            self._stop_child()

    # ---- one request -----------------------------------------------------------

    def _call(self, request: tuple) -> object:
        with self._call_lock:
            conn = self._ensure_child()
            with self._state_lock:
                self._busy, self._cancelled = True, False
            try:
                status, value = self._exchange(conn, request)
            finally:
                with self._state_lock:
                    self._busy = False
            # A cancel that came just after the reply still killed the child; and a
            # child that ran out of memory exits by itself. Either way: reap it now,
            # so the next call starts a fresh one instead of finding it dying.
            if self._cancelled or _out_of_memory(value):
                self._stop_child()
        if status == "ok":
            return value
        raise value

    def _exchange(self, conn: Connection, request: tuple) -> tuple[str, object]:
        process = self._process
        with contextlib.suppress(OSError):  # it died while idle: reported below, as a crash
            conn.send(request)
        # Wakes on the reply, on the child's death (its sentinel) or at the deadline.
        ready = wait([conn, process.sentinel], self.timeout_s)
        if conn in ready:
            with contextlib.suppress(EOFError, OSError):  # EOF: it died mid-reply
                return conn.recv()
        if not ready:
            self._stop_child()
            raise DocError(DocErrorKind.TIMED_OUT, f"no answer within {self.timeout_s:g} s")
        raise self._death_error()

    def _death_error(self) -> DocError:
        process = self._process
        process.join(_STOP_SECONDS)  # the pipe closes a moment before the exit is reapable
        code, cancelled = process.exitcode, self._cancelled
        self._stop_child()
        if cancelled:
            return DocError(DocErrorKind.TIMED_OUT, "cancelled")
        if code is not None and code < 0:
            return DocError(DocErrorKind.PARSER_CRASHED, f"stopped by {signal_name(code)}")
        return DocError(DocErrorKind.PARSER_CRASHED, f"exited with code {code}")

    # ---- the child process -------------------------------------------------------

    def _ensure_child(self) -> Connection:
        if self._process is not None and self._process.is_alive():
            return self._conn
        self._stop_child()
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=serve, args=(child, self.memory_mb), name="maru-extract", daemon=True
        )
        try:
            process.start()
        except OSError as exc:
            parent.close()
            raise DocError(DocErrorKind.PARSER_CRASHED, f"could not start: {exc}") from exc
        finally:
            child.close()  # ours is closed so the pipe reads EOF when the child dies
        with self._state_lock:
            self._process, self._conn = process, parent
        return parent

    def _stop_child(self) -> None:
        with self._state_lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
            if process is not None:
                if process.is_alive():
                    process.kill()
                process.join()
                process.close()
        if conn is not None:
            conn.close()


def serve(conn: Connection, memory_mb: int) -> None:
    """Child side: answer requests until None or the pipe closes. Single-threaded;
    this process owns every parser object it creates."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    limit_memory(memory_mb)
    from desktop.backends.doc_readers import read_document, render_pdf_page

    handlers = {"extract": read_document, "render": render_pdf_page}
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if request is None:
            return
        op, *args = request
        reply = _answer(op, handlers[op], args)
        try:
            conn.send(reply)
        except OSError:  # BrokenPipeError: the parent died (killed) mid-parse; leave quietly
            return
        if _out_of_memory(reply[1]):
            return  # after a MemoryError the heap may be in tatters: let a fresh child go on


def _answer(op: str, handler: Callable[..., object], args: list) -> tuple[str, object]:
    try:
        return ("ok", handler(*args))
    except DocError as exc:
        return ("error", exc)
    except MemoryError:
        return ("error", DocError(DocErrorKind.OUT_OF_MEMORY, "the parser ran out of memory"))
    except (IndexError, ValueError) as exc:
        if op == "render":
            return ("error", exc)  # a page or width the caller got wrong
        return ("error", _unexpected(exc))
    except Exception as exc:  # any parser's failure on a hostile file is that file's fault
        return ("error", _unexpected(exc))


def _out_of_memory(value: object) -> bool:
    return isinstance(value, DocError) and value.kind is DocErrorKind.OUT_OF_MEMORY


def _unexpected(exc: Exception) -> DocError:
    return DocError(DocErrorKind.CORRUPT, f"{type(exc).__name__}: {exc}"[:500])


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space (RLIMIT_AS) at `memory_mb` MiB, on Linux;
    never above an existing hard limit. Elsewhere it does nothing, and the timeout
    alone bounds a runaway parse: Windows has no rlimits, and macOS does not
    enforce RLIMIT_AS.

    The address space, not the resident size, is what is limited: a child that has
    imported PDFium and charset_normalizer and rendered a page maps about 95 MiB,
    so the default 2048 MiB leaves the parsers ample room."""
    try:
        import resource
    except ImportError:  # Windows
        return
    if sys.platform == "darwin":
        return
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    wanted = memory_mb * 1024**2
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
