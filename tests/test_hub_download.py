"""Downloads through the real huggingface_hub over HTTP to the loopback Hub
(tests/hub_server.py), serving the real starter GGUF and tiny GGUFs."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path

import pytest

from desktop.backends import hub_api, hub_download, hub_token
from desktop.core.errors import HubError, HubErrorKind
from desktop.core.hub_models import HubFile, ModelVariant, group_variants
from tests.hub_server import fake_hub, sha256_of  # noqa: F401
from tests.tiny_gguf import write_tiny_llama

ROOT = Path(__file__).resolve().parent.parent
STARTER = "HuggingFaceTB/SmolLM2-135M-Instruct-GGUF"


@pytest.fixture(scope="module")
def tiny_bytes(tmp_path_factory) -> bytes:
    return write_tiny_llama(tmp_path_factory.mktemp("hub") / "t.gguf").read_bytes()


@pytest.fixture
def models(tmp_path) -> Path:
    return tmp_path / "models"


def publish(hub, repo_id: str, files: dict, **options) -> ModelVariant:
    """Add a repo to the fake Hub and list it back through hub_api: its first variant."""
    hub.add_repo(repo_id, files, **options)
    revision, listed = hub_api.repo_files(repo_id, token=options.get("token"))
    return group_variants(repo_id, revision, listed)[0]


@pytest.fixture
def starter(fake_hub, starter_model) -> ModelVariant:  # noqa: F811
    return publish(fake_hub, STARTER, {starter_model.name: starter_model})


def installed(models: Path) -> list[str]:
    return sorted(p.name for p in models.glob("*.gguf")) if models.is_dir() else []


def pause_at(hub, repo_id: str, name: str, after: int) -> threading.Event:
    """An Event the server sets once it has sent `after` bytes of `name`: a user's pause."""
    cancel = threading.Event()
    hub.file(repo_id, name).on_sent = (after, cancel.set)
    return cancel


def test_download_reports_progress_and_installs_the_verified_file(fake_hub, starter,  # noqa: F811
                                                                  starter_model, models):
    seen: list[tuple[int, int]] = []
    path = hub_download.download_variant(starter, models, on_progress=lambda *a: seen.append(a))
    assert path == models / starter_model.name
    assert sha256_of(path) == sha256_of(starter_model)
    dones = [done for done, _ in seen]
    assert dones == sorted(dones) and seen[-1] == (starter.size, starter.size)
    assert {total for _, total in seen} == {starter.size}
    assert not (models / hub_download.STAGING).exists()
    gets = fake_hub.body_gets(starter_model.name)
    assert [(g.range, g.status, g.sent) for g in gets] == [(None, 200, starter.size)]


def test_dropped_connection_resumes_to_a_correct_file(fake_hub, starter, starter_model,  # noqa: F811
                                                      models):
    seed = random.randrange(2**32)
    print(f"random seed {seed}")
    offset = random.Random(seed).randrange(1, starter.size)
    fake_hub.file(STARTER, starter_model.name).drop_after = offset
    path = hub_download.download_variant(starter, models)
    assert sha256_of(path) == sha256_of(starter_model)
    first, retry = fake_hub.body_gets(starter_model.name)
    assert first.sent == offset
    # No Range when not one whole chunk had been written before the drop.
    resumed_at = int(retry.range.removeprefix("bytes=").rstrip("-")) if retry.range else 0
    resent = first.sent + retry.sent - starter.size
    print(f"dropped after {offset} bytes, resumed at {resumed_at}, {resent} bytes re-sent")
    assert retry.status == (206 if resumed_at else 200) and resumed_at == offset - resent
    assert 0 <= resent < hub_download.CHUNK_BYTES  # only the unwritten partial chunk


