"""Section « Demandes au juge »: what the référé asks the judge to order."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import NumberField


class ClaimsSection(Section):
    index = 6

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data,
                         _("Les conclusions de la requête en référé « mesures utiles » (article L. 521-3 du code de "
                           "justice administrative) : enjoindre au préfet d'agir dans un délai, sous astreinte, et "
                           "mettre à la charge de l'État les frais de l'instance."))
        c = ("claims",)
        form = self.form(_("Conclusions"))
        form.add((*c, "deadline_days"), NumberField(365, _(" jours")))
        form.add((*c, "penalty_eur_per_day"), NumberField(100_000, _(" €")))
        form.add((*c, "costs_eur"), NumberField(1_000_000, _(" €")))
        self.finish()
