"""`maru --selftest` as an installer's smoke test runs it: a real process, real model."""

import os
import subprocess
import sys

import pytest


def selftest(env_changes: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_changes}
    env.pop("DISPLAY", None)  # the selftest must pick offscreen by itself
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "desktop", "--selftest"], capture_output=True,
                          text=True, timeout=180, env=env)


@pytest.mark.slow
def test_selftest_loads_generates_opens_the_window_and_passes(maru_home):
    result = selftest({})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "system info: CPU" in out
    assert "model: " in out and "layers offloaded" in out
    assert "generated " in out
    assert "window: opened and closed (offscreen)" in out
    assert "selftest passed" in out
    assert not any(maru_home.iterdir()), "the selftest wrote into the user's data folder"


@pytest.mark.slow
def test_selftest_without_the_starter_model_fails_with_one_line(tmp_path):
    (tmp_path / "models").mkdir()
    result = selftest({"MARU_RESOURCES": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"maru: selftest failed: the bundled starter model is missing: "
        f"{tmp_path / 'models' / 'SmolLM2-135M-Instruct-Q4_1.gguf'}"]
