"""`maru index`, `maru search`, `maru ask` and `maru collections`: documents from
the command line, over the same index the app uses.

Documents are parsed in an extraction child process; with an embedding model
installed (settings `embedding_model`, or the catalog's), indexing also embeds
and search is hybrid. Errors propagate for cli.main to print as one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import settings as settings_mod
from desktop.core.documents import DocErrorKind, FileState, FileStatus, IndexReport

if TYPE_CHECKING:
    from desktop.backends.doc_embedder import Embedder
    from desktop.core.doc_records import SearchHit

# WORKAROUND until the CLI is translated (issue 7): English wording per reason.
REASONS = {
    DocErrorKind.UNSUPPORTED: "not a format Maru reads",
    DocErrorKind.EMPTY: "the file is empty",
    DocErrorKind.NO_TEXT: "no extractable text (scanned pages?)",
    DocErrorKind.CORRUPT: "the file is damaged or not what its name says",
    DocErrorKind.ENCRYPTED: "password-protected",
    DocErrorKind.TOO_LARGE: "too large to read safely (a zip bomb?)",
    DocErrorKind.TIMED_OUT: "reading took too long",
    DocErrorKind.OUT_OF_MEMORY: "reading needed too much memory",
    DocErrorKind.PARSER_CRASHED: "the reader crashed on this file",
    DocErrorKind.UNREADABLE: "cannot be opened (permissions?)",
    DocErrorKind.MISSING: "the file is gone",
}


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Declare the documents commands."""
    cmd = sub.add_parser("index", help="add files or folders to a collection and index them")
    cmd.add_argument("paths", nargs="+", metavar="PATH")
    cmd.add_argument("--collection", required=True, metavar="NAME")
    cmd.add_argument("--json", action="store_true", help="print JSON")
    cmd = sub.add_parser("search", help="ranked passages of a collection for a query")
    cmd.add_argument("query", metavar="QUERY")
    cmd.add_argument("--collection", required=True, metavar="NAME")
    cmd.add_argument("--top-k", type=int, default=5, metavar="K")
    cmd.add_argument("--json", action="store_true", help="print JSON")
    cmd = sub.add_parser("ask", help="answer a question from a collection, with sources")
    cmd.add_argument("question", metavar="QUESTION")
    cmd.add_argument("--collection", required=True, metavar="NAME")
    cmd.add_argument("--model", help="chat model name or path to a .gguf")
    cmd.add_argument("--max-tokens", type=int, default=512)
    cmd.add_argument("--seed", type=int, default=None)
    cmd.add_argument("--json", action="store_true", help="print JSON")
    cmd = sub.add_parser("collections", help="document collections and their files")
    cmd.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """Run one documents command; returns the exit status."""
    from desktop.backends.doc_index import DocIndex

    with DocIndex() as index:
        if args.command == "collections":
            return _collections(index, args)
        if args.command == "index":
            return _index(index, args)
        if index.collection(args.collection) is None:
            print(f"maru: error: no collection named {args.collection!r} "
                  "(see 'maru collections')", file=sys.stderr)
            return 1
        embedder = _embedder()
        try:
            if args.command == "search":
                return _search(index, args, embedder)
            return _ask(index, args, embedder)
        finally:
            if embedder is not None:
                embedder.close()


def _embedder() -> Embedder | None:
    from desktop.backends.doc_embedder import Embedder
    from desktop.backends.embedding_choice import embedding_model_path

    path = embedding_model_path(settings_mod.load().embedding_model)
    return Embedder(path) if path else None


def _index(index: object, args: argparse.Namespace) -> int:
    from desktop.backends import doc_indexer
    from desktop.backends.doc_extract import Extractor

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"maru: error: no such file or folder: {missing[0]}", file=sys.stderr)
        return 1
    show = None if args.json else _print_status
    with Extractor() as extractor:
        report = doc_indexer.index_paths(index, args.collection,
                                         [str(Path(p).resolve()) for p in args.paths],
                                         extract=extractor.extract, on_status=show)
    embedder = _embedder()
    if embedder is not None:
        try:
            doc_indexer.embed_pending(index, args.collection, embed=embedder.embed,
                                      model=embedder.model_id)
        finally:
            embedder.close()
    if args.json:
        print(json.dumps(_report_json(args.collection, report), ensure_ascii=False))
    else:
        print(f"{report.count(FileState.DONE)} indexed, {report.count(FileState.UNCHANGED)} "
              f"unchanged, {report.count(FileState.FAILED)} failed")
    return 0


