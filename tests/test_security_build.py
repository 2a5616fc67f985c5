"""One whole dossier built from a hostile case, then searched for everything that must not be in it.

The case is the demo case with hostile pièces swapped in (scripts, launch and submit actions,
embedded and associated files, web links, a 3D script, private metadata, photos with GPS, an
HTML e-mail full of remote resources), hostile text in its fields (markup, template syntax,
control characters, a 100 000-character description, empty optional notes) and a clinic
template folder whose letter refers to a web image and to a file outside every allowed folder.
The build runs under a watch that makes every network call fail and records every file opened.

Guarantees (SECURITY.md): inert output, no network, nothing read outside the allowed folders,
text rendered literally in valid PDF and DOCX files, no private metadata.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from lawdesk.build import build_dossier
from lawdesk.case import load_case
from tests import evidence_factory as make
from tests import fuzz_hostile as hostile
from tests.conftest import DEMO_CASE

SECRET_DIR = "Dossier-SECRETPATH-7f3a"  # a folder name of the volunteer's machine
PRIVATE_USER = "lawdesk-user-5c1e"  # stands for the volunteer's login name
SCRIPT_TEXT = "<script>alert('x')</script> {% if 1 %}X{% endif %} \x00\x01\x1f\x7f fin du signalement"
MARKUP_NAME = "<b>DIALLO</b> & {{ 7*7 }}"
LONG_SENTENCE = "Description très longue. "
LONG_REPEAT = 4_000  # 100 000 characters
LETTER_INJECTION = ('<p style="background: url(https://example.org/bg.png)"><img src="https://example.org/x.png" alt="">'
                    '<img src="{outside}" alt=""> <a href="https://evil.example/">lien</a></p>')

# Names and values of what must not survive anywhere in a produced PDF (keys, action types, types).
FORBIDDEN_KEYS = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EF", "/AF", "/XFA", "/URI",
                  "/RichMediaContent", "/3DD", "/Launch"}
FORBIDDEN_ACTIONS = {"/JavaScript", "/Launch", "/URI", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/Thread",
                     "/Rendition", "/RichMediaExecute", "/Sound", "/Movie", "/Hide"}
FORBIDDEN_SUBTYPES = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
FORBIDDEN_TYPES = {"/EmbeddedFile", "/Filespec"}
MARKERS = [make.PAYLOAD.encode(), make.ATTACHED_SECRET, hostile.HOSTILE_MARKER.encode(),
           hostile.HOSTILE_MARKER.lower().encode(), b"tracker.example.com", b"evil.example", b"example.org/x.png",
           b"interieur.gouv.fr", b"service-public.fr"]


@dataclass
class HostileBuild:
    root: Path
    case_dir: Path
    out: Path
    outside: Path
    report: dict[str, Any]
    watch: hostile.Watch

    def pdfs(self) -> list[Path]:
        """The bundle, every Télérecours file and every document PDF."""
        return [self.out / self.report["bundle"], *(self.out / f for f in self.report["telerecours"]),
                *(self.out / d["pdf"] for d in self.report["documents"])]


def _hostile_case(root: Path) -> tuple[Path, Path, Path]:
    case_dir = root / "cas"
    shutil.copytree(DEMO_CASE, case_dir, ignore=shutil.ignore_patterns(".lawdesk"))
    pieces = case_dir / "pieces"
    make.active_pdf(pieces, "employeur.pdf")
    make.form_pdf(pieces, "mandat.pdf")
    hostile.hostile_pdf(pieces, "courriel-prefecture.pdf", photo=make.jpeg_photo(root, "photo-gps.jpg"))
    hostile.hostile_email(pieces, "ccc-reponse.eml")
    make.jpeg_photo(pieces, "anef-erreur-2.jpg")  # a phone photo with EXIF camera and GPS
    outside = root / "ailleurs" / "secret.png"
    outside.parent.mkdir()
    make.png_screenshot(outside.parent, "secret.png")

    templates = root / "modeles"
    (templates / "letters").mkdir(parents=True)
    letter = (Path(__file__).resolve().parent.parent / "templates" / "letters" / "prefecture.html.j2").read_text(encoding="utf-8")
    injection = LETTER_INJECTION.format(outside=outside.as_uri())
    assert "{% block content %}" in letter
    (templates / "letters" / "prefecture.html.j2").write_text(letter.replace("{% block content %}", "{% block content %}\n" + injection, 1),
                                                              encoding="utf-8")

    data = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    data["applicant"]["family_name"] = MARKUP_NAME
    data["incidents"][0]["description"] = SCRIPT_TEXT
    data["incidents"][1]["description"] = LONG_SENTENCE * LONG_REPEAT
    data["notes"] = {"prefecture": "", "defenseur": "", "refere": ""}
    (case_dir / "case.json").write_text(json.dumps(data), encoding="utf-8")  # \\u escapes: control characters kept as such
    return case_dir, templates, outside


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    root = tmp_path_factory.mktemp("secu") / SECRET_DIR
    root.mkdir()
    case_dir, templates, outside = _hostile_case(root)
    out = root / "dossier"
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("USER", "LOGNAME", "USERNAME"):
            patch.setenv(variable, PRIVATE_USER)
        patch.setenv("HOME", str(root / f"home-{PRIVATE_USER}"))
        patch.setenv("XDG_DATA_HOME", str(root / f"home-{PRIVATE_USER}" / "data"))
        from lawdesk.evidence import cache

        cache._secret.cache_clear()
        with hostile.Watch() as watch:
            # every document, the letters already sent included (dated the day they were sent)
            report = build_dossier(load_case(case_dir), out, documents=["prefecture", "defenseur", "refere"], templates_dir=templates)
        cache._secret.cache_clear()
    return HostileBuild(root, case_dir, out, outside, report, watch)


# --- inert output ----------------------------------------------------------------------------

_HAYSTACKS: dict[Path, bytes] = {}


def haystack(path: Path) -> bytes:
    """The file's raw bytes, then every string and decoded stream of every object in it (as
    evidence_factory.holds searches them), computed once per file."""
    if path not in _HAYSTACKS:
        data = path.read_bytes()
        parts = [data]
        for obj in make.every_object(data):
            for item in _direct_values(obj):
                if isinstance(item, StreamObject):
                    try:
                        parts.append(item.get_data())
                    except Exception:  # noqa: BLE001 - an undecodable stream is searched raw (above)
                        pass
                elif isinstance(item, str):
                    parts.append(item.encode("utf-8", "replace"))
                elif isinstance(item, bytes):
                    parts.append(item)
        _HAYSTACKS[path] = b"\n".join(parts)
    return _HAYSTACKS[path]



def _direct_values(value: Any) -> list[Any]:
    """`value` and every dictionary, array and leaf directly inside it (indirect objects are
    visited on their own, since every object of the file is)."""
    found, pending = [], [value]
    while pending:
        item = pending.pop()
        found.append(item)
        if isinstance(item, DictionaryObject):
            pending += [v for v in item.values() if not isinstance(v, IndirectObject)]
        elif isinstance(item, ArrayObject):
            pending += [v for v in item if not isinstance(v, IndirectObject)]
    return found


def active_findings(pdf: bytes) -> set[str]:
    """Every active or embedding construct anywhere in the file (referenced or orphan objects)."""
    findings: set[str] = set()
    for obj in make.every_object(pdf):
        for item in _direct_values(obj):
            if not isinstance(item, DictionaryObject):
                continue
            findings |= {f"key {key}" for key in item if key in FORBIDDEN_KEYS}
            for key, forbidden in (("/S", FORBIDDEN_ACTIONS), ("/Subtype", FORBIDDEN_SUBTYPES), ("/Type", FORBIDDEN_TYPES)):
                if str(item.get(key)) in forbidden:
                    findings.add(f"{key} {item.get(key)}")
            action = item.get("/A")
            action = action.get_object() if action is not None else None
            if item.get("/Subtype") == "/Link" and isinstance(action, DictionaryObject) and action.get("/S") != "/GoTo":
                findings.add(f"link action {action.get('/S')}")
    return findings


def test_hostile_pieces_really_carried_active_content(built: HostileBuild) -> None:
    """Precondition: the pièces swapped in hold each kind of content the dossier must not keep."""
    sources = [built.case_dir / "pieces" / name for name in ("employeur.pdf", "mandat.pdf", "courriel-prefecture.pdf")]
    found = set().union(*(active_findings(path.read_bytes()) for path in sources))
    assert {"key /JS", "key /OpenAction", "key /AA", "key /EmbeddedFiles", "key /AF", "key /URI", "key /3DD",
            "/S /Launch", "/S /URI", "/S /SubmitForm", "/S /ImportData", "/S /GoToR", "/S /Thread",
            "/Subtype /FileAttachment", "/Subtype /3D", "/Type /EmbeddedFile"} <= found, found


def test_no_script_action_attachment_or_web_link_survives_in_any_pdf(built: HostileBuild) -> None:
    pdfs = built.pdfs()
    assert len(pdfs) == 1 + len(built.report["pieces"]) + 1 + len(built.report["documents"])
    for path in pdfs:
        data = path.read_bytes()
        assert active_findings(data) == set(), path.name
        for marker in MARKERS:
            assert marker not in haystack(path), (path.name, marker)
        assert PdfReader(io.BytesIO(data)).attachments == {}


def test_the_cover_keeps_its_internal_table_of_contents_links(built: HostileBuild) -> None:
    cover = PdfReader(built.out / built.report["bundle"]).pages[0]
    links = [a.get_object() for a in cover.get("/Annots", [])]
    assert links and all(link["/Subtype"] == "/Link" and "/Dest" in link and "/A" not in link for link in links)


def test_every_produced_pdf_passes_qpdf_check(built: HostileBuild) -> None:
    for path in built.pdfs():
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (path.name, result.stdout[-500:], result.stderr[-500:])


# --- no network, nothing read outside the allowed folders ------------------------------------


def test_no_network_access_during_the_build(built: HostileBuild) -> None:
    assert built.watch.network == []


def test_resources_outside_the_allowed_folders_are_refused_reported_and_never_opened(built: HostileBuild) -> None:
    assert built.watch.opened, "the watch saw no file at all: it is not working"
    assert built.watch.opened_under(built.outside.parent) == []
    refused = [w for w in built.report["warnings"] if w.startswith("ressource refusée")]
    assert any("https://example.org/x.png" in w for w in refused), built.report["warnings"]
    assert any("https://example.org/bg.png" in w for w in refused)
    assert any(built.outside.as_uri() in w for w in refused)


def test_an_html_email_is_reduced_to_text_without_fetching_anything(tmp_path: Path) -> None:
    from lawdesk.evidence.email_page import email_to_pdf

    message = hostile.hostile_email(tmp_path)
    with hostile.Watch() as watch:
        pdf, warnings = email_to_pdf(message, "pieces/message.eml")
    assert watch.network == []
    assert watch.opened_under(Path("/etc")) == []
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Votre demande est en cours." in text and "tracker.example.com" not in text
    assert not make.holds(pdf, b"tracker.example.com")
    assert any("version HTML" in w for w in warnings)


# --- text: literal, never a broken file -----------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_markup_and_template_syntax_in_fields_come_out_literally(built: HostileBuild) -> None:
    import docx

    bundle = PdfReader(built.out / built.report["bundle"])
    letter = built.report["documents"][0]
    text = _flat(" ".join(bundle.pages[i].extract_text() for i in range(letter["first_page"] - 1, letter["first_page"] + 1)))
    assert MARKUP_NAME in text
    assert "<script>alert('x')</script>" in text and "{% if 1 %}X{% endif %}" in text
    assert "49" not in text.split(MARKUP_NAME)[0][-20:]  # {{ 7*7 }} was not evaluated
    for document in built.report["documents"]:
        paragraphs = _flat("\n".join(p.text for p in docx.Document(built.out / document["docx"]).paragraphs))
        assert MARKUP_NAME in paragraphs, document["id"]
        assert "<script>alert('x')</script> {% if 1 %}X{% endif %}" in paragraphs
        assert "fin du signalement" in paragraphs


def test_control_characters_never_reach_the_files(built: HostileBuild) -> None:
    for document in built.report["documents"]:
        with zipfile.ZipFile(built.out / document["docx"]) as docx_file:
            body = docx_file.read("word/document.xml").decode("utf-8")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", body), document["id"]


def test_a_100000_character_description_is_kept_whole(built: HostileBuild) -> None:
    import docx

    for document in built.report["documents"]:
        text = "\n".join(p.text for p in docx.Document(built.out / document["docx"]).paragraphs)
        assert text.count("très longue") == LONG_REPEAT, document["id"]  # the last one loses its full stop
    bundle = PdfReader(built.out / built.report["bundle"])
    letter = built.report["documents"][0]
    pages = range(letter["first_page"] - 1, letter["first_page"] - 1 + letter["page_count"])
    assert _flat(" ".join(bundle.pages[i].extract_text() for i in pages)).lower().count("très longue") == LONG_REPEAT


def test_output_file_names_hold_no_control_or_invisible_characters(built: HostileBuild) -> None:
    for path in built.out.rglob("*"):
        assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in path.name), path.name
        assert len(path.name.encode("utf-8")) <= 255


@pytest.mark.parametrize("field", ["given_names", "family_name"])
def test_direction_overrides_are_refused_before_anything_is_written(demo_case_dir: Path, tmp_path: Path, field: str) -> None:
    """U+202E would display "Binta, née le 12 avril 1988" as "8891 lirva 21 el eén ,atniB"."""
    from lawdesk.errors import BlockingProblems

    case = load_case(demo_case_dir)
    case.data["applicant"][field] = "Aïssatou\u202eBinta"
    case.save()
    with pytest.raises(BlockingProblems) as raised:
        build_dossier(load_case(demo_case_dir), tmp_path / "out")
    assert [p.where for p in raised.value.problems if p.is_error] == [f"applicant.{field}"]
    assert not (tmp_path / "out").exists()


def test_long_non_ascii_names_give_file_names_the_disk_accepts(demo_case_dir: Path, tmp_path: Path) -> None:
    case = load_case(demo_case_dir)
    case.data["applicant"]["family_name"] = "É" * 300
    case.data["reference"] = "Réf\u200b" + "ق" * 200
    case.save()
    report = build_dossier(load_case(demo_case_dir), tmp_path / "out", documents=["prefecture"])
    names = [p.name for p in (tmp_path / "out").rglob("*")]
    assert report["bundle"] in names
    assert all(len(name.encode("utf-8")) <= 255 and "\u200b" not in name for name in names)


# --- metadata: only what the user chose ----------------------------------------------------------------

ALLOWED_INFO = {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate", "/ModDate"}


def _private_strings(built: HostileBuild) -> list[bytes]:
    strings = [str(built.case_dir).encode(), str(built.root).encode(), SECRET_DIR.encode(), PRIVATE_USER.encode(),
               hostile.PRIVATE_MARKER.encode(), make.CAMERA.encode(), b"Exif\x00\x00"]
    login = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    if len(login) >= 6:  # short logins ("root") would match by chance inside binary data
        strings.append(login.encode())
    # Original file names of the evidence: a pièce is named by its title only. The e-mail page says
    # which .eml file it reproduces (a deliberate mention of provenance on the page itself).
    strings += [p.name.encode() for p in (built.case_dir / "pieces").iterdir() if p.suffix != ".eml"]
    return strings


def test_bundle_metadata_holds_only_what_the_user_chose(built: HostileBuild) -> None:
    reader = PdfReader(built.out / built.report["bundle"])
    info = reader.trailer["/Info"].get_object()
    assert set(info) <= ALLOWED_INFO, set(info)
    case = load_case(built.case_dir)
    assert info["/Title"] == f"Dossier {case.data['reference']} — {MARKUP_NAME} {case.data['applicant']['given_names']}"
    assert info["/Author"] == case.data["counsel"]["name"]
    assert "/Metadata" not in reader.trailer["/Root"]


def test_no_path_user_name_file_name_or_photo_metadata_in_any_pdf(built: HostileBuild) -> None:
    for path in built.pdfs():
        data = path.read_bytes()
        for private in _private_strings(built):
            assert private not in haystack(path), (path.name, private)
        reader = PdfReader(io.BytesIO(data))
        assert "/Metadata" not in reader.trailer["/Root"], path.name
        info = reader.trailer.get("/Info")
        assert set(info.get_object() if info is not None else {}) <= ALLOWED_INFO, path.name


def test_word_files_name_no_machine_user_nor_path(built: HostileBuild) -> None:
    for document in built.report["documents"]:
        with zipfile.ZipFile(built.out / document["docx"]) as docx_file:
            core = docx_file.read("docProps/core.xml").decode("utf-8")
            for field in ("dc:creator", "cp:lastModifiedBy"):
                found = re.search(f"<{field}>(.*?)</{field}>", core)
                assert found is None or found.group(1) in ("", "LawDesk"), (document["id"], field, found.group(1))
            for name in docx_file.namelist():
                part = docx_file.read(name)
                for private in _private_strings(built):
                    assert private not in part, (document["id"], name, private)
