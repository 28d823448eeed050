"""Folder chores shared by the data-folder move and the cache cleaner."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)


def tree_size(path: Path) -> int:
    """Bytes of the files under `path` (or of the file itself); links are not followed,
    and files that vanish while counting count as nothing."""
    if path.is_symlink() or not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def empty_folder(folder: Path) -> None:
    """Remove everything inside `folder` (not the folder). What cannot be removed (a
    file in use on Windows) is logged and left."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for child in folder.iterdir():
        try:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        except OSError as exc:
            log.warning("could not remove %s: %s", child, exc)
