"""Section « Demandes au juge »: what the requêtes ask the judge to order, and legal aid."""

from __future__ import annotations

from typing import Any

from lawdesk.i18n import _
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.editors import Fields, PieceChoices
from lawdesk.ui.form.section import Section


class ClaimsSection(Section):
    index = 6

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data,
                         _("Les conclusions des requêtes au tribunal administratif : enjoindre au préfet d'agir dans un "
                           "délai, sous astreinte, et mettre à la charge de l'État les frais de l'instance. Le délai est "
                           "aussi celui que la lettre au préfet lui laisse."))
        c = ("claims",)
        Fields(data, PieceChoices(catalog, self)).add(
            self.form(_("Conclusions")), *[(*c, name) for name in ("deadline_days", "penalty_eur_per_day", "costs_eur", "legal_aid")])
        self.finish()
