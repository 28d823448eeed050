"""Full-text terms and queries, checked against a real SQLite FTS5 table."""

import sqlite3

import pytest

from desktop.core.lexical import MAX_QUERY_TERMS, index_terms, match_expression


@pytest.fixture
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(terms, tokenize='unicode61 remove_diacritics 0')")
    yield conn
    conn.close()


def fill(conn, *texts):
    conn.executemany("INSERT INTO t (rowid, terms) VALUES (?, ?)",
                     [(i, index_terms(text)) for i, text in enumerate(texts, start=1)])


def search(conn, query):
    """Row ids matching `query`, best bm25 first."""
    match = match_expression(query)
    if match is None:
        return []
    rows = conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t)", (match,))
    return [rowid for (rowid,) in rows]


def fts_tokens(conn, terms):
    """How FTS5's unicode61 tokenizer cuts `terms` (through an fts5vocab table)."""
    conn.execute("DELETE FROM t")
    conn.execute("INSERT INTO t (terms) VALUES (?)", (terms,))
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS v USING fts5vocab(t, 'instance')")
    return [term for (term,) in conn.execute("SELECT term FROM v ORDER BY offset")]


def test_korean_becomes_bigrams():
    assert index_terms("계약서를 검토했다") == "계약 약서 서를 검토 토했 했다"
    assert index_terms("책") == "책"


def test_words_are_folded_and_split_at_scripts():
    assert index_terms("GPT모델") == "gpt 모델"
    assert index_terms("COVID19, covid-19") == "covid19 covid 19"
    assert index_terms("Ｆｕｌｌ ＷＩＤＴＨ") == "full width"  # NFKC
    assert index_terms("Straße") == index_terms("STRASSE")  # casefold
    assert index_terms("...!? \n") == ""


def test_nfd_korean_matches_nfc():
    import unicodedata

    text = "보증기간"
    assert index_terms(unicodedata.normalize("NFD", text)) == index_terms(text)


@pytest.mark.parametrize("text", [
    "계약서를 검토했다", "GPT모델 covid19", "東京タワー・スカイツリー", "보증기간은 2년입니다",
    "ﾊﾝｶｸ カタカナ", "Ελληνικά кириллица", "ㄱㄴㄷ 한글", "mixed漢字かなカナ한글abc123",
])
def test_fts5_keeps_every_term_whole(fts, text):
    terms = index_terms(text)
    assert fts_tokens(fts, terms) == terms.split()


def test_korean_noun_inside_an_eojeol_is_found(fts):
    fill(fts, "보증기간은 2년입니다", "계약서를 제출하세요", "기간 한정 판매")
    assert search(fts, "보증기간") == [1]
    assert search(fts, "계약서") == [2]


def test_particle_in_the_query_still_finds_the_noun(fts):
    fill(fts, "계약서는 3부 작성합니다", "다른 문서")
    assert search(fts, "계약서를 언제 내나요?") == [1]


def test_single_korean_character_is_a_prefix(fts):
    fill(fts, "책을 읽었다", "이 책", "다른 문장")
    assert sorted(search(fts, "책")) == [1, 2]


def test_english_prefix(fts):
    fill(fts, "The contracts were signed.", "A contractor came.", "Nothing here.")
    assert sorted(search(fts, "contract")) == [1, 2]
    assert search(fts, "Contracts") == [1]


def test_short_words_match_exactly(fts):
    fill(fts, "AI models", "AIR quality")
    assert search(fts, "ai") == [1]


def test_mixed_scripts(fts):
    fill(fts, "GPT모델을 설치합니다", "모델 목록", "GPT only")
    assert search(fts, "GPT모델")[0] == 1
    assert set(search(fts, "GPT모델")) == {1, 2, 3}


def test_more_matched_terms_rank_higher(fts):
    fill(fts, "warranty only", "warranty period battery", "battery only", "unrelated text")
    results = search(fts, "warranty period battery")
    assert results[0] == 2 and set(results) == {1, 2, 3}
    fill_more = ["보증 기간 배터리", "보증 안내"]
    fts.executemany("INSERT INTO t (rowid, terms) VALUES (?, ?)",
                    [(10 + i, index_terms(t)) for i, t in enumerate(fill_more)])
    assert search(fts, "보증 기간 배터리")[0] == 10


def test_common_english_words_are_left_out_when_others_remain(fts):
    fill(fts, "the cat sat", "a warranty card")
    assert search(fts, "what is the warranty") == [2]
    assert search(fts, "the") == [1]  # a query of only common words keeps them


@pytest.mark.parametrize("query", [
    '"', '""', "'", "AND", "OR", "NOT", "a AND", "NEAR(", "NEAR(a b", "*", "-", ":", "terms:x",
    "^start", "(", ")", "{a b}", "+", "emoji 😀 only", "😀", "!!!", "", "   ", "a\"b", "x*",
    "계약\"서", "col:계약", "\x00", "NEAR", "AND OR NOT",
])
def test_hostile_queries_are_never_syntax(fts, query):
    fill(fts, "and or not near terms start emoji only 계약서 a b x")
    match = match_expression(query)
    if match is not None:
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,)).fetchall()


def test_no_terms_gives_none():
    assert match_expression("") is None
    assert match_expression("?! ... 😀") is None


def test_every_term_is_quoted():
    match = match_expression('AND "x" NEAR(y) 계약서 책')
    for part in match.split(" OR "):
        assert part.startswith('"') and part.rstrip("*").endswith('"')


def test_query_size_is_bounded():
    match = match_expression(" ".join(f"word{i}" for i in range(500)))
    assert match.count(" OR ") == MAX_QUERY_TERMS - 1
