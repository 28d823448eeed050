"""A marker for the model being loaded, so a load that kills Maru is not retried blindly.

llama.cpp can abort the engine process on a bad model (GGML_ASSERT) or take the
machine's memory until the user or the kernel kills Maru. If the start-up model
does that, opening Maru again would do it again: a crash loop. So every load
writes this marker first (`begin`) and removes it when the load ends well or
fails cleanly (`finish`); a load that killed the engine process is marked
`crashed`. A marker still there at the next start means that model's last load
never finished: the app does not open it by itself, and says why.

Small blocking file I/O on the GUI thread (one tiny JSON file in the config folder).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from desktop import paths
from desktop.backends.atomic_json import write_json_atomic

MARKER_FILE = "model_loading.json"
LOADING = "loading"  # the load started and has not ended (Maru may have died in it)
CRASHED = "crashed"  # the engine process died while loading this model


def marker_path() -> Path:
    """The marker file (next to settings.json)."""
    return paths.config_dir() / MARKER_FILE


def begin(model_path: str) -> None:
    """Record that `model_path` is about to load (before the request is sent)."""
    _write(model_path, LOADING)


def crashed() -> None:
    """The engine process died while loading the marked model: keep it marked."""
    marked = unfinished()
    if marked is not None:
        _write(marked, CRASHED)


def finish() -> None:
    """The load ended (loaded, or failed with a clean error): forget the marker."""
    marker_path().unlink(missing_ok=True)


def quitting() -> None:
    """Maru is closing normally: a load still in progress did not crash anything."""
    if state() == LOADING:
        finish()


def unfinished() -> str | None:
    """The model whose last load never finished (crash or kill), or None."""
    return _read().get("model")


def state() -> str | None:
    """LOADING, CRASHED, or None without a marker."""
    return _read().get("state")


def _write(model_path: str, state_: str) -> None:
    with contextlib.suppress(OSError):  # a read-only config folder must not stop a load
        write_json_atomic(marker_path(), {"model": str(model_path), "state": state_})


def _read() -> dict[str, str]:
    try:
        raw = json.loads(marker_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or not isinstance(raw.get("model"), str):
        return {}
    return {key: value for key, value in raw.items() if isinstance(value, str)}
