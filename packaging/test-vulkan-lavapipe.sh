#!/usr/bin/env bash
# Exercise Maru's GPU-offload path without a GPU: the Vulkan wheel on Mesa's lavapipe.
#
#   packaging/test-vulkan-lavapipe.sh WHEEL_DIR     (a wheel from build-llama-cpp.sh vulkan)
#
# Installs the wheel into a scratch folder (never into .venv) that shadows .venv's llama_cpp
# through PYTHONPATH, then runs `maru chat --json` on the starter model twice: all layers on
# Vulkan device 0 (lavapipe, a CPU device ggml only uses when GGML_VK_VISIBLE_DEVICES names it),
# and CPU only. Fails unless the layers were offloaded to llvmpipe and tokens came out.
# Needs: apt-get install mesa-vulkan-drivers libvulkan1 (vulkan-tools for vulkaninfo).
# Env: PYTHON (default .venv/bin/python), MAX_TOKENS (default 32).
set -euo pipefail

WHEELS=${1:?usage: test-vulkan-lavapipe.sh WHEEL_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
MODEL=$ROOT/resources/models/SmolLM2-135M-Instruct-Q4_1.gguf
ICD=$(ls /usr/share/vulkan/icd.d/lvp_icd.*.json 2>/dev/null | head -1 || true)
[ -n "$ICD" ] || { echo "lavapipe missing: apt-get install mesa-vulkan-drivers" >&2; exit 1; }
WHEEL=$(ls "$WHEELS"/llama_cpp_python-*.whl | head -1)

SCRATCH=$(mktemp -d /tmp/maru-vk.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
"$PYTHON" -m pip install -q --no-deps --target "$SCRATCH/site" "$WHEEL"
ls "$SCRATCH/site/llama_cpp/lib" | grep -q ggml-vulkan || { echo "no Vulkan module in $WHEEL" >&2; exit 1; }

chat() {  # chat GPU_LAYERS OUT_JSON
  (cd "$ROOT" && MARU_HOME="$SCRATCH/home" PYTHONPATH="$SCRATCH/site" \
     VK_ICD_FILENAMES="$ICD" GGML_VK_VISIBLE_DEVICES=0 \
     "$PYTHON" -m desktop chat --model "$MODEL" --gpu-layers "$1" --temperature 0 --seed 1 \
       --max-tokens "${MAX_TOKENS:-32}" --ctx 512 --json "Name three colours." > "$2")
}

chat -1 "$SCRATCH/vulkan.json"
chat 0 "$SCRATCH/cpu.json"

"$PYTHON" - "$SCRATCH/vulkan.json" "$SCRATCH/cpu.json" <<'EOF'
import json, sys
vk, cpu = (json.load(open(path)) for path in sys.argv[1:3])
for name, r in (("vulkan/lavapipe", vk), ("cpu", cpu)):
    print(f"{name}: backends={r['backends']} device={r['device']!r} "
          f"layers={r['n_gpu_layers']}/{r['n_layers']} reason={r['offload_reason']} "
          f"tokens={r['completion_tokens']} {r['tokens_per_second']} tok/s")
problems = []
if "Vulkan" not in vk["backends"]:
    problems.append("the Vulkan backend did not register")
if vk["n_gpu_layers"] != vk["n_layers"] or "llvmpipe" not in vk["device"]:
    problems.append("the layers were not offloaded to llvmpipe")
if vk["completion_tokens"] <= 0:
    problems.append("no tokens generated on Vulkan")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print("PASS: layers offloaded to lavapipe, tokens generated")
EOF
