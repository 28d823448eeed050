"""Decode the bytes of a text file whose encoding nobody wrote down.

Order: a byte-order mark; strict UTF-8 (most files, and all ASCII ones);
then charset_normalizer's best guess. Korean Windows files (CP949, a superset
of EUC-KR) are common among Maru's users, and on short Korean text the
detector sometimes prefers Big5; so when its guess is not Korean but the bytes
decode strictly as CP949 into text that reads as Korean (mostly Hangul, and
Hangul from the common KS X 1001 set, which Japanese or Chinese bytes decoded
as CP949 are not), CP949 wins.
"""

from __future__ import annotations

import codecs

from desktop.core.documents import DocError, DocErrorKind

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CP949_FAMILY = {"cp949", "euc_kr"}  # Python's names, as codecs.lookup gives them
_LABEL_ALIASES = {"windows-949": "cp949", "x-windows-949": "cp949"}  # labels Python lacks
_SAMPLE_CHARS = 100_000  # enough to judge, bounded time on a 64 MiB file
_MIN_HANGUL_SHARE = 0.8  # of the non-ASCII letters
_MIN_COMMON_HANGUL_SHARE = 0.95  # of the Hangul syllables


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, codec name) for `data`; DocError(CORRUPT) when it is not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if guess in _CP949_FAMILY:
        guess = "cp949"  # EUC-KR files written on Windows use CP949's extra syllables
    elif (korean := _as_korean(data)) is not None:
        return korean, "cp949"
    if guess is None:
        raise DocError(DocErrorKind.CORRUPT, "not text in any known encoding")
    return data.decode(guess, errors="replace"), guess


def codec_name(label: str) -> str | None:
    """Python's codec for an encoding label (e.g. from <meta charset>), with the
    web's substitutions (EUC-KR means CP949, Latin-1 means Windows-1252), or None."""
    label = label.strip().lower()
    try:
        name = codecs.lookup(_LABEL_ALIASES.get(label, label)).name
    except (LookupError, ValueError):
        return None
    if name in _CP949_FAMILY:
        return "cp949"
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DocError(DocErrorKind.CORRUPT, f"not valid {codec}: {exc.reason}") from exc


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # heavy: only where text files are read

    match = from_bytes(data).best()
    return None if match is None else codecs.lookup(match.encoding).name


def _as_korean(data: bytes) -> str | None:
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    return text if _reads_as_korean(text[:_SAMPLE_CHARS]) else None


def _reads_as_korean(text: str) -> bool:
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    hangul = [ch for ch in letters if "\uac00" <= ch <= "\ud7a3"]
    if not hangul or len(hangul) < _MIN_HANGUL_SHARE * len(letters):
        return False
    common = sum(1 for ch in hangul if _in_ks_x_1001(ch))
    return common >= _MIN_COMMON_HANGUL_SHARE * len(hangul)


def _in_ks_x_1001(ch: str) -> bool:
    # Python's euc_kr codec spells the other syllables as 8-byte jamo sequences.
    return len(ch.encode("euc_kr")) == 2
