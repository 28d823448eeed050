"""Write tiny random-weight llama GGUFs (a few hundred KB) for fast real-engine tests."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np

N_EMBD, N_FF, N_HEAD, N_HEAD_KV, N_LAYER, N_CTX = 64, 128, 4, 2, 2, 256
WORDS = ["▁", "▁Hello", "▁world", "▁yes", "▁no", "▁the", "▁a", "yes", "no", "▁안녕", "하세요",
         *[chr(c) for c in range(ord("a"), ord("z") + 1)]]


def vocab() -> tuple[list[str], list[float], list[int]]:
    """SentencePiece-style vocab: specials, the 256 byte tokens, a few words."""
    tokens = ["<unk>", "<s>", "</s>", *[f"<0x{b:02X}>" for b in range(256)], *WORDS]
    types = [2, 3, 3, *[6] * 256, *[1] * len(WORDS)]
    scores = [0.0, 0.0, 0.0, *[0.0] * 256, *[-float(i) for i in range(len(WORDS))]]
    return tokens, scores, types


def write_tiny_llama(path: Path, chat_template: str | None = None, seed: int = 0) -> Path:
    """A 2-layer llama with random weights; loads and runs in llama.cpp in milliseconds."""
    rng = np.random.default_rng(seed)
    tokens, scores, types = vocab()
    n_vocab, n_embd_kv = len(tokens), N_EMBD // N_HEAD * N_HEAD_KV
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("tiny-random-llama")
    w.add_context_length(N_CTX)
    w.add_embedding_length(N_EMBD)
    w.add_block_count(N_LAYER)
    w.add_feed_forward_length(N_FF)
    w.add_head_count(N_HEAD)
    w.add_head_count_kv(N_HEAD_KV)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_rope_dimension_count(N_EMBD // N_HEAD)
    w.add_file_type(0)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_scores(scores)
    w.add_token_types(types)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_unk_token_id(0)
    if chat_template is not None:
        w.add_chat_template(chat_template)

    def t(name: str, *shape: int) -> None:
        w.add_tensor(name, (rng.standard_normal(shape) * 0.05).astype(np.float32))

    t("token_embd.weight", n_vocab, N_EMBD)
    w.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    t("output.weight", n_vocab, N_EMBD)
    for i in range(N_LAYER):
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        w.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        t(f"blk.{i}.attn_q.weight", N_EMBD, N_EMBD)
        t(f"blk.{i}.attn_k.weight", n_embd_kv, N_EMBD)
        t(f"blk.{i}.attn_v.weight", n_embd_kv, N_EMBD)
        t(f"blk.{i}.attn_output.weight", N_EMBD, N_EMBD)
        t(f"blk.{i}.ffn_gate.weight", N_FF, N_EMBD)
        t(f"blk.{i}.ffn_up.weight", N_FF, N_EMBD)
        t(f"blk.{i}.ffn_down.weight", N_EMBD, N_FF)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path
