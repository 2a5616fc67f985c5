"""The documents written after a decision (documents.md, sections 4 to 6): the request for reasons,
the requête en annulation and the référé-suspension, for a renewal in implicit rejection with and
without a compliant accusé de réception, a first application « classée sans suite », a request for
reasons answered or left silent; and the dossier that files them with the court."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lawdesk.build import build_dossier
from lawdesk.case import load_case
from lawdesk.case.model import Case
from lawdesk.case.validate import validate_data
from lawdesk.errors import BlockingProblems
from tests.conftest import DEMO_CASE
from tests.test_documents_cases import REJECTED_DAY, classement, rejected, text_of
from tests.test_documents_timeline import text

D = dt.date


def problems(data: dict[str, Any], day: dt.date = REJECTED_DAY) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in validate_data(data, day):
        found.setdefault(f"{p.level}:{p.where}", []).append(p.message)
    return found


def conclusions(requete: str) -> str:
    return requete.split("PAR CES MOTIFS")[1].split("Fait à")[0]


# --- renewal in implicit rejection, reasons asked for and never given ------------------------

def test_annulation_attacks_the_implicit_rejection_with_its_dates_and_pieces() -> None:
    requete = text_of("rejected", "annulation")
    assert requete.startswith("TRIBUNAL ADMINISTRATIF DE MONTREUIL REQUÊTE EN ANNULATION (recours pour excès de pouvoir")
    assert ("CONTRE : La décision implicite de rejet née le 20 mars 2025 du silence gardé par le préfet de la "
            "Seine-Saint-Denis sur la demande de renouvellement de titre de séjour présentée le 20 novembre 2024 sous le "
            "n° ANEF-2024-11-0099123.") in requete
    assert "Défendeur : le préfet de la Seine-Saint-Denis." in requete
    assert ("Le silence gardé pendant quatre mois par l’administration a fait naître, le 20 mars 2025, une décision "
            "implicite de rejet (articles R. 432-1 et R. 432-2 du CESEDA).") in requete
    # R. 412-1: the attestation de dépôt proves the application and its date
    assert ("Conformément à l’article R. 412-1 du code de justice administrative, la pièce justifiant du dépôt de la "
            "demande et de sa date est produite (pièce n° 2).") in requete
    assert "Ayant pour avocat Maître Julie Moreau, avocat au barreau de Seine-Saint-Denis" in requete


def test_annulation_argues_the_reasons_asked_for_and_not_given() -> None:
    requete = text_of("rejected", "annulation")
    assert ("Par lettre recommandée avec accusé de réception du 10 avril 2025 (n° 1A 111 222 3334 4), reçue le 12 avril "
            "2025 (pièce n° 8), la requérante a demandé au préfet de la Seine-Saint-Denis de lui communiquer les motifs de "
            "cette décision") in requete
    assert "Aucun motif n’a été communiqué dans le délai d’un mois, expiré le 12 mai 2025." in requete
    assert "1. Sur la légalité externe." in requete and "entachée d’un défaut de motivation" in requete
    # the time limit: extended by the request, one year at most from it
    assert "CE, avis, 2 octobre 2025, n° 504677) ; la requête est présentée avant le 10 avril 2026." in requete
    # the lawyer's ground on the merits, as written
    assert "2. Sur la légalité interne. Mme DIALLO justifie d’un contrat de travail à durée indéterminée" in requete


def test_annulation_conclusions_ask_for_the_injunctions_astreinte_and_costs_under_legal_aid() -> None:
    asked = conclusions(text_of("rejected", "annulation"))
    assert "ANNULER la décision implicite de rejet née le 20 mars 2025" in asked
    assert ("ENJOINDRE au préfet de la Seine-Saint-Denis de délivrer à la requérante le titre de séjour sollicité (carte "
            "de séjour pluriannuelle portant la mention « salarié ») dans un délai de 30 jours à compter de la "
            "notification du jugement à intervenir ou, à défaut, de réexaminer sa demande dans le même délai et de lui "
            "délivrer, dans l’attente, une autorisation provisoire de séjour ;") in asked
    assert "ASSORTIR ces injonctions d’une astreinte de 50 € par jour de retard (article L. 911-3" in asked
    assert ("à verser à Maître Julie Moreau au titre des articles L. 761-1 du code de justice administrative et 37 de la "
            "loi n° 91-647 du 10 juillet 1991") in asked
    assert "(articles L. 911-1 et L. 911-2 du code de justice administrative)" in text_of("rejected", "annulation")


def test_suspension_presumes_urgency_for_the_refused_renewal_and_joins_the_annulation() -> None:
    requete = text_of("rejected", "suspension")
    assert "REQUÊTE EN RÉFÉRÉ-SUSPENSION (article L. 521-1 du code de justice administrative)" in requete
    assert "À Madame ou Monsieur le juge des référés" in requete
    assert ("la condition d’urgence est en principe regardée comme remplie (CE, Sect., 14 mars 2001, Ministre de "
            "l’intérieur c/ Mme Ameur, n° 229773 ; CE, 18 février 2022, n° 457933)") in requete
    # the copy of the requête en annulation is the next pièce (R. 522-1)
    assert ("Une copie de cette requête est jointe à la présente requête (pièce n° 9), conformément à l’article R. 522-1 "
            "du code de justice administrative.") in requete
    assert "Pièce n° 9 : Copie de la requête en annulation" in requete
    assert "Les moyens développés dans la requête en annulation (pièce n° 9)" in requete
    asked = conclusions(requete)
    assert "SUSPENDRE l’exécution de la décision implicite de rejet née le 20 mars 2025" in asked
    assert ("ENJOINDRE au préfet de la Seine-Saint-Denis de réexaminer la demande de la requérante dans un délai de 30 "
            "jours à compter de la notification de l’ordonnance à intervenir et de lui délivrer, dans l’attente, une "
            "autorisation provisoire de séjour") in asked


def test_motifs_letter_asks_for_the_reasons_and_says_how_the_time_limit_runs() -> None:
    letter = text_of("rejected", "motifs")  # the step of 10 April 2025: the letter is dated that day
    assert "Lettre recommandée avec accusé de réception" in letter
    assert ("Objet : Mme Aïssatou Binta DIALLO — demande de communication des motifs de la décision implicite de rejet "
            "de sa demande de renouvellement de titre de séjour") in letter
    assert ("le silence gardé par l’administration pendant quatre mois a fait naître le 20 mars 2025 une décision implicite "
            "de rejet") in letter
    assert "Sur le fondement de l’article L. 232-4 du code des relations entre le public et l’administration" in letter
    assert "dans le délai d’un an à compter de la présente demande (CE, avis, 2 octobre 2025, n° 504677)" in letter
    assert "le 10 avril 2025" in letter and "Maître Julie Moreau" in letter


# --- with and without a compliant accusé de réception --------------------------------------

def with_ack(mentions_delays: bool | None) -> dict[str, Any]:
    data = rejected()
    data["steps"] = []
    data["pieces"] = data["pieces"][:7]
    if mentions_delays is not None:
        data["procedure"]["acknowledgement"] = {"date": "2024-11-20", "mentions_delays": mentions_delays, "piece": "p2"}
    return data


def test_with_a_compliant_accuse_de_reception_two_months_run_from_the_rejection() -> None:
    requete = text(with_ack(True), "annulation", D(2025, 5, 2))
    assert ("L’accusé de réception de la demande mentionnait les voies et délais de recours (pièce n° 2). Le délai de "
            "recours de deux mois a couru à compter de la naissance de la décision implicite, en application de l’article "
            "R. 421-2 du code de justice administrative ; la requête est présentée avant son expiration, le 20 mai 2025.") in requete
    late = problems(with_ack(True), D(2025, 5, 21))
    assert any("le délai de recours a expiré le 20 mai 2025" in m for m in late["error:documents"])


def test_without_one_the_time_limits_are_not_opposable_and_a_reasonable_time_applies() -> None:
    for mentions in (None, False):
        requete = text(with_ack(mentions), "annulation", D(2025, 9, 1))
        assert ("les délais de recours ne lui sont pas opposables. La requête est au demeurant présentée dans un délai "
                "raisonnable (CE, Ass., 13 juillet 2016, Czabaj, n° 387763 ; CE, 18 mars 2019, Jounda Nguegoh, n° 417270)."
                ) in requete
    # past the year, a warning (the year runs from when the applicant knew), not an error
    found = problems(with_ack(None), D(2026, 4, 1))
    assert "error:documents" not in found and any("20 mars 2026" in m for m in found["warning:documents"])


def test_without_a_request_for_reasons_and_without_grounds_the_requete_is_refused() -> None:
    data = with_ack(True)
    data["notes"] = {}
    found = problems(data, D(2025, 5, 2))
    assert any("la requête ne contiendrait aucun moyen" in m for m in found["error:notes.annulation"])


def test_reasons_given_in_time_leave_no_ground_of_lack_of_reasons_and_move_the_deadline() -> None:
    data = rejected()
    data["steps"][0]["answer"] = {"date": "2025-05-05", "summary": "La condition de ressources n'est pas remplie", "piece": "p8"}
    requete = text(data, "annulation", REJECTED_DAY)
    assert "défaut de motivation" not in requete
    assert "La préfecture a répondu le 5 mai 2025 : « La condition de ressources n’est pas remplie » (pièce n° 8)." in requete
    assert "la requête est présentée avant le 5 juillet 2025" in requete  # two months after the reasons


# --- a first application « classée sans suite » -------------------------------------------------

def test_classement_sans_suite_is_the_decision_attacked_and_urgency_is_not_presumed() -> None:
    annulation = text_of("classement", "annulation")
    assert ("CONTRE : La décision du 2 mai 2025 par laquelle le préfet de police a classé sans suite la première demande "
            "de titre de séjour présentée le 15 janvier 2025 sous le n° ANEF-2025-01-0077777 (pièce n° 8).") in annulation
    assert ("La décision attaquée date du 2 mai 2025 : la requête est présentée dans le délai de recours de deux mois prévu "
            "par l’article R. 421-1 du code de justice administrative.") in annulation
    assert "la décision attaquée est produite (pièce n° 8)" in annulation
    assert annulation.rstrip().endswith("Pièce n° 8 : Décision de classement sans suite du 2 mai 2025")
    assert "M. Văn Minh Nguyễn" in annulation and "Maître" not in annulation  # the applicant signs alone
    suspension = text_of("classement", "suspension")
    assert ("S’agissant d’une première demande de titre de séjour, l’urgence n’est pas présumée : il appartient au "
            "requérant de justifier de circonstances particulières (CE, 18 février 2022, n° 457933).") in suspension
    assert "Emploi (depuis le 20 juin 2025). Promesse d’embauche retirée faute de titre (pièce n° 6)." in suspension
    asked = conclusions(suspension)
    assert ("correspondant aux frais exposés et non compris dans les dépens, dont les justificatifs sont produits." in asked)
    assert "motifs" not in [d for d, reason in _fitting(classement(), REJECTED_DAY).items() if reason is None]


def _fitting(data: dict[str, Any], day: dt.date) -> dict[str, str | None]:
    from lawdesk.procedures.checks import fitting

    return fitting(data, day)


def test_which_documents_fit_each_situation() -> None:
    from tests.test_documents_cases import demo

    before = demo()
    assert "lettre au préfet" in _fitting(before, D(2025, 3, 18))["refere"]  # not sent yet
    before["steps"] = [{"document": "prefecture", "sent": "2025-03-03", "mode": "lrar", "received": "2025-03-05",
                        "deadline_days": 8, "pieces": ["p5"]}]
    assert [d for d, why in _fitting(before, D(2025, 3, 18)).items() if why is None] == ["prefecture", "defenseur", "refere"]
    assert [d for d, why in _fitting(rejected(), REJECTED_DAY).items() if why is None] == [
        "prefecture", "defenseur", "motifs", "annulation", "suspension"]
    assert [d for d, why in _fitting(classement(), REJECTED_DAY).items() if why is None] == [
        "prefecture", "defenseur", "annulation", "suspension"]
    reason = _fitting(classement(), REJECTED_DAY)["motifs"]
    assert reason and "ne vise qu'une décision implicite de rejet" in reason


def test_the_suspension_cannot_be_written_without_the_annulation() -> None:
    data = rejected()
    data["documents"] = ["suspension"]
    [message] = problems(data)["error:documents"]
    assert "« Requête en référé-suspension » suppose « Requête en annulation (recours pour excès de pouvoir) »" in message
    data["steps"].append({"document": "annulation", "sent": "2025-06-25", "mode": "telerecours"})
    found = problems(data)
    assert "error:documents" not in found
    assert any("copie de la requête en annulation (article R. 522-1" in m for m in found["error:steps[2].pieces"])


def test_before_any_decision_the_annulation_does_not_fit() -> None:
    from tests.test_documents_cases import demo

    data = demo()
    data["documents"] = ["annulation"]
    [message] = problems(data, D(2025, 3, 18))["error:documents"]
    assert "aucune décision n'est encore née" in message and "« Requête en référé « mesures utiles » »" in message


# --- the dossier: two filings, each with its own Télérecours folder ----------------------------

@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("filings")
    folder = root / "case"
    shutil.copytree(DEMO_CASE, folder, ignore=shutil.ignore_patterns(".lawdesk"))
    data = rejected()
    demo_pieces = {p["id"]: p for p in load_case(folder).data["pieces"]}
    for piece in data["pieces"]:  # real files for the pièces of the variant
        source = demo_pieces.get(piece["id"], demo_pieces["p9"])
        piece.pop("file", None), piece.pop("files", None)
        piece.update({k: source[k] for k in ("file", "files") if k in source})
    report = build_dossier(Case(folder, data), root / "out", today=REJECTED_DAY)
    return root / "out", report


def test_each_requete_has_its_own_telerecours_folder_and_the_suspension_carries_the_annulation(filed) -> None:
    out, report = filed
    assert [d["id"] for d in report["documents"]] == ["annulation", "suspension"]
    assert [(f["document"], f["folder"]) for f in report["filings"]] == [
        ("annulation", "telerecours/annulation"), ("suspension", "telerecours/refere-suspension")]
    annulation, suspension = (f["files"] for f in report["filings"])
    assert Path(annulation[0]).name == "00_Requete en annulation.pdf"
    assert Path(suspension[0]).name == "00_Requete en refere-suspension.pdf"
    assert len(annulation) == 1 + 8 and len(suspension) == 1 + 9
    copy = out / suspension[-1]
    assert copy.name == "09_Copie de la requete en annulation.pdf"
    pages = PdfReader(copy).pages
    assert "REQUÊTE EN ANNULATION" in pages[0].extract_text() and "Pièce n° 9" in pages[0].extract_text()
    assert report["telerecours"] == annulation + suspension
    assert report["pieces"][0]["telerecours"] == annulation[1]
    assert report["situation"] == "implicit_rejection"
    bundle = PdfReader(out / report["bundle"])
    assert "référé" in " ".join(str(item.title) for item in bundle.outline if not isinstance(item, list)).lower()
    assert bundle.metadata.subject == "Recours contre le refus de titre de séjour"


def test_an_oqtf_stops_every_document(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(DEMO_CASE, folder, ignore=shutil.ignore_patterns(".lawdesk"))
    case = load_case(folder)
    case.data["procedure"]["received"] = [{"kind": "refus_avec_oqtf", "date": "2025-05-01"}]
    case.data["documents"] = ["annulation"]
    with pytest.raises(BlockingProblems) as refused:
        build_dossier(case, tmp_path / "out", today=D(2025, 5, 5))
    assert any("LawDesk ne rédige aucun document" in p.message for p in refused.value.problems)
    assert not (tmp_path / "out").exists()
