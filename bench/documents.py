"""Documents: indexing rate, query latency at 1k/10k/100k chunks, retrieval quality.

    .venv/bin/python bench/documents.py [--rounds 3] [--embed-seconds 60]
                                        [--sizes 1000,10000,100000] [--misses]

1. Indexing a made-up corpus of PDF, DOCX, PPTX, HWPX, Markdown and text files
   (tests/doc_fixtures writers), interleaved rounds: read_document in-process
   (baseline: parsing only), the same reads through the Extractor child, and
   index_paths (child + chunking + SQLite/FTS5). Then a re-run with nothing
   changed, one with every mtime touched (sha256 decides), and embed_pending
   with the starter model for --embed-seconds.
2. Query latency of doc_search.search on synthetic collections (mixed Korean and
   English text from a Zipf vocabulary, random 1024-dim vectors): lexical only
   and hybrid with a fixed query vector (the index is timed, not the model).
3. Retrieval quality on bench/data/doc_questions.json: Maru lexical, an FTS5
   baseline tokenized the GPT4All way, the starter model's vectors alone, and
   Maru hybrid. The starter model is a chat model standing in for an embedding
   model (llama.cpp mean-pools it): its dense figures are cost, not quality.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import MODEL, machine, print_table
from desktop.backends import doc_indexer, doc_search
from desktop.backends.doc_index import DocIndex, embed_text
from desktop.backends.doc_readers import read_document
from desktop.core.documents import Chunk, DocFormat, DocPart, ExtractedDocument, PartKind
from desktop.core.lexical import match_expression
from tests import doc_fixtures as fx

QUESTIONS = Path(__file__).resolve().parent / "data" / "doc_questions.json"
DIMS = 1024  # bge-m3's size
SYNTHETIC_MODEL = "synthetic-1024"

# ---- a made-up vocabulary with a Zipf distribution ------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


EN_COMMON = _words(
    "report project system data customer market price service contract quality budget team "
    "meeting schedule product design sales revenue policy account payment delivery order "
    "warranty support network server software update security access user password device "
    "battery screen power energy cost water building office room floor window door travel "
    "flight hotel ticket train station city river garden plant tree seed soil recipe flour "
    "salt sugar oven bread kitchen doctor patient medicine tablet dose health insurance claim "
    "bank loan interest rate deposit tax salary employee manager director board member vote "
    "school student teacher class exam course library book paper letter email phone message "
    "car engine fuel road bridge traffic weather storm winter summer spring autumn morning "
    "evening week month year quarter annual review risk issue change request approval notice"
)
KO_COMMON = _words(
    "계약 보증 회의 일정 고객 제품 가격 서비스 품질 예산 담당자 시장 매출 정책 결제 배송 주문 "
    "보안 접속 사용자 비밀번호 장치 배터리 화면 전력 에너지 비용 건물 사무실 창문 여행 항공 "
    "호텔 기차 역 도시 강 정원 식물 나무 씨앗 요리 밀가루 소금 설탕 오븐 주방 의사 환자 약 "
    "복용 건강 보험 청구 은행 대출 이자 금리 예금 세금 급여 직원 관리자 이사회 투표 학교 "
    "학생 선생님 수업 시험 도서관 편지 전화 자동차 연료 도로 교통 날씨 겨울 여름 봄 가을 "
    "아침 저녁 주간 분기 연간 검토 위험 문제 변경 요청 승인 공지 안내 신청 기간 규정 조건"
)
KO_PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "과", "도", "")
KO_ENDINGS = ("한다", "했다", "합니다", "된다", "있다", "없습니다", "하였다", "할 수 있다")
EN_STOP = frozenset(_words("a an and are as at be by for in is it of on or the to with"))
_KO_INITIALS = (0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18)
_KO_VOWELS = (0, 1, 4, 5, 8, 13, 18, 20, 6, 12, 17)
_KO_FINALS = (0, 0, 0, 0, 4, 8, 16, 17, 21, 1)


class Vocab:
    """English and Korean words (real common ones first, then made-up ones) drawn with
    Zipf's law, so that FTS posting lists are long for a few terms and short for most."""

    def __init__(self, seed: int, size: int = 30_000) -> None:
        self.rng = np.random.default_rng(seed)
        rnd = random.Random(seed)
        self.en = _fill(list(EN_COMMON), size, lambda: _pseudo_english(rnd))
        self.ko = _fill(list(KO_COMMON), size, lambda: _pseudo_korean(rnd))
        weights = 1.0 / (np.arange(size) + 2.7) ** 1.07
        self.p = weights / weights.sum()

    def words(self, lang: str, n: int) -> list[str]:
        table = self.en if lang == "en" else self.ko
        return [table[i] for i in self.rng.choice(len(table), size=n, p=self.p)]

    def text(self, lang: str, n: int) -> str:
        """About `n` words as sentences of 6-14 words."""
        words, out, i = self.words(lang, n), [], 0
        sizes = iter(self.rng.integers(6, 15, size=n).tolist())
        if lang == "ko":
            cut = self.rng.integers(len(KO_PARTICLES), size=n).tolist()
            words = [w + KO_PARTICLES[c] for w, c in zip(words, cut, strict=True)]
        while i < len(words):
            size = next(sizes)
            sentence = " ".join(words[i:i + size])
            i += size
            if lang == "en":
                out.append(sentence.capitalize() + ".")
            else:
                out.append(f"{sentence} {KO_ENDINGS[size % len(KO_ENDINGS)]}.")
        return " ".join(out)

    def query(self, lang: str) -> str:
        """Two or three words: one common, one mid-frequency, sometimes one rare."""
        table = self.en if lang == "en" else self.ko
        picks = [table[int(self.rng.integers(0, 60))], table[int(self.rng.integers(60, 2000))]]
        if self.rng.random() < 0.5:
            picks.append(table[int(self.rng.integers(2000, len(table)))])
        if lang == "ko":
            picks = [w + KO_PARTICLES[int(self.rng.integers(len(KO_PARTICLES)))] for w in picks]
        return " ".join(picks)


