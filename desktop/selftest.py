"""`maru --selftest`: is this installation able to run? For installers' smoke tests
and support requests.

Four checks, each printed as it passes: llama.cpp's backends, the bundled starter
model loaded in the engine process with a few tokens generated, and the main window
opened and closed (offscreen when there is no display). Exit 0, or 1 with one line
`maru: selftest failed: <reason>` on stderr. Runs on the main thread; owns and closes
its engine process. The window runs against a throwaway data folder (MARU_HOME) so the
user's history and settings are never touched.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from desktop import __version__, paths
from desktop.core.errors import EngineError
from desktop.core.protocol import Done
from desktop.core.sampling import Sampling

TOKENS = 8
WINDOW_TIMEOUT_S = 60.0


class SelftestError(Exception):
    """One check failed; the message is the one-line reason."""


def run() -> int:
    """Run every check, printing to stdout; return the exit status."""
    started = time.perf_counter()
    print(f"maru {__version__}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}"
          f"{' (frozen)' if getattr(sys, 'frozen', False) else ''}")
    try:
        _backends()
        _engine()
        _window()
    except SelftestError as exc:
        print(f"maru: selftest failed: {exc}", file=sys.stderr)
        return 1
    except EngineError as exc:
        reason = exc.kind.value + (f": {exc.detail}" if exc.detail else "")
        print(f"maru: selftest failed: {reason}", file=sys.stderr)
        return 1
    print(f"selftest passed in {time.perf_counter() - started:.1f} s")
    return 0


def _backends() -> None:
    """What this process's llama.cpp build offers (the engine process loads the same)."""
    try:
        import llama_cpp
    except (ImportError, OSError) as exc:  # OSError: a shared library failed to load
        raise SelftestError(f"llama.cpp cannot be loaded: {exc}") from exc
    info = llama_cpp.llama_print_system_info().decode("utf-8", "replace").strip()
    gpu = bool(llama_cpp.llama_supports_gpu_offload())
    print(f"llama.cpp {llama_cpp.__version__}: GPU offload {'supported' if gpu else 'not built'}")
    print(f"  system info: {info}")
    from desktop.backends import ggml_backends

    report = ggml_backends.register()  # the same modules the engine process loads
    print(f"  backends: {', '.join(report.backends) or '-'}"
          + (f" ({report.problem})" if report.problem else ""))
    for device in report.devices:
        print(f"  device: {device.description or device.name} ({device.kind})")


def starter_model_path() -> Path:
    """The GGUF shipped in resources/models."""
    from desktop.backends.starter_model import STARTER_MODEL_FILE

    path = paths.bundled_models_dir() / STARTER_MODEL_FILE
    if not path.is_file():
        raise SelftestError(f"the bundled starter model is missing: {path}")
    return path


def _engine() -> None:
    """Load the starter model in the engine process and generate a few tokens."""
    from desktop import settings as settings_mod
    from desktop.backends.engine_client import EngineClient

    path = starter_model_path()
    request = settings_mod.Settings().load_request(str(path), n_ctx=512)
    with EngineClient() as engine:
        loaded_at = time.perf_counter()
        info = engine.load(request)
        load_s = time.perf_counter() - loaded_at
        print(f"model: {info.name} ({info.architecture}, {info.size_bytes / 2**20:.0f} MiB) "
              f"loaded in {load_s:.2f} s")
        why = f", {info.offload_reason}" if info.offload_reason else ""
        print(f"  device: {info.device}, {info.n_gpu_layers}/{info.n_layers} layers offloaded, "
              f"{info.n_threads} threads{why}")
        messages = [{"role": "user", "content": "Say hello."}]
        parts, done = [], None
        for event in engine.generate(messages, Sampling(temperature=0.0, seed=1),
                                     max_tokens=TOKENS):
            if isinstance(event, Done):
                done = event
            else:
                parts.append(event.text)
    if done is None or done.completion_tokens == 0:
        raise SelftestError("the model generated no tokens")
    print(f"generated {done.completion_tokens} tokens at {done.tokens_per_second:.1f} tokens/s: "
          f"{''.join(parts).strip()!r}")


def _window() -> None:
    """Open the main window (offscreen without a display), wait for its model, close it."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="maru-selftest-") as home:
        previous = os.environ.get("MARU_HOME")
        os.environ["MARU_HOME"] = home
        try:
            _open_and_close_window()
        finally:
            if previous is None:
                os.environ.pop("MARU_HOME", None)
            else:
                os.environ["MARU_HOME"] = previous


def _open_and_close_window() -> None:
    from desktop import settings as settings_mod

    # No first-run guide over the window: nothing would answer it.
    settings_mod.save(settings_mod.Settings(first_run_done=True))
    from PySide6.QtCore import QTimer

    from desktop.app import build_app

    built = build_app()
    if built is None:
        raise SelftestError("the main window could not be built")
    app, window, chat = built
    outcome: list[str] = []

    def finish(result: str) -> None:
        if not outcome:
            outcome.append(result)
            window.close()
            app.quit()

    chat.model_changed.connect(
        lambda info: finish("ok" if info is not None else "the window loaded no model"))
    chat.load_failed.connect(
        lambda kind, detail: finish(f"the window's model load failed: {kind} {detail}".strip()))
    QTimer.singleShot(int(WINDOW_TIMEOUT_S * 1000),
                      lambda: finish(f"the window loaded no model in {WINDOW_TIMEOUT_S:.0f} s"))
    app.exec()
    if outcome != ["ok"]:
        raise SelftestError(outcome[0] if outcome else "the window closed by itself")
    print(f"window: opened and closed ({app.platformName()})")