def _print_status(status: FileStatus) -> None:
    if status.state is FileState.DONE:
        print(f"indexed    {status.path} ({status.chunks} passages)")
    elif status.state is FileState.UNCHANGED:
        print(f"unchanged  {status.path}")
    elif status.state is FileState.FAILED:
        print(f"failed     {status.path}: {_reason(status)}")
    elif status.state is FileState.REMOVED:
        print(f"removed    {status.path}")


def _reason(status: FileStatus) -> str:
    return REASONS.get(status.error, status.error.value if status.error else "unknown")


def _report_json(collection: str, report: IndexReport) -> dict:
    def paths(state: FileState) -> list[str]:
        return [s.path for s in report.statuses if s.state is state]

    return {
        "collection": collection, "indexed": paths(FileState.DONE),
        "skipped": paths(FileState.UNCHANGED), "removed": paths(FileState.REMOVED),
        "failed": [{"path": s.path, "reason": s.error.value if s.error else "",
                    "message": _reason(s), "detail": s.detail}
                   for s in report.statuses if s.state is FileState.FAILED],
        "flagged": {s.path: list(s.flagged) for s in report.statuses if s.flagged},
        "cancelled": report.cancelled,
    }


def _hit_json(hit: SearchHit, n: int | None = None) -> dict:
    chunk = hit.chunk
    out = {"path": chunk.path, chunk.part_kind.value: chunk.part, "heading": chunk.heading,
           "text": chunk.text, "score": round(hit.score, 6), "start": chunk.start,
           "end": chunk.end}
    if n is not None:
        out = {"n": n, **out}
    return out


def _location(hit: SearchHit) -> str:
    from desktop.core.doc_answers import location

    where = location(hit.chunk.part_kind, hit.chunk.part)
    return f"{hit.chunk.path}, {where}" if where else hit.chunk.path


def _search(index: object, args: argparse.Namespace, embedder: Embedder | None) -> int:
    from desktop.backends import doc_search

    hits = doc_search.search(index, [args.collection], args.query, k=max(1, args.top_k),
                             embed_query=embedder.embed_query if embedder else None,
                             model=embedder.model_id if embedder else None)
    if args.json:
        print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False))
        return 0
    for rank, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.chunk.text.split())[:200]
        print(f"{rank}. {_location(hit)}  (score {hit.score:.4f})\n   {snippet}")
    if not hits:
        print("no matches")
    return 0


def _ask(index: object, args: argparse.Namespace, embedder: Embedder | None) -> int:
    from desktop.backends import model_store
    from desktop.backends.doc_retrieval import retrieve
    from desktop.backends.engine_client import EngineClient
    from desktop.core import doc_answers, rag_prompt
    from desktop.core.sampling import Sampling

    found = retrieve(index, [args.collection], args.question, embedder=embedder)
    if not found.found and found.only_from_sources:
        return _print_answer(args, "", found, not_found=True)
    prefs = settings_mod.load()
    path = model_store.resolve(args.model, prefs.startup_model)
    with EngineClient() as engine:
        info = engine.load(prefs.load_request(str(path)))
        messages = (doc_answers.answer_messages(found, "", [], info.special_tokens)
                    if found.found else [{"role": "user", "content": args.question}])
        stream = engine.generate(messages, Sampling(temperature=0.0, seed=args.seed),
                                 max_tokens=args.max_tokens,
                                 stop=rag_prompt.STOP_STRINGS if found.found else ())
        text = "".join(event.text for event in stream if hasattr(event, "text"))
    cited = rag_prompt.cited_numbers(text, len(found.hits))
    return _print_answer(args, text.strip(), found, cited=cited)


def _print_answer(args: argparse.Namespace, text: str, found: object, *,
                  not_found: bool = False, cited: list[int] | None = None) -> int:
    if args.json:
        print(json.dumps({
            "answer": text, "not_found": not_found, "cited": cited or [],
            "sources": [_hit_json(h, n) for n, h in enumerate(found.hits, start=1)],
        }, ensure_ascii=False))
        return 0
    if not_found:
        print("Nothing in this collection matches the question.")
        return 0
    print(text)
    if found.hits:
        print("\nSources:")
    for n, hit in enumerate(found.hits, start=1):
        mark = "*" if cited and n in cited else " "  # * : the answer cites it
        print(f"{mark}[{n}] {_location(hit)}")
    return 0


def _collections(index: object, args: argparse.Namespace) -> int:
    listed = index.collections()
    if args.json:
        print(json.dumps([{"name": c.name, "files": c.files, "chunks": c.chunks,
                           "roots": list(c.roots), "only_from_sources": c.only_from_sources}
                          for c in listed], ensure_ascii=False))
        return 0
    for c in listed:
        print(f"{c.name}  {c.files} files, {c.chunks} passages  ({', '.join(c.roots)})")
    if not listed:
        print("no collections yet: maru index PATH --collection NAME")
    return 0
