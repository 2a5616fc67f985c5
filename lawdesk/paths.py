"""Where the bundled templates and resources live (checkout, installed package or frozen app)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_dir(name: str) -> Path:
    candidates = [_PACKAGE / name, _PACKAGE.parent / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "lawdesk" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"LawDesk installation is incomplete: no {name}/ folder found")


def templates_dir() -> Path:
    return _data_dir("templates")


def resources_dir() -> Path:
    return _data_dir("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
