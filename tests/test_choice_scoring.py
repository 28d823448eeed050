"""The choice-probability walk, against a brute-force computation on a fake model."""

from __future__ import annotations

import math
import random

import pytest

from desktop.backends.choice_scoring import build_trie, choice_probabilities

END = 0
VOCAB = 12


class FakeModel:
    """Logits that depend on the whole evaluated sequence, and a count of evaluations."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.state: list[int] = []
        self.evaluated = 0

    def logits(self) -> list[float]:
        rng = random.Random(hash((self.seed, *self.state)))
        return [rng.uniform(-4, 4) for _ in range(VOCAB)]

    def advance(self, tokens: list[int]) -> None:
        self.state.extend(tokens)
        self.evaluated += len(tokens)

    def rewind(self, n: int) -> None:
        del self.state[len(self.state) - n:]


def brute_force(model: FakeModel, sequences: list[list[int]]) -> list[float]:
    """Constrained decoding's probability of each sequence, step by step, from scratch."""
    result = []
    for seq in sequences:
        log_p = 0.0
        for depth, token in enumerate(seq):
            allowed = {s[depth] for s in sequences if s[:depth] == seq[:depth]}
            saved = list(model.state)
            model.state = saved + seq[:depth]
            row = model.logits()
            model.state = saved
            total = math.log(sum(math.exp(row[t]) for t in allowed))
            log_p += row[token] - total
        result.append(math.exp(log_p))
    return result


@pytest.mark.parametrize("seed", range(20))
def test_matches_brute_force_and_sums_to_one(seed):
    rng = random.Random(seed)
    sequences: list[list[int]] = []
    while len(sequences) < rng.randint(2, 6):
        seq = [rng.randint(1, 3) for _ in range(rng.randint(1, 4))] + [END]
        if seq not in sequences:
            sequences.append(seq)
    model = FakeModel(seed)
    model.state = [7, 8]  # the prompt
    got = choice_probabilities(build_trie(sequences), len(sequences), model.logits,
                               model.advance, model.rewind)
    expected = brute_force(model, sequences)
    assert got == pytest.approx(expected, rel=1e-9)
    assert sum(got) == pytest.approx(1.0)
    assert model.state == [7, 8]  # every evaluated token was rewound


def test_labels_that_differ_in_the_first_token_cost_no_evaluation():
    model = FakeModel(1)
    sequences = [[1, 5, 6, END], [2, END], [3, 9, END]]
    choice_probabilities(build_trie(sequences), 3, model.logits, model.advance, model.rewind)
    assert model.evaluated == 0


def test_a_shared_first_token_is_evaluated_once():
    model = FakeModel(2)
    sequences = [[4, 1, END], [4, 2, END], [5, END]]  # "tech-nology", "tech-nique", "sports"
    got = choice_probabilities(build_trie(sequences), 3, model.logits, model.advance,
                               model.rewind)
    assert model.evaluated == 1
    assert sum(got) == pytest.approx(1.0)


def test_a_label_that_is_a_prefix_of_another_is_told_apart_by_the_end_token():
    model = FakeModel(3)
    sequences = [[4, END], [4, 6, END]]  # "pos" and "positive"
    got = choice_probabilities(build_trie(sequences), 2, model.logits, model.advance,
                               model.rewind)
    assert got == pytest.approx(brute_force(model, sequences))
    assert 0 < got[0] < 1


def test_identical_sequences_are_refused():
    with pytest.raises(ValueError):
        build_trie([[1, END], [1, END]])
