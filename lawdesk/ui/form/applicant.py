"""Section « Demandeur »: the file reference, the applicant's identity, address and contact."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import ChoiceCombo, DateField, PostalCodeField, TextLine


class ApplicantSection(Section):
    index = 0

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data, _("La personne bloquée par le téléservice ANEF, telle qu'elle apparaîtra dans les "
                                 "courriers et la requête."))
        self.form(_("Dossier")).add(("reference",), TextLine(_("votre numéro de dossier, par ex. SSD-2025-0142")))

        a = ("applicant",)
        identity = self.form(_("Identité"))
        identity.add((*a, "civility"), ChoiceCombo(labels.civilities()))
        identity.add((*a, "family_name"), TextLine(_("tel qu'il figure sur le titre de séjour")))
        identity.add((*a, "given_names"), TextLine())
        identity.add((*a, "birth_date"), DateField())
        identity.add((*a, "birth_place"), TextLine(_("ville (pays), par ex. Conakry (Guinée)")))
        identity.add((*a, "nationality"), TextLine(_("adjectif, par ex. guinéenne")))
        identity.add((*a, "foreign_national_number"), TextLine(_("10 chiffres, facultatif")))

        address = self.form(_("Adresse"))
        address.add((*a, "address", "line1"), TextLine(_("numéro et voie")))
        address.add((*a, "address", "line2"), TextLine(_("bâtiment, chez…, facultatif")))
        address.add((*a, "address", "postal_code"), PostalCodeField())
        address.add((*a, "address", "city"), TextLine())

        contact = self.form(_("Contact"))
        contact.add((*a, "email"), TextLine(_("facultatif")))
        contact.add((*a, "phone"), TextLine(_("facultatif")))
        self.finish()
