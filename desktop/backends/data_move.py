"""Moving Maru's data folder without ever losing data.

`move_data` runs the whole protocol: check the target, copy every data entry
(paths.DATA_ENTRIES) into it, verify each copied file (size and sha256 against the
bytes read from the source), call `switch` (the caller points Maru at the new
folder), and only then remove the old copy. Until `switch` returns, a failure of
any kind (no space, no permission, a removed drive, cancel, an exception in a
progress callback) removes what was copied and leaves the source untouched and in
use. Nothing may write to the data while this runs: Maru moves it at start-up,
before any store opens.

Blocking; call from a worker thread. Raises MoveError (or re-raises what the
progress callback raised, after cleaning up).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from desktop import paths
from desktop.backends.disk_space import room_for
from desktop.backends.folders import empty_folder, tree_size
from desktop.core.errors import KindError

log = logging.getLogger(__name__)

CHUNK = 1 << 20
PROBE_NAME = ".maru-write-test"
Progress = Callable[[int, int], None]  # (bytes done, bytes total); copy and verify both count


class MoveErrorKind(StrEnum):
    """Why the data folder was not moved (nothing changed in each case)."""

    SAME_FOLDER = "same_folder"  # the target is the data folder itself
    INSIDE_CURRENT = "inside_current"  # the target lies inside the data folder
    NOT_A_FOLDER = "not_a_folder"  # the target is a file
    NOT_EMPTY = "not_empty"  # the target holds something already
    NOT_WRITABLE = "not_writable"  # no permission, or a read-only disk
    NO_SPACE = "no_space"  # the target's disk has too little free space
    COPY_FAILED = "copy_failed"  # reading or writing failed on the way
    VERIFY_FAILED = "verify_failed"  # a copy differs from its original
    CANCELLED = "cancelled"


class MoveError(KindError):
    """A refused or failed move; `kind` is a MoveErrorKind."""


@dataclass
class MoveResult:
    """What a finished move did: bytes copied, and old entries it could not remove
    (the data is safe in the new folder; these only take space)."""

    bytes_moved: int
    left_behind: list[str] = field(default_factory=list)


def move_data(source: Path, target: Path, *, switch: Callable[[], None],
              on_progress: Progress | None = None,
              cancel: threading.Event | None = None) -> MoveResult:
    """Move the data entries of `source` into `target` (created if missing, else empty).

    `switch()` runs after every copy is verified; if it raises, the copy is removed and
    the source stays in use. After it, the source's entries are removed.
    """
    source, target = source.resolve(), target.resolve()
    entries = [source / name for name in paths.DATA_ENTRIES if os.path.lexists(source / name)]
    created = check_target(source, target)
    total = sum(tree_size(e) for e in entries)
    try:
        _check_space(target, total)
        done = _Counter(2 * total, on_progress, cancel)  # every byte is read twice
        copied = [item for e in entries for item in _copy(e, target / e.name, done)]
        for original, copy, size, digest in copied:
            _verify(original, copy, size, digest, done)
        switch()
    except BaseException as exc:
        _discard_copy(target, created)
        if isinstance(exc, OSError):
            raise _as_move_error(exc) from exc
        raise
    return MoveResult(total, remove_entries(source))


def check_target(source: Path, target: Path) -> list[Path]:
    """Raise MoveError when `target` cannot take the data; else create it if needed and
    return the folders created (for clean-up). Probes writability with a small file."""
    source, target = source.resolve(), target.resolve()
    if target == source:
        raise MoveError(MoveErrorKind.SAME_FOLDER, str(target))
    if target.is_relative_to(source):
        raise MoveError(MoveErrorKind.INSIDE_CURRENT, str(target))
    if target.exists() and not target.is_dir():
        raise MoveError(MoveErrorKind.NOT_A_FOLDER, str(target))
    if target.is_dir() and any(target.iterdir()):
        raise MoveError(MoveErrorKind.NOT_EMPTY, str(target))
    created = [p for p in (target, *target.parents) if not p.exists()]
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = target / PROBE_NAME
        probe.write_bytes(b"maru")
        probe.unlink()
    except OSError as exc:
        _discard_copy(target, created)
        raise MoveError(MoveErrorKind.NOT_WRITABLE, f"{target}: {exc}") from exc
    return created


def refusal(source: Path, target: Path) -> MoveError | None:
    """Why the data of `source` cannot move to `target` now (emptiness, permission, free
    space), or None. Leaves no trace: folders it had to create for the probe go again."""
    try:
        created = check_target(source, target)
    except MoveError as exc:
        return exc
    try:
        _check_space(target.resolve(), data_size(source))
    except MoveError as exc:
        return exc
    finally:
        _discard_copy(target.resolve(), created)
    return None


def remove_entries(folder: Path) -> list[str]:
    """Remove the data entries of `folder`, then the folder if it is left empty.
    Returns the entries that could not be removed (logged; never raises)."""
    left = []
    for name in paths.DATA_ENTRIES:
        entry = folder / name
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            elif os.path.lexists(entry):
                entry.unlink()
        except OSError as exc:
            log.warning("could not remove the old %s: %s", entry, exc)
            left.append(str(entry))
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when empty: the config or logs may share it
    return left


def data_size(folder: Path) -> int:
    """Bytes the data entries of `folder` take (what a move copies)."""
    return sum(tree_size(folder / name) for name in paths.DATA_ENTRIES)


# ---- copying and checking ---------------------------------------------------------------


class _Counter:
    """Progress across copy and verify; checks for cancel at every chunk."""

    def __init__(self, total: int, callback: Progress | None,
                 cancel: threading.Event | None) -> None:
        self.total, self.done = total, 0
        self._callback, self._cancel = callback, cancel

    def add(self, n: int) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise MoveError(MoveErrorKind.CANCELLED)
        self.done += n
        if self._callback is not None:
            self._callback(self.done, self.total)


def _copy(source: Path, target: Path,
          done: _Counter) -> Iterator[tuple[Path, Path, int, str]]:
    """Copy a file, link or tree; yields (original, copy, size, sha256 read) per file."""
    if source.is_symlink():  # a link stays a link (e.g. to a model used in place)
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        target.mkdir()
        for child in sorted(source.iterdir()):
            yield from _copy(child, target / child.name, done)
        shutil.copystat(source, target)
    else:
        digest = hashlib.sha256()
        size = 0
        with open(source, "rb") as src, open(target, "xb") as dst:
            while chunk := src.read(CHUNK):
                dst.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                done.add(len(chunk))
            dst.flush()
            os.fsync(dst.fileno())  # on the disk before the old copy goes
        shutil.copystat(source, target)
        yield source, target, size, digest.hexdigest()


def _verify(original: Path, copy: Path, size: int, digest: str, done: _Counter) -> None:
    if copy.stat().st_size != size or original.stat().st_size != size:
        raise MoveError(MoveErrorKind.VERIFY_FAILED, f"{copy}: size differs")
    check = hashlib.sha256()
    with open(copy, "rb") as f:
        while chunk := f.read(CHUNK):
            check.update(chunk)
            done.add(len(chunk))
    if check.hexdigest() != digest:
        raise MoveError(MoveErrorKind.VERIFY_FAILED, f"{copy}: content differs")


def _check_space(target: Path, total: int) -> None:
    fits, free = room_for(target, total)
    if not fits:
        raise MoveError(MoveErrorKind.NO_SPACE, f"{total} bytes needed, {free} free")


def _discard_copy(target: Path, created: list[Path]) -> None:
    """Remove what a failed move put in `target`, and the folders it created."""
    empty_folder(target)
    for folder in created:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            break


def _as_move_error(exc: OSError) -> MoveError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return MoveError(MoveErrorKind.NO_SPACE, str(exc))
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return MoveError(MoveErrorKind.NOT_WRITABLE, str(exc))
    return MoveError(MoveErrorKind.COPY_FAILED, str(exc))
