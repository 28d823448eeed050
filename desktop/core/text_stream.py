"""Turn a stream of token bytes into text that is safe to show.

A token can end in the middle of a UTF-8 character (Korean syllables are three
bytes and often split), and a stop string can arrive split over several
tokens. `TextAssembler` holds back exactly what might still change: the bytes
of an unfinished character and a tail that could be the start of a stop string.
Cost per token is O(len(piece) + longest stop string), never O(answer length).
"""

from __future__ import annotations

import codecs


class TextAssembler:
    """Feed token bytes in order; get back text to emit and whether to stop."""

    def __init__(self, stop: tuple[str, ...] = ()) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stop = tuple(s for s in stop if s)
        self._held = ""  # decoded text not yet emitted (possible stop prefix)
        self.stopped = False
        self.text = ""  # everything emitted so far

    def feed(self, piece: bytes) -> str:
        """Add one token's bytes; return the text that can be shown now."""
        if self.stopped:
            return ""
        self._held += self._decoder.decode(piece)
        return self._release()

    def finish(self) -> str:
        """End of stream: flush what was held back (an unfinished char becomes U+FFFD)."""
        if not self.stopped:
            self._held += self._decoder.decode(b"", final=True)
        out = "" if self.stopped else self._held
        self._held = ""
        self.text += out
        return out

    def _release(self) -> str:
        cut = self._first_stop()
        if cut is not None:
            out, self._held, self.stopped = self._held[:cut], "", True
        else:
            keep = self._possible_stop_prefix()
            out = self._held[: len(self._held) - keep]
            self._held = self._held[len(self._held) - keep :]
        self.text += out
        return out

    def _first_stop(self) -> int | None:
        hits = [i for i in (self._held.find(s) for s in self._stop) if i >= 0]
        return min(hits) if hits else None

    def _possible_stop_prefix(self) -> int:
        """Length of the longest tail of held text that starts some stop string."""
        best = 0
        for s in self._stop:
            for n in range(min(len(s) - 1, len(self._held)), best, -1):
                if self._held.endswith(s[:n]):
                    best = n
                    break
        return best
