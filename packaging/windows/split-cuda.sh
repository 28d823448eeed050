#!/usr/bin/env bash
# Move the CUDA backend out of a Windows freeze into an overlay folder (APP_DIR-cuda) that
# maru.nsi installs as the optional "NVIDIA CUDA backend" component. Relative paths are kept,
# so once installed the files sit exactly where the freeze had them.
#   packaging/windows/split-cuda.sh build/dist/maru
# Takes ggml-cuda*.dll and the CUDA runtime DLLs (cudart, cublas, cublasLt) PyInstaller collected;
# copies the runtime from $CUDA_PATH/bin when PyInstaller did not find it.
set -euo pipefail
APP=${1:?usage: split-cuda.sh APP_DIR}
APP=${APP%/}
OVERLAY="$APP-cuda"
rm -rf "$OVERLAY"
moved=0
while IFS= read -r -d '' file; do
  rel=${file#"$APP"/}
  mkdir -p "$OVERLAY/$(dirname "$rel")"
  mv "$file" "$OVERLAY/$rel"
  moved=$((moved + 1))
done < <(find "$APP" -type f \( -iname 'ggml-cuda*.dll' -o -iname 'cudart64_*.dll' \
                               -o -iname 'cublas64_*.dll' -o -iname 'cublasLt64_*.dll' \) -print0)
if [ "$moved" -eq 0 ]; then
  echo "split-cuda: no CUDA backend in $APP: installer without CUDA part"; exit 0
fi
if ! find "$OVERLAY" -iname 'cudart64_*.dll' | grep -q . && [ -n "${CUDA_PATH:-}" ]; then
  mkdir -p "$OVERLAY/_internal"
  cp "$CUDA_PATH"/bin/cudart64_*.dll "$CUDA_PATH"/bin/cublas64_*.dll "$CUDA_PATH"/bin/cublasLt64_*.dll \
    "$OVERLAY/_internal/"
fi
echo "split-cuda: $OVERLAY ($(du -sh "$OVERLAY" | cut -f1))"
