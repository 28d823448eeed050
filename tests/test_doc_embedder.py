"""Dense vectors through the real stack: a GGUF in its own engine process
(the starter model stands in for an embedding model: llama.cpp mean-pools it)."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.backends import doc_indexer, doc_search
from desktop.backends.doc_embedder import Embedder
from desktop.backends.doc_index import DocIndex
from desktop.backends.doc_readers import read_document
from tests import doc_fixtures as fx

pytestmark = pytest.mark.slow


@pytest.fixture
def embedder(starter_model):
    made = Embedder(str(starter_model))
    yield made
    made.close()


def test_vectors_are_normalized_rows_in_their_own_process(embedder):
    vectors = embedder.embed(["The warranty is 24 months.", "보증기간은 2년입니다.", "Bananas."])
    assert vectors.dtype == np.float32 and vectors.shape[0] == 3 and vectors.shape[1] > 100
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert not np.allclose(vectors[0], vectors[2])
    assert embedder.model_id == "SmolLM2-135M-Instruct-Q4_1.gguf"
    query = embedder.embed_query("warranty")
    assert query.shape == (vectors.shape[1],)


def test_indexed_chunks_are_embedded_once_and_search_becomes_hybrid(embedder, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    fx.write_markdown(folder / "warranty.md", "# Warranty\n\nThe warranty lasts 24 months.\n")
    fx.write_text(folder / "보증.txt", "보증기간은 2년입니다.\n\n영수증을 보관하세요.\n")
    with DocIndex(tmp_path / "documents.sqlite3") as index:
        doc_indexer.index_paths(index, "c", [str(folder)], extract=read_document)
        done = doc_indexer.embed_pending(index, "c", embed=embedder.embed,
                                         model=embedder.model_id)
        chunks = sum(f.chunks for f in index.files("c"))
        assert chunks >= 2 and done == chunks
        assert index.vector_count(index.collection("c").id, embedder.model_id) == chunks
        assert doc_indexer.embed_pending(index, "c", embed=embedder.embed,
                                         model=embedder.model_id) == 0
        hits = doc_search.search(index, ["c"], "How long is the warranty?",
                                 embed_query=embedder.embed_query, model=embedder.model_id)
        assert hits[0].chunk.path.endswith("warranty.md")
        assert all(hit.dense_rank is not None for hit in hits)  # every chunk has a vector
        assert hits[0].lexical_rank == 1  # "warranty" matched as a word too
