"""Downloading a model variant from the Hub: resumable, verified, installed at once.

Every function blocks: call them from a worker thread, never the GUI thread.
Bytes are staged in `models_dir/.downloads/<sha256>.part` (same filesystem as the
models, so installing is a rename). All state lives in those files: a paused,
failed or killed download resumes from its staged bytes in any later process.
A part whose sha256 matched is renamed `<sha256>.verified`; only when every part
of the variant is verified are they moved into `models_dir`, so a half-downloaded
or unverified file is never visible there.

Why not `hf_hub_download(local_dir=...)`: in huggingface_hub 2.4 it downloads to a
process-unique `<etag>.<uuid>.incomplete` file and deletes it on any failure
(`_download_to_tmp_and_move`, huggingface_hub PR 4228), so a pause, a crash or a
restart of Maru would throw the bytes away. We call the same building blocks it
uses: `get_hf_file_metadata` (HEAD /resolve, redirect, auth and Hub errors) and
`http_get`, which sends `Range: bytes=<staged>-`, retries a dropped connection
from where it stopped (5 times, 1 s apart), and if a server ignores the Range
(200 instead of 206) rewinds and truncates the file before writing, so the
result is never a corrupt splice.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from desktop.backends import disk_space
from desktop.backends.hub_api import endpoint, hub_errors
from desktop.core.errors import HubError, HubErrorKind
from desktop.core.hub_models import HubFile, ModelVariant

STAGING = ".downloads"
CHUNK_BYTES = 1 << 20  # progress and cancel granularity
PROGRESS_INTERVAL = 0.1  # seconds: at most ~10 progress calls per second

Progress = Callable[[int, int], None]


def download_variant(variant: ModelVariant, models_dir: Path, *, token: str | None = None,
                     on_progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> Path:
    """Download, verify and install every file of `variant`; return the first part's path.

    Pinned to `variant.revision`. Resumes from staged bytes. Checks free disk space
    for the remaining bytes before any download. `on_progress(done, total)` is
    called on this thread for the whole variant, at most ~10 times a second and
    once at the end with done == total. Setting `cancel` stops within one chunk
    (1 MiB) with HubError(CANCELLED), keeping the staged bytes: that is a pause;
    `discard_partial` then makes it a cancel.

    Files are installed under their own names. A file of that name already there
    with the same sha256 is reused; with other content, the variant is installed
    as "<owner>--<name>" instead (then "<owner>--2--<name>", ...), the same prefix
    for all parts so llama.cpp still finds a split model's parts.

    Raises HubError: DISK_FULL (before starting, or ENOSPC while writing, staged
    bytes kept), CHECKSUM_MISMATCH (that file's staged bytes deleted), NOT_FOUND,
    AUTH_REQUIRED, ACCESS_DENIED, OFFLINE, SERVER, CANCELLED.
    """
    _check_hashes(variant)
    staging = models_dir / STAGING
    try:
        with hub_errors(variant.filename):  # local OS errors too (ENOSPC -> DISK_FULL)
            staging.mkdir(parents=True, exist_ok=True)
            return _download(variant, models_dir, staging, token, on_progress,
                             cancel or threading.Event())
    finally:
        with contextlib.suppress(OSError):
            staging.rmdir()  # only when empty: paused or other variants' bytes stay


def _download(variant: ModelVariant, models_dir: Path, staging: Path, token: str | None,
              on_progress: Progress | None, cancel: threading.Event) -> Path:
    targets, reused = _targets(variant, models_dir, cancel)
    todo = [f for f, done in zip(variant.files, reused, strict=True) if not done]
    _check_disk(staging, sum(max(0, f.size - _staged(staging, f)) for f in todo))
    progress = _Progress(variant.size, on_progress, cancel)
    progress.base = sum(f.size for f in variant.files) - sum(f.size for f in todo)
    for file in todo:
        progress.file_bytes = _staged(staging, file)
        progress.tick()
        _fetch_and_verify(variant, file, staging, token, progress)
        progress.base += file.size
        progress.file_bytes = 0
    _install([(_verified(staging, f), t) for f, t, done
              in zip(variant.files, targets, reused, strict=True) if not done])
    progress.tick(force=True)
    return targets[0]


def staged_bytes(variant: ModelVariant, models_dir: Path) -> int:
    """How many bytes of `variant` are already staged (downloaded, not installed)."""
    return sum(_staged(models_dir / STAGING, f) for f in variant.files)


def discard_partial(variant: ModelVariant, models_dir: Path) -> None:
    """Delete `variant`'s staged bytes (cancel). Installed files are not touched."""
    staging = models_dir / STAGING
    for file in variant.files:
        for path in (_part(staging, file), _verified(staging, file)):
            path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        staging.rmdir()


class _Progress:
    """Bytes done for the whole variant; throttles the callback and checks `cancel`."""

    def __init__(self, total: int, callback: Progress | None, cancel: threading.Event) -> None:
        self.total, self.callback, self.cancel = total, callback, cancel
        self.base = 0  # bytes of the parts already finished
        self.file_bytes = 0  # bytes of the current part on disk
        self._last = float("-inf")

    def tick(self, *, force: bool = False) -> None:
        if self.cancel.is_set():
            raise HubError(HubErrorKind.CANCELLED, "paused")
        now = time.monotonic()
        if self.callback and (force or now - self._last >= PROGRESS_INTERVAL):
            self._last = now
            self.callback(min(self.base + self.file_bytes, self.total), self.total)

    def bar_class(self) -> type:
        """A tqdm stand-in for http_get: counts bytes, raises when cancelled.

        http_get calls update(len(chunk)) before writing the chunk, so raising
        there leaves only whole, correct chunks in the staged file.
        """
        progress = self

        class _Bar:
            def __init__(self, *, initial: int = 0, **_: object) -> None:
                progress.file_bytes = initial

            def __enter__(self) -> _Bar:
                return self

            def __exit__(self, *_: object) -> None:
                return None

            def update(self, n: int) -> None:
                progress.file_bytes += n  # negative when a server ignored Range
                progress.tick()

            def close(self) -> None:
                return None

        return _Bar


def _fetch_and_verify(variant: ModelVariant, file: HubFile, staging: Path,
                      token: str | None, progress: _Progress) -> None:
    verified, part = _verified(staging, file), _part(staging, file)
    if verified.exists():
        return
    if part.exists() and part.stat().st_size > file.size:
        part.unlink()  # longer than the file: not a prefix of it
    if not part.exists() or part.stat().st_size < file.size:
        _fetch(variant, file, part, token, progress)
    if _sha256(part, progress.cancel) != file.sha256:
        part.unlink(missing_ok=True)
        raise HubError(HubErrorKind.CHECKSUM_MISMATCH,
                       f"{file.filename}: the downloaded bytes do not match the Hub's sha256; "
                       "the file was deleted")
    os.replace(part, verified)


def _fetch(variant: ModelVariant, file: HubFile, part: Path, token: str | None,
           progress: _Progress) -> None:
    import httpx2
    from huggingface_hub import constants, get_hf_file_metadata, hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    # WORKAROUND: http_get reads the body in DOWNLOAD_CHUNK_SIZE (10 MiB) pieces and
    # offers no parameter for it; at that size progress is jerky and a pause waits
    # for up to 10 MiB. It is read at call time, so a smaller value takes effect.
    constants.DOWNLOAD_CHUNK_SIZE = min(constants.DOWNLOAD_CHUNK_SIZE, CHUNK_BYTES)
    hub = endpoint()
    url = hf_hub_url(variant.repo_id, file.filename, revision=variant.revision, endpoint=hub)
    with hub_errors(file.filename):
        meta = get_hf_file_metadata(url, token=token or False, endpoint=hub)
        headers = build_hf_headers(token=token or False)
        if _origin(meta.location) != _origin(url):
            headers.pop("authorization", None)  # a signed CDN URL: the token stays on the Hub
        # http_get resumes by itself after a clean drop (RemoteProtocolError) but
        # not after a reset (ReadError): resume those here while bytes keep coming.
        # One reset before a whole chunk reached the disk is retried too: the chaos
        # suite (issue 8) showed a single early reset failing the download as
        # "offline". Two in a row without progress, or a refused connect (http_get
        # already retried it), end it.
        stalled = 0
        for _attempt in range(4):
            have = part.stat().st_size if part.exists() else 0
            try:
                with open(part, "ab") as out:  # append: tell() == have, as http_get expects
                    http_get(meta.location, out, resume_size=have, headers=headers,
                             expected_size=file.size, tqdm_class=progress.bar_class())
                return
            except httpx2.NetworkError as exc:
                stalled = 0 if part.stat().st_size > have else stalled + 1
                if stalled > 1 or isinstance(exc, httpx2.ConnectError):
                    raise
        raise HubError(HubErrorKind.OFFLINE, f"{file.filename}: the connection kept dropping")


def _sha256(path: Path, cancel: threading.Event) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK_BYTES):
            if cancel.is_set():
                raise HubError(HubErrorKind.CANCELLED, "paused")
            digest.update(chunk)
    return digest.hexdigest()


