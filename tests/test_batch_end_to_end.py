"""`lawdesk batch` with the real build: an XLSX as a clinic fills it, dossiers opened and checked."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from lawdesk.batch import run_batch
from tests.batch_samples import make_pieces, sample_row, write_xlsx

pytestmark = pytest.mark.usefixtures("nothing_left_running")

def test_xlsx_batch_builds_real_dossiers_and_reports_the_bad_row(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [dict(sample_row("E-1", "LEFÈVRE", "Aïssatou")),
                                     dict(sample_row("E-2", "ИВАНОВ", "Борис", birth_date="12/04/2099")),
                                     dict(sample_row("E-3", "NGUYỄN", "Thị Minh"))]
    rows[0]["applicant.birth_date"] = dt.datetime(1988, 4, 12)
    for row in rows:
        make_pieces(tmp_path / str(row["pieces_dir"]))
    spreadsheet = write_xlsx(tmp_path / "cases.xlsx", rows)
    out = tmp_path / "out"

    result = run_batch(spreadsheet, out, workers=2)

    assert [(r.line_or_folder, r.reference, r.status) for r in result.rows] == [
        (2, "E-1", "built"), (3, "E-2", "failed"), (4, "E-3", "built")]
    assert result.rows[1].messages[0].startswith("error: applicant.birth_date : date de naissance dans le futur")
    for row, name in ((result.rows[0], "LEFÈVRE"), (result.rows[2], "NGUYỄN")):
        report = json.loads((out / row.output / "report.json").read_text(encoding="utf-8"))
        assert report["case"] == row.reference and report["pages"] == row.pages
        assert report["tribunal"] == "Tribunal administratif de Montreuil"
        bundle = PdfReader(out / row.output / report["bundle"])
        assert len(bundle.pages) == row.pages
        assert name in " ".join(page.extract_text() for page in bundle.pages[:3])
        assert [p["title"] for p in report["pieces"]] == ["Titre de séjour", "Capture ANEF"]
    assert not (out / "E-2" / "dossier").exists()

    again = run_batch(spreadsheet, out, workers=2)
    assert [r.status for r in again.rows] == ["skipped", "failed", "skipped"]
    assert [r.pages for r in again.rows] == [r.pages for r in result.rows]


def test_workers_leave_no_temporary_file_behind(tmp_path: Path, temporary_files_left: Callable[[], list[str]]) -> None:
    """Workers end with os._exit: WeasyPrint's copy of the fonts (3.8 MB each) used to stay in /tmp."""
    make_pieces(tmp_path / "pieces" / "T-1")
    result = run_batch(write_xlsx(tmp_path / "cases.xlsx", [sample_row("T-1")]), tmp_path / "out", workers=2)
    assert [r.status for r in result.rows] == ["built"]
    assert temporary_files_left() == []
