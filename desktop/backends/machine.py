"""This machine's memory and GPU, as the fit estimate needs them. Blocking, no Qt.

Works in the GUI process, which must not import llama_cpp: whether the
installed llama.cpp build can offload is read from the files it ships (see
`gpu_backend_installed`). The engine process, which has llama_cpp loaded,
passes `llama_supports_gpu_offload()` instead, the authoritative answer.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import psutil

from desktop.backends import gpu_probe
from desktop.core.fit import Machine

# ggml builds each GPU backend as its own shared library beside libggml-cpu
# (libggml-cuda.so, ggml-vulkan.dll, libggml-metal.dylib...).
_GPU_BACKENDS = ("cuda", "vulkan", "metal", "hip", "sycl", "musa", "opencl", "cann")


def gpu_backend_installed() -> bool:
    """True when the installed llama_cpp package ships a GPU backend library.

    find_spec locates the package without executing it (no native library is
    loaded). A build with a GPU backend linked statically into libllama would
    read as False: a CPU-only estimate, which is safe, and the engine corrects it
    at load with the library's own answer.
    """
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.origin:
        return False
    package = Path(spec.origin).parent
    for folder in (package / "lib", package):
        for backend in _GPU_BACKENDS:
            if any(folder.glob(f"*ggml-{backend}*")):
                return True
    return False


def probe_machine(gpu_offload: bool | None = None) -> Machine:
    """Total and available RAM (psutil), free VRAM (nvidia-smi, None when
    unmeasurable), and GPU offload support: `gpu_offload` when the caller knows
    it, else `gpu_backend_installed()`. Takes up to nvidia-smi's timeout (5 s):
    call it from a worker, not the GUI thread."""
    memory = psutil.virtual_memory()
    offload = gpu_backend_installed() if gpu_offload is None else gpu_offload
    return Machine(
        total_ram=int(memory.total),
        free_ram=int(memory.available),  # includes reclaimable page cache
        free_vram=gpu_probe.free_vram_bytes() if offload else None,
        gpu_offload=offload,
    )
