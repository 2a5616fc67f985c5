#!/usr/bin/env bash
# Runs uv (https://docs.astral.sh/uv/) at the version below, with the arguments given:
#   bash scripts/uv.sh pip compile ...
# uv resolves requirements.lock (scripts/update_lock.sh) and the lowest versions of
# scripts/check_floors.sh; installs from the lock use pip alone (scripts/install.sh).
# It is installed, on first use, from PyPI into .venv-uv/ (ignored by git), away from .venv.
set -euo pipefail
UV_VERSION=0.13.9
tools="$(cd "$(dirname "$0")/.." && pwd)/.venv-uv"
if [ "$("$tools/bin/uv" --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install -q "uv==$UV_VERSION"
fi
exec "$tools/bin/uv" "$@"
