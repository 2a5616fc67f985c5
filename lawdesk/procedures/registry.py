"""What a document of the registry declares: its template, where it fits, its rules, its filing.

A procedure is one module of `lawdesk.procedures` that builds a `Document`; the registry lists
them in bundle order. Everything that differs from one document to another lives there, so that
adding one is adding a module and its template, not editing the build, the window or the checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lawdesk.errors import Problem
from lawdesk.timeline import Situation, Timeline

Rules = Callable[[Timeline, dict[str, Any]], list[Problem]]
# (timeline on the document's date, case data, the shared context) -> what this document's template adds
Context = Callable[[Timeline, dict[str, Any], dict[str, Any]], dict[str, Any]]

BEFORE_DECISION = frozenset({Situation.NOT_REGISTERED, Situation.UNDER_INSTRUCTION})
AFTER_DECISION = frozenset({Situation.IMPLICIT_REJECTION, Situation.DECISION})
ANY_SITUATION = BEFORE_DECISION | AFTER_DECISION


def _no_rules(_t: Timeline, _data: dict[str, Any]) -> list[Problem]:
    return []


@dataclass(frozen=True)
class Filing:
    """A requête filed with the tribunal administratif: its own Télérecours folder (R. 414-5 CJA),
    the requête first (`00_<requete>.pdf`), then one file per pièce."""

    folder: str
    requete: str
    copy_title: str = ""  # its title as a pièce of another filing (« Copie de la requête en annulation »)


@dataclass(frozen=True)
class Document:
    """One document LawDesk writes.

    `title` is its legal title (bundle, bookmark, file names: French whatever the interface
    language); `label` its name in the interface (translated with `_()` where shown); `family`
    names the Word shell (templates/docx/<family>.docx). `situations` are the situations of the
    procedure it fits; `unfit` says why it does not fit the others, with the text it rests on.
    `needs` are documents that must be in the same dossier or already sent (a step); `carries`
    those of the same dossier its filing joins as pièces (R. 522-1 CJA).
    """

    id: str
    title: str
    label: str
    family: str
    template: str
    situations: frozenset[Situation]
    unfit: str
    subject: str
    filing: Filing | None = None
    needs: tuple[str, ...] = ()
    carries: tuple[str, ...] = ()
    rules: Rules = _no_rules
    context: Context | None = None
    bookmark: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def docx_shell(self) -> str:
        return f"docx/{self.family}.docx"

    @property
    def is_filing(self) -> bool:
        return self.filing is not None

    def carried(self, dossier: list[str], sent: set[str]) -> list[str]:
        """The documents of this dossier its filing joins as pièces, after the case's own: those
        already sent are pièces of the case (the step's), not joined again."""
        return [d for d in self.carries if d in dossier and d not in sent]

    def fits(self, situation: Situation) -> bool:
        return situation in self.situations