def test_pause_then_resume_in_a_new_process(fake_hub, starter, starter_model, models):  # noqa: F811
    cancel = pause_at(fake_hub, STARTER, starter_model.name, 48 << 20)
    with pytest.raises(HubError) as err:
        hub_download.download_variant(starter, models, cancel=cancel)
    assert err.value.kind is HubErrorKind.CANCELLED
    staged = hub_download.staged_bytes(starter, models)
    assert 0 < staged < starter.size and installed(models) == []
    # A restarted Maru: a new interpreter that knows only the variant and the disk.
    script = ("import json, sys; from pathlib import Path;"
              "from desktop.core.hub_models import HubFile, ModelVariant;"
              "from desktop.backends.hub_download import download_variant;"
              "d = json.loads(sys.argv[1]); files = tuple(HubFile(**f) for f in d.pop('files'));"
              "print(download_variant(ModelVariant(files=files, **d), Path(sys.argv[2])))")
    done = subprocess.run([sys.executable, "-c", script, json.dumps(asdict(starter)), str(models)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sha256_of(models / starter_model.name) == sha256_of(starter_model)
    resumed = fake_hub.body_gets(starter_model.name)[-1]
    assert (resumed.range, resumed.status) == (f"bytes={staged}-", 206)
    assert resumed.sent == starter.size - staged


def test_server_ignoring_range_restarts_cleanly(fake_hub, starter, starter_model, models):  # noqa: F811
    cancel = pause_at(fake_hub, STARTER, starter_model.name, 32 << 20)
    with pytest.raises(HubError):
        hub_download.download_variant(starter, models, cancel=cancel)
    staged = hub_download.staged_bytes(starter, models)
    assert staged > 0
    fake_hub.ignore_range = True
    seen: list[tuple[int, int]] = []
    path = hub_download.download_variant(starter, models, on_progress=lambda *a: seen.append(a))
    assert sha256_of(path) == sha256_of(starter_model)
    last = fake_hub.body_gets(starter_model.name)[-1]
    assert (last.range, last.status, last.sent) == (f"bytes={staged}-", 200, starter.size)
    assert seen[-1] == (starter.size, starter.size)


def test_discard_partial_removes_the_staged_bytes(fake_hub, starter, starter_model, models):  # noqa: F811
    cancel = pause_at(fake_hub, STARTER, starter_model.name, 8 << 20)
    with pytest.raises(HubError):
        hub_download.download_variant(starter, models, cancel=cancel)
    hub_download.discard_partial(starter, models)
    assert hub_download.staged_bytes(starter, models) == 0
    assert not (models / hub_download.STAGING).exists()


def test_checksum_mismatch_is_rejected_and_deleted(fake_hub, tiny_bytes, models):  # noqa: F811
    fake_hub.add_repo("mallory/evil-GGUF", {"evil-Q4_0.gguf": tiny_bytes})
    fake_hub.file("mallory/evil-GGUF", "evil-Q4_0.gguf").corrupt = True
    revision, files = hub_api.repo_files("mallory/evil-GGUF")
    variant = group_variants("mallory/evil-GGUF", revision, files)[0]
    with pytest.raises(HubError) as err:
        hub_download.download_variant(variant, models)
    assert err.value.kind is HubErrorKind.CHECKSUM_MISMATCH
    assert "evil-Q4_0.gguf" in err.value.detail
    assert installed(models) == [] and hub_download.staged_bytes(variant, models) == 0
    assert fake_hub.body_gets("evil-Q4_0.gguf")[0].sent == len(tiny_bytes)


def test_split_model_parts_are_installed_together(fake_hub, tiny_bytes, models):  # noqa: F811
    half = len(tiny_bytes) // 2
    parts = {"Q4_0/m-Q4_0-00001-of-00002.gguf": tiny_bytes[:half],
             "Q4_0/m-Q4_0-00002-of-00002.gguf": tiny_bytes[half:]}
    fake_hub.add_repo("erin/split-GGUF", parts)
    fake_hub.file("erin/split-GGUF", "Q4_0/m-Q4_0-00002-of-00002.gguf").corrupt = True
    revision, files = hub_api.repo_files("erin/split-GGUF")
    variant = group_variants("erin/split-GGUF", revision, files)[0]
    assert variant.is_split
    with pytest.raises(HubError) as err:  # second part bad: the first is not installed alone
        hub_download.download_variant(variant, models)
    assert err.value.kind is HubErrorKind.CHECKSUM_MISMATCH and "00002" in err.value.detail
    assert installed(models) == []
    fake_hub.file("erin/split-GGUF", "Q4_0/m-Q4_0-00002-of-00002.gguf").corrupt = False
    path = hub_download.download_variant(variant, models)
    assert path == models / "m-Q4_0-00001-of-00002.gguf"
    assert installed(models) == ["m-Q4_0-00001-of-00002.gguf", "m-Q4_0-00002-of-00002.gguf"]
    joined = b"".join(p.read_bytes() for p in sorted(models.glob("*.gguf")))
    assert joined == tiny_bytes
    assert len(fake_hub.body_gets("00001-of-00002.gguf")) == 1  # verified part kept, not refetched


def test_same_file_is_reused_and_a_clash_gets_the_owner_prefix(fake_hub, tiny_bytes, models):  # noqa: F811
    ours = publish(fake_hub, "alice/m-GGUF", {"m-Q4_0.gguf": tiny_bytes})
    first = hub_download.download_variant(ours, models)
    assert hub_download.download_variant(ours, models) == first
    assert len(fake_hub.body_gets("m-Q4_0.gguf")) == 1
    theirs = publish(fake_hub, "bob/m-GGUF", {"m-Q4_0.gguf": tiny_bytes[::-1]})
    other = hub_download.download_variant(theirs, models)
    assert other == models / "bob--m-Q4_0.gguf" and other.read_bytes() == tiny_bytes[::-1]
    assert first.read_bytes() == tiny_bytes


def test_gated_repo_asks_for_a_token_then_downloads(fake_hub, tiny_bytes, models):  # noqa: F811
    variant = publish(fake_hub, "meta/gated-GGUF", {"g-Q4_0.gguf": tiny_bytes},
                      gated=True, token="hf_granted")
    with pytest.raises(HubError) as err:
        hub_download.download_variant(variant, models)
    assert err.value.kind is HubErrorKind.AUTH_REQUIRED
    assert fake_hub.body_gets("g-Q4_0.gguf") == []
    with pytest.raises(HubError) as err:
        hub_download.download_variant(variant, models, token="hf_not_granted")
    assert err.value.kind is HubErrorKind.ACCESS_DENIED
    hub_token.save_token("hf_granted")  # what the token prompt does
    path = hub_download.download_variant(variant, models, token=hub_token.load_token())
    assert path.read_bytes() == tiny_bytes
    resolve = [e for e in fake_hub.log if "/resolve/" in e.path]
    assert resolve[-1].auth and not fake_hub.body_gets("g-Q4_0.gguf")[-1].auth


def test_missing_repo_or_file_is_not_found(fake_hub, tiny_bytes, models):  # noqa: F811
    variant = publish(fake_hub, "alice/m-GGUF", {"m-Q4_0.gguf": tiny_bytes})
    missing = HubFile("gone-Q4_0.gguf", 10, "0" * 64)
    for repo_id in ("alice/m-GGUF", "nobody/nothing"):
        ghost = ModelVariant(repo_id, variant.revision, "Q4_0", (missing,))
        with pytest.raises(HubError) as err:
            hub_download.download_variant(ghost, models)
        assert err.value.kind is HubErrorKind.NOT_FOUND, repo_id
    assert installed(models) == []


def test_disk_too_small_is_refused_before_any_byte(fake_hub, tiny_bytes, models):  # noqa: F811
    fake_hub.add_repo("huge/model-GGUF", {"huge-Q4_0.gguf": tiny_bytes})
    fake_hub.file("huge/model-GGUF", "huge-Q4_0.gguf").advertised_size = 1 << 60  # 1 EiB
    revision, files = hub_api.repo_files("huge/model-GGUF")
    variant = group_variants("huge/model-GGUF", revision, files)[0]
    assert variant.size == 1 << 60
    with pytest.raises(HubError) as err:
        hub_download.download_variant(variant, models)
    assert err.value.kind is HubErrorKind.DISK_FULL
    assert [e for e in fake_hub.log if "/resolve/" in e.path or e.path.startswith("/cdn/")] == []
    assert hub_download.staged_bytes(variant, models) == 0


def test_checksum_of_an_unlisted_hash_is_refused(models):
    variant = ModelVariant("a/b", "0" * 40, "Q4_0", (HubFile("x-Q4_0.gguf", 5, None),))
    with pytest.raises(HubError) as err:
        hub_download.download_variant(variant, models)
    assert err.value.kind is HubErrorKind.SERVER and "x-Q4_0.gguf" in err.value.detail


def test_tiny_download_checks_sha256_from_listing(fake_hub, tiny_bytes, models):  # noqa: F811
    variant = publish(fake_hub, "alice/m-GGUF", {"m-Q4_0.gguf": tiny_bytes})
    assert variant.files[0].sha256 == hashlib.sha256(tiny_bytes).hexdigest()
