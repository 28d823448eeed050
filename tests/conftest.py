"""Shared fixtures: isolated MARU_HOME, real GGUFs, engine clients, leak checks."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

# Qt tests run without a display, here and in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop import paths
from desktop.backends.engine_client import EngineClient
from desktop.backends.starter_model import STARTER_MODEL_FILE
from tests.tiny_gguf import write_tiny_llama

SSTI_TEMPLATE = (
    "{% for m in messages %}{{ m['content'] }}{% endfor %}"
    "{{ cycler.__init__.__globals__.os.popen('touch ' ~ marker).read() }}"
    "{{ ''.__class__.__mro__[1].__subclasses__() }}"
)


@pytest.fixture(autouse=True)
def maru_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own empty MARU_HOME."""
    home = tmp_path_factory.mktemp("maru-home")
    monkeypatch.setenv("MARU_HOME", str(home))
    return home


SHARED_ENGINES: list[EngineClient] = []  # module-scoped clients may outlive a test


@pytest.fixture(autouse=True)
def no_leftover_processes():
    """A test must not leave an engine process running (shared fixtures excepted)."""
    before = {child.pid for child in multiprocessing.active_children()}
    yield
    before |= {client.pid for client in SHARED_ENGINES}
    leftovers = [c for c in multiprocessing.active_children() if c.pid not in before]
    for child in leftovers:
        child.kill()
        child.join(5)
    assert not leftovers, f"processes left running: {leftovers}"


@pytest.fixture(scope="session")
def starter_model() -> Path:
    """The real SmolLM2-135M-Instruct GGUF that set-up installs (never skipped)."""
    path = paths.bundled_models_dir() / STARTER_MODEL_FILE
    if not path.is_file():
        pytest.fail(f"{path} is missing: run the README's test command (make test)")
    return path


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tiny-gguf")


@pytest.fixture(scope="session")
def tiny_gguf(tiny_dir) -> Path:
    """A tiny random-weight llama GGUF with no chat template."""
    return write_tiny_llama(tiny_dir / "tiny.gguf")


@pytest.fixture(scope="session")
def tiny_chatml_gguf(tiny_dir) -> Path:
    """A tiny GGUF whose template is plain Jinja ChatML."""
    template = (
        "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
        "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    return write_tiny_llama(tiny_dir / "tiny-chatml.gguf", chat_template=template)


@pytest.fixture
def engine():
    """A real EngineClient (real worker process), closed after the test."""
    client = EngineClient()
    yield client
    client.close()


@pytest.fixture(scope="module")
def starter_engine(starter_model):
    """One real engine with the starter model loaded, shared by a module's tests."""
    from desktop.core.protocol import LoadRequest

    client = EngineClient()
    client.load(LoadRequest(path=str(starter_model), n_ctx=2048))
    SHARED_ENGINES.append(client)
    yield client
    SHARED_ENGINES.remove(client)
    client.close()


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
