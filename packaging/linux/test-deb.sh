#!/usr/bin/env bash
# Install the .deb that build.sh made into a scratch root with dpkg, run the installed
# `maru --selftest` offscreen, purge the package and check nothing of it is left.
#   packaging/linux/test-deb.sh [path/to/maru_*.deb]
# Needs dpkg (as root, or it adds --force-not-root) and the Qt system libraries of
# ensure-system-deps.sh on this machine: the scratch root holds only Maru, so its
# Depends are not installed there (--force-depends) and the host's libraries serve.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DEB="${1:-$(ls -t "$ROOT"/build/deb/maru_*.deb | head -1)}"
SCRATCH="$(mktemp -d /tmp/maru-deb-root.XXXXXX)"
HOME_DIR="$(mktemp -d /tmp/maru-deb-home.XXXXXX)"
trap 'rm -rf "$SCRATCH" "$HOME_DIR"' EXIT
DPKG=(dpkg --root="$SCRATCH" --force-depends --force-script-chrootless)
[ "$(id -u)" -eq 0 ] || DPKG+=(--force-not-root)
mkdir -p "$SCRATCH/var/lib/dpkg/info" "$SCRATCH/var/lib/dpkg/updates"
touch "$SCRATCH/var/lib/dpkg/status" "$SCRATCH/var/lib/dpkg/available"

echo "== install $(basename "$DEB") into $SCRATCH"
"${DPKG[@]}" --install "$DEB" >"$SCRATCH.log" 2>&1 || { cat "$SCRATCH.log" >&2; exit 1; }
rm -f "$SCRATCH.log"  # dpkg lists the Depends missing from the scratch root: expected
"${DPKG[@]}" --status maru | grep -q '^Status: install ok installed'
for f in usr/bin/maru usr/share/applications/maru.desktop usr/share/mime/packages/maru-gguf.xml \
         usr/share/metainfo/io.maru.Maru.metainfo.xml usr/share/icons/hicolor/48x48/apps/maru.png \
         usr/share/icons/hicolor/scalable/apps/maru.svg opt/maru/maru; do
  [ -e "$SCRATCH/$f" ] || { echo "missing after install: /$f" >&2; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$SCRATCH/usr/share/applications/maru.desktop"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$SCRATCH/usr/share/metainfo/io.maru.Maru.metainfo.xml" >/dev/null
fi

echo "== installed maru --selftest (offscreen, empty MARU_HOME)"
env -u DISPLAY -u WAYLAND_DISPLAY MARU_HOME="$HOME_DIR" QT_QPA_PLATFORM=offscreen \
  "$SCRATCH/usr/bin/maru" --selftest

echo "== purge"
"${DPKG[@]}" --purge maru >/dev/null
left="$(find "$SCRATCH" -path "$SCRATCH/var/lib/dpkg" -prune -o ! -type d -print)"
if [ -n "$left" ]; then
  echo "left behind after purge:" >&2
  echo "$left" >&2
  exit 1
fi
if "${DPKG[@]}" --status maru 2>/dev/null | grep -q '^Status: install'; then
  echo "dpkg still lists maru as installed" >&2
  exit 1
fi
echo "== .deb installed, passed its selftest and was removed cleanly"
