"""Section « Demandes au juge »: what the requêtes ask the judge to order, and legal aid."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import CheckField, NumberField


class ClaimsSection(Section):
    index = 6

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data,
                         _("Les conclusions des requêtes au tribunal administratif : enjoindre au préfet d'agir dans un "
                           "délai, sous astreinte, et mettre à la charge de l'État les frais de l'instance. Le délai est "
                           "aussi celui que la lettre au préfet lui laisse."))
        c = ("claims",)
        form = self.form(_("Conclusions"))
        form.add((*c, "deadline_days"), NumberField(365, _(" jours")))
        form.add((*c, "penalty_eur_per_day"), NumberField(100_000, _(" €")))
        form.add((*c, "costs_eur"), NumberField(1_000_000, _(" €")))
        form.add((*c, "legal_aid"), CheckField(_("le demandeur bénéficie de l'aide juridictionnelle")))
        self.finish()
