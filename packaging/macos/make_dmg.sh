#!/usr/bin/env bash
# Builds LawDesk for macOS: PyInstaller .app, checks, signing, notarization, .dmg.
#
#   packaging/macos/make_dmg.sh            (PYTHON=path/to/python to choose the interpreter)
#   SKIP_BUILD=1 packaging/macos/make_dmg.sh   reuse dist/LawDesk.app
#
# Needs: Homebrew's Pango (`brew install pango`), a Python with the project's dependencies and
# PyInstaller (pip install ".[build]"), Xcode command line tools (codesign, hdiutil, notarytool).
# The app is built for the architecture of this Mac (Homebrew's libraries are single-architecture)
# and needs at least the macOS version this Mac runs (Homebrew's bottles target it).
#
# Environment (all optional; without them the .app is only ad hoc signed and not notarized):
#   MACOS_CODESIGN_IDENTITY   "Developer ID Application: Name (TEAMID)": sign (packaging/macos/sign_app.sh)
#   MACOS_KEYCHAIN            keychain holding that identity (CI)
#   notarization, one of:
#     MACOS_NOTARY_KEY_PATH + MACOS_NOTARY_KEY_ID + MACOS_NOTARY_ISSUER   App Store Connect API key (.p8)
#     MACOS_NOTARY_APPLE_ID + MACOS_NOTARY_TEAM_ID + MACOS_NOTARY_PASSWORD  Apple ID, app-specific password
#     MACOS_NOTARY_PROFILE                                                  a `notarytool store-credentials` profile
#
# Output: dist/LawDesk-<version>-macos-<arch>.dmg
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' lawdesk/__init__.py)"
ARCH="$(uname -m)"
APP="dist/LawDesk.app"
DMG="dist/LawDesk-$VERSION-macos-$ARCH.dmg"
CHECK="build/macos-check"

if [ -z "${SKIP_BUILD:-}" ]; then
    "$PY" -m PyInstaller --noconfirm --clean --workpath build/pyinstaller --distpath dist build.spec
fi
[ -d "$APP" ] || { echo "make_dmg: $APP missing" >&2; exit 1; }

# Checks with nothing but the bundle: empty environment (no Homebrew, no Python on PATH, no
# DYLD_* variables), a fresh HOME, working folder outside the checkout.
check_app() {
    local label="$1"
    rm -rf "$CHECK" && mkdir -p "$CHECK/home" "$CHECK/run"
    local cli="$ROOT/$APP/Contents/MacOS/lawdesk-cli"
    local env_run=(env -i HOME="$ROOT/$CHECK/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen)
    (cd "$CHECK/run"
     "${env_run[@]}" "$cli" --version
     "${env_run[@]}" "$cli" --packaging-self-test "$ROOT/$CHECK/self-test"
     "${env_run[@]}" "$cli" build "$ROOT/examples/demo-case" -o "$ROOT/$CHECK/demo"
     "${env_run[@]}" "$cli" batch "$ROOT/examples" -o "$ROOT/$CHECK/batch" --workers 2
     "${env_run[@]}" "$ROOT/$APP/Contents/MacOS/LawDesk" & window=$!
     sleep 15
     kill -0 "$window" || { echo "LawDesk (window, offscreen) exited within 15 s" >&2; exit 1; }
     kill "$window")
    echo "checks passed ($label)"
}
check_app "ad hoc signature"

notarize() {  # notarize FILE: submit, wait, fail with Apple's log when rejected
    local auth=()
    if [ -n "${MACOS_NOTARY_KEY_PATH:-}" ]; then
        auth=(--key "$MACOS_NOTARY_KEY_PATH" --key-id "$MACOS_NOTARY_KEY_ID" --issuer "$MACOS_NOTARY_ISSUER")
    elif [ -n "${MACOS_NOTARY_APPLE_ID:-}" ]; then
        auth=(--apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID" --password "$MACOS_NOTARY_PASSWORD")
    elif [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
        auth=(--keychain-profile "$MACOS_NOTARY_PROFILE")
    else
        echo "make_dmg: no notarization credentials: $1 is NOT notarized (Gatekeeper will refuse it)" >&2
        return 1
    fi
    local result id
    result="$(xcrun notarytool submit "$1" "${auth[@]}" --wait --timeout 30m --output-format json)"
    echo "$result"
    id="$(echo "$result" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    if ! echo "$result" | grep -q '"status" *: *"Accepted"'; then
        xcrun notarytool log "$id" "${auth[@]}" || true
        echo "make_dmg: notarization of $1 was not accepted" >&2
        exit 1
    fi
}

NOTARIZED=""
if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ]; then
    bash packaging/macos/sign_app.sh "$APP"
    check_app "Developer ID signature, hardened runtime"
    # The app is notarized and stapled on its own first, so that it carries its ticket once copied
    # out of the disk image (first launch offline); then the disk image.
    ditto -c -k --keepParent "$APP" "build/LawDesk-notarize.zip"
    if notarize "build/LawDesk-notarize.zip"; then
        xcrun stapler staple "$APP"
        NOTARIZED=1
    fi
    rm -f "build/LawDesk-notarize.zip"
else
    echo "make_dmg: MACOS_CODESIGN_IDENTITY not set: the app is only ad hoc signed (for testing on this Mac)" >&2
fi

# The disk image: the app and a link to /Applications.
STAGING="build/dmg"
rm -rf "$STAGING" "$DMG" && mkdir -p "$STAGING"
ditto "$APP" "$STAGING/LawDesk.app"
ln -s /Applications "$STAGING/Applications"
hdiutil create -volname "LawDesk $VERSION" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG"
if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_CODESIGN_IDENTITY" ${MACOS_KEYCHAIN:+--keychain "$MACOS_KEYCHAIN"} "$DMG"
    if [ -n "$NOTARIZED" ] && notarize "$DMG"; then
        xcrun stapler staple "$DMG"
        spctl --assess --type execute --verbose=2 "$APP"
        spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
    fi
fi
hdiutil verify "$DMG"
ls -lh "$DMG"
