"""Capture llama.cpp's log lines inside the engine process.

llama.cpp explains load failures only in its log ("tensor data is not within
the file bounds"); llama-cpp-python then raises a bare "Failed to load model".
We keep the recent warning and error lines so a typed error can say why, and
keep the user's terminal clean. MARU_ENGINE_LOG=1 echoes everything to stderr.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections import deque

import llama_cpp

# ggml_log_level: DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5 (continues the last line).
_WARN, _ERROR, _CONT = 3, 4, 5
_recent: deque[str] = deque(maxlen=20)
_state = {"last_level": 0}


@llama_cpp.llama_log_callback
def _on_log(level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
    line = text.decode("utf-8", errors="replace")
    if level == _CONT:
        level = _state["last_level"]
    _state["last_level"] = level
    if level in (_WARN, _ERROR) and line.strip():
        _recent.append(line.strip())
    if os.environ.get("MARU_ENGINE_LOG"):
        print(line, end="", file=sys.stderr, flush=True)


def install() -> None:
    """Route llama.cpp's logs to this module (call once per process)."""
    llama_cpp.llama_log_set(_on_log, ctypes.c_void_p(0))


def clear() -> None:
    """Forget earlier lines (before an operation whose failure we will explain)."""
    _recent.clear()


def explain(default: str) -> str:
    """The most telling recent error lines, or `default` when llama.cpp said nothing."""
    lines = [line for line in _recent if "error" in line.lower() or "failed" in line.lower()]
    return "; ".join(lines[-3:]) if lines else default
