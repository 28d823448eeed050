"""Read a GGUF file's header with hard bounds, without loading weights.

Every count and length is checked against the bytes left in the file before it
is used, so a hostile header (an array of 2^63 elements, a string longer than
the file) fails fast instead of hanging or exhausting memory, and a truncated
download is reported as truncated before llama.cpp sees it. Token arrays are
skipped, not materialised.

`read_gguf_header` applies the same checks to a byte prefix of a file whose
full size is known (a remote file read by HTTP Range): it raises
`NeedMoreBytes` when the prefix ends inside the metadata or tensor-info
section, so the caller can fetch more and try again.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import EngineError, ErrorKind
from desktop.core.fit import ModelShape, kv_cache_bytes

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
MAX_KEY_BYTES = 65_536
MAX_KEPT_STRING_BYTES = 16 * 1024**2  # a kept value (e.g. a chat template)
MAX_DIMS = 4
DEFAULT_ALIGNMENT = 32

# GGUF value types -> struct format of a scalar.
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
            10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9

# ggml tensor type -> (elements per block, bytes per block).
GGML_BLOCKS = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24),
    8: (32, 34), 10: (256, 84), 11: (256, 110), 12: (256, 144),
    13: (256, 176), 14: (256, 210), 15: (256, 292), 16: (256, 66), 17: (256, 74),
    18: (256, 98), 19: (256, 50), 20: (32, 18), 21: (256, 110), 22: (256, 82),
    23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8),
    29: (256, 56), 30: (1, 2), 34: (256, 54), 35: (256, 66), 39: (32, 17),
}

# llama_ftype (general.file_type) -> the quantization name users know.
FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
    10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M",
    16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S",
    22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M",
    28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0",
    37: "TQ2_0", 38: "MXFP4_MOE",
}


class NeedMoreBytes(Exception):
    """The header does not end within the prefix; `needed` bytes (at least) are."""

    def __init__(self, needed: int) -> None:
        super().__init__(f"the header needs at least {needed} bytes")
        self.needed = needed


@dataclass(frozen=True)
class ArrayValue:
    """An array kept by type and length only (token lists can be 200k strings)."""

    item_type: int
    count: int


@dataclass(frozen=True)
class GGUFInfo:
    """What the header says about a model file."""

    path: Path
    version: int
    size_bytes: int
    n_tensors: int
    metadata: dict[str, object] = field(repr=False)
    tensor_data_bytes: int = 0

    def _arch_key(self, suffix: str) -> object:
        return self.metadata.get(f"{self.architecture}.{suffix}")

    @property
    def architecture(self) -> str:
        """e.g. "llama", "qwen2"."""
        return str(self.metadata.get("general.architecture", "unknown"))

    @property
    def name(self) -> str:
        """The model's own name, or the file name without .gguf."""
        return str(self.metadata.get("general.name") or self.path.stem)

    @property
    def context_length(self) -> int:
        """Training context length (0 when absent)."""
        return int(self._arch_key("context_length") or 0)

    @property
    def block_count(self) -> int:
        """Number of transformer layers."""
        return int(self._arch_key("block_count") or 0)

    @property
    def embedding_length(self) -> int:
        """Width of the hidden state."""
        return int(self._arch_key("embedding_length") or 0)

    @property
    def head_count(self) -> int:
        """Attention heads."""
        return int(self._arch_key("attention.head_count") or 0)

    @property
    def head_count_kv(self) -> int:
        """Key/value heads (grouped-query attention); equals head_count when absent."""
        return int(self._arch_key("attention.head_count_kv") or self.head_count)

    @property
    def quantization(self) -> str:
        """e.g. "Q4_K_M"; "unknown" when the file does not say."""
        file_type = self.metadata.get("general.file_type")
        if isinstance(file_type, int):
            return FILE_TYPES.get(file_type, f"type {file_type}")
        return "unknown"

    @property
    def chat_template(self) -> str | None:
        """The Jinja chat template stored in the file, if any."""
        value = self.metadata.get("tokenizer.chat_template")
        return value if isinstance(value, str) else None

    @property
    def shape(self) -> ModelShape:
        """The numbers the fit estimate needs (layers, heads, head sizes...)."""
        return ModelShape.from_metadata(self.metadata)

    def kv_cache_bytes(self, n_ctx: int) -> int:
        """Size of the f16 KV cache llama.cpp allocates for n_ctx (see desktop.core.fit)."""
        return kv_cache_bytes(self.shape, n_ctx)


