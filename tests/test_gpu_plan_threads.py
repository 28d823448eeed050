"""How the engine chooses GPU layers (desktop.core.fit) and CPU threads."""

from desktop.core.fit import GPU_RESERVE_BYTES, FitReason, Machine, ModelShape, estimate_fit
from desktop.core.threads import default_batch_threads, default_threads

GB = 1024**3
# 32 layers, 8 KV heads of 128: 32 * 8 * 256 * 2 = 131072 B per cell, 1 GiB at 8192 cells
SHAPE = ModelShape("llama", n_layers=32, n_embd=4096, n_head=32, n_head_kv=8,
                   key_length=128, value_length=128, n_vocab=32000, n_ff=14336)


def plan(free_vram=None, requested=None, gpu=True):
    machine = Machine(total_ram=64 * GB, free_ram=32 * GB, free_vram=free_vram, gpu_offload=gpu)
    return estimate_fit(SHAPE, 4 * GB, 8192, machine, requested)


def test_no_gpu_backend_means_cpu_with_reason():
    result = plan(free_vram=80 * GB, gpu=False)
    assert result.n_gpu_layers == 0 and result.device == "CPU"
    assert result.reason == FitReason.NO_GPU_BACKEND


def test_everything_offloaded_when_it_fits():
    result = plan(free_vram=8 * GB)
    assert result.n_gpu_layers == 32 and result.llama_gpu_layers == 33
    assert "all 32" in result.device


def test_partial_offload_counts_whole_layers_that_fit():
    per_layer = 5 * GB / 32  # (4 GiB weights + 1 GiB KV) / 32 layers
    compute = plan().overhead_bytes
    result = plan(free_vram=int(compute + GPU_RESERVE_BYTES + 10.5 * per_layer))
    assert result.n_gpu_layers == 10
    assert "10 of 32" in result.device


def test_user_choice_wins_and_minus_one_means_all():
    assert plan(requested=-1).n_gpu_layers == 32
    assert plan(requested=5, free_vram=80 * GB).n_gpu_layers == 5
    assert plan(requested=100).n_gpu_layers == 32


def test_unknown_free_memory_stays_on_cpu():
    assert plan(free_vram=None).n_gpu_layers == 0


def test_thread_defaults_leave_a_core_free_for_decode():
    assert default_threads(1) == 1
    assert default_threads(2) == 1
    assert default_threads(16) == 15
    assert default_batch_threads(2) == 2
