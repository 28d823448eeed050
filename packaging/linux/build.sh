#!/usr/bin/env bash
# One command: freeze Maru with PyInstaller (one folder) and build the .deb.
#   packaging/linux/build.sh            -> build/dist/maru/ and build/deb/maru_<version>_<arch>.deb
# Needs: python3 (3.11+), dpkg-deb, rsvg-convert (librsvg2-bin) or ImageMagick's convert.
# VENV (default build/pkgvenv) is made with `pip install -e . pyinstaller` when missing;
# pip's wheel cache makes that quick after the first llama-cpp-python compile.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/build/pkgvenv}"
# The icon renderer, installed when missing (as root on Debian/Ubuntu, like `make` does).
if ! command -v rsvg-convert >/dev/null && ! command -v convert >/dev/null \
    && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin >/dev/null
fi
if [ ! -x "$VENV/bin/pyinstaller" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -e "$ROOT" pyinstaller
fi
[ -f resources/models/SmolLM2-135M-Instruct-Q4_1.gguf ] ||
  "$VENV/bin/python" -m desktop.backends.starter_model resources/models

# 1. Freeze.
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath build/dist \
  --workpath build/pyinstaller packaging/pyinstaller/maru.spec
FROZEN=build/dist/maru

# 2. Stage the package tree.
VERSION="$("$VENV/bin/python" -c 'import desktop; print(desktop.__version__)')"
ARCH="$(dpkg --print-architecture)"
STAGE=build/deb/root
rm -rf "$STAGE" && mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin"
cp -a "$FROZEN" "$STAGE/opt/maru"
ln -s ../../opt/maru/maru "$STAGE/usr/bin/maru"  # relative: works in a scratch root too
install -Dm644 packaging/linux/maru.desktop "$STAGE/usr/share/applications/maru.desktop"
install -Dm644 packaging/linux/maru-gguf.xml "$STAGE/usr/share/mime/packages/maru-gguf.xml"
install -Dm644 packaging/linux/io.maru.Maru.metainfo.xml \
  "$STAGE/usr/share/metainfo/io.maru.Maru.metainfo.xml"
ICONS="$STAGE/usr/share/icons/hicolor"
install -Dm644 packaging/linux/maru.svg "$ICONS/scalable/apps/maru.svg"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$ICONS/${size}x${size}/apps"
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert -w "$size" -h "$size" packaging/linux/maru.svg -o "$ICONS/${size}x${size}/apps/maru.png"
  else
    convert -background none -resize "${size}x${size}" packaging/linux/maru.svg \
      "$ICONS/${size}x${size}/apps/maru.png"
  fi
done
# Icons, .desktop and MIME files need no maintainer scripts: hicolor-icon-theme,
# desktop-file-utils and shared-mime-info update their caches through dpkg file triggers.
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: maru
Version: $VERSION
Architecture: $ARCH
Maintainer: The Maru developers <maru@example.invalid>
Installed-Size: $(du -sk "$STAGE" | cut -f1)
Section: utils
Priority: optional
Depends: libc6 (>= 2.31), libstdc++6, libgomp1, libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0,
 libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libfontconfig1, libdbus-1-3,
 libglib2.0-0t64 | libglib2.0-0, fonts-noto-cjk
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme, ibus-hangul | fcitx5-hangul
Homepage: https://example.invalid/maru
Description: offline AI assistant (chat, summaries, translation)
 Maru runs AI language models (GGUF files) on this computer with llama.cpp:
 chat, summarize, translate and classify text, and ask about your documents.
 Nothing leaves the machine. Ships with a small starter model.
CONTROL
DEB="build/deb/maru_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zzstd --build "$STAGE" "$DEB" >/dev/null
# 4. The portable archive: the frozen folder as it is (unpack anywhere, run maru/maru).
TARBALL="build/deb/maru-${VERSION}-linux-${ARCH}.tar.gz"
tar -C build/dist -czf "$TARBALL" maru
echo "frozen: $FROZEN ($(du -sh "$FROZEN" | cut -f1)); package: $DEB ($(du -h "$DEB" | cut -f1));" \
  "portable: $TARBALL ($(du -h "$TARBALL" | cut -f1))"
