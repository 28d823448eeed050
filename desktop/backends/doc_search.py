"""Hybrid search over collections: full-text (FTS5 bm25) and vectors, fused by rank.

Lexical search finds exact words and names (Korean through character bigrams,
see core.lexical); dense search finds passages that say the same thing in other
words. Reciprocal rank fusion merges the two lists without having to compare
bm25 with cosine. Blocking; call it on the thread that owns `index`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desktop.backends.doc_index import DocIndex
from desktop.core.doc_records import SearchHit
from desktop.core.lexical import match_expression
from desktop.core.ranking import reciprocal_rank_fusion

if TYPE_CHECKING:
    import numpy as np

MIN_SIMILARITY = 0.5  # below this cosine, a dense-only hit is taken as unrelated


def search(
    index: DocIndex,
    collections: Sequence[str],
    query: str,
    *,
    k: int = 5,
    embed_query: Callable[[str], np.ndarray] | None = None,
    model: str | None = None,
    candidates: int = 50,
) -> list[SearchHit]:
    """The `k` best chunks for `query` in the named collections, best first.

    Each retriever proposes its top `candidates`; dense search runs only when
    `embed_query` and `model` are given and a collection has `model` vectors
    (so `embed_query` is not called for nothing). Unknown collection names are
    skipped, as a collection deleted while a chat still names it has nothing to
    find: only unknown names gives an empty list, never an error.
    """
    found = [index.collection(name) for name in dict.fromkeys(collections)]
    ids = [c.id for c in found if c is not None]
    if not ids or k <= 0 or not query.strip():
        return []
    lexical: list[tuple[int, float]] = []
    match = match_expression(query)
    if match is not None:
        lexical = index.lexical(ids, match, candidates)
    dense: list[tuple[int, float]] = []
    if embed_query is not None and model and index.has_vectors(ids, model):
        dense = index.dense(ids, model, embed_query(query), candidates)
    rankings = [[cid for cid, _ in ranked] for ranked in (lexical, dense) if ranked]
    fused = reciprocal_rank_fusion(rankings)[:k] if rankings else []
    return _hits(index, fused, lexical, dense)


def _hits(
    index: DocIndex,
    fused: list[tuple[int, float]],
    lexical: list[tuple[int, float]],
    dense: list[tuple[int, float]],
) -> list[SearchHit]:
    by_lexical = {cid: (rank, bm25) for rank, (cid, bm25) in enumerate(lexical, start=1)}
    by_dense = {cid: (rank, sim) for rank, (cid, sim) in enumerate(dense, start=1)}
    scores = dict(fused)
    hits = []
    # chunks() leaves out a chunk deleted since (a file re-indexed meanwhile).
    for chunk in index.chunks([cid for cid, _ in fused]):
        lexical_rank, bm25 = by_lexical.get(chunk.chunk_id, (None, None))
        dense_rank, similarity = by_dense.get(chunk.chunk_id, (None, None))
        hits.append(SearchHit(chunk, scores[chunk.chunk_id], lexical_rank, bm25,
                              dense_rank, similarity))
    return hits


def is_relevant(hit: SearchHit, *, min_similarity: float = MIN_SIMILARITY) -> bool:
    """Whether a hit is worth answering from: it matched words of the query, or its
    meaning is close enough. "Only from my documents" answers "nothing found"
    when no hit is relevant, rather than letting the model answer from thin air."""
    if hit.lexical_rank is not None:
        return True
    return hit.similarity is not None and hit.similarity >= min_similarity
