"""The guided mode: the case one question at a time, in plain French, for a volunteer's first days.

No Qt here: the questions are data (what each asks, why, which fields of the case it fills), and
which come next follows the case (lawdesk.timeline): whether the téléservice registered the
request, on what date, whether a letter was sent, whether silence or a decision already closed the
route of the référé « mesures utiles » (then the request for reasons, the annulation and the
référé-suspension). The window shows them (lawdesk/ui/guided.py) and writes the same case file as
the expert form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lawdesk.i18n import N_
from lawdesk.timeline import Situation, timeline

Data = dict[str, Any]
Condition = Callable[[Data, dt.date], bool]


def _always(_data: Data, _today: dt.date) -> bool:
    return True


def _get(data: Data, dotted: str) -> Any:
    value: Any = data
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def holds_a_permit(data: Data, _today: dt.date | None = None) -> bool:
    return _get(data, "procedure.kind") in ("renewal", "change_of_status")


def registered(data: Data, _today: dt.date | None = None) -> bool:
    """The answer the case already gives to « did the téléservice register the request? »."""
    return isinstance(_get(data, "procedure.anef_deposit_date"), str)


def before_decision(data: Data, today: dt.date) -> bool:
    return timeline(data, today).situation in (Situation.NOT_REGISTERED, Situation.UNDER_INSTRUCTION)


def after_decision(data: Data, today: dt.date) -> bool:
    return not before_decision(data, today)


def _counsel(*kinds: str) -> Callable[[Data], bool]:
    return lambda data: _get(data, "counsel.kind") in kinds


@dataclass(frozen=True)
class Field:
    """A field of the case (a dotted path), shown when `when` says so."""

    path: str
    when: Callable[[Data], bool] | None = None

    def shown(self, data: Data) -> bool:
        return self.when is None or self.when(data)


@dataclass(frozen=True)
class Question:
    """One page of the guided mode. `step`, `title` and `help` are marked for translation (N_): the window
    translates them when shown. A page fills `fields`, or a list of records (`records`, its path), or
    the pièces (`pieces`), or chooses the documents and generates them (`documents`). A page that
    `asks` a yes/no question shows its fields only after « oui »; `answer` reads the case's answer."""

    id: str
    step: str  # its short name in the list of steps
    title: str
    help: str
    fields: tuple[Field, ...] = ()
    records: str | None = None
    pieces: bool = False
    documents: bool = False
    asks: str | None = None
    answer: Callable[[Data], bool] | None = None
    applies: Condition = _always

    def paths(self) -> list[str]:
        """The field paths whose problems this page answers for (and must solve before the next)."""
        found = [f.path for f in self.fields]
        if self.records:
            found.append(self.records)
        if self.pieces:
            found.append("pieces")
        if self.documents:
            found += ["documents", "notes"]
        return found


def _fields(*paths: str) -> tuple[Field, ...]:
    return tuple(Field(p) for p in paths)


