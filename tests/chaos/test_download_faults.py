"""Issue 8, item 5: model downloads under network and disk faults.

Everything goes through the real huggingface_hub over HTTP to the loopback Hub
(tests/hub_server.py, HF_ENDPOINT pointing at it): DownloadService -> hub_download ->
get_hf_file_metadata + http_get. Faults: one flipped byte in a same-size file, the
connection cut (clean close or TCP reset) at seeded random offsets, a server that
ignores Range, and a models folder on a small file system that fills up.
Seed: MARU_CHAOS_SEED, else a random one (printed and recorded).
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest

from desktop.backends import hub_api, hub_download
from desktop.core.downloads import JobState
from desktop.core.hub_models import ModelVariant, group_variants
from desktop.services.download_service import DownloadService
from tests.chaos.figures import count, record
from tests.chaos.small_disk import FILLER, small_disk  # noqa: F401
from tests.hub_server import fake_hub, sha256_of  # noqa: F401
from tests.tiny_gguf import write_tiny_llama

pytestmark = pytest.mark.chaos

STARTER = "HuggingFaceTB/SmolLM2-135M-Instruct-GGUF"
WAIT = 30_000  # ms; loopback downloads of 100 MB take about a second
MIB = 1 << 20


def seeded(name: str) -> tuple[random.Random, int]:
    seed = int(os.environ.get("MARU_CHAOS_SEED") or random.randrange(2**32))
    print(f"{name}: random seed {seed} (MARU_CHAOS_SEED={seed} repeats it)")
    return random.Random(seed), seed


def publish(hub, repo_id: str, files: dict) -> ModelVariant:
    hub.add_repo(repo_id, files)
    revision, listed = hub_api.repo_files(repo_id)
    return group_variants(repo_id, revision, listed)[0]


def visible(models: Path) -> list[str]:
    """What the models folder shows (the staging folder is Maru's own)."""
    if not models.is_dir():
        return []
    return sorted(p.name for p in models.iterdir() if p.name not in (hub_download.STAGING, FILLER))


@pytest.fixture
def service(qtbot, tmp_path):
    services: list[DownloadService] = []

    def make(models: Path) -> DownloadService:
        services.append(DownloadService(models_dir=models,
                                        state_file=tmp_path / f"downloads-{len(services)}.json"))
        return services[-1]

    yield make
    for s in services:
        s.shutdown()


def run_job(qtbot, service: DownloadService, start) -> tuple[str, tuple]:
    """Start a job (`start()` returns its id or None) and wait until it ends; (state, args)."""
    ended = []
    service.finished.connect(lambda *a: ended.append(("done", a)))
    service.failed.connect(lambda *a: ended.append(("failed", a)))
    start()
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT)
    service.finished.disconnect()
    service.failed.disconnect()
    return ended[0]


# ---- (a) one flipped byte ------------------------------------------------------------------

def test_a_flipped_byte_is_caught_before_install(qtbot, fake_hub, service, tmp_path):  # noqa: F811
    rng, seed = seeded("corruption")
    data = write_tiny_llama(tmp_path / "t.gguf").read_bytes()
    name = "tiny-Q8_0.gguf"
    variant = publish(fake_hub, "mallory/tiny-GGUF", {name: data})
    models = tmp_path / "models"
    downloads = service(models)
    trials = count(3, 10)
    offsets = [0, len(data) - 1, *rng.sample(range(1, len(data) - 1), trials)][:trials]
    detected = 0
    job_id = None
    for offset in offsets:
        fake_hub.file("mallory/tiny-GGUF", name).corrupt_at = offset

        def start() -> None:
            nonlocal job_id
            if job_id is None:
                job_id = downloads.enqueue(variant)
            else:
                downloads.resume(job_id)  # the user's Retry: from byte 0, the bytes were deleted

        state, args = run_job(qtbot, downloads, start)
        assert fake_hub.body_gets(name)[-1].sent == len(data)  # the whole same-size body came
        assert state == "failed", f"a byte flipped at {offset} was installed"
        assert args[1] == "checksum_mismatch" and name in args[2]
        assert visible(models) == [], f"flip at {offset}: {visible(models)} in the models folder"
        assert hub_download.staged_bytes(variant, models) == 0
        assert downloads.job(job_id).state is JobState.FAILED
        detected += 1
    # Still works: the honest file downloads and installs.
    fake_hub.file("mallory/tiny-GGUF", name).corrupt_at = None
    state, args = run_job(qtbot, downloads, lambda: downloads.resume(job_id))
    assert state == "done" and Path(args[1]).read_bytes() == data
    record("downloads: 1-byte corruption", seed=seed, trials=trials, detected=detected,
           installed_corrupt=0, offsets=offsets)
    assert detected == trials


# ---- (b) and (c) cut connections, a server that ignores Range ------------------------------

def seen_append(seen: list) -> object:
    return lambda *args: seen.append(args)


