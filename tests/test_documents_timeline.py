"""Documents that tell the truth about dates: the demo built at five dates across its calendar, and the
situations a lawyer checks (renewal outside the R. 431-5 window, an expired attestation, a first
application, a classement sans suite, a référé before and after the letter's deadline). Each test
reads the generated text."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lawdesk.build import build_dossier
from lawdesk.case import load_case
from lawdesk.case.model import Case
from lawdesk.case.validate import validate_data
from lawdesk.documents import DossierInfo, render_document
from lawdesk.errors import BlockingProblems
from tests.conftest import DEMO_CASE
from tests.test_documents_cases import case_of, demo, docx_text, flat, paris_lawyer_first_application

D = dt.date


def text(data: dict[str, Any], doc_id: str, day: dt.date) -> str:
    """The document as written on `day` (the DOCX paragraphs, flattened)."""
    return flat(docx_text(render_document(case_of(data), doc_id, DossierInfo(day, list(data["documents"]))).docx))


def errors(data: dict[str, Any], day: dt.date) -> list[str]:
    return [p.message for p in validate_data(data, day) if p.is_error and p.where == "documents"]


# --- the demo at five dates ---------------------------------------------------------------

def as_it_stood(data: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """The case as its user had it on `day`: what happened later (facts, pièces, sendings, avis de
    réception, answers) is not written yet. A fact dated after the day the case is judged is an error."""
    later = lambda value: isinstance(value, str) and value > day.isoformat()  # noqa: E731
    data = json.loads(json.dumps(data))
    gone = {p["id"] for p in data["pieces"] if later(p.get("date"))}
    data["pieces"] = [p for p in data["pieces"] if p["id"] not in gone]
    for name in ("incidents", "harms"):
        data[name] = [i for i in data[name] if not later(i.get("date"))]
    steps = []
    for step in data.get("steps", []):
        if later(step["sent"]):
            continue
        if later(step.get("received")):
            del step["received"]
        if later((step.get("answer") or {}).get("date")):
            del step["answer"]
        step["pieces"] = [p for p in step.get("pieces", []) if p not in gone]
        steps.append(step)
    data["steps"] = steps
    return data


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timeline") / "demo"
    shutil.copytree(DEMO_CASE, folder, ignore=shutil.ignore_patterns(".lawdesk"))
    return folder


def build_at(folder: Path, day: dt.date, out: Path) -> tuple[dict[str, Any], str]:
    """Build the demo as it stood on `day`; the report and the requête's text."""
    case = load_case(folder)
    report = build_dossier(Case(case.folder, as_it_stood(case.data, day)), out, today=day)
    requete = next(d for d in report["documents"] if d["id"] == "refere")
    assert len(PdfReader(out / requete["pdf"]).pages) == requete["page_count"]
    return report, flat(docx_text((out / requete["docx"]).read_bytes()))


def test_demo_the_day_after_the_letter_the_refere_must_wait(demo_folder: Path, tmp_path: Path) -> None:
    case = load_case(demo_folder)
    with pytest.raises(BlockingProblems) as refused:
        build_dossier(Case(case.folder, as_it_stood(case.data, D(2025, 3, 13))), tmp_path / "out", today=D(2025, 3, 13))
    [problem] = [p for p in refused.value.problems if p.is_error]
    # no avis de réception known yet: the eight days run from sending, 12 March
    assert problem.where == "documents" and "court jusqu'au 20 mars 2025" in problem.message
    assert "à partir du 21 mars 2025" in problem.message
    assert not (tmp_path / "out").exists()


def test_demo_once_the_ar_is_known_the_deadline_moves_to_the_22nd(demo_folder: Path) -> None:
    data = as_it_stood(load_case(demo_folder).data, D(2025, 3, 18))
    [message] = errors(data, D(2025, 3, 18))
    assert "court jusqu'au 22 mars 2025 : le référé peut être déposé à partir du 23 mars 2025" in message


