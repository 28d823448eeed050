"""The installed models: GGUF files in the user's models folder, files linked in
place from elsewhere, and the bundled starter model.

Linked files are recorded by absolute path in `models_dir()/links.json`
({"version": 1, "links": [path, ...]}); the user's file stays where it is and is
never deleted by Maru. A split model (`Big-00001-of-00003.gguf` ...) is one
model everywhere: listed once, by its first part, with the size of all parts.

`resolve()` and `model_files()` read only file names, links.json and stat()s,
so they are cheap enough for the GUI thread at start-up; `installed_models()`
reads every header and `remove_model()` deletes files: call those off it.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.backends import model_prefs
from desktop.backends.atomic_json import write_json_atomic
from desktop.backends.gguf_info import GGUFInfo, read_gguf_info
from desktop.backends.starter_model import STARTER_MODEL_FILE
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.hub_models import split_part

LINKS_VERSION = 1
MISSING = "missing"  # InstalledModel.problem of a link whose file is gone
_links_lock = threading.Lock()


@dataclass(frozen=True)
class InstalledModel:
    """A model Maru can offer: its (first) file, what its header says (None if
    unreadable or not read), and why it cannot be used ("" when it can)."""

    path: Path
    info: GGUFInfo | None
    problem: str = ""
    size_bytes: int = 0  # all parts together
    linked: bool = False  # used in place from outside the models folder
    bundled: bool = False  # ships with Maru; cannot be removed
    parts: tuple[Path, ...] = ()  # every file of the model, first part first

    @property
    def name(self) -> str:
        """What users type after --model: the file name without .gguf, and
        without the split suffix for a split model."""
        return model_name(self.path)


def model_name(path: Path) -> str:
    """A model's name from any of its files ("Big-00002-of-00003.gguf" -> "Big")."""
    part = split_part(path.name)
    return part.base if part else path.stem


def split_parts(path: Path) -> tuple[tuple[Path, ...], list[Path]]:
    """(every part's path in order, the missing ones) for the model that `path`
    belongs to; a single-file model is its own one part."""
    part = split_part(path.name)
    if part is None:
        return (path,), [] if path.is_file() else [path]
    wanted = tuple(path.with_name(f"{part.base}-{i:05d}-of-{part.count:05d}.gguf")
                   for i in range(1, part.count + 1))
    return wanted, [p for p in wanted if not p.is_file()]


def weights_bytes(path: Path) -> int:
    """Bytes on disk of the model `path` belongs to: every part of a split model."""
    parts, missing = split_parts(path)
    return sum(p.stat().st_size for p in parts if p not in missing)


# ---- the linked-files registry --------------------------------------------------------------

def links_path() -> Path:
    """The registry of files used in place."""
    return paths.models_dir() / "links.json"


