"""Cases for the document tests (the demo case and its variants), rendered once per session,
and tests of the template context built from them."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import docx

from lawdesk.case.model import Case
from lawdesk.documents import DossierInfo, RenderedDocument, render_document
from lawdesk.documents.context import build_context

# Before the implicit rejection of the deposit of 20 November 2024 (20 March 2025): the référé still fits.
TODAY = dt.date(2025, 3, 18)
HERE = Path(__file__).resolve().parent

# The content of the contract's example case (examples/demo-case/case.json).
DEMO: dict[str, Any] = {
    "format": "lawdesk.case/1",
    "reference": "SSD-2025-0142",
    "applicant": {
        "civility": "Mme", "family_name": "DIALLO", "given_names": "Aïssatou Binta",
        "birth_date": "1988-04-12", "birth_place": "Conakry (Guinée)", "nationality": "guinéenne",
        "foreign_national_number": "9301234567",
        "address": {"line1": "12 rue de la République", "postal_code": "93200", "city": "Saint-Denis"},
        "email": "a.diallo@example.org", "phone": "06 12 34 56 78",
    },
    "procedure": {
        "department": "93", "kind": "renewal",
        "permit_requested": "carte de séjour pluriannuelle portant la mention « salarié »",
        "current_permit": {"title": "carte de séjour temporaire « salarié »", "number": "9301234567A",
                           "expires": "2025-01-31"},
        "anef_deposit_date": "2024-11-20", "anef_file_number": "ANEF-2024-11-0099123",
        "received": [{"kind": "attestation_de_depot", "date": "2024-11-20", "piece": "p2"}],
    },
    "incidents": [
        {"date": "2024-10-02", "channel": "anef", "description": "À l'étape de téléversement des pièces, le téléservice affiche « Une erreur technique est survenue, veuillez réessayer ultérieurement » ; la demande ne peut être validée.", "pieces": ["p3"]},
        {"date": "2024-10-15", "channel": "ccc", "reference": "CCC-2024-884211", "description": "Formulaire de contact adressé au centre de contact citoyens ; réponse type invitant à réessayer plus tard.", "pieces": ["p4"]},
        {"date": "2024-11-20", "channel": "anef", "description": "Dépôt finalement enregistré ; seule une attestation de dépôt est délivrée, qui précise ne pas constituer une preuve de la régularité du séjour.", "pieces": ["p2"]},
        {"date": "2025-02-10", "channel": "prefecture", "description": "Courriel au service des étrangers de la préfecture demandant une attestation de prolongation d'instruction ; aucune réponse.", "pieces": ["p5"]},
        {"date": "2025-03-04", "channel": "pan", "description": "Déplacement au point d'accueil numérique de la sous-préfecture : l'agent indique ne pas pouvoir agir sur le dossier.", "pieces": []},
    ],
    "harms": [
        {"kind": "employment", "description": "L'employeur a suspendu le contrat de travail faute de justificatif de séjour en cours de validité.", "pieces": ["p6"]},
        {"kind": "caf", "description": "Suspension des allocations familiales depuis mars 2025.", "pieces": ["p7"]},
    ],
    "pieces": [
        {"id": "p1", "title": "Carte de séjour temporaire expirée le 31 janvier 2025", "file": "pieces/titre-de-sejour.pdf"},
        {"id": "p2", "title": "Attestation de dépôt ANEF du 20 novembre 2024", "file": "pieces/attestation-depot.pdf", "date": "2024-11-20"},
        {"id": "p3", "title": "Captures d'écran des erreurs du téléservice ANEF", "files": ["pieces/anef-erreur-1.png", "pieces/anef-erreur-2.jpg"]},
        {"id": "p4", "title": "Échange avec le centre de contact citoyens", "file": "pieces/ccc-reponse.eml", "date": "2024-10-15"},
        {"id": "p5", "title": "Courriel à la préfecture du 10 février 2025", "file": "pieces/courriel-prefecture.pdf", "date": "2025-02-10"},
        {"id": "p6", "title": "Courrier de l'employeur suspendant le contrat de travail", "file": "pieces/employeur.pdf"},
        {"id": "p7", "title": "Notification de suspension des droits CAF", "file": "pieces/caf.heic"},
    ],
    "counsel": {
        "kind": "association", "name": "Permanence juridique Droit au séjour 93",
        "representative": "Claire Martin, juriste",
        "address": {"line1": "5 place du Caquet", "postal_code": "93200", "city": "Saint-Denis"},
        "email": "permanence@example.org",
    },
    "claims": {"deadline_days": 8, "penalty_eur_per_day": 100, "costs_eur": 1500},
    "documents": ["prefecture", "defenseur", "refere"],
    "notes": {"refere": ""},
}

HOSTILE = "<b>x</b> & {{ 7*7 }} {% if 1 %}"
CONTROL = "avant\x00\x07\x0b\x1b\ufffeaprès"


def demo() -> dict[str, Any]:
    return copy.deepcopy(DEMO)


def paris_lawyer_first_application() -> dict[str, Any]:
    """Paris (préfet de police), a lawyer, a man, a first application: no current permit, no
    ANEF number, no n° étranger, no e-mail, no harms, no penalty and no costs."""
    data = demo()
    data["applicant"].update(civility="M.", family_name="Nguyễn", given_names="Văn Minh")
    del data["applicant"]["foreign_national_number"], data["applicant"]["email"]
    data["applicant"]["address"] = {"line1": "3 rue Oberkampf", "postal_code": "75011", "city": "Paris"}
    procedure = data["procedure"]
    procedure.update(department="75", kind="first_application", permit_requested="carte de séjour temporaire « vie privée et familiale »")
    for key in ("current_permit", "anef_deposit_date", "anef_file_number"):
        del procedure[key]
    procedure["received"] = []
    data["incidents"] = [i for i in data["incidents"] if i["date"] != "2024-11-20"]
    del data["harms"]
    data["counsel"] = {"kind": "lawyer", "name": "Julie Moreau", "bar": "Paris", "toque": "C1234",
                       "address": {"line1": "10 boulevard Voltaire", "postal_code": "75011", "city": "Paris"},
                       "phone": "01 23 45 67 89"}
    data["claims"] = {"deadline_days": 15}
    return data


def corsica_self_change_of_status() -> dict[str, Any]:
    """Corse-du-Sud, the applicant alone, a change of status, a Cyrillic name."""
    data = demo()
    data["applicant"].update(civility="M.", family_name="Иванов", given_names="Сергей", nationality="russe")
    data["procedure"].update(department="2A", kind="change_of_status",
                             permit_requested="carte de séjour pluriannuelle « talent »")
    data["counsel"] = {"kind": "self", "name": "Иванов Сергей"}
    return data


def martinique_arabic() -> dict[str, Any]:
    data = demo()
    data["applicant"].update(family_name="عبد الله", given_names="محمد", civility="M.")
    data["procedure"]["department"] = "972"
    return data


def reunion_vietnamese() -> dict[str, Any]:
    data = demo()
    data["applicant"].update(family_name="Nguyễn", given_names="Thị Hương")
    data["procedure"]["department"] = "974"
    return data


def reordered_pieces() -> dict[str, Any]:
    """The same pièces listed in another order: the numbers follow the list, not the ids."""
    data = demo()
    order = ["p7", "p3", "p1", "p2", "p6", "p5", "p4"]
    by_id = {p["id"]: p for p in data["pieces"]}
    data["pieces"] = [by_id[i] for i in order]
    data["incidents"][0]["pieces"] = ["p4", "p3"]
    return data


def hostile_text() -> dict[str, Any]:
    """Markup, template syntax and control characters typed by a user."""
    data = demo()
    data["incidents"][0]["description"] = f"{HOSTILE} {CONTROL}"
    data["applicant"]["birth_place"] = f"Conakry {CONTROL}"
    data["notes"] = {"prefecture": "  \n ", "refere": f"Note ajoutée : {HOSTILE}\n\nSecond paragraphe de la note {CONTROL}."}
    data["pieces"][0]["title"] = f"Titre {HOSTILE}"
    data["pieces"][1]["title"] = "Attestation de dépôt ANEF du 2024-11-20"
    return data


def urgent() -> dict[str, Any]:
    """The letter, the referral and the référé of one day: the référé does not await the prefect's
    deadline because the lawyer recorded the urgency in notes.refere."""
    data = demo()
    data["notes"]["refere"] = "Mme DIALLO perdra son logement le 31 mars 2025 faute de titre de séjour."
    return data


def rejected() -> dict[str, Any]:
    """The demo renewal past its implicit rejection (20 March 2025), with a lawyer: the reasons were
    asked for on 10 April 2025 and never given; the annulment and the suspension are written on
    1 July 2025 (REJECTED_DAY)."""
    data = demo()
    data["counsel"] = {"kind": "lawyer", "name": "Julie Moreau", "bar": "Seine-Saint-Denis",
                       "address": {"line1": "10 rue de Paris", "postal_code": "93100", "city": "Montreuil"}}
    data["pieces"].append({"id": "p8", "title": "Demande de communication des motifs du 10 avril 2025 et avis de réception",
                           "file": "pieces/motifs.pdf", "date": "2025-04-12"})
    data["steps"] = [{"document": "motifs", "sent": "2025-04-10", "mode": "lrar", "tracking": "1A 111 222 3334 4",
                      "received": "2025-04-12", "pieces": ["p8"]}]
    data["harms"] = [{"kind": "employment", "date": "2025-06-16", "description": "Licenciement faute de titre de séjour.",
                      "pieces": ["p6"]}]
    data["claims"] = {"deadline_days": 30, "penalty_eur_per_day": 50, "costs_eur": 2000, "legal_aid": True}
    data["documents"] = ["annulation", "suspension"]
    data["notes"] = {"annulation": "Mme DIALLO justifie d'un contrat de travail à durée indéterminée : elle remplit les "
                                   "conditions de délivrance du titre sollicité."}
    return data


def classement() -> dict[str, Any]:
    """A first application in Paris, the applicant alone: the file was « classé sans suite » on 2 May
    2025 (pièce n° 8); the annulment and the suspension are written on 1 July 2025."""
    data = paris_lawyer_first_application()
    data["counsel"] = {"kind": "self"}
    data["procedure"].update(anef_deposit_date="2025-01-15", anef_file_number="ANEF-2025-01-0077777",
                             received=[{"kind": "attestation_de_depot", "date": "2025-01-15", "piece": "p2"},
                                       {"kind": "classement_sans_suite", "date": "2025-05-02", "piece": "p8"}])
    data["pieces"].append({"id": "p8", "title": "Décision de classement sans suite du 2 mai 2025", "file": "pieces/css.pdf",
                           "date": "2025-05-02"})
    data["harms"] = [{"kind": "employment", "date": "2025-06-20", "description": "Promesse d'embauche retirée faute de titre.",
                      "pieces": ["p6"]}]
    data["claims"] = {"deadline_days": 15, "costs_eur": 24.6}
    data["documents"] = ["annulation", "suspension"]
    data["notes"] = {"annulation": "M. Nguyễn remplit les conditions de délivrance de la carte « vie privée et familiale ».",
                     "suspension": "Le classement sans suite méconnaît le droit de M. Nguyễn à voir sa demande instruite."}
    return data


def hostile_rejected() -> dict[str, Any]:
    """The after-decision documents with the hostile text of `hostile_text` in their facts and notes."""
    data = rejected()
    hostile = hostile_text()
    data["incidents"], data["pieces"][:2] = hostile["incidents"], hostile["pieces"][:2]
    data["applicant"]["birth_place"] = hostile["applicant"]["birth_place"]
    data["notes"] = {"annulation": f"Note ajoutée : {HOSTILE}\n\nSecond paragraphe de la note {CONTROL}.", "motifs": "  \n "}
    return data


VARIANTS: dict[str, Callable[[], dict[str, Any]]] = {
    "demo": demo,
    "rejected": rejected,
    "classement": classement,
    "hostile_rejected": hostile_rejected,
    "urgent": urgent,
    "paris": paris_lawyer_first_application,
    "corsica": corsica_self_change_of_status,
    "martinique": martinique_arabic,
    "reunion": reunion_vietnamese,
    "reordered": reordered_pieces,
    "hostile": hostile_text,
}


def case_of(data: dict[str, Any]) -> Case:
    return Case(HERE, data)


REJECTED_DAY = dt.date(2025, 7, 1)
VARIANT_DAYS = {"rejected": REJECTED_DAY, "classement": REJECTED_DAY, "hostile_rejected": REJECTED_DAY}


def info_of(data: dict[str, Any], day: dt.date = TODAY) -> DossierInfo:
    return DossierInfo(day, list(data["documents"]))


def fitting_variant(doc_id: str) -> str:
    """A variant whose situation the document fits: the demo before any decision, `rejected` after."""
    from lawdesk.procedures import DOCUMENTS
    from lawdesk.timeline import Situation

    return "demo" if DOCUMENTS[doc_id].fits(Situation.UNDER_INSTRUCTION) else "rejected"


def fits(variant: str, doc_id: str) -> bool:
    """Whether the document fits the variant's situation on the day it is rendered."""
    from lawdesk.procedures import DOCUMENTS
    from lawdesk.timeline import timeline

    return DOCUMENTS[doc_id].fits(timeline(VARIANTS[variant](), VARIANT_DAYS.get(variant, TODAY)).situation)


