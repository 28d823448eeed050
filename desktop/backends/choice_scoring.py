"""Choice probabilities from next-token logits, for classification.

The choices' token sequences (each ending with the end-of-turn token) form a
trie. A choice's probability is the product, along its path, of the model's
next-token probability renormalized over the branches the trie allows there:
exactly what decoding constrained to the choices would sample at temperature 1.
Where the trie does not branch the factor is 1, so the model is asked for logits
only at branch points: for labels that differ in their first token (the usual
case), one prompt evaluation prices every label.

Plain Python over callbacks, so the walk is tested without a model; the engine
supplies the logits and moves its KV cache.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    choice: int | None = None  # set on the node that ends a choice


def build_trie(sequences: Sequence[Sequence[int]]) -> _Node:
    """The trie of the choices' token sequences; each must end with the same end token,
    so no choice's path is a prefix of another's. Raises ValueError on two equal
    sequences (two choices the model could not tell apart)."""
    root = _Node()
    for index, tokens in enumerate(sequences):
        node = root
        for token in tokens:
            node = node.children.setdefault(token, _Node())
        if node.choice is not None or node.children:
            raise ValueError(f"choices {node.choice} and {index} have the same tokens")
        node.choice = index
    return root


def choice_probabilities(
    root: _Node,
    n_choices: int,
    logits: Callable[[], Sequence[float]],
    advance: Callable[[list[int]], None],
    rewind: Callable[[int], None],
) -> list[float]:
    """Probability of each choice, in choice order; they sum to 1.

    `logits()` gives the next-token logits after what has been evaluated so far;
    `advance(tokens)` evaluates more tokens; `rewind(n)` drops the last n. The
    evaluated state is the same after the call as before it.
    """
    probabilities = [0.0] * n_choices
    _walk(root, 0.0, [], probabilities, logits, advance, rewind)
    return probabilities


def _walk(node: _Node, log_p: float, pending: list[int], out: list[float],
          logits: Callable[[], Sequence[float]], advance: Callable[[list[int]], None],
          rewind: Callable[[int], None]) -> None:
    """`pending`: the tokens between the evaluated state and `node`. They are
    evaluated only if a branch lies ahead: a chain that just ends costs nothing."""
    while node.choice is None and len(node.children) == 1:
        token, node = next(iter(node.children.items()))
        pending = [*pending, token]
    if node.choice is not None:
        out[node.choice] = math.exp(log_p)
        return
    if pending:
        advance(pending)
    row = logits()
    for token, share in _renormalized(row, list(node.children)):
        _walk(node.children[token], log_p + share, [token], out, logits, advance, rewind)
    if pending:
        rewind(len(pending))


def _renormalized(row: Sequence[float], tokens: list[int]) -> list[tuple[int, float]]:
    """(token, log-probability) over just `tokens` (a log-softmax restricted to them)."""
    values = [float(row[t]) for t in tokens]
    top = max(values)
    total = math.log(sum(math.exp(v - top) for v in values)) + top
    return [(t, v - total) for t, v in zip(tokens, values, strict=True)]
