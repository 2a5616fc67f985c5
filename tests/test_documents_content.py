"""What the three documents say: legal references, parties, cross-references to the pièces,
variants of the case (procedure, counsel, civility, optional fields)."""

from __future__ import annotations

import pytest

from tests.test_documents_cases import DEMO, docx_text, rendered, reordered_pieces, text_of

DOCS = ("prefecture", "defenseur", "refere")


def test_refere_cites_the_law_it_rests_on() -> None:
    text = text_of("demo", "refere")
    for reference in (
        "REQUÊTE EN RÉFÉRÉ MESURES UTILES",
        "(article L. 521-3 du code de justice administrative)",
        "L’article R. 431-2 du code de l’entrée et du séjour des étrangers et du droit d’asile (CESEDA)",
        "décret n° 2023-191 du 22 mars 2023",
        "L’arrêté du 1er août 2023",
        "(CE, Sect., 3 juin 2022, Conseil national des barreaux et autres, n° 452798)",
        "(CE, 10 juin 2020, n° 435594)",
        "l’article R. 431-15-1 du CESEDA",
        "article R. 312-1 du code de justice administrative",
        "articles L. 911-1 et L. 911-3 du code de justice administrative",
        "au titre de l’article L. 761-1 du code de justice administrative",
        "INVENTAIRE DES PIÈCES",
        "(article R. 412-2 du code de justice administrative)",
    ):
        assert reference in text


def test_letter_to_the_prefect_follows_documents_md() -> None:
    text = text_of("demo", "prefecture")
    for expected in (
        "Lettre recommandée avec accusé de réception",
        "Objet : demande de mise en œuvre de la solution de substitution",
        "Références : demande ANEF n° ANEF-2024-11-0099123 ; n° étranger 9301234567",
        "n° 452798", "R. 431-2", "1er août 2023", "R. 431-15-1",
        "ne justifie pas de la régularité du séjour",
        "dans un délai de huit jours à compter de la réception de la présente lettre",
        "la Défenseure des droits et le juge des référés du tribunal administratif de Montreuil",
        "Pièce n° 7 : Notification de suspension des droits CAF",
        "Je vous prie d’agréer, Madame la Préfète, Monsieur le Préfet, l’expression de ma haute considération.",
    ):
        assert expected in text


def test_referral_to_the_defenseure_follows_documents_md() -> None:
    text = text_of("demo", "defenseur")
    for expected in (
        "Défenseur des droits Libre réponse 71120 75342 Paris CEDEX 07",
        "Objet : réclamation — dysfonctionnement du téléservice ANEF, préfecture de la Seine-Saint-Denis",
        "loi organique n° 2011-333 du 29 mars 2011",
        "décret n° 2011-904 du 29 juillet 2011",
        "Le 18 mars 2025 (lettre recommandée avec accusé de réception). Lettre adressée au préfet de la Seine-Saint-Denis",
        "Dans votre rapport du 11 décembre 2024",
        "n’interrompt ni ne suspend les délais de recours",
    ):
        assert expected in text


@pytest.mark.parametrize("variant,tribunal,prefect", [
    ("demo", "TRIBUNAL ADMINISTRATIF DE MONTREUIL", "Le préfet de la Seine-Saint-Denis."),
    ("paris", "TRIBUNAL ADMINISTRATIF DE PARIS", "Le préfet de police."),
    ("corsica", "TRIBUNAL ADMINISTRATIF DE BASTIA", "Le préfet de la Corse-du-Sud."),
    ("martinique", "TRIBUNAL ADMINISTRATIF DE LA MARTINIQUE", "Le préfet de la Martinique."),
    ("reunion", "TRIBUNAL ADMINISTRATIF DE LA RÉUNION", "Le préfet de La Réunion."),
])
def test_tribunal_and_defendant_come_from_the_department(variant: str, tribunal: str, prefect: str) -> None:
    text = text_of(variant, "refere")
    assert text.startswith(tribunal)
    assert f"CONTRE : {prefect}" in text


