#!/usr/bin/env bash
# Installs LawDesk and what it needs on a Debian/Ubuntu machine into ./.venv.
# System libraries: Pango/HarfBuzz/Fontconfig for WeasyPrint, EGL/GL/xkbcommon for Qt (even offscreen),
# poppler-utils and qpdf for looking at PDFs and for the recovery of damaged PDF pièces
# (lawdesk/evidence/recover.py), Tesseract with its French data for the OCR of scans
# (lawdesk/evidence/ocr.py), LibreOffice Writer to prove the Word files open, PostgreSQL (and openssl, for a
# test certificate) for the tests of the shared case store: tests/pg_server.py starts a throwaway cluster of
# its own with the server's programs; the machine's own PostgreSQL service is not used.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core
          libegl1 libgl1 libxkbcommon0 libdbus-1-3 libglib2.0-0 poppler-utils qpdf libreoffice-writer-nogui
          tesseract-ocr tesseract-ocr-fra postgresql openssl)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
# The tested versions: every dependency, direct or not, of LawDesk and of its extras test (pytest,
# pytest-qt, hypothesis) and build (PyInstaller, for packaging/smoke.sh), pinned with its hashes in
# requirements.lock (scripts/update_lock.sh makes it), with pip and setuptools themselves.
.venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements.lock
# --no-deps: the lock already lists every package, so pip resolves nothing. Without it, the pip of
# a fresh venv (23.2 on Python 3.11) takes a dependency asked for with an extra (weasyprint's
# fonttools[woff]) at its newest release instead of the pinned one, and the hash check fails the
# day a new release comes out. pip check proves the locked set complete and consistent.
.venv/bin/python -m pip check
# Then LawDesk alone, built by the setuptools just installed.
.venv/bin/python -m pip install -q --no-deps --no-build-isolation .