def _targets(variant: ModelVariant, models_dir: Path,
             cancel: threading.Event) -> tuple[list[Path], list[bool]]:
    """Installed paths for the parts, and which of them are already there, identical."""
    names = [PurePosixPath(f.filename).name for f in variant.files]
    owner = variant.repo_id.split("/")[0]
    prefixes = itertools.chain(["", f"{owner}--"], (f"{owner}--{i}--" for i in itertools.count(2)))
    for prefix in prefixes:
        targets = [models_dir / f"{prefix}{name}" for name in names]
        same = [_same_file(t, f, cancel) for t, f in zip(targets, variant.files, strict=True)]
        if False not in same:
            return targets, [s is True for s in same]
    raise AssertionError("unreachable")


def _same_file(path: Path, file: HubFile, cancel: threading.Event) -> bool | None:
    """None when `path` is free, else whether it holds exactly `file`."""
    if not path.exists():
        return None
    return path.stat().st_size == file.size and _sha256(path, cancel) == file.sha256


def _install(moves: list[tuple[Path, Path]]) -> None:
    """Move verified parts into place, first part last: it is the one Maru lists."""
    done: list[tuple[Path, Path]] = []
    try:
        for src, dst in reversed(moves):
            os.replace(src, dst)
            done.append((src, dst))
    except OSError as exc:
        for src, dst in done:  # put them back: all parts or none
            with contextlib.suppress(OSError):
                os.replace(dst, src)
        raise HubError(HubErrorKind.DISK_FULL if exc.errno == errno.ENOSPC else HubErrorKind.SERVER,
                       f"installing {dst.name}: {exc}") from exc


def _check_hashes(variant: ModelVariant) -> None:
    missing = [f.filename for f in variant.files if not f.sha256]
    if missing:
        raise HubError(HubErrorKind.SERVER,
                       f"{', '.join(missing)}: the Hub lists no sha256, so it cannot be verified")


def _check_disk(staging: Path, remaining: int) -> None:
    fits, free = disk_space.room_for(staging, remaining)
    if not fits:
        raise HubError(HubErrorKind.DISK_FULL, f"needs {remaining} bytes "
                       f"(+{disk_space.MARGIN_BYTES} spare), {free} free in {staging}")


def _staged(staging: Path, file: HubFile) -> int:
    for path in (_verified(staging, file), _part(staging, file)):
        with contextlib.suppress(OSError):
            return path.stat().st_size
    return 0


def _part(staging: Path, file: HubFile) -> Path:
    return staging / f"{file.sha256}.part"


def _verified(staging: Path, file: HubFile) -> Path:
    return staging / f"{file.sha256}.verified"


def _origin(url: str) -> tuple[str, str, int | None]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port
