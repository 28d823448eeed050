"""How many layers go to the GPU, and why: one rule shared by load and fit checks."""

from __future__ import annotations

from dataclasses import dataclass

# Compute buffers and scratch space llama.cpp allocates beside weights and KV.
GPU_OVERHEAD_BYTES = 512 * 1024**2


@dataclass(frozen=True)
class GpuPlan:
    """The decision: layers to offload, the device in words, and the reason."""

    n_gpu_layers: int
    device: str
    reason: str


def plan_gpu_layers(
    *,
    supports_offload: bool,
    requested: int | None,
    n_layers: int,
    model_bytes: int,
    kv_bytes: int,
    free_vram: int | None,
) -> GpuPlan:
    """Choose n_gpu_layers.

    `requested` is the user's explicit choice (None = automatic, -1 = all).
    Automatic offloads every layer when weights + KV + overhead fit in free
    VRAM, else as many whole layers as fit.
    """
    if not supports_offload:
        return GpuPlan(0, "CPU", "this llama.cpp build has no GPU backend")
    if requested is not None:
        n = n_layers if requested < 0 else min(requested, n_layers)
        device = "CPU" if n == 0 else f"GPU ({n} of {n_layers} layers)"
        return GpuPlan(n, device, "set by the user")
    if free_vram is None:
        return GpuPlan(0, "CPU", "free GPU memory could not be measured")
    per_layer = (model_bytes + kv_bytes) / max(n_layers, 1)
    budget = free_vram - GPU_OVERHEAD_BYTES
    if per_layer * n_layers <= budget:
        return GpuPlan(
            n_layers, f"GPU (all {n_layers} layers)", "the model fits in free GPU memory"
        )
    n = max(0, int(budget // per_layer)) if per_layer > 0 else 0
    if n == 0:
        return GpuPlan(0, "CPU", "not enough free GPU memory for one layer")
    return GpuPlan(
        n, f"GPU ({n} of {n_layers} layers)", "only part of the model fits in free GPU memory"
    )
