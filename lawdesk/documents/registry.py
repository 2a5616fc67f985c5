"""The documents LawDesk can write: a registry, so that adding a procedure is adding a template."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentSpec:
    """One document: its id in case.json, its title, its family and its Jinja2 template.

    The family names the Word shell (templates/docx/<family>.docx) whose styles, header and
    footer the editable version uses.
    """

    id: str
    title: str
    family: str
    template: str

    @property
    def docx_shell(self) -> str:
        return f"docx/{self.family}.docx"


DOCUMENTS: dict[str, DocumentSpec] = {
    spec.id: spec
    for spec in (
        DocumentSpec("prefecture", "Lettre au préfet", "letters", "letters/prefecture.html.j2"),
        DocumentSpec("defenseur", "Réclamation auprès de la Défenseure des droits", "letters",
                     "letters/defenseur.html.j2"),
        DocumentSpec("refere", "Requête en référé mesures utiles", "filings", "filings/refere.html.j2"),
    )
}
