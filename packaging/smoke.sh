#!/usr/bin/env bash
# Smoke test of the frozen application on Linux: build it with build.spec, then use it as a user
# would, with nothing of the development machine around it, and check what it wrote.
#
#   packaging/smoke.sh                    build into dist/LawDesk, then test
#   SMOKE_NO_BUILD=1 packaging/smoke.sh   test the existing dist/LawDesk
#   SMOKE_DIST=DIR SMOKE_BUILD_DIR=DIR    other dist and work folders (default dist/, build/pyinstaller/)
#   SMOKE_NO_UNSHARE=1                    do not use a private mount namespace even if possible
#
# Python used for the build and the checks: $VENV/bin/python, else the active virtual
# environment, else ./.venv. It needs the project's dependencies, PyInstaller (`pip install
# .[build]`) and, for the checks, pypdf and fontTools (dependencies of the project). Also needs
# poppler-utils (pdffonts, pdftotext).
#
# The frozen program runs from a copy of dist/LawDesk under a temporary folder, with an empty
# environment (env -i HOME=... PATH=/usr/bin:/bin), its working folder outside the checkout,
# no virtual environment and no checkout on any path. When the machine allows private mount
# namespaces (root, `unshare -m`), it runs with the checkout and the virtual environment hidden,
# the system's copies of every library the bundle carries masked, and its own folder read-only.
#
# Exit status 0 when every check passed; a summary is printed at the end.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${VENV:-}" ]; then PY="$VENV/bin/python"
elif [ -n "${VIRTUAL_ENV:-}" ]; then PY="$VIRTUAL_ENV/bin/python"
elif [ -x "$ROOT/.venv/bin/python" ]; then PY="$ROOT/.venv/bin/python"
else echo "smoke: set VENV to a virtual environment with the project's dependencies and PyInstaller" >&2; exit 2
fi
DIST="${SMOKE_DIST:-$ROOT/dist}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lawdesk-smoke.XXXXXX")"
APP="$WORK/app"
LOGS="$WORK/logs"
mkdir -p "$LOGS" "$WORK/home" "$WORK/run" "$WORK/cases" "$WORK/out"