QUESTIONS: tuple[Question, ...] = (
    Question("who", N_("La personne"), N_("Qui accompagnez-vous ?"), N_(
        "La personne bloquée par le téléservice ANEF, telle qu'elle est nommée sur son titre de séjour ou son "
        "passeport. La référence est votre propre numéro de dossier : elle nomme les fichiers produits."),
             _fields("reference", "applicant.civility", "applicant.family_name", "applicant.given_names",
                     "applicant.birth_date", "applicant.birth_place", "applicant.nationality",
                     "applicant.foreign_national_number")),
    Question("where", N_("Son adresse"), N_("Où la personne habite-t-elle ?"), N_(
        "L'adresse de résidence. Le département de résidence désigne la préfecture à qui écrire et le tribunal "
        "administratif compétent : le code postal le propose."),
             _fields("applicant.address.line1", "applicant.address.line2", "applicant.address.postal_code",
                     "applicant.address.city", "procedure.department", "applicant.email", "applicant.phone")),
    Question("request", N_("Sa demande"), N_("Quelle demande la personne a-t-elle faite sur l'ANEF ?"), N_(
        "Une première demande, le renouvellement d'un titre, ou un changement de statut (par ex. d'étudiant à "
        "salarié), et le titre demandé, tel qu'il figure sur le téléservice."),
             _fields("procedure.kind", "procedure.permit_requested")),
    Question("permit", N_("Son titre actuel"), N_("Quel est son titre de séjour actuel ?"), N_(
        "Pour un renouvellement ou un changement de statut, le titre en cours et sa date d'expiration : la demande "
        "doit être déposée entre le 120e et le 60e jour avant cette date, et son expiration fonde l'urgence."),
             _fields("procedure.current_permit.title", "procedure.current_permit.number",
                     "procedure.current_permit.expires"), applies=holds_a_permit),
    Question("registered", N_("Enregistrement de la demande"), N_("Le téléservice a-t-il enregistré la demande ?"), N_(
        "Une demande enregistrée a une date de dépôt et un numéro de dossier ANEF (une attestation de dépôt les "
        "indique). Après quatre mois sans réponse, le silence vaut rejet : le recours n'est alors plus le même. "
        "Si le téléservice a toujours échoué, répondez non."),
             _fields("procedure.anef_deposit_date", "procedure.anef_file_number", "procedure.incomplete",
                     "procedure.acknowledgement.date", "procedure.acknowledgement.mentions_delays"),
             asks=N_("La demande a-t-elle été enregistrée ?"), answer=registered),
    Question("received", N_("Documents reçus"), N_("Qu'a-t-elle reçu de l'administration ?"), N_(
        "Chaque document reçu, avec sa date et, s'il en a une, sa date de fin de validité : attestation de dépôt, "
        "attestation de prolongation d'instruction, récépissé, convocation ; et une décision s'il y en a une : "
        "classement sans suite, refus. Un refus avec obligation de quitter le territoire (OQTF) a des délais très "
        "courts : signalez-le tout de suite à un juriste."), records="procedure.received"),
    Question("attempts", N_("Démarches"), N_("Quelles démarches ont échoué ?"), N_(
        "Chaque tentative sur le téléservice, chaque appel ou message au centre de contact citoyens, chaque passage "
        "en point d'accueil numérique ou en préfecture, avec sa date. Le juge attend des démarches répétées, sur "
        "plusieurs semaines, et prouvées : cochez pour chacune les pièces qui la montrent (ajoutez-les d'abord à "
        "l'étape « Les preuves » si besoin)."), records="incidents"),
    Question("harms", N_("Conséquences"), N_("Qu'est-ce que la situation lui fait perdre ?"), N_(
        "Un emploi perdu ou suspendu, des droits CAF ou France Travail coupés, un logement menacé, des soins, des "
        "études… avec la date et les pièces. Des faits récents et concrets fondent l'urgence devant le juge."),
             records="harms"),
    Question("pieces", N_("Les preuves"), N_("Les preuves"), N_(
        "Ajoutez chaque preuve : captures d'écran des erreurs, courriels, titre de séjour, attestation de dépôt, "
        "lettre de l'employeur, courrier de la CAF… Donnez à chacune un titre clair : c'est ainsi qu'elle figurera "
        "au bordereau. Les originaux restent où ils sont : LawDesk en garde une copie."), pieces=True),
    Question("letter", N_("Lettre au préfet"), N_("La lettre au préfet a-t-elle été envoyée ?"), N_(
        "La première étape est une lettre recommandée avec accusé de réception au préfet, qui lui laisse un délai. "
        "Si elle est partie, enregistrez son envoi : date, numéro du recommandé, date de l'avis de réception, et les "
        "pièces (la copie envoyée, l'avis de réception). Sinon, passez : LawDesk la rédige à la dernière étape."),
             records="steps", applies=before_decision),
    Question("after", N_("Après le rejet"), N_("La demande a été rejetée : qu'avez-vous déjà envoyé ?"), N_(
        "Le silence de l'administration ou sa décision a fermé la voie du référé « mesures utiles ». La voie est "
        "maintenant : demander les motifs du rejet implicite (dans le délai de recours), puis une requête en "
        "annulation, avec si l'urgence le justifie un référé-suspension. Enregistrez ce qui est déjà parti et les "
        "réponses reçues."), records="steps", applies=after_decision),
    Question("grounds", N_("Les moyens"), N_("Pourquoi le refus est-il illégal ?"), N_(
        "Les moyens de la requête en annulation et du référé-suspension sont ceux du juriste ou de l'avocat : "
        "LawDesk n'invente aucun moyen ; il écrit seulement ceux qu'il établit à partir du dossier (les motifs "
        "demandés et non communiqués). Rédigez ici, ou faites rédiger, le droit au titre de séjour."),
             _fields("notes.annulation", "notes.suspension"), applies=after_decision),
    Question("counsel", N_("Qui signe"), N_("Qui signe ?"), N_(
        "Le demandeur lui-même, avec l'aide d'une association, ou un avocat. Une association ne peut pas représenter "
        "le demandeur devant le tribunal : il signe, avec son assistance."),
             (Field("counsel.kind"), Field("counsel.name", _counsel("lawyer", "association")),
              Field("counsel.bar", _counsel("lawyer")), Field("counsel.representative", _counsel("association")),
              Field("counsel.address.line1", _counsel("lawyer", "association")),
              Field("counsel.address.postal_code", _counsel("lawyer", "association")),
              Field("counsel.address.city", _counsel("lawyer", "association")),
              Field("counsel.email", _counsel("lawyer", "association")))),
    Question("claims", N_("Les demandes"), N_("Que demander ?"), N_(
        "Le délai laissé au préfet (par la lettre, puis par le juge), l'astreinte par jour de retard et les frais "
        "demandés au tribunal. Sans avocat, seuls des frais réels et justifiés peuvent être demandés."),
             _fields("claims.deadline_days", "claims.penalty_eur_per_day", "claims.costs_eur", "claims.legal_aid")),
    Question("documents", N_("Situation et documents"), N_("Où en est le dossier, et que produire ?"), N_(
        "La situation du dossier aujourd'hui, ses échéances et la prochaine étape. Seuls les documents qui "
        "conviennent à cette situation peuvent être cochés. « Générer le dossier » les écrit avec le bordereau et "
        "les pièces."), documents=True),
)


def questions(data: Data, today: dt.date) -> list[Question]:
    """The questions that apply to the case as it stands on `today`, in order."""
    return [q for q in QUESTIONS if q.applies(data, today)]


def question(question_id: str) -> Question:
    return next(q for q in QUESTIONS if q.id == question_id)


def belongs(path: tuple[str | int, ...], page: Question) -> bool:
    """Whether a problem at `path` (a parsed field path) is one this page shows and must see solved."""
    dotted = ".".join(str(p) for p in path if isinstance(p, str))
    return any(dotted == p or dotted.startswith(p + ".") for p in page.paths())
