#!/usr/bin/env bash
# Signs LawDesk.app for distribution outside the Mac App Store, inside-out, hardened runtime:
#   1. every loose Mach-O file (dylibs, Python extension modules) outside Contents/MacOS,
#      deepest first;
#   2. every .framework (Qt's, Python's), deepest first, after any extra Mach-O inside it;
#   3. the helper executable Contents/MacOS/lawdesk-cli, with the entitlements;
#   4. the bundle itself, which signs the main executable Contents/MacOS/LawDesk with them.
# No --deep: it signs in an order of its own and would put the entitlements on every library.
#
#   MACOS_CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)" packaging/macos/sign_app.sh dist/LawDesk.app
#
# The identity must be in a keychain the build can use (CI: see .github/workflows/package.yml).
set -euo pipefail

APP="${1:?usage: sign_app.sh path/to/LawDesk.app}"
IDENTITY="${MACOS_CODESIGN_IDENTITY:?set MACOS_CODESIGN_IDENTITY (Developer ID Application: …)}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENTITLEMENTS="$HERE/entitlements.plist"
SIGN=(codesign --force --timestamp --options runtime --sign "$IDENTITY")
[ -n "${MACOS_KEYCHAIN:-}" ] && SIGN+=(--keychain "$MACOS_KEYCHAIN")

is_macho() { file -b "$1" | grep -q "Mach-O"; }
by_depth() { awk -F/ '{ print NF "\t" $0 }' | sort -rn | cut -f2-; }

# 1. Loose Mach-O files (not inside a framework, not the executables). Regular files only: the
#    symbolic links PyInstaller makes between Frameworks/ and Resources/ are not signed twice.
count=0
while IFS= read -r file; do
    is_macho "$file" || continue
    "${SIGN[@]}" "$file"
    count=$((count + 1))
done < <(find "$APP/Contents" -type f -not -path "$APP/Contents/MacOS/*" -not -path "*.framework/*" | by_depth)
echo "signed $count libraries and extension modules"

# 2. Frameworks, the innermost first; extra Mach-O files in a framework before the framework.
count=0
while IFS= read -r framework; do
    while IFS= read -r file; do
        is_macho "$file" || continue
        name="$(basename "$framework" .framework)"
        [ "$(basename "$file")" = "$name" ] && continue  # the framework's own binary: signed with it
        "${SIGN[@]}" "$file"
    done < <(find "$framework" -type f -not -path "$framework/*/*.framework/*" | by_depth)
    "${SIGN[@]}" "$framework"
    count=$((count + 1))
done < <(find "$APP/Contents" -type d -name "*.framework" | by_depth)
echo "signed $count frameworks"

# 3 and 4. The executables: the helper, then the bundle (and with it its main executable).
main_executable="$(/usr/libexec/PlistBuddy -c "Print :CFBundleExecutable" "$APP/Contents/Info.plist")"
for helper in "$APP"/Contents/MacOS/*; do
    [ "$(basename "$helper")" = "$main_executable" ] && continue
    "${SIGN[@]}" --entitlements "$ENTITLEMENTS" "$helper"
done
"${SIGN[@]}" --entitlements "$ENTITLEMENTS" "$APP"

codesign --verify --deep --strict --verbose=2 "$APP"
codesign --display --entitlements - "$APP" >/dev/null
echo "signed $APP with $IDENTITY"
