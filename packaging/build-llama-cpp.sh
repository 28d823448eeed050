#!/usr/bin/env bash
# Build a llama-cpp-python wheel for one Maru backend variant.
#
#   packaging/build-llama-cpp.sh VARIANT [OUT_DIR]     VARIANT: cpu | vulkan | cuda | metal
#
# Every variant is a GGML_BACKEND_DL build: the CPU backend (all x86 variants, chosen at run time)
# and the GPU backend are separate modules in llama_cpp/lib, loaded by Maru at start-up
# (desktop/backends/ggml_backends.py). The exact CMAKE_ARGS below are what CI caches the wheel by.
#
# Vulkan on Debian 12: bookworm's Vulkan headers (1.3.239) are too old for the vendored llama.cpp
# (it uses VK_KHR_internally_synchronized_queues, VK_EXT_shader_float8, ...). Headers are
# header-only, so we take newer ones from Debian's own archive (libvulkan-dev from sid, extracted,
# never installed) with a private apt configuration, and point CMake at them. The loader stays the
# system libvulkan1: ggml loads every Vulkan entry point dynamically.
#
# --no-cache-dir: pip would otherwise reuse a cached wheel of the same version built with other
# CMAKE_ARGS (it does not key its cache by them).
# Env: PYTHON (default python3; needs pip), LLAMA_CPP_PYTHON_VERSION (default 0.3.36),
#      CMAKE_BUILD_PARALLEL_LEVEL (default 2), VULKAN_HEADERS_DIR (skip the header look-up).
set -euo pipefail

VARIANT=${1:?usage: build-llama-cpp.sh cpu|vulkan|cuda|metal [OUT_DIR]}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${2:-$ROOT/build/wheels/$VARIANT}
PYTHON=${PYTHON:-python3}
VERSION=${LLAMA_CPP_PYTHON_VERSION:-0.3.36}
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}

BASE="-DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_NATIVE=OFF"
case "$VARIANT" in
  cpu)    CMAKE_ARGS="$BASE" ;;
  vulkan) CMAKE_ARGS="$BASE -DGGML_VULKAN=ON" ;;
  cuda)   CMAKE_ARGS="$BASE -DGGML_CUDA=ON" ;;
  # Apple silicon: no x86 CPU variants; Metal shaders embedded so the .app needs no .metal file.
  metal)  CMAKE_ARGS="-DGGML_BACKEND_DL=ON -DGGML_NATIVE=OFF -DGGML_METAL=ON -DGGML_METAL_EMBED_LIBRARY=ON" ;;
  *) echo "unknown variant: $VARIANT" >&2; exit 2 ;;
esac

# Newest VK_HEADER_VERSION the vendored ggml-vulkan needs (VK_KHR_internally_synchronized_queues).
MIN_VK_HEADER=340

vk_header_version() {  # prints VK_HEADER_VERSION of an include dir, or 0
  sed -n 's/^#define VK_HEADER_VERSION \([0-9]*\).*/\1/p' "$1/vulkan/vulkan_core.h" 2>/dev/null || echo 0
}

fetch_debian_vulkan_headers() {  # extract libvulkan-dev + spirv-headers from Debian sid into $1 (no install)
  local dest=$1 apt=$ROOT/build/apt-vulkan
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" \
    > "$apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=-
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Get::List-Cleanup=0)
  apt-get "${opts[@]}" update >/dev/null
  (cd "$apt" && rm -f ./*.deb && apt-get "${opts[@]}" download libvulkan-dev spirv-headers)
  rm -rf "$dest"
  for deb in "$apt"/*.deb; do dpkg-deb -x "$deb" "$dest"; done
}

if [ "$VARIANT" = vulkan ]; then
  GLSLC=$(command -v glslc || true)
  [ -n "$GLSLC" ] || { echo "glslc missing: apt-get install glslc libvulkan-dev" >&2; exit 1; }
  INC=${VULKAN_HEADERS_DIR:-/usr/include}
  if [ "$(vk_header_version "$INC")" -lt "$MIN_VK_HEADER" ]; then
    INC=$ROOT/build/vulkan-headers/usr/include
    [ -e "$INC/spirv/unified1/spirv.hpp" ] && [ "$(vk_header_version "$INC")" -ge "$MIN_VK_HEADER" ] \
      || fetch_debian_vulkan_headers "$ROOT/build/vulkan-headers"
  fi
  echo "Vulkan headers: $INC (VK_HEADER_VERSION $(vk_header_version "$INC"))"
  CMAKE_ARGS="$CMAKE_ARGS -DVulkan_INCLUDE_DIR=$INC -DVulkan_GLSLC_EXECUTABLE=$GLSLC"
  # ggml-vulkan also needs SPIRV-Headers' CMake package (Debian: spirv-headers), from the same tree.
  SPV=$INC/../share/cmake/SPIRV-Headers
  [ -e "$SPV/SPIRV-HeadersConfig.cmake" ] || SPV=/usr/share/cmake/SPIRV-Headers
  CMAKE_ARGS="$CMAKE_ARGS -DSPIRV-Headers_DIR=$(cd "$SPV" 2>/dev/null && pwd || echo "$SPV")"
  LIBVK=$(ls /usr/lib/*/libvulkan.so.1 2>/dev/null | head -1 || true)
  [ -z "$LIBVK" ] || CMAKE_ARGS="$CMAKE_ARGS -DVulkan_LIBRARY=$LIBVK"
fi

export CMAKE_ARGS
echo "variant=$VARIANT version=$VERSION CMAKE_ARGS=$CMAKE_ARGS"
mkdir -p "$OUT"
start=$(date +%s)
"$PYTHON" -m pip wheel --no-cache-dir --no-deps --no-binary llama-cpp-python "llama-cpp-python==$VERSION" -w "$OUT" -v
# The CPU variant modules land in the wheel's bin/: move them beside libggml (see the helper).
"$PYTHON" "$ROOT/packaging/wheel_move_modules.py" "$OUT"/llama_cpp_python-"$VERSION"-*.whl
echo "built in $(( $(date +%s) - start ))s: $(ls "$OUT"/llama_cpp_python-*.whl)"
