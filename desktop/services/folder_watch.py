"""FolderWatch: tell the documents service when a collection's files change.

QFileSystemWatcher reports a folder when an entry is added, removed or renamed,
and a file when its contents change, so both the folders (with their
subfolders) and the files under them are watched. Bursts (an editor's save, a
copy of many files) are folded into one call per collection after a quiet
moment. Lives on the GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from desktop.core.documents import format_for

QUIET_MS = 1500  # wait this long after the last change before re-scanning
MAX_PATHS = 8000  # inotify watches are a per-user budget; leave room for other apps


class FolderWatch(QObject):
    """Calls `on_changed(collection)` after files under a collection's roots change."""

    def __init__(self, on_changed: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_changed = on_changed
        self._watcher: QFileSystemWatcher | None = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_path)
        self._watcher.fileChanged.connect(self._on_path)
        self._roots: dict[str, tuple[Path, ...]] = {}
        self._pending: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=QUIET_MS, timeout=self._flush)

    def set_roots(self, roots: Mapping[str, Sequence[str]]) -> None:
        """Watch these collections' files and folders (replacing what was watched)."""
        if self._watcher is None:
            return
        self._roots = {name: tuple(Path(p) for p in paths) for name, paths in roots.items()}
        wanted = self._paths_to_watch()
        current = set(self._watcher.files()) | set(self._watcher.directories())
        if stale := current - wanted:
            self._watcher.removePaths(sorted(stale))
        if new := wanted - current:
            self._watcher.addPaths(sorted(new))

    def stop(self) -> None:
        """Watch nothing more, for good. The watcher is destroyed here, on the GUI
        thread: left to garbage collection it could die on a pool thread, and its
        inotify socket notifier must not be touched from another thread."""
        self._timer.stop()
        if self._watcher is not None:
            shiboken6.delete(self._watcher)
            self._watcher = None

    @property
    def watched(self) -> int:
        """How many files and folders are watched."""
        if self._watcher is None:
            return 0
        return len(self._watcher.files()) + len(self._watcher.directories())

    def _paths_to_watch(self) -> set[str]:
        paths: set[str] = set()
        for roots in self._roots.values():
            for root in roots:
                paths.update(_walk(root, MAX_PATHS - len(paths)))
        return paths

    def _on_path(self, path: str) -> None:
        changed = Path(path)
        for name, roots in self._roots.items():
            if any(changed == root or root in changed.parents for root in roots):
                self._pending.add(name)
        self._timer.start()

    def _flush(self) -> None:
        pending, self._pending = self._pending, set()
        for name in sorted(pending):
            self._on_changed(name)


def _walk(root: Path, budget: int) -> set[str]:
    """The root and, for a folder, its non-hidden subfolders and readable documents."""
    if budget <= 0 or not root.exists():
        return set()
    if root.is_file():
        return {str(root)}
    found = {str(root)}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for entry in [*dirs, *files]:
            if len(found) >= budget:
                return found
            if entry in dirs or (not entry.startswith(".") and format_for(entry)):
                found.add(os.path.join(folder, entry))
    return found
