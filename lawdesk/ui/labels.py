"""French labels for the coded values of the case format (what the combo boxes show).

Functions, not constants: `_()` must run after the language is chosen.
"""

from __future__ import annotations

from lawdesk.i18n import _
from lawdesk.store.base import CaseStatus

Choices = list[tuple[str, str]]


def civilities() -> Choices:
    return [("Mme", _("Madame")), ("M.", _("Monsieur"))]


def procedure_kinds() -> Choices:
    return [("first_application", _("Première demande")), ("renewal", _("Renouvellement")),
            ("change_of_status", _("Changement de statut"))]


def received_kinds() -> Choices:
    return [("attestation_de_depot", _("Attestation de dépôt")),
            ("apri", _("Attestation de prolongation d'instruction (APRI)")),
            ("recepisse", _("Récépissé")), ("convocation", _("Convocation")),
            ("classement_sans_suite", _("Classement sans suite")), ("refus", _("Refus de titre de séjour")),
            ("refus_avec_oqtf", _("Refus avec obligation de quitter le territoire (OQTF)")),
            ("other", _("Autre document"))]


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


def step_documents() -> Choices:
    """What a step may record as sent: a document of the registry, or anything else."""
    return [*documents(), ("other", _("Autre envoi"))]


def modes() -> Choices:
    return [("lrar", _("Lettre recommandée avec accusé de réception")), ("email", _("Courriel")),
            ("post", _("Courrier simple")), ("hand", _("Remise en main propre")),
            ("online_form", _("Formulaire en ligne")), ("telerecours", _("Télérecours"))]


def short_modes() -> Choices:
    """The modes as a table column shows them."""
    return [("lrar", _("Recommandé AR")), ("email", _("Courriel")), ("post", _("Courrier simple")),
            ("hand", _("En main propre")), ("online_form", _("Formulaire en ligne")), ("telerecours", _("Télérecours"))]


def statuses() -> dict[CaseStatus, str]:
    return {CaseStatus.DRAFT: _("brouillon"), CaseStatus.READY: _("prêt"),
            CaseStatus.LETTERS: _("courriers générés"), CaseStatus.FILING: _("requête générée"),
            CaseStatus.UNREADABLE: _("illisible")}


def status_text(status: CaseStatus, outdated: bool = False) -> str:
    """A case's status in words; a generated dossier older than the case says it must be generated again."""
    text = statuses()[status]
    return _("{status}, à régénérer").format(status=text) if outdated else text


def label_of(choices: Choices, value: object) -> str:
    return next((label for code, label in choices if code == value), str(value or ""))
