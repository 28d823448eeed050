"""Clean text from documents before Maru stores or shows it.

Document text is untrusted data. Invisible and bidirectional control
characters can hide instructions from the reader while the model still sees
them (or reorder what a person sees), so they go; everything is NFC so that
Korean composed and decomposed forms (NFD from macOS file systems) match.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline; bidi embeddings, overrides and isolates;
# zero-width and invisible format characters; the tag block (used to hide ASCII).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def normalize_text(text: str) -> str:
    """NFC, one kind of line end, no invisible or bidi control characters."""
    text = _LINE_ENDS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def tidy_whitespace(text: str) -> str:
    """Runs of spaces to one, at most one blank line in a row, no trailing spaces."""
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