@cache
def rendered(variant: str, doc_id: str) -> RenderedDocument:
    data = VARIANTS[variant]()
    return render_document(case_of(data), doc_id, info_of(data, VARIANT_DAYS.get(variant, TODAY)))


def pdf_text(pdf: bytes, raw: bool = True) -> str:
    """The text of a PDF, without the bidi marks pdftotext adds around Arabic. `raw`: in drawing
    order and without de-hyphenation; otherwise in reading order (Arabic words in logical order)."""
    command = ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", "-", "-"]
    text = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)


def docx_paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def docx_text(content: bytes) -> str:
    return "\n".join(docx_paragraphs(content))


def flat(text: str) -> str:
    """Whitespace (including the non-breaking kinds) as single spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def text_of(variant: str, doc_id: str) -> str:
    """The document's text (from the DOCX: exact paragraphs, no page furniture), flattened."""
    return flat(docx_text(rendered(variant, doc_id).docx))


# Context -------------------------------------------------------------------------------------

def test_context_sorts_incidents_and_numbers_pieces_by_list_order() -> None:
    data = reordered_pieces()
    data["incidents"].reverse()
    context = build_context(case_of(data), "refere", TODAY, data["documents"])
    assert [str(i.date) for i in context["incidents"]][:2] == ["2 octobre 2024", "15 octobre 2024"]
    assert context["incidents"][0].cite == "(pièces n°\u00a02 et 7)"
    assert [p.id for p in context["pieces"]] == ["p7", "p3", "p1", "p2", "p6", "p5", "p4"]
    assert [p.number for p in context["pieces"]] == list(range(1, 8))


