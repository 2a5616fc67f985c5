"""Section « Procédure »: the request on ANEF, the current permit, what the administration delivered
(with the end of validity of an attestation or a récépissé), the accusé de réception of the request,
and whether the prefecture holds the file incomplete."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.editors import ACKNOWLEDGEMENT, Fields, PieceChoices, received_records
from lawdesk.ui.form.section import Section


class ProcedureSection(Section):
    index = 1

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data, _("La demande de titre de séjour déposée (ou tentée) sur l'ANEF. Le département "
                                 "désigne le tribunal compétent et le préfet défendeur."))
        pieces = PieceChoices(catalog, self)
        fields = Fields(data, pieces)
        p = ("procedure",)
        fields.add(self.form(_("Demande de titre de séjour")), (*p, "department"), (*p, "kind"), (*p, "permit_requested"))
        fields.add(self.form(_("Titre de séjour en cours (obligatoire pour un renouvellement)")),
                   *[(*p, "current_permit", name) for name in ("title", "number", "expires")])
        fields.add(self.form(_("Dépôt sur l'ANEF")), (*p, "anef_deposit_date"), (*p, "anef_file_number"), (*p, "incomplete"))
        fields.add(self.form(_("Accusé de réception de la demande")),
                   *[(*ACKNOWLEDGEMENT, name) for name in ("date", "mentions_delays", "piece")])
        self.received = received_records(data, pieces)
        self.form(_("Documents reçus de l'administration")).layout.addRow(self.received)
        self.add_target(self.received)
        self.finish()
