"""Reciprocal rank fusion."""

import pytest

from desktop.core.ranking import reciprocal_rank_fusion


def test_scores_are_sums_of_reciprocal_ranks():
    fused = dict(reciprocal_rank_fusion([[1, 2, 3], [3, 1]], k=60))
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[2] == pytest.approx(1 / 62)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)


def test_agreement_beats_one_top_rank():
    fused = reciprocal_rank_fusion([[7, 5, 9], [8, 5, 9]])
    assert fused[0][0] == 5


def test_ties_go_to_the_best_single_rank_then_the_smaller_id():
    # With k=1, rank 1 in one list (1/2) ties exactly with rank 3 in two (1/4 + 1/4).
    fused = reciprocal_rank_fusion([[9, 2, 1], [8, 3, 1]], k=1)
    assert [item for item, _ in fused] == [8, 9, 1, 2, 3]
    assert fused[0][1] == fused[1][1] == fused[2][1] == 0.5
    scores = [score for _, score in fused]
    assert scores == sorted(scores, reverse=True)


def test_repeated_id_counts_once_per_ranking():
    fused = dict(reciprocal_rank_fusion([[1, 1, 2]]))
    assert fused == {1: pytest.approx(1 / 61), 2: pytest.approx(1 / 63)}


def test_empty():
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([[], []]) == []
