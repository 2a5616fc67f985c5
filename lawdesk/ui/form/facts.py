"""Sections « Démarches et incidents ANEF » and « Conséquences »: dated facts and harms, each
linked to the pièces that prove it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form.binding import FormBuilder
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.record_list import Column, RecordListEditor
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import ChoiceCombo, DateField, PieceChecklist, TextArea, TextLine
from lawdesk.ui.formatting import short_date


class CitingSection(Section):
    """A section made of one record list whose records cite pièces."""

    def __init__(self, intro: str, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data, intro)
        self.catalog = catalog
        self.checklist = PieceChecklist()

    def add_records(self, records: RecordListEditor) -> None:
        self.records = records
        self.body.addWidget(records)
        self.add_target(records)
        self.catalog.changed.connect(self._pieces_changed)
        self._pieces_changed()
        self.finish()

    def _pieces_changed(self) -> None:
        """Relabel with the new numbers; reload the open record (a removed pièce leaves its list)."""
        self.checklist.set_choices(self.catalog.choices())
        self.records.refresh()
        self.records.binder.load()


class IncidentsSection(CitingSection):
    index = 2

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(_("Chaque tentative et chaque échange, dans l'ordre chronologique : erreurs du téléservice, "
                           "sollicitations du centre de contact citoyens, passages en point d'accueil numérique, "
                           "courriels à la préfecture. Le juge attend des démarches répétées et prouvées."),
                         data, catalog)
        channels = labels.channels()

        def incident_form(form: FormBuilder) -> None:
            form.add(("date",), DateField())
            form.add(("channel",), ChoiceCombo(channels))
            form.add(("reference",), TextLine(_("n° de ticket ou de courrier, facultatif")))
            form.add(("description",), TextArea(_("ce qui s'est passé, le message d'erreur affiché, la réponse obtenue")))
            form.add(("pieces",), self.checklist)

        self.add_records(RecordListEditor(
            data, ("incidents",),
            [Column(_("Date"), lambda r: short_date(r.get("date"))),
             Column(_("Canal"), lambda r: labels.label_of(channels, r.get("channel"))),
             Column(_("Description"), lambda r: str(r.get("description") or ""), stretch=True),
             Column(_("Pièces"), lambda r: catalog.numbers_text(r.get("pieces")))],
            lambda: {"date": dt.date.today().isoformat(), "channel": "anef", "pieces": []},
            _("Ajouter une démarche"), incident_form))


class HarmsSection(CitingSection):
    index = 3

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(_("Ce que la situation fait perdre au demandeur : emploi, droits sociaux, logement… "
                           "Ces faits fondent l'urgence devant le juge des référés."),
                         data, catalog)
        kinds = labels.harm_kinds()

        def harm_form(form: FormBuilder) -> None:
            form.add(("kind",), ChoiceCombo(kinds))
            form.add(("description",), TextArea(_("les faits, leurs dates, leurs effets concrets")))
            form.add(("pieces",), self.checklist)

        self.add_records(RecordListEditor(
            data, ("harms",),
            [Column(_("Nature"), lambda r: labels.label_of(kinds, r.get("kind"))),
             Column(_("Description"), lambda r: str(r.get("description") or ""), stretch=True),
             Column(_("Pièces"), lambda r: catalog.numbers_text(r.get("pieces")))],
            lambda: {"kind": "employment", "pieces": []},
            _("Ajouter une conséquence"), harm_form))
