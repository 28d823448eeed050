"""Register llama.cpp's backend modules and say what loaded. Engine process only.

A llama.cpp built with GGML_BACKEND_DL=ON (Maru's packaged builds) links no
backend into libllama: the CPU variants and the GPU backends are separate
modules in `llama_cpp/lib` (libggml-cpu-haswell.so, libggml-vulkan.so...), and
nothing runs until someone calls `ggml_backend_load_all_from_path`.
llama-cpp-python does not, so Maru does, before the first model loads.

It must be the libggml that libllama links to: a second copy would have its own
empty registry. dlopen of the same file returns the already loaded library, so
loading `llama_cpp/lib/libggml.so` after `import llama_cpp` gives that one.

A build without GGML_BACKEND_DL (the default CPU wheel) already has its
backends registered at start; then nothing is loaded and those are reported.
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass
from pathlib import Path

_DEVICE_KINDS = {0: "CPU", 1: "GPU", 2: "accelerator", 3: "integrated GPU"}
_LIB_NAMES = ("libggml.so", "libggml.dylib", "ggml.dll")
_LIBGGML_SO = re.compile(r"libggml\.so(\.\d+)*$")

_lock = threading.Lock()
_report: BackendReport | None = None


@dataclass(frozen=True)
class Device:
    """One ggml device: `name` ("Vulkan0", "CPU"), `description` ("llvmpipe
    (LLVM 15.0.6, 256 bits)"), `kind` ("CPU", "GPU"...), memory in bytes (0: unknown)."""

    name: str
    description: str
    kind: str
    free_bytes: int
    total_bytes: int

    @property
    def software(self) -> bool:
        """A GPU API run on the CPU (Mesa's lavapipe/llvmpipe, SwiftShader): correct but
        far slower than llama.cpp's own CPU code, so never chosen by itself."""
        text = self.description.lower()
        return any(name in text for name in ("llvmpipe", "lavapipe", "swiftshader", "softpipe"))


@dataclass(frozen=True)
class BackendReport:
    """What `register()` found: backend names ("CPU", "Vulkan"), devices, whether
    modules were loaded from `lib_dir` (a GGML_BACKEND_DL build), or why not."""

    backends: tuple[str, ...]
    devices: tuple[Device, ...]
    lib_dir: str
    loaded_modules: bool
    problem: str = ""

    @property
    def gpus(self) -> tuple[Device, ...]:
        """The devices that can take offloaded layers."""
        return tuple(d for d in self.devices if d.kind != "CPU")


def register(lib_dir: Path | None = None) -> BackendReport:
    """Load the backend modules once per process and report; later calls return the
    first report. Never raises: a failure is in `problem` (the model then runs on
    whatever registered, usually the CPU). Thread-safe."""
    global _report
    with _lock:
        if _report is None:
            _report = _register(lib_dir or _llama_cpp_lib_dir())
        return _report


def _llama_cpp_lib_dir() -> Path:
    import llama_cpp  # loads libllama, and with it libggml and libggml-base

    return Path(llama_cpp.__file__).parent / "lib"


def _register(lib_dir: Path) -> BackendReport:
    try:
        lib = _open_libggml(lib_dir)
    except OSError as exc:
        return BackendReport((), (), str(lib_dir), False, f"libggml not loaded: {exc}")
    _declare(lib)
    loaded = False
    # Built-in backends register themselves when the registry is first used: a
    # non-DL build has at least the CPU here, a DL build has none yet.
    if lib.ggml_backend_reg_count() == 0 and hasattr(lib, "ggml_backend_load_all_from_path"):
        lib.ggml_backend_load_all_from_path(str(lib_dir).encode())
        loaded = True
    backends = tuple(_text(lib.ggml_backend_reg_name(lib.ggml_backend_reg_get(i)))
                     for i in range(lib.ggml_backend_reg_count()))
    devices = tuple(_device(lib, lib.ggml_backend_dev_get(i))
                    for i in range(lib.ggml_backend_dev_count()))
    problem = "" if backends else f"no backend could be loaded from {lib_dir}"
    return BackendReport(backends, devices, str(lib_dir), loaded, problem)


def _open_libggml(lib_dir: Path) -> ctypes.CDLL:
    # A wheel turns libggml.so -> libggml.so.0 symlinks into copies: opening another
    # name would load a second libggml with an empty registry. Take the file the
    # process already mapped (libllama's libggml.so.0) where Linux tells us.
    loaded = _mapped_libggml(lib_dir)
    if loaded is not None:
        return ctypes.CDLL(str(loaded))
    for name in _LIB_NAMES:
        if (lib_dir / name).exists():
            return ctypes.CDLL(str(lib_dir / name))
    raise OSError(f"no libggml in {lib_dir}")


def _mapped_libggml(lib_dir: Path) -> Path | None:
    """The libggml.so* file of `lib_dir` mapped into this process, if /proc says."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return None
    for line in maps.splitlines():
        path = Path(line.split(maxsplit=5)[-1])
        if path.parent == lib_dir and _LIBGGML_SO.match(path.name):
            return path
    return None


def _declare(lib: ctypes.CDLL) -> None:
    vp, size = ctypes.c_void_p, ctypes.c_size_t
    signatures = {
        "ggml_backend_reg_count": (size, []),
        "ggml_backend_reg_get": (vp, [size]),
        "ggml_backend_reg_name": (ctypes.c_char_p, [vp]),
        "ggml_backend_dev_count": (size, []),
        "ggml_backend_dev_get": (vp, [size]),
        "ggml_backend_dev_name": (ctypes.c_char_p, [vp]),
        "ggml_backend_dev_description": (ctypes.c_char_p, [vp]),
        "ggml_backend_dev_type": (ctypes.c_int, [vp]),
        "ggml_backend_dev_memory": (None, [vp, ctypes.POINTER(size), ctypes.POINTER(size)]),
        "ggml_backend_load_all_from_path": (None, [ctypes.c_char_p]),
    }
    for name, (restype, argtypes) in signatures.items():
        if hasattr(lib, name):
            function = getattr(lib, name)
            function.restype, function.argtypes = restype, argtypes


def _device(lib: ctypes.CDLL, dev: int) -> Device:
    free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
    lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
    return Device(
        name=_text(lib.ggml_backend_dev_name(dev)),
        description=_text(lib.ggml_backend_dev_description(dev)),
        kind=_DEVICE_KINDS.get(lib.ggml_backend_dev_type(dev), "other"),
        free_bytes=int(free.value), total_bytes=int(total.value),
    )


def _text(value: bytes | None) -> str:
    return (value or b"?").decode("utf-8", "replace")
