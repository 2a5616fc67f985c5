"""Shared fixtures: the demo case copied to a scratch folder, offscreen Qt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DEMO_CASE = ROOT / "examples" / "demo-case"


@pytest.fixture
def demo_case_dir(tmp_path: Path) -> Path:
    """A private copy of the demo case folder, safe to modify."""
    target = tmp_path / "demo-case"
    shutil.copytree(DEMO_CASE, target)
    return target
