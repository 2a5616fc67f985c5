"""Sections « Démarches et incidents ANEF » and « Conséquences »: dated facts and harms, each
linked to the pièces that prove it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lawdesk.i18n import _
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.editors import PieceChoices, harm_records, incident_records
from lawdesk.ui.form.record_list import RecordListEditor
from lawdesk.ui.form.section import Section


class CitingSection(Section):
    """A section made of one record list whose records cite pièces."""

    def __init__(self, intro: str, data: dict[str, Any], catalog: PieceCatalog,
                 records: Callable[[dict[str, Any], PieceChoices], RecordListEditor]) -> None:
        super().__init__(data, intro)
        self.catalog = catalog
        self.pieces = PieceChoices(catalog, self)
        self.build_top()
        self.records = records(data, self.pieces)
        self.body.addWidget(self.records)
        self.add_target(self.records)
        self.finish()

    def build_top(self) -> None:
        """What a section shows above its list (nothing here)."""


class IncidentsSection(CitingSection):
    index = 2

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(_("Chaque tentative et chaque échange, dans l'ordre chronologique : erreurs du téléservice, "
                           "sollicitations du centre de contact citoyens, passages en point d'accueil numérique, "
                           "courriels à la préfecture. Le juge attend des démarches répétées et prouvées."),
                         data, catalog, incident_records)


class HarmsSection(CitingSection):
    index = 3

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(_("Ce que la situation fait perdre au demandeur : emploi, droits sociaux, logement… "
                           "Ces faits fondent l'urgence devant le juge des référés."),
                         data, catalog, harm_records)
