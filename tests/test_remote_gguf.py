"""Reading a GGUF header from a byte prefix, and the growth loop that fetches it."""

import struct
import time

import pytest

from desktop.backends import remote_gguf
from desktop.backends.gguf_info import NeedMoreBytes, read_gguf_header, read_gguf_info
from desktop.backends.remote_gguf import FIRST_PREFIX, hub_header, read_remote_header
from desktop.core.errors import EngineError, ErrorKind, HubError, HubErrorKind
from tests.hub_server import fake_hub  # noqa: F401


class FileFetch:
    """fetch(start, end) over local bytes, recording every range asked for."""

    def __init__(self, data: bytes) -> None:
        self.data, self.ranges = data, []

    def __call__(self, start: int, end: int) -> bytes:
        self.ranges.append((start, end))
        return self.data[start:end]

    @property
    def fetched(self) -> int:
        return sum(end - start for start, end in self.ranges)


def hostile(tail: bytes) -> bytes:
    """A v3 header with one metadata key, followed by `tail` (its type and value)."""
    return b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 4) + b"evil" + tail


def test_short_prefix_asks_for_more(starter_model):
    data = starter_model.read_bytes()
    with pytest.raises(NeedMoreBytes) as more:
        read_gguf_header(data[:65536], len(data), starter_model.name)
    assert more.value.needed > 65536


def test_enough_bytes_give_the_same_info_as_the_local_file(starter_model):
    data = starter_model.read_bytes()
    local = read_gguf_info(starter_model)
    remote = read_gguf_header(data[: 8 * 1024**2], len(data), starter_model.name)
    assert remote.metadata == local.metadata
    assert (remote.n_tensors, remote.tensor_data_bytes, remote.size_bytes) == (
        local.n_tensors, local.tensor_data_bytes, local.size_bytes)
    assert remote.shape == local.shape


def test_growth_loop_fetches_each_byte_once(starter_model):
    data = starter_model.read_bytes()
    fetch = FileFetch(data)
    info = read_remote_header(fetch, len(data), starter_model.name)
    assert info.block_count == 30 and info.quantization == "Q4_1"
    assert fetch.ranges[0] == (0, FIRST_PREFIX)
    # contiguous ranges: the prefix only grows, nothing is fetched twice
    assert all(a[1] == b[0] for a, b in zip(fetch.ranges, fetch.ranges[1:], strict=False))
    assert len(fetch.ranges) <= 3
    assert fetch.fetched < len(data) // 10  # a few MB of a 98 MB file


def test_tiny_file_is_read_in_one_call(tiny_gguf):
    data = tiny_gguf.read_bytes()
    fetch = FileFetch(data)
    assert read_remote_header(fetch, len(data), "tiny.gguf").block_count == 2
    assert fetch.ranges == [(0, min(FIRST_PREFIX, len(data)))]


def test_hostile_sizes_are_refused_without_fetching_more():
    claimed = 10 * 1024**3  # the Hub says the file is 10 GiB
    cases = {
        "array of 2^63 u32": (hostile(struct.pack("<IIQ", 9, 4, 2**63)), ErrorKind.TRUNCATED_GGUF),
        "string of 2^62 bytes": (hostile(struct.pack("<IQ", 8, 2**62)), ErrorKind.TRUNCATED_GGUF),
        # fits in the file, but larger than any header Maru will fetch
        "string of 1 GiB": (hostile(struct.pack("<IQ", 8, 1024**3)), ErrorKind.UNSUPPORTED_GGUF),
        "array of 2^40 strings": (hostile(struct.pack("<IIQ", 9, 8, 2**40)),
                                  ErrorKind.TRUNCATED_GGUF),
    }
    for label, (header, kind) in cases.items():
        fetch = FileFetch(header + b"\0" * 64)
        started = time.process_time()
        with pytest.raises(EngineError) as error:
            read_remote_header(fetch, claimed, "evil.gguf")
        assert error.value.kind == kind, label
        assert len(fetch.ranges) == 1, label
        assert time.process_time() - started < 1.0, label


