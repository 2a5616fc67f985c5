"""Shared fixtures: the demo case copied to a scratch folder, offscreen Qt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages are asserted in French (the default language): the machine's locale (LANG=en_US on many CI
# runners) must not switch them to English. tests/test_i18n_*.py choose the language explicitly.
os.environ["LANGUAGE"] = "fr"

ROOT = Path(__file__).resolve().parent.parent
DEMO_CASE = ROOT / "examples" / "demo-case"


@pytest.fixture
def demo_case_dir(tmp_path: Path) -> Path:
    """A private copy of the demo case folder, safe to modify, without the cache earlier builds left."""
    target = tmp_path / "demo-case"
    shutil.copytree(DEMO_CASE, target, ignore=shutil.ignore_patterns(".lawdesk"))
    return target
