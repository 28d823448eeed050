"""What Maru's download path costs over huggingface_hub's own, and what a resume saves.

    .venv/bin/python bench/download.py [--rounds 3]

Both download the starter GGUF (98 MB) from the test suite's loopback Hub
(tests/hub_server.py), alternating, in the same process:
- baseline: `huggingface_hub.hf_hub_download` into an empty cache (no checksum);
- Maru: `hub_download.download_variant` (staging, streamed sha256, progress,
  cancel checks, move into the models folder).
Then a resume: the connection is cut at a random offset; the figure is the bytes
sent again, against the file's size.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import MODEL, machine, print_table

REPO = "HuggingFaceTB/SmolLM2-135M-Instruct-GGUF"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="maru-bench-dl-"))
    os.environ.update(MARU_HOME=str(work / "home"), HF_HOME=str(work / "hf"))
    from huggingface_hub import hf_hub_download

    from desktop.backends import hub_api, hub_download
    from desktop.core.hub_models import group_variants
    from tests.hub_server import FakeHub

    hub = FakeHub()
    os.environ["HF_ENDPOINT"] = hub.endpoint
    hub.add_repo(REPO, {MODEL.name: MODEL})
    revision, files = hub_api.repo_files(REPO)
    variant = group_variants(REPO, revision, files)[0]
    base, ours = [], []
    for i in range(args.rounds):
        cache = work / f"cache{i}"
        started = time.perf_counter()
        hf_hub_download(REPO, MODEL.name, revision=revision, cache_dir=cache,
                        endpoint=hub.endpoint, token=False)
        base.append(time.perf_counter() - started)
        shutil.rmtree(cache)
        models = work / f"models{i}"
        started = time.perf_counter()
        hub_download.download_variant(variant, models)
        ours.append(time.perf_counter() - started)
        shutil.rmtree(models)
    seed = random.randrange(1 << 30)
    cut = random.Random(seed).randrange(1 << 20, variant.size - (1 << 20))
    hub.file(REPO, MODEL.name).drop_after = cut
    hub.log.clear()
    hub_download.download_variant(variant, work / "models-resume")
    sent = sum(e.sent for e in hub.body_gets(MODEL.name))
    hub.close()
    b, o = statistics.median(base), statistics.median(ours)
    mb = variant.size / 1e6
    print(f"# Downloads ({machine()}), {mb:.1f} MB over loopback, median of {args.rounds}\n")
    print_table(["path", "seconds", "MB/s", "ratio to baseline"], [
        ["huggingface_hub.hf_hub_download (baseline)", f"{b:.2f}", f"{mb / b:.0f}", "1.00"],
        ["Maru download_variant (+ sha256, staging)", f"{o:.2f}", f"{mb / o:.0f}",
         f"{o / b:.2f}"],
    ])
    print(f"\nResume after a cut at byte {cut:,} (seed {seed}): {sent - variant.size:,} bytes "
          f"sent twice of {variant.size:,} ({(sent - variant.size) / variant.size:.2%}).")


if __name__ == "__main__":
    main()
