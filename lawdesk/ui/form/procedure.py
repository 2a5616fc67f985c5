"""Section « Procédure »: the request on ANEF, the current permit, what the administration delivered
(with the end of validity of an attestation or a récépissé), the accusé de réception of the request,
and whether the prefecture holds the file incomplete."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form.binding import FormBuilder
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.paths import get_in, set_in
from lawdesk.ui.form.record_list import Column, RecordListEditor
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import CheckField, ChoiceCombo, DateField, DepartmentField, TextLine
from lawdesk.ui.formatting import short_date

ACKNOWLEDGEMENT = ("procedure", "acknowledgement")


def _write_acknowledgement_date(data: dict[str, Any], value: Any) -> None:
    """The accusé de réception is recorded by its date; whether it states the appeal routes and time
    limits is then « non » until ticked (the format requires both)."""
    set_in(data, (*ACKNOWLEDGEMENT, "date"), value)
    if value is not None and not isinstance(get_in(data, (*ACKNOWLEDGEMENT, "mentions_delays")), bool):
        set_in(data, (*ACKNOWLEDGEMENT, "mentions_delays"), False)


def _write_mentions_delays(data: dict[str, Any], value: Any) -> None:
    if value or isinstance(get_in(data, ACKNOWLEDGEMENT), dict):
        set_in(data, (*ACKNOWLEDGEMENT, "mentions_delays"), bool(value))


class ProcedureSection(Section):
    index = 1

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data, _("La demande de titre de séjour déposée (ou tentée) sur l'ANEF. Le département "
                                 "désigne le tribunal compétent et le préfet défendeur."))
        self.catalog = catalog
        p = ("procedure",)
        request = self.form(_("Demande de titre de séjour"))
        self.department = DepartmentField(lambda: get_in(data, ("applicant", "address", "postal_code")))
        request.add((*p, "department"), self.department)
        request.add((*p, "kind"), ChoiceCombo(labels.procedure_kinds()))
        request.add((*p, "permit_requested"), TextLine(_("par ex. carte de séjour pluriannuelle « salarié »")))

        permit = self.form(_("Titre de séjour en cours (obligatoire pour un renouvellement)"))
        permit.add((*p, "current_permit", "title"), TextLine(_("par ex. carte de séjour temporaire « salarié »")))
        permit.add((*p, "current_permit", "number"), TextLine(_("facultatif")))
        permit.add((*p, "current_permit", "expires"), DateField())

        deposit = self.form(_("Dépôt sur l'ANEF"))
        deposit.add((*p, "anef_deposit_date"), DateField())
        deposit.add((*p, "anef_file_number"), TextLine(_("facultatif")))
        deposit.add((*p, "incomplete"), CheckField(_("la préfecture a jugé le dossier incomplet")))

        self._piece_choices: list[ChoiceCombo] = []
        acknowledgement = self.form(_("Accusé de réception de la demande"))
        acknowledgement.add((*ACKNOWLEDGEMENT, "date"), DateField(), write=_write_acknowledgement_date)
        acknowledgement.add((*ACKNOWLEDGEMENT, "mentions_delays"),
                            CheckField(_("mentionne les voies et délais de recours")), write=_write_mentions_delays)
        acknowledgement.add((*ACKNOWLEDGEMENT, "piece"), self._piece_choice())

        kinds = labels.received_kinds()
        received_piece = self._piece_choice()

        def received_form(form: FormBuilder) -> None:
            form.add(("kind",), ChoiceCombo(kinds))
            form.add(("date",), DateField())
            form.add(("valid_until",), DateField())
            form.add(("piece",), received_piece)

        self.received = RecordListEditor(
            data, (*p, "received"),
            [Column(_("Document"), lambda r: labels.label_of(kinds, r.get("kind")), stretch=True),
             Column(_("Date"), lambda r: short_date(r.get("date"))),
             Column(_("Valable jusqu'au"), lambda r: short_date(r.get("valid_until"))),
             Column(_("Pièce"), lambda r: catalog.numbers_text([r["piece"]] if r.get("piece") else []))],
            lambda: {"kind": "attestation_de_depot"}, _("Ajouter un document reçu"), received_form)
        self.form(_("Documents reçus de l'administration")).layout.addRow(self.received)
        self.add_target(self.received)
        catalog.changed.connect(self._pieces_changed)
        self._pieces_changed()
        self.finish()

    def follow_case(self) -> None:
        """The postal code typed in « Demandeur » proposes its département here."""
        self.department.set_value(self.department.value())

    def _piece_choice(self) -> ChoiceCombo:
        combo = ChoiceCombo([], _("— aucune —"))
        self._piece_choices.append(combo)
        return combo

    def _pieces_changed(self) -> None:
        for combo in self._piece_choices:
            combo.set_choices(self.catalog.choices())
        self.received.refresh()
        self.received.binder.load()
