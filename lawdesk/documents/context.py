"""What the templates see: the case turned into ready-to-print French values.

Every value a template can print is already formatted (dates are `FrenchDate`, free text has
French typography, each fact carries its pièce citation), and every optional field exists
(None when absent): templates stay free of formatting logic, and a typo in a clinic's
template is reported instead of printing nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from lawdesk.case.model import Case
from lawdesk.case.pieces import piece_numbers
from lawdesk.case.validate import is_deposit
from lawdesk.departments import department
from lawdesk.documents.french import (NBSP, FrenchDate, amount, citation, clean_text, enumeration, paragraphs,
                                      piece_title, typo)
from lawdesk.timeline import Situation, Step, Timeline, referee_from, timeline, urgency_recorded
from lawdesk.timeline.calendar import months_between

CHANNELS = {
    "anef": "téléservice ANEF",
    "ccc": "centre de contact citoyens",
    "pan": "point d’accueil numérique",
    "prefecture": "préfecture",
    "other": "autre démarche",
}
HARMS = {
    "employment": "Emploi",
    "caf": "Prestations de la caisse d’allocations familiales",
    "france_travail": "Inscription à France Travail",
    "health_insurance": "Assurance maladie",
    "housing": "Logement",
    "travel": "Déplacements",
    "studies": "Études",
    "other": "Autres conséquences",
}
RECEIVED = {
    "attestation_de_depot": "une attestation de dépôt de la demande en ligne",
    "apri": "une attestation de prolongation d’instruction",
    "recepisse": "un récépissé de demande de titre de séjour",
    "classement_sans_suite": "une décision de classement sans suite de la demande",
    "convocation": "une convocation en préfecture",
    "other": "un document de l’administration",
}
PROCEDURES = {
    "first_application": "première demande de titre de séjour",
    "renewal": "demande de renouvellement de titre de séjour",
    "change_of_status": "demande de changement de statut",
}
# How a step was sent, after a noun: « une réclamation adressée par courriel ».
STEP_HOW = {
    "lrar": "par lettre recommandée avec accusé de réception",
    "email": "par courriel",
    "post": "par courrier",
    "hand": "remise en main propre",
    "online_form": "par le formulaire en ligne",
    "telerecours": "par Télérecours",
}
STEP_MODES = {
    "lrar": "lettre recommandée avec accusé de réception",
    "email": "courriel",
    "post": "courrier",
    "hand": "courrier remis en main propre",
    "online_form": "formulaire en ligne",
    "telerecours": "dépôt par Télérecours",
}


def _text(value: Any) -> str | None:
    """Optional user text: None when absent or blank."""
    text = clean_text(value) if value is not None else ""
    return text or None


def _phone(value: Any) -> str | None:
    """A phone number that never breaks across lines."""
    text = _text(value)
    return text.replace(" ", NBSP) if text else None


def with_citation(text: str, cite: str) -> str:
    """A fact as one sentence ending with its pièces: « … validée (pièce n° 3). »"""
    body = text.rstrip().rstrip(".").rstrip()
    if not body:
        return ""
    return f"{body} {cite}." if cite else f"{body}."


@dataclass(frozen=True)
class Address:
    lines: list[str]

    @classmethod
    def of(cls, data: Any) -> Address | None:
        if not isinstance(data, dict):
            return None
        town = " ".join(filter(None, (_text(data.get("postal_code")), _text(data.get("city")))))
        lines = [line for line in (_text(data.get("line1")), _text(data.get("line2")), town) if line]
        return cls(lines) if lines else None

    @property
    def city(self) -> str:
        """The town without its postal code, for « Fait à … »."""
        last = self.lines[-1]
        first, _, rest = last.partition(" ")
        return rest if first.isdigit() and rest else last

    def __str__(self) -> str:
        return ", ".join(self.lines)


@dataclass(frozen=True)
class Applicant:
    civility: str
    feminine: bool
    given_names: str
    family_name: str
    birth_date: FrenchDate | None
    birth_place: str
    nationality: str
    foreign_national_number: str | None
    address: Address | None
    email: str | None
    phone: str | None

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def designation(self) -> str:
        """« Mme Aïssatou Binta DIALLO »."""
        return f"{self.civility} {self.name}"

    # Agreement in gender: né/née, le requérant/la requérante, il/elle...
    @property
    def e(self) -> str:
        return "e" if self.feminine else ""

    @property
    def il(self) -> str:
        return "elle" if self.feminine else "il"

    @property
    def la(self) -> str:
        return "la" if self.feminine else "le"

    @property
    def requerant(self) -> str:
        return "la requérante" if self.feminine else "le requérant"

    @property
    def du_requerant(self) -> str:
        return "de la requérante" if self.feminine else "du requérant"

    @property
    def au_requerant(self) -> str:
        return "à la requérante" if self.feminine else "au requérant"

    @property
    def client(self) -> str:
        return "ma cliente" if self.feminine else "mon client"


@dataclass(frozen=True)
class Permit:
    title: str
    number: str | None
    expires: FrenchDate | None
    expired: bool
    cite: str = ""


@dataclass(frozen=True)
class Received:
    kind: str
    label: str
    date: FrenchDate | None
    cite: str
    valid_until: FrenchDate | None = None

    @property
    def is_attestation_de_depot(self) -> bool:
        return self.kind == "attestation_de_depot"


@dataclass(frozen=True)
class Procedure:
    kind: str
    label: str
    permit_requested: str
    current_permit: Permit | None
    deposit_date: FrenchDate | None
    file_number: str | None
    received: list[Received]
    filed_in_time: bool | None  # filed (or first tried) within the R. 431-5 window; None: not a holder
    filing_date: FrenchDate | None  # the deposit, or the first attempt when none went through
    uncovered: FrenchDate | None  # since when nothing covers the stay (timeline)
    covered_until: FrenchDate | None  # the permit or a provisional document covers the stay until then

    @property
    def is_renewal(self) -> bool:
        return self.kind == "renewal"

    @property
    def has_attestation_de_depot(self) -> bool:
        return any(r.is_attestation_de_depot for r in self.received)

    @property
    def has_protective_document(self) -> bool:
        """An APRI or a récépissé was received: the applicant's stay is covered."""
        return any(r.kind in ("apri", "recepisse") for r in self.received)

    @property
    def uncovered_since(self) -> FrenchDate | None:
        """The day the last cover (permit, attestation, récépissé) ended, once passed."""
        return self.uncovered

    @property
    def expired_protective(self) -> Received | None:
        """The provisional document that covered the stay last, when it has expired."""
        found = [r for r in self.received if r.kind in ("apri", "recepisse") and r.valid_until]
        last = max(found, key=lambda r: r.valid_until, default=None)
        return last if last and self.uncovered and last.valid_until == self.uncovered else None

    @property
    def document_sought(self) -> str:
        """The document that preserves the applicant's rights while the request is examined."""
        if self.is_renewal:
            return "une attestation de prolongation d’instruction"
        return "un récépissé de demande de titre de séjour"


