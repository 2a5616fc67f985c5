"""The normalisation cache lives in the case folder, which travels between volunteers: an entry
forged by whoever sent the folder must not replace a pièce in the dossier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawdesk.evidence import normalize_files
from lawdesk.evidence.cache import NormalizationCache, _mac
from tests import evidence_factory as make

FORGERIES = ["mac made with another key", "no mac (entries before they were signed)",
             "the genuine mac of the genuine entry, over other content"]


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_cache_entry_is_not_used(demo_case_dir: Path, tmp_path: Path, forgery: str) -> None:
    paths, shown = [demo_case_dir / "pieces" / "employeur.pdf"], ["pieces/employeur.pdf"]
    genuine = NormalizationCache(demo_case_dir).normalized(paths, shown, normalize_files)
    key = NormalizationCache.key(paths, shown)
    pdf_file = demo_case_dir / ".lawdesk" / "cache" / f"{key}.pdf"
    info_file = pdf_file.with_suffix(".json")
    assert pdf_file.read_bytes() == genuine.pdf

    forged = make.active_pdf(tmp_path, "forged.pdf").read_bytes()
    info = {"page_count": 2, "warnings": []}
    mac = (_mac(b"k" * 32, key, info, forged) if forgery.startswith("mac made")
           else json.loads(info_file.read_text())["mac"] if forgery.startswith("the genuine") else None)
    pdf_file.write_bytes(forged)
    info_file.write_text(json.dumps({**info, **({"mac": mac} if mac else {})}))

    made = []
    again = NormalizationCache(demo_case_dir).normalized(paths, shown, lambda p, s: made.append(s) or normalize_files(p, s))
    assert made == [shown]
    assert again.pdf == genuine.pdf and not make.holds(again.pdf, make.PAYLOAD.encode())
    assert pdf_file.read_bytes() == genuine.pdf  # the entry is made again from the evidence

    made.clear()
    NormalizationCache(demo_case_dir).normalized(paths, shown, lambda p, s: made.append(s) or normalize_files(p, s))
    assert made == []  # and a genuine entry is used
