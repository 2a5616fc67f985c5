"""`lawdesk build` on the demo case and variants: the files of contract.md section 3, opened and checked."""

import json
import re
import subprocess
import zipfile

import pytest
from pypdf import PdfReader

from lawdesk.build import build_dossier
from lawdesk.case import load_case
from lawdesk.cli import main
from tests.bundle_checks import active_content, outline, page_texts

TELERECOURS_NAME = re.compile(r"^\d{2,3}_[A-Za-z0-9 _-]+\.pdf$")


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory):
    import shutil

    from tests.conftest import DEMO_CASE

    root = tmp_path_factory.mktemp("demo")
    case_dir = root / "case"
    shutil.copytree(DEMO_CASE, case_dir)
    out = root / "out"
    assert main(["build", str(case_dir), "-o", str(out)]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return case_dir, out, report, PdfReader(out / report["bundle"])


def test_report_matches_the_bundle(demo_build):
    case_dir, out, report, reader = demo_build
    case = load_case(case_dir)
    assert report["case"] == case.data["reference"]
    assert report["pages"] == len(reader.pages)
    assert report["tribunal"] == "Tribunal administratif de Montreuil"
    # the letter and the referral were sent (steps): they are pièces of the requête, not written again
    assert [s["document"] for s in case.data["steps"]] == ["prefecture", "defenseur"]
    assert [d["id"] for d in report["documents"]] == ["refere"]
    assert [p["id"] for p in report["pieces"]] == [p["id"] for p in case.data["pieces"]]
    assert [p["number"] for p in report["pieces"]] == list(range(1, len(case.data["pieces"]) + 1))
    blocks = report["documents"] + report["pieces"]
    for previous, block in zip(blocks, blocks[1:]):
        assert block["first_page"] > previous["first_page"]
    last = report["pieces"][-1]
    assert last["first_page"] + last["page_count"] - 1 == report["pages"]


def test_bookmarks_point_at_the_right_pages(demo_build):
    _case_dir, _out, report, reader = demo_build
    marks = outline(reader)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    nested = [(title, page) for depth, title, page in marks if depth == 1]
    for document in report["documents"]:
        assert (document["bookmark"], document["first_page"]) in top
    assert any(title == "Inventaire / Pièces" for title, _page in top)
    assert nested == [(p["bookmark"], p["first_page"]) for p in report["pieces"]]
    for piece in report["pieces"]:
        assert piece["bookmark"].startswith(f"Pièce n° {piece['number']} — ")


def test_every_piece_page_is_stamped_and_every_page_numbered(demo_build):
    _case_dir, _out, report, reader = demo_build
    texts = page_texts(reader)
    total = report["pages"]
    for piece in report["pieces"]:
        for offset in range(piece["page_count"]):
            text = texts[piece["first_page"] - 1 + offset]
            assert f"Pièce n° {piece['number']}" in text
            if piece["page_count"] > 1:
                assert f"{offset + 1}/{piece['page_count']}" in text
    for number, text in enumerate(texts[1:], start=2):
        assert f"{number} / {total}" in text


def test_bundle_is_valid_inert_searchable_with_fonts_embedded(demo_build):
    case_dir, out, report, reader = demo_build
    bundle = out / report["bundle"]
    assert subprocess.run(["qpdf", "--check", str(bundle)], capture_output=True).returncode == 0
    fonts = subprocess.run(["pdffonts", str(bundle)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert active_content(bundle) == set()
    metadata = reader.metadata
    case = load_case(case_dir)
    assert case.data["reference"] in metadata.title
    assert metadata.author == case.data["counsel"]["name"]
    assert str(case_dir) not in bundle.read_bytes().decode("latin-1")
    assert "DIALLO" in page_texts(reader)[0]


def test_telerecours_export_follows_the_naming_rules(demo_build):
    _case_dir, out, report, _reader = demo_build
    files = report["telerecours"]
    assert len(files) == len(report["pieces"]) + 1
    names = [f.split("/")[-1] for f in files]
    assert names[0].startswith("00_")
    assert len(set(n.lower() for n in names)) == len(names)
    for number, name in enumerate(names):
        assert TELERECOURS_NAME.match(name) and len(name) <= 80, name
        assert name.startswith(f"{number:02d}_")
        assert PdfReader(out / files[number]).pages
    for piece in report["pieces"]:
        exported = PdfReader(out / piece["telerecours"])
        assert len(exported.pages) == piece["page_count"]
        assert f"Pièce n° {piece['number']}" in exported.pages[0].extract_text()


def test_word_files_open(demo_build):
    import docx

    _case_dir, out, report, _reader = demo_build
    for document in report["documents"]:
        path = out / document["docx"]
        assert zipfile.is_zipfile(path)
        text = "\n".join(p.text for p in docx.Document(path).paragraphs)
        assert "DIALLO" in text


def test_pieces_out_of_natural_order_are_numbered_by_list_order(demo_case_dir, tmp_path):
    case = load_case(demo_case_dir)
    case.data["pieces"].reverse()
    case.save()
    report = build_dossier(load_case(demo_case_dir), tmp_path / "out")
    ids = [p["id"] for p in case.data["pieces"]]
    assert [p["id"] for p in report["pieces"]] == ids
    assert report["pieces"][0]["telerecours"].split("/")[-1].startswith("01_")
    reader = PdfReader(tmp_path / "out" / report["bundle"])
    first = report["pieces"][0]
    assert "Pièce n° 1" in reader.pages[first["first_page"] - 1].extract_text()


def test_a_case_of_bad_files_writes_nothing(demo_case_dir, tmp_path, capsys):
    (demo_case_dir / "pieces" / "employeur.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (demo_case_dir / "pieces" / "caf.heic").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["build", str(demo_case_dir), "-o", str(out)]) == 1
    assert not out.exists()
    printed = capsys.readouterr()
    assert "pieces/employeur.pdf" in printed.out and "pieces/caf.heic" in printed.out
    assert "Traceback" not in printed.out + printed.err


def test_a_failed_rebuild_leaves_the_previous_dossier(demo_case_dir, tmp_path):
    out = tmp_path / "out"
    first = build_dossier(load_case(demo_case_dir), out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    (demo_case_dir / "pieces" / "employeur.pdf").write_bytes(b"")
    assert main(["build", str(demo_case_dir), "-o", str(out)]) == 1
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-case", "out"]  # no staging folder left


def test_staging_folders_of_a_killed_build_are_removed_once_old(demo_case_dir, tmp_path):
    import os
    import time

    out = tmp_path / "out"
    stale = [tmp_path / ".out.k1ll3d.tmp", tmp_path / ".out.old-.out.k1ll3d.tmp"]
    running = tmp_path / ".out.running.tmp"  # a build of the same folder may still be writing it
    for folder in [*stale, running]:
        (folder / "documents").mkdir(parents=True)
        (folder / "documents" / "x.pdf").write_bytes(b"%PDF-")
    two_hours_ago = time.time() - 7200
    for folder in stale:
        os.utime(folder, (two_hours_ago, two_hours_ago))
    neighbour = tmp_path / ".outside.tmp"  # another output's: not ours to touch
    neighbour.mkdir()
    os.utime(neighbour, (two_hours_ago, two_hours_ago))

    build_dossier(load_case(demo_case_dir), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.running.tmp", ".outside.tmp", "demo-case", "out"]


def test_output_folder_with_foreign_files_is_refused(demo_case_dir, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("à garder")
    assert main(["build", str(demo_case_dir), "-o", str(out)]) == 2
    assert (out / "notes.txt").read_text() == "à garder"
    assert "dossier vide" in capsys.readouterr().err


def test_documents_option_selects_and_orders_documents(demo_case_dir, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(demo_case_dir), "-o", str(out), "--documents", "refere,prefecture"]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in report["documents"]] == ["refere", "prefecture"]
    assert main(["build", str(demo_case_dir), "-o", str(tmp_path / "o2"), "--documents", "prefecture,lettre"]) == 2


def test_cover_table_of_contents_links_to_each_block(demo_build):
    _case_dir, _out, report, reader = demo_build
    targets = set()
    for annotation in reader.pages[0].get("/Annots", []):
        link = annotation.get_object()
        destination = link.get("/Dest")
        assert destination is not None and not isinstance(destination, str), "every cover link is a direct link"
        targets.add(reader.get_page_number(destination[0].get_object()) + 1)
    expected = {d["first_page"] for d in report["documents"]} | {p["first_page"] for p in report["pieces"]}
    assert expected <= targets
    text = reader.pages[0].extract_text()
    for document in report["documents"]:
        assert document["title"] in text


def test_a_first_build_refused_for_one_file_makes_no_pièce_into_pages(demo_case_dir, tmp_path, monkeypatch):
    """The files are all checked first (on both cores): one the build cannot use stops it before any pièce
    is made into pages, which would take seconds (OCR) for nothing."""
    import lawdesk.build.pieces as pieces
    from lawdesk.errors import BlockingProblems
    from tests import evidence_factory as make

    monkeypatch.setenv("LAWDESK_HELPER", "none")  # every call counted here
    calls = []
    real = pieces.normalize_files
    monkeypatch.setattr(pieces, "normalize_files", lambda paths, shown: calls.append(shown) or real(paths, shown))
    case = load_case(demo_case_dir)
    shown = case.data["pieces"][3]["file"]
    make.user_password_pdf(demo_case_dir / "pieces", shown.split("/")[-1])
    with pytest.raises(BlockingProblems) as refused:
        build_dossier(case, tmp_path / "sortie")
    assert [p.where for p in refused.value.problems if p.is_error] == [shown]
    assert calls == [] and not (tmp_path / "sortie").exists()


def test_rebuild_reuses_normalised_pieces_until_a_file_changes(demo_case_dir, tmp_path, monkeypatch):
    import lawdesk.build.pieces as normalize  # where the build makes pièces into pages

    first = build_dossier(load_case(demo_case_dir), tmp_path / "a")
    cache = demo_case_dir / ".lawdesk" / "cache"
    assert len(list(cache.glob("*.pdf"))) == 2 * len(first["pieces"])  # each pièce normalised, and stamped

    calls = []
    real = normalize.normalize_files
    monkeypatch.setattr(normalize, "normalize_files", lambda paths, shown: calls.append(shown) or real(paths, shown))
    again = build_dossier(load_case(demo_case_dir), tmp_path / "b")
    assert calls == [] and again["pages"] == first["pages"]

    png = demo_case_dir / "pieces" / "anef-erreur-1.png"
    from PIL import Image

    Image.new("RGB", (800, 600), "white").save(png)
    build_dossier(load_case(demo_case_dir), tmp_path / "c")
    assert len(calls) == 1 and "pieces/anef-erreur-1.png" in calls[0]
    assert len(list(cache.glob("*.pdf"))) == 2 * len(first["pieces"])  # the stale entries were pruned
