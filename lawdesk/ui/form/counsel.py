"""Section « Représentation »: who acts for the applicant (a lawyer, an association, or nobody)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form.binding import FieldBox
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import ChoiceCombo, TextLine


class CounselSection(Section):
    index = 5

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data, _("Qui signe, et à qui l'administration et le tribunal répondent."))
        c = ("counsel",)
        who = self.form(_("Représentant"))
        self.kind = ChoiceCombo(labels.counsel_kinds())
        who.add((*c, "kind"), self.kind)
        self.name = who.add((*c, "name"), TextLine())
        self.bar = who.add((*c, "bar"), TextLine(_("par ex. Seine-Saint-Denis")))
        self.toque = who.add((*c, "toque"), TextLine(_("facultatif")))
        self.representative = who.add((*c, "representative"), TextLine(_("nom et qualité, par ex. Claire Martin, juriste")))
        self._who = who.layout

        contact = self.form(_("Coordonnées du représentant"))
        contact.add((*c, "address", "line1"), TextLine())
        contact.add((*c, "address", "line2"), TextLine(_("facultatif")))
        contact.add((*c, "address", "postal_code"), TextLine())
        contact.add((*c, "address", "city"), TextLine())
        contact.add((*c, "email"), TextLine())
        contact.add((*c, "phone"), TextLine(_("facultatif")))
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