def _fill(words: list[str], size: int, make: Callable[[], str]) -> list[str]:
    seen = set(words) | EN_STOP
    while len(words) < size:
        word = make()
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _pseudo_english(rnd: random.Random) -> str:
    return "".join(rnd.choice("bcdfghklmnprstvz") + rnd.choice("aeiouy")
                   for _ in range(rnd.randint(2, 4))) + rnd.choice(("", "n", "s", "r", "t"))


def _pseudo_korean(rnd: random.Random) -> str:
    return "".join(
        chr(0xAC00 + (rnd.choice(_KO_INITIALS) * 21 + rnd.choice(_KO_VOWELS)) * 28
            + rnd.choice(_KO_FINALS))
        for _ in range(rnd.randint(2, 3))
    )


# ---- 1. indexing ----------------------------------------------------------------------------

def write_corpus(folder: Path, vocab: Vocab) -> None:
    """70 files, about 340 parts: 20 PDFs x 10 pages (English: fpdf2's core font),
    10 DOCX, 10 PPTX x 8 slides, 10 HWPX x 3 sections, 10 Markdown and 10 text files."""
    folder.mkdir(parents=True)
    for i in range(20):
        pages = ["\n\n".join(vocab.text("en", 75) for _ in range(3)) for _ in range(10)]
        fx.write_pdf(folder / f"report-{i:02d}.pdf", pages, title=f"Report {i}")
    for i in range(10):
        lang = "ko" if i % 2 else "en"
        blocks = [("h1", vocab.text(lang, 4))]
        for _ in range(4):
            blocks += [("h2", vocab.text(lang, 3))] + [("p", vocab.text(lang, 80)) for _ in "abc"]
        fx.write_docx(folder / f"memo-{i:02d}.docx", blocks)
        slides = [(vocab.text(lang, 4), [vocab.text(lang, 12) for _ in range(4)])
                  for _ in range(8)]
        fx.write_pptx(folder / f"deck-{i:02d}.pptx", slides)
        sections = [[vocab.text("ko", 40) for _ in range(6)] for _ in range(3)]
        fx.write_hwpx(folder / f"공문-{i:02d}.hwpx", sections, title=f"공문 {i}")
        body = "\n\n".join(f"## {vocab.text(lang, 3)}\n\n{vocab.text(lang, 150)}"
                           for _ in range(4))
        fx.write_markdown(folder / f"notes-{i:02d}.md", f"# {vocab.text(lang, 4)}\n\n{body}\n")
        text = "\n\n".join(vocab.text("en" if lang == "ko" else "ko", 120) for _ in range(5))
        fx.write_text(folder / f"메모-{i:02d}.txt", text + "\n")