def linked_paths() -> list[Path]:
    """The absolute paths recorded as linked, in the order they were added; a
    missing or unreadable registry is an empty one."""
    try:
        raw = json.loads(links_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    links = raw.get("links") if isinstance(raw, dict) else None
    if not isinstance(links, list):
        return []
    return [Path(p) for p in links if isinstance(p, str) and Path(p).is_absolute()]


def add_link(path: Path) -> None:
    """Record `path` (absolute, a model's first part) as linked; no-op if it is."""
    with _links_lock:
        links = linked_paths()
        if path not in links:
            _save_links([*links, path])


def remove_link(path: Path) -> None:
    """Forget a linked path (the file itself is untouched)."""
    with _links_lock:
        _save_links([p for p in linked_paths() if p != path])


def _save_links(links: list[Path]) -> None:
    write_json_atomic(links_path(),
                                  {"version": LINKS_VERSION, "links": [str(p) for p in links]})


# ---- listing --------------------------------------------------------------------------------

def search_dirs() -> list[Path]:
    """Folders scanned for models, in order: the user's folder, then bundled ones."""
    return [paths.models_dir(), paths.bundled_models_dir()]


def _folder_models(folder: Path, bundled: bool) -> list[InstalledModel]:
    if not folder.is_dir():
        return []
    models = []
    for path in sorted(folder.glob("*.gguf")):
        part = split_part(path.name)
        if part is None or part.index == 1:  # later parts belong to their first
            models.append(_entry(path, linked=False, bundled=bundled))
    return models


def _entry(path: Path, *, linked: bool, bundled: bool) -> InstalledModel:
    """A model without its header read: sizes from stat(), problems from names."""
    parts, missing = split_parts(path)
    if linked and path in missing:
        return InstalledModel(path, None, MISSING, 0, linked, bundled, parts)
    problem = ""
    if missing:
        problem = "incomplete: " + ", ".join(p.name for p in missing) + " missing"
    return InstalledModel(path, None, problem, weights_bytes(path), linked, bundled, parts)


def _scan() -> list[InstalledModel]:
    """Every model, cheaply; a name listed once (the models folder wins, then links,
    then the bundled folder)."""
    found = [*_folder_models(paths.models_dir(), bundled=False),
             *(_entry(p, linked=True, bundled=False) for p in linked_paths()),
             *_folder_models(paths.bundled_models_dir(), bundled=True)]
    seen: set[str] = set()
    unique = []
    for model in found:
        if model.name.lower() not in seen:
            seen.add(model.name.lower())
            unique.append(model)
    return unique


def model_files() -> list[Path]:
    """The (first) file of every usable model: missing links and incomplete split
    models are left out. Cheap (no header reads)."""
    return [m.path for m in _scan() if not m.problem]


def installed_models() -> list[InstalledModel]:
    """Every model with what its header says, including links whose file is gone
    (problem MISSING). Reads each header: not for the GUI thread."""
    return [_with_header(m) for m in _scan()]


def _with_header(model: InstalledModel) -> InstalledModel:
    if model.problem:
        return model
    try:
        return dataclasses.replace(model, info=read_gguf_info(model.path))
    except EngineError as exc:
        return dataclasses.replace(model, problem=exc.detail or exc.kind.value)


# ---- lookup and removal ---------------------------------------------------------------------

def resolve(name_or_path: str | None, default: str | None = None) -> Path:
    """Find a model by path, exact name, or unique case-insensitive part of a name.

    With no name: `default` (a settings value), else the starter model, else the
    first installed model. Only file names, links.json and stat() are read, so it
    is cheap anywhere. Raises EngineError(MODEL_NOT_FOUND).
    """
    wanted = name_or_path or default
    files = model_files()
    if wanted is None:
        starter = [f for f in files if f.name == STARTER_MODEL_FILE]
        if starter or files:
            return (starter or files)[0]
        raise EngineError(ErrorKind.MODEL_NOT_FOUND, "no model is installed")
    as_path = Path(wanted).expanduser()
    if as_path.is_file():
        return as_path
    exact = [f for f in files if _matches_exactly(f, wanted)]
    if exact:
        return exact[0]
    partial = [f for f in files if wanted.lower() in f.stem.lower()]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        names = ", ".join(model_name(f) for f in partial)
        raise EngineError(ErrorKind.MODEL_NOT_FOUND, f"'{wanted}' matches several models: {names}")
    raise EngineError(ErrorKind.MODEL_NOT_FOUND, f"no installed model matches '{wanted}'")


def _matches_exactly(path: Path, wanted: str) -> bool:
    wanted = wanted.lower().removesuffix(".gguf")
    return wanted in (path.stem.lower(), model_name(path).lower())


def find_installed(name_or_path: str | Path) -> InstalledModel:
    """The installed model with exactly this name, or with this path as one of its
    files (missing links included; no partial matches: this is what removal uses).
    Cheap (no header reads); raises EngineError(MODEL_NOT_FOUND)."""
    as_path = Path(name_or_path).expanduser()
    as_path = as_path.resolve() if as_path.is_absolute() or as_path.exists() else None
    for model in _scan():
        if as_path is not None and as_path in {p.resolve() for p in model.parts}:
            return model
        if _matches_exactly(model.path, str(name_or_path)):
            return model
    raise EngineError(ErrorKind.MODEL_NOT_FOUND, f"no installed model is named '{name_or_path}'")


def remove_model(name_or_path: str | Path) -> None:
    """Remove an installed model and forget its per-model defaults.

    A downloaded or copied model's files (every part) are deleted; a linked
    model is only unregistered, the user's file is left alone. Blocks on file
    deletion: call it off the GUI thread. Raises EngineError MODEL_NOT_FOUND
    (nothing matches exactly) or BAD_REQUEST (the bundled starter model).
    """
    model = find_installed(name_or_path)
    if model.bundled:
        raise EngineError(ErrorKind.BAD_REQUEST,
                          f"{model.name} ships with Maru and cannot be removed")
    if model.linked:
        remove_link(model.path)
    else:
        for part in reversed(model.parts):  # first part last: it is what makes it listed
            part.unlink(missing_ok=True)
    model_prefs.forget_defaults(model.name)
