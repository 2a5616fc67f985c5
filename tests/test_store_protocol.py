"""What every case store does (lawdesk.store.base.CaseStore), run against each store: the folder store
and the PostgreSQL store on a real server (tests/pg_server.py)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lawdesk.case import load_case
from lawdesk.errors import LawdeskError, UnusableInput
from lawdesk.store.base import OUTPUT_DIR, CaseNotFound, CaseStatus, Conflict
from lawdesk.store.folder import FolderStore
from lawdesk.store.folder_lock import lock_path

@pytest.fixture(params=["folder", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "folder":
        yield FolderStore(tmp_path / "ws")
    else:
        yield request.getfixturevalue("pg_store")


def age_lock(store: Any, ref: str, seconds: float) -> None:
    """Make the editor of `ref` look silent for `seconds` (a window closed brutally)."""
    if store.kind == "folder":
        path = lock_path(store.folder(ref))
        raw = json.loads(path.read_text())
        raw["heartbeat"] -= seconds
        path.write_text(json.dumps(raw))
    else:
        with store.connect() as connection:
            from sqlalchemy import text

            connection.execute(text("UPDATE presence SET heartbeat = heartbeat - make_interval(secs => :s) "
                                    "WHERE case_id = :id"), {"s": seconds, "id": ref})


def write_dossier(store: Any, case: Any, documents: list[str]) -> None:
    """A dossier as a build leaves it in `dossier_folder`, then published."""
    out = store.dossier_folder(case)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps({"documents": [{"id": d} for d in documents], "bundle": "b.pdf"}))
    (out / "b.pdf").write_bytes(b"%PDF-1.4 bundle")
    store.publish_dossier(case)


def test_a_new_case_is_listed_loaded_and_found(store: Any) -> None:
    case = store.new_case("SSD/2025:0142", {"kind": "lawyer", "name": "Me Martin"})
    [summary] = store.list_cases()
    assert (summary.ref, summary.reference, summary.status) == (case.ref, "SSD/2025:0142", CaseStatus.DRAFT)
    loaded = store.load(case.ref)
    assert loaded.data == case.data and loaded.data["counsel"] == {"kind": "lawyer", "name": "Me Martin"}
    assert store.find("SSD/2025:0142") == case.ref == store.refs()[0]
    with pytest.raises(CaseNotFound):
        store.find("nobody")
    with pytest.raises(LawdeskError):
        store.new_case("   ")


def test_the_list_shows_what_the_window_searches_and_each_status(store: Any, demo_case_dir: Path) -> None:
    demo = store.import_folder(demo_case_dir)
    letters = store.import_folder(demo_case_dir, "letters")
    write_dossier(store, letters, ["prefecture", "defenseur"])
    filing = store.import_folder(demo_case_dir, "filing")
    write_dossier(store, filing, ["prefecture", "refere"])
    draft = store.new_case("2025-001")

    summaries = {s.ref: s for s in store.list_cases()}

    assert {ref: s.status for ref, s in summaries.items()} == {
        demo.ref: CaseStatus.READY, letters.ref: CaseStatus.LETTERS, filing.ref: CaseStatus.FILING, draft.ref: CaseStatus.DRAFT}
    shown = summaries[demo.ref]
    assert (shown.reference, shown.name, shown.foreign_number, shown.department) == (
        "SSD-2025-0142", "DIALLO Aïssatou Binta", "9301234567", "93")
    assert not summaries[letters.ref].outdated
    letters = store.load(letters.ref)
    letters.data["notes"] = {"refere": "ajouté après la génération"}
    store.save(letters)
    assert store.dossier_outdated(letters) and {s.ref: s for s in store.list_cases()}[letters.ref].outdated


def test_a_save_names_its_revision_and_never_overwrites_a_newer_one(store: Any) -> None:
    mine = store.new_case("A-1")
    theirs = store.load(mine.ref)
    theirs.data["applicant"]["family_name"] = "NGUYEN"
    store.save(theirs)
    assert theirs.revision != mine.revision
    mine.data["applicant"]["family_name"] = "TRAN"

    with pytest.raises(Conflict) as conflict:
        store.save(mine)

    assert conflict.value.theirs["applicant"]["family_name"] == "NGUYEN"
    assert conflict.value.revision == theirs.revision
    assert store.load(mine.ref).data["applicant"]["family_name"] == "NGUYEN"  # nothing overwritten
    mine.revision = conflict.value.revision  # the user chose: saved over the version seen
    store.save(mine)
    assert store.load(mine.ref).data["applicant"]["family_name"] == "TRAN"


def test_unknown_fields_and_any_text_are_kept(store: Any) -> None:
    case = store.new_case("A-2")
    case.data["x-clinic"] = {"dossier papier": "armoire 3", "zeta": 1, "alpha": [1.5, None, True]}
    case.data["applicant"]["family_name"] = "Ёлкина 李 \u202a"
    store.save(case)
    assert store.load(case.ref).data == case.data
    assert list(store.load(case.ref).data["x-clinic"]) == ["dossier papier", "zeta", "alpha"]


def test_one_editor_at_a_time_the_others_read_and_see_who(store: Any) -> None:
    case = store.new_case("A-3")
    first, second = store.lease(case.ref), store.lease(case.ref)
    assert first.acquire() is None
    holder = second.acquire()
    assert holder is not None and holder.token == first.mine.token and holder.user == first.mine.user
    assert not second.is_stale(holder)
    second.watch()
    assert [h.token for h in second.others()] == [first.mine.token]
    assert first.refresh()
    first.release()
    assert second.acquire() is None
    second.release()
    assert store.lease(case.ref).acquire() is None


def test_a_silent_editor_is_taken_over_and_learns_it(store: Any) -> None:
    case = store.new_case("A-4")
    old, taker = store.lease(case.ref), store.lease(case.ref)
    assert old.acquire() is None
    age_lock(store, case.ref, 600)
    holder = taker.acquire()
    assert holder is not None and taker.is_stale(holder)
    assert taker.take_over(holder) is None
    assert not old.refresh()  # the old window finds out at its next heartbeat
    old.release()  # and does not remove the new holder's lease
    assert store.lease(case.ref).acquire() is not None


def test_evidence_is_copied_with_collisions_resolved_and_unsupported_files_skipped(store: Any, tmp_path: Path) -> None:
    case = store.new_case("A-5")
    outside = tmp_path / "scans"
    (outside / "sub").mkdir(parents=True)
    (outside / "b.pdf").write_bytes(b"%PDF-1.4 b")
    (outside / "sub" / "a.PNG").write_bytes(b"png")
    (outside / "notes.docx").write_bytes(b"docx")
    (outside / ".hidden.pdf").write_bytes(b"hidden")
    lone = tmp_path / "b.pdf"
    lone.write_bytes(b"%PDF-1.4 other b")

    result = store.add_evidence(case, [outside, lone])

    assert result.files == ["pieces/b.pdf", "pieces/a.PNG", "pieces/b (2).pdf"] == result.copied
    assert [p.name for p in result.skipped] == ["notes.docx"]
    assert store.read_evidence(case.ref, "pieces/b (2).pdf") == b"%PDF-1.4 other b"
    assert (case.folder / "pieces" / "b (2).pdf").read_bytes() == b"%PDF-1.4 other b"  # where the build reads it
    assert (outside / "b.pdf").exists()  # copied, not moved
    again = store.add_evidence(case, [case.folder / "pieces" / "b.pdf"])
    assert again.files == ["pieces/b.pdf"] and again.copied == []  # already in the case: not copied twice
    undone = store.add_evidence(case, [lone], in_use=frozenset({"pieces/b.pdf"}))
    assert undone.files == ["pieces/b (2).pdf"]  # the same bytes, left by an undone addition: used again
    store.remove_evidence(case, ["pieces/a.PNG"])
    assert sorted(store.evidence_names(case.ref)) == ["pieces/b (2).pdf", "pieces/b.pdf"]
    assert not (store.load(case.ref).folder / "pieces" / "a.PNG").exists()


def test_trash_then_restore(store: Any) -> None:
    case = store.new_case("A-6")
    entry = store.trash(case.ref)
    assert store.list_cases() == []
    restored = store.restore(entry)
    assert [s.reference for s in store.list_cases()] == ["A-6"] and store.load(restored).data == case.data


def test_duplicate_copies_the_pieces_but_not_the_dossier_nor_the_lease(store: Any, demo_case_dir: Path) -> None:
    source = store.import_folder(demo_case_dir)
    write_dossier(store, source, ["prefecture"])
    assert store.lease(source.ref).acquire() is None

    copy = store.duplicate(source.ref)

    assert copy.data["reference"] == "SSD-2025-0142 (copie)" and copy.ref != source.ref
    assert (copy.folder / "pieces" / "lettre-prefet.pdf").read_bytes() == (demo_case_dir / "pieces" / "lettre-prefet.pdf").read_bytes()
    assert store.read_report(copy) is None and not (copy.folder / OUTPUT_DIR).exists()
    assert store.lease(copy.ref).acquire() is None
    assert store.load(source.ref).data["reference"] == "SSD-2025-0142"


def test_import_then_export_gives_back_the_same_case_folder(store: Any, demo_case_dir: Path, tmp_path: Path) -> None:
    raw = json.loads((demo_case_dir / "case.json").read_text())
    raw["x-unknown"] = {"z": 1, "a": "deux"}
    raw["applicant"]["x-surnom"] = "Binta"
    (demo_case_dir / "case.json").write_text(json.dumps(raw, ensure_ascii=False, indent=4) + "\n")  # not canonical
    (demo_case_dir / "notes").mkdir()
    (demo_case_dir / "notes" / "entretien.txt").write_text("notes de l'entretien")

    case = store.import_folder(demo_case_dir)
    out = store.export_case(case.ref, tmp_path / "export" / "SSD")

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    assert files(out) == files(demo_case_dir)
    assert load_case(out).data == raw
    with pytest.raises(UnusableInput):
        store.import_folder(tmp_path / "nothing-here")


def test_the_generated_dossier_is_kept_with_the_case(store: Any) -> None:
    case = store.new_case("A-7")
    assert store.read_report(case) is None
    write_dossier(store, case, ["prefecture"])
    assert not store.dossier_outdated(case)
    again = store.load(case.ref)
    if store.kind == "server":  # another computer: nothing of the dossier here yet
        shutil.rmtree(store.dossier_folder(again), ignore_errors=True)
    report = store.read_report(again)
    assert report["documents"] == [{"id": "prefecture"}]
    assert (store.dossier_folder(again) / "b.pdf").read_bytes() == b"%PDF-1.4 bundle"