def test_demo_on_the_first_day_of_the_refere(demo_folder: Path, tmp_path: Path) -> None:
    report, requete = build_at(demo_folder, D(2025, 3, 23), tmp_path / "out")
    assert [d["id"] for d in report["documents"]] == ["refere"]  # the letter and the referral were sent: pièces
    assert report["situation"] == "not_registered"
    assert ("Par lettre recommandée avec accusé de réception du 12 mars 2025 (n° 1A 234 567 8901 2), reçue le 14 mars "
            "2025 (pièces n° 9 et 10), la requérante a demandé au préfet de la Seine-Saint-Denis") in requete
    assert "Ce délai a expiré le 22 mars 2025 sans qu’aucune réponse ne soit parvenue." in requete
    # the Défenseure's answer of 24 March is not known on the 23rd
    assert "Le 17 mars 2025, elle a saisi la Défenseure des droits d’une réclamation adressée par courrier (pièce n° 11)." in requete
    assert "a répondu le 24 mars 2025" not in requete
    assert "Fait à Saint-Denis, le 23 mars 2025" in requete
    # the deposit never went through: no successful deposit counted among the failed attempts
    assert "justifie de cinq démarches" in requete and "sans parvenir à utiliser le téléservice" in requete


def test_demo_a_week_later_the_referral_has_its_answer(demo_folder: Path, tmp_path: Path) -> None:
    report, requete = build_at(demo_folder, D(2025, 4, 1), tmp_path / "out")
    assert ("La Défenseure des droits a répondu le 24 mars 2025 : « Accusé de réception de la réclamation, transmise au "
            "délégué territorial de la Seine-Saint-Denis » (pièce n° 12).") in requete
    assert "Depuis le 31 janvier 2025, soit depuis plus de deux mois, elle ne dispose d’aucun document" in requete
    assert "Fait à Saint-Denis, le 1er avril 2025" in requete
    assert [d["basis"] for d in report["dates"] if d["date"] == "2025-03-22"]


def test_demo_built_today_is_dated_today_and_warns_that_its_facts_are_old(demo_folder: Path, tmp_path: Path) -> None:
    today = dt.date.today()
    report, requete = build_at(demo_folder, today, tmp_path / "out")
    from lawdesk.documents.french import long_date

    assert f"le {long_date(today)}".replace("\u00a0", " ") in requete
    assert any("il y a plus de trois mois" in w for w in report["warnings"])
    assert "Depuis le 31 janvier 2025, soit depuis plus de" in requete


# --- situations ---------------------------------------------------------------------------

def test_renewal_filed_outside_the_window_never_claims_it_was_in_time() -> None:
    data = demo()
    data["procedure"]["anef_deposit_date"] = "2024-12-20"
    data["procedure"]["received"][0]["date"] = "2024-12-20"
    data["incidents"][2]["date"] = "2024-12-20"
    requete = text(data, "refere", D(2025, 3, 18))
    assert "présentée dans les délais" not in requete and "la demande a été présentée le" not in requete
    assert "aucune disposition n’interdit au préfet de délivrer ce document" in requete
    warning = next(p.message for p in validate_data(data, D(2025, 3, 18)) if p.where == "procedure.anef_deposit_date")
    assert "R. 431-15-1" in warning and "n'est pas tenu" in warning


def test_renewal_within_the_window_says_so_with_the_dates() -> None:
    requete = text(demo(), "refere", D(2025, 3, 18))
    assert ("la demande a été présentée le 20 novembre 2024, dans le délai prévu à l’article R. 431-5 du CESEDA, entre le "
            "cent-vingtième et le soixantième jour précédant l’expiration du titre") in requete


def test_an_expired_attestation_is_the_urgency() -> None:
    data = demo()
    data["procedure"]["received"].append({"kind": "apri", "date": "2025-01-30", "valid_until": "2025-02-28", "piece": "p5"})
    requete = text(data, "refere", D(2025, 3, 18))
    assert ("le dernier document provisoire de séjour qui lui avait été délivré a expiré le 28 février 2025 (pièce n° 5)"
            ) in requete
    assert "Depuis le 28 février 2025, elle ne dispose d’aucun document justifiant de la régularité de son séjour" in requete


def test_a_permit_still_valid_warns_that_urgency_will_be_hard_to_show() -> None:
    data = demo()
    data["procedure"]["current_permit"]["expires"] = "2025-06-30"
    warnings = [p.message for p in validate_data(data, D(2025, 3, 18)) if p.where == "procedure"]
    assert any("reste valable jusqu'au 30 juin 2025 : l'urgence sera difficile à établir" in w for w in warnings)


def test_first_application_argues_urgency_from_its_own_circumstances() -> None:
    data = paris_lawyer_first_application()
    requete = text(data, "refere", D(2025, 3, 18))
    assert "S’agissant d’une première demande de titre de séjour, l’urgence ne se présume pas" in requete
    assert "Faute de récépissé" in requete
    warnings = [p.message for p in validate_data(data, D(2025, 3, 18)) if p.where == "harms"]
    assert warnings and "l'urgence n'est pas présumée pour une première demande" in warnings[0]


