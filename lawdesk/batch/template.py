"""`lawdesk batch --template FILE`: the empty spreadsheet, every supported column, and (XLSX) a
second sheet « Aide » explaining each column in French."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from lawdesk.batch.fields import PIECES_DIR, TEMPLATE_ITEMS, Kind, column, template_headers
from lawdesk.batch.table import CSV_SUFFIXES, XLSX_SUFFIXES
from lawdesk.fs import atomic_write_bytes
from lawdesk.errors import UnusableInput
from lawdesk.i18n import _
from lawdesk.procedures import DOCUMENTS

CASES_SHEET = "Cas"
HELP_SHEET = "Aide"


def _help() -> dict[str, str]:
    """What each column holds, by generic header (N = number of the list item)."""
    return {
        "reference": _("Numéro de dossier de la structure ; nomme le dossier de sortie du cas (obligatoire)."),
        "applicant.civility": _("Civilité du demandeur."),
        "applicant.family_name": _("Nom de famille, dans n'importe quelle écriture."),
        "applicant.given_names": _("Prénoms."),
        "applicant.birth_date": _("Date de naissance."),
        "applicant.birth_place": _("Lieu de naissance, par ex. « Conakry (Guinée) »."),
        "applicant.nationality": _("Nationalité, en adjectif : « guinéenne »."),
        "applicant.foreign_national_number": _("Numéro étranger (AGDREF), 10 chiffres, facultatif."),
        "applicant.address.line1": _("Adresse du demandeur : numéro et voie."),
        "applicant.address.line2": _("Complément d'adresse, facultatif."),
        "applicant.address.postal_code": _("Code postal."),
        "applicant.address.city": _("Commune."),
        "applicant.email": _("Courriel du demandeur, facultatif."),
        "applicant.phone": _("Téléphone du demandeur, facultatif."),
        "procedure.department": _("Département de la préfecture compétente : 01 à 95, 2A, 2B, 971 à 976 ; il détermine le tribunal administratif."),
        "procedure.kind": _("Nature de la demande : première demande, renouvellement ou changement de statut."),
        "procedure.permit_requested": _("Titre demandé, par ex. « carte de séjour pluriannuelle « salarié » »."),
        "procedure.current_permit.title": _("Titre en cours (obligatoire pour un renouvellement)."),
        "procedure.current_permit.number": _("Numéro du titre en cours, facultatif."),
        "procedure.current_permit.expires": _("Date d'expiration du titre en cours."),
        "procedure.current_permit.piece": _("Pièce qui reproduit le titre en cours : p1, p2…"),
        "procedure.anef_deposit_date": _("Date du dépôt sur l'ANEF, si un dépôt a abouti."),
        "procedure.anef_file_number": _("Numéro du dossier ANEF, facultatif."),
        "procedure.received.N.kind": _("Document reçu de l'administration n° N."),
        "procedure.received.N.date": _("Date du document reçu n° N."),
        "procedure.received.N.piece": _("Pièce qui le prouve : p1, p2… (numéro dans l'ordre des fichiers du dossier des pièces)."),
        "procedure.received.N.valid_until": _("Fin de validité du document reçu n° N (attestation de prolongation d'instruction, récépissé)."),
        "procedure.acknowledgement.date": _("Date de l'accusé de réception de la demande délivré par l'administration, s'il existe."),
        "procedure.acknowledgement.mentions_delays": _("L'accusé de réception mentionne-t-il les voies et délais de recours ? Sans cette mention, le délai de recours de deux mois ne court pas."),
        "procedure.acknowledgement.piece": _("Pièce qui reproduit l'accusé de réception : p1, p2…"),
        "procedure.incomplete": _("La préfecture tient-elle le dossier pour incomplet ? Son silence vaut alors refus d'enregistrer la demande, et non rejet."),
        "incidents.N.date": _("Date de la démarche ou de l'incident n° N (dans l'ordre chronologique)."),
        "incidents.N.channel": _("Où : anef (téléservice), ccc (centre de contact citoyens), pan (point d'accueil numérique), prefecture, other."),
        "incidents.N.description": _("Ce qui s'est passé, en une ou deux phrases."),
        "incidents.N.reference": _("Numéro de ticket ou de courrier, facultatif."),
        "incidents.N.pieces": _("Pièces qui le prouvent : p1, p3…"),
        "harms.N.kind": _("Conséquence subie n° N."),
        "harms.N.date": _("Date à laquelle la conséquence n° N est survenue, facultative ; le juge apprécie l'urgence sur des faits récents."),
        "harms.N.description": _("Description de la conséquence (emploi suspendu, droits CAF coupés…)."),
        "harms.N.pieces": _("Pièces qui la prouvent : p2, p5…"),
        PIECES_DIR: _("Dossier des pièces de ce cas, relatif à l'emplacement du tableau (par ex. pieces/diallo). Ses fichiers deviennent les pièces n° 1, 2… dans l'ordre de leur nom (identifiants p1, p2…) ; un sous-dossier forme une pièce de plusieurs fichiers. Titre : colonne « title » d'un fichier pieces.csv (file;title) du dossier, sinon le nom du fichier sans son numéro ni son extension."),
        "steps.N.document": _("Envoi déjà fait n° N (dans l'ordre des dates) : quel document a été envoyé ({known} ou other).").format(
            known=", ".join(DOCUMENTS)),
        "steps.N.sent": _("Date d'envoi de l'envoi n° N."),
        "steps.N.mode": _("Mode d'envoi : lrar (recommandé avec accusé de réception), email, post, hand (main propre), online_form, telerecours."),
        "steps.N.tracking": _("Numéro de la lettre recommandée, facultatif."),
        "steps.N.received": _("Date de distribution portée sur l'avis de réception, facultative."),
        "steps.N.deadline_days": _("Délai, en jours, laissé par cet envoi à son destinataire (par défaut, celui de la colonne claims.deadline_days)."),
        "steps.N.description": _("Pour un autre envoi (other) : ce qui a été envoyé, en quelques mots."),
        "steps.N.answer.date": _("Date de la réponse reçue, s'il y en a une."),
        "steps.N.answer.summary": _("Ce que dit la réponse, en une phrase."),
        "steps.N.answer.piece": _("Pièce qui reproduit la réponse : p1, p2…"),
        "steps.N.pieces": _("Pièces qui prouvent l'envoi (copie envoyée, avis de réception) : p3, p4…"),
        "counsel.kind": _("Qui représente le demandeur : lawyer (avocat), association, self (lui-même)."),
        "counsel.name": _("Nom de l'avocat ou de l'association."),
        "counsel.bar": _("Barreau de l'avocat (obligatoire pour un avocat)."),
        "counsel.toque": _("Numéro de toque, facultatif."),
        "counsel.representative": _("Représentant de l'association (obligatoire pour une association)."),
        "counsel.address.line1": _("Adresse du conseil : numéro et voie."),
        "counsel.address.line2": _("Complément d'adresse du conseil, facultatif."),
        "counsel.address.postal_code": _("Code postal du conseil."),
        "counsel.address.city": _("Commune du conseil."),
        "counsel.email": _("Courriel du conseil."),
        "counsel.phone": _("Téléphone du conseil."),
        "claims.deadline_days": _("Délai, en jours, laissé au préfet par le juge des référés (obligatoire pour le référé)."),
        "claims.penalty_eur_per_day": _("Astreinte demandée, en euros par jour de retard."),
        "claims.costs_eur": _("Frais demandés au titre de l'article L. 761-1 du CJA, en euros."),
        "claims.legal_aid": _("Le demandeur bénéficie-t-il de l'aide juridictionnelle ? Avec un avocat, les frais sont alors demandés au titre de l'article L. 761-1 du CJA et de l'article 37 de la loi n° 91-647."),
        "documents": _("Documents à produire, dans l'ordre du dossier, séparés par des virgules : {known}.").format(
            known=", ".join(f"{doc_id} ({_(spec.label)})" for doc_id, spec in DOCUMENTS.items())),
        **{f"notes.{doc_id}": _("Paragraphes libres ajoutés à ce document : {label}.").format(label=_(spec.label))
           for doc_id, spec in DOCUMENTS.items()},
    }


def generic(header: str) -> str:
    """incidents.3.date → incidents.N.date"""
    return re.sub(r"\.\d+(?=\.)", ".N", header)


def _format(header: str) -> str:
    if header == PIECES_DIR:
        return _("chemin de dossier")
    target = column(header)
    if target.choices:
        return _("une valeur parmi : {values}").format(values=", ".join(target.choices))
    return {
        Kind.DATE: _("date JJ/MM/AAAA ou AAAA-MM-JJ"),
        Kind.INTEGER: _("nombre entier"),
        Kind.NUMBER: _("nombre"),
        Kind.BOOLEAN: _("oui ou non"),
        Kind.LIST: _("liste séparée par des virgules"),
        Kind.TEXT: _("texte"),
    }[target.kind]


def help_rows() -> list[tuple[str, str, str]]:
    """(column, what it holds, how to write it), one row per generic column."""
    texts = _help()
    generics = dict.fromkeys(generic(h) for h in template_headers())
    return [(name, texts[name], _format(name.replace(".N", ".1"))) for name in generics]


def _introduction() -> list[str]:
    more = ", ".join(f"{name}.{count + 1}.…" for name, count in TEMPLATE_ITEMS.items())
    return [
        _("Une ligne par personne, à partir de la ligne 2 de la feuille « {sheet} ». Une cellule vide est un champ absent.").format(sheet=CASES_SHEET),
        _("N est le numéro de l'élément de liste (incidents.1.date, incidents.2.date…). Pour plus d'éléments, ajoutez des colonnes : {more}").format(more=more),
        _("Commande : lawdesk batch TABLEAU.xlsx -o DOSSIER_DE_SORTIE ; le résultat de chaque ligne est dans DOSSIER_DE_SORTIE/batch-report.csv."),
    ]


def _xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    cases = workbook.active
    cases.title = CASES_SHEET
    cases.append(list(template_headers()))
    for cell in cases[1]:
        cell.font = Font(bold=True)
        cases.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 2)
    cases.freeze_panes = "A2"
    aide = workbook.create_sheet(HELP_SHEET)
    for line in _introduction():
        aide.append([line])
    aide.append([])
    aide.append([_("Colonne"), _("Contenu"), _("Format")])
    for cell in aide[aide.max_row]:
        cell.font = Font(bold=True)
    for row in help_rows():
        aide.append(list(row))
    for letter, width in (("A", 34), ("B", 90), ("C", 40)):
        aide.column_dimensions[letter].width = width
    for row in aide.iter_rows(min_row=len(_introduction()) + 2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv() -> bytes:
    """UTF-8 with BOM and `;`: French Excel opens it without mangling accents."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(template_headers())
    return buffer.getvalue().encode("utf-8-sig")


def write_template(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        content = _xlsx()
    elif suffix in CSV_SUFFIXES:
        content = _csv()
    else:
        raise UnusableInput(_("{path} : indiquez un fichier .xlsx ou .csv pour le modèle de tableau").format(path=path))
    atomic_write_bytes(path, content)
