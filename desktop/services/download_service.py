"""DownloadService: the download queue, one model at a time, that survives restarts.

Lives on the GUI thread. Each download runs on the service's own worker thread
(through `BackgroundTasks`); progress comes back as a queued signal. The queue is
kept in `downloads.json` in Maru's data folder at every change of state; a job
that was running when Maru stopped comes back paused, with its staged bytes
(`hub_download` keeps them on disk), and resumes where it stopped. While the offline
setting is on, a job that starts fails with HubErrorKind.OFFLINE_MODE before any
request is sent (its bytes stay; Resume tries again).

Signals (GUI thread):
- jobs_changed(): a job was added or removed
- job_changed(str job_id): a job's state or progress changed
- finished(str job_id, str path): a model was verified and installed
- failed(str job_id, str kind, str detail): a HubErrorKind value and a detail
- token_needed(str repo_id): a gated or private repository needs a Hub token
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop import paths
from desktop import settings as settings_mod
from desktop.backends.atomic_json import write_json_atomic
from desktop.core.downloads import (
    DownloadJob,
    JobState,
    SpeedMeter,
    job_from_dict,
    job_id_for,
    job_to_dict,
)
from desktop.core.errors import HubError, HubErrorKind
from desktop.core.hub_models import ModelVariant
from desktop.services.background import BackgroundTasks

log = logging.getLogger(__name__)

TOKEN_KINDS = (HubErrorKind.AUTH_REQUIRED, HubErrorKind.ACCESS_DENIED)


class DownloadService(QObject):
    """Queue, pause, resume and cancel model downloads off the GUI thread."""

    jobs_changed = Signal()
    job_changed = Signal(str)
    finished = Signal(str, str)
    failed = Signal(str, str, str)
    token_needed = Signal(str)
    _progress = Signal(str, int)  # worker thread -> GUI thread

    def __init__(self, models_dir: Path | None = None, state_file: Path | None = None,
                 token: Callable[[], str | None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        from desktop.backends import hub_token

        self._models_dir = models_dir or paths.models_dir()
        self._state_file = state_file or paths.data_dir() / "downloads.json"
        self._token = token or hub_token.load_token
        self._tasks = BackgroundTasks(workers=1, name="maru-download", parent=self)
        self._jobs: dict[str, DownloadJob] = {}
        self._cancel: dict[str, threading.Event] = {}
        self._discard: set[str] = set()  # running jobs whose bytes go when they stop
        self._meter = SpeedMeter()
        self._progress.connect(self._on_progress)
        self._restore()

    # ---- queries -------------------------------------------------------------------------

    def jobs(self) -> list[DownloadJob]:
        """Every job, in the order they were queued."""
        return list(self._jobs.values())

    def job(self, job_id: str) -> DownloadJob | None:
        """One job, or None."""
        return self._jobs.get(job_id)

    # ---- commands ------------------------------------------------------------------------

    def enqueue(self, variant: ModelVariant) -> str:
        """Queue a variant (once: asking again resumes the existing job)."""
        job_id = job_id_for(variant)
        existing = self._jobs.get(job_id)
        if existing is not None and existing.state is not JobState.DONE:
            self.resume(job_id)
            return job_id
        self._jobs[job_id] = DownloadJob(job_id, variant)
        self._save()
        self.jobs_changed.emit()
        self._pump()
        return job_id

    def pause(self, job_id: str) -> None:
        """Stop a job and keep its bytes; a queued job just waits."""
        job = self._jobs.get(job_id)
        if job is None or not job.active:
            return
        if job.state is JobState.RUNNING:
            self._cancel[job_id].set()  # the worker stops within one chunk
        else:
            self._set(job.with_(state=JobState.PAUSED))

    def resume(self, job_id: str) -> None:
        """Queue a paused or failed job again; it continues from its staged bytes."""
        job = self._jobs.get(job_id)
        if job is not None and job.state in (JobState.PAUSED, JobState.FAILED):
            self._set(job.with_(state=JobState.QUEUED, error_kind="", error_detail=""))
            self._pump()

    def cancel(self, job_id: str) -> None:
        """Stop a job, delete its staged bytes and drop it from the list."""
        job = self._jobs.get(job_id)
        if job is None:
            return
        if job.state is JobState.RUNNING:
            self._discard.add(job_id)
            self._cancel[job_id].set()
            return
        self._drop(job_id, discard=job.state is not JobState.DONE)

    def shutdown(self) -> None:
        """Pause what runs (its bytes stay for next time) and wait for the worker."""
        for event in self._cancel.values():
            event.set()
        self._tasks.shutdown()

    # ---- the queue ----------------------------------------------------------------------

    def _pump(self) -> None:
        if any(j.state is JobState.RUNNING for j in self._jobs.values()):
            return
        job = next((j for j in self._jobs.values() if j.state is JobState.QUEUED), None)
        if job is None:
            return
        cancel = self._cancel[job.job_id] = threading.Event()
        self._meter = SpeedMeter()
        self._set(job.with_(state=JobState.RUNNING, speed=0.0))
        work = functools.partial(
            _download_online, job.variant, self._models_dir, token=self._token(),
            on_progress=lambda done, _total, j=job.job_id: self._progress.emit(j, done),
            cancel=cancel,
        )
        self._tasks.run(
            work, on_done=lambda path, j=job.job_id: self._on_done(j, path),
            on_error=lambda exc, j=job.job_id: self._on_error(j, exc),
        )

    def _on_progress(self, job_id: str, done: int) -> None:
        job = self._jobs.get(job_id)
        if job is not None and job.state is JobState.RUNNING:
            speed = self._meter.add(time.monotonic(), done)
            self._jobs[job_id] = job.with_(done_bytes=done, speed=speed)
            self.job_changed.emit(job_id)

    def _on_done(self, job_id: str, path: object) -> None:
        self._cancel.pop(job_id, None)
        job = self._jobs[job_id]
        self._set(job.with_(state=JobState.DONE, done_bytes=job.total_bytes, speed=0.0,
                            installed_path=str(path)))
        self.finished.emit(job_id, str(path))
        self._pump()

    def _on_error(self, job_id: str, exc: object) -> None:
        from desktop.backends import hub_download

        self._cancel.pop(job_id, None)
        if job_id in self._discard:
            self._discard.discard(job_id)
            self._drop(job_id, discard=True)
            self._pump()
            return
        # What is on disk now: the last progress report may lag, and a checksum
        # mismatch deleted the bytes.
        job = self._jobs[job_id].with_(speed=0.0, done_bytes=hub_download.staged_bytes(
            self._jobs[job_id].variant, self._models_dir))
        if isinstance(exc, HubError) and exc.kind is HubErrorKind.CANCELLED:
            self._set(job.with_(state=JobState.PAUSED))
        else:
            kind = exc.kind if isinstance(exc, HubError) else HubErrorKind.SERVER
            detail = exc.detail if isinstance(exc, HubError) else f"{type(exc).__name__}: {exc}"
            self._set(job.with_(state=JobState.FAILED, error_kind=kind.value,
                                error_detail=detail))
            self.failed.emit(job_id, kind.value, detail)
            if kind in TOKEN_KINDS:
                self.token_needed.emit(self._jobs[job_id].variant.repo_id)
        self._pump()

    def _drop(self, job_id: str, *, discard: bool) -> None:
        job = self._jobs.pop(job_id)
        self._save()
        self.jobs_changed.emit()
        if discard:
            from desktop.backends import hub_download

            self._tasks.run(hub_download.discard_partial, job.variant, self._models_dir,
                            on_done=lambda _r: None)

    def _set(self, job: DownloadJob) -> None:
        self._jobs[job.job_id] = job
        self._save()
        self.job_changed.emit(job.job_id)

    # ---- persistence ---------------------------------------------------------------------

    def _save(self) -> None:
        """Keep unfinished jobs in downloads.json (atomically: a crash never leaves half)."""
        keep = [job_to_dict(j) for j in self._jobs.values() if j.state is not JobState.DONE]
        try:
            write_json_atomic(self._state_file, keep)
        except OSError as exc:  # the queue still works; it just will not survive a restart
            log.warning("cannot save the download queue: %s", exc)

    def _restore(self) -> None:
        from desktop.backends import hub_download

        try:
            raw = json.loads(self._state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        for entry in raw if isinstance(raw, list) else []:
            try:
                job = job_from_dict(entry)
            except ValueError as exc:
                log.warning("skipping a download entry: %s", exc)
                continue
            staged = hub_download.staged_bytes(job.variant, self._models_dir)
            self._jobs[job.job_id] = job.with_(done_bytes=staged)


def _download_online(variant: ModelVariant, models_dir: Path, **options: object) -> Path:
    """hub_download.download_variant, refused while the offline setting is on (read on the
    worker thread as the job starts, so a change applies to the next job)."""
    if settings_mod.load().offline:
        raise HubError(HubErrorKind.OFFLINE_MODE, "offline mode is on")
    from desktop.backends import hub_download

    return hub_download.download_variant(variant, models_dir, **options)