def bench_indexing(work: Path, vocab: Vocab, rounds: int, embedder: object,
                   embed_seconds: float) -> dict:
    from desktop.backends.doc_extract import Extractor

    folder = work / "corpus"
    write_corpus(folder, vocab)
    files = [str(p) for p in doc_indexer.scan([folder])]
    times: dict[str, list[float]] = {"inproc": [], "child": [], "index": []}
    with Extractor() as extractor:
        for path in files:  # warm-up: imports, PDFium, the child process, the page cache
            read_document(path)
            extractor.extract(path)

        def run(mode: str, r: int) -> None:
            started = time.perf_counter()
            if mode == "index":
                with DocIndex(work / f"index-{r}.sqlite3") as index:
                    started = time.perf_counter()
                    doc_indexer.index_paths(index, "bench", [str(folder)],
                                            extract=extractor.extract)
            else:
                read = read_document if mode == "inproc" else extractor.extract
                for path in files:
                    read(path)
            times[mode].append(time.perf_counter() - started)

        modes = list(times)
        for r in range(rounds):  # interleaved, the order rotated each round
            for k in range(len(modes)):
                run(modes[(k + r) % len(modes)], r)
        last = work / f"index-{rounds - 1}.sqlite3"
        with DocIndex(last) as index:
            records = index.files("bench")
            started = time.perf_counter()
            doc_indexer.index_paths(index, "bench", [str(folder)], extract=extractor.extract)
            unchanged = time.perf_counter() - started
            for path in files:
                stat = os.stat(path)
                os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
            started = time.perf_counter()
            doc_indexer.index_paths(index, "bench", [str(folder)], extract=extractor.extract)
            touched = time.perf_counter() - started
    assert all(r.state.value == "done" for r in records), [r for r in records if r.detail]
    with DocIndex(last) as index:
        cancel = threading.Event()
        started = time.perf_counter()

        def stop_after_budget(done: int, total: int) -> None:
            if time.perf_counter() - started > embed_seconds:
                cancel.set()

        embedded = doc_indexer.embed_pending(index, "bench", embed=embedder.embed,
                                             model=embedder.model_id, cancel=cancel,
                                             on_progress=stop_after_budget)
        embed_s = time.perf_counter() - started
    return {
        "files": len(files), "parts": sum(r.parts for r in records),
        "chunks": sum(r.chunks for r in records),
        "mb": sum(os.path.getsize(p) for p in files) / 1e6,
        "times": {k: statistics.median(v) for k, v in times.items()}, "rounds": times,
        "unchanged": unchanged, "touched": touched, "embedded": embedded, "embed_s": embed_s,
    }


def report_indexing(res: dict, rounds: int) -> None:
    t = res["times"]
    print(f"## 1. Indexing ({res['files']} files, {res['mb']:.1f} MB, {res['parts']} parts, "
          f"{res['chunks']} chunks), median of {rounds} interleaved rounds\n")

    def row(name: str, s: float, base: float) -> list[object]:
        return [name, f"{s:.3f}", f"{res['files'] / s:,.0f}", f"{res['parts'] / s:,.0f}",
                f"{s / base:.3f}"]

    print_table(["path", "s", "files/s", "parts/s", "ratio"], [
        row("read_document in-process (baseline)", t["inproc"], t["inproc"]),
        row("read through the Extractor child", t["child"], t["inproc"]),
        row("index_paths, lexical (child + chunks + SQLite)", t["index"], t["inproc"]),
        row("re-run, nothing changed (vs index_paths)", res["unchanged"], t["index"]),
        row("re-run, every mtime touched (vs index_paths)", res["touched"], t["index"]),
    ])
    rate = res["embedded"] / res["embed_s"]
    total = t["index"] + res["chunks"] / rate
    print(f"\nembed_pending, starter model (batch 16): {res['embedded']} chunks in "
          f"{res['embed_s']:.1f} s = {rate:.2f} chunks/s; all {res['chunks']} chunks would take "
          f"{res['chunks'] / rate:.0f} s, so indexing with embeddings runs at about "
          f"{res['parts'] / total:.2f} parts/s ({res['files'] / total:.2f} files/s).")
    print("rounds (s): " + "; ".join(
        f"{k} " + " ".join(f"{v:.2f}" for v in vs) for k, vs in res["rounds"].items()) + "\n")