def test_a_classement_sans_suite_refuses_the_refere_and_names_the_route() -> None:
    data = demo()
    data["procedure"]["received"].append({"kind": "classement_sans_suite", "date": "2025-02-15", "piece": "p5"})
    [message] = errors(data, D(2025, 3, 1))
    assert "« Requête en référé « mesures utiles » » ne convient plus à la date du 1er mars 2025" in message
    assert "une décision a été prise le 15 février 2025" in message and "CE, 28 novembre 2018, n° 420343" in message
    assert "« Requête en annulation (recours pour excès de pouvoir) »" in message and "« Requête en référé-suspension »" in message


def test_after_the_implicit_rejection_the_refere_is_refused() -> None:
    [message] = errors(demo(), D(2025, 3, 20))
    assert "un rejet implicite est né le 20 mars 2025 (articles R. 432-1 et R. 432-2 du CESEDA)" in message


@pytest.mark.parametrize(("day", "refused"), [(D(2025, 3, 15), True), (D(2025, 3, 17), False)])
def test_refere_before_and_after_the_letters_deadline(day: dt.date, refused: bool) -> None:
    data = demo()
    data["steps"] = [{"document": "prefecture", "sent": "2025-03-03", "mode": "lrar", "tracking": "1A 42",
                      "received": "2025-03-08", "deadline_days": 8, "pieces": ["p5"]}]
    found = errors(data, day)
    assert bool(found) is refused
    if refused:
        assert "court jusqu'au 16 mars 2025 : le référé peut être déposé à partir du 17 mars 2025" in found[0]
    else:
        requete = text(data, "refere", day)
        assert "Ce délai a expiré le 16 mars 2025 sans qu’aucune réponse ne soit parvenue." in requete
        assert "C’est dans ces conditions que la requérante saisit le juge des référés." in requete


def test_refere_before_the_deadline_for_urgency_says_why() -> None:
    data = demo()
    data["steps"] = [{"document": "prefecture", "sent": "2025-03-10", "mode": "lrar", "received": "2025-03-12",
                      "deadline_days": 8, "pieces": ["p5"]}]
    data["notes"]["refere"] = "Mme DIALLO sera expulsée de son logement le 20 mars 2025."
    assert errors(data, D(2025, 3, 14)) == []
    assert any(p.where == "documents" and not p.is_error for p in validate_data(data, D(2025, 3, 14)))
    requete = text(data, "refere", D(2025, 3, 14))
    assert ("La requérante saisit le juge des référés sans attendre l’expiration du délai laissé au préfet, le 20 mars "
            "2025, en raison de l’urgence particulière exposée ci-après.") in requete
    assert "Mme DIALLO sera expulsée de son logement le 20 mars 2025." in requete


def test_a_registered_deposit_is_not_a_failed_attempt_and_the_judge_is_told_no_decision_exists() -> None:
    requete = text(demo(), "refere", D(2025, 3, 18))
    assert "justifie de quatre démarches" in requete
    assert ("Aucune décision, expresse ou implicite, n’est intervenue sur la demande de la requérante : le silence gardé "
            "par l’administration ne vaudra rejet qu’à compter du 20 mars 2025") in requete


def test_every_piece_is_cited_or_the_check_says_so() -> None:
    data = demo()
    data["pieces"].append({"id": "p9", "title": "Photo de famille", "file": "pieces/x.pdf"})
    warnings = [p for p in validate_data(data, D(2025, 3, 18)) if p.where == "pieces[8]"]
    assert warnings and "aucun document ne la cite" in warnings[0].message


def test_a_step_without_pieces_is_a_warning() -> None:
    data = demo()
    data["steps"] = [{"document": "prefecture", "sent": "2025-03-03", "mode": "lrar", "tracking": "1A"}]
    assert any(p.where == "steps[1].pieces" and not p.is_error for p in validate_data(data, D(2025, 3, 18)))


def test_a_case_round_trips_with_steps(tmp_path: Path) -> None:
    data = load_case(DEMO_CASE).data
    Case(tmp_path, data).save()
    assert json.loads((tmp_path / "case.json").read_text(encoding="utf-8"))["steps"] == data["steps"]
    assert load_case(tmp_path).data == data
