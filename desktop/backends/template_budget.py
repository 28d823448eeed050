"""A time and memory budget for chat templates (Jinja programs from model files).

The sandbox stops a template from reaching Python internals, not from burning
CPU (three nested `range(10**5)` loops) or memory (`'x' * 10**10`, a string
doubled in a loop). Chat templates render in milliseconds, so anything far
beyond that is refused with TEMPLATE_OVER_BUDGET. Three mechanisms, chosen for
what each can and cannot stop:

- Time: the template runs on a thread of its own; when TIME_BUDGET_S runs out
  the caller raises `_OverTime` inside that thread (CPython's
  PyThreadState_SetAsyncExc) and reports over budget. Unlike
  checks in the sandbox's call/getattr hooks it also stops loops that call
  nothing (`{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}`), and
  unlike SIGALRM it works on every OS and in any thread. It acts between
  bytecodes, so one long C call (a 10 GB string) is left to the memory caps.
- Memory, everywhere: `*`, `**`, `+` and `%` are intercepted and refused when
  the result would be huge (this also stops Jinja folding them at compile
  time), so are the filters that take a width (center, indent...), and the
  rendered text is capped (chat_format counts it piece by piece).
- Memory, on Linux: RLIMIT_DATA is lowered to the current use plus
  MEMORY_BUDGET_BYTES while template code runs, so any other allocation path
  (`~` in a loop, a nested width '{:{}}') fails with MemoryError
  instead of meeting the OOM killer. macOS and Windows do not enforce it.

Runs in the engine process (chat_format); `run_within_budget` is for one caller
at a time, and the memory limit applies to the whole process while it is held.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from jinja2.sandbox import ImmutableSandboxedEnvironment

from desktop.core.errors import EngineError, ErrorKind

TIME_BUDGET_S = 2.0  # real templates compile in ~50 ms and render in < 10 ms
MEMORY_BUDGET_BYTES = 256 * 1024**2
MAX_TEMPLATE_CHARS = 1024**2
MAX_OUTPUT_CHARS = 8 * 1024**2  # 2M tokens: far beyond any context window
MAX_VALUE_LEN = 8 * 1024**2  # items of a string or list built by * or +
MAX_INT_BITS = 4096
GIVE_UP_S = 10.0  # after the budget: how long to wait for a thread stuck in C
T = TypeVar("T")

try:
    import resource
except ImportError:  # Windows
    resource = None


class _OverTime(BaseException):
    """Raised in the template's thread when its time is up. A BaseException, so
    that no `except Exception` inside Jinja can swallow it."""


def over_budget(detail: str) -> EngineError:
    """The error for a template that ran over its budget."""
    return EngineError(ErrorKind.TEMPLATE_OVER_BUDGET, detail)


def run_within_budget(what: str, fn: Callable[[], T], seconds: float | None = None,
                      memory_bytes: int | None = None) -> T:
    """fn() under the budget (TIME_BUDGET_S, MEMORY_BUDGET_BYTES unless given):
    its value, or what it raised, or over_budget(...) when it ran over. `what`
    ("rendering the chat template") starts the error's detail. Blocks the caller.

    fn runs on a short-lived thread of its own: the watchdog's exception is aimed
    at that thread, so however late it lands it can never hit the caller's code
    (a context manager in the caller's thread could be hit in its own __exit__).
    """
    seconds = TIME_BUDGET_S if seconds is None else seconds
    memory_bytes = MEMORY_BUDGET_BYTES if memory_bytes is None else memory_bytes
    outcome: dict[str, object] = {}
    gate, open_ = threading.Lock(), [True]  # shots are fired only while fn may run

    def target() -> None:
        try:
            try:
                outcome["value"] = fn()
            except BaseException as exc:  # handed to the caller, _OverTime included
                outcome["error"] = exc
        except _OverTime:  # a shot that landed after fn had ended
            pass
        while True:  # close the gate and drop a shot still pending, before returning
            try:
                with gate:
                    open_[0] = False
                    _set_async_exc(threading.get_ident(), None)
                return
            except _OverTime:
                continue

    thread = threading.Thread(target=target, name="maru-template", daemon=True)
    with _memory_ceiling(memory_bytes):
        thread.start()
        thread.join(seconds)
        stopped = thread.is_alive()
        give_up = time.monotonic() + GIVE_UP_S
        while thread.is_alive() and time.monotonic() < give_up:
            with gate:
                if open_[0]:
                    _set_async_exc(thread.ident, _OverTime)  # acts at its next bytecode
            thread.join(0.05)
    error = outcome.get("error")
    if stopped:  # a thread stuck in one C call past GIVE_UP_S is left to finish alone
        raise over_budget(f"{what} took more than {seconds:g} s; stopped")
    if isinstance(error, MemoryError):
        raise over_budget(f"{what} needed more than {memory_bytes // 1024**2} MB; stopped")
    if error is not None:
        raise error
    return outcome["value"]


def _set_async_exc(thread_id: int, exc_type: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None)


@contextlib.contextmanager
def _memory_ceiling(budget: int) -> Iterator[None]:
    """Linux: cap the process's data segment at its current size + budget."""
    used = _data_bytes() if resource is not None and sys.platform.startswith("linux") else None
    if used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    ceiling = used + budget
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        yield  # already stricter than ours
        return
    resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def _data_bytes() -> int | None:
    """VmData of this process (what RLIMIT_DATA counts), or None if unreadable."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size checks on `*`, `**`, `+`, `%` and the filters
    that take a width (see module doc)."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        for name in _WIDTH_FILTERS:  # portable: RLIMIT_DATA only backs this on Linux
            self.filters[name] = _width_checked(self.filters[name])

    def call_binop(self, context: object, operator: str, left: object, right: object) -> object:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: object) -> Callable[..., str] | None:
        """str.format in a template: refused for a huge width ('{:>3000000000}')."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and any(
                int(w) > MAX_VALUE_LEN for w in _BRACE_WIDTH.findall(value.__self__)):
            raise over_budget("the chat template asked for a huge format width")
        return wrapped


