"""Importing a local .gguf: check it first, then link it in place or copy it in.

The check reads the header with hard bounds (magic, version, truncation: fast,
never loads weights), then asks llama.cpp in a throw-away process whether it
knows the architecture (model_probe). What either refuses is never installed.

A split model (`Big-00001-of-00003.gguf` ...) is imported whole from any of its
parts. Copies land in the models folder under a temporary name and are renamed
into place, the first part last, so a half-copied model is never listed.

Everything here blocks (disk reads, a child process, copies of many GB): call
it off the GUI thread.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop import paths
from desktop.backends import disk_space, model_probe, model_store
from desktop.backends.gguf_info import GGUFInfo, read_gguf_info
from desktop.backends.model_store import InstalledModel
from desktop.core.errors import EngineError, ErrorKind

_SAME_FILE_SAMPLE = 1024**2  # bytes compared at each end to recognise an earlier copy
_TEMP_SUFFIX = ".importing"  # not .gguf: a temp file must never be listed as a model


class CheckWarning(StrEnum):
    """Loadable, but worth telling the user; the UI turns these into words."""

    NO_CHAT_TEMPLATE = "no_chat_template"  # Maru falls back to a generic template
    NO_CONTEXT_LENGTH = "no_context_length"  # the file does not say its training context


@dataclass(frozen=True)
class ImportCheck:
    """What inspect_model found. `error` is None when the model can be imported;
    `info` is None only when the header itself could not be read."""

    path: Path  # the first part of the model (of a split model: part 1)
    info: GGUFInfo | None
    error: EngineError | None = None
    warnings: tuple[CheckWarning, ...] = ()
    parts: tuple[Path, ...] = ()  # every file of the model, first part first
    size_bytes: int = 0  # all parts together

    @property
    def ok(self) -> bool:
        """True when import_model will accept the file."""
        return self.error is None


def inspect_model(path: Path, *, probe: bool = True) -> ImportCheck:
    """Check `path` (any part of a split model) without installing anything.

    Header first: MODEL_NOT_FOUND, NOT_GGUF, UNSUPPORTED_GGUF or TRUNCATED_GGUF
    (a missing split part counts as truncated). Then, with `probe`, llama.cpp
    itself: UNKNOWN_ARCHITECTURE, or UNSUPPORTED_GGUF with llama.cpp's reason for
    anything else it refuses (or a crash). Verdicts about the file come back in
    `error`; only EngineError(WORKER_START_FAILED) is raised. Blocks ~1 s with
    the probe (a child process starts), milliseconds without.
    """
    parts, missing = model_store.split_parts(Path(path).absolute())
    first = parts[0]
    try:
        if not Path(path).is_file():
            raise EngineError(ErrorKind.MODEL_NOT_FOUND, str(path))
        if missing:
            raise EngineError(ErrorKind.TRUNCATED_GGUF, "the model is split into "
                              f"{len(parts)} files and these are missing: "
                              + ", ".join(p.name for p in missing))
        info = read_gguf_info(first)
        for part in parts[1:]:  # later parts: at least complete
            read_gguf_info(part)
    except EngineError as exc:
        return ImportCheck(first, None, exc, parts=parts)
    size = model_store.weights_bytes(first)
    error = _probe(first) if probe else None
    return ImportCheck(first, info, error, _warnings(info), parts, size)


def _probe(path: Path) -> EngineError | None:
    reason = model_probe.probe_loadable(path)
    if reason is None:
        return None
    if "unknown model architecture" in reason:
        return EngineError(ErrorKind.UNKNOWN_ARCHITECTURE, reason)
    return EngineError(ErrorKind.UNSUPPORTED_GGUF, reason)


def _warnings(info: GGUFInfo) -> tuple[CheckWarning, ...]:
    found = []
    if info.chat_template is None:
        found.append(CheckWarning.NO_CHAT_TEMPLATE)
    if info.context_length <= 0:
        found.append(CheckWarning.NO_CONTEXT_LENGTH)
    return tuple(found)


def import_model(path: Path, *, link: bool) -> InstalledModel:
    """Install the model at `path` (any part of a split model) and return its entry.

    Refuses, with inspect_model's EngineError, what inspect_model refuses. With
    `link` the file stays where it is and its absolute path is recorded; else
    every part is copied into the models folder (DISK_FULL when there is not
    room, before or during the copy; nothing partial is left). Importing a model
    that is already installed (the same file, or an earlier copy of it) returns
    the existing entry; a different model of the same name is refused
    (BAD_REQUEST) since names identify models. Blocks for the whole copy.
    """
    check = inspect_model(path)
    if check.error is not None:
        raise check.error
    existing = _already_installed(check)
    if existing is not None:
        return existing
    if link:
        model_store.add_link(check.path.resolve())
    else:
        _copy_parts(check.parts, paths.ensure(paths.models_dir()), check.size_bytes)
    return model_store.find_installed(model_store.model_name(check.path))


def _already_installed(check: ImportCheck) -> InstalledModel | None:
    """The installed entry if this very model is installed; raises if its name is
    taken by a different model."""
    name = model_store.model_name(check.path)
    try:
        model = model_store.find_installed(name)
    except EngineError:
        return None
    if model.problem == model_store.MISSING:  # a stale link: this file replaces it
        model_store.remove_link(model.path)
        return None
    if model.path.resolve() == check.path.resolve() or _same_content(model.path, check.path):
        return model
    raise EngineError(ErrorKind.BAD_REQUEST,
                      f"a different model named '{name}' is already installed "
                      f"({model.path}); rename the file or remove that model first")


def _same_content(a: Path, b: Path) -> bool:
    """Same size and same bytes at both ends: an earlier copy of the same file (a
    full comparison of many GB would make a repeated import take minutes)."""
    try:
        size = a.stat().st_size
        if size != b.stat().st_size:
            return False
        with a.open("rb") as fa, b.open("rb") as fb:
            for offset in (0, max(0, size - _SAME_FILE_SAMPLE)):
                fa.seek(offset)
                fb.seek(offset)
                if fa.read(_SAME_FILE_SAMPLE) != fb.read(_SAME_FILE_SAMPLE):
                    return False
    except OSError:
        return False
    return True


def _copy_parts(parts: tuple[Path, ...], folder: Path, total: int) -> None:
    """Copy every part into `folder`: all to temp names first, then renamed into
    place, the first part last (the one Maru lists). On any failure the temp
    files are removed; ENOSPC/EDQUOT become DISK_FULL."""
    fits, free = disk_space.room_for(folder, total)
    if not fits:
        raise EngineError(ErrorKind.DISK_FULL, f"the model needs {total} bytes and "
                          f"{free} are free in {folder}")
    temps: list[Path] = []
    try:
        for part in parts:
            temps.append(_temp_name(folder, part.name))
            _copy_bytes(part, temps[-1])
        for part, temp in reversed(list(zip(parts, temps, strict=True))):
            os.replace(temp, folder / part.name)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise EngineError(ErrorKind.DISK_FULL, f"copying into {folder}: {exc}") from exc
        raise
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


def _temp_name(folder: Path, name: str) -> Path:
    # A unique name, so two imports of the same file at once cannot mix their bytes.
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=_TEMP_SUFFIX, dir=folder)
    os.close(fd)
    return Path(temp)


def _copy_bytes(src: Path, dst: Path) -> None:
    """Copy the bytes and flush them to disk before the rename makes them visible."""
    with src.open("rb") as fin, dst.open("wb") as fout:
        shutil.copyfileobj(fin, fout, 8 * 1024**2)
        fout.flush()
        os.fsync(fout.fileno())