def test_paris_letters_go_to_the_prefet_de_police() -> None:
    letter = text_of("paris", "prefecture")
    assert "Préfecture de police Service des étrangers À l’attention du préfet de police" in letter
    assert "Madame la Préfète de police, Monsieur le Préfet de police," in letter
    assert "préfecture de police" in text_of("paris", "defenseur")


def test_renewal_argument_only_for_renewals() -> None:
    for doc_id in DOCS:
        assert "R. 431-15-1" in text_of("demo", doc_id) or doc_id == "defenseur"
        assert "R. 431-15-1" not in text_of("paris", doc_id)
        assert "R. 431-15-1" not in text_of("corsica", doc_id)
    assert "récépissé de demande de titre de séjour" in text_of("paris", "refere")
    assert "article R. 431-12 du CESEDA" in text_of("corsica", "prefecture")
    assert "dans le délai prévu à l’article R. 431-5 du CESEDA" in text_of("demo", "refere")


def test_facts_cite_their_pieces() -> None:
    text = text_of("demo", "refere")
    assert "la demande ne peut être validée (pièce n° 3)." in text
    assert "réponse type invitant à réessayer plus tard (pièce n° 4)." in text
    assert "une attestation de dépôt de la demande en ligne (pièce n° 2)." in text
    assert "faute de justificatif de séjour en cours de validité (pièce n° 6)." in text
    # the failed attempts, cited together: not the deposit of 20 November 2024 (pièce n° 2), which went through
    assert "(pièces n° 3, 4 et 5)" in text
    # an incident without pièce gets none, and no empty parentheses
    assert "ne pas pouvoir agir sur le dossier." in text and "()" not in text


def test_cross_references_follow_the_order_of_the_pieces_not_their_ids() -> None:
    data = reordered_pieces()
    titles = [p["title"] for p in data["pieces"]]
    for doc_id in DOCS:
        text = text_of("reordered", doc_id)
        assert "la demande ne peut être validée (pièces n° 2 et 7)." in text
        assert "suspendu le contrat de travail faute de justificatif de séjour en cours de validité (pièce n° 5)." in text
        assert "Suspension des allocations familiales depuis mars 2025 (pièce n° 1)." in text
        positions = [text.index(f"Pièce n° {n} : {title}") for n, title in enumerate(titles, start=1)]
        assert positions == sorted(positions)


def test_inventory_of_the_requete_lists_every_piece_with_its_exact_title() -> None:
    text = text_of("demo", "refere")
    inventory = text[text.index("INVENTAIRE DES PIÈCES"):]
    for number, piece in enumerate(DEMO["pieces"], start=1):
        assert f"Pièce n° {number} : {piece['title']}" in inventory


def test_signature_and_voice_depend_on_counsel() -> None:
    association = text_of("demo", "prefecture")
    assert "Je soussignée, Mme Aïssatou Binta DIALLO, née le 12 avril 1988 à Conakry (Guinée)" in association
    assert "avec l’assistance de l’association Permanence juridique Droit au séjour 93" in association
    assert "Correspondance : Permanence juridique Droit au séjour 93 (Claire Martin, juriste)" in association
    assert "Maître" not in association

    lawyer = text_of("paris", "prefecture")
    assert lawyer.startswith("Maître Julie Moreau Avocat au barreau de Paris, toque C1234")
    assert "J’ai l’honneur de vous saisir en qualité de conseil de M. Văn Minh Nguyễn, né le" in lawyer
    assert lawyer.endswith("Maître Julie Moreau Avocat au barreau de Paris pour M. Văn Minh Nguyễn")
    refere = text_of("paris", "refere")
    assert "Ayant pour avocat Maître Julie Moreau, avocat au barreau de Paris (toque C1234)" in refere
    assert "Pour M. Văn Minh Nguyễn, Maître Julie Moreau Avocat au barreau de Paris" in refere

    alone = text_of("corsica", "prefecture")
    assert "Je soussigné, M. Сергей Иванов, né le" in alone
    assert "assistance" not in alone and "Maître" not in alone and "Correspondance" not in alone
    assert alone.endswith("l’expression de ma haute considération. M. Сергей Иванов")
    assert text_of("demo", "refere").split("Fait à Saint-Denis, le 18 mars 2025 ")[1].startswith("Mme Aïssatou Binta DIALLO INVENTAIRE")


