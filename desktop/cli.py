"""The `maru` command: the GUI with no arguments, and a subcommand per task.

Errors are one line on stderr and a non-zero exit, never a traceback.
Qt is imported only when the GUI opens, so the CLI starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from desktop import __version__, cli_docs, cli_models, cli_tasks
from desktop import settings as settings_mod
from desktop.core.documents import DocError
from desktop.core.errors import EngineError, ErrorKind, HubError, HubErrorKind
from desktop.core.protocol import Done
from desktop.core.sampling import Sampling
from desktop.core.tasks import TaskError

# WORKAROUND until the CLI is translated (issue 7): English wording per error kind.
ERROR_TEXT = {
    ErrorKind.MODEL_NOT_FOUND: "model not found",
    ErrorKind.NOT_GGUF: "not a GGUF model file",
    ErrorKind.TRUNCATED_GGUF: "the model file is truncated",
    ErrorKind.UNSUPPORTED_GGUF: "this GGUF file is not supported",
    ErrorKind.LOAD_FAILED: "llama.cpp could not load the model",
    ErrorKind.NO_MODEL_LOADED: "no model is loaded",
    ErrorKind.TEMPLATE_REFUSED: "the model's chat template was refused",
    ErrorKind.TEMPLATE_OVER_BUDGET: "the model's chat template ran over its time or memory budget",
    ErrorKind.MODEL_TOO_LARGE: "the model needs more memory than is free",
    ErrorKind.TEMPLATE_FAILED: "the model's chat template failed",
    ErrorKind.CONTEXT_OVERFLOW: "the prompt does not fit in the context",
    ErrorKind.BAD_REQUEST: "invalid request",
    ErrorKind.WORKER_CRASHED: "the engine process crashed",
    ErrorKind.WORKER_START_FAILED: "the engine process could not start",
    ErrorKind.INTERNAL: "internal error",
    ErrorKind.UNKNOWN_ARCHITECTURE: "llama.cpp does not know this model's architecture",
    HubErrorKind.OFFLINE: "cannot reach the Hugging Face Hub (a download keeps its bytes: "
                          "run it again to resume)",
    HubErrorKind.NOT_FOUND: "not found on the Hub",
    HubErrorKind.AUTH_REQUIRED: "gated or private repository: accept its terms on the Hub "
                                "and save a token with the app (or set HF_TOKEN)",
    HubErrorKind.ACCESS_DENIED: "the Hub refused access with this token",
    HubErrorKind.DISK_FULL: "not enough free disk space; nothing was installed",
    HubErrorKind.CHECKSUM_MISMATCH: "the download did not match the Hub's sha256 and was "
                                    "deleted",
    HubErrorKind.SERVER: "the Hub answered with an error",
    HubErrorKind.CANCELLED: "stopped; run the same command again to resume",
    **cli_docs.REASONS,
    **cli_tasks.REASONS,
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + error
        self.exit(2, f"maru: error: {message} (see 'maru --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, so tests and docs can inspect it."""
    parser = _Parser(prog="maru", description="Maru, an offline AI assistant. "
                     "With no command, opens the desktop app.")
    parser.add_argument("--version", action="version", version=f"maru {__version__}")
    parser.add_argument("--selftest", action="store_true",
                        help="check this installation: load the starter model, generate a few "
                        "tokens, open the window offscreen, print backends and devices")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chat = sub.add_parser("chat", help="answer one prompt, streaming to stdout")
    chat.add_argument("prompt", nargs="?", help="the prompt (default: read stdin)")
    chat.add_argument("--model", help="installed model name or path to a .gguf")
    chat.add_argument("--system", help="system prompt")
    chat.add_argument("--temperature", type=float, default=Sampling.temperature)
    chat.add_argument("--max-tokens", type=int, default=None)
    chat.add_argument("--seed", type=int, default=None)
    chat.add_argument("--ctx", type=int, default=None, help="context size in tokens")
    chat.add_argument("--threads", type=int, default=None)
    chat.add_argument("--gpu-layers", type=int, default=None, help="-1 all, 0 CPU only")
    chat.add_argument("--json", action="store_true", help="print one JSON object at the end")
    cli_models.add_parser(sub)
    cli_docs.add_parsers(sub)
    cli_tasks.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `maru` script and `python -m desktop`.

    `maru FILE.gguf...` (a desktop double-click) opens the window and imports the files."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and all(a.lower().endswith(".gguf") and not a.startswith("-") for a in argv):
        from desktop.app import run_gui

        return run_gui(import_models=argv)
    args = build_parser().parse_args(argv)
    if args.selftest:
        from desktop import selftest

        return selftest.run()
    try:
        if args.command == "chat":
            return _chat(args)
        if args.command == "models":
            return cli_models.run(args)
        if args.command in ("index", "search", "ask", "collections"):
            return cli_docs.run(args)
        if args.command in ("summarize", "translate", "classify"):
            return cli_tasks.run(args)
        from desktop.app import run_gui

        return run_gui()
    except (EngineError, HubError, DocError, TaskError) as exc:
        return _fail(f"{ERROR_TEXT.get(exc.kind, exc.kind.value)}: {exc.detail}"
                     if exc.detail else ERROR_TEXT.get(exc.kind, exc.kind.value))
    except OSError as exc:
        return _fail(str(exc))


