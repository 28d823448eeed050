"""Will this file run on this machine, and where: one estimate for the UI and the engine.

The catalog calls `estimate_fit` before a download (shape from the remote
header, weights = the Hub's file size) and the engine calls it at load (shape
from the local header, weights = the file size) to choose `n_gpu_layers`, so
the label a user saw is the plan the engine follows.

Figures follow llama.cpp as pinned by llama-cpp-python 0.3.36:

- n_ctx is padded up to a multiple of 256 (`cparams.n_ctx = GGML_PAD(n_ctx, 256)`
  in llama-context.cpp): n_ctx 1000 allocates 1024 cells, 1100 allocates 1280.
- The KV cache is f16, per layer per cell n_head_kv * (key_length + value_length)
  * 2 bytes. Sliding-window layers (Gemma 3: 5 of every 6) get a full-size cache,
  because llama-cpp-python's default context params have `swa_full = True` and
  the engine does not override it; so the full-cache figure is exact, not a bound.
- The compute buffer is the largest of three phases of the ubatch graph, plus
  the attention mask that lives through all of them; see `compute_bytes`.
  Calibrated with llama.cpp's own report ("llama_kv_cache: size", "CPU compute buffer
  size"; CPU build, n_ubatch 512) on the starter model (SmolLM2-135M Q4_1:
  30 layers, n_embd 576, n_ff 1536, 9 heads, 3 KV heads of 64, n_vocab 49152)
  and on one-layer zero-weight GGUFs with the layer shapes of Llama 3.2 3B
  (3072/8192/24 heads) and Qwen2.5 7B (3584/18944/28 heads), vocab 296.
  `kv_cache_bytes` equals the reported KV size exactly in every run.
  Compute buffer, measured -> estimated (MiB), FA = flash attention:
      SmolLM2  n_ctx 1000 (1024 cells)  98.25 -> 104.75   KV 22.50
               n_ctx 2048               99.38 -> 106.75   KV 45.00
               n_ctx 4096               99.38 -> 110.75   KV 90.00
               n_ctx 8192              166.38 -> 166.75   KV 180.00
               n_ctx 16384             326.38 -> 326.75   KV 360.00
               n_ctx 2048 FA / 8192 FA 102.51 -> 104.75 / 98.25 -> 110.75
      Llama-3B layer  512 / 2048 / 8192    61.01 / 134.01 / 434.01
                                        -> 79.00 / 136.00 / 436.00
                      FA 2048 / 8192       68.01 / 74.01 -> 80.00 / 86.00
      Qwen-7B layer   512 / 2048 / 8192   142.01 / 153.01 / 501.01
                                       -> 147.00 / 158.00 / 506.00
                      FA 2048 / 8192      134.01 / 140.01 -> 148.00 / 154.00
  Never below the measurement, at most 18 MiB above. The output buffer
  (0.19 MiB = n_vocab * 4 for the starter model) comes on top.

Not measured here (this machine's build is CPU only): the GPU side. A GPU
process also pays for its driver context and library workspaces, which free
VRAM read before the load does not show; `GPU_RESERVE_BYTES` covers that.
Weights are spread evenly over the layers (token embeddings and output head
included), which overstates VRAM slightly for a partial offload: conservative.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CTX_PAD = 256  # llama.cpp pads n_ctx up to this
KV_BYTES_PER_VALUE = 2  # f16 cache, llama.cpp's default type_k / type_v
N_UBATCH = 512  # what LlamaEngine.load passes
GPU_RESERVE_BYTES = 512 * 1024**2  # driver context and workspaces (not measured here)


class FitKind(StrEnum):
    """The label a user sees for one file at one context size."""

    FULL_GPU = "full_gpu"
    PARTIAL_GPU = "partial_gpu"
    CPU_ONLY = "cpu_only"
    WONT_FIT = "wont_fit"


class FitReason(StrEnum):
    """Why the estimate came out as it did; the UI turns these into words."""

    NO_GPU_BACKEND = "no_gpu_backend"  # this llama.cpp build cannot offload
    VRAM_UNKNOWN = "vram_unknown"  # free GPU memory could not be measured
    FITS_VRAM = "fits_vram"
    PARTLY_FITS_VRAM = "partly_fits_vram"
    NO_VRAM_FOR_A_LAYER = "no_vram_for_a_layer"
    USER_SET = "user_set"  # the user chose the number of GPU layers
    VRAM_TOO_SMALL = "vram_too_small"  # the user's layers exceed free GPU memory
    RAM_IN_USE = "ram_in_use"  # more than free RAM, less than total: close programs
    RAM_TOO_SMALL = "ram_too_small"  # more than this machine's RAM
    UNKNOWN_SHAPE = "unknown_shape"  # the header gives no layer count: no offload


@dataclass(frozen=True)
class ModelShape:
    """The numbers of a model's header that decide its memory use.

    Zero means unknown. `n_head_kv` falls back to `n_head` when absent or when
    the file gives it per layer (an array); key/value lengths fall back to
    n_embd / n_head when the file does not state them.
    """

    architecture: str
    n_layers: int
    n_embd: int
    n_head: int
    n_head_kv: int
    key_length: int
    value_length: int
    context_length: int = 0
    n_vocab: int = 0
    n_ff: int = 0
    sliding_window: int = 0

    @classmethod
    def from_metadata(cls, metadata: dict) -> ModelShape:
        """Build from GGUF key/values (as `gguf_info` parses them)."""
        arch = str(metadata.get("general.architecture", "unknown"))

        def number(suffix: str) -> int:
            value = metadata.get(f"{arch}.{suffix}")
            # Arrays (per-layer values) and non-integers count as unknown.
            return value if isinstance(value, int) and not isinstance(value, bool) else 0

        n_embd, n_head = number("embedding_length"), number("attention.head_count")
        head_dim = n_embd // n_head if n_head else 0
        return cls(
            architecture=arch,
            n_layers=number("block_count"),
            n_embd=n_embd,
            n_head=n_head,
            n_head_kv=number("attention.head_count_kv") or n_head,
            key_length=number("attention.key_length") or head_dim,
            value_length=number("attention.value_length") or head_dim,
            context_length=number("context_length"),
            n_vocab=number("vocab_size") or _array_count(metadata.get("tokenizer.ggml.tokens")),
            n_ff=number("feed_forward_length"),
            sliding_window=number("attention.sliding_window"),
        )


def _array_count(value: object) -> int:
    count = getattr(value, "count", 0)  # gguf_info.ArrayValue, without importing backends
    return count if isinstance(count, int) else 0


@dataclass(frozen=True)
class Machine:
    """What this machine offers now. free_vram None = no GPU or not measurable."""

    total_ram: int
    free_ram: int
    free_vram: int | None
    gpu_offload: bool  # the llama.cpp build has a GPU backend


@dataclass(frozen=True)
class FitEstimate:
    """The outcome. Bytes are estimates of peak allocation, not measurements."""

    kind: FitKind
    n_gpu_layers: int  # repeating layers on the GPU, 0..n_layers
    n_layers: int
    n_ctx: int  # cells llama.cpp will allocate (padded)
    weights_bytes: int
    kv_bytes: int
    overhead_bytes: int  # compute + output buffers (+ GPU reserve when offloading)
    ram_bytes: int
    vram_bytes: int
    reason: FitReason

    @property
    def llama_gpu_layers(self) -> int:
        """The value for llama.cpp's n_gpu_layers: all layers means n_layers + 1,
        so the output head goes to the GPU too (llama.cpp counts it as a layer)."""
        full = self.n_layers and self.n_gpu_layers >= self.n_layers
        return self.n_layers + 1 if full else self.n_gpu_layers

    @property
    def device(self) -> str:
        """English, for logs and ModelInfo.device; the UI builds its own words."""
        if self.n_gpu_layers == 0:
            return "CPU"
        if self.n_gpu_layers >= self.n_layers:
            return f"GPU (all {self.n_layers} layers)"
        return f"GPU ({self.n_gpu_layers} of {self.n_layers} layers)"


def padded_ctx(n_ctx: int) -> int:
    """The number of KV cells llama.cpp allocates for n_ctx."""
    return -(-max(n_ctx, 1) // CTX_PAD) * CTX_PAD


def kv_cache_bytes(shape: ModelShape, n_ctx: int) -> int:
    """Bytes of the f16 KV cache for n_ctx, exactly as llama.cpp allocates it
    (padded cells; full-size cache on sliding-window layers, see module doc)."""
    per_cell = shape.n_layers * shape.n_head_kv * (shape.key_length + shape.value_length)
    return per_cell * KV_BYTES_PER_VALUE * padded_ctx(n_ctx)


def compute_bytes(shape: ModelShape, n_ctx: int, flash_attn: bool = False,
                  n_ubatch: int = N_UBATCH) -> int:
    """Upper estimate of llama.cpp's compute buffer plus its output buffer.

    Per token of a ubatch, in f32: the attention phase holds the scores of
    every head over every cell (not with flash attention) and ~6 n_embd of
    Q/K/V/output; the FFN phase gate, up and their product (3 n_ff) and ~5
    n_embd; the last phase one row of logits and ~6 n_embd. The mask (f32, or
    f16 with flash attention) is live throughout. llama-cpp-python shrinks the
    ubatch to n_ctx when n_ctx is smaller. Calibration: module docstring.
    """
    n_ub = min(n_ubatch, max(n_ctx, 1))
    cells = padded_ctx(n_ctx)
    n_ff = shape.n_ff or 4 * shape.n_embd  # unknown or per-layer: the usual ratio
    mask = cells * n_ub * (2 if flash_attn else 4)
    attention = 0 if flash_attn else n_ub * 4 * (shape.n_head * cells + 6 * shape.n_embd)
    ffn = n_ub * 4 * (3 * n_ff + 5 * shape.n_embd)
    logits = n_ub * 4 * (shape.n_vocab + 6 * shape.n_embd)
    return mask + max(attention, ffn, logits) + shape.n_vocab * 4


def estimate_fit(
    shape: ModelShape,
    weights_bytes: int,
    n_ctx: int,
    machine: Machine,
    requested_gpu_layers: int | None = None,
    *,
    flash_attn: bool = False,
    n_ubatch: int = N_UBATCH,
) -> FitEstimate:
    """Where `weights_bytes` of this shape at `n_ctx` would run on `machine`.

    Automatic (requested_gpu_layers None): every layer goes to the GPU when
    weights + KV + compute buffer + GPU reserve fit free VRAM, else as many
    whole layers as fit; without a GPU backend or a VRAM reading, none.
    A user's choice is honoured (-1 = all, capped at n_layers), and marked
    WONT_FIT when it is known to exceed free VRAM, since the allocation would fail.
    Whatever stays on the CPU counts against free RAM; more than that is
    WONT_FIT. (With mmap llama.cpp would still load it, paging weights from
    disk on every token: technically runnable, unusably slow.)
    Pure function: the same inputs give the same estimate in GUI and engine.
    """
    kv = kv_cache_bytes(shape, n_ctx)
    compute = compute_bytes(shape, n_ctx, flash_attn, n_ubatch)
    layered = weights_bytes + kv
    n_gpu, reason = _choose_layers(shape.n_layers, layered, compute, machine,
                                   requested_gpu_layers)
    ram, vram = _split(shape, n_gpu, layered, compute, n_ubatch)
    kind, reason = _kind(shape.n_layers, n_gpu, ram, vram, machine, reason)
    return FitEstimate(
        kind=kind, n_gpu_layers=n_gpu, n_layers=shape.n_layers, n_ctx=padded_ctx(n_ctx),
        weights_bytes=weights_bytes, kv_bytes=kv, overhead_bytes=ram + vram - layered,
        ram_bytes=ram, vram_bytes=vram, reason=reason,
    )


def _choose_layers(n_layers: int, layered: int, compute: int, machine: Machine,
                   requested: int | None) -> tuple[int, FitReason]:
    if not machine.gpu_offload:
        return 0, FitReason.NO_GPU_BACKEND
    if n_layers <= 0:
        return 0, FitReason.UNKNOWN_SHAPE
    if requested is not None:
        return (n_layers if requested < 0 else min(requested, n_layers)), FitReason.USER_SET
    if machine.free_vram is None:
        return 0, FitReason.VRAM_UNKNOWN
    budget = machine.free_vram - compute - GPU_RESERVE_BYTES
    if layered <= budget:
        return n_layers, FitReason.FITS_VRAM
    # Whole layers only: llama.cpp offloads by layer. Integer arithmetic keeps
    # the count exact at the boundary.
    n = max(0, budget) * n_layers // layered if layered > 0 else 0
    if n == 0:
        return 0, FitReason.NO_VRAM_FOR_A_LAYER
    return n, FitReason.PARTLY_FITS_VRAM


def _split(shape: ModelShape, n_gpu: int, layered: int, compute: int,
           n_ubatch: int) -> tuple[int, int]:
    """(RAM, VRAM) bytes. The compute buffer sits on each side that runs layers;
    with everything offloaded the host keeps only the output buffer and the
    input embeddings (token embeddings stay on the CPU in llama.cpp)."""
    if n_gpu == 0:
        return layered + compute, 0
    on_gpu = layered * n_gpu // shape.n_layers
    vram = on_gpu + compute + GPU_RESERVE_BYTES
    if n_gpu < shape.n_layers:
        return layered - on_gpu + compute, vram
    host = min(compute, shape.n_vocab * 4 + n_ubatch * shape.n_embd * 4)
    return host, vram


def _kind(n_layers: int, n_gpu: int, ram: int, vram: int, machine: Machine,
          reason: FitReason) -> tuple[FitKind, FitReason]:
    if ram > machine.free_ram:
        too_small = ram > machine.total_ram
        return FitKind.WONT_FIT, FitReason.RAM_TOO_SMALL if too_small else FitReason.RAM_IN_USE
    if n_gpu and machine.free_vram is not None and vram > machine.free_vram:
        return FitKind.WONT_FIT, FitReason.VRAM_TOO_SMALL  # only a user's choice gets here
    if n_gpu == 0:
        return FitKind.CPU_ONLY, reason
    return (FitKind.FULL_GPU if n_gpu >= n_layers else FitKind.PARTIAL_GPU), reason


def shortfall(estimate: FitEstimate, machine: Machine) -> str:
    """Why a WONT_FIT estimate was refused, in English for logs and the error's detail
    (the UI words the error by its kind)."""
    gib = 1024**3
    if estimate.reason is FitReason.VRAM_TOO_SMALL:
        return (f"needs {estimate.vram_bytes / gib:.1f} GiB of GPU memory for "
                f"{estimate.n_gpu_layers} layers; {(machine.free_vram or 0) / gib:.1f} GiB is free")
    return (f"needs {estimate.ram_bytes / gib:.1f} GiB of RAM at {estimate.n_ctx} tokens of "
            f"context; {machine.free_ram / gib:.1f} GiB is free of {machine.total_ram / gib:.1f}")