def cut_trials(fake_hub, starter_model, tmp_path, rng, trials: int) -> list[dict]:  # noqa: F811
    """Download the starter model `trials` times, cutting the connection once each time."""
    variant = publish(fake_hub, STARTER, {starter_model.name: starter_model})
    size = variant.size
    served = fake_hub.file(STARTER, starter_model.name)
    rows = []
    for i in range(trials):
        # The first cut falls inside the first chunk: nothing of it is on disk yet.
        offset = rng.randrange(1, hub_download.CHUNK_BYTES) if i == 0 else rng.randrange(1, size)
        reset = i % 2 == 0
        served.drop_after, served.drop_reset = offset, reset
        models = tmp_path / f"models-{i}"
        before = len(fake_hub.body_gets(starter_model.name))
        seen: list[tuple[int, int]] = []
        began = time.monotonic()
        path = hub_download.download_variant(variant, models, on_progress=seen_append(seen))
        seconds = time.monotonic() - began
        gets = fake_hub.body_gets(starter_model.name)[before:]
        assert sha256_of(path.read_bytes()) == sha256_of(starter_model), f"cut at {offset}"
        assert seen[-1] == (size, size) and visible(models) == [starter_model.name]
        rows.append({"offset": offset, "cut": "reset" if reset else "close",
                     "resent": sum(g.sent for g in gets) - size, "gets": gets,
                     "seconds": round(seconds, 2)})
        shutil.rmtree(models)
    return rows


def test_a_cut_connection_resumes_to_the_right_file(fake_hub, starter_model, tmp_path):  # noqa: F811
    rng, seed = seeded("cuts")
    trials = count(3, 10)
    rows = cut_trials(fake_hub, starter_model, tmp_path, rng, trials)
    for row in rows:
        first, *retries = row["gets"]
        assert first.sent == row["offset"] and retries, row
        # Never more than was sent before the cut; a clean close loses at most the
        # unwritten part of one chunk (a reset also loses what the socket buffered).
        assert 0 <= row["resent"] <= row["offset"], row
        if row["cut"] == "close":
            assert row["resent"] < hub_download.CHUNK_BYTES, row
    record("downloads: cut connection", seed=seed, trials=trials, right_sha256=len(rows),
           file_bytes=starter_model.stat().st_size,
           cuts=[(r["cut"], r["offset"]) for r in rows],
           bytes_redownloaded=[r["resent"] for r in rows],
           seconds=[r["seconds"] for r in rows])
    assert len(rows) == trials


def test_a_server_ignoring_range_restarts_cleanly(fake_hub, starter_model, tmp_path):  # noqa: F811
    rng, seed = seeded("ignore-range")
    fake_hub.ignore_range = True
    trials = count(3, 10)
    rows = cut_trials(fake_hub, starter_model, tmp_path, rng, trials)
    for row in rows:
        _first, *retries = row["gets"]
        # Every answer is a 200 with the whole body, so the file restarts from byte 0
        # (http_get truncates what it had): exactly the bytes before the cut are resent.
        assert {g.status for g in row["gets"]} == {200}, row
        assert retries[-1].sent == starter_model.stat().st_size
        assert row["resent"] == row["offset"], row
    asked = sum(1 for r in rows for g in r["gets"][1:] if g.range)
    record("downloads: server ignores Range", seed=seed, trials=trials, right_sha256=len(rows),
           retries_that_sent_range=asked, bytes_redownloaded=[r["resent"] for r in rows])
    assert asked >= 1  # a Range was asked for and ignored, not just never sent


# ---- (d) disk full ---------------------------------------------------------------------------

def test_a_full_disk_is_a_clean_error_and_maru_recovers(qtbot, fake_hub, service,  # noqa: F811
                                                        small_disk, tmp_path):  # noqa: F811
    rng, seed = seeded("disk-full")
    data = rng.randbytes(8 * MIB)
    name = "fill-Q4_0.gguf"
    variant = publish(fake_hub, "fill/up-GGUF", {name: data})
    # Too small from the start: refused before a byte is fetched.
    tiny_disk = small_disk(2 * MIB)
    downloads = service(tiny_disk.folder)
    state, args = run_job(qtbot, downloads, lambda: downloads.enqueue(variant))
    assert (state, args[1]) == ("failed", "disk_full")
    assert fake_hub.body_gets(name) == [] and visible(tiny_disk.folder) == []
    # Room at the start, then another program fills the disk while the bytes come.
    disk = small_disk(hub_download.disk_space.MARGIN_BYTES + 12 * MIB)
    downloads = service(disk.folder)
    trials = count(3, 10)
    staged_at_failure = []
    for _ in range(trials):
        fake_hub.file("fill/up-GGUF", name).on_sent = (rng.randrange(MIB, 7 * MIB), disk.fill)
        job_id = None

        def start() -> None:
            nonlocal job_id
            job_id = downloads.enqueue(variant)

        state, args = run_job(qtbot, downloads, start)
        assert (state, args[1]) == ("failed", "disk_full"), args
        assert visible(disk.folder) == [], "a partial file reached the models folder"
        staged = hub_download.staged_bytes(variant, disk.folder)
        assert downloads.job(job_id).done_bytes == staged < len(data)
        staged_at_failure.append(staged)
        # The user frees space and presses Resume: it continues from the staged bytes.
        disk.release()
        before = len(fake_hub.body_gets(name))
        state, args = run_job(qtbot, downloads, lambda j=job_id: downloads.resume(j))
        assert state == "done" and Path(args[1]).read_bytes() == data
        resumed = fake_hub.body_gets(name)[before:]
        assert resumed[0].range == (f"bytes={staged}-" if staged else None)
        assert sum(g.sent for g in resumed) == len(data) - staged
        assert visible(disk.folder) == [name]
        Path(args[1]).unlink()  # next trial starts from an empty folder
        downloads.cancel(job_id)
    record("downloads: disk full", seed=seed, how=disk.how, trials=trials,
           clean_disk_full=trials, partial_files_in_models_folder=0,
           staged_bytes_kept_and_resumed=staged_at_failure)
