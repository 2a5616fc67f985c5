"""Checks a dossier written by the frozen application (run by packaging/smoke.sh, outside the app).

    python packaging/check_dossier.py OUT_FOLDER "NAME" ["NAME" ...] [--font TEXT]

OUT_FOLDER is what `lawdesk build CASE -o OUT_FOLDER` wrote. For the bundle PDF (named in
report.json) and every PDF in documents/:
- the page count is above 0, and for the bundle equals report.json's "pages";
- the bundle has bookmarks;
- `pdffonts` says "yes" in the emb column for every font;
- no glyph is missing: every glyph a font uses (its ToUnicode entries) exists in the embedded
  font program (WeasyPrint draws a character no font has with a glyph number past the end of
  the font, or 0, while its text layer still reads right: pdftotext alone cannot see it);
- `pdftotext` gives back each NAME exactly (the applicant's family name and given names);
- with --font TEXT, each document embeds a font whose name contains TEXT (e.g. "Arabic" when
  the case has Arabic text).
Needs pypdf and fontTools (the project's dependencies) and poppler-utils. Prints one line per
check; exit status 1 when any failed.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

failures = 0


def report(ok: bool, what: str) -> None:
    global failures
    failures += not ok
    print(f"    {'ok  ' if ok else 'FAIL'} {what}", flush=True)


def pdffonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for every line of `pdffonts`."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    header, rule = lines[0], lines[1]
    emb_at = header.index("emb")
    return [(line.split()[0], line[emb_at:emb_at + 3].strip()) for line in lines[2:] if line.strip()]


def used_glyphs(cmap_stream: bytes) -> set[int]:
    """Glyph codes a ToUnicode CMap maps (bfchar codes and bfrange spans)."""
    text = cmap_stream.decode("latin-1")
    codes: set[int] = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        codes.update(int(code, 16) for code in re.findall(r"<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]*>", block))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            codes.update(range(int(low, 16), int(high, 16) + 1))
    return codes


def missing_glyphs(reader: PdfReader) -> list[str]:
    """'font: glyph numbers' for every CID font that uses glyphs its embedded program lacks."""
    problems, seen = [], set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            key = getattr(ref, "idnum", id(font))
            if key in seen or font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
                continue
            seen.add(key)
            cid_font = font["/DescendantFonts"][0].get_object()
            if cid_font.get("/CIDToGIDMap", "/Identity") != "/Identity":
                continue  # codes are not glyph numbers: nothing simple to compare
            file = cid_font["/FontDescriptor"].get_object().get("/FontFile2")
            if file is None:
                continue
            glyph_count = TTFont(io.BytesIO(file.get_object().get_data()), lazy=True)["maxp"].numGlyphs
            bad = sorted(code for code in used_glyphs(font["/ToUnicode"].get_object().get_data())
                         if code == 0 or code >= glyph_count)
            if bad:
                problems.append(f"{font.get('/BaseFont')}: glyphs {bad[:10]} (font has {glyph_count})")
    return problems


def check_pdf(path: Path, names: list[str], is_bundle: bool, report_pages: int | None, font: str | None) -> None:
    print(f"  {path.name}")
    reader = PdfReader(path)
    pages = len(reader.pages)
    if is_bundle:
        report(pages > 0 and pages == report_pages, f"{pages} pages, report.json says {report_pages}")
        outline = reader.outline
        report(len(outline) > 0, f"{len(outline)} top-level bookmarks")
    else:
        report(pages > 0, f"{pages} pages")
    fonts = pdffonts(path)
    not_embedded = [name for name, emb in fonts if emb != "yes"]
    report(bool(fonts) and not not_embedded,
           f"{len(fonts)} fonts, all embedded" if not not_embedded else f"fonts NOT embedded: {not_embedded}")
    if font and not is_bundle:
        report(any(font in name for name, _emb in fonts), f"a {font} font is embedded")
    problems = missing_glyphs(reader)
    report(not problems, "no missing glyph" if not problems else "missing glyphs: " + "; ".join(problems))
    text = unicodedata.normalize("NFC", subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                                       capture_output=True, text=True, check=True).stdout)
    for name in names:
        report(unicodedata.normalize("NFC", name) in text, f"pdftotext finds {name!r}")


def main(out: Path, names: list[str], font: str | None = None) -> int:
    report_file = out / "report.json"
    if not report_file.is_file():
        report(False, f"{report_file} exists")
        return 1
    data = json.loads(report_file.read_text(encoding="utf-8"))
    bundle = out / data["bundle"]
    report(bundle.is_file(), f"bundle {data['bundle']} written")
    if bundle.is_file():
        check_pdf(bundle, names, True, data.get("pages"), font)
    documents = sorted((out / "documents").glob("*.pdf"))
    report(bool(documents), f"{len(documents)} document PDF(s) in documents/")
    for document in documents:
        check_pdf(document, names, False, None, font)
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Checks a dossier written by LawDesk.")
    parser.add_argument("out", type=Path)
    parser.add_argument("names", nargs="+")
    parser.add_argument("--font")
    arguments = parser.parse_intermixed_args()
    sys.exit(main(arguments.out, arguments.names, arguments.font))