declare -a SUMMARY=()
declare -a FIGURES=()
FAILED=0
pass() { SUMMARY+=("PASS  $1"); echo "PASS  $1"; }
fail() { SUMMARY+=("FAIL  $1"); echo "FAIL  $1"; FAILED=$((FAILED + 1)); }
figure() { FIGURES+=("$1"); echo "      $1"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
show_log() { echo "      --- last lines of $1"; tail -n "${2:-15}" "$1" | sed 's/^/      | /'; }

finish() {
    echo
    echo "=================== LawDesk frozen-app smoke test ==================="
    printf '%s\n' "${SUMMARY[@]}"
    echo "--- figures"
    printf '  %s\n' "${FIGURES[@]}"
    echo "--- logs and outputs: $WORK"
    if [ "$FAILED" -gt 0 ]; then echo "RESULT: $FAILED check(s) FAILED"; exit 1; fi
    echo "RESULT: all checks passed"
    exit 0
}

# --- prerequisites ------------------------------------------------------------------------------
for tool in pdffonts pdftotext; do
    command -v "$tool" >/dev/null || { fail "prerequisite: $tool (apt-get install poppler-utils)"; finish; }
done
"$PY" -c "import PyInstaller, pypdf, fontTools" 2>"$LOGS/prereq.log" \
    || { fail "prerequisite: PyInstaller, pypdf and fontTools importable by $PY"; show_log "$LOGS/prereq.log"; finish; }
echo "smoke: python $PY, work folder $WORK"

# --- 1. build -----------------------------------------------------------------------------------
if [ -z "${SMOKE_NO_BUILD:-}" ]; then
    start=$(now)
    if (cd "$ROOT" && "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
            --workpath "${SMOKE_BUILD_DIR:-$ROOT/build/pyinstaller}" --distpath "$DIST" build.spec) >"$LOGS/build.log" 2>&1; then
        pass "build with build.spec"
    else
        fail "build with build.spec"; show_log "$LOGS/build.log" 30; finish
    fi
    figure "build time: $(seconds "$start" "$(now)") s (PyInstaller, --clean)"
fi
[ -x "$DIST/LawDesk/lawdesk-cli" ] || { fail "dist/LawDesk/lawdesk-cli exists"; finish; }
figure "dist size: $(du -sm "$DIST/LawDesk" | cut -f1) MB, $(find "$DIST/LawDesk" -type f | wc -l) files ($DIST/LawDesk)"

# A copy elsewhere: the bundle must not depend on where it was built.
cp -a "$DIST/LawDesk" "$APP"
find "$APP" -printf '%P %s\n' | sort >"$WORK/app-before.txt"

# Every library in the bundle finds its own dependencies (those the bundle does not carry must
# be on any desktop Linux: libc, libGL, X11/xcb, ...). Only the parts LawDesk needs are strict.
missing_deps=""
for lib in "$APP"/_internal/lib{pango,pangoft2,gobject,glib,harfbuzz,fontconfig,freetype}*.so* \
           "$APP"/_internal/PySide6/Qt{Core,Gui,Widgets,Pdf,PdfWidgets}.abi3.so \
           "$APP"/_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so \
           "$APP"/_internal/PySide6/Qt/plugins/imageformats/libqpdf.so; do
    [ -e "$lib" ] || { missing_deps+=" $(basename "$lib")(absent)"; continue; }
    nf=$(LD_LIBRARY_PATH="$APP/_internal" ldd "$lib" 2>&1 | awk '/not found/ { print $1 }' | tr '\n' ' ')
    [ -z "$nf" ] || missing_deps+=" $(basename "$lib"):[$nf]"
done
if [ -z "$missing_deps" ]; then pass "ldd: WeasyPrint and Qt PDF libraries resolve inside the bundle"
else fail "ldd: unresolved dependencies:$missing_deps"; fi
host_only=$(find "$APP/_internal" -type f -name '*.so*' -print0 \
    | LD_LIBRARY_PATH="$APP/_internal" xargs -0 ldd 2>/dev/null | awk '/not found/ { print $1 }' | sort -u | tr '\n' ' ')
figure "libraries the host must provide, absent on this machine: ${host_only:-none}"

# --- 2. the cases -------------------------------------------------------------------------------
DEMO="$ROOT/examples/demo-case"
if [ -f "$DEMO/case.json" ]; then
    cp -a "$DEMO" "$WORK/cases/demo-case"
else
    fail "examples/demo-case/case.json exists"
fi
# A second case made here: Paris (75), a Cyrillic name, Arabic text, a PNG and a PDF pièce.
PARIS_NAMES=("ПЕТРОВА" "Анна Сергеевна")
if "$PY" - "$WORK/cases/paris-case" "${PARIS_NAMES[@]}" >"$LOGS/make-case.log" 2>&1 <<'PYTHON'
import json, sys
from pathlib import Path
from PIL import Image, ImageDraw

folder, family, given = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
(folder / "pieces").mkdir(parents=True)
shot = Image.new("RGB", (1200, 800), "white")
pen = ImageDraw.Draw(shot)
pen.rectangle((0, 0, 1200, 90), fill=(0, 0, 145))
pen.text((40, 30), "administration-etrangers-en-france.interieur.gouv.fr", fill="white")
pen.text((40, 200), "Erreur technique : votre demande n'a pas pu etre enregistree. Code ANEF-500", fill="black")
shot.save(folder / "pieces" / "capture-anef.png")
letter = Image.new("RGB", (1240, 1754), "white")
ImageDraw.Draw(letter).text((120, 200), "Centre de contact citoyens - reponse type du 4 decembre 2024", fill="black")
letter.save(folder / "pieces" / "reponse-ccc.pdf", resolution=150)
case = {
    "format": "lawdesk.case/1",
    "reference": "SMOKE-75-0001",
    "applicant": {
        "civility": "Mme", "family_name": family, "given_names": given,
        "birth_date": "1991-03-08", "birth_place": "Kharkiv (Ukraine)", "nationality": "ukrainienne",
        "address": {"line1": "18 rue de la Roquette", "postal_code": "75011", "city": "Paris"},
    },
    "procedure": {
        "department": "75", "kind": "renewal",
        "permit_requested": "carte de séjour pluriannuelle « salarié »",
        "current_permit": {"title": "carte de séjour temporaire « salarié »", "expires": "2025-02-28"},
        "received": [],
    },
    "incidents": [
        {"date": "2024-11-04", "channel": "anef",
         "description": "Erreur technique au téléversement ; message affiché : « تعذر تحميل الملف ».", "pieces": ["p1"]},
        {"date": "2024-12-04", "channel": "ccc", "description": "Réponse type du centre de contact citoyens.",
         "pieces": ["p2"]},
    ],
    "harms": [{"kind": "employment", "description": "Contrat de travail suspendu faute de titre.", "pieces": ["p2"]}],
    "pieces": [
        {"id": "p1", "title": "Capture d'écran du téléservice ANEF", "file": "pieces/capture-anef.png"},
        {"id": "p2", "title": "Réponse du centre de contact citoyens", "file": "pieces/reponse-ccc.pdf"},
    ],
    "counsel": {"kind": "self"},
    "claims": {"deadline_days": 8},
    # a first dossier: the letters, before any of them is sent (the référé comes once the letter's deadline has run)
    "documents": ["prefecture", "defenseur"],
}
(folder / "case.json").write_text(json.dumps(case, ensure_ascii=False, indent=2), encoding="utf-8")
PYTHON
then pass "make the Paris case (Cyrillic name, Arabic text, PNG and PDF pièces)"
else fail "make the Paris case"; show_log "$LOGS/make-case.log"; fi

# --- 3. how the frozen program is run -----------------------------------------------------------
ISOLATION="env -i only"
MASK="$WORK/mask.sh"
: >"$MASK"
if [ -z "${SMOKE_NO_UNSHARE:-}" ] && unshare -m true 2>/dev/null; then
    ISOLATION="env -i + private mount namespace"
    # `mount` itself may need libraries that get masked below (libmount, libselinux, libpcre2 ...):
    # it runs with private copies of them.
    mkdir -p "$WORK/mount-libs"
    ldd "$(command -v mount)" | awk '/=> \// { print $3 }' | xargs -r cp -L -t "$WORK/mount-libs"
    MOUNT="LD_LIBRARY_PATH='$WORK/mount-libs' mount"
    {
        echo "set -e"
        echo "$MOUNT --make-rprivate /"
        # The checkout and the Python environment disappear (a .venv inside the checkout goes with it).
        hidden=" "
        for hide in "$ROOT" "$("$PY" -c 'import sys; print(sys.prefix)')" "$("$PY" -c 'import sys; print(sys.base_prefix)')"; do
            case "$WORK" in "$hide"/*) continue ;; esac
            case "$hidden" in *" $hide "*) continue ;; esac
            inside=""
            for done_path in $hidden; do case "$hide" in "$done_path"/*) inside=1 ;; esac; done
            [ -n "$inside" ] && continue
            [ "$hide" = "/usr" ] || [ "$hide" = "/" ] || echo "$MOUNT -t tmpfs -o ro,size=1k lawdesk-hidden '$hide'"
            hidden+="$hide "
        done
        # Every system copy of a library the bundle carries is masked, so only the bundle's can load;
        # except what the PyInstaller bootloader itself links to (libz), loaded before the bundle is.
        bootloader_libs=" $(ldd "$APP/lawdesk-cli" | awk '/=>/ { printf "%s ", $1 }')"
        for lib in "$APP"/_internal/*.so*; do
            name=$(basename "$lib")
            case "$bootloader_libs" in *" $name "*) continue ;; esac
            for sys_copy in {/usr,}/lib{/x86_64-linux-gnu,64,}/"$name"; do
                [ -e "$sys_copy" ] && readlink -f "$sys_copy"
            done
        done | sort -u | while read -r real; do echo "$MOUNT --bind /dev/null '$real'"; done
        echo "$MOUNT --bind '$APP' '$APP'"
        echo "$MOUNT -o remount,bind,ro '$APP'"
    } >"$MASK"
    masked=$(grep -c -- '--bind /dev/null' "$MASK")
fi
[ -n "${masked:-}" ] && ISOLATION+=" (checkout and Python hidden, $masked system libraries masked, app folder read-only)"
figure "isolation: $ISOLATION"

# run_frozen LOG COMMAND... : runs in $WORK/run with an empty environment (plus FROZEN_ENV).
run_frozen() {
    local log="$1"; shift
    (cd "$WORK/run" && if [ -s "$MASK" ]; then
        unshare -m sh -c ". '$MASK' && exec \"\$@\"" frozen \
            env -i HOME="$WORK/home" PATH=/usr/bin:/bin ${FROZEN_ENV:-} "$@"
    else
        env -i HOME="$WORK/home" PATH=/usr/bin:/bin ${FROZEN_ENV:-} "$@"
    fi) >"$log" 2>&1
}

# --- 4. use it ----------------------------------------------------------------------------------
for exe in LawDesk lawdesk-cli; do
    if run_frozen "$LOGS/version-$exe.log" "$APP/$exe" --version && grep -q "^LawDesk [0-9]" "$LOGS/version-$exe.log"; then
        pass "$exe --version: $(head -1 "$LOGS/version-$exe.log")"
    else fail "$exe --version"; show_log "$LOGS/version-$exe.log"; fi
done

if run_frozen "$LOGS/self-test.log" "$APP/lawdesk-cli" --packaging-self-test "$WORK/out/self-test"; then
    pass "lawdesk-cli --packaging-self-test (WeasyPrint, fonts, libraries from the bundle, Qt PDF)"
else fail "lawdesk-cli --packaging-self-test"; show_log "$LOGS/self-test.log" 30; fi
sed 's/^/      | /' "$LOGS/self-test.log"

if [ -d "$WORK/cases/demo-case" ]; then
    mapfile -t demo_names < <("$PY" -c 'import json,sys; a=json.load(open(sys.argv[1], encoding="utf-8"))["applicant"]; print(a["family_name"]); print(a["given_names"])' "$WORK/cases/demo-case/case.json")
fi

build_case() {  # build_case CASE LABEL [--font TEXT] NAMES...
    local case="$1" label="$2"; shift 2
    local out="$WORK/out/$case" start elapsed
    if run_frozen "$LOGS/check-$case.log" "$APP/lawdesk-cli" check "$WORK/cases/$case"; then
        pass "lawdesk-cli check $label: $(tail -1 "$LOGS/check-$case.log")"
    else fail "lawdesk-cli check $label (exit $?)"; show_log "$LOGS/check-$case.log"; fi
    start=$(now)
    if run_frozen "$LOGS/build-$case.log" "$APP/lawdesk-cli" build "$WORK/cases/$case" -o "$out"; then
        elapsed=$(seconds "$start" "$(now)")
        pass "lawdesk-cli build $label"
        figure "frozen build of $label: $elapsed s$( [ "$case" = demo-case ] && echo ' (first run: empty font cache)') — $(tail -1 "$LOGS/build-$case.log")"
    else
        fail "lawdesk-cli build $label (exit $?)"; show_log "$LOGS/build-$case.log"; return
    fi
    if "$PY" "$ROOT/packaging/check_dossier.py" "$out" "$@" >"$LOGS/verify-$case.log" 2>&1; then
        pass "dossier of $label: pages = report.json, bookmarks, fonts embedded, no missing glyph, names in text"
    else fail "dossier of $label"; fi
    sed 's/^/      | /' "$LOGS/verify-$case.log"
}

[ -d "$WORK/cases/demo-case" ] && build_case demo-case "the demo case" "${demo_names[@]}"
[ -d "$WORK/cases/paris-case" ] && build_case paris-case "the Paris case (75, Cyrillic)" --font Arabic "${PARIS_NAMES[@]}"

# Second build of the demo: font cache warm.
if [ -d "$WORK/out/demo-case" ]; then
    start=$(now)
    if run_frozen "$LOGS/build-demo-again.log" "$APP/lawdesk-cli" build "$WORK/cases/demo-case" -o "$WORK/out/demo-again"; then
        figure "frozen build of the demo case, second run: $(seconds "$start" "$(now)") s"
    else fail "second build of the demo case"; show_log "$LOGS/build-demo-again.log"; fi
fi

# The batch runner starts worker processes: in a frozen program they re-launch the executable.
start=$(now)
if run_frozen "$LOGS/batch.log" "$APP/lawdesk-cli" batch "$WORK/cases" -o "$WORK/out/batch" --workers 2 \
        && [ -f "$WORK/out/batch/batch-report.csv" ]; then
    pass "lawdesk-cli batch (2 worker processes): $(tail -1 "$LOGS/batch.log")"
    figure "frozen batch of $(ls "$WORK/cases" | wc -l) cases with 2 workers: $(seconds "$start" "$(now)") s"
else fail "lawdesk-cli batch --workers 2"; show_log "$LOGS/batch.log"; fi

# The window: starts and keeps running on the offscreen platform (killed after 15 s = success).
FROZEN_ENV="QT_QPA_PLATFORM=offscreen" run_frozen "$LOGS/window.log" timeout 15 "$APP/LawDesk"
status=$?
if [ "$status" -eq 124 ]; then pass "LawDesk (window, offscreen) still running after 15 s"
else fail "LawDesk (window, offscreen) exited with status $status before 15 s"; show_log "$LOGS/window.log"; fi

# --- 5. what it left behind ---------------------------------------------------------------------
cache="$WORK/home/.cache/LawDesk/fontconfig"
if [ -f "$cache/fonts.conf" ] && [ -n "$(ls -A "$cache/cache" 2>/dev/null)" ]; then
    pass "Fontconfig setup and cache written per user ($cache)"
else fail "Fontconfig setup and cache in $cache"; fi
find "$APP" -printf '%P %s\n' | sort >"$WORK/app-after.txt"
if cmp -s "$WORK/app-before.txt" "$WORK/app-after.txt"; then pass "nothing written into the application folder"
else fail "the application folder changed: $(diff "$WORK/app-before.txt" "$WORK/app-after.txt" | head -5 | tr '\n' ' ')"; fi

finish
