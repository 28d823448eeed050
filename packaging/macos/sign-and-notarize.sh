#!/usr/bin/env bash
# Sign Maru.app with the hardened runtime, notarize it with Apple and staple the ticket; then the
# same for the .dmg made from it. Runs on macOS with Xcode's command line tools.
#   packaging/macos/sign-and-notarize.sh app build/dist/Maru.app   (before dmgbuild)
#   packaging/macos/sign-and-notarize.sh dmg build/Maru-0.1.0.dmg  (after dmgbuild)
# Both are stapled, so Gatekeeper accepts the app offline, after it is copied out of the image.
#
# Env: MACOS_SIGN_IDENTITY   "Developer ID Application: Name (TEAMID)" (in the keychain)
#      and one way for notarytool to log in:
#        NOTARY_KEYCHAIN_PROFILE            (made by `xcrun notarytool store-credentials`), or
#        NOTARY_API_KEY (path to AuthKey_XXXX.p8) + NOTARY_API_KEY_ID + NOTARY_API_ISSUER, or
#        APPLE_ID + APPLE_TEAM_ID + APPLE_APP_PASSWORD (an app-specific password)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
KIND=${1:-}
TARGET=${2:-}
die() { echo "sign-and-notarize: $*" >&2; exit 1; }
case "$KIND" in app|dmg) ;; *) die "usage: sign-and-notarize.sh app PATH.app | dmg PATH.dmg" ;; esac
[ -e "$TARGET" ] || die "$TARGET does not exist"
[ "$(uname -s)" = Darwin ] || die "needs macOS (codesign, xcrun)"
[ -n "${MACOS_SIGN_IDENTITY:-}" ] || die "MACOS_SIGN_IDENTITY is not set (a Developer ID Application identity)"

if [ -n "${NOTARY_KEYCHAIN_PROFILE:-}" ]; then
  AUTH=(--keychain-profile "$NOTARY_KEYCHAIN_PROFILE")
elif [ -n "${NOTARY_API_KEY:-}" ] && [ -n "${NOTARY_API_KEY_ID:-}" ] && [ -n "${NOTARY_API_ISSUER:-}" ]; then
  AUTH=(--key "$NOTARY_API_KEY" --key-id "$NOTARY_API_KEY_ID" --issuer "$NOTARY_API_ISSUER")
elif [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  AUTH=(--apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD")
else
  die "no notarization credentials: set NOTARY_KEYCHAIN_PROFILE, or NOTARY_API_KEY + NOTARY_API_KEY_ID + NOTARY_API_ISSUER, or APPLE_ID + APPLE_TEAM_ID + APPLE_APP_PASSWORD"
fi

notarize() {  # FILE: submit, wait for Apple's verdict, print the log when it is not Accepted
  local file=$1 out id
  out=$(xcrun notarytool submit "$file" "${AUTH[@]}" --wait --output-format json) || true
  echo "$out"
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin).get("id", ""))' <<<"$out" 2>/dev/null || true)
  if [ "$(python3 -c 'import json,sys; print(json.load(sys.stdin).get("status", ""))' <<<"$out" 2>/dev/null)" != Accepted ]; then
    [ -z "$id" ] || xcrun notarytool log "$id" "${AUTH[@]}" >&2 || true
    die "notarization of $file was not accepted"
  fi
}

if [ "$KIND" = app ]; then
  # --deep signs every nested dylib and .so (PyInstaller's Contents/Frameworks) with the same
  # identity, hardened runtime (--options runtime) and a secure timestamp: notarization needs all three.
  codesign --force --deep --options runtime --timestamp \
    --entitlements "$HERE/entitlements.plist" --sign "$MACOS_SIGN_IDENTITY" "$TARGET"
  codesign --verify --deep --strict --verbose=2 "$TARGET"
  ZIP="$(mktemp -d)/$(basename "$TARGET" .app).zip"
  ditto -c -k --keepParent "$TARGET" "$ZIP"  # notarytool takes a zip, not a folder
  notarize "$ZIP"
  xcrun stapler staple "$TARGET"
  spctl --assess --type execute --verbose "$TARGET"
else
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$TARGET"
  notarize "$TARGET"
  xcrun stapler staple "$TARGET"
  spctl --assess --type open --context context:primary-signature --verbose "$TARGET"
fi
echo "signed, notarized and stapled: $TARGET"
