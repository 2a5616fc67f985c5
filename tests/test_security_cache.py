"""The evidence cache lives in the case folder, which travels between volunteers: an entry forged
by whoever sent the folder must not replace a pièce in the dossier nor hide a finding of the
pre-flight; a genuine entry spares the work of a rebuild."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lawdesk.bundle.assemble import stamped_piece
from lawdesk.case import load_case
from lawdesk.check import preflight
from lawdesk.evidence import normalize_files
from lawdesk.evidence.cache import CACHE_FOLDER, EvidenceCache, _mac
from lawdesk.evidence.inspect import inspect_file
from tests import evidence_factory as make

FORGERIES = ["mac made with another key", "no mac (entries before they were signed)",
             "the genuine mac of the genuine entry, over other content"]


def _forge(folder: Path, key: str, forgery: str, info: dict[str, object], pdf: bytes) -> None:
    """Replace entry `key` by `info` and `pdf`, signed as `forgery` says."""
    info_file = folder / CACHE_FOLDER / f"{key}.json"
    genuine_mac = json.loads(info_file.read_text())["mac"]
    mac = (_mac(b"k" * 32, key, info, pdf) if forgery.startswith("mac made")
           else genuine_mac if forgery.startswith("the genuine") else None)
    if pdf:
        info_file.with_suffix(".pdf").write_bytes(pdf)
    info_file.write_text(json.dumps({"info": info, "has_pdf": bool(pdf), **({"mac": mac} if mac else {})}))


def _counting(function, calls: list[object]):
    def counted(*args):
        calls.append(args)
        return function(*args)
    return counted


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_normalised_pièce_is_not_used(demo_case_dir: Path, tmp_path: Path, forgery: str) -> None:
    paths, shown = [demo_case_dir / "pieces" / "employeur.pdf"], ["pieces/employeur.pdf"]
    cache = EvidenceCache(demo_case_dir)
    genuine = cache.normalized(paths, shown, normalize_files)
    cache.commit()
    key = cache.key("normalize", paths, shown)
    pdf_file = demo_case_dir / CACHE_FOLDER / f"{key}.pdf"
    assert pdf_file.read_bytes() == genuine.pdf

    forged = make.active_pdf(tmp_path, "forged.pdf").read_bytes()
    _forge(demo_case_dir, key, forgery, {"page_count": 2, "warnings": []}, forged)

    made: list[object] = []
    cache = EvidenceCache(demo_case_dir)
    again = cache.normalized(paths, shown, _counting(normalize_files, made))
    cache.commit()
    assert len(made) == 1
    assert again.pdf == genuine.pdf and not make.holds(again.pdf, make.PAYLOAD.encode())
    assert pdf_file.read_bytes() == genuine.pdf  # the entry is made again from the evidence

    made.clear()
    EvidenceCache(demo_case_dir).normalized(paths, shown, _counting(normalize_files, made))
    assert made == []  # and a genuine entry is used


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_stamped_pièce_is_not_used(demo_case_dir: Path, tmp_path: Path, forgery: str) -> None:
    paths, shown = [demo_case_dir / "pieces" / "employeur.pdf"], ["pieces/employeur.pdf"]
    cache = EvidenceCache(demo_case_dir)
    normalized = cache.normalized(paths, shown, normalize_files)
    genuine = cache.stamped(paths, shown, 4, normalized, stamped_piece)
    cache.commit()
    key = cache.key("stamp 4", paths, shown)
    _forge(demo_case_dir, key, forgery, {}, make.active_pdf(tmp_path, "forged.pdf").read_bytes())

    stamped: list[object] = []
    again = EvidenceCache(demo_case_dir).stamped(paths, shown, 4, normalized, _counting(stamped_piece, stamped))
    assert len(stamped) == 1 and again == genuine


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_finding_cannot_hide_an_unusable_file(demo_case_dir: Path, tmp_path: Path, forgery: str) -> None:
    path = make.user_password_pdf(demo_case_dir / "pieces", "verrou.pdf")
    cache = EvidenceCache(demo_case_dir)
    found = cache.inspected(path, "pieces/verrou.pdf", inspect_file)
    cache.commit()
    assert [p.level for p in found] == ["error"]
    _forge(demo_case_dir, cache.key("inspect", [path], ["pieces/verrou.pdf"]), forgery, {"problems": []}, b"")

    assert EvidenceCache(demo_case_dir).inspected(path, "pieces/verrou.pdf", inspect_file) == found


def test_a_rebuild_inspects_and_stamps_only_what_changed(demo_case_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from lawdesk import build
    from lawdesk.build import pieces

    monkeypatch.setenv("LAWDESK_HELPER", "none")  # every call counted here: a helper process would make some of them
    inspected: list[object] = []
    stamped: list[object] = []
    monkeypatch.setattr(pieces, "inspect_file", _counting(inspect_file, inspected))
    monkeypatch.setattr(pieces, "stamped_piece", _counting(stamped_piece, stamped))
    case = load_case(demo_case_dir)
    files = sum(len(p.get("files") or [p.get("file")]) for p in case.data["pieces"])
    first = build.build_dossier(case, tmp_path / "first")
    assert len(inspected) == files and len(stamped) == len(case.data["pieces"])

    inspected.clear()
    stamped.clear()
    assert build.build_dossier(case, tmp_path / "again") == first
    assert inspected == [] and stamped == []
    pieces = sorted(first["filings"][0]["files"][1:])  # the requête (00_) is dated by the build; the pièces are the cache's
    assert pieces and [(tmp_path / "again" / f).read_bytes() for f in pieces] == [(tmp_path / "first" / f).read_bytes() for f in pieces]

    shown = case.data["pieces"][3]["file"]
    make.user_password_pdf(demo_case_dir / "pieces", Path(shown).name)  # the pièce's file is replaced
    problems = preflight(case, inspect=lambda path, as_shown: EvidenceCache(demo_case_dir).inspected(path, as_shown, inspect_file))
    assert [p for p in problems if p.is_error] == inspect_file(demo_case_dir / shown, shown)
    assert problems[0].where == shown and problems[0].is_error


def test_the_cache_reads_no_file_the_pre_flight_refuses_unread(demo_case_dir: Path, tmp_path: Path) -> None:
    """A named pipe would block a read for good, a huge file would be read for nothing: no cache key
    is made of them, the pre-flight refuses them as it does without the cache."""
    import os

    from lawdesk.build import build_dossier
    from lawdesk.errors import BlockingProblems

    data = json.loads((demo_case_dir / "case.json").read_text(encoding="utf-8"))
    os.mkfifo(demo_case_dir / "pieces" / "tube.pdf")
    with open(demo_case_dir / "pieces" / "enorme.pdf", "wb") as huge:
        huge.truncate(2 * 1024 ** 3)  # sparse: 2 GB without the disk space
    data["pieces"][0]["file"] = "pieces/tube.pdf"
    data["pieces"][3]["file"] = "pieces/enorme.pdf"
    (demo_case_dir / "case.json").write_text(json.dumps(data), encoding="utf-8")

    cache = EvidenceCache(demo_case_dir)
    for name in ("enorme.pdf", "tube.pdf"):  # without the rule, the first is read in full, the second blocks
        assert cache._key_or_none("inspect", [demo_case_dir / "pieces" / name], [f"pieces/{name}"]) is None
    with pytest.raises(BlockingProblems) as refused:
        build_dossier(load_case(demo_case_dir), tmp_path / "out")
    assert {p.where for p in refused.value.problems if p.is_error} == {"pieces/tube.pdf", "pieces/enorme.pdf"}


def test_two_builds_of_one_case_at_once_keep_each_others_entries(demo_case_dir: Path) -> None:
    """The window and a batch building one case: the build that ends last no longer removes what the
    other wrote meanwhile (it removed only what no build uses any more)."""
    window = EvidenceCache(demo_case_dir)  # started first, uses one pièce
    batch = EvidenceCache(demo_case_dir)  # uses another, ends first
    first, second = (["pieces/employeur.pdf"], ["pieces/lettre-prefet.pdf"])
    batch.normalized([demo_case_dir / second[0]], second, normalize_files)
    batch.commit()
    window.normalized([demo_case_dir / first[0]], first, normalize_files)
    window.commit()
    made: list[object] = []
    later = EvidenceCache(demo_case_dir)
    later.normalized([demo_case_dir / second[0]], second, _counting(normalize_files, made))
    assert made == []  # the batch's entry is still there
    stale = demo_case_dir / CACHE_FOLDER / "0000-no-build-uses-this.json"
    stale.write_text("{}")
    os.utime(stale, (1, 1))
    later.commit()
    assert not stale.exists()  # what no build uses any more still goes
