#!/usr/bin/env bash
# Installs the lowest versions pyproject.toml allows (each direct dependency at its floor, the
# rest resolved to fit) into .venv-floors/, then runs README's test command there and prints
# the versions it used and the suite's result. Not run in CI: run it by hand after raising or
# adding a floor, to prove the floors true for people who install LawDesk as a library.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-floors
floors="$(mktemp)"
trap 'rm -f "$floors"' EXIT

bash scripts/uv.sh pip compile --quiet pyproject.toml --all-extras --python-version 3.11 \
    --resolution lowest-direct -o "$floors"
echo "=== the floors of pyproject.toml:"
grep -E '^[A-Za-z0-9]' "$floors" | sed 's/^/  /'

rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q -r "$floors"
"$venv/bin/python" -m pip install -q --no-deps .
echo "=== README's test command, at the floors"
QT_QPA_PLATFORM=offscreen "$venv/bin/python" -m pytest -q -p no:cacheprovider
