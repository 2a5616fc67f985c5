"""Validation of a case's data: the JSON Schema, then the rules a schema cannot say.

Field paths in messages use 1-based indices, like pièce numbers: `pieces[3].file` is the
file of pièce n° 3.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from lawdesk.case.pieces import piece_numbers
from lawdesk.departments import UnknownDepartment, department
from lawdesk.errors import Problem, error, warning
from lawdesk.i18n import N_, _, ngettext
from lawdesk.paths import resource

MIN_INCIDENTS = 3
# Below this age, a birth date is questioned: a child does not apply for a residence permit.
YOUNGEST_APPLICANT = 16
_POSTAL_CODE = re.compile(r"^\d{5}$")
MIN_SPAN_DAYS = 14


@cache
def case_schema() -> dict[str, Any]:
    return json.loads(resource("case.schema.json").read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(case_schema())


def field_path(parts: Any) -> str:
    path = ""
    for part in parts:
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


_TYPES = {"string": N_("un texte"), "object": N_("un objet (des champs entre accolades)"), "array": N_("une liste"),
          "integer": N_("un nombre entier"), "number": N_("un nombre"), "boolean": N_("vrai ou faux")}


def _schema_message(err: ValidationError) -> tuple[str, str]:
    where = field_path(err.absolute_path)
    kind = err.validator
    if kind == "required":
        missing = err.message.split("'")[1]
        return (f"{where}.{missing}" if where else missing), _("champ obligatoire manquant ; renseignez-le")
    if kind == "type":
        return where, _("doit être {expected}").format(expected=_(_TYPES.get(str(err.validator_value), str(err.validator_value))))
    if kind == "enum":
        allowed = ", ".join(f"« {v} »" for v in err.validator_value)
        return where, _("valeur « {value} » non admise ; valeurs possibles : {allowed}").format(value=err.instance, allowed=allowed)
    if kind == "pattern" and where.endswith(("date", "expires")):
        return where, _("date « {value} » illisible ; écrivez-la AAAA-MM-JJ (par ex. 2025-06-03)").format(value=err.instance)
    if kind == "pattern" and where.endswith("foreign_national_number"):
        return where, _("le numéro étranger (AGDREF) compte 10 chiffres, sans espace")
    if kind in ("pattern", "minLength"):
        return where, _("ne doit pas être vide")
    if kind == "oneOf" and where.startswith("pieces"):
        return where, _("indiquez soit « file » (un fichier), soit « files » (une liste de fichiers), pas les deux")
    if kind == "minItems":
        return where, _("la liste est vide ; ajoutez au moins un élément")
    if kind == "uniqueItems":
        return where, _("la liste contient des doublons ; retirez-les")
    if kind in ("minimum", "maximum"):
        return where, _("la valeur {value} est hors des bornes admises").format(value=err.instance)
    if kind == "const":
        return where, _("valeur « {value} » inattendue ; « {expected} » est attendu").format(value=err.instance, expected=err.validator_value)
    return where, _("valeur non conforme au format des cas LawDesk")


def schema_problems(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for err in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        if err.validator in ("allOf", "if"):
            continue
        where, message = _schema_message(err)
        problems.append(error(where, message))
    return problems


_SCHEMA_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Lone surrogates come from "\ud800" escapes in JSON: no PDF, DOCX or UTF-8 file can hold them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _strings(value: Any, parts: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(field path, text) of every string of the data, keys included, without recursion."""
    pending: list[tuple[tuple[Any, ...], Any]] = [(parts, value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield (*path, key), str(key)
                pending.append(((*path, key), child))
        elif isinstance(item, list):
            pending.extend(((*path, index), child) for index, child in enumerate(item))


# Explicit direction embeddings, overrides and isolates: U+202E turns "Binta, née le 12 avril 1988"
# into "8891 lirva 21 el eén ,atniB" on the page. Arabic or Hebrew text never needs them.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _unencodable_texts(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for path, text in _strings(data):
        if _SURROGATE.search(text):
            problems.append(error(field_path(path), _("texte contenant un caractère invalide (codage endommagé, par ex. une copie depuis un autre "
                                                      "logiciel) ; retapez ce texte")))
        elif found := _BIDI_CONTROL.search(text):
            problems.append(error(field_path(path), _("texte contenant un caractère invisible qui inverse le sens d'écriture (U+{code:04X}) : "
                                                      "il retournerait l'affichage du texte qui suit dans les documents ; retapez ce texte").format(
                code=ord(found.group()))))
    return problems


def parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _dates(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    applicant = data.get("applicant") if isinstance(data.get("applicant"), dict) else {}
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    yield "applicant.birth_date", applicant.get("birth_date")
    yield "procedure.anef_deposit_date", procedure.get("anef_deposit_date")
    permit = procedure.get("current_permit")
    if isinstance(permit, dict):
        yield "procedure.current_permit.expires", permit.get("expires")
    acknowledgement = procedure.get("acknowledgement")
    if isinstance(acknowledgement, dict):
        yield "procedure.acknowledgement.date", acknowledgement.get("date")
    for name, items in (("procedure.received", procedure.get("received")), ("incidents", data.get("incidents")),
                        ("harms", data.get("harms")), ("pieces", data.get("pieces"))):
        for index, item in enumerate(items if isinstance(items, list) else [], start=1):
            if isinstance(item, dict):
                yield f"{name}[{index}].date", item.get("date")
                if "valid_until" in item:
                    yield f"{name}[{index}].valid_until", item.get("valid_until")
    for index, step in enumerate(_list(data, "steps"), start=1):
        if isinstance(step, dict):
            yield f"steps[{index}].sent", step.get("sent")
            yield f"steps[{index}].received", step.get("received")
            answer = step.get("answer")
            if isinstance(answer, dict):
                yield f"steps[{index}].answer.date", answer.get("date")


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# Dates that may lie ahead: the end of validity of a permit or of a provisional document.
_EXPIRIES = (".expires", ".valid_until")


def _list(data: dict[str, Any], *path: str) -> list[Any]:
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, list) else []


def rule_problems(data: dict[str, Any], today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}

    problems.extend(_unencodable_texts(data))
    for where, value in _dates(data):
        if value is None or not isinstance(value, str):
            continue
        date = parse_date(value)
        if date is None:
            if len(value) == 10:  # well-formed but not a calendar day (2025-02-30)
                problems.append(error(where, _("la date « {value} » n'existe pas ; vérifiez le jour et le mois").format(value=value)))
            elif _SCHEMA_DATE.search(value):  # what the schema's `$` lets through: "2025-02-03\n"
                problems.append(error(where, _("date « {value} » illisible ; écrivez-la AAAA-MM-JJ (par ex. 2025-06-03)").format(value=value.strip())))
            continue
        if where == "applicant.birth_date":
            if date >= today:
                problems.append(error(where, _("date de naissance dans le futur ; vérifiez l'année")))
            elif date.year < 1900:
                problems.append(error(where, _("date de naissance invraisemblable ({year}) ; vérifiez l'année").format(year=date.year)))
            elif (age := _age(date, today)) < YOUNGEST_APPLICANT:
                problems.append(warning(where, ngettext(
                    "selon cette date de naissance, le demandeur aurait {n} an : vérifiez l'année",
                    "selon cette date de naissance, le demandeur aurait {n} ans : vérifiez l'année", age).format(n=age)))
        elif not where.endswith(_EXPIRIES) and date > today:
            problems.append(error(where, _("date postérieure à aujourd'hui : un fait ou un document ne peut pas dater de demain ; vérifiez la date")))

    applicant = data.get("applicant") if isinstance(data.get("applicant"), dict) else {}
    address = applicant.get("address") if isinstance(applicant.get("address"), dict) else {}
    postal_code = address.get("postal_code")
    if isinstance(postal_code, str) and postal_code.strip() and not _POSTAL_CODE.match(postal_code.strip()):
        problems.append(error("applicant.address.postal_code", _(
            "code postal « {code} » : un code postal français compte cinq chiffres (par ex. 93200)").format(code=postal_code)))
    if not _list(data, "pieces"):
        problems.append(warning("pieces", _(
            "aucune pièce : chaque fait du dossier doit être prouvé ; ajoutez les captures d'écran, courriers, courriels "
            "et titres de séjour")))

    code = procedure.get("department")
    if isinstance(code, str):
        try:
            department(code)
        except UnknownDepartment as exc:
            problems.append(error("procedure.department", exc.message))

    if procedure.get("kind") == "renewal" and not isinstance(procedure.get("current_permit"), dict):
        problems.append(error("procedure.current_permit", _("un renouvellement suppose le titre en cours : indiquez son intitulé et sa date d'expiration")))

    numbers = piece_numbers(data)
    seen: set[str] = set()
    for index, piece in enumerate(_list(data, "pieces"), start=1):
        pid = piece.get("id") if isinstance(piece, dict) else None
        if isinstance(pid, str):
            if pid in seen:
                problems.append(error(f"pieces[{index}].id", _("l'identifiant « {id} » est déjà utilisé par une autre pièce ; choisissez-en un autre").format(id=pid)))
            seen.add(pid)

    def unknown(where: str, pid: Any) -> None:
        if isinstance(pid, str) and pid not in numbers:
            problems.append(error(where, _("la pièce « {id} » n'existe pas dans la liste des pièces ; corrigez l'identifiant ou ajoutez la pièce").format(id=pid)))

    for name in ("incidents", "harms"):
        for index, item in enumerate(_list(data, name), start=1):
            references = item.get("pieces") if isinstance(item, dict) else None
            for position, pid in enumerate(references if isinstance(references, list) else [], start=1):
                unknown(f"{name}[{index}].pieces[{position}]", pid)
    for index, item in enumerate(_list(data, "procedure", "received"), start=1):
        if isinstance(item, dict) and "piece" in item:
            unknown(f"procedure.received[{index}].piece", item["piece"])
    for name in ("current_permit", "acknowledgement"):
        item = procedure.get(name)
        if isinstance(item, dict) and "piece" in item:
            unknown(f"procedure.{name}.piece", item["piece"])
    for index, step in enumerate(_list(data, "steps"), start=1):
        if not isinstance(step, dict):
            continue
        references = step.get("pieces")
        for position, pid in enumerate(references if isinstance(references, list) else [], start=1):
            unknown(f"steps[{index}].pieces[{position}]", pid)
        if isinstance(step.get("answer"), dict) and "piece" in step["answer"]:
            unknown(f"steps[{index}].answer.piece", step["answer"]["piece"])

    problems.extend(_risk_warnings(data))
    problems.extend(_uncited_pieces(data))
    from lawdesk.procedures.checks import calendar_problems

    problems.extend(calendar_problems(data, today, [d for d in _list(data, "documents") if isinstance(d, str)]))
    return problems


def cited_pieces(data: dict[str, Any]) -> set[str]:
    """The ids of the pièces the documents cite: the facts, the documents received and the steps."""
    cited: set[str] = set()
    for name in ("incidents", "harms", "steps"):
        for item in _list(data, name):
            if isinstance(item, dict):
                references = item.get("pieces")
                cited.update(p for p in (references if isinstance(references, list) else []) if isinstance(p, str))
                answer = item.get("answer")
                if isinstance(answer, dict) and isinstance(answer.get("piece"), str):
                    cited.add(answer["piece"])
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    for item in [*_list(data, "procedure", "received"), procedure.get("current_permit"), procedure.get("acknowledgement")]:
        if isinstance(item, dict) and isinstance(item.get("piece"), str):
            cited.add(item["piece"])
    return cited


def _uncited_pieces(data: dict[str, Any]) -> list[Problem]:
    cited = cited_pieces(data)
    problems = []
    for number, piece in enumerate(_list(data, "pieces"), start=1):
        if not isinstance(piece, dict) or not isinstance(piece.get("id"), str) or piece["id"] in cited:
            continue
        if "mandat" in str(piece.get("title", "")).lower():  # the letters cite the mandate by its title
            continue
        problems.append(warning(f"pieces[{number}]", _(
            "la pièce n° {number} ({title}) figure à l'inventaire mais aucun document ne la cite : rattachez-la à une démarche, "
            "une conséquence, un document reçu ou une étape, ou retirez-la").format(number=number, title=piece.get("title", ""))))
    return problems


def _risk_warnings(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    incidents = [i for i in _list(data, "incidents") if isinstance(i, dict)]
    attempts = failed_attempts(data)
    dates = sorted(d for d in (parse_date(i.get("date")) for i in attempts) if d)
    if not attempts:
        problems.append(warning("incidents", _(
            "aucune tentative infructueuse n'est décrite : le juge attend des tentatives répétées et documentées (CE, 10 juin 2020, n° 435594) ; décrivez chaque tentative avec sa date et sa pièce")))
    elif len(attempts) < MIN_INCIDENTS:
        problems.append(warning("incidents", ngettext(
            "une seule tentative infructueuse est décrite : le juge attend des tentatives répétées et documentées (CE, 10 juin 2020, n° 435594) ; ajoutez les autres tentatives si elles existent",
            "seulement {n} tentatives infructueuses sont décrites : le juge attend des tentatives répétées et documentées (CE, 10 juin 2020, n° 435594) ; ajoutez les autres tentatives si elles existent",
            len(attempts)).format(n=len(attempts))))
    elif dates and (dates[-1] - dates[0]).days < MIN_SPAN_DAYS:
        problems.append(warning("incidents", _("toutes les démarches tiennent en moins de deux semaines : le juge attend des tentatives répétées sur plusieurs semaines ; ajoutez les tentatives antérieures ou postérieures")))
    if incidents and not any(i.get("channel") in ("ccc", "pan") for i in incidents):
        problems.append(warning("incidents", _("aucune démarche auprès du centre de contact citoyens ni d'un point d'accueil numérique : la solution de substitution suppose d'avoir sollicité l'accompagnement (article R. 431-2 du CESEDA)")))
    for index, incident in enumerate(incidents, start=1):
        if not incident.get("pieces"):
            problems.append(warning(f"incidents[{index}].pieces", _("aucune pièce ne justifie cette démarche ; joignez une capture d'écran, un courriel ou une attestation si possible")))
    return problems


def is_deposit(incident: dict[str, Any], deposit: Any) -> bool:
    """The incident that records the deposit going through: a fact of the procedure, not a failed attempt."""
    return incident.get("channel") == "anef" and isinstance(deposit, str) and incident.get("date") == deposit


def failed_attempts(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The incidents that are failed attempts and contacts (CE, 10 juin 2020, n° 435594 counts these)."""
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    deposit = procedure.get("anef_deposit_date")
    return [i for i in _list(data, "incidents") if isinstance(i, dict) and not is_deposit(i, deposit)]


def validate_data(data: dict[str, Any], today: dt.date | None = None) -> list[Problem]:
    """All problems of the case data itself (evidence files are checked by lawdesk.check)."""
    return schema_problems(data) + rule_problems(data, today or dt.date.today())
