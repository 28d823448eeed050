"""Full-text search over the history database, for `HistoryStore.search`.

Substring search that suits Korean as well as English: a Korean word is written
with particles attached ("서울에서"), so words cannot be matched whole. Terms of
3+ characters use the trigram FTS5 indexes (see history_schema); shorter terms
("서울", "AI"), which a trigram index cannot find, are checked with instr().
Every term must match the same message (or the same title).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

TRIGRAM = 3  # the trigram tokenizer finds no term shorter than this
SNIPPET_CHARS = 80
SNIPPET_LEAD = 30  # characters of context shown before the match


@dataclass(frozen=True)
class SearchHit:
    """One search result. `message_id` is None when only the title matched.

    `snippet` is plain text (~80 characters); the match is
    `snippet[match_start:match_start + match_len]` so the UI can bold it.
    """

    conversation_id: int
    message_id: int | None
    title: str
    snippet: str
    match_start: int
    match_len: int
    updated_at: float


def search(conn: sqlite3.Connection, query: str, limit: int) -> list[SearchHit]:
    """Hits for every whitespace-separated term of `query`, case-insensitive for ASCII.

    Newest conversations first; a title hit comes before that conversation's
    message hits, which follow in message order. Deleted conversations are left out.
    """
    terms = query.split()
    if not terms or limit <= 0:
        return []
    title_filter, title_params = _term_filter(terms, "titles_fts", "c.id", "c.title")
    text_filter, text_params = _term_filter(terms, "messages_fts", "m.id", "m.text")
    rows = conn.execute(
        "SELECT c.id AS cid, NULL AS mid, c.title, c.title AS body, c.updated_at,"
        " 0 AS position FROM conversations c"
        f" WHERE c.deleted_at IS NULL AND {title_filter}"
        " UNION ALL"
        " SELECT c.id, m.id, c.title, m.text, c.updated_at, m.position"
        " FROM messages m JOIN conversations c ON c.id = m.conversation_id"
        f" WHERE c.deleted_at IS NULL AND {text_filter}"
        " ORDER BY updated_at DESC, cid DESC, position LIMIT ?",
        (*title_params, *text_params, limit),
    )
    return [
        SearchHit(cid, mid, title, *snippet(body, terms), updated_at)
        for cid, mid, title, body, updated_at, _position in rows
    ]


def _term_filter(terms: list[str], fts: str, rowid: str, column: str) -> tuple[str, list[str]]:
    """SQL that requires every term: the trigram index for long ones, a scan for short ones."""
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    clauses, params = [], []
    if long_terms:
        # Each term a quoted phrase: FTS5 syntax (", *, (, AND, NEAR) in it is literal.
        clauses.append(f"{rowid} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)")
        params.append(" ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in terms:
        if len(term) < TRIGRAM:
            # SQLite's lower() folds ASCII only, like the brief: enough for "AI" vs "ai".
            clauses.append(f"instr(lower({column}), lower(?)) > 0")
            params.append(term)
    return " AND ".join(clauses), params


def snippet(text: str, terms: list[str]) -> tuple[str, int, int]:
    """An excerpt of `text` around the first match of any term: (snippet, start, length).

    Whitespace runs become one space so the excerpt fits on one line; "…" marks
    text cut off at either end.
    """
    found = [m for t in terms if (m := re.search(re.escape(t), text, re.IGNORECASE))]
    if not found:  # cannot happen for a real hit; show the start, unmarked
        return _squash(text[:SNIPPET_CHARS]).strip(), 0, 0
    first = min(found, key=lambda m: m.start())
    start = max(0, min(first.start() - SNIPPET_LEAD, len(text) - SNIPPET_CHARS))
    end = min(len(text), max(start + SNIPPET_CHARS, first.end()))
    before = ("…" if start else "") + _squash(text[start : first.start()]).lstrip()
    after = _squash(text[first.end() : end]).rstrip() + ("…" if end < len(text) else "")
    return before + first.group() + after, len(before), len(first.group())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)
