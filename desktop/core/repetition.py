"""A loop detector for generated tokens: stops an answer that repeats one block forever.

Small models (and any model at a low temperature) can fall into a loop: the same
sentence, line or token over and over until max_tokens or the context runs out,
which on a long context means minutes of CPU for nothing. `RepetitionGuard`
watches the generated token ids and reports a loop when the tail of the answer
is one block of `period` tokens repeated back to back, spanning at least
`min_span` tokens and at least `min_copies` whole copies of the block.

The thresholds are set so that ordinary text never trips them: a loop of one
token must run 192 times, a 10-token line 20 times, a 100-token paragraph three
times verbatim (300 tokens). Text that is legitimately that periodic (a long run
of one character, a matrix of zeros) is rare in an assistant's answer, and the
answer so far is kept, with its stop reason.

Cost: one comparison per candidate period per token (`max_period`, 200), a few
microseconds against the milliseconds a token takes to decode. Plain Python, no I/O.
"""

from __future__ import annotations

MAX_PERIOD = 200  # the longest repeated block looked for, in tokens
MIN_SPAN = 192  # tokens of periodic tail before a loop is called
MIN_COPIES = 3  # whole copies of the block, for long blocks


class RepetitionGuard:
    """Feed each generated token; `feed` returns True once the answer is looping.

    For each period p, `_runs[p]` counts how many trailing tokens equal the token
    p positions earlier; the tail is then periodic over `_runs[p] + p` tokens.
    """

    def __init__(self, max_period: int = MAX_PERIOD, min_span: int = MIN_SPAN,
                 min_copies: int = MIN_COPIES) -> None:
        self.max_period = max_period
        self.min_span = min_span
        self.min_copies = min_copies
        self._tokens: list[int] = []
        self._runs = [0] * (max_period + 1)
        self.period = 0  # the loop's block length, once detected

    def feed(self, token: int) -> bool:
        """Add one generated token; True when the tail is a loop (see module doc)."""
        tokens, runs = self._tokens, self._runs
        tokens.append(token)
        n = len(tokens)
        for period in range(1, min(self.max_period, n - 1) + 1):
            if tokens[-1 - period] == token:
                runs[period] += 1
                span = runs[period] + period
                if span >= self.min_span and span >= self.min_copies * period:
                    self.period = period
                    return True
            else:
                runs[period] = 0
        if n > 4 * self.max_period:  # only the last max_period + 1 tokens are ever read
            del tokens[: n - self.max_period - 1]
        return False