def _fail(message: str) -> int:
    print(f"maru: error: {message}", file=sys.stderr)
    return 1


def _chat(args: argparse.Namespace) -> int:
    from desktop.backends import model_store
    from desktop.backends.engine_client import EngineClient

    prompt = args.prompt if args.prompt is not None else sys.stdin.read()
    if not prompt.strip():
        return _fail("empty prompt")
    prefs = settings_mod.load()
    path = model_store.resolve(args.model, prefs.startup_model)
    messages = ([{"role": "system", "content": args.system}] if args.system else [])
    messages.append({"role": "user", "content": prompt})
    sampling = Sampling(temperature=args.temperature, seed=args.seed)
    problems = sampling.validate()
    if problems:
        return _fail("; ".join(problems))
    load = prefs.load_request(str(path), n_ctx=args.ctx, n_threads=args.threads,
                              n_gpu_layers=args.gpu_layers)
    started = time.perf_counter()
    with EngineClient() as engine:
        info = engine.load(load, _progress_printer(path.name) if sys.stderr.isatty() else None)
        text, done = _stream(engine, messages, sampling, args)
    if done is None:  # Ctrl+C: the stream already told the engine to stop
        return 130
    if args.json:
        print(json.dumps({
            "text": text, "model": path.stem, "model_path": info.path,
            "prompt_tokens": done.prompt_tokens, "completion_tokens": done.completion_tokens,
            "seconds": round(time.perf_counter() - started, 3),
            "tokens_per_second": round(done.tokens_per_second, 2),
            "stop_reason": done.stop_reason.value, "device": info.device,
            "n_gpu_layers": info.n_gpu_layers, "n_layers": info.n_layers,
            "offload_reason": info.offload_reason, "backends": list(info.backends),
        }, ensure_ascii=False))
    return 0


def _stream(engine: object, messages: list, sampling: Sampling,
            args: argparse.Namespace) -> tuple[str, Done | None]:
    """Print chunks as they come; (text, Done), or (text, None) after Ctrl+C."""
    parts: list[str] = []
    stream = engine.generate(messages, sampling, max_tokens=args.max_tokens)
    done = None
    try:
        for event in stream:
            if isinstance(event, Done):
                done = event
            else:
                parts.append(event.text)
                if not args.json:
                    sys.stdout.write(event.text)
                    sys.stdout.flush()
    except KeyboardInterrupt:  # raised inside the stream, which cancels as it closes
        done = None
    if not args.json and parts and not parts[-1].endswith("\n"):
        sys.stdout.write("\n")
    return "".join(parts), done


def _progress_printer(name: str):
    def show(fraction: float) -> None:
        end = "\n" if fraction >= 1.0 else ""
        print(f"\rLoading {name}: {fraction:4.0%}", end=end, file=sys.stderr, flush=True)
    return show