def test_context_of_optional_fields_absent() -> None:
    data = paris_lawyer_first_application()
    context = build_context(case_of(data), "refere", TODAY, data["documents"])
    assert context["procedure"].current_permit is None
    assert context["procedure"].file_number is None
    assert context["applicant"].email is None
    assert context["harms"] == []
    assert context["claims"].penalty is None and context["claims"].costs is None
    assert context["counsel"].quality == "avocat au barreau de Paris"


def test_renewal_filed_within_the_r_431_5_window() -> None:
    context = build_context(case_of(demo()), "refere", TODAY, [])
    assert context["procedure"].filed_in_time is True
    late = demo()
    late["procedure"]["anef_deposit_date"] = "2025-01-20"
    assert build_context(case_of(late), "refere", TODAY, [])["procedure"].filed_in_time is False


def test_chronology_counts_attempts_and_weeks() -> None:
    chronology = build_context(case_of(demo()), "refere", TODAY, [])["chronology"]
    # the deposit of 20 November 2024 went through: a fact of the procedure, not a failed attempt
    assert (chronology.count, chronology.weeks) == (4, 4)
    assert chronology.cite == "(pièces n°\u00a03, 4 et 5)"
    assert chronology.accompaniment


def test_notes_split_into_paragraphs_and_blank_notes_give_nothing() -> None:
    data = hostile_text()
    assert build_context(case_of(data), "prefecture", TODAY, [])["notes"] == []
    notes = build_context(case_of(data), "refere", TODAY, [])["notes"]
    assert len(notes) == 2 and "\x00" not in notes[1]
