#!/usr/bin/env bash
# Installs the shared libraries Qt's xcb/offscreen plugins need on a bare
# Debian/Ubuntu, only when one is missing. Elsewhere it just says what to do.
set -euo pipefail
# libxcb-cursor0 and libxkbcommon-x11-0: Qt >= 6.5 will not load xcb (X11) without them.
pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libfontconfig1 libdbus-1-3
      libglib2.0-0)
command -v dpkg-query >/dev/null || exit 0
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Qt's system libraries: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get install -y "${missing[@]}"
else
  echo "Maru's window needs: ${missing[*]} (apt-get install them)" >&2
fi
