"""The outcome of a batch: one row per case, OUT/batch-report.csv and the French summary."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lawdesk.fs import atomic_write_bytes
from lawdesk.errors import ExitStatus
from lawdesk.i18n import _, ngettext

REPORT_FILE = "batch-report.csv"
REPORT_HEADERS = ("line_or_folder", "reference", "status", "pages", "output", "messages", "situation", "next_deadline",
                  "next_deadline_what")
MESSAGE_SEPARATOR = " | "
Status = Literal["built", "skipped", "failed"]
_SUMMARY_FAILURES = 10


@dataclass(frozen=True)
class BatchRow:
    """One case: `line_or_folder` is the spreadsheet line (header = 1) or the case folder's name;
    `output` is the case's dossier folder relative to OUT."""

    line_or_folder: int | str
    reference: str
    status: Status
    pages: int | None = None
    output: str = ""
    messages: tuple[str, ...] = ()
    situation: str = ""  # lawdesk.timeline.Situation, on the day of the batch
    next_deadline: str = ""  # ISO date of the first deadline on or after that day
    next_deadline_what: str = ""

    def status_label(self) -> str:
        """The status in words: « constitué », « déjà à jour », « en échec »."""
        return {"built": _("constitué"), "skipped": _("déjà à jour"), "failed": _("en échec")}[self.status]

    def where(self) -> str:
        if isinstance(self.line_or_folder, int):
            label = _("ligne {line}").format(line=self.line_or_folder)
        else:
            label = self.line_or_folder
        return f"{label} ({self.reference})" if self.reference and self.reference != label else label


@dataclass
class BatchResult:
    """`total` cases in the input; `rows` for those processed, in input order (fewer than
    `total` when `cancelled`); `report` is OUT/batch-report.csv."""

    total: int
    rows: list[BatchRow] = field(default_factory=list)
    report: Path | None = None
    cancelled: bool = False

    def _count(self, status: Status) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def built(self) -> int:
        return self._count("built")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def exit_status(self) -> ExitStatus:
        """0 when every case is built or up to date, 1 when some failed or the batch was stopped."""
        return ExitStatus.BLOCKING if self.failed or self.cancelled else ExitStatus.OK

    def summary(self) -> str:
        lines = [
            # TRANSLATORS: the start of "4 cas : 2 dossiers constitués, 0 déjà à jour, 2 en échec".
            ngettext("{total} cas : ", "{total} cas : ", self.total).format(total=self.total)
            + ", ".join([
                ngettext("{n} dossier constitué", "{n} dossiers constitués", self.built).format(n=self.built),
                _("{n} déjà à jour").format(n=self.skipped),
                _("{n} en échec").format(n=self.failed),
            ])
        ]
        if self.cancelled:
            left = self.total - len(self.rows)
            lines.append(ngettext(
                "Traitement interrompu : {n} cas non traité ; relancez la même commande pour reprendre (les dossiers à jour ne sont pas refaits).",
                "Traitement interrompu : {n} cas non traités ; relancez la même commande pour reprendre (les dossiers à jour ne sont pas refaits).",
                left).format(n=left))
        failures = [row for row in self.rows if row.status == "failed"]
        if failures:
            lines.append(_("À corriger :"))
            for row in failures[:_SUMMARY_FAILURES]:
                first = row.messages[0] if row.messages else ""
                more = len(row.messages) - 1
                suffix = ngettext(" (et {n} autre problème)", " (et {n} autres problèmes)", more).format(n=more) if more > 0 else ""
                lines.append(f"  {row.where()} : {first}{suffix}")
            if len(failures) > _SUMMARY_FAILURES:
                others = len(failures) - _SUMMARY_FAILURES
                lines.append("  " + ngettext("… et {n} autre cas en échec", "… et {n} autres cas en échec", others).format(n=others))
        if self.report is not None:
            lines.append(_("Détail par cas : {path}").format(path=self.report))
        return "\n".join(lines)


def write_report(out: Path, rows: list[BatchRow]) -> Path:
    """OUT/batch-report.csv in UTF-8 with BOM and `;`, which French Excel opens as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(REPORT_HEADERS)
    for row in rows:
        writer.writerow([row.line_or_folder, row.reference, row.status, "" if row.pages is None else row.pages,
                         row.output, MESSAGE_SEPARATOR.join(row.messages), row.situation, row.next_deadline,
                         row.next_deadline_what])
    path = out / REPORT_FILE
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8-sig"))
    return path