def read_gguf_info(path: str | Path) -> GGUFInfo:
    """Parse the header of `path`. Raises EngineError (NOT_GGUF, TRUNCATED_GGUF,
    UNSUPPORTED_GGUF, MODEL_NOT_FOUND) with a detail saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise EngineError(ErrorKind.MODEL_NOT_FOUND, str(path))
    size = path.stat().st_size
    if size < 24:
        raise EngineError(ErrorKind.NOT_GGUF, f"{path.name} is {size} bytes, too small")
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        return _Parser(mm, path, size).parse()


def read_gguf_header(data: bytes, total_size: int, name: str) -> GGUFInfo:
    """Parse the header from `data`, the first bytes of a `total_size`-byte file.

    Raises NeedMoreBytes(n) when `data` ends inside the header (fetch at least
    n bytes and call again), or EngineError as `read_gguf_info` does: counts and
    lengths are checked against `total_size`, so a hostile header is refused
    without fetching more. The returned info's path is Path(name).
    """
    if total_size < 24:
        raise EngineError(ErrorKind.NOT_GGUF, f"{name} is {total_size} bytes, too small")
    if len(data) < 24:
        raise NeedMoreBytes(24)
    return _Parser(memoryview(data)[:total_size], Path(name), total_size).parse()


class _Parser:
    """One pass over a header. `size` is the file's size, what bounds every
    count; `buf` may hold only a prefix of it (see NeedMoreBytes)."""

    def __init__(self, buf: mmap.mmap | memoryview, path: Path, size: int) -> None:
        self.buf, self.path, self.size, self.pos = buf, path, size, 0
        self.avail = len(buf)

    def parse(self) -> GGUFInfo:
        if bytes(self.buf[:4]) != GGUF_MAGIC:
            raise EngineError(ErrorKind.NOT_GGUF, f"{self.path.name} does not start with GGUF")
        self.pos = 4
        version = self._scalar("<I")
        if version not in SUPPORTED_VERSIONS:
            raise EngineError(ErrorKind.UNSUPPORTED_GGUF, f"GGUF version {version}")
        n_tensors, n_kv = self._scalar("<Q"), self._scalar("<Q")
        self._need(n_kv * 13, "metadata count")  # key len + type + 1 byte minimum
        metadata = {}
        for _ in range(n_kv):
            key = self._string(MAX_KEY_BYTES, keep=True)
            metadata[key] = self._value(self._scalar("<I"))
        self._need(n_tensors * 24, "tensor count")
        data_bytes = self._tensor_extent(n_tensors)
        alignment = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
        if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
            raise EngineError(ErrorKind.UNSUPPORTED_GGUF, f"alignment {alignment!r}")
        data_start = -(-self.pos // alignment) * alignment
        if data_start + data_bytes > self.size:
            missing = data_start + data_bytes - self.size
            raise EngineError(
                ErrorKind.TRUNCATED_GGUF,
                f"{self.path.name} ends {missing} bytes before its last tensor; "
                "the file is incomplete (an interrupted download?)",
            )
        return GGUFInfo(self.path, version, self.size, n_tensors, metadata, data_bytes)

    def _need(self, n: int, what: str) -> None:
        if n < 0 or self.pos + n > self.size:
            raise EngineError(
                ErrorKind.TRUNCATED_GGUF,
                f"{self.path.name}: {what} runs past the end of the file (at byte {self.pos})",
            )
        if self.pos + n > self.avail:
            raise NeedMoreBytes(self.pos + n)

    def _scalar(self, fmt: str) -> int | float | bool:
        n = struct.calcsize(fmt)
        self._need(n, "header")
        (value,) = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += n
        return value

    def _string(self, limit: int, keep: bool) -> str:
        length = self._scalar("<Q")
        self._need(length, "string")
        start, self.pos = self.pos, self.pos + length
        if not keep or length > limit:
            return ""
        return bytes(self.buf[start : self.pos]).decode("utf-8", errors="replace")

    def _value(self, vtype: int, keep: bool = True) -> object:
        if vtype in _SCALARS:
            return self._scalar(_SCALARS[vtype])
        if vtype == _STRING:
            return self._string(MAX_KEPT_STRING_BYTES, keep)
        if vtype == _ARRAY:
            item_type, count = self._scalar("<I"), self._scalar("<Q")
            if item_type in _SCALARS:
                width = struct.calcsize(_SCALARS[item_type])
                self._need(count * width, "array")
                self.pos += count * width
            elif item_type == _STRING:
                self._need(count * 8, "array of strings")
                for _ in range(count):
                    self._string(0, keep=False)
            else:  # nested arrays are not used by any model and not worth the risk
                raise EngineError(ErrorKind.UNSUPPORTED_GGUF, f"array of type {item_type}")
            return ArrayValue(item_type, count)
        raise EngineError(ErrorKind.UNSUPPORTED_GGUF, f"metadata value type {vtype}")

    def _tensor_extent(self, n_tensors: int) -> int:
        """Bytes from the data section's start to the end of its last tensor."""
        end = 0
        for _ in range(n_tensors):
            self._string(MAX_KEY_BYTES, keep=False)
            n_dims = self._scalar("<I")
            if n_dims > MAX_DIMS:
                raise EngineError(ErrorKind.UNSUPPORTED_GGUF, f"tensor with {n_dims} dimensions")
            n_elements = 1
            for _ in range(n_dims):
                n_elements *= self._scalar("<Q")
            ggml_type, offset = self._scalar("<I"), self._scalar("<Q")
            block = GGML_BLOCKS.get(ggml_type)
            if block:  # unknown (newer) types: llama.cpp itself checks those
                end = max(end, offset + n_elements // block[0] * block[1])
        return end