# ---- 2. query latency -----------------------------------------------------------------------

def build_synthetic(path: Path, n_chunks: int, vocab: Vocab, rng: np.random.Generator
                    ) -> float:
    """A collection of `n_chunks` chunks (100 per file, half Korean, half English) with a
    random unit vector each; returns the seconds it took."""
    started = time.perf_counter()
    with DocIndex(path) as index:
        collection = index.create_collection("bench")
        for f in range(math.ceil(n_chunks / 100)):
            count = min(100, n_chunks - f * 100)
            texts = [vocab.text("ko", 90) if i % 2 else vocab.text("en", 180)
                     for i in range(count)]
            doc = ExtractedDocument(DocFormat.TEXT, PartKind.PAGE,
                                    tuple(DocPart(i + 1, t) for i, t in enumerate(texts)))
            chunks = [Chunk(i + 1, 0, len(t), t) for i, t in enumerate(texts)]
            index.store_file("bench", f"/synthetic/{f:05d}.pdf", 1, 1, f"{f:064x}", doc, chunks)
        ids = index.pending_vectors(collection.id, SYNTHETIC_MODEL)
        for begin in range(0, len(ids), 2000):
            batch = ids[begin:begin + 2000]
            vecs = rng.standard_normal((len(batch), DIMS), dtype=np.float32)
            index.put_vectors(SYNTHETIC_MODEL, list(zip(batch, vecs, strict=True)))
    return time.perf_counter() - started


def bench_latency(work: Path, vocab: Vocab, sizes: list[int], n_queries: int) -> list[dict]:
    rng = np.random.default_rng(7)
    queries = [vocab.query("ko" if i % 2 else "en") for i in range(n_queries)]
    results = []
    for size in sizes:
        path = work / f"synthetic-{size}.sqlite3"
        build_s = build_synthetic(path, size, vocab, rng)
        qvec = rng.standard_normal(DIMS).astype(np.float32)
        with DocIndex(path) as index:  # a fresh connection: no cached matrix yet
            started = time.perf_counter()
            _hybrid(index, queries[0], qvec)
            cold = time.perf_counter() - started
            cid = index.collection("bench").id
            lex, hyb, dense, fts = [], [], [], []
            raw = sqlite3.connect(path)  # FTS5 alone, without DocIndex.lexical()'s joins
            for query in queries:  # interleaved
                started = time.perf_counter()
                raw.execute("SELECT rowid, bm25(chunks_fts) AS s FROM chunks_fts WHERE chunks_fts"
                            " MATCH ? ORDER BY s LIMIT 50", (match_expression(query),)).fetchall()
                fts.append(time.perf_counter() - started)
                started = time.perf_counter()
                doc_search.search(index, ["bench"], query)
                lex.append(time.perf_counter() - started)
                started = time.perf_counter()
                _hybrid(index, query, qvec)
                hyb.append(time.perf_counter() - started)
                started = time.perf_counter()
                index.dense([cid], SYNTHETIC_MODEL, qvec, 50)
                dense.append(time.perf_counter() - started)
            raw.close()
        results.append({"size": size, "build_s": build_s, "cold": cold, "lex": lex,
                        "hyb": hyb, "dense": dense, "fts": fts, "mb": path.stat().st_size / 1e6})
        path.unlink()
    return results