@dataclass(frozen=True)
class Fact:
    """A dated incident or a harm: its French text already ends with its pièce citation."""

    kind: str  # the incident's channel or the harm's kind
    date: FrenchDate | None
    label: str
    reference: str | None
    sentence: str
    cite: str


# « auprès du téléservice ANEF, du centre de contact citoyens et d’un point d’accueil numérique »
CHANNELS_AUPRES_DE = {
    "anef": "du téléservice ANEF",
    "ccc": "du centre de contact citoyens",
    "pan": "d’un point d’accueil numérique",
    "prefecture": "des services de la préfecture",
}


@dataclass(frozen=True)
class Chronology:
    """The attempts as a whole: the judge looks for repeated attempts over several weeks
    (CE, 10 juin 2020, n° 435594) and for the use of the accompaniment (R. 431-2 CESEDA)."""

    count: int
    first: FrenchDate | None
    last: FrenchDate | None
    weeks: int
    channels: str
    cite: str
    accompaniment: bool


def _chronology(incidents: list[dict[str, Any]], numbers: dict[str, int]) -> Chronology:
    dates = sorted(d for d in (FrenchDate.parse(i.get("date")) for i in incidents) if d)
    kinds = list(dict.fromkeys(str(i.get("channel")) for i in incidents))
    pieces = [p for i in incidents for p in i.get("pieces") or [] if isinstance(p, str)]
    return Chronology(
        count=len(incidents),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        weeks=len({d.isocalendar()[:2] for d in dates}),
        channels=enumeration([CHANNELS_AUPRES_DE[k] for k in kinds if k in CHANNELS_AUPRES_DE]),
        cite=citation(pieces, numbers),
        accompaniment=any(k in ("ccc", "pan") for k in kinds),
    )


def salutation(prefect: str) -> str:
    """« Madame la Préfète, Monsieur le Préfet » (or « … de police », « … délégué(e) »):
    the letter does not know who holds the office."""
    suffix = " de police" if "de police" in prefect else ""
    if prefect.startswith("préfet délégué"):
        return "Madame la Préfète déléguée, Monsieur le Préfet délégué"
    return f"Madame la Préfète{suffix}, Monsieur le Préfet{suffix}"


