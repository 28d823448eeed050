"""Issue 8, item 8: Maru works with no network, and only an explicit download uses it.

Every flow runs as a user runs it (the `maru` CLI in its own process, the engine worker
and the document extraction child under it) with tests/chaos/net_guard.py armed in
each of those processes, and inside `unshare -rn` (a network namespace with no
interfaces) where the kernel allows one. Figure: each flow succeeds with 0 refused
connection attempts; a download from the loopback Hub is allowed, one from a
non-loopback Hub is refused at the guard and reported as "cannot reach the Hub".
Rendering model output (the chat transcript, the task panels) loads no resource.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Before anything imports huggingface_hub, as in the app: hub_api turns off its
# telemetry, which otherwise fetches {HF_ENDPOINT}/api/agent-harnesses on the first
# request (to huggingface.co when HF_ENDPOINT was set after the import).
from desktop.backends import hub_api
from tests import doc_fixtures as fx
from tests.chaos import figures, net_guard
from tests.hub_server import fake_hub  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.chaos, pytest.mark.slow]

ISOLATION = net_guard.isolation()
REMOTE_HUB = "http://203.0.113.5"  # TEST-NET-3: never routed, so never a real server
_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture
def guard_log(tmp_path, monkeypatch) -> Path:
    """The guard's log; every Python process started from here on is guarded."""
    log = tmp_path / "net-guard.jsonl"
    for name in _PROXY_VARS:  # a proxy from the CI's environment would be a remote hop
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    for name, value in net_guard.child_env(log, {}).items():
        if name == "PYTHONPATH" and os.environ.get("PYTHONPATH"):
            value = f"{value}{os.pathsep}{os.environ['PYTHONPATH']}"
        monkeypatch.setenv(name, value)
    return log


