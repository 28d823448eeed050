"""Is there room for N more bytes? One rule for downloads and copies."""

from __future__ import annotations

import shutil
from pathlib import Path

MARGIN_BYTES = 64 * 1024**2  # never fill a disk to the last byte: everything else breaks


def room_for(folder: Path, needed: int) -> tuple[bool, int]:
    """(whether `needed` bytes plus the margin fit in `folder`'s file system, free bytes)."""
    free = shutil.disk_usage(folder).free
    return needed <= 0 or needed + MARGIN_BYTES <= free, free
