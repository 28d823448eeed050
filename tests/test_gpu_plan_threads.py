from desktop.core.gpu_plan import GPU_OVERHEAD_BYTES, plan_gpu_layers
from desktop.core.threads import default_batch_threads, default_threads

GB = 1024**3


def plan(**kw):
    args = dict(supports_offload=True, requested=None, n_layers=32, model_bytes=4 * GB,
                kv_bytes=GB, free_vram=None)
    args.update(kw)
    return plan_gpu_layers(**args)


def test_no_gpu_backend_means_cpu_with_reason():
    result = plan(supports_offload=False, free_vram=80 * GB)
    assert result.n_gpu_layers == 0 and result.device == "CPU"
    assert "no GPU backend" in result.reason


def test_everything_offloaded_when_it_fits():
    result = plan(free_vram=6 * GB)
    assert result.n_gpu_layers == 32
    assert "all 32" in result.device


def test_partial_offload_counts_whole_layers_that_fit():
    per_layer = 5 * GB / 32
    result = plan(free_vram=int(GPU_OVERHEAD_BYTES + 10.5 * per_layer))
    assert result.n_gpu_layers == 10
    assert "10 of 32" in result.device


def test_user_choice_wins_and_minus_one_means_all():
    assert plan(requested=-1).n_gpu_layers == 32
    assert plan(requested=5, free_vram=0).n_gpu_layers == 5
    assert plan(requested=100).n_gpu_layers == 32


def test_unknown_free_memory_stays_on_cpu():
    assert plan(free_vram=None).n_gpu_layers == 0


def test_thread_defaults_leave_a_core_free_for_decode():
    assert default_threads(1) == 1
    assert default_threads(2) == 1
    assert default_threads(16) == 15
    assert default_batch_threads(2) == 2
