"""Section « Envois et échéances »: what was sent and when (the letter to the prefect, the referral
to the Défenseure, a requête…), with its avis de réception, its pièces and the answer; and, from the
case as it stands today, the situation of the request, every deadline with the days left and its
legal basis, and the next step (lawdesk.timeline)."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from lawdesk.i18n import _
from lawdesk.status import days_left
from lawdesk.timeline import shown, timeline
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.editors import step_records
from lawdesk.ui.form.facts import CitingSection

SOON_DAYS = 7  # a deadline this close is shown in red
SUMMARY_LINES = 12  # the summary keeps this height whatever it says: the list below never moves


def timeline_html(data: dict[str, Any], today: dt.date) -> str:
    """The situation on `today`, the next step, then each deadline to come and each one passed, with its
    date, the days left and its basis."""
    t = timeline(data, today)
    parts = [f"<p><b>{html.escape(_('Situation au {date}').format(date=shown(today)))} :</b> "
             f"{html.escape(t.situation.label())}</p>",
             f"<p><b>{html.escape(_('Prochaine étape'))} :</b> {html.escape(t.next_step)}</p>"]
    coming = [d for d in t.deadlines if d.days_left(today) >= 0]
    passed = [d for d in t.deadlines if d.days_left(today) < 0][::-1]  # the most recent first
    for title, deadlines in ((_("Échéances à venir"), coming), (_("Échéances passées"), passed)):
        if not deadlines:
            continue
        rows = []
        for deadline in deadlines:
            left = deadline.days_left(today)
            colour = "#7a828e" if left < 0 else ("#b3261e" if left <= SOON_DAYS else "#1c2430")
            rows.append(
                f"<tr><td style='padding:2px 10px 2px 0'><b>{html.escape(shown(deadline.date))}</b><br>"
                f"<span style='color:{colour}'>{html.escape(days_left(deadline, today))}</span></td>"
                f"<td style='padding:2px 0'>{html.escape(deadline.what)}<br>"
                f"<span style='color:#5b6472'>{html.escape(deadline.basis)}</span></td></tr>")
        parts.append(f"<p><b>{html.escape(title)}</b></p><table>{''.join(rows)}</table>")
    if not t.deadlines:
        parts.append(f"<p>{html.escape(_('Aucune échéance datée pour l’instant.'))}</p>")
    return "".join(parts)


class TimelineSummary(QTextBrowser):
    """The timeline of the case today, in a box of fixed height (it scrolls when long)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setOpenLinks(False)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * SUMMARY_LINES + 16)

    def show_case(self, data: dict[str, Any], today: dt.date) -> None:
        position = self.verticalScrollBar().value()
        self.setHtml(timeline_html(data, today))
        self.verticalScrollBar().setValue(position)


class StepsSection(CitingSection):
    index = 8

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(_("Enregistrez chaque envoi le jour où il part : la lettre au préfet, la saisine de la "
                           "Défenseure des droits, une requête… avec le numéro du recommandé, la date de l'avis de "
                           "réception et les pièces qui le prouvent, puis la réponse. Les échéances en découlent."),
                         data, catalog, step_records)

    def build_top(self) -> None:
        self.summary = TimelineSummary()
        self.body.addWidget(self.summary)

    def load(self) -> None:
        super().load()
        self.follow_case()

    def follow_case(self) -> None:
        self.summary.show_case(self.data, dt.date.today())
