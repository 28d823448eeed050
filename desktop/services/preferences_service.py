"""PreferencesService: the Settings dialog's one door to the settings, the data folder
and the caches.

Lives on the GUI thread. Saving is a small atomic file write, done at once; measuring
and clearing the caches and moving the data folder run on the service's own worker
thread and answer with signals. A move runs only at start-up, before any store opens
(`move_pending`), because the databases are open while Maru runs: the dialog records
the target in `Settings.data_dir_pending`.

Signals (GUI thread):
- saved(Settings): settings were saved through `save`
- cache_measured(int bytes), caches_cleared(int bytes freed)
- move_progress(int percent), move_finished(str kind, str detail): kind "" when the
  data now lives in the new folder, else a MoveErrorKind value (nothing changed)
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

from desktop import paths
from desktop import settings as settings_mod
from desktop.backends import caches, data_move
from desktop.core.errors import KindError
from desktop.services.background import BackgroundTasks
from desktop.settings import Settings

LOCK_FILE = "maru.lock"


class PreferencesService(QObject):
    """Load and save settings; measure and clear caches; check and run data folder moves."""

    saved = Signal(object)
    cache_measured = Signal(object)  # int: bytes may pass 2 GiB, a C++ int's limit
    caches_cleared = Signal(object)
    move_progress = Signal(int)
    move_finished = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = BackgroundTasks(workers=1, name="maru-prefs", parent=self)
        self._cancel = threading.Event()
        self._lock: QLockFile | None = None
        self._percent = -1

    def shutdown(self) -> None:
        """Wait for background work; no signal fires afterwards."""
        self._cancel.set()
        self._tasks.shutdown()

    # ---- settings --------------------------------------------------------------------------

    def settings(self) -> Settings:
        """The settings as saved now."""
        return settings_mod.load()

    def save(self, settings: Settings) -> None:
        """Save `settings` (atomically); saved follows. Raises OSError when the file
        cannot be written."""
        settings_mod.save(settings)
        self.saved.emit(settings)

    # ---- the data folder -------------------------------------------------------------------

    def data_folder(self) -> Path:
        """The folder Maru's data lives in now."""
        return paths.data_dir()

    def folder_fixed(self) -> bool:
        """True when MARU_HOME sets the folder: it cannot be moved from the dialog."""
        return paths.home() is not None

    def data_folder_missing(self) -> bool:
        """True when the user's chosen data folder is not there (a removable drive that is
        not connected, say): starting would make a new, empty one."""
        return (not self.folder_fixed() and paths.chosen_data_dir() is not None
                and not paths.data_dir().is_dir())

    def move_refusal(self, target: str) -> tuple[str, str] | None:
        """(MoveErrorKind value, detail) when the data cannot move to `target`, else None.
        Checks emptiness, permission (a probe file) and free space; leaves no trace."""
        refusal = data_move.refusal(paths.data_dir(), Path(target))
        return (refusal.kind.value, refusal.detail) if refusal is not None else None

    def pending_move(self) -> str | None:
        """Where the data folder moves at the next start, if the user asked for a move."""
        return None if self.folder_fixed() else settings_mod.load().data_dir_pending

    def claim_data_folder(self, wait_ms: int) -> bool:
        """Take the lock every running Maru holds for its lifetime, waiting up to `wait_ms`
        for one that is quitting (a restart). False: another Maru is using the data."""
        lock = QLockFile(str(paths.ensure(paths.config_dir()) / LOCK_FILE))
        lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
        if not lock.tryLock(wait_ms):
            return False
        self._lock = lock
        return True

    def move_pending(self) -> None:
        """Move the data to the pending target on the worker thread: move_progress, then
        move_finished. Success or not, the pending move is cleared (a refused move is not
        tried again at every start). Call before any store opens."""
        target = self.pending_move()
        if not target:
            self.move_finished.emit("", "")
            return
        self._cancel.clear()
        self._percent = -1
        self._tasks.run(self._move, Path(target), on_done=lambda _r: self._moved("", ""),
                        on_error=self._move_failed)

    def cancel_move(self) -> None:
        """Stop a running move within a moment; nothing changes."""
        self._cancel.set()

    def _move(self, target: Path) -> data_move.MoveResult:  # worker thread
        def switch() -> None:
            default = paths.default_data_dir().resolve()
            settings_mod.save(dataclasses.replace(
                settings_mod.load(), data_dir_pending=None,
                data_dir=None if target.resolve() == default else str(target.resolve())))

        return data_move.move_data(paths.data_dir(), target, switch=switch,
                                   on_progress=self._on_progress, cancel=self._cancel)

    def _on_progress(self, done: int, total: int) -> None:  # worker thread
        percent = done * 100 // total if total else 100
        if percent != self._percent:
            self._percent = percent
            self.move_progress.emit(percent)

    def _move_failed(self, exc: object) -> None:
        if isinstance(exc, KindError):
            kind, detail = exc.kind.value, exc.detail
        else:
            kind = data_move.MoveErrorKind.COPY_FAILED.value
            detail = f"{type(exc).__name__}: {exc}"
        self._moved(kind, detail)

    def _moved(self, kind: str, detail: str) -> None:
        if kind:  # the pointer was not switched: only the request goes
            # If this write fails too, the move is refused again next time, same reason.
            with contextlib.suppress(OSError):
                settings_mod.save(dataclasses.replace(settings_mod.load(),
                                                      data_dir_pending=None))
        self.move_finished.emit(kind, detail)

    # ---- caches ----------------------------------------------------------------------------

    def measure_cache(self) -> None:
        """Count the caches' bytes off the GUI thread; cache_measured follows."""
        self._tasks.run(caches.cache_size, self.data_folder(), on_done=self.cache_measured.emit,
                        on_error=lambda _exc: self.cache_measured.emit(0))

    def clear_caches(self) -> None:
        """Delete the caches (never models, partial downloads, chats or indexes);
        caches_cleared(bytes freed) follows."""
        self._tasks.run(caches.clear_caches, self.data_folder(),
                        on_done=self.caches_cleared.emit,
                        on_error=lambda _exc: self.caches_cleared.emit(0))
