"""Arms tests/chaos/net_guard.py in every Python process started with this folder on
PYTHONPATH and MARU_NET_GUARD_LOG set (multiprocessing "spawn" children included)."""

import importlib.util
import os
from pathlib import Path

if os.environ.get("MARU_NET_GUARD_LOG"):
    _spec = importlib.util.spec_from_file_location(
        "maru_net_guard", Path(__file__).resolve().parents[1] / "net_guard.py")
    _guard = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_guard)
    _guard.install(os.environ["MARU_NET_GUARD_LOG"])
