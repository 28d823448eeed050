"""Backend registration against the llama.cpp build installed in this environment."""

from __future__ import annotations

from pathlib import Path

import llama_cpp

from desktop.backends import ggml_backends


def test_lists_the_cpu_backend_and_its_device() -> None:
    report = ggml_backends.register()
    assert "CPU" in report.backends
    cpu = [d for d in report.devices if d.kind == "CPU"]
    assert cpu and cpu[0].description
    assert report.problem == ""
    assert Path(report.lib_dir) == Path(llama_cpp.__file__).parent / "lib"


def test_is_idempotent() -> None:
    first = ggml_backends.register()
    count = len(first.backends)
    again = ggml_backends.register()
    assert again is first
    # Registering twice would duplicate backends in ggml's own registry: check it too.
    lib = ggml_backends._open_libggml(Path(first.lib_dir))
    ggml_backends._declare(lib)
    assert lib.ggml_backend_reg_count() == count


def test_gpu_offload_answer_agrees_with_the_devices() -> None:
    report = ggml_backends.register()
    assert bool(llama_cpp.llama_supports_gpu_offload()) == bool(report.gpus)


def test_a_folder_without_libggml_is_reported_not_raised(tmp_path: Path) -> None:
    report = ggml_backends._register(tmp_path)
    assert report.backends == ()
    assert "libggml" in report.problem


def test_a_software_gpu_is_told_apart_from_a_real_one():
    lavapipe = ggml_backends.Device("Vulkan0", "llvmpipe (LLVM 15.0.6, 256 bits)", "GPU",
                                    2 << 30, 2 << 30)
    real = ggml_backends.Device("Vulkan0", "AMD Radeon RX 7600 (RADV NAVI33)", "GPU",
                                8 << 30, 8 << 30)
    assert lavapipe.software and not real.software

