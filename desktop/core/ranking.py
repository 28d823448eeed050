"""Merging ranked lists of results from different retrievers."""

from __future__ import annotations

from collections.abc import Sequence


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], *, k: int = 60
                           ) -> list[tuple[int, float]]:
    """Ids from several rankings (each best first) fused into one, best first, with
    their scores: the sum over the rankings an id is in of 1 / (k + rank), rank
    counted from 1.

    Reciprocal rank fusion (Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion
    outperforms Condorcet and individual Rank Learning Methods", SIGIR 2009; k = 60
    is their constant). It needs only ranks, so bm25 and cosine similarity never
    have to be made comparable. An id repeated within one ranking counts at its
    best rank there. Ties go to the id with the best single rank, then the smaller id.
    """
    scores: dict[int, float] = {}
    best: dict[int, int] = {}
    for ranking in rankings:
        seen: set[int] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best[item] = min(best.get(item, rank), rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], best[pair[0]], pair[0]))
