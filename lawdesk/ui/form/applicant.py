"""Section « Demandeur »: the file reference, the applicant's identity, address and contact."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.editors import Fields, PieceChoices
from lawdesk.ui.form.section import Section


class ApplicantSection(Section):
    index = 0

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data, _("La personne bloquée par le téléservice ANEF, telle qu'elle apparaîtra dans les "
                                 "courriers et la requête."))
        fields = Fields(data, PieceChoices(catalog, self))
        a = ("applicant",)
        fields.add(self.form(_("Dossier")), ("reference",))
        fields.add(self.form(_("Identité")), *[(*a, name) for name in (
            "civility", "family_name", "given_names", "birth_date", "birth_place", "nationality", "foreign_national_number")])
        fields.add(self.form(_("Adresse")), *[(*a, "address", name) for name in ("line1", "line2", "postal_code", "city")])
        fields.add(self.form(_("Contact")), (*a, "email"), (*a, "phone"))
        self.finish()
