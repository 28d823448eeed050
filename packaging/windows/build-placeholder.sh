#!/usr/bin/env bash
# Build the Windows installer on Linux with a placeholder payload (no Windows freeze at hand):
# checks that maru.nsi compiles with makensis (Debian: apt-get install nsis), with and
# without the optional CUDA part.
#   packaging/windows/build-placeholder.sh   -> build/windows/Maru-<version>-setup{,-cuda}.exe
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
command -v makensis >/dev/null || { echo "makensis missing: apt-get install nsis" >&2; exit 1; }
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)"
OUT=build/windows
APP="$OUT/placeholder/maru"          # what pyinstaller's COLLECT makes: maru.exe + _internal/
rm -rf "$OUT/placeholder" && mkdir -p "$APP/_internal/llama_cpp/lib" "$APP/_internal/resources"
echo "placeholder for the PyInstaller freeze of Maru" > "$APP/maru.exe"
echo "placeholder" > "$APP/_internal/python311.dll"
echo "placeholder" > "$APP/_internal/llama_cpp/lib/ggml-cpu-haswell.dll"
echo "placeholder" > "$APP/_internal/llama_cpp/lib/ggml-cuda.dll"
echo "placeholder" > "$APP/_internal/cudart64_12.dll"
mkdir -p "$APP/_internal/resources/i18n" && cp resources/i18n/*.qm "$APP/_internal/resources/i18n/"
# The CUDA part goes into its own overlay folder, exactly as in CI.
bash packaging/windows/split-cuda.sh "$APP"

build() {  # OUTFILE [extra makensis args]
  local outfile=$1; shift
  makensis -V2 -WX -DAPP_DIR="$ROOT/$APP" -DVERSION="$VERSION" -DOUTFILE="$ROOT/$outfile" "$@" \
    packaging/windows/maru.nsi
  echo "$outfile: $(stat -c %s "$outfile") bytes"
}
build "$OUT/Maru-$VERSION-setup-cuda.exe"
build "$OUT/Maru-$VERSION-setup.exe" -DCUDA_DIR="$ROOT/$OUT/placeholder/none"
