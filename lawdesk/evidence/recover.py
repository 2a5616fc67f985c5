"""The recovery chain of a PDF pièce: what a reader opens, LawDesk uses.

Each step gives PDF bytes that then go through the same bounded, inert copy
(lawdesk.evidence.pdf_inert); the first that succeeds is used:

1. the file as it is (pypdf);
2. the file repaired by qpdf (cross-reference table rebuilt, a new page tree made of the pages it
   finds; streams copied without being decoded), for files pypdf cannot read or copy;
3. the pages redrawn by poppler (`pdftocairo -pdf`), for files only poppler can read; the user is
   told, since the text layer may be lost.

A limit (lawdesk.evidence.limits) or a password refuses the file at once: a later step would only
hand a bomb to another program. qpdf and poppler run as separate programs under a timeout and
memory ceiling (lawdesk.evidence.external). A file is refused only when no step could read it, and
the message names each step and why it failed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lawdesk.errors import EvidenceError
from lawdesk.evidence.external import ToolFailed, output_of, run_bounded
from lawdesk.evidence.limits import MAX_PAGES
from lawdesk.evidence.pdf_inert import inert_pdf
from lawdesk.evidence.pdf_open import Unreadable
from lawdesk.i18n import _

# qpdf's exit status 3: it read the file with warnings, i.e. it had to repair it.
_QPDF_REPAIRED = 3


@dataclass(frozen=True)
class _Source:
    pdf: bytes
    warning: str | None = None


def _as_is(path: Path, shown_as: str) -> _Source:
    return _Source(path.read_bytes())


def _repaired_by_qpdf(path: Path, shown_as: str) -> _Source:
    with tempfile.TemporaryDirectory(prefix="lawdesk-qpdf-") as folder:
        out = Path(folder) / "repaired.pdf"
        # --pages: a new page tree made of the pages qpdf finds (direct page objects, wrong node types...)
        status = run_bounded(["qpdf", "--decode-level=none", "--object-streams=disable", "--empty", "--pages", str(path), "--",
                              str(out)], ok_codes=(0, _QPDF_REPAIRED))
        pdf = output_of(out)
    if status == _QPDF_REPAIRED:
        return _Source(pdf, _("PDF endommagé, réparé par LawDesk : vérifiez dans le dossier qu'il n'y manque aucune page"))
    return _Source(pdf)  # a sound file that pypdf alone could not copy: nothing to tell the user


def _redrawn_by_poppler(path: Path, shown_as: str) -> _Source:
    with tempfile.TemporaryDirectory(prefix="lawdesk-poppler-") as folder:
        out = Path(folder) / "redrawn.pdf"
        run_bounded(["pdftocairo", "-pdf", "-l", str(MAX_PAGES + 1), str(path), str(out)])
        pdf = output_of(out)
    return _Source(pdf, _("PDF endommagé : ses pages ont été redessinées d'après ce qu'en affiche un lecteur PDF ; "
                          "vérifiez-les dans le dossier (le texte peut ne plus être sélectionnable ni consultable par recherche)"))


@dataclass(frozen=True)
class Step:
    name: Callable[[], str]
    source: Callable[[Path, str], _Source]


STEPS = (
    Step(lambda: _("lecture directe"), _as_is),
    Step(lambda: _("réparation par qpdf"), _repaired_by_qpdf),
    Step(lambda: _("pages redessinées par poppler"), _redrawn_by_poppler),
)


def recovered_inert_pdf(path: Path, shown_as: str) -> tuple[bytes, list[str]]:
    """The pièce as an inert PDF from the first step of the chain that reads it, with its warnings."""
    failures: list[tuple[Step, str]] = []
    for step in STEPS:
        try:
            source = step.source(path, shown_as)
            pdf, warnings = inert_pdf(source.pdf, shown_as)
        except Unreadable as exc:
            failures.append((step, exc.reason if not failures else _short(exc.reason)))
        except ToolFailed as exc:
            failures.append((step, str(exc)))
        else:
            return pdf, ([source.warning] if source.warning else []) + warnings
    raise EvidenceError(shown_as, _refusal(failures))


def _refusal(failures: list[tuple[Step, str]]) -> str:
    first = failures[0][1]
    tried = " ; ".join(_("{step} : {reason}").format(step=step.name(), reason=reason) for step, reason in failures[1:])
    return _("{reason} (aucune étape de récupération n'a pu le lire — {tried})").format(reason=first, tried=tried)


def _short(reason: str) -> str:
    """A step's reason without the advice that the first one already gives."""
    return reason.split(" : ", 1)[0] if " : " in reason else reason
