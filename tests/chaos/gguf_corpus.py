"""A corpus of malformed GGUF files, built from the real format.

The base is the tiny llama of tests/tiny_gguf.py (written by the `gguf` package);
each case damages it where the format has a structure: truncations at every
boundary (magic, version, counts, each key/value, each tensor info, the
alignment padding, the data), bad magic and versions, huge counts and lengths
(2^63), wrong tensor offsets and types, an unknown architecture, and hostile
chat templates (SSTI payloads, CPU and memory bombs, a 10 MB string). Byte-level
cases are raw struct edits of the base (the writer refuses to write them).

`build_corpus(folder)` writes every case and returns them; `level` says how far
a case can get: "header" ones are refused by Maru's own header check, the rest
reach llama.cpp (the probe, then a load).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from tests.tiny_gguf import write_tiny_llama

HUGE = 2**63
_SCALAR_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_STRING, _ARRAY = 8, 9
FILE_TYPE_F32 = 0


@dataclass(frozen=True)
class Case:
    """One corpus file: its path, what was done to it, and how far it should get."""

    path: Path
    what: str
    level: str  # "header": Maru's header check refuses it; "engine": llama.cpp sees it


@dataclass(frozen=True)
class Layout:
    """Where each structure of a GGUF file starts (byte offsets) and what it holds."""

    kv: list[tuple[str, int, int, int]]  # (key, start, value start, end)
    tensors: list[tuple[str, int, int, int]]  # (name, start, type offset, end)
    info_end: int
    data_start: int
    size: int


def layout(data: bytes) -> Layout:
    """Walk a well-formed GGUF's header (raw struct reads, like llama.cpp's gguf.cpp)."""
    n_tensors, n_kv = struct.unpack_from("<QQ", data, 8)
    pos = 24

    def string() -> str:
        nonlocal pos
        (n,) = struct.unpack_from("<Q", data, pos)
        pos += 8 + n
        return data[pos - n : pos].decode()

    def value(vtype: int) -> None:
        nonlocal pos
        if vtype == _STRING:
            string()
        elif vtype == _ARRAY:
            item, count = struct.unpack_from("<IQ", data, pos)
            pos += 12
            for _ in range(count):
                value(item)
        else:
            pos += _SCALAR_SIZES[vtype]

    kv = []
    for _ in range(n_kv):
        start = pos
        key = string()
        (vtype,) = struct.unpack_from("<I", data, pos)
        pos += 4
        value_start = pos
        value(vtype)
        kv.append((key, start, value_start, pos))
    tensors = []
    for _ in range(n_tensors):
        start = pos
        name = string()
        (n_dims,) = struct.unpack_from("<I", data, pos)
        pos += 4 + 8 * n_dims
        tensors.append((name, start, pos, pos + 12))
        pos += 12
    data_start = -(-pos // 32) * 32
    return Layout(kv, tensors, pos, data_start, len(data))


def build_corpus(folder: Path) -> list[Case]:
    """Write every case into `folder` (created) and return them."""
    folder.mkdir(parents=True, exist_ok=True)
    base = write_tiny_llama(folder / "base.gguf").read_bytes()
    cases = [Case(folder / "base.gguf", "control: the untouched tiny llama", "engine")]

    def raw(name: str, data: bytes, what: str, level: str = "header") -> None:
        path = folder / f"{len(cases):03d}-{name}.gguf"
        path.write_bytes(data)
        cases.append(Case(path, what, level))

    lay = layout(base)
    for offset, label in _boundaries(lay):
        raw(f"cut-{label}", base[:offset], f"truncated at {label} (byte {offset})")
    _header_cases(base, lay, raw)
    _tensor_cases(base, lay, raw)
    _semantic_cases(folder, cases)
    return cases


def _boundaries(lay: Layout) -> list[tuple[int, str]]:
    marks = [(0, "empty"), (2, "magic"), (4, "after-magic"), (6, "version"),
             (8, "after-version"), (16, "after-n-tensors"), (24, "after-n-kv")]
    for i, (key, start, value_start, end) in enumerate(lay.kv):
        marks += [(start + 4, f"kv{i}-key-length"), (value_start - 2, f"kv{i}-type"),
                  (value_start + 1, f"kv{i}-value"), (end, f"after-kv{i}-{key}")]
    for i, (_name, start, type_at, end) in enumerate(lay.tensors):
        marks += [(start + 3, f"tensor{i}-name"), (type_at + 2, f"tensor{i}-type"),
                  (end, f"after-tensor-info{i}")]
    marks += [(lay.info_end + (lay.data_start - lay.info_end) // 2, "padding"),
              (lay.data_start, "data-start"), (lay.data_start + 1, "data-first-byte"),
              ((lay.data_start + lay.size) // 2, "data-middle"), (lay.size - 1, "data-last-byte")]
    seen, unique = set(), []
    for offset, label in marks:
        if offset not in seen and 0 <= offset < lay.size:
            seen.add(offset)
            unique.append((offset, label))
    return unique


def _patched(data: bytes, offset: int, fmt: str, *values: int) -> bytes:
    out = bytearray(data)
    struct.pack_into(fmt, out, offset, *values)
    return bytes(out)


def _header_cases(base: bytes, lay: Layout, raw) -> None:
    raw("magic-ggux", b"GGUX" + base[4:], "bad magic")
    raw("magic-ggml", b"lmgg" + base[4:], "the pre-GGUF ggml magic")
    raw("magic-zero", bytes(4) + base[4:], "zero magic")
    for version in (0, 1, 4, 2**32 - 1):
        raw(f"version-{version}", _patched(base, 4, "<I", version), f"version {version}")
    for count in (HUGE, 2**64 - 1):
        raw(f"n-tensors-{count}", _patched(base, 8, "<Q", count), f"n_tensors = {count}")
        raw(f"n-kv-{count}", _patched(base, 16, "<Q", count), f"n_kv = {count}")
    key, start, value_start, _end = lay.kv[0]
    raw("key-length-2p63", _patched(base, start, "<Q", HUGE), f"key length 2^63 ({key})")
    name_kv = next(kv for kv in lay.kv if kv[0] == "general.name")
    raw("string-length-2p63", _patched(base, name_kv[2], "<Q", HUGE),
        "general.name string length 2^63")
    tokens = next(kv for kv in lay.kv if kv[0] == "tokenizer.ggml.tokens")
    raw("string-array-2p63", _patched(base, tokens[2] + 4, "<Q", HUGE),
        "tokenizer.ggml.tokens: an array of 2^63 strings")
    scores = next(kv for kv in lay.kv if kv[0] == "tokenizer.ggml.scores")
    raw("float-array-2p63", _patched(base, scores[2] + 4, "<Q", HUGE),
        "tokenizer.ggml.scores: an array of 2^63 floats")
    raw("array-of-arrays", _patched(base, scores[2], "<I", _ARRAY), "an array of arrays")
    raw("value-type-99", _patched(base, value_start - 4, "<I", 99), "unknown value type 99")
    raw("single-array-2p63", _minimal(_kv("general.architecture", _STRING, _str(b"llama"))
                                      + _kv("big", _ARRAY, struct.pack("<IQ", 0, HUGE))),
        "a header holding only an array of 2^63 bytes")
    for alignment in (0, 3, 2**31 + 1):
        raw(f"alignment-{alignment}", _with_kv(base, "general.alignment", 4,
                                               struct.pack("<I", alignment)),
            f"general.alignment = {alignment}")


def _tensor_cases(base: bytes, lay: Layout, raw) -> None:
    first, second, last = lay.tensors[0], lay.tensors[1], lay.tensors[-1]
    offset_at = last[2] + 4
    raw("offset-out-of-file", _patched(base, offset_at, "<Q", lay.size * 4),
        "last tensor's offset past the end of the file")
    raw("offset-2p63", _patched(base, offset_at, "<Q", HUGE), "tensor offset 2^63")
    raw("offset-overlap", _patched(base, second[2] + 4, "<Q", 0),
        "second tensor overlaps the first", "engine")
    raw("offset-misaligned", _patched(base, second[2] + 4, "<Q",
                                      struct.unpack_from("<Q", base, second[2] + 4)[0] + 1),
        "tensor offset off alignment", "engine")
    raw("ggml-type-99", _patched(base, first[2], "<I", 99), "unknown ggml type 99", "engine")
    raw("ggml-type-4", _patched(base, first[2], "<I", 4), "removed ggml type 4 (Q4_2)", "engine")
    raw("ggml-type-q8", _patched(base, first[2], "<I", 8),
        "tensor type changed to Q8_0 (sizes no longer match)", "engine")
    raw("n-dims-5", _patched(base, first[1] + 8 + len(first[0]), "<I", 5), "a 5-D tensor")
    raw("dim-2p63", _patched(base, first[1] + 12 + len(first[0]), "<Q", HUGE),
        "a tensor dimension of 2^63")


def _semantic_cases(folder: Path, cases: list[Case]) -> None:
    """Well-formed files with hostile content, written with the gguf package."""
    import gguf

    def add(name: str, what: str, template: str | None = None, **edits: object) -> None:
        path = folder / f"{len(cases):03d}-{name}.gguf"
        real = gguf.GGUFWriter
        arch = edits.get("arch", "llama")
        heads = edits.get("heads")

        class Writer(real):  # the tiny llama, with one thing changed
            def __init__(self, p: str, _arch: str, **kw: object) -> None:
                super().__init__(p, arch, **kw)

            def add_head_count(self, n: int) -> None:
                super().add_head_count(n if heads is None else heads)

        gguf.GGUFWriter = Writer
        try:
            write_tiny_llama(path, chat_template=template)
        finally:
            gguf.GGUFWriter = real
        cases.append(Case(path, what, "engine"))

    add("unknown-arch", "unknown architecture 'foo'", arch="foo")
    add("zero-heads", "attention.head_count = 0", heads=0)
    for name, (what, template) in TEMPLATES.items():
        add(f"template-{name}", what, template)


TEMPLATES = {
    "ssti-popen": ("SSTI: cycler.__init__.__globals__.os.popen",
                   "{{ cycler.__init__.__globals__.os.popen('touch /tmp/maru-pwned').read() }}"),
    "ssti-mro": ("SSTI: ''.__class__.__mro__ subclasses",
                 "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    "ssti-format": ("SSTI: str.format reaching __globals__",
                    "{{ '{0.__init__.__globals__}'.format(cycler) }}"),
    "loops-3-deep": ("three nested loops over range(10**5)",
                     "{% for a in range(10**5) %}{% for b in range(10**5) %}"
                     "{% for c in range(10**5) %}x{% endfor %}{% endfor %}{% endfor %}"),
    "loops-silent": ("nested loops that call and print nothing",
                     "{% set r = range(100000) %}{% for a in r %}{% for b in r %}"
                     "{% endfor %}{% endfor %}"),
    "string-times": ("'x' * 10**10", "{{ 'x' * 10**10 }}"),
    "center-3g": ("'x'|center(3000000000)", "{{ 'x'|center(3000000000) }}"),
    "doubling": ("a string doubled 64 times",
                 "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                 "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"),
    "compile-bomb": ("30,000 tags (slow to compile)", "{{ x }}" * 30_000),
    "ten-mb": ("a 10 MB template string", "{{ messages[0]['content'] }}" + "a" * 10 * 1024**2),
    "broken": ("template syntax error", "{% for m in messages %}"),
    "raises": ("raise_exception() on every conversation",
               "{{ raise_exception('no conversation is good enough') }}"),
}


def _str(b: bytes) -> bytes:
    return struct.pack("<Q", len(b)) + b


def _kv(key: str, vtype: int, payload: bytes) -> bytes:
    return _str(key.encode()) + struct.pack("<I", vtype) + payload


def _minimal(kvs: bytes, n_kv: int = 2) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", 3, 0, n_kv) + kvs + bytes(64)


def _with_kv(base: bytes, key: str, vtype: int, payload: bytes) -> bytes:
    """The base with one more key/value pair appended after the last one."""
    lay = layout(base)
    end = lay.kv[-1][3]
    head = _patched(base[:end], 16, "<Q", len(lay.kv) + 1)
    return head + _kv(key, vtype, payload) + base[end:]
