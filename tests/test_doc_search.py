"""Hybrid search: Korean and English lexical matches, fusion with vectors, relevance."""

import os

import numpy as np
import pytest

from desktop.backends.doc_index import DocIndex
from desktop.backends.doc_indexer import embed_pending, index_paths
from desktop.backends.doc_search import is_relevant, search
from desktop.core.doc_records import ChunkHit, SearchHit
from desktop.core.documents import PartKind
from tests.test_doc_indexer import Reader, fake_embed

FILES = {
    "contract.txt": "계약서를 검토한 결과 납품 기한은 다음 달 말일이다.",
    "tokenizer.md": "# Tokenizers\n\nTokenization splits text into subword units.",
    "travel.txt": "Travel expenses need a receipt and the manager's approval.",
    "seoul.txt": "서울에서 열린 회의에서 예산안이 통과되었다.",
    "budget.txt": "The budget for travel was cut by ten percent this year.",
}


@pytest.fixture
def index(tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    with DocIndex(tmp_path / "documents.sqlite3") as opened:
        index_paths(opened, "docs", [str(root)], extract=Reader())
        yield opened


def names(hits):
    return [os.path.basename(hit.chunk.path) for hit in hits]


def query_embedder(calls):
    def embed_query(text):
        calls.append(text)
        return fake_embed([text])[0]

    return embed_query


def test_a_korean_noun_is_found_inside_its_eojeol(index):
    hits = search(index, ["docs"], "계약서")
    assert names(hits) == ["contract.txt"]
    assert hits[0].lexical_rank == 1 and hits[0].bm25 < 0
    assert (hits[0].dense_rank, hits[0].similarity) == (None, None)
    assert names(search(index, ["docs"], "서울")) == ["seoul.txt"]


def test_an_english_prefix_is_found(index):
    assert names(search(index, ["docs"], "tokeniz")) == ["tokenizer.md"]
    assert set(names(search(index, ["docs"], "travel"))) == {"travel.txt", "budget.txt"}


def test_k_is_respected(index):
    assert len(search(index, ["docs"], "travel budget receipt", k=1)) == 1
    assert search(index, ["docs"], "travel", k=0) == []


def test_unknown_collections_are_skipped(index):
    assert search(index, ["nope"], "travel") == []
    assert names(search(index, ["nope", "docs"], "계약서")) == ["contract.txt"]
    assert search(index, ["docs"], "   ") == []


def test_hybrid_fuses_both_rankings(index):
    calls = []
    embed_query = query_embedder(calls)
    # No vectors yet: the query is not embedded for nothing.
    lexical_only = search(index, ["docs"], "travel", embed_query=embed_query, model="fake")
    assert calls == [] and all(hit.dense_rank is None for hit in lexical_only)

    embed_pending(index, "docs", embed=fake_embed, model="fake")
    hits = search(index, ["docs"], "travel receipt", embed_query=embed_query, model="fake",
                  k=5)
    assert calls == ["travel receipt"]
    assert names(hits)[0] == "travel.txt"  # first in both rankings
    top = hits[0]
    assert (top.lexical_rank, top.dense_rank) == (1, 1)
    assert top.similarity > 0.3 and top.bm25 < 0
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert len(hits) == len(FILES)  # dense search ranks every chunk
    assert any(hit.lexical_rank is None and hit.dense_rank is not None for hit in hits)


def test_dense_alone_finds_what_words_miss(index):
    embed_pending(index, "docs", embed=fake_embed, model="fake")
    # A query with no word in common whose meaning (here: its vector) is seoul.txt's.
    seoul = fake_embed([FILES["seoul.txt"]])[0]
    hits = search(index, ["docs"], "qqqq", embed_query=lambda _: seoul, model="fake", k=2)
    assert names(hits)[0] == "seoul.txt"
    assert (hits[0].lexical_rank, hits[0].dense_rank) == (None, 1)
    assert hits[0].similarity == pytest.approx(1.0) and is_relevant(hits[0])


def hit(lexical_rank=None, similarity=None):
    chunk = ChunkHit(1, 1, "/a.txt", PartKind.WHOLE, 1, 0, 1, "", "a")
    return SearchHit(chunk, 0.01, lexical_rank, -1.0 if lexical_rank else None,
                     1 if similarity is not None else None, similarity)


def test_is_relevant():
    assert is_relevant(hit(lexical_rank=3))
    assert is_relevant(hit(similarity=0.62))
    assert not is_relevant(hit(similarity=0.31))
    assert is_relevant(hit(similarity=0.31), min_similarity=0.3)
    assert not is_relevant(hit())
    assert np.isclose(hit(similarity=0.5).similarity, 0.5) and is_relevant(hit(similarity=0.5))
