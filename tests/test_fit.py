"""The fit estimate against hand-computed figures for three real architectures.

Shapes are the GGUF metadata of the published models (checked against their
config.json): Llama 3.2 3B, Qwen2.5 7B, Gemma 3 4B. Weights are round figures
of the size of a Q4 file. Every expected number is worked out in a comment.
"""

import re
import subprocess
import sys

import pytest

from desktop.backends.gguf_info import ArrayValue, read_gguf_info
from desktop.core.fit import (
    GPU_RESERVE_BYTES,
    FitKind,
    FitReason,
    Machine,
    ModelShape,
    compute_bytes,
    estimate_fit,
    kv_cache_bytes,
)

GiB, MiB = 1024**3, 1024**2

LLAMA_3_2_3B = {
    "general.architecture": "llama", "llama.block_count": 28, "llama.embedding_length": 3072,
    "llama.attention.head_count": 24, "llama.attention.head_count_kv": 8,
    "llama.context_length": 131072, "llama.feed_forward_length": 8192,
    "llama.vocab_size": 128256,
}
QWEN2_5_7B = {
    "general.architecture": "qwen2", "qwen2.block_count": 28, "qwen2.embedding_length": 3584,
    "qwen2.attention.head_count": 28, "qwen2.attention.head_count_kv": 4,
    "qwen2.context_length": 32768, "qwen2.feed_forward_length": 18944,
    "tokenizer.ggml.tokens": ArrayValue(8, 152064),  # no qwen2.vocab_size key: count tokens
}
GEMMA_3_4B = {
    "general.architecture": "gemma3", "gemma3.block_count": 34, "gemma3.embedding_length": 2560,
    "gemma3.attention.head_count": 8, "gemma3.attention.head_count_kv": 4,
    "gemma3.attention.key_length": 256, "gemma3.attention.value_length": 256,
    "gemma3.attention.sliding_window": 1024, "gemma3.context_length": 131072,
    "gemma3.feed_forward_length": 10240, "tokenizer.ggml.tokens": ArrayValue(8, 262208),
}


def machine(free_vram=None, free_ram=16 * GiB, total_ram=32 * GiB, gpu=True):
    return Machine(total_ram=total_ram, free_ram=free_ram, free_vram=free_vram, gpu_offload=gpu)


