#!/usr/bin/env bash
# Installs LawDesk and what it needs on a Debian/Ubuntu machine into ./.venv.
# System libraries: Pango/HarfBuzz/Fontconfig for WeasyPrint, EGL/GL/xkbcommon for Qt (even offscreen),
# poppler-utils and qpdf for looking at PDFs, LibreOffice Writer to prove the Word files open.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core
          libegl1 libgl1 libxkbcommon0 libdbus-1-3 libglib2.0-0 poppler-utils qpdf libreoffice-writer-nogui)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# Extras: test (pytest, pytest-qt, hypothesis) and build (PyInstaller, for packaging/smoke.sh).
.venv/bin/python -m pip install -q ".[${LAWDESK_EXTRAS:-test,build}]"