def test_not_gguf_and_short_reads():
    with pytest.raises(EngineError) as error:
        read_remote_header(FileFetch(b"<html>not a model</html>" * 100), 2500, "x.gguf")
    assert error.value.kind == ErrorKind.NOT_GGUF


def test_a_server_sending_less_than_promised_is_truncated(starter_model):
    data = starter_model.read_bytes()
    with pytest.raises(EngineError) as error:
        read_remote_header(FileFetch(data[:1000]), len(data), starter_model.name)
    assert error.value.kind == ErrorKind.TRUNCATED_GGUF


def test_declared_size_smaller_than_the_header_is_truncated(starter_model):
    data = starter_model.read_bytes()
    with pytest.raises(EngineError) as error:
        read_remote_header(FileFetch(data), 100_000, starter_model.name)
    assert error.value.kind == ErrorKind.TRUNCATED_GGUF


def test_hub_header_caches_by_repo_revision_and_file(starter_model, monkeypatch, maru_home):
    data = starter_model.read_bytes()
    fetches = []

    def fake_fetcher(url, token):
        fetches.append(url)
        return FileFetch(data)

    monkeypatch.setattr(remote_gguf, "_range_fetcher", fake_fetcher)
    args = ("HuggingFaceTB/SmolLM2-135M-Instruct-GGUF", starter_model.name, "abc123", len(data))
    first = hub_header(*args)
    second = hub_header(*args)
    assert len(fetches) == 1 and first == second
    assert first.shape == read_gguf_info(starter_model).shape
    kept = [v for v in first.metadata.values() if isinstance(v, str)]
    assert kept and max(map(len, kept)) <= 1024  # long strings are not cached, nor returned
    assert list((maru_home / "cache" / "gguf-headers").glob("*.json"))
    hub_header(args[0], args[1], "def456", args[3])  # another revision: fetched again
    assert len(fetches) == 2


@pytest.fixture
def smol_hub(fake_hub, starter_model):  # noqa: F811
    """The starter model published on the loopback Hub, public and gated."""
    fake_hub.sha = fake_hub.add_repo("alice/smol-GGUF", {"smol.gguf": starter_model})
    fake_hub.gated_sha = fake_hub.add_repo("alice/gated-GGUF", {"smol.gguf": starter_model},
                                           gated=True, token="hf_right")
    fake_hub.size = starter_model.stat().st_size
    return fake_hub


def test_hub_header_over_http_reads_only_the_header(smol_hub, starter_model):
    info = hub_header("alice/smol-GGUF", "smol.gguf", smol_hub.sha, smol_hub.size,
                      token="hf_mine")
    assert info.shape == read_gguf_info(starter_model).shape
    gets = smol_hub.body_gets("smol.gguf")
    assert gets[0].range == f"bytes=0-{FIRST_PREFIX - 1}" and len(gets) == 2
    assert all(g.status == 206 and not g.auth for g in gets)  # no token to the CDN
    assert sum(g.sent for g in gets) < smol_hub.size // 10


def test_hub_header_maps_http_failures(smol_hub, monkeypatch):
    def kind(repo, token=None, name="smol.gguf"):
        with pytest.raises(HubError) as error:
            hub_header(repo, name, "main", smol_hub.size, token=token)
        return error.value.kind

    assert kind("alice/gated-GGUF") == HubErrorKind.AUTH_REQUIRED
    assert kind("alice/gated-GGUF", token="hf_wrong") == HubErrorKind.ACCESS_DENIED
    assert kind("alice/smol-GGUF", name="absent.gguf") == HubErrorKind.NOT_FOUND
    assert hub_header("alice/gated-GGUF", "smol.gguf", smol_hub.gated_sha, smol_hub.size,
                      token="hf_right").block_count == 30
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    assert kind("alice/smol-GGUF") == HubErrorKind.OFFLINE


def test_hub_header_survives_a_server_that_ignores_range(smol_hub, starter_model):
    smol_hub.ignore_range = True
    info = hub_header("alice/smol-GGUF", "smol.gguf", smol_hub.sha, smol_hub.size)
    assert info.shape == read_gguf_info(starter_model).shape
