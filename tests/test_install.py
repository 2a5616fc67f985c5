"""A plain (non-editable) `pip install .` into a fresh virtual environment gives a working `lawdesk`."""

import json
import subprocess
import sysconfig
import tomllib
import venv
from pathlib import Path

from tests.conftest import ROOT


def test_pip_install_gives_a_working_lawdesk(tmp_path, demo_case_dir):
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Dependencies come from the test environment (no download); LawDesk itself from the checkout.
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(ROOT)],
                   check=True, cwd=tmp_path)

    where = subprocess.run([python, "-c", "import lawdesk.paths as p; print(p.templates_dir()); print(p.resources_dir())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout.split()
    assert all(Path(w).is_relative_to(env_dir) for w in where), where
    assert (Path(where[0]) / "letters").is_dir() and (Path(where[1]) / "case.schema.json").is_file()
    for installed, source in zip(where, ("templates", "resources"), strict=True):
        missing = _files(ROOT / source) - _files(Path(installed))
        assert not missing, f"{source}/: not installed: {sorted(missing)}"

    lawdesk = env_dir / "bin" / "lawdesk"
    version = subprocess.run([lawdesk, "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("LawDesk ")

    out = tmp_path / "out"
    built = subprocess.run([lawdesk, "build", str(demo_case_dir), "-o", str(out)], capture_output=True, text=True,
                           cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert built.returncode == 0, built.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (out / report["bundle"]).stat().st_size > 10_000


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def test_every_folder_holding_files_is_a_package_of_pyproject() -> None:
    """setuptools installs the files of the folders `packages` lists; for the others it warns that
    they are absent from the packages configuration, and may one day leave them out."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    for package, source in {"lawdesk": "lawdesk", **setuptools["package-dir"]}.items():
        for folder in {path.parent for path in (ROOT / source).rglob("*")
                       if path.is_file() and "__pycache__" not in path.parts}:
            name = ".".join([package, *folder.relative_to(ROOT / source).parts])
            assert name in listed, f"{folder.relative_to(ROOT)}/ holds files: add {name!r} to packages in pyproject.toml"
