"""Hub search, file listing, error kinds and the token file, through the real
huggingface_hub over HTTP to the loopback Hub (tests/hub_server.py)."""

from __future__ import annotations

import errno
import os
import socket
import stat

import pytest

from desktop.backends import hub_api, hub_token
from desktop.core.errors import HubError, HubErrorKind
from desktop.core.hub_models import group_variants
from tests.hub_server import fake_hub  # noqa: F401
from tests.tiny_gguf import write_tiny_llama


@pytest.fixture(scope="module")
def tiny_bytes(tmp_path_factory) -> bytes:
    return write_tiny_llama(tmp_path_factory.mktemp("hub") / "t.gguf").read_bytes()


@pytest.fixture
def hub(fake_hub, tiny_bytes):  # noqa: F811
    fake_hub.add_repo("alice/popular-GGUF", {"popular-Q4_0.gguf": tiny_bytes},
                      downloads=900, likes=3, last_modified="2024-01-01T00:00:00.000Z")
    fake_hub.add_repo("bob/liked-GGUF", {"liked-Q4_0.gguf": tiny_bytes},
                      downloads=50, likes=80, last_modified="2024-06-01T00:00:00.000Z")
    fake_hub.add_repo("carol/fresh-GGUF", {"fresh-Q4_0.gguf": tiny_bytes},
                      downloads=10, likes=9, last_modified="2025-03-01T00:00:00.000Z",
                      gated=True, token="hf_carol")
    fake_hub.add_repo("dave/not-gguf", {"model.safetensors": tiny_bytes},
                      downloads=10_000, tags=("safetensors",))
    return fake_hub


def ids(repos) -> list[str]:
    return [r.repo_id for r in repos]


def test_search_sorts_and_keeps_only_gguf(hub):
    assert ids(hub_api.search_models("")) == [
        "alice/popular-GGUF", "bob/liked-GGUF", "carol/fresh-GGUF"]
    assert ids(hub_api.search_models("", sort="likes")) == [
        "bob/liked-GGUF", "carol/fresh-GGUF", "alice/popular-GGUF"]
    assert ids(hub_api.search_models("", sort="recent")) == [
        "carol/fresh-GGUF", "bob/liked-GGUF", "alice/popular-GGUF"]
    assert ids(hub_api.search_models("liked")) == ["bob/liked-GGUF"]
    assert len(hub_api.search_models("", limit=2)) == 2
    query = next(e.query for e in hub.log if e.path == "/api/models")
    assert "filter=gguf" in query and "sort=downloads" in query


def test_search_reports_counts_and_gating(hub):
    fresh = hub_api.search_models("fresh")[0]
    assert (fresh.downloads, fresh.likes, fresh.gated, fresh.private) == (10, 9, True, False)
    assert fresh.last_modified.startswith("2025-03-01")


def test_unknown_sort_is_refused(hub):
    with pytest.raises(ValueError):
        hub_api.search_models("x", sort="stars")


def test_files_are_grouped_into_variants_with_split_as_one(fake_hub, tiny_bytes):  # noqa: F811
    half = len(tiny_bytes) // 2
    sha = fake_hub.add_repo("erin/big-GGUF", {
        "Q4_K_M/big-Q4_K_M-00001-of-00002.gguf": tiny_bytes[:half],
        "Q4_K_M/big-Q4_K_M-00002-of-00002.gguf": tiny_bytes[half:],
        "big-Q8_0.gguf": tiny_bytes + tiny_bytes,
        "mmproj-big-f16.gguf": tiny_bytes,
        "README.md": b"# big\n",
    })
    revision, files = hub_api.repo_files("erin/big-GGUF")
    assert revision == sha
    by_name = {f.filename: f for f in files}
    assert by_name["README.md"].sha256 is None
    assert by_name["big-Q8_0.gguf"].size == 2 * len(tiny_bytes)
    variants = group_variants("erin/big-GGUF", revision, files)
    assert [(v.quantization, len(v.files)) for v in variants] == [("Q4_K_M", 2), ("Q8_0", 1)]
    split = variants[0]
    assert split.is_split and split.complete and split.size == len(tiny_bytes)
    assert all(len(f.sha256) == 64 for f in split.files)


def test_revision_is_pinned_and_unknown_revision_is_not_found(hub):
    revision, _ = hub_api.repo_files("alice/popular-GGUF")
    assert hub_api.repo_files("alice/popular-GGUF", revision=revision)[0] == revision
    with pytest.raises(HubError) as err:
        hub_api.repo_files("alice/popular-GGUF", revision="0" * 40)
    assert err.value.kind is HubErrorKind.NOT_FOUND


def test_unknown_repo_is_not_found(hub):
    with pytest.raises(HubError) as err:
        hub_api.repo_files("nobody/nothing")
    assert err.value.kind is HubErrorKind.NOT_FOUND
    assert "nobody/nothing" in err.value.detail


def test_private_repo_asks_for_a_token(fake_hub, tiny_bytes):  # noqa: F811
    fake_hub.add_repo("frank/secret-GGUF", {"s-Q4_0.gguf": tiny_bytes},
                      private=True, token="hf_frank")
    with pytest.raises(HubError) as err:
        hub_api.repo_files("frank/secret-GGUF")
    assert err.value.kind is HubErrorKind.AUTH_REQUIRED
    _, files = hub_api.repo_files("frank/secret-GGUF", token="hf_frank")
    assert [f.filename for f in files] == ["s-Q4_0.gguf"]


def test_gated_repo_lists_its_files_without_a_token(hub):
    _, files = hub_api.repo_files("carol/fresh-GGUF")
    assert files[0].filename == "fresh-Q4_0.gguf"


@pytest.mark.parametrize("reply", [(500, b"oops"), (200, b"not json")])
def test_server_failure_or_unreadable_reply_is_server(hub, reply):
    hub.info_reply = reply
    with pytest.raises(HubError) as err:
        hub_api.repo_files("alice/popular-GGUF")
    assert err.value.kind is HubErrorKind.SERVER


def test_unreachable_hub_is_offline(monkeypatch):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    with pytest.raises(HubError) as err:
        hub_api.repo_files("alice/popular-GGUF")
    assert err.value.kind is HubErrorKind.OFFLINE


def test_disk_full_error_maps_to_disk_full():
    err = hub_api.hub_error(OSError(errno.ENOSPC, "No space left on device"), "x.gguf")
    assert err.kind is HubErrorKind.DISK_FULL and err.detail.startswith("x.gguf")


def test_token_file_is_owner_only_and_atomic():
    assert hub_token.load_token() is None
    hub_token.save_token("  hf_abc123\n")
    path = hub_token.token_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert hub_token.load_token() == "hf_abc123"
    hub_token.save_token("hf_new")
    assert hub_token.load_token() == "hf_new"
    assert [p.name for p in path.parent.iterdir()] == ["hub-token"]  # no temporary left
    os.chmod(path, 0o644)
    assert hub_token.load_token() == "hf_new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    hub_token.clear_token()
    assert hub_token.load_token() is None
    with pytest.raises(ValueError):
        hub_token.save_token("two words")