def _hybrid(index: DocIndex, query: str, qvec: np.ndarray) -> list:
    return doc_search.search(index, ["bench"], query, embed_query=lambda _: qvec,
                             model=SYNTHETIC_MODEL)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report_latency(results: list[dict], n_queries: int, query_embed: list[float]) -> None:
    print(f"## 2. Query latency, {n_queries} queries (half Korean), warm, ms\n")
    rows = []
    for r in results:
        ms = {k: [v * 1000 for v in r[k]] for k in ("lex", "hyb", "dense", "fts")}
        rows.append([f"{r['size']:,}", f"{r['build_s']:.0f}", f"{r['mb']:.0f}",
                     f"{_pct(ms['lex'], .5):.1f} / {_pct(ms['lex'], .95):.1f}",
                     f"{_pct(ms['hyb'], .5):.1f} / {_pct(ms['hyb'], .95):.1f}",
                     f"{_pct(ms['fts'], .5):.1f}", f"{_pct(ms['dense'], .5):.1f}",
                     f"{_pct(ms['hyb'], .5) / _pct(ms['lex'], .5):.2f}",
                     f"{r['cold'] * 1000:.0f}"])
    print_table(["chunks", "build s", "DB MB", "lexical p50 / p95", "hybrid p50 / p95",
                 "FTS5 alone p50", "dense alone p50", "hybrid/lexical", "first hybrid (cold)"],
                rows)
    ms = [v * 1000 for v in query_embed]
    print(f"\nOne real query embedding with the starter model: p50 {_pct(ms, .5):.0f} ms, "
          f"p95 {_pct(ms, .95):.0f} ms ({len(ms)} questions).\n")


# ---- 3. retrieval quality -------------------------------------------------------------------

