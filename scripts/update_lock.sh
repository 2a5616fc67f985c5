#!/usr/bin/env bash
# Raises requirements.lock to the newest versions pyproject.toml allows, installs it into .venv
# (scripts/install.sh) and runs README's test command; prints what changed and the suite's result.
# Not run in CI: run it by hand, look at the result, commit the lock if the suite passed.
#
#   bash scripts/update_lock.sh          every package to its newest allowed version
#   bash scripts/update_lock.sh --keep   after a change to pyproject.toml: what it requires,
#                                        with every other pin kept as it is in the lock
#
# The lock is made by `uv pip compile --universal --generate-hashes`: one file for Linux, Windows
# and macOS and every Python from 3.11 up (environment markers choose the platform's packages),
# with the sha256 of every file of each pinned version, so `pip install --require-hashes -r
# requirements.lock` works on each. Only Linux x86_64 with Python 3.11 is installed and tested
# here. Should a packaging build on Windows or macOS ever need a resolution of its own (a package
# whose universal resolution does not fit it), compile a lock for it with --python-platform
# instead of --universal (x86_64-pc-windows-msvc, aarch64-apple-darwin, x86_64-apple-darwin).
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=requirements.lock

case "${1:-}" in
  "") upgrade=(--upgrade) ;;
  --keep) upgrade=() ;;
  *) echo "usage: bash scripts/update_lock.sh [--keep]" >&2; exit 2 ;;
esac

pins() { grep -E '^[a-z0-9]' "$1" | cut -d' ' -f1 | sort; }
before="$(mktemp)"
trap 'rm -f "$before"' EXIT
if [ -f "$LOCK" ]; then pins "$LOCK" >"$before"; fi

# pip (the installer) and setuptools (pyproject.toml's build backend, for the project's own
# `pip install --no-build-isolation`) come from the lock as well.
bash scripts/uv.sh pip compile --quiet pyproject.toml - --all-extras --universal --python-version 3.11 \
    --generate-hashes "${upgrade[@]}" --custom-compile-command "bash scripts/update_lock.sh" -o "$LOCK" <<'REQUIREMENTS'
pip
setuptools>=77
REQUIREMENTS

echo "=== $LOCK: $(pins "$LOCK" | wc -l) packages; changed (- before, + now):"
changed="$(diff "$before" <(pins "$LOCK") | grep '^[<>]' | sed 's/^</  -/; s/^>/  +/' || true)"
echo "${changed:-  nothing}"

echo "=== installing the lock into .venv (scripts/install.sh)"
bash scripts/install.sh
echo "=== README's test command"
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q