_WIDTH_FILTERS = ("center", "indent", "wordwrap", "truncate", "format")
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\d+)")
_BRACE_WIDTH = re.compile(r"\{[^{}]*:[^{}\d]*(\d+)")


def _width_checked(filter_func: Callable[..., object]) -> Callable[..., object]:
    @functools.wraps(filter_func)
    def checked(*args: object, **kwargs: object) -> object:
        for value in (*args, *kwargs.values()):
            if _is_int(value) and value > MAX_VALUE_LEN:
                raise over_budget(f"the chat template asked {filter_func.__name__} for "
                                  f"{value} characters")
            if isinstance(value, str) and _format_too_wide(value):
                raise over_budget("the chat template asked for a huge format width")
        return filter_func(*args, **kwargs)

    return checked


def _format_too_wide(text: str) -> bool:
    return any(int(width) > MAX_VALUE_LEN for width in _FORMAT_WIDTH.findall(text))


def _check_binop(operator: str, left: object, right: object) -> None:
    sized = (str, bytes, list, tuple)
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(n, int) and len(seq) * n > MAX_VALUE_LEN:
                raise over_budget(f"the chat template built a value of {len(seq) * n} items")
        if _is_int(left) and _is_int(right) and (
                left.bit_length() + right.bit_length() > MAX_INT_BITS):
            raise over_budget("the chat template built a huge number")
    elif operator == "**" and _is_int(left) and _is_int(right) and right > 0 and (
            abs(left).bit_length() * right > MAX_INT_BITS):
        raise over_budget("the chat template built a huge number")
    elif operator == "%" and isinstance(left, str) and _format_too_wide(left):
        raise over_budget("the chat template asked for a huge format width")
    elif operator == "+" and isinstance(left, sized) and isinstance(right, sized) and (
            len(left) + len(right) > MAX_VALUE_LEN):
        raise over_budget("the chat template built a value of "
                          f"{len(left) + len(right)} items")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
