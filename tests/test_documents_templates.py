"""A clinic's template folder: per-file fallback to the built-in templates, clear errors for a
malformed override, and the Word shell's styles."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from lawdesk.documents import render_document
from lawdesk.documents.environment import environment
from lawdesk.documents.htmlblocks import STYLES
from lawdesk.errors import LawdeskError, TemplateError
from lawdesk.paths import templates_dir
from lawdesk.procedures import DOCUMENTS
from tests.test_documents_cases import case_of, demo, docx_text, flat, info_of, martinique_arabic, pdf_text, rendered

LETTER = """{% extends "common/document.html.j2" %}
{% block content %}
<p class="adresse">Cabinet Exemple</p>
<p>Lettre de {{ applicant.designation }} au {{ department.prefect }}.</p>
{% endblock %}
"""


def _render(doc_id: str, folder: Path) -> tuple[str, str]:
    data = demo()
    document = render_document(case_of(data), doc_id, info_of(data), folder)
    return flat(pdf_text(document.pdf)), flat(docx_text(document.docx))


def test_override_is_used_and_other_templates_fall_back(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "prefecture.html.j2").write_text(LETTER, encoding="utf-8")
    pdf, word = _render("prefecture", tmp_path)
    for text in (pdf, word):
        assert "Cabinet Exemple Lettre de Mme Aïssatou Binta DIALLO au préfet de la Seine-Saint-Denis." in text
    pdf, word = _render("refere", tmp_path)
    assert "REQUÊTE EN RÉFÉRÉ MESURES UTILES" in pdf and "REQUÊTE EN RÉFÉRÉ MESURES UTILES" in word


def test_override_of_a_shared_block_and_of_the_word_shell(tmp_path: Path) -> None:
    (tmp_path / "common").mkdir()
    macros = (templates_dir() / "common" / "macros.html.j2").read_text(encoding="utf-8")
    (tmp_path / "common" / "macros.html.j2").write_text(
        macros.replace("Je vous prie d’agréer", "Veuillez agréer"), encoding="utf-8")
    (tmp_path / "docx").mkdir()
    shell = docx.Document(str(templates_dir() / "docx" / "letters.docx"))
    shell.styles["LawDesk Corps"].font.size = docx.shared.Pt(13)
    shell.save(str(tmp_path / "docx" / "letters.docx"))
    data = demo()
    document = render_document(case_of(data), "defenseur", info_of(data), tmp_path)
    word = docx.Document(io.BytesIO(document.docx))
    assert word.styles["LawDesk Corps"].font.size == docx.shared.Pt(13)
    assert any(p.text.startswith("Madame la Défenseure des droits,") for p in word.paragraphs)


@pytest.mark.parametrize("source,line,words", [
    ("{% extends 'common/document.html.j2' %}\n{% block content %}\n<p>{{ applicant.name </p>\n{% endblock %}", 3, "ligne 3"),
    ("{% extends 'common/document.html.j2' %}\n{% block content %}\n\n<p>{{ applicant.name|inconnu }}</p>\n{% endblock %}", 4, "filtre inconnu « inconnu »"),
    ("{% extends 'common/document.html.j2' %}\n{% block content %}\n<p>{% if x %}</p>\n", 3, "n’est pas fermée"),
    ("{% extends 'common/document.html.j2' %}\n{% block content %}\n\n\n<p>{{ applicant.surnom }}</p>\n{% endblock %}", 5, "champ inconnu « surnom »"),
])
def test_malformed_override_names_file_and_line(tmp_path: Path, source: str, line: int, words: str) -> None:
    (tmp_path / "filings").mkdir()
    path = tmp_path / "filings" / "refere.html.j2"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _render("refere", tmp_path)
    message = caught.value.message
    assert str(path) in message and f"ligne {line}" in message and words in message
    assert "modèle" in message and "Traceback" not in message


def test_sandbox_refuses_unsafe_template_code(tmp_path: Path) -> None:
    (tmp_path / "filings").mkdir()
    (tmp_path / "filings" / "refere.html.j2").write_text(
        "{% extends 'common/document.html.j2' %}{% block content %}\n"
        "{{ applicant.__class__.__init__.__globals__ }}{% endblock %}", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _render("refere", tmp_path)
    assert "ligne 2" in caught.value.message


def test_word_shell_without_the_styles_is_reported(tmp_path: Path) -> None:
    (tmp_path / "docx").mkdir()
    docx.Document().save(str(tmp_path / "docx" / "filings.docx"))
    with pytest.raises(TemplateError) as caught:
        _render("refere", tmp_path)
    assert "filings.docx" in caught.value.message and "« LawDesk Titre »" in caught.value.message


def test_unreadable_word_shell_is_reported(tmp_path: Path) -> None:
    (tmp_path / "docx").mkdir()
    (tmp_path / "docx" / "letters.docx").write_bytes(b"not a docx")
    with pytest.raises(TemplateError) as caught:
        _render("prefecture", tmp_path)
    assert "letters.docx" in caught.value.message


def test_unknown_document_is_a_user_error() -> None:
    data = demo()
    with pytest.raises(LawdeskError) as caught:
        render_document(case_of(data), "recours", info_of(data))
    assert "recours" in caught.value.message and "prefecture" in caught.value.message


def test_registry_and_built_in_templates_agree() -> None:
    from lawdesk.case.validate import case_schema

    assert list(DOCUMENTS) == ["prefecture", "defenseur", "refere", "motifs", "annulation", "suspension"]
    schema = case_schema()["properties"]
    assert schema["documents"]["items"]["enum"] == list(DOCUMENTS)  # the published schema knows every document
    assert list(schema["notes"]["properties"]) == list(DOCUMENTS)
    for spec in DOCUMENTS.values():
        assert (templates_dir() / spec.template).is_file()
        shell = docx.Document(str(templates_dir() / spec.docx_shell))
        assert set(STYLES) <= {style.name for style in shell.styles}


def test_environments_are_cached_per_template_folder(tmp_path: Path) -> None:
    assert environment(None) is environment(None)
    assert environment(tmp_path) is environment(tmp_path) is not environment(None)


def test_a_template_edited_on_disk_is_reloaded(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    path = tmp_path / "letters" / "prefecture.html.j2"
    path.write_text(LETTER, encoding="utf-8")
    assert "Cabinet Exemple" in _render("prefecture", tmp_path)[1]
    shutil.copy(templates_dir() / "letters" / "prefecture.html.j2", path)
    os.utime(path, (path.stat().st_atime + 5, path.stat().st_mtime + 5))
    assert "Cabinet Exemple" not in _render("prefecture", tmp_path)[1]


_RENDER_COUNTING_COMPILES = """
import json, sys
from pathlib import Path
import jinja2
compiled = []
compile_template = jinja2.Environment.compile
jinja2.Environment.compile = lambda self, source, name=None, *a, **k: compiled.append(name) or compile_template(self, source, name, *a, **k)
from lawdesk.documents import render_document
from tests.test_documents_cases import case_of, demo, docx_text, flat, info_of
data = demo()
folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None
document = render_document(case_of(data), "prefecture", info_of(data), folder)
print(json.dumps({"compiled": [name for name in compiled if name], "text": flat(docx_text(document.docx))}))
"""


def _render_in_a_new_process(cache: Path, *folder: Path) -> dict:
    import json
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-c", _RENDER_COUNTING_COMPILES, *map(str, folder)], capture_output=True,
                               text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent,
                               env={**os.environ, "XDG_CACHE_HOME": str(cache)})
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_templates_compiled_by_one_process_are_not_compiled_again_by_the_next(tmp_path: Path) -> None:
    first = _render_in_a_new_process(tmp_path / "cache")
    assert "letters/prefecture.html.j2" in first["compiled"]
    again = _render_in_a_new_process(tmp_path / "cache")
    assert again == {"compiled": [], "text": first["text"]}
    assert list((tmp_path / "cache").rglob("*.cache"))  # in the user's cache folder, never the case's


def test_a_template_edited_after_it_was_compiled_is_compiled_again(tmp_path: Path) -> None:
    (tmp_path / "modeles" / "letters").mkdir(parents=True)
    path = tmp_path / "modeles" / "letters" / "prefecture.html.j2"
    path.write_text(LETTER, encoding="utf-8")
    assert "Cabinet Exemple" in _render_in_a_new_process(tmp_path / "cache", tmp_path / "modeles")["text"]
    path.write_text(LETTER.replace("Cabinet Exemple", "Permanence juridique"), encoding="utf-8")
    edited = _render_in_a_new_process(tmp_path / "cache", tmp_path / "modeles")
    assert edited["compiled"] == ["letters/prefecture.html.j2"]
    assert "Permanence juridique" in edited["text"] and "Cabinet Exemple" not in edited["text"]


def test_a_cache_folder_that_cannot_be_used_only_means_compiling_again(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    for _ in range(2):
        rendered = _render_in_a_new_process(tmp_path / "fichier")
        assert "letters/prefecture.html.j2" in rendered["compiled"] and "Préfet" in rendered["text"]


def test_shell_asking_for_embedded_fonts_gets_them(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from fontTools.ttLib import TTFont

    (tmp_path / "docx").mkdir()
    shell = docx.Document(str(templates_dir() / "docx" / "filings.docx"))
    shell.settings.element.insert(0, parse_xml(f'<w:embedTrueTypeFonts {nsdecls("w")}/>'))
    shell.save(str(tmp_path / "docx" / "filings.docx"))
    data = martinique_arabic()
    content = render_document(case_of(data), "refere", info_of(data), tmp_path).docx
    package = zipfile.ZipFile(io.BytesIO(content))
    fonts = sorted(n for n in package.namelist() if n.endswith(".odttf"))
    assert len(fonts) == 6
    table = package.read("word/fontTable.xml").decode()
    key = re.search(r'<w:font w:name="Noto Naskh Arabic"><w:embedRegular r:id="rId\d+" w:fontKey="([^"]+)"', table)
    assert key
    data_ = bytearray(package.read("word/fonts/NotoNaskhArabic-Regular.odttf"))
    secret = bytes.fromhex(key.group(1).strip("{}").replace("-", ""))[::-1]
    for index in range(32):
        data_[index] ^= secret[index % 16]
    assert TTFont(io.BytesIO(bytes(data_)))["name"].getDebugName(1) == "Noto Naskh Arabic"
    assert not any(n.endswith(".odttf") for n in zipfile.ZipFile(io.BytesIO(rendered("martinique", "refere").docx)).namelist())
