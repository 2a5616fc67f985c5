"""The frozen application (PyInstaller, build.spec) builds and works with nothing of the checkout around it.

Runs packaging/smoke.sh: a full PyInstaller build (about a minute here) followed by the frozen
program's --version, self-test, check, build (demo case and a Paris case with a Cyrillic name),
batch and window start, each checked from the files it wrote. Linux only.
"""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SMOKE = ROOT / "packaging" / "smoke.sh"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="packaging/smoke.sh is the Linux smoke test")
def test_frozen_application_builds_and_works_without_the_checkout(tmp_path):
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: pip install '.[build]'")
    for tool in ("pdffonts", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (poppler-utils)")
    env = {**os.environ, "VENV": sys.prefix, "SMOKE_DIST": str(tmp_path / "dist"),
           "SMOKE_BUILD_DIR": str(tmp_path / "build"), "TMPDIR": str(tmp_path)}
    env.pop("SMOKE_NO_BUILD", None)
    result = subprocess.run(["bash", str(SMOKE)], capture_output=True, text=True, env=env, timeout=1800)
    summary = result.stdout[result.stdout.find("=== LawDesk frozen-app smoke test"):]
    assert result.returncode == 0, f"{summary or result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    assert "RESULT: all checks passed" in result.stdout
