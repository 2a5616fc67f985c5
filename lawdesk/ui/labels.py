"""French labels for the coded values of the case format (what the combo boxes show).

Functions, not constants: `_()` must run after the language is chosen.
"""

from __future__ import annotations

from lawdesk.i18n import _
from lawdesk.ui.workspace import CaseStatus

Choices = list[tuple[str, str]]


def civilities() -> Choices:
    return [("Mme", _("Madame")), ("M.", _("Monsieur"))]


def procedure_kinds() -> Choices:
    return [("first_application", _("Première demande")), ("renewal", _("Renouvellement")),
            ("change_of_status", _("Changement de statut"))]


def received_kinds() -> Choices:
    return [("attestation_de_depot", _("Attestation de dépôt")),
            ("apri", _("Attestation de prolongation d'instruction (APRI)")),
            ("recepisse", _("Récépissé")), ("classement_sans_suite", _("Classement sans suite")),
            ("convocation", _("Convocation")), ("other", _("Autre document"))]


def channels() -> Choices:
    return [("anef", _("Téléservice ANEF")), ("ccc", _("Centre de contact citoyens")),
            ("pan", _("Point d'accueil numérique")), ("prefecture", _("Préfecture")), ("other", _("Autre"))]


def harm_kinds() -> Choices:
    return [("employment", _("Emploi")), ("caf", _("Prestations CAF")), ("france_travail", _("France Travail")),
            ("health_insurance", _("Assurance maladie")), ("housing", _("Logement")),
            ("travel", _("Déplacements hors de France")), ("studies", _("Études")), ("other", _("Autre"))]


def counsel_kinds() -> Choices:
    return [("lawyer", _("Avocat")), ("association", _("Association")), ("self", _("Le demandeur lui-même"))]


def documents() -> Choices:
    """The documents of the registry, in their order, by their interface names."""
    from lawdesk.procedures import DOCUMENTS

    return [(doc_id, _(spec.label)) for doc_id, spec in DOCUMENTS.items()]


def statuses() -> dict[CaseStatus, str]:
    return {CaseStatus.DRAFT: _("brouillon"), CaseStatus.READY: _("prêt"),
            CaseStatus.LETTERS: _("courriers générés"), CaseStatus.FILING: _("requête générée"),
            CaseStatus.UNREADABLE: _("illisible")}


def label_of(choices: Choices, value: object) -> str:
    return next((label for code, label in choices if code == value), str(value or ""))