@dataclass(frozen=True)
class Piece:
    number: int
    id: str
    title: str
    date: FrenchDate | None


@dataclass(frozen=True)
class Counsel:
    kind: str
    name: str | None
    bar: str | None
    toque: str | None
    representative: str | None
    address: Address | None
    email: str | None
    phone: str | None

    @property
    def is_lawyer(self) -> bool:
        return self.kind == "lawyer"

    @property
    def is_association(self) -> bool:
        return self.kind == "association"

    @property
    def quality(self) -> str:
        """« avocat au barreau de Paris », « avocat au barreau des Hauts-de-Seine »."""
        bar = self.bar or ""
        if bar.lower().startswith("barreau"):
            return f"avocat au {bar}"
        if bar.lower().startswith(("de ", "du ", "des ", "d’", "d'")):
            return f"avocat au barreau {bar}"
        if bar[:1].lower() in "aeiouyéèêàâîïôû" and bar:
            return f"avocat au barreau d’{bar}"
        return f"avocat au barreau de {bar}" if bar else "avocat"

    @property
    def association(self) -> str:
        """« l’association X » (or the name itself when it already says « Association … »)."""
        name = self.name or ""
        if name.lower().startswith("association"):
            return "l’" + name[:1].lower() + name[1:]
        return f"l’association {name}"


@dataclass(frozen=True)
class Claims:
    deadline_days: int | None
    penalty: str | None
    costs: str | None
    legal_aid: bool = False  # with a lawyer: costs under L. 761-1 CJA and article 37 of loi n° 91-647


@dataclass(frozen=True)
class Dossier:
    """The documents generated together, not yet sent (`today` is the day the dossier is built)."""

    today: FrenchDate
    documents: list[str]

    @property
    def letter(self) -> bool:
        return "prefecture" in self.documents

    @property
    def referral(self) -> bool:
        return "defenseur" in self.documents


@dataclass(frozen=True)
class StepAnswer:
    date: FrenchDate | None
    summary: str | None
    cite: str


@dataclass(frozen=True)
class SentStep:
    """A step already sent, as the documents that follow cite it: date, mode, LRAR number, AR, pièces."""

    document: str
    sent: FrenchDate
    mode: str  # « lettre recommandée avec accusé de réception »
    how: str  # « par lettre recommandée avec accusé de réception », « remise en main propre »
    tracking: str | None
    received: FrenchDate | None
    deadline_days: int | None
    deadline_end: FrenchDate | None  # the last day given to the administration
    answer: StepAnswer | None
    description: str | None
    cite: str

    @property
    def is_registered_letter(self) -> bool:
        return self.mode == STEP_MODES["lrar"]


def _sent_step(step: Step, when: dt.date, numbers: dict[str, int]) -> SentStep:
    answer = step.answered_by(when)
    return SentStep(
        document=step.document,
        sent=FrenchDate.parse(step.sent),
        mode=STEP_MODES.get(step.mode, STEP_MODES["post"]),
        how=STEP_HOW.get(step.mode, STEP_HOW["post"]),
        tracking=_text(step.tracking),
        received=FrenchDate.parse(step.received_by(when)),
        deadline_days=step.deadline_days,
        deadline_end=FrenchDate.parse(step.deadline_end(when)),
        answer=StepAnswer(FrenchDate.parse(answer.date), _text(typo(answer.summary)) if answer.summary else None,
                          _cite_one(answer.piece, numbers)) if answer else None,
        description=_text(typo(step.description)) if step.description else None,
        cite=citation(step.pieces, numbers),
    )


@dataclass(frozen=True)
class Steps:
    """The steps sent before the document: the letter to the prefect, the referral, the others
    (not a document of the registry), and all of them in date order (`sent`)."""

    letter: SentStep | None
    referral: SentStep | None
    others: list[SentStep]
    sent: list[SentStep]


@dataclass(frozen=True)
class Calendar:
    """The situation on the document's date, for the arguments that depend on it."""

    day: FrenchDate
    situation: str
    rejection: FrenchDate | None  # the day the implicit rejection arises (or arose)
    referee_from: FrenchDate | None  # the first day after the prefect's deadline
    urgency_recorded: bool  # notes.refere says why the référé does not await that day
    months_uncovered: int | None

    @property
    def registered(self) -> bool:
        return self.situation != Situation.NOT_REGISTERED

    @property
    def deadline_not_awaited(self) -> bool:
        """The référé is filed before the prefect's deadline has run (or with no letter), for urgency."""
        return self.urgency_recorded and (self.referee_from is None or self.day < self.referee_from)


