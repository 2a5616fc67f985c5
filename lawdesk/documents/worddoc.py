"""The editable DOCX of a document: its rendered HTML poured into a Word shell with docxtpl.

The shell (templates/docx/<family>.docx, or a clinic's) gives the styles, header and footer;
the body placeholder ``{{p body }}`` receives the document's paragraphs. docxtpl renders with
a sandboxed, autoescaping environment: the only raw XML inserted is the one built by
`wordml` from escaped text.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import jinja2
from docx.enum.style import WD_STYLE_TYPE
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from lawdesk.documents.docxfonts import ARABIC, SERIF, embed_fonts, wants_embedded_fonts
from lawdesk.documents.htmlblocks import html_blocks
from lawdesk.documents.wordml import has_arabic, paragraphs_xml
from lawdesk.errors import TemplateError
from lawdesk.i18n import _, ngettext

_SHELL_ENVIRONMENT = SandboxedEnvironment(autoescape=True)


@lru_cache(maxsize=8)
def _shell_bytes(path: Path, mtime_ns: int) -> bytes:
    """The shell file's content, read once per version of the file."""
    return path.read_bytes()


def _open_shell(path: Path) -> DocxTemplate:
    try:
        content = _shell_bytes(path, path.stat().st_mtime_ns)
        template = DocxTemplate(io.BytesIO(content))
        template.init_docx()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(_("modèle Word {file} illisible ({reason}) ; enregistrez-le au format .docx "
                              "ou retirez-le du dossier des modèles").format(file=path, reason=exc)) from None
    return template


def _style_ids(template: DocxTemplate, path: Path, needed: set[str]) -> dict[str, str]:
    ids = {style.name: style.style_id for style in template.get_docx().styles
           if style.type == WD_STYLE_TYPE.PARAGRAPH}
    missing = sorted(needed - set(ids))
    if missing:
        raise TemplateError(ngettext(
            "modèle Word {file} : style {styles} absent ; ajoutez-le dans Word (Styles > Nouveau style) ou partez du modèle fourni",
            "modèle Word {file} : styles {styles} absents ; ajoutez-les dans Word (Styles > Nouveau style) ou partez du modèle fourni",
            len(missing)).format(file=path, styles=", ".join(f"« {name} »" for name in missing)))
    return ids


def render_docx(html: str, shell: Path, reference: str, title: str) -> bytes:
    """The DOCX whose paragraphs are those of `html`, styled by the shell's named styles."""
    blocks = html_blocks(html)
    template = _open_shell(shell)
    ids = _style_ids(template, shell, {block.style for block in blocks})
    body = Markup(paragraphs_xml(blocks, ids))
    try:
        template.render({"body": body, "reference": reference, "title": title}, jinja_env=_SHELL_ENVIRONMENT)
    except jinja2.TemplateError as exc:
        raise TemplateError(_("modèle Word {file} : balise de modèle invalide ({reason}) ; corrigez-la dans Word "
                              "ou partez du modèle fourni").format(file=shell, reason=exc)) from None
    document = template.docx  # not get_docx(): it reloads a rendered template
    properties = document.core_properties
    properties.title = title
    # A clinic's own Word shell must not sign the filing with whoever last saved that shell.
    properties.author = properties.last_modified_by = ""
    if wants_embedded_fonts(document):
        embed_fonts(document, [SERIF, ARABIC] if has_arabic(blocks) else [SERIF])
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
