"""The editor of each field of the case and the editable lists of records, by their path.

The expert form's sections and the guided mode build their fields from here: a field is typed,
checked, labelled and written the same way in both, and both edit `case.data` in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form import field_names
from lawdesk.ui.form.binding import FieldBox, FormBuilder
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.paths import FieldPath, get_in, set_in
from lawdesk.ui.form.record_list import Column, RecordListEditor
from lawdesk.ui.form.widgets import (
    CheckField, ChoiceCombo, DateField, DepartmentField, NumberField, PieceChecklist, PostalCodeField, TextArea, TextLine,
)
from lawdesk.ui.formatting import short_date

ACKNOWLEDGEMENT = ("procedure", "acknowledgement")
Write = Callable[[dict[str, Any], Any], None]


class PieceChoices(QObject):
    """The pièce check lists and combo boxes of one view, and its record lists, relabelled with the
    new numbers whenever the pièces change (the open record is reloaded: a removed pièce leaves it)."""

    def __init__(self, catalog: PieceCatalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._checklists: list[PieceChecklist] = []
        self._combos: list[ChoiceCombo] = []
        self._records: list[RecordListEditor] = []
        catalog.changed.connect(self.refresh)

    def checklist(self) -> PieceChecklist:
        found = PieceChecklist()
        found.set_choices(self.catalog.choices())
        self._checklists.append(found)
        return found

    def combo(self) -> ChoiceCombo:
        found = ChoiceCombo(self.catalog.choices(), _("— aucune —"))
        self._combos.append(found)
        return found

    def follow(self, records: RecordListEditor) -> RecordListEditor:
        self._records.append(records)
        return records

    def refresh(self) -> None:
        choices = self.catalog.choices()
        for checklist in self._checklists:
            checklist.set_choices(choices)
        for combo in self._combos:
            combo.set_choices(choices)
        for records in self._records:
            records.refresh()
            records.binder.load()


def _write_acknowledgement_date(data: dict[str, Any], value: Any) -> None:
    """The accusé de réception is recorded by its date; whether it states the appeal routes and time
    limits is then « non » until ticked (the format requires both)."""
    set_in(data, (*ACKNOWLEDGEMENT, "date"), value)
    if value is not None and not isinstance(get_in(data, (*ACKNOWLEDGEMENT, "mentions_delays")), bool):
        set_in(data, (*ACKNOWLEDGEMENT, "mentions_delays"), False)


def _write_mentions_delays(data: dict[str, Any], value: Any) -> None:
    if value or isinstance(get_in(data, ACKNOWLEDGEMENT), dict):
        set_in(data, (*ACKNOWLEDGEMENT, "mentions_delays"), bool(value))


class Fields:
    """Adds the fields of the case to the forms of one view."""

    def __init__(self, data: dict[str, Any], pieces: PieceChoices) -> None:
        self.data = data
        self.pieces = pieces

    def _editors(self) -> dict[str, Callable[[], QWidget]]:
        def text(hint: str = "") -> Callable[[], QWidget]:
            return lambda: TextLine(hint)

        optional = _("facultatif")
        return {
            "reference": text(_("votre numéro de dossier, par ex. SSD-2025-0142")),
            "applicant.civility": lambda: ChoiceCombo(labels.civilities()),
            "applicant.family_name": text(_("tel qu'il figure sur le titre de séjour")),
            "applicant.given_names": text(),
            "applicant.birth_date": DateField,
            "applicant.birth_place": text(_("ville (pays), par ex. Conakry (Guinée)")),
            "applicant.nationality": text(_("adjectif, par ex. guinéenne")),
            "applicant.foreign_national_number": text(_("10 chiffres, facultatif")),
            "applicant.address.line1": text(_("numéro et voie")),
            "applicant.address.line2": text(_("bâtiment, chez…, facultatif")),
            "applicant.address.postal_code": PostalCodeField,
            "applicant.address.city": text(),
            "applicant.email": text(optional),
            "applicant.phone": text(optional),
            "procedure.department": lambda: DepartmentField(
                lambda: get_in(self.data, ("applicant", "address", "postal_code"))),
            "procedure.kind": lambda: ChoiceCombo(labels.procedure_kinds()),
            "procedure.permit_requested": text(_("par ex. carte de séjour pluriannuelle « salarié »")),
            "procedure.current_permit.title": text(_("par ex. carte de séjour temporaire « salarié »")),
            "procedure.current_permit.number": text(optional),
            "procedure.current_permit.expires": DateField,
            "procedure.anef_deposit_date": DateField,
            "procedure.anef_file_number": text(optional),
            "procedure.incomplete": lambda: CheckField(_("la préfecture a jugé le dossier incomplet")),
            "procedure.acknowledgement.date": DateField,
            "procedure.acknowledgement.mentions_delays": lambda: CheckField(_("mentionne les voies et délais de recours")),
            "procedure.acknowledgement.piece": self.pieces.combo,
            "counsel.kind": lambda: ChoiceCombo(labels.counsel_kinds()),
            "counsel.name": text(),
            "counsel.bar": text(_("par ex. Seine-Saint-Denis")),
            "counsel.toque": text(optional),
            "counsel.representative": text(_("nom et qualité, par ex. Claire Martin, juriste")),
            "counsel.address.line1": text(),
            "counsel.address.line2": text(optional),
            "counsel.address.postal_code": text(),
            "counsel.address.city": text(),
            "counsel.email": text(),
            "counsel.phone": text(optional),
            "claims.deadline_days": lambda: NumberField(365, _(" jours")),
            "claims.penalty_eur_per_day": lambda: NumberField(100_000, _(" €")),
            "claims.costs_eur": lambda: NumberField(1_000_000, _(" €")),
            "claims.legal_aid": lambda: CheckField(_("le demandeur bénéficie de l'aide juridictionnelle")),
        }

    _WRITERS: dict[str, Write] = {
        "procedure.acknowledgement.date": _write_acknowledgement_date,
        "procedure.acknowledgement.mentions_delays": _write_mentions_delays,
    }

    def editor(self, path: FieldPath) -> QWidget:
        key = field_names.pattern(path)
        if key.startswith("notes."):
            return TextArea(_("texte libre inséré dans ce document"), lines=4)
        return self._editors()[key]()

    def add(self, form: FormBuilder, *paths: FieldPath) -> list[FieldBox]:
        """Each field at its path, with its editor and its label; returns their boxes."""
        return [form.add(path, self.editor(path), write=self._WRITERS.get(field_names.pattern(path))) for path in paths]


# The editable lists of records

def received_records(data: dict[str, Any], pieces: PieceChoices) -> RecordListEditor:
    kinds = labels.received_kinds()
    piece = pieces.combo()

    def received_form(form: FormBuilder) -> None:
        form.add(("kind",), ChoiceCombo(kinds))
        form.add(("date",), DateField())
        form.add(("valid_until",), DateField())
        form.add(("piece",), piece)

    return pieces.follow(RecordListEditor(
        data, ("procedure", "received"),
        [Column(_("Document"), lambda r: labels.label_of(kinds, r.get("kind")), stretch=True),
         Column(_("Date"), lambda r: short_date(r.get("date"))),
         Column(_("Valable jusqu'au"), lambda r: short_date(r.get("valid_until"))),
         Column(_("Pièce"), lambda r: pieces.catalog.numbers_text([r["piece"]] if r.get("piece") else []))],
        lambda: {"kind": "attestation_de_depot"}, _("Ajouter un document reçu"), received_form))


def incident_records(data: dict[str, Any], pieces: PieceChoices) -> RecordListEditor:
    channels = labels.channels()
    checklist = pieces.checklist()

    def incident_form(form: FormBuilder) -> None:
        form.add(("date",), DateField())
        form.add(("channel",), ChoiceCombo(channels))
        form.add(("reference",), TextLine(_("n° de ticket ou de courrier, facultatif")))
        form.add(("description",), TextArea(_("ce qui s'est passé, le message d'erreur affiché, la réponse obtenue")))
        form.add(("pieces",), checklist)

    return pieces.follow(RecordListEditor(
        data, ("incidents",),
        [Column(_("Date"), lambda r: short_date(r.get("date"))),
         Column(_("Canal"), lambda r: labels.label_of(channels, r.get("channel"))),
         Column(_("Description"), lambda r: str(r.get("description") or ""), stretch=True),
         Column(_("Pièces"), lambda r: pieces.catalog.numbers_text(r.get("pieces")))],
        lambda: {"date": dt.date.today().isoformat(), "channel": "anef", "pieces": []},
        _("Ajouter une démarche"), incident_form))


def harm_records(data: dict[str, Any], pieces: PieceChoices) -> RecordListEditor:
    kinds = labels.harm_kinds()
    checklist = pieces.checklist()

    def harm_form(form: FormBuilder) -> None:
        form.add(("kind",), ChoiceCombo(kinds))
        form.add(("date",), DateField())
        form.add(("description",), TextArea(_("les faits, leurs dates, leurs effets concrets")))
        form.add(("pieces",), checklist)

    return pieces.follow(RecordListEditor(
        data, ("harms",),
        [Column(_("Nature"), lambda r: labels.label_of(kinds, r.get("kind"))),
         Column(_("Depuis le"), lambda r: short_date(r.get("date"))),
         Column(_("Description"), lambda r: str(r.get("description") or ""), stretch=True),
         Column(_("Pièces"), lambda r: pieces.catalog.numbers_text(r.get("pieces")))],
        lambda: {"kind": "employment", "pieces": []},
        _("Ajouter une conséquence"), harm_form))


def _new_step(data: dict[str, Any]) -> dict[str, Any]:
    """A step sent today: the first of the route not recorded yet (the letter to the prefect; after a
    decision, the request for reasons), else the next document of the dossier."""
    from lawdesk.guided import after_decision

    sent = {s.get("document") for s in data.get("steps") or [] if isinstance(s, dict)}
    chosen = [d for d in data.get("documents") or [] if isinstance(d, str)] if isinstance(data.get("documents"), list) else []
    first = "motifs" if after_decision(data, dt.date.today()) else "prefecture"
    document = next((d for d in [first, *chosen] if d not in sent), "other")
    return {"document": document, "sent": dt.date.today().isoformat(), "mode": "lrar", "pieces": []}


def step_records(data: dict[str, Any], pieces: PieceChoices) -> RecordListEditor:
    documents = labels.step_documents()
    modes = labels.modes()
    short_modes = labels.short_modes()
    checklist = pieces.checklist()
    answer_piece = pieces.combo()

    def step_form(form: FormBuilder) -> None:
        form.add(("document",), ChoiceCombo(documents))
        form.add(("sent",), DateField())
        form.add(("mode",), ChoiceCombo(modes))
        form.add(("tracking",), TextLine(_("par ex. 1A 123 456 7890 1")))
        form.add(("received",), DateField())
        form.add(("deadline_days",), NumberField(365, _(" jours"), minimum=0)).setToolTip(
            _("Non renseigné : le délai des « Demandes au juge »"))
        form.add(("description",), TextArea(_("pour un autre envoi : ce qui a été envoyé, à qui"), lines=2))
        form.add(("pieces",), checklist)
        form.add(("answer", "date"), DateField())
        form.add(("answer", "summary"), TextLine(_("par ex. réponse type : dossier en cours d'instruction")))
        form.add(("answer", "piece"), answer_piece)

    return pieces.follow(RecordListEditor(
        data, ("steps",),
        [Column(_("Envoyé le"), lambda r: short_date(r.get("sent"))),
         Column(_("Document"), lambda r: labels.label_of(documents, r.get("document")), stretch=True),
         Column(_("Mode"), lambda r: labels.label_of(short_modes, r.get("mode"))),
         Column(_("Avis de réception"), lambda r: short_date(r.get("received"))),
         Column(_("Réponse"), lambda r: short_date((r.get("answer") or {}).get("date"))
                if isinstance(r.get("answer"), dict) else ""),
         Column(_("Pièces"), lambda r: pieces.catalog.numbers_text(r.get("pieces")))],
        lambda: _new_step(data), _("Enregistrer un envoi"), step_form))


RECORDS: dict[str, Callable[[dict[str, Any], PieceChoices], RecordListEditor]] = {
    "procedure.received": received_records, "incidents": incident_records, "harms": harm_records,
    "steps": step_records,
}