def _list(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _amount(value: Any) -> str | None:
    return amount(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _applicant(data: dict[str, Any]) -> Applicant:
    return Applicant(
        civility=clean_text(data.get("civility", "")),
        feminine=data.get("civility") != "M.",
        given_names=clean_text(data.get("given_names", "")),
        family_name=clean_text(data.get("family_name", "")),
        birth_date=FrenchDate.parse(data.get("birth_date")),
        birth_place=clean_text(data.get("birth_place", "")),
        nationality=clean_text(data.get("nationality", "")),
        foreign_national_number=_text(data.get("foreign_national_number")),
        address=Address.of(data.get("address")),
        email=_text(data.get("email")),
        phone=_phone(data.get("phone")),
    )


def _procedure(data: dict[str, Any], numbers: dict[str, int], t: Timeline) -> Procedure:
    permit_data = data.get("current_permit")
    permit = None
    if isinstance(permit_data, dict):
        expires = FrenchDate.parse(permit_data.get("expires"))
        permit = Permit(typo(permit_data.get("title", "")), _text(permit_data.get("number")),
                        expires, expires is not None and expires < t.day, _cite_one(permit_data.get("piece"), numbers))
    kind = str(data.get("kind", ""))
    deposit = FrenchDate.parse(t.deposit)
    received = [
        Received(str(r.get("kind")), RECEIVED.get(str(r.get("kind")), RECEIVED["other"]),
                 FrenchDate.parse(r.get("date")), _cite_one(r.get("piece"), numbers), FrenchDate.parse(r.get("valid_until")))
        for r in sorted(_list(data.get("received")), key=lambda r: str(r.get("date", "")))
        if FrenchDate.parse(r.get("date")) is None or FrenchDate.parse(r.get("date")) <= t.day
    ]
    return Procedure(
        kind=kind,
        label=PROCEDURES.get(kind, PROCEDURES["first_application"]),
        permit_requested=typo(data.get("permit_requested", "")),
        current_permit=permit,
        deposit_date=deposit,
        file_number=_text(data.get("anef_file_number")),
        received=received,
        filed_in_time=t.filed_in_time,
        filing_date=FrenchDate.parse(t.filing_date),
        uncovered=FrenchDate.parse(t.uncovered_since),
        covered_until=FrenchDate.parse(t.covered_until),
    )


def _cite_one(pid: Any, numbers: dict[str, int]) -> str:
    return citation([pid] if isinstance(pid, str) else [], numbers)


def _facts(items: list[dict[str, Any]], labels: dict[str, str], key: str,
           numbers: dict[str, int]) -> list[Fact]:
    facts = []
    for item in items:
        cite = citation([p for p in item.get("pieces") or [] if isinstance(p, str)], numbers)
        facts.append(Fact(
            kind=str(item.get(key, "other")),
            date=FrenchDate.parse(item.get("date")),
            label=labels.get(str(item.get(key)), labels["other"]),
            reference=_text(item.get("reference")),
            sentence=with_citation(typo(item.get("description", "")), cite),
            cite=cite,
        ))
    return facts


def _pieces(items: Any) -> list[Piece]:
    """The pièces in inventory order; the number is the position in the list (as piece_numbers)."""
    return [
        Piece(number, str(p.get("id", "")), piece_title(p.get("title", "")), FrenchDate.parse(p.get("date")))
        for number, p in enumerate(items if isinstance(items, list) else [], start=1)
        if isinstance(p, dict)
    ]


_LAWYER_TITLE = re.compile(r"^\s*(?:ma[iî]tre|me)\.?\s+", re.IGNORECASE)


def _counsel(data: dict[str, Any]) -> Counsel:
    kind = str(data.get("kind", "self"))
    name = _text(data.get("name"))
    return Counsel(
        kind=kind,
        # the templates write « Maître » themselves: a name typed as « Maître X » or « Me X » would double it
        name=_LAWYER_TITLE.sub("", name) if kind == "lawyer" else name,
        bar=_text(data.get("bar")),
        toque=_text(data.get("toque")),
        representative=_text(data.get("representative")),
        address=Address.of(data.get("address")),
        email=_text(data.get("email")),
        phone=_phone(data.get("phone")),
    )


def _claims(data: dict[str, Any]) -> Claims:
    days = data.get("deadline_days")
    return Claims(
        deadline_days=days if isinstance(days, int) and not isinstance(days, bool) else None,
        penalty=_amount(data.get("penalty_eur_per_day")),
        costs=_amount(data.get("costs_eur")),
        legal_aid=data.get("legal_aid") is True,
    )


def _until(items: list[dict[str, Any]], when: dt.date) -> list[dict[str, Any]]:
    """The facts known on `when`: a document cites nothing that happened after its date."""
    return [i for i in items if (FrenchDate.parse(i.get("date")) or dt.date.min) <= when]


def document_day(data: dict[str, Any], doc_id: str, today: dt.date) -> dt.date:
    """A document is dated the day it was sent when a step records it, else the day of the build."""
    sent = [s.sent for s in timeline(data, today).steps if s.document == doc_id]
    return max(sent) if sent else today


def _enclosed(pieces: list[Piece], data: dict[str, Any], when: dt.date) -> list[Piece]:
    """The pièces a letter of `when` can enclose: none dated later, none proving a step sent since."""
    later = {pid for s in timeline(data, dt.date.max).steps if s.sent >= when for pid in s.all_pieces}
    return [p for p in pieces if p.id not in later and (p.date is None or p.date <= when)]


def build_context(case: Case, doc_id: str, today: dt.date, documents: list[str]) -> dict[str, Any]:
    """The variables of every template (documents, cover and inventory); `today` is the day of the build."""
    data = case.data
    when = document_day(data, doc_id, today) if doc_id else today
    t = timeline(data, when)
    numbers = piece_numbers(data)
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    incidents = sorted(_until(_list(data.get("incidents")), when), key=lambda i: str(i.get("date", "")))
    deposit = procedure.get("anef_deposit_date")
    attempts = [i for i in incidents if not is_deposit(i, deposit)]
    dept = department(str(procedure.get("department", "")))
    notes = data.get("notes") if isinstance(data.get("notes"), dict) else {}
    counsel = _counsel(data.get("counsel") if isinstance(data.get("counsel"), dict) else {})
    applicant = _applicant(data.get("applicant") if isinstance(data.get("applicant"), dict) else {})
    pieces = _pieces(data.get("pieces"))
    earlier = [_sent_step(s, when, numbers) for s in t.steps if s.sent < when or s.document != doc_id]
    start = referee_from(t)
    context = {
        "reference": case.reference,
        "today": FrenchDate.parse(when),
        "applicant": applicant,
        "department": dept,
        "salutation": salutation(dept.prefect),
        "procedure": _procedure(procedure, numbers, t),
        "incidents": _facts(incidents, CHANNELS, "channel", numbers),
        "harms": _facts(_until(_list(data.get("harms")), when), HARMS, "kind", numbers),
        "chronology": _chronology(attempts, numbers),
        "pieces": pieces,
        "enclosures": _enclosed(pieces, data, when),
        "mandate": next((p for p in pieces if "mandat" in p.title.lower()), None),
        "counsel": counsel,
        "claims": _claims(data.get("claims") if isinstance(data.get("claims"), dict) else {}),
        "dossier": Dossier(FrenchDate.parse(today), [d for d in documents if d not in {s.document for s in t.steps}]),
        "steps": Steps(
            letter=next((s for s in reversed(earlier) if s.document == "prefecture"), None),
            referral=next((s for s in reversed(earlier) if s.document == "defenseur"), None),
            others=[s for s in earlier if s.document == "other"],
            sent=earlier,
        ),
        "calendar": Calendar(
            day=FrenchDate.parse(when),
            situation=t.situation.value,
            rejection=FrenchDate.parse(t.rejection) if not t.incomplete else None,
            referee_from=FrenchDate.parse(start),
            urgency_recorded=urgency_recorded(data),
            months_uncovered=months_between(t.uncovered_since, when) if t.uncovered_since else None,
        ),
        "notes": paragraphs(notes.get(doc_id)) if doc_id else [],
        "place": (counsel.address if counsel.is_lawyer and counsel.address else applicant.address),
    }
    return _with_document_context(context, doc_id, t, data)


def _with_document_context(context: dict[str, Any], doc_id: str, t: Timeline, data: dict[str, Any]) -> dict[str, Any]:
    """What the document's own module adds (lawdesk.procedures): the decision attacked, the requête
    a filing carries... Imported here, not at the top: the procedures use this package's helpers."""
    from lawdesk.procedures import DOCUMENTS

    spec = DOCUMENTS.get(doc_id)
    if spec is None:
        return context
    pieces = context["pieces"]
    carried = spec.carried(context["dossier"].documents, {s.document for s in t.steps})
    context["carried"] = [Piece(len(pieces) + offset, "", DOCUMENTS[d].filing.copy_title, context["today"])
                          for offset, d in enumerate(carried, start=1)]
    if spec.context is not None:
        context.update(spec.context(t, data, context))
    return context
