"""`lawdesk store init|import|export` and `lawdesk check|build|status --store URL REF`, on a real server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lawdesk.cli import main
from lawdesk.store.postgres import PostgresStore


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Working copies of the server's cases go to the test's folder, not the user's cache."""
    monkeypatch.setattr("lawdesk.store.postgres.default_root", lambda key: tmp_path / "cache" / "serveur")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_init_import_export_round_trip(capsys: pytest.CaptureFixture[str], pg_cluster: Any, demo_case_dir: Path,
                                      tmp_path: Path) -> None:
    url = pg_cluster.url(pg_cluster.new_database())
    status, _out, err = run(capsys, "store", "init", url)
    assert status == 0 and "schéma LawDesk créé (version 0001)" in err
    assert run(capsys, "store", "init", url)[2].count("déjà à jour") == 1

    raw = json.loads((demo_case_dir / "case.json").read_text())
    raw["x-clinique"] = {"armoire": 3}
    (demo_case_dir / "case.json").write_text(json.dumps(raw, ensure_ascii=False, indent=1))
    workspace = tmp_path / "ws"
    (workspace / "second").mkdir(parents=True)
    (workspace / "second" / "case.json").write_text(json.dumps({**raw, "reference": "SSD-2025-0200"}))
    (workspace / "not-a-case").mkdir()
    status, out, err = run(capsys, "store", "import", url, str(demo_case_dir), str(workspace))
    assert status == 0 and out.count("importé") == 2 and "2 dossiers importés" in err

    status, out, err = run(capsys, "store", "export", url, "SSD-2025-0142", "SSD-2025-0200", "-o", str(tmp_path / "out"))
    assert status == 0, err
    assert files(tmp_path / "out" / "SSD-2025-0142") == files(demo_case_dir)
    assert json.loads((tmp_path / "out" / "SSD-2025-0200" / "case.json").read_text())["x-clinique"] == {"armoire": 3}

    status, _out, err = run(capsys, "store", "export", url, "INCONNU", "-o", str(tmp_path / "out"))
    assert status == 1 and "« INCONNU » : aucun dossier" in err


def test_check_status_and_build_a_case_of_the_server(capsys: pytest.CaptureFixture[str], pg_url: str,
                                                     demo_case_dir: Path, tmp_path: Path) -> None:
    store = PostgresStore(pg_url, work_root=tmp_path / "w")
    store.import_folder(demo_case_dir)
    store.close()

    status, out, err = run(capsys, "check", "--store", pg_url, "SSD-2025-0142", "--date", "2025-04-01")
    assert status == 0 and "SSD-2025-0142 : prêt" in err
    status, out, _err = run(capsys, "status", "--store", pg_url, "SSD-2025-0142", "--date", "2025-04-01", "--json")
    assert status == 0 and json.loads(out)["situation"] == "not_registered"

    status, _out, err = run(capsys, "build", "--store", pg_url, "SSD-2025-0142", "-o", str(tmp_path / "dossier"),
                            "--date", "2025-04-01")
    assert status == 0, err
    report = json.loads((tmp_path / "dossier" / "report.json").read_text())
    assert report["case"] == "SSD-2025-0142" and [d["id"] for d in report["documents"]] == ["refere"]
    assert len(PdfReader(tmp_path / "dossier" / report["bundle"]).pages) == report["pages"]
    assert len(report["pieces"]) == len(json.loads((demo_case_dir / "case.json").read_text())["pieces"])


def test_a_server_that_cannot_be_reached_is_said_without_a_traceback(capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    url = f"postgresql://nobody@/lawdesk?host={tmp_path}&port=1"
    status, out, err = run(capsys, "check", "--store", url, "X-1")
    assert status == 2 and "injoignable" in err and "Traceback" not in out + err
    status, _out, err = run(capsys, "store", "init", "/not/a/server")
    assert status == 2 and "n'est pas l'adresse d'un serveur" in err