def maru(*args: str, isolate: bool = True, stdin: str | None = None,
         timeout: int = 300) -> subprocess.CompletedProcess:
    """`maru ARGS` in its own process (guarded through the environment)."""
    prefix = ISOLATION if isolate else []
    return subprocess.run([*prefix, sys.executable, "-m", "desktop", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=os.environ.copy())


def maru_json(*args: str) -> object:
    done = maru(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def spawned(armed: list[dict]) -> int:
    """How many multiprocessing "spawn" children were guarded."""
    return sum("spawn_main" in " ".join(row["argv"]) for row in armed)


def check_offline(name: str, log: Path, min_children: int) -> None:
    """Assert and record: no refused attempt, and the children were guarded too."""
    refused, armed = net_guard.records(log)
    figures.record(f"offline_{name}", refused_attempts=len(refused),
                   guarded_processes=len(armed), spawned_children=spawned(armed),
                   isolation=" ".join(ISOLATION) or "socket guard only")
    assert refused == []
    assert spawned(armed) >= min_children, armed  # the guard really ran in the children


# ---- chat, task modes, documents: nothing touches the network -------------------------------

def test_a_chat_answer_needs_no_network(guard_log, starter_model):
    answer = maru_json("chat", "--model", str(starter_model), "--max-tokens", "24",
                       "--ctx", "1024", "--seed", "1", "What is the capital of France?")
    assert answer["text"].strip() and answer["completion_tokens"] > 0
    check_offline("chat", guard_log, min_children=1)


def test_summarize_and_classify_need_no_network(guard_log, starter_model, tmp_path):
    source = tmp_path / "notes.md"
    source.write_text("# Trip report\n\nThe team visited the plant on Monday and counted "
                      "forty machines. Two of them were broken and will be replaced in "
                      "March.\n\nThe budget for the repairs is twelve thousand euros.\n",
                      encoding="utf-8")
    summary = maru_json("summarize", "--style", "one-line", "--model", str(starter_model),
                        "--ctx", "1024", str(source))
    assert summary["summary"].strip()
    labels = maru_json("classify", "--labels", "good,bad", "--model", str(starter_model),
                       "--ctx", "1024", "I love this phone, best purchase ever!")
    (item,) = labels["items"]
    assert item["labels"][0] in labels["labels"]
    check_offline("tasks", guard_log, min_children=2)


def test_indexing_and_asking_need_no_network(guard_log, starter_model, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    fx.write_pdf(folder / "manual.pdf", [
        "Maru X100 user manual.\n\nCharge the device for two hours before first use.",
        "Warranty.\n\nThe warranty period for the Maru X100 is 24 months from the date of "
        "purchase.",
    ], title="Maru X100 manual")
    fx.write_docx(folder / "meeting.docx", [("h1", "Weekly meeting"),
                                           ("p", "The next meeting is on Friday at three.")])
    fx.write_markdown(folder / "readme.md", "# Readme\n\nThe zebrafish data stays offline.\n")
    report = maru_json("index", str(folder), "--collection", "docs")
    assert len(report["indexed"]) == 3 and report["failed"] == []
    answer = maru_json("ask", "--collection", "docs", "--model", str(starter_model),
                       "--max-tokens", "48", "--seed", "1",
                       "How long is the warranty period for the Maru X100?")
    assert not answer["not_found"] and answer["answer"].strip()
    assert Path(answer["sources"][0]["path"]).name == "manual.pdf"
    check_offline("documents", guard_log, min_children=2)  # extraction child, engine worker


# ---- explicit downloads: the one thing that may use the network ----------------------------

def test_a_download_from_the_loopback_hub_is_allowed(guard_log, fake_hub,  # noqa: F811
                                                      tiny_gguf, tmp_path):
    hub_file = tmp_path / "tiny-Q4_K_M.gguf"
    shutil.copyfile(tiny_gguf, hub_file)
    fake_hub.add_repo("tiny-org/Tiny-GGUF", {hub_file.name: hub_file})
    done = maru("models", "download", "tiny-org/Tiny-GGUF", "Q4_K_M", isolate=False)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).read_bytes() == hub_file.read_bytes()
    refused, _armed = net_guard.records(guard_log)
    assert refused == []
    assert fake_hub.body_gets(hub_file.name)  # the bytes did come over the (loopback) network
    # Only what the download needs: no telemetry or agent registry request rode along.
    assert {e.path.split("/")[1] for e in fake_hub.log} <= {"api", "tiny-org", "cdn"}
    assert not [e.path for e in fake_hub.log if e.path.startswith("/api/")
                and not e.path.startswith("/api/models/")]
    figures.record("offline_download_loopback", refused_attempts=len(refused),
                   hub_requests=len(fake_hub.log))


@pytest.mark.parametrize(("endpoint", "what", "target"), [
    (REMOTE_HUB, "connect", "203.0.113.5"),  # an address: the connect is refused
    (None, "getaddrinfo", "huggingface.co"),  # the real Hub: its DNS lookup is refused
])
def test_a_download_from_a_remote_hub_is_refused_and_reported_as_offline(
        guard_log, monkeypatch, endpoint, what, target):
    if endpoint is None:
        monkeypatch.delenv("HF_ENDPOINT", raising=False)
    else:
        monkeypatch.setenv("HF_ENDPOINT", endpoint)
    monkeypatch.setenv("HF_HOME", str(guard_log.parent / "hf-home"))
    done = maru("models", "download", "tiny-org/Tiny-GGUF", "Q4_K_M", isolate=False)
    assert done.returncode == 1, done.stdout
    assert "maru: error: cannot reach the Hugging Face Hub" in done.stderr, done.stderr
    refused, _armed = net_guard.records(guard_log)
    assert refused, "the download never tried the network"
    assert {(r["what"], target in r["target"]) for r in refused} == {(what, True)}, refused
    figures.record(f"offline_download_{what}", refused_attempts=len(refused),
                   reported="offline")


def test_the_hub_error_kind_of_a_refused_connection_is_offline(guard_log, monkeypatch):
    from desktop.core.errors import HubError, HubErrorKind

    monkeypatch.setenv("HF_ENDPOINT", REMOTE_HUB)
    net_guard.install(guard_log)  # in this process: the call below runs here
    try:
        with pytest.raises(HubError) as error:
            hub_api.repo_files("tiny-org/Tiny-GGUF")
    finally:
        net_guard.uninstall()
    assert error.value.kind is HubErrorKind.OFFLINE
    refused, _armed = net_guard.records(guard_log)
    assert refused and all("203.0.113.5" in r["target"] for r in refused)
