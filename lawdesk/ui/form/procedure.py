"""Section « Procédure »: the request on ANEF, the current permit, what the administration delivered."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form.binding import FormBuilder
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.record_list import Column, RecordListEditor
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import ChoiceCombo, DateField, DepartmentField, TextLine
from lawdesk.ui.formatting import short_date


class ProcedureSection(Section):
    index = 1

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data, _("La demande de titre de séjour déposée (ou tentée) sur l'ANEF. Le département "
                                 "désigne le tribunal compétent et le préfet défendeur."))
        self.catalog = catalog
        p = ("procedure",)
        request = self.form(_("Demande de titre de séjour"))
        request.add((*p, "department"), DepartmentField())
        request.add((*p, "kind"), ChoiceCombo(labels.procedure_kinds()))
        request.add((*p, "permit_requested"), TextLine(_("par ex. carte de séjour pluriannuelle « salarié »")))

        permit = self.form(_("Titre de séjour en cours (obligatoire pour un renouvellement)"))
        permit.add((*p, "current_permit", "title"), TextLine(_("par ex. carte de séjour temporaire « salarié »")))
        permit.add((*p, "current_permit", "number"), TextLine(_("facultatif")))
        permit.add((*p, "current_permit", "expires"), DateField())

        deposit = self.form(_("Dépôt sur l'ANEF"))
        deposit.add((*p, "anef_deposit_date"), DateField())
        deposit.add((*p, "anef_file_number"), TextLine(_("facultatif")))

        kinds = labels.received_kinds()
        self._piece_choice = ChoiceCombo([], _("— aucune —"))

        def received_form(form: FormBuilder) -> None:
            form.add(("kind",), ChoiceCombo(kinds))
            form.add(("date",), DateField())
            form.add(("piece",), self._piece_choice)

        self.received = RecordListEditor(
            data, (*p, "received"),
            [Column(_("Document"), lambda r: labels.label_of(kinds, r.get("kind")), stretch=True),
             Column(_("Date"), lambda r: short_date(r.get("date"))),
             Column(_("Pièce"), lambda r: catalog.numbers_text([r["piece"]] if r.get("piece") else []))],
            lambda: {"kind": "attestation_de_depot"}, _("Ajouter un document reçu"), received_form)
        self.form(_("Documents reçus de l'administration")).layout.addRow(self.received)
        self.add_target(self.received)
        catalog.changed.connect(self._pieces_changed)
        self._pieces_changed()
        self.finish()

    def _pieces_changed(self) -> None:
        self._piece_choice.set_choices(self.catalog.choices())
        self.received.refresh()
        self.received.binder.load()
