import struct
import time

import pytest

from desktop.backends.gguf_info import GGML_BLOCKS, read_gguf_info
from desktop.core.errors import EngineError, ErrorKind
from tests.tiny_gguf import N_CTX, N_LAYER, write_tiny_llama


def header(n_tensors=0, n_kv=1, version=3):
    return b"GGUF" + struct.pack("<IQQ", version, n_tensors, n_kv)


def gguf_string(s: bytes) -> bytes:
    return struct.pack("<Q", len(s)) + s


def kind_of(path):
    with pytest.raises(EngineError) as info:
        read_gguf_info(path)
    return info.value.kind


def test_reads_what_the_tiny_model_declares(tiny_chatml_gguf):
    info = read_gguf_info(tiny_chatml_gguf)
    assert info.architecture == "llama"
    assert info.context_length == N_CTX
    assert info.block_count == N_LAYER
    assert info.quantization == "F32"
    assert "<|im_start|>" in info.chat_template
    assert info.metadata["tokenizer.ggml.tokens"].count > 256


def test_reads_the_starter_model(starter_model):
    info = read_gguf_info(starter_model)
    assert (info.architecture, info.quantization, info.block_count) == ("llama", "Q4_1", 30)
    assert info.context_length == 8192
    assert info.kv_cache_bytes(4096) == 2 * 30 * 3 * 64 * 2 * 4096


def test_every_truncation_point_is_reported_as_truncated(tiny_gguf, tmp_path):
    data = tiny_gguf.read_bytes()
    cuts = sorted({24, 30, 100, 1000, 3000, len(data) // 2, len(data) - 1})
    for cut in cuts:
        part = tmp_path / f"cut{cut}.gguf"
        part.write_bytes(data[:cut])
        assert kind_of(part) == ErrorKind.TRUNCATED_GGUF, cut


def test_not_gguf_and_missing(tmp_path):
    text = tmp_path / "notes.gguf"
    text.write_text("this is a text file, not a model, long enough to read a header")
    assert kind_of(text) == ErrorKind.NOT_GGUF
    assert kind_of(tmp_path / "absent.gguf") == ErrorKind.MODEL_NOT_FOUND


def test_unsupported_version(tmp_path):
    path = tmp_path / "v1.gguf"
    path.write_bytes(header(version=1) + b"\0" * 64)
    assert kind_of(path) == ErrorKind.UNSUPPORTED_GGUF


def test_hostile_counts_fail_fast_without_allocating(tmp_path):
    huge_array = header() + gguf_string(b"evil") + struct.pack("<IIQ", 9, 4, 2**63)
    huge_string = header() + gguf_string(b"evil") + struct.pack("<IQ", 8, 2**62)
    huge_kv = b"GGUF" + struct.pack("<IQQ", 3, 0, 2**60)
    for i, data in enumerate((huge_array, huge_string, huge_kv)):
        path = tmp_path / f"hostile{i}.gguf"
        path.write_bytes(data + b"\0" * 32)
        started = time.process_time()
        assert kind_of(path) == ErrorKind.TRUNCATED_GGUF
        assert time.process_time() - started < 1.0


def test_block_table_matches_gguf_package():
    import gguf

    for ggml_type, (block, size) in GGML_BLOCKS.items():
        assert gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType(ggml_type)] == (block, size)


def test_tiny_factory_is_deterministic(tmp_path):
    a = write_tiny_llama(tmp_path / "a.gguf", seed=3).read_bytes()
    b = write_tiny_llama(tmp_path / "b.gguf", seed=3).read_bytes()
    assert a == b
