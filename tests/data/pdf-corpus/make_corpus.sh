#!/usr/bin/env bash
# Makes the PDF corpus of tests/test_evidence_corpus.py with real producers (see README.md here).
# Not run in CI (texlive, Chromium and ImageMagick cost minutes to install): run it by hand on
# Debian 12 with texlive-latex-base texlive-latex-recommended chromium imagemagick ghostscript
# libreoffice-writer-nogui qpdf and LawDesk's .venv, then commit the PDFs it writes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
py="$root/.venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export SOURCE_DATE_EPOCH=1700000000 FORCE_SOURCE_DATE=1 TZ=UTC

# --- pdflatex + hyperref: /OpenAction /GoTo, internal links, bookmarks, object streams (PDF 1.5) ---
cat > decision.tex <<'TEX'
\documentclass[a4paper,11pt]{article}
\usepackage[T1]{fontenc}\usepackage[utf8]{inputenc}
\usepackage{hyperref}
\begin{document}
\title{Tribunal administratif de Melun -- Ordonnance n\textsuperscript{o} 2412345}\date{9 décembre 2024}\maketitle
\tableofcontents
\section{Faits}\label{faits}
Mme Diallo a tenté à plusieurs reprises de déposer sa demande sur le téléservice ANEF (voir section~\ref{motifs}).
\section{Motifs}\label{motifs}
Il résulte de l'instruction que le téléservice n'a pas permis le dépôt de la demande (section~\ref{faits}).
\newpage
\section{Dispositif}
Il est enjoint au préfet d'enregistrer la demande dans un délai de quinze jours.
\end{document}
TEX
pdflatex -interaction=batchmode -halt-on-error decision.tex >/dev/null; pdflatex -interaction=batchmode -halt-on-error decision.tex >/dev/null
cp decision.pdf "$here/pdflatex-hyperref.pdf"
# The same with a web link: an external URI, reported.
sed 's/(voir section~\\ref{motifs})/(voir \\url{https:\/\/www.service-public.fr\/})/' decision.tex > web.tex
pdflatex -interaction=batchmode -halt-on-error web.tex >/dev/null; pdflatex -interaction=batchmode -halt-on-error web.tex >/dev/null
cp web.pdf "$here/pdflatex-web-link.pdf"

# --- LibreOffice: a letter with a table of contents (internal links, bookmarks), and a form ---
cat > lettre.html <<'HTML'
<html><head><meta charset="utf-8"><title>Courrier</title></head><body>
<h1>Sommaire</h1><p><a href="#objet">Objet</a> — <a href="#demande">Demande</a></p>
<h1 id="objet">Objet</h1><p>Demande de rendez-vous pour le renouvellement d'un titre de séjour, le 15 octobre 2024.</p>
<h1 id="demande">Demande</h1><p>Je vous prie de bien vouloir enregistrer ma demande.</p></body></html>
HTML
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}' lettre.html >/dev/null 2>&1
cp lettre.pdf "$here/libreoffice-links.pdf"
cat > formulaire.html <<'HTML'
<html><head><meta charset="utf-8"><title>Formulaire</title></head><body>
<h1>Formulaire de contact</h1>
<form action="https://www.example.org/envoyer" method="post">
<p>Nom : <input type="text" name="nom" value="Diallo"></p>
<p>Message : <input type="text" name="message" value="Erreur technique"></p>
<p><input type="submit" value="Envoyer"></p></form></body></html>
HTML
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"ExportFormFields":{"type":"boolean","value":"true"}}' formulaire.html >/dev/null 2>&1
cp formulaire.pdf "$here/libreoffice-form.pdf"

# --- Chromium: print to PDF (tagged, internal anchor links) ---
cp lettre.html chromium.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/chromium.pdf" "file://$work/chromium.html" >/dev/null 2>&1
cp chromium.pdf "$here/chromium-print.pdf"

# --- Ghostscript: ps2pdf, also as PDF 2.0 ---
cat > courrier.ps <<'PS'
%!PS
/Helvetica findfont 14 scalefont setfont
72 760 moveto (Prefecture du Val-de-Marne - accuse de reception) show
72 730 moveto (Votre demande du 15 octobre 2024 a bien ete recue.) show
showpage
PS
ps2pdf courrier.ps "$here/ghostscript-ps2pdf.pdf"
ps2pdf -dCompatibilityLevel=2.0 courrier.ps "$here/ghostscript-pdf20.pdf"

