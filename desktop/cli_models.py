"""`maru models ...`: list, search, files, download, import, remove and fit.

Each subcommand prints a table (or JSON with --json); errors propagate as
EngineError / HubError for cli.main to print as one line.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import EngineError, ErrorKind, HubError, HubErrorKind
from desktop.core.units import human_size

if TYPE_CHECKING:
    from desktop.backends.hub_listing import RepoListing
    from desktop.backends.model_store import InstalledModel
    from desktop.core.fit import FitEstimate, ModelShape
    from desktop.core.hub_models import ModelVariant

DEFAULT_CTX = 4096


def _positive(text: str) -> int:
    """A whole number of at least 1 (a context size, a result count)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _json_flag(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: an absent flag leaves the value `maru models --json ...` set.
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print JSON")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Declare `maru models` and its subcommands."""
    models = sub.add_parser("models", help="list, find, download, import and remove models")
    models.add_argument("--json", action="store_true", help="print JSON")
    cmds = models.add_subparsers(dest="models_command", metavar="SUBCOMMAND")
    _json_flag(cmds.add_parser("list", help="installed models (the default)"))
    cmd = cmds.add_parser("search", help="search GGUF repositories on the Hugging Face Hub")
    cmd.add_argument("query")
    cmd.add_argument("--sort", choices=("downloads", "likes", "recent"), default="downloads")
    cmd.add_argument("--limit", type=_positive, default=20)
    _json_flag(cmd)
    cmd = cmds.add_parser("files", help="a repository's models by quantization, with fit")
    cmd.add_argument("repo")
    cmd.add_argument("--ctx", type=_positive, default=DEFAULT_CTX,
                     help="context size for the fit")
    _json_flag(cmd)
    cmd = cmds.add_parser("download", help="download, verify (sha256) and install a model")
    cmd.add_argument("repo")
    cmd.add_argument("file", help="file name in the repository, or a quantization (Q4_K_M)")
    cmd = cmds.add_parser("import", help="import a local .gguf after checking it")
    cmd.add_argument("path")
    cmd.add_argument("--link", action="store_true", help="use the file where it is (no copy)")
    cmd = cmds.add_parser("remove", help="delete an installed model (or forget a linked one)")
    cmd.add_argument("name")
    cmd = cmds.add_parser("fit", help="will a model fit this machine, and how")
    cmd.add_argument("target", help="an installed model, a .gguf path, or a Hub repository")
    cmd.add_argument("file", nargs="?", help="with a repository: its file or quantization")
    cmd.add_argument("--ctx", type=_positive, default=DEFAULT_CTX, help="context size in tokens")
    cmd.add_argument("--gpu-layers", type=int, default=None, help="-1 all, 0 CPU only")
    _json_flag(cmd)


def run(args: argparse.Namespace) -> int:
    """Dispatch `maru models ...`."""
    command = args.models_command or "list"
    return {"list": _list, "search": _search, "files": _files, "download": _download,
            "import": _import, "remove": _remove, "fit": _fit}[command](args)


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    for row in [headers, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _list(args: argparse.Namespace) -> int:
    from desktop.backends import model_store

    rows = [_model_row(m) for m in model_store.installed_models()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print("No models installed. Run 'make setup' to install the starter model.")
    else:
        headers = ["name", "size", "architecture", "context", "quantization", "file"]
        _table(headers, [[str(r[h]) for h in headers] for r in rows])
    return 0


def _model_row(model: InstalledModel) -> dict:
    info = model.info
    return {
        "name": model.name,
        "size": human_size(model.size_bytes),
        "size_bytes": model.size_bytes,
        "architecture": info.architecture if info else f"unreadable: {model.problem}",
        "context": info.context_length if info else "",
        "quantization": info.quantization if info else "",
        "linked": model.linked,
        "file": str(model.path),
    }


def _search(args: argparse.Namespace) -> int:
    from desktop.backends import hub_api, hub_token

    repos = hub_api.search_models(args.query, sort=args.sort, limit=args.limit,
                                  token=hub_token.load_token())
    if args.json:
        print(json.dumps([vars(r) for r in repos], ensure_ascii=False, indent=2))
        return 0
    _table(["repository", "downloads", "likes", "updated", "gated"],
           [[r.repo_id, str(r.downloads), str(r.likes), (r.last_modified or "")[:10],
             "yes" if r.gated else ""] for r in repos])
    return 0


def _listing(repo: str) -> RepoListing:
    """The repository's variants and shape, as the models page shows them."""
    from desktop.backends.hub_listing import list_repo

    return list_repo(repo)


def _files(args: argparse.Namespace) -> int:
    from desktop.backends.machine import probe_machine
    from desktop.core.fit import estimate_fit

    listing = _listing(args.repo)
    shape, machine = listing.shape, probe_machine()
    rows = []
    for v in listing.variants:
        fit = estimate_fit(shape, v.size, args.ctx, machine) if shape else None
        rows.append({"quantization": v.quantization, "file": v.filename, "parts": len(v.files),
                     "size_bytes": v.size, "complete": v.complete,
                     "fit": _fit_dict(fit) if fit else None})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    _table(["quantization", "size", "parts", f"fit at {args.ctx} tokens", "file"],
           [[r["quantization"], human_size(r["size_bytes"]), str(r["parts"]),
             _fit_words(r["fit"]), r["file"]] for r in rows])
    if shape is None and listing.variants:
        from desktop.cli import ERROR_TEXT

        error = _shape_error(listing)
        print(f"Fit unknown: {ERROR_TEXT.get(error.kind, error.kind.value)}", file=sys.stderr)
    return 0


def _shape_error(listing: RepoListing) -> HubError:
    """Why the repository's header could not be read, as the error to show."""
    kind = HubErrorKind(listing.shape_error) if listing.shape_error else HubErrorKind.NOT_FOUND
    return HubError(kind, f"{listing.repo_id}: the model's header could not be read")


def _pick(variants: tuple[ModelVariant, ...], wanted: str) -> ModelVariant:
    """The variant named by its file (or first part) or its quantization."""
    for v in variants:
        if wanted in (v.filename, v.quantization) or wanted.upper() == v.quantization:
            return v
    names = ", ".join(v.quantization or v.filename for v in variants) or "none"
    raise HubError(HubErrorKind.NOT_FOUND, f"no model file '{wanted}' (available: {names})")


def _download(args: argparse.Namespace) -> int:
    from desktop import paths
    from desktop.backends import hub_download, hub_token

    variant = _pick(_listing(args.repo).variants, args.file)
    if not variant.complete:
        raise HubError(HubErrorKind.NOT_FOUND, f"{variant.filename}: the repository lacks "
                       "some parts of this split model, so it could not be loaded")
    cancel = threading.Event()
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            print(f"\r{variant.filename}: {human_size(done)} / {human_size(total)}"
                  f" ({done / max(total, 1):4.0%})", end="", file=sys.stderr, flush=True)

    try:
        path = hub_download.download_variant(variant, paths.models_dir(),
                                             token=hub_token.load_token(),
                                             on_progress=progress, cancel=cancel)
    except KeyboardInterrupt:
        cancel.set()
        print("\nPaused: run the same command again to resume.", file=sys.stderr)
        return 130
    if show:
        print(file=sys.stderr)
    print(path)
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.backends import model_import

    model = model_import.import_model(Path(args.path).expanduser(), link=args.link)
    # From the entry, not args.link: a repeat import returns the model already installed.
    how = "bundled" if model.bundled else "linked" if model.linked else "copied"
    print(f"Imported {model.name} ({how}): {model.path}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from desktop.backends import model_store

    model = model_store.find_installed(args.name)
    model_store.remove_model(args.name)
    if model.linked:
        print(f"Removed {model.name} from Maru; the file stays at {model.path}")
    else:
        print(f"Removed {model.name} (deleted {', '.join(p.name for p in model.parts)})")
    return 0


def _fit(args: argparse.Namespace) -> int:
    from desktop.backends.machine import probe_machine
    from desktop.core.fit import estimate_fit

    if args.file:
        listing = _listing(args.target)
        size = _pick(listing.variants, args.file).size
        if listing.shape is None:
            raise _shape_error(listing)
        shape = listing.shape
    else:
        shape, size = _local_shape(args.target)
    fit = estimate_fit(shape, size, args.ctx, probe_machine(), args.gpu_layers)
    if args.json:
        print(json.dumps(_fit_dict(fit), indent=2))
    else:
        print(f"{_fit_words(_fit_dict(fit))} at {args.ctx} tokens: needs "
              f"{human_size(fit.ram_bytes)} of memory and {human_size(fit.vram_bytes)} of GPU "
              f"memory (weights {human_size(fit.weights_bytes)}, context "
              f"{human_size(fit.kv_bytes)}, buffers {human_size(fit.overhead_bytes)})")
    return 0


def _local_shape(target: str) -> tuple[ModelShape, int]:
    """(shape, weights bytes of every part) of an installed model or a .gguf path."""
    from desktop.backends import model_store
    from desktop.backends.gguf_info import read_gguf_info
    from desktop.core.fit import ModelShape

    path = model_store.resolve(target)
    parts, missing = model_store.split_parts(path.absolute())
    if missing:
        raise EngineError(ErrorKind.TRUNCATED_GGUF, "the model is split and these parts are "
                          "missing: " + ", ".join(p.name for p in missing))
    info = read_gguf_info(parts[0])
    return ModelShape.from_metadata(info.metadata), model_store.weights_bytes(parts[0])


def _fit_dict(fit: FitEstimate) -> dict:
    return dataclasses.asdict(fit)  # enums are StrEnums: JSON writes their values


def _fit_words(fit: dict | None) -> str:
    from desktop.core.fit import FitKind

    if fit is None:
        return "unknown"
    return {FitKind.FULL_GPU: "fully on GPU",
            FitKind.PARTIAL_GPU: f"GPU {fit['n_gpu_layers']} of {fit['n_layers']} layers",
            FitKind.CPU_ONLY: "CPU only", FitKind.WONT_FIT: "will not fit"}[FitKind(fit["kind"])]
