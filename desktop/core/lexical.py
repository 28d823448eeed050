"""The terms Maru stores for full-text search, and the FTS5 queries that find them.

SQLite's FTS5 `unicode61` tokenizer cuts text at spaces and punctuation, which
works for English but not for Korean: a noun and its particle are one word
("계약서를"), so a search for "계약서" would never match. Maru therefore stores
pre-cut terms in an FTS5 column (tokenize='unicode61 remove_diacritics 0'):
Latin and digit words whole, and Hangul, Han and kana as overlapping character
bigrams, the usual approach for CJK text without a morphological analyser
(Lucene's CJKBigramFilter). A query's Korean word becomes a phrase of its
bigrams, which matches wherever the word occurs inside a longer one.

Every term is letters and digits only (Python's `\\w` less "_", which is also
what unicode61 keeps in a token), so FTS5 never cuts a stored term further.
Known limit: unicode61's tables date from Unicode 6.1, so ideographs added
since (CJK extension E and later) are separators to it; they are rare.
"""

from __future__ import annotations

import re
import unicodedata

# Hangul (syllables and jamo), Han ideographs and kana; "々〆〇" are kanji in use.
_CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3"
    "\ud7b0-\ud7ff\uf900-\ufaff\U00020000-\U0003134f"
)
_RUNS = re.compile(rf"(?P<cjk>(?:(?=\w)[{_CJK}])+)|(?P<word>[^\W_{_CJK}]+)")
_HANGUL = re.compile("[\uac00-\ud7a3]+")

# Korean particles (josa) a query word often ends with. A query word that ends with
# one also searches for its stem, so "계약서를" finds a document that says "계약서는".
# Longest first, so that "에서" is taken before "서".
_PARTICLES = (
    "으로부터", "에서부터", "이라고", "에서는", "으로는", "에게서", "에서", "으로", "에게",
    "한테", "까지", "부터", "처럼", "보다", "이나", "이랑", "라고", "하고", "마다", "은",
    "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만",
)
_MIN_STEM = 2  # shorter stems ("책" of "책을") would match too much by prefix

# English words too common to tell documents apart: a query of other words too
# leaves them out, so "what is the warranty" does not match every English text.
_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from",
    "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "no", "not", "of",
    "on", "or", "our", "so", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why",
    "will", "with", "would", "you", "your",
})
MAX_QUERY_TERMS = 64  # a pasted page as a query must not become a huge FTS5 query


def _normalize(text: str) -> str:
    # NFKC folds full-width Latin, half-width kana and compatibility jamo; casefold
    # then matches cases (and "ß" with "ss") the same way for texts and queries.
    return unicodedata.normalize("NFKC", text).casefold()


def _bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a CJK run; a lone character stands alone."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> str:
    """The space-separated terms to store for `text`: Latin and digit words whole,
    Hangul, Han and kana runs as overlapping bigrams. Scripts are cut apart
    ("GPT모델" -> "gpt 모델")."""
    terms: list[str] = []
    for match in _RUNS.finditer(_normalize(text)):
        run = match.group()
        terms.extend(_bigrams(run) if match.lastgroup == "cjk" else [run])
    return " ".join(terms)


def _quote(term: str) -> str:
    """An FTS5 string: double-quoted, with embedded quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def _cjk_expression(run: str) -> str:
    # A phrase of adjacent bigrams matches the run inside a longer stored run; a lone
    # character matches as the first half of any bigram (or a stored unigram).
    if len(run) == 1:
        return _quote(run) + "*"
    return _quote(" ".join(_bigrams(run)))


def _stem(run: str) -> str | None:
    """A Korean word without its trailing particle, if it has one and a fair stem."""
    if not _HANGUL.fullmatch(run):
        return None
    for particle in _PARTICLES:
        if run.endswith(particle) and len(run) - len(particle) >= _MIN_STEM:
            return run[: -len(particle)]
    return None


def _expressions(query: str) -> list[str]:
    runs = [(m.lastgroup == "cjk", m.group()) for m in _RUNS.finditer(_normalize(query))]
    keep_common = all(not cjk and run in _STOPWORDS for cjk, run in runs)
    out: list[str] = []
    for cjk, run in runs:
        if cjk:
            out.append(_cjk_expression(run))
            stem = _stem(run)
            if stem:
                out.append(_cjk_expression(stem))
        elif keep_common or run not in _STOPWORDS:
            out.append(_quote(run) + "*" if len(run) >= 3 else _quote(run))
    return list(dict.fromkeys(out))[:MAX_QUERY_TERMS]


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH string for a user's query, or None when it has no terms.

    Each word is one alternative, joined by OR (bm25 ranks a passage that matches
    more of them higher): a Latin or digit word as a quoted term, as a prefix for
    three letters or more ("contract" finds "contracts"); a CJK run of two or more
    characters as the phrase of its bigrams; a lone CJK character as a prefix. A
    Korean word ending in a particle also searches for its stem. Common English
    words are left out when other words remain. Every term is quoted, so no input
    can be FTS5 syntax (AND, NEAR, *, :, quotes are only text).
    """
    expressions = _expressions(query)
    return " OR ".join(expressions) if expressions else None