# --- Pictures: a screenshot through img2pdf, a photo through ImageMagick, a CMYK photo, a CCITT G4 scan ---
"$py" - "$work" <<'PYTHON'
import sys
from pathlib import Path
from PIL import Image, ImageDraw, ImageFont

work = Path(sys.argv[1])
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
lines = ["Administration numérique pour les étrangers", "Une erreur technique est survenue",
         "Veuillez réessayer ultérieurement", "Le 9 décembre 2024 à 14:32"]

def draw(mode, size, colour):
    image = Image.new(mode, size, colour)
    pen = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        pen.text((80, 120 + 70 * index), line, font=font, fill=0 if mode in ("1", "L") else "black")
    return image

draw("RGB", (1280, 800), "white").save(work / "capture.png")
draw("RGB", (1400, 900), (235, 230, 220)).save(work / "photo.jpg", quality=85)
draw("RGB", (1400, 900), "white").convert("CMYK").save(work / "cmyk.jpg", quality=90)
draw("1", (2480, 1200), 1).save(work / "scan.tif", compression="group4", dpi=(300, 300))
PYTHON
"$root/.venv/bin/img2pdf" --nodate -o "$here/img2pdf-screenshot.pdf" capture.png
# Debian's ImageMagick policy forbids its "PDF" coder; "PDFA" is the same writer (PDF/A flavour).
convert photo.jpg -density 150 "PDFA:$here/imagemagick-photo.pdf"
convert cmyk.jpg -density 150 "PDFA:$here/imagemagick-cmyk.pdf"
"$root/.venv/bin/img2pdf" --nodate -o "$here/img2pdf-ccitt-scan.pdf" scan.tif

# --- Structure: object streams, linearised, incremental update, broken cross-reference table ---
qpdf --object-streams=generate "$here/libreoffice-links.pdf" "$here/qpdf-object-streams.pdf"
qpdf --linearize "$here/ghostscript-ps2pdf.pdf" "$here/qpdf-linearized.pdf"
"$py" - "$here" <<'PYTHON'
import sys
from pathlib import Path
from pypdf import PdfWriter
from pypdf.annotations import Text

here = Path(sys.argv[1])
writer = PdfWriter(here / "ghostscript-ps2pdf.pdf", incremental=True)  # pypdf appends an update section
writer.add_annotation(0, Text(text="Reçu le 16 octobre 2024", rect=(400, 700, 420, 720)))
writer.write(here / "pypdf-incremental-update.pdf")

# Every offset of the cross-reference table shifted by 7 bytes: readers rebuild the table.
data = bytearray((here / "ghostscript-ps2pdf.pdf").read_bytes())
import re
start = data.rindex(b"\nxref") + 1
table = data[start:data.index(b"trailer", start)]
fixed = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), table)
(here / "broken-xref.pdf").write_bytes(bytes(data[:start] + fixed + data[start + len(table):]))
PYTHON
# --- The two files of issue 16, made again ---
# A valid CMYK PDF (qpdf --check: no error) whose page is a direct object in /Kids: pypdf cannot copy it.
"$py" - "$here" <<'PYTHON'
import sys
from pathlib import Path
import pikepdf

here = Path(sys.argv[1])
pdf = pikepdf.open(here / "imagemagick-cmyk.pdf")
page = pdf.Root.Pages.Kids[0]
pdf.Root.Pages.Kids = pikepdf.Array([pikepdf.Dictionary({key: page[key] for key in page.keys()})])
pdf.save(here / "cmyk-direct-page.pdf", object_stream_mode=pikepdf.ObjectStreamMode.disable)
PYTHON
# A 4-page Ghostscript file with a broken page tree: its /Pages node says /Type /Page (qpdf repairs it);
# the same whose catalog points at a page instead of the page tree (only poppler reads it, one page).
cat > four.ps <<'PS'
%!PS
/Helvetica findfont 14 scalefont setfont
1 1 4 { /n exch def 72 760 moveto (Attestation employeur - page ) show n 3 string cvs show showpage } for
PS
ps2pdf four.ps four.pdf && qpdf --qdf --object-streams=disable four.pdf four-qdf.pdf
"$py" - "$here" "$work/four-qdf.pdf" <<'PYTHON'
import sys
from pathlib import Path

here, data = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes()
(here / "broken-page-tree.pdf").write_bytes(data.replace(b"/Type /Pages", b"/Type /Page "))
(here / "catalog-points-at-a-page.pdf").write_bytes(data.replace(b"/Pages 5 0 R", b"/Pages 6 0 R"))
PYTHON
echo "corpus written in $here"