# GPT4All's LocalDocs (gpt4all-chat/src/database.cpp): an FTS5 table, tokenize='porter';
# the whole question as one phrase first, and if that finds nothing, its whitespace-cut
# words minus these stopwords, each quoted, joined by OR; ranked by bm25.
GPT4ALL_STOP = frozenset(_words(
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with"))


def gpt4all_search(conn: sqlite3.Connection, table: str, question: str, k: int) -> list[int]:
    words = question.replace('"', '""').split()
    quoted = [f'"{w}"' for w in words if w.lower() not in GPT4ALL_STOP]
    for match in ('"' + " ".join(words) + '"', "(" + " OR ".join(quoted) + ")"):
        try:
            rows = conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
                                f" ORDER BY bm25({table}) LIMIT ?", (match, k)).fetchall()
        except sqlite3.OperationalError:  # "()": nothing but stopwords
            rows = []
        if rows:
            return [row[0] for row in rows]
    return []


def write_quality_docs(folder: Path, documents: list[dict]) -> None:
    folder.mkdir(parents=True)
    for d in documents:
        path, title, paras = folder / f"{d['id']}.{d['format']}", d["title"], d["paragraphs"]
        if d["format"] == "md":
            fx.write_markdown(path, f"# {title}\n\n" + "\n\n".join(paras) + "\n")
        elif d["format"] == "txt":
            fx.write_text(path, title + "\n\n" + "\n\n".join(paras) + "\n")
        elif d["format"] == "docx":
            fx.write_docx(path, [("h1", title)] + [("p", p) for p in paras])
        elif d["format"] == "hwpx":
            fx.write_hwpx(path, [[title, *paras]], title=title)
        else:
            fx.write_pdf(path, ["\n\n".join([title, *paras])], title=title)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def bench_quality(work: Path, embedder: object) -> tuple[dict, list[float], int, list[str]]:
    data = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    folder = work / "quality"
    write_quality_docs(folder, data["documents"])
    questions = data["questions"]
    model = embedder.model_id
    with DocIndex(work / "quality.sqlite3") as index:
        doc_indexer.index_paths(index, "q", [str(folder)], extract=read_document)
        doc_indexer.embed_pending(index, "q", embed=embedder.embed, model=model)
        cid = index.collection("q").id
        chunks = index.chunks(index.pending_vectors(cid, "no such model"))  # every chunk
        doc_of = {c.chunk_id: Path(c.path).stem for c in chunks}
        text_of = {c.chunk_id: _squash(embed_text(c.heading, c.text)) for c in chunks}
        conn = sqlite3.connect(":memory:")
        for table, tokenizer in (("plain", "unicode61"), ("porter", "porter unicode61")):
            conn.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(text, tokenize='{tokenizer}')")
            conn.executemany(f"INSERT INTO {table} (rowid, text) VALUES (?, ?)",
                             [(c.chunk_id, embed_text(c.heading, c.text)) for c in chunks])
        qvecs, embed_times = {}, []
        for q in questions:
            started = time.perf_counter()
            qvecs[q["q"]] = embedder.embed_query(q["q"])
            embed_times.append(time.perf_counter() - started)
        retrievers: dict[str, Callable[[str], list[int]]] = {
            "FTS5 unicode61, GPT4All query (baseline)":
                lambda q: gpt4all_search(conn, "plain", q, 10),
            "FTS5 porter, GPT4All query (GPT4All's own)":
                lambda q: gpt4all_search(conn, "porter", q, 10),
            "Maru lexical (Korean bigrams)":
                lambda q: [h.chunk.chunk_id for h in doc_search.search(index, ["q"], q, k=10)],
            "starter model vectors alone (stand-in)":
                lambda q: [i for i, _ in index.dense([cid], model, qvecs[q], 10)],
            "Maru hybrid (starter model stand-in)":
                lambda q: [h.chunk.chunk_id for h in doc_search.search(
                    index, ["q"], q, k=10, embed_query=qvecs.__getitem__, model=model)],
        }
        scores, misses = {}, []
        for name, retrieve in retrievers.items():
            per = []
            for q in questions:
                ranked = retrieve(q["q"])
                rank = next((i for i, c in enumerate(ranked, 1) if doc_of[c] == q["doc"]), None)
                passage = any(doc_of[c] == q["doc"] and _squash(q["answer"]) in text_of[c]
                              for c in ranked[:5])
                per.append((q["lang"], rank, passage))
                if rank is None or rank > 5:
                    misses.append(f"{name}: {q['q']} -> "
                                  f"{[doc_of[c] for c in ranked[:5]]} (want {q['doc']})")
            scores[name] = per
        conn.close()
    return scores, embed_times, len(chunks), misses


def report_quality(scores: dict, n_chunks: int, n_questions: int) -> None:
    print(f"## 3. Retrieval quality: {n_questions} questions over 20 documents "
          f"({n_chunks} chunks)\n")

    def stats(per: list, lang: str | None) -> tuple[float, float, float]:
        chosen = [p for p in per if lang is None or p[0] == lang]
        recall = sum(1 for _, r, _ in chosen if r is not None and r <= 5) / len(chosen)
        mrr = sum(1 / r for _, r, _ in chosen if r is not None) / len(chosen)
        passage = sum(1 for _, _, ok in chosen if ok) / len(chosen)
        return recall, mrr, passage

    rows = []
    for name, per in scores.items():
        ko, en, both = stats(per, "ko"), stats(per, "en"), stats(per, None)
        rows.append([name, f"{ko[0]:.2f} / {ko[1]:.2f}", f"{en[0]:.2f} / {en[1]:.2f}",
                     f"{both[0]:.2f} / {both[1]:.2f}", f"{both[2]:.2f}"])
    print_table(["retriever", "Korean R@5 / MRR", "English R@5 / MRR", "all R@5 / MRR",
                 "passage@5"], rows)
    print("\nR@5: the right document among the top 5 chunks; MRR over the top 10; "
          "passage@5: a top-5 chunk holds the answer.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--embed-seconds", type=float, default=60.0)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--misses", action="store_true", help="list the questions missed")
    args = parser.parse_args()
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="maru-bench-docs-"))
    try:
        run_all(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nwhole bench: {time.perf_counter() - began:.0f} s")


def run_all(args: argparse.Namespace, work: Path) -> None:
    from desktop.backends.doc_embedder import Embedder

    vocab = Vocab(seed=20251123)
    embedder = Embedder(str(MODEL))
    try:
        started = time.perf_counter()
        embedder.embed(["warm-up"])  # starts the engine process and loads the model
        load_s = time.perf_counter() - started
        print(f"# Documents ({machine()}); embedder load {load_s:.1f} s\n")
        indexing = bench_indexing(work, vocab, args.rounds, embedder, args.embed_seconds)
        report_indexing(indexing, args.rounds)
        scores, embed_times, n_chunks, misses = bench_quality(work, embedder)
    finally:
        embedder.close()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    latency = bench_latency(work, vocab, sizes, args.queries)
    report_latency(latency, args.queries, embed_times)
    report_quality(scores, n_chunks, len(embed_times))
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
