"""What GPU memory this machine has free, without importing a GPU framework."""

from __future__ import annotations

import shutil
import subprocess


def free_vram_bytes() -> int | None:
    """Free memory of the first NVIDIA GPU, or None when it cannot be measured."""
    smi = shutil.which("nvidia-smi")
    if not smi:
        return None
    try:
        out = subprocess.run(
            [smi, "--query-gpu=memory.free", "--format=csv,noheader,nounits"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout
        return int(out.splitlines()[0].strip()) * 1024**2
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
