"""A small file system for the models folder, and a way to fill it up at a chosen moment.

Tried in order: a real tmpfs (`mount -t tmpfs -o size=N`, needs root and CAP_SYS_ADMIN;
it works in the development sandbox), else a fault-injection wrapper at the write call
of hub_download's staged file plus a matching free-space answer (a CI runner that may
not mount). A loop-mounted file system needs the same privilege as tmpfs, and
RLIMIT_FSIZE raises EFBIG ("file too large"), not ENOSPC, so neither is a fallback
worth having. `SmallDisk.how` says which one a run used; MARU_CHAOS_NO_MOUNT=1 forces
the injected one (to check the path CI may take).
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path

import pytest

from desktop.backends import disk_space, hub_download

FILLER = "filler.bin"  # what "another program" wrote to fill the disk (tmpfs only)


class SmallDisk:
    """A folder with `size` bytes of room; `fill()` takes what is left, `release()` frees it."""

    def __init__(self, folder: Path, size: int, how: str) -> None:
        self.folder, self.size, self.how = folder, size, how
        self.full = False  # the injected disk only
        self._filler = folder / FILLER

    def fill(self) -> None:
        """Another program takes every free byte (called on the fake Hub's thread)."""
        self.full = True
        if self.how != "tmpfs":
            return  # the injected disk refuses writes while `full`
        with open(self._filler, "ab") as out:
            free = os.statvfs(self.folder).f_bavail * os.statvfs(self.folder).f_frsize
            with contextlib.suppress(OSError):
                os.posix_fallocate(out.fileno(), 0, free)
            block = b"\0" * 4096
            with contextlib.suppress(OSError):  # to the last page: ENOSPC ends it
                while True:
                    out.write(block)
                    out.flush()

    def release(self) -> None:
        """The user freed space."""
        self.full = False
        self._filler.unlink(missing_ok=True)

    def used(self) -> int:
        """Bytes in the folder (the injected disk's own accounting)."""
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())


class _FullFile:
    """A staged file whose writes fail with ENOSPC while the injected disk is full."""

    def __init__(self, raw, disk: SmallDisk) -> None:
        self._raw, self._disk = raw, disk

    def write(self, data: bytes) -> int:
        if self._disk.full or self._disk.used() + len(data) > self._disk.size:
            raise OSError(errno.ENOSPC, "No space left on device (injected)")
        return self._raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self._raw, name)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()


def _mount_tmpfs(folder: Path, size: int) -> bool:
    if os.geteuid() != 0 or os.environ.get("MARU_CHAOS_NO_MOUNT") == "1":
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True, timeout=30)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """Factory: `small_disk(size)` -> a SmallDisk (unmounted at the end of the test)."""
    mounted: list[Path] = []
    made = iter(range(1 << 10))

    def make(size: int) -> SmallDisk:
        folder = tmp_path / f"disk-{next(made)}"
        folder.mkdir()
        if _mount_tmpfs(folder, size):
            mounted.append(folder)
            return SmallDisk(folder, size, "tmpfs")
        disk = SmallDisk(folder, size, "injected")
        real_open = open

        def staged_open(path, mode="r", *args, **kwargs):
            raw = real_open(path, mode, *args, **kwargs)
            inside = Path(path).resolve().is_relative_to(folder.resolve())
            return _FullFile(raw, disk) if inside and "a" in mode else raw

        def room_for(target: Path, needed: int) -> tuple[bool, int]:
            free = 0 if disk.full else max(0, size - disk.used())
            return needed <= 0 or needed + disk_space.MARGIN_BYTES <= free, free

        monkeypatch.setattr(hub_download, "open", staged_open, raising=False)
        monkeypatch.setattr(disk_space, "room_for", room_for)
        return disk

    yield make
    for folder in mounted:
        if subprocess.run(["umount", str(folder)], capture_output=True, timeout=30).returncode:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)
