"""Retrieval for an answer: search a question's collections and keep what is relevant.

Shared by the GUI's documents service and `maru ask`. Blocking; call it on the
thread that owns `index`.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.backends import doc_search
from desktop.backends.doc_embedder import Embedder
from desktop.backends.doc_index import DocIndex
from desktop.core.doc_answers import Retrieval

TOP_K = 5  # sources per answer: ~1,500 tokens of a 4k context


def retrieve(index: DocIndex, names: Sequence[str], question: str, *, k: int = TOP_K,
             embedder: Embedder | None = None) -> Retrieval:
    """The relevant hits for `question` in the named collections (unknown names are
    skipped); only-from-sources when any of the collections asks for it."""
    present = [index.collection(name) for name in names]
    present = [c for c in present if c is not None]
    hits = doc_search.search(
        index, [c.name for c in present], question, k=k,
        embed_query=embedder.embed_query if embedder else None,
        model=embedder.model_id if embedder else None) if present else []
    relevant = tuple(hit for hit in hits if doc_search.is_relevant(hit))
    return Retrieval(question, relevant, any(c.only_from_sources for c in present))
