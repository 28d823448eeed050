"""Download jobs as plain values: state, progress, speed and time left, and their
JSON form (the queue survives a restart of Maru)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from enum import StrEnum

from desktop.core.hub_models import HubFile, ModelVariant

SPEED_WINDOW_SECONDS = 5.0  # speed is averaged over this long: steady, yet quick to follow


class JobState(StrEnum):
    """Where a download stands."""

    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"  # staged bytes kept; resumes where it stopped
    FAILED = "failed"  # staged bytes kept unless the error says they were wrong
    DONE = "done"


@dataclass(frozen=True)
class DownloadJob:
    """One variant to download and how far it got."""

    job_id: str
    variant: ModelVariant
    state: JobState = JobState.QUEUED
    done_bytes: int = 0
    speed: float = 0.0  # bytes per second, 0 when unknown
    error_kind: str = ""  # a HubErrorKind value when FAILED
    error_detail: str = ""
    installed_path: str = ""

    @property
    def total_bytes(self) -> int:
        """The variant's size."""
        return self.variant.size

    @property
    def fraction(self) -> float:
        """0..1 of the bytes."""
        return self.done_bytes / self.total_bytes if self.total_bytes else 0.0

    @property
    def seconds_left(self) -> float | None:
        """Estimated time to finish at the current speed; None when unknown."""
        if self.state is not JobState.RUNNING or self.speed <= 0:
            return None
        return max(0.0, (self.total_bytes - self.done_bytes) / self.speed)

    @property
    def active(self) -> bool:
        """Queued or running: the queue still has work for it."""
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    def with_(self, **changes: object) -> DownloadJob:
        """A copy with some fields changed."""
        return replace(self, **changes)


def job_id_for(variant: ModelVariant) -> str:
    """One job per repository file: asking twice for the same model queues it once."""
    return f"{variant.repo_id}/{variant.filename}"


class SpeedMeter:
    """Bytes per second over the last few seconds of (time, bytes) samples."""

    def __init__(self, window: float = SPEED_WINDOW_SECONDS) -> None:
        self._window = window
        self._samples: deque[tuple[float, int]] = deque()

    def add(self, now: float, done_bytes: int) -> float:
        """Record a sample and return the current speed."""
        self._samples.append((now, done_bytes))
        while len(self._samples) > 2 and now - self._samples[0][0] > self._window:
            self._samples.popleft()
        (t0, b0), (t1, b1) = self._samples[0], self._samples[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


def job_to_dict(job: DownloadJob) -> dict:
    """The JSON form kept in downloads.json."""
    v = job.variant
    return {
        "job_id": job.job_id, "state": job.state.value, "done_bytes": job.done_bytes,
        "error_kind": job.error_kind, "error_detail": job.error_detail,
        "repo_id": v.repo_id, "revision": v.revision, "quantization": v.quantization,
        "files": [{"filename": f.filename, "size": f.size, "sha256": f.sha256} for f in v.files],
    }


def job_from_dict(raw: dict) -> DownloadJob:
    """Inverse of job_to_dict. A job that was running when Maru stopped comes back
    paused: resuming is the user's choice. Raises ValueError on a malformed entry."""
    try:
        files = tuple(HubFile(str(f["filename"]), int(f["size"]), f.get("sha256"))
                      for f in raw["files"])
        variant = ModelVariant(str(raw["repo_id"]), str(raw["revision"]),
                               str(raw.get("quantization", "")), files)
        state = JobState(raw.get("state", JobState.PAUSED))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"bad download entry: {exc}") from exc
    if not files:
        raise ValueError("bad download entry: no files")
    if state in (JobState.QUEUED, JobState.RUNNING):
        state = JobState.PAUSED
    return DownloadJob(str(raw.get("job_id") or job_id_for(variant)), variant, state,
                       int(raw.get("done_bytes", 0)), 0.0, str(raw.get("error_kind", "")),
                       str(raw.get("error_detail", "")))
