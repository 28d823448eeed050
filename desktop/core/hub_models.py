"""What the Hub offers, as plain values: repositories, files, and the loadable
variants a repository's GGUF files make (one per quantization, split files as one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

# "-00001-of-00003.gguf": llama.cpp loads a split model from its first part.
_SPLIT = re.compile(r"^(?P<base>.+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.gguf$", re.IGNORECASE)
# Quantization names as they appear in file names (Q4_K_M, IQ4_XS, UD-Q4_K_XL, BF16, ...).
_QUANT = re.compile(
    r"(?<![A-Za-z0-9])((?:UD-)?(?:I?Q\d(?:_[0-9A-Z]+)*|B?F16|F32|TQ\d_\d|MXFP4(?:_MOE)?))(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Not chat models: vision projectors and importance matrices ship beside them.
_NOT_A_MODEL = ("mmproj", "imatrix")


@dataclass(frozen=True)
class HubRepo:
    """A repository found by a Hub search."""

    repo_id: str
    downloads: int = 0
    likes: int = 0
    last_modified: str | None = None  # ISO 8601, as the Hub sends it
    gated: bool = False
    private: bool = False


@dataclass(frozen=True)
class HubFile:
    """One file of a repository, with the size and sha256 the Hub reports."""

    filename: str  # path inside the repository, e.g. "Q4_K_M/model-00001-of-00002.gguf"
    size: int
    sha256: str | None = None  # None for files not stored in LFS/Xet


@dataclass(frozen=True)
class SplitPart:
    """Where a file sits in a split GGUF."""

    base: str
    index: int
    count: int


@dataclass(frozen=True)
class ModelVariant:
    """One loadable model of a repository: a single GGUF, or every part of a split one."""

    repo_id: str
    revision: str  # the commit the files were listed at; downloads pin to it
    quantization: str
    files: tuple[HubFile, ...]  # parts in order

    @property
    def size(self) -> int:
        """Bytes to download (all parts)."""
        return sum(f.size for f in self.files)

    @property
    def is_split(self) -> bool:
        """True when the model comes in several files."""
        return len(self.files) > 1

    @property
    def filename(self) -> str:
        """The file llama.cpp is pointed at: the only one, or the first part."""
        return self.files[0].filename

    @property
    def complete(self) -> bool:
        """False when a split model's listing lacks a part (it cannot be loaded)."""
        part = split_part(self.filename)
        return part is None or len(self.files) == part.count


def split_part(filename: str) -> SplitPart | None:
    """The split position of `filename`, or None for a single-file model."""
    match = _SPLIT.match(PurePosixPath(filename).name)
    if not match:
        return None
    return SplitPart(match["base"], int(match["index"]), int(match["count"]))


def quantization_of(filename: str) -> str:
    """The quantization named in a file name ("Q4_K_M"), or "" when it names none."""
    name = PurePosixPath(filename).name
    part = split_part(name)
    stem = part.base if part else name.removesuffix(".gguf").removesuffix(".GGUF")
    found = _QUANT.findall(stem)
    return found[-1].upper() if found else ""


def is_model_file(filename: str) -> bool:
    """A .gguf that is a language model (not a projector or an importance matrix)."""
    name = PurePosixPath(filename).name.lower()
    return name.endswith(".gguf") and not name.startswith(_NOT_A_MODEL)


def group_variants(repo_id: str, revision: str, files: list[HubFile]) -> list[ModelVariant]:
    """The repository's GGUF models, smallest first; split parts grouped into one."""
    groups: dict[str, list[HubFile]] = {}
    for file in files:
        if not is_model_file(file.filename):
            continue
        part = split_part(file.filename)
        folder = str(PurePosixPath(file.filename).parent)
        key = f"{folder}/{part.base}" if part else file.filename
        groups.setdefault(key, []).append(file)
    variants = [
        ModelVariant(repo_id, revision, quantization_of(parts[0].filename),
                     tuple(sorted(parts, key=lambda f: f.filename)))
        for parts in groups.values()
    ]
    return sorted(variants, key=lambda v: (v.size, v.filename))