def test_shapes_read_from_metadata():
    llama = ModelShape.from_metadata(LLAMA_3_2_3B)
    assert (llama.n_layers, llama.n_head_kv, llama.key_length) == (28, 8, 128)
    assert llama.n_vocab == 128256
    qwen = ModelShape.from_metadata(QWEN2_5_7B)
    assert (qwen.key_length, qwen.n_vocab, qwen.n_ff) == (3584 // 28, 152064, 18944)
    gemma = ModelShape.from_metadata(GEMMA_3_4B)
    # head size 256 from key_length, not n_embd / n_head = 320
    assert (gemma.key_length, gemma.value_length, gemma.sliding_window) == (256, 256, 1024)


def test_kv_cache_bytes_by_hand():
    # Llama 3.2 3B: 28 layers * 8 kv heads * (128 + 128) * 2 B = 114688 B per cell
    assert kv_cache_bytes(ModelShape.from_metadata(LLAMA_3_2_3B), 4096) == 114688 * 4096
    # Qwen2.5 7B: 28 * 4 * (128 + 128) * 2 = 57344 B per cell; 8192 cells = 469762048
    assert kv_cache_bytes(ModelShape.from_metadata(QWEN2_5_7B), 8192) == 469_762_048
    # Gemma 3 4B: 34 * 4 * (256 + 256) * 2 = 139264 B per cell, every layer full size
    # (swa_full); 32768 cells = 4563402752
    assert kv_cache_bytes(ModelShape.from_metadata(GEMMA_3_4B), 32768) == 4_563_402_752


def test_context_is_padded_as_llama_cpp_does():
    llama = ModelShape.from_metadata(LLAMA_3_2_3B)
    assert kv_cache_bytes(llama, 1000) == 114688 * 1024  # 1000 -> 1024 cells
    assert kv_cache_bytes(llama, 1100) == 114688 * 1280
    assert estimate_fit(llama, GiB, 1000, machine()).n_ctx == 1024


def test_llama_3b_full_gpu_by_hand():
    shape = ModelShape.from_metadata(LLAMA_3_2_3B)
    # compute at 4096 cells, ubatch 512 (512 * 4 B = 2048 per f32 column):
    #   mask     4096 * 512 * 4                     =   8388608
    #   attention 2048 * (24 * 4096 + 6 * 3072)     = 239075328
    #   ffn       2048 * (3 * 8192 + 5 * 3072)      =  81788928
    #   logits    2048 * (128256 + 6 * 3072)        = 300417024  <- largest
    #   output    128256 * 4                        =    513024
    #   total     8388608 + 300417024 + 513024      = 309318656
    assert compute_bytes(shape, 4096) == 309_318_656
    fit = estimate_fit(shape, 2 * GiB, 4096, machine(free_vram=8 * GiB))
    assert (fit.kind, fit.n_gpu_layers, fit.reason) == (FitKind.FULL_GPU, 28, FitReason.FITS_VRAM)
    # VRAM: 2 GiB weights + 469762048 KV + 309318656 compute + 512 MiB reserve
    assert fit.vram_bytes == 2147483648 + 469762048 + 309318656 + 536870912 == 3_463_435_264
    # RAM: output buffer 513024 + input embeddings 512 * 3072 * 4 = 6291456
    assert fit.ram_bytes == 6_804_480
    assert fit.llama_gpu_layers == 29  # the output head goes to the GPU too
    assert fit.device == "GPU (all 28 layers)"


def test_llama_3b_partial_gpu_by_hand():
    shape = ModelShape.from_metadata(LLAMA_3_2_3B)
    fit = estimate_fit(shape, 2 * GiB, 4096, machine(free_vram=2 * GiB))
    # budget = 2147483648 - 309318656 compute - 536870912 reserve = 1301294080
    # layered = weights + KV = 2147483648 + 469762048 = 2617245696 over 28 layers
    # n = 1301294080 * 28 // 2617245696 = 13
    assert (fit.kind, fit.n_gpu_layers, fit.n_layers) == (FitKind.PARTIAL_GPU, 13, 28)
    assert fit.reason == FitReason.PARTLY_FITS_VRAM
    # on GPU: 2617245696 * 13 // 28 = 1215149787
    assert fit.vram_bytes == 1215149787 + 309318656 + GPU_RESERVE_BYTES == 2_061_339_355
    # on CPU: the other 15 layers' share plus a compute buffer of its own
    assert fit.ram_bytes == 2617245696 - 1215149787 + 309318656 == 1_711_414_565
    assert fit.device == "GPU (13 of 28 layers)" and fit.llama_gpu_layers == 13


def test_qwen_7b_cpu_only_and_will_not_fit_by_hand():
    shape = ModelShape.from_metadata(QWEN2_5_7B)
    # compute at 8192 cells, no flash attention:
    #   mask      8192 * 512 * 4                    =  16777216
    #   attention 2048 * (28 * 8192 + 6 * 3584)     = 513802240  <- largest
    #   ffn       2048 * (3 * 18944 + 5 * 3584)     = 153092096
    #   logits    2048 * (152064 + 6 * 3584)        = 355467264
    #   output    152064 * 4                        =    608256
    assert compute_bytes(shape, 8192) == 16777216 + 513802240 + 608256 == 531_187_712
    # RAM = 4.5e9 weights + 469762048 KV + 531187712 compute = 5500949760
    cpu = estimate_fit(shape, 4_500_000_000, 8192, machine(free_vram=80 * GiB, gpu=False))
    assert (cpu.kind, cpu.reason, cpu.n_gpu_layers) == (FitKind.CPU_ONLY,
                                                        FitReason.NO_GPU_BACKEND, 0)
    assert (cpu.ram_bytes, cpu.vram_bytes) == (5_500_949_760, 0)
    assert cpu.overhead_bytes == 531_187_712
    busy = estimate_fit(shape, 4_500_000_000, 8192, machine(free_ram=4 * GiB, total_ram=8 * GiB))
    assert (busy.kind, busy.reason) == (FitKind.WONT_FIT, FitReason.RAM_IN_USE)
    small = estimate_fit(shape, 4_500_000_000, 8192, machine(free_ram=3 * GiB, total_ram=4 * GiB))
    assert (small.kind, small.reason) == (FitKind.WONT_FIT, FitReason.RAM_TOO_SMALL)


def test_gemma_3_4b_flash_attention_full_gpu_by_hand():
    shape = ModelShape.from_metadata(GEMMA_3_4B)
    # compute at 32768 cells with flash attention (no score matrix, f16 mask):
    #   mask      32768 * 512 * 2                   =  33554432
    #   ffn       2048 * (3 * 10240 + 5 * 2560)     =  89128960
    #   logits    2048 * (262208 + 6 * 2560)        = 568459264  <- largest
    #   output    262208 * 4                        =   1048832
    assert compute_bytes(shape, 32768, flash_attn=True) == 603_062_528
    fit = estimate_fit(shape, 2_500_000_000, 32768, machine(free_vram=24 * GiB),
                       flash_attn=True)
    assert fit.kind == FitKind.FULL_GPU
    # 2.5e9 + 4563402752 KV + 603062528 compute + 536870912 reserve
    assert fit.vram_bytes == 8_203_336_192
    assert fit.kv_bytes == 4_563_402_752


def test_no_vram_for_one_layer_is_cpu_only():
    shape = ModelShape.from_metadata(LLAMA_3_2_3B)
    # 800 MiB - 309318656 compute - 512 MiB reserve = 29 MiB < one layer (2617245696 / 28)
    fit = estimate_fit(shape, 2 * GiB, 4096, machine(free_vram=800 * MiB))
    assert (fit.kind, fit.reason, fit.n_gpu_layers) == (FitKind.CPU_ONLY,
                                                        FitReason.NO_VRAM_FOR_A_LAYER, 0)
    assert fit.device == "CPU" and fit.vram_bytes == 0


def test_unknown_vram_stays_on_cpu():
    fit = estimate_fit(ModelShape.from_metadata(LLAMA_3_2_3B), 2 * GiB, 4096, machine())
    assert (fit.kind, fit.reason) == (FitKind.CPU_ONLY, FitReason.VRAM_UNKNOWN)


def test_user_override_is_honoured():
    shape = ModelShape.from_metadata(LLAMA_3_2_3B)
    five = estimate_fit(shape, 2 * GiB, 4096, machine(), requested_gpu_layers=5)
    assert (five.kind, five.n_gpu_layers, five.reason) == (FitKind.PARTIAL_GPU, 5,
                                                           FitReason.USER_SET)
    assert estimate_fit(shape, 2 * GiB, 4096, machine(), -1).n_gpu_layers == 28
    assert estimate_fit(shape, 2 * GiB, 4096, machine(), 100).n_gpu_layers == 28
    zero = estimate_fit(shape, 2 * GiB, 4096, machine(free_vram=80 * GiB), 0)
    assert (zero.kind, zero.reason) == (FitKind.CPU_ONLY, FitReason.USER_SET)
    # all 28 layers forced into 1 GiB: the allocation would fail
    forced = estimate_fit(shape, 2 * GiB, 4096, machine(free_vram=GiB), -1)
    assert (forced.kind, forced.reason) == (FitKind.WONT_FIT, FitReason.VRAM_TOO_SMALL)


def test_per_layer_kv_heads_count_as_unknown():
    metadata = {**QWEN2_5_7B, "qwen2.attention.head_count_kv": ArrayValue(4, 28)}
    shape = ModelShape.from_metadata(metadata)
    assert shape.n_head_kv == 28  # falls back to n_head: an upper bound


def test_estimate_at_load_uses_the_local_header(starter_model):
    info = read_gguf_info(starter_model)
    fit = estimate_fit(info.shape, info.size_bytes, 2048, machine(gpu=False))
    assert fit.kind == FitKind.CPU_ONLY and fit.kv_bytes == 45 * MiB


@pytest.mark.slow
def test_starter_model_figures_match_llama_cpp(starter_model):
    """llama.cpp's own report: KV exactly, compute buffer within the estimate."""
    shape = read_gguf_info(starter_model).shape
    for n_ctx in (2048, 4096):
        kv_mib, compute_mib = _llama_cpp_report(starter_model, n_ctx)
        assert f"{kv_cache_bytes(shape, n_ctx) / MiB:.2f}" == kv_mib
        estimate = (compute_bytes(shape, n_ctx) - shape.n_vocab * 4) / MiB
        assert 0 <= estimate - float(compute_mib) < 16, (n_ctx, estimate, compute_mib)


def _llama_cpp_report(path, n_ctx):
    # A child process: llama_cpp stays out of the test process and its log is plain stderr.
    code = ("import llama_cpp, sys; llama_cpp.Llama(model_path=sys.argv[1], n_ctx=int(sys.argv[2]),"
            " n_batch=512, n_ubatch=512, verbose=True).close()")
    err = subprocess.run([sys.executable, "-c", code, str(path), str(n_ctx)],
                         capture_output=True, text=True, timeout=120, check=True).stderr
    kv = re.search(r"llama_kv_cache: size =\s+([\d.]+) MiB", err).group(1)
    compute = re.search(r"CPU compute buffer size =\s+([\d.]+) MiB", err).group(1)
    return kv, compute
