"""Move ggml backend modules a llama-cpp-python wheel put in bin/ into llama_cpp/lib.

llama-cpp-python 0.3.36 installs the backend modules it knows by target name
("ggml-cpu", "ggml-vulkan"), but GGML_CPU_ALL_VARIANTS builds ggml-cpu-haswell,
ggml-cpu-skylakex...: ggml's own install rule puts those in the wheel's top-level
bin/, outside the package, where ggml_backend_load_all_from_path never looks.
Rewrites the wheel in place, RECORD included.  Usage: python wheel_move_modules.py WHEEL
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import zipfile

_MODULE = re.compile(r"^bin/((lib)?ggml-[\w-]+\.(so|dll|dylib))$")


def move_modules(path: str) -> int:
    """Rewrite the wheel at `path`; return how many modules moved."""
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    record = next(i.filename for i, _ in items if i.filename.endswith(".dist-info/RECORD"))
    names = {info.filename for info, _ in items}
    rows, kept, moved = [], [], 0
    for info, data in items:
        if info.filename == record:
            continue
        match = _MODULE.match(info.filename)
        if match:
            target = "llama_cpp/lib/" + match.group(1)
            if target in names:  # already installed by its target name: drop the copy
                continue
            info.filename, moved = target, moved + 1
        kept.append((info, data))
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        rows.append(f"{info.filename},sha256={digest},{len(data)}")
    rows.append(f"{record},,")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in kept:
            z.writestr(info, data, zipfile.ZIP_DEFLATED)
        z.writestr(record, "\n".join(rows) + "\n")
    return moved


if __name__ == "__main__":
    print(f"moved {move_modules(sys.argv[1])} backend modules into llama_cpp/lib")
