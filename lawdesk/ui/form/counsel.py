"""Section « Représentation »: who acts for the applicant (a lawyer, an association, or nobody)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from lawdesk.i18n import _
from lawdesk.ui.form.binding import FieldBox
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.editors import Fields, PieceChoices
from lawdesk.ui.form.section import Section


class CounselSection(Section):
    index = 5

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data, _("Qui signe, et à qui l'administration et le tribunal répondent."))
        c = ("counsel",)
        fields = Fields(data, PieceChoices(catalog, self))
        who = self.form(_("Représentant"))
        kind, self.name, self.bar, self.toque, self.representative = fields.add(
            who, *[(*c, name) for name in ("kind", "name", "bar", "toque", "representative")])
        self.kind = kind.editor
        self._who = who.layout

        contact = self.form(_("Coordonnées du représentant"))
        fields.add(contact, *[(*c, "address", name) for name in ("line1", "line2", "postal_code", "city")],
                   (*c, "email"), (*c, "phone"))
        self._contact = contact.layout.parentWidget()
        self.kind.edited.connect(self._adapt)
        self.finish()

    def load(self) -> None:
        super().load()
        self._adapt()

    def _adapt(self) -> None:
        """Show the fields the chosen kind of representation needs, under the right name."""
        kind = self.kind.value()
        self._row(self.name, kind in ("lawyer", "association"),
                  _("Nom de l'association") if kind == "association" else _("Nom de l'avocat"))
        self._row(self.bar, kind == "lawyer")
        self._row(self.toque, kind == "lawyer")
        self._row(self.representative, kind == "association")
        self._contact.setVisible(kind in ("lawyer", "association"))

    def _row(self, box: FieldBox, visible: bool, label: str | None = None) -> None:
        self._who.setRowVisible(box, visible)
        if label is not None:
            found = self._who.labelForField(box)
            if isinstance(found, QLabel):
                found.setText(label)