def test_agreement_with_the_civility() -> None:
    woman, man = text_of("demo", "refere"), text_of("paris", "refere")
    assert "La requérante a l’honneur" in woman and "née le 12 avril 1988" in woman
    assert "Le requérant a l’honneur" in man and "né le 12 avril 1988" in man
    assert "requérante" not in man and "née le" not in man
    assert "de délivrer à la requérante une attestation" in woman
    assert "de délivrer au requérant un récépissé" in man
    assert "afin qu’elle puisse compléter son dossier" in woman


def test_optional_fields_absent_leave_no_trace() -> None:
    for doc_id in DOCS:
        text = text_of("paris", doc_id)
        for absent in ("titre de séjour précédent", "Références :", "n° étranger", "numéro étranger",
                       "courriel :", "Emploi.", "astreinte", "L. 761-1", "ANEF-2024", "None", "  "):
            assert absent not in text
    refere = text_of("paris", "refere")
    assert "Cette demande n’a pas pu, à ce jour, être enregistrée sur le téléservice." in refere
    assert refere.split("PAR CES MOTIFS")[1].count("ENJOINDRE") == 2
    assert "de délivrer au requérant un récépissé de demande de titre de séjour, dans le même délai." in refere


def test_claims_and_amounts_in_french() -> None:
    text = text_of("demo", "refere")
    assert "ASSORTIR ces injonctions d’une astreinte de 100 € par jour de retard" in text
    assert "METTRE À LA CHARGE de l’État la somme de 1 500 € au titre de l’article L. 761-1" in text
    assert "dans un délai de huit jours à compter de la notification de l’ordonnance à intervenir" in text


def test_refere_mentions_the_letter_and_the_referral_of_the_same_dossier() -> None:
    """Filed at once for urgency (notes.refere), the référé cites the letter and the referral written with it."""
    text = text_of("urgent", "refere")
    assert ("Par lettre recommandée avec accusé de réception du 18 mars 2025, la requérante a demandé au préfet "
            "de la Seine-Saint-Denis") in text
    assert "Par une réclamation du 18 mars 2025, la requérante a saisi la Défenseure des droits." in text
    assert ("La requérante saisit le juge des référés sans attendre la réponse du préfet en raison de l’urgence "
            "particulière exposée ci-après.") in text


def test_attempts_are_summarised_for_the_judge() -> None:
    text = text_of("demo", "refere")
    assert ("la requérante justifie de quatre démarches, effectuées au cours de quatre semaines différentes entre le "
            "2 octobre 2024 et le 4 mars 2025") in text
    assert "y compris le recours à l’accompagnement prévu par l’article R. 431-2 du CESEDA" in text


def test_french_typography_in_the_documents() -> None:
    raw = docx_text(rendered("demo", "refere").docx)
    assert "n°\u00a0452798" in raw and "L.\u00a0521-3" in raw
    assert "«\u00a0salarié\u00a0»" in raw
    assert "POUR\u00a0:" in raw and "réessayer ultérieurement\u00a0»\u202f;" in raw
    assert "1\u202f500\u00a0€" in raw
    assert not any(f" {mark}" in raw for mark in ":;!?»") and "« " not in raw
    assert "'" not in raw.split("INVENTAIRE DES PIÈCES")[0]  # typewriter apostrophes became ’ (titles stay as typed)


@pytest.mark.parametrize("typed", ["Maître Jeanne Roux", "Me Jeanne Roux", "maître  Jeanne Roux"])
def test_a_lawyer_name_typed_with_its_title_is_not_doubled(typed: str) -> None:
    from tests.test_documents_cases import VARIANTS, case_of, info_of

    data = VARIANTS["demo"]()
    data["counsel"] = {"kind": "lawyer", "name": typed, "bar": "Paris"}
    from lawdesk.documents import render_document
    from tests.test_documents_cases import pdf_text

    text = pdf_text(render_document(case_of(data), "refere", info_of(data)).pdf, raw=False)
    assert "Maître Jeanne Roux" in text and "Maître Maître" not in text and "Maître Me " not in text
