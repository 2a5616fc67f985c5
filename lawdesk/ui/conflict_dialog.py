"""The case was saved elsewhere while this window had edits: for each field both changed, the user
chooses which version to keep (lawdesk.store.merge). Nothing is chosen for them: each field shows
both versions side by side, « la vôtre » selected until they choose the other."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QLabel, QRadioButton, QScrollArea, QVBoxLayout,
    QWidget,
)

from lawdesk.i18n import _, ngettext
from lawdesk.store.merge import MISSING, Clash, Merged
from lawdesk.ui.form import field_names


def shown_value(value: Any) -> str:
    """A field's value as the user reads it."""
    if value is MISSING or value is None or value == "" or value == [] or value == {}:
        return _("(vide)")
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 300 else text[:300] + "…"


def field_text(clash: Clash) -> str:
    try:
        return field_names.describe(clash.path)
    except (IndexError, KeyError, TypeError, ValueError):  # a field the form does not show (kept from elsewhere)
        return ".".join(str(part) for part in clash.path)


class ConflictDialog(QDialog):
    def __init__(self, merged: Merged, by: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Dossier modifié sur un autre poste"))
        self.merged = merged
        self.groups: list[tuple[Clash, QButtonGroup]] = []
        intro = QLabel(ngettext(
            "{who} a enregistré ce dossier pendant que vous le modifiiez. Ses modifications qui ne touchent pas les "
            "vôtres sont reprises ({taken}). Ce champ a été modifié des deux côtés : choisissez la version à garder.",
            "{who} a enregistré ce dossier pendant que vous le modifiiez. Ses modifications qui ne touchent pas les "
            "vôtres sont reprises ({taken}). Ces {n} champs ont été modifiés des deux côtés : choisissez pour chacun "
            "la version à garder.", len(merged.clashes)).format(
            who=by or _("un autre poste"), n=len(merged.clashes),
            taken=ngettext("{n} champ", "{n} champs", len(merged.taken)).format(n=len(merged.taken))), self)
        intro.setWordWrap(True)
        body = QWidget(self)
        rows = QVBoxLayout(body)
        for clash in merged.clashes:
            box = QGroupBox(field_text(clash), body)
            grid = QGridLayout(box)
            mine = QRadioButton(_("Garder la vôtre : {value}").format(value=shown_value(clash.mine)), box)
            theirs = QRadioButton(_("Prendre la sienne : {value}").format(value=shown_value(clash.theirs)), box)
            mine.setChecked(True)
            group = QButtonGroup(box)
            group.addButton(mine, 0)
            group.addButton(theirs, 1)
            grid.addWidget(mine, 0, 0)
            grid.addWidget(theirs, 1, 0)
            rows.addWidget(box)
            self.groups.append((clash, group))
        rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(_("Enregistrer ces choix"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(_("Plus tard"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 100, 420)

    def choices(self) -> dict[Any, str]:
        return {clash.path: "theirs" if group.checkedId() == 1 else "mine" for clash, group in self.groups}
