"""Write the evidence files of the demo case (examples/demo-case/pieces), from code.

Every kind of evidence LawDesk accepts appears once at least: PDF (a scan, text documents,
a landscape page), PNG and GIF screenshots, a lossy WebP, a phone photo (JPEG stored
sideways with EXIF orientation 6 and GPS coordinates, which the dossier must drop), an
iPhone-style HEIC photo, a two-page fax-like TIFF and an e-mail (.eml). All people,
numbers and organisations are fictitious. The output is deterministic; run again after
changing this script:

    python scripts/make_demo_case.py
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import random
import sys
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdesk.case.pieces import piece_files  # noqa: E402
from lawdesk.htmlpdf import render_pdf  # noqa: E402
from lawdesk.paths import resource  # noqa: E402

CASE_DIR = ROOT / "examples" / "demo-case"
PIECES = CASE_DIR / "pieces"
MAX_TOTAL_BYTES = 1_500_000
# Embedded font subsets carry a timestamp; fontTools takes it from here (reproducible builds).
FIXED_TIMESTAMP = "1735689600"
FICTITIOUS = "Document fictif — démonstration LawDesk"
ANEF_ERROR = "Une erreur technique est survenue, veuillez réessayer ultérieurement."
ANEF_URL = "administration-etrangers-en-france.interieur.gouv.fr/particuliers/#/espace-personnel"
# Saint-Denis (93): what a phone writes into a photo, and what the dossier must not reveal.
GPS = {1: "N", 2: (48.0, 56.0, 9.72), 3: "E", 4: (2.0, 21.0, 26.64)}

Color = tuple[int, int, int]


# --- drawing helpers ---------------------------------------------------------------------

def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource("fonts", "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")), size)


def paragraph(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, face: ImageFont.FreeTypeFont,
              width: int, fill: Color | int = (0, 0, 0), spacing: float = 1.35) -> int:
    """Draw `text` wrapped to `width` pixels; returns the y just below it."""
    x, y = xy
    line = ""
    step = int(face.size * spacing)
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) > width and line:
            draw.text((x, y), line, font=face, fill=fill)
            y += step
            line = word
        else:
            line = candidate
    if line:
        draw.text((x, y), line, font=face, fill=fill)
        y += step
    return y


def grain(image: Image.Image, amount: int, seed: int) -> Image.Image:
    """Sensor or scanner noise, reproducible."""
    rng = random.Random(seed)
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    noise = noise.point(lambda v: 128 + (v - 128) * amount // 128)
    return Image.blend(image, Image.merge("RGB", (noise, noise, noise)), 0.08)


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def render(html: str) -> bytes:
    return render_pdf(html, PIECES)


def html_page(body: str, css: str = "") -> str:
    fonts = resource("fonts", "fonts.css").as_uri()
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<link rel="stylesheet" href="{fonts}"><style>
@page {{ size: A4; margin: 20mm 20mm; @bottom-center {{ content: "{FICTITIOUS}"; font: 7pt "LawDesk Sans"; color: #888; }} }}
body {{ font-family: "LawDesk Serif"; font-size: 10.5pt; line-height: 1.45; }}
h1 {{ font-size: 15pt; }} .small {{ font-size: 8.5pt; color: #444; }}
{css}</style></head><body>{body}</body></html>"""


# --- the pièces ---------------------------------------------------------------------------

def card(front: bool) -> Image.Image:
    image = Image.new("RGB", (1000, 630), (222, 234, 240))
    draw = ImageDraw.Draw(image)
    for y in range(630):  # the security background
        draw.line((0, y, 1000, y), fill=(214 + y % 9, 228 - y // 40, 238))
    draw.rounded_rectangle((4, 4, 995, 625), radius=36, outline=(90, 110, 140), width=3)
    draw.text((40, 28), "RÉPUBLIQUE FRANÇAISE", font=font(30, True), fill=(20, 40, 110))
    draw.text((40, 66), "TITRE DE SÉJOUR", font=font(24), fill=(20, 40, 110))
    label, value = font(17), font(24, True)
    if front:
        draw.rectangle((40, 130, 290, 450), fill=(196, 200, 204))
        draw.ellipse((115, 170, 215, 280), fill=(150, 155, 160))
        draw.ellipse((75, 290, 255, 470), fill=(150, 155, 160))
        fields = [("NOM", "DIALLO"), ("Prénoms", "AÏSSATOU BINTA"), ("Sexe / Nationalité", "F   GIN"),
                  ("Date de naissance", "12 04 1988"), ("Type de titre", "CARTE DE SÉJOUR TEMPORAIRE"),
                  ("Remarques", "SALARIÉ"), ("Valable jusqu'au", "31 01 2025")]
        for row, (name, text) in enumerate(fields):
            draw.text((320, 125 + row * 66), name, font=label, fill=(60, 60, 60))
            draw.text((320, 145 + row * 66), text, font=value, fill=(0, 0, 0))
        draw.text((40, 560), "N° 9301234567A", font=font(26, True), fill=(150, 20, 20))
    else:
        y = paragraph(draw, (40, 130), "Adresse : 12 rue de la République, 93200 Saint-Denis", font(22), 900)
        y = paragraph(draw, (40, y + 10), "Lieu de délivrance : PRÉFECTURE DE LA SEINE-SAINT-DENIS", font(22), 900)
        paragraph(draw, (40, y + 10), "Date de délivrance : 01 02 2024", font(22), 900)
        mrz = font(30)
        draw.text((40, 440), "IRFRA9301234567A<<<<<<<<<<<<<<<", font=mrz, fill=(0, 0, 0))
        draw.text((40, 485), "8804125F2501318GIN<<<<<<<<<<<0", font=mrz, fill=(0, 0, 0))
        draw.text((40, 530), "DIALLO<<AISSATOU<BINTA<<<<<<<", font=mrz, fill=(0, 0, 0))
    stamp = Image.new("L", image.size, 0)
    ImageDraw.Draw(stamp).text((500, 315), "SPÉCIMEN — DOCUMENT FICTIF", font=font(48, True), fill=90, anchor="mm")
    stamp = stamp.rotate(18, center=(500, 315))
    image.paste((200, 30, 30), mask=stamp)
    return grain(image, 90, seed=1 if front else 2)


def data_uri(jpeg: bytes) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")


def titre_de_sejour() -> bytes:
    recto, verso = (data_uri(encoded(card(front), "JPEG", quality=70)) for front in (True, False))
    css = ("body { background: #f3f2ee; } img { width: 150mm; display: block; margin: 6mm auto 14mm; "
           "box-shadow: 0 0 2mm #999; } .recto { transform: rotate(-0.8deg); } .verso { transform: rotate(0.5deg); }")
    body = f'<img class="recto" src="{recto}" alt="recto"><img class="verso" src="{verso}" alt="verso">'
    return render(html_page(body, css))


def courriel_prefecture() -> bytes:
    css = ("table { border-collapse: collapse; width: 100%; font-family: 'LawDesk Sans'; font-size: 9.5pt; margin-bottom: 6mm; } "
           "th { text-align: left; width: 25mm; } td, th { border-bottom: 0.5pt solid #bbb; padding: 1.5mm 0; } "
           ".mail { font-family: 'LawDesk Sans'; }")
    body = """<p class="small">Messagerie — imprimé le 10/02/2025</p>
<table><tr><th>De</th><td>Aïssatou DIALLO &lt;a.diallo@example.org&gt;</td></tr>
<tr><th>À</th><td>Préfecture de la Seine-Saint-Denis — service des étrangers &lt;etrangers@prefecture-93.example&gt;</td></tr>
<tr><th>Date</th><td>10 février 2025 à 09:12</td></tr>
<tr><th>Objet</th><td>Impossibilité de déposer ma demande de renouvellement sur le téléservice ANEF</td></tr></table>
<div class="mail"><p>Madame, Monsieur,</p>
<p>Depuis le 7 octobre 2024, je tente de déposer sur le téléservice ANEF la demande de renouvellement de ma carte de séjour :
une erreur technique empêche à chaque fois de valider la demande, qui n'est toujours pas enregistrée. Le centre de contact
citoyens m'a seulement invitée à réessayer. Ma carte de séjour a expiré le 31 janvier 2025.</p>
<p>Mon employeur me demande un justificatif de séjour en cours de validité. Je vous prie de bien vouloir me convoquer afin
d'enregistrer ma demande selon la solution de substitution et de me délivrer un document provisoire de séjour.</p>
<p>Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.</p>
<p>Aïssatou DIALLO<br>06 12 34 56 78</p></div>"""
    return render(html_page(body, css))


def employeur() -> bytes:
    """A letter, then a landscape annex (the schedule the letter refers to)."""
    css = ("@page annex { size: A4 landscape; } .annex { page: annex; } "
           "table { border-collapse: collapse; width: 100%; font-family: 'LawDesk Sans'; font-size: 9pt; } "
           "td, th { border: 0.5pt solid #666; padding: 1.5mm; text-align: center; }")
    weeks = "".join(f"<tr><th>Semaine {week}</th>" + "<td>6 h – 13 h</td>" * 5 + "<td>—</td><td>—</td></tr>"
                    for week in range(6, 11))
    body = f"""<p><b>Boulangerie Les Trois Épis SARL</b><br>8 avenue Jean-Jaurès, 93200 Saint-Denis<br>SIRET 000 000 000 00000</p>
<p style="margin-left: 90mm">Mme Aïssatou Binta DIALLO<br>12 rue de la République<br>93200 Saint-Denis</p>
<p style="margin-left: 90mm">Saint-Denis, le 3 mars 2025</p>
<p><b>Lettre remise en main propre contre décharge</b><br><b>Objet : suspension de votre contrat de travail</b></p>
<p>Madame,</p>
<p>Votre carte de séjour, qui vous autorisait à travailler, a expiré le 31 janvier 2025. L'attestation de dépôt que vous
nous avez remise indique qu'elle ne vaut pas autorisation de travail. Nous sommes donc tenus, à notre grand regret, de
suspendre votre contrat de travail à durée indéterminée à compter du 3 mars 2025, sans rémunération, jusqu'à la présentation
d'un document vous autorisant à travailler (récépissé ou attestation de prolongation d'instruction).</p>
<p>Nous tenons à souligner la qualité de votre travail depuis votre embauche le 2 mai 2019 et reprendrons votre contrat dès
réception de ce document. Vos horaires habituels figurent en annexe.</p>
<p>Veuillez agréer, Madame, nos salutations distinguées.</p>
<p style="margin-left: 90mm">M. Karim BENALI, gérant</p>
<section class="annex"><h1>Annexe — horaires de Mme DIALLO (février – mars 2025)</h1>
<table><tr><th></th><th>Lundi</th><th>Mardi</th><th>Mercredi</th><th>Jeudi</th><th>Vendredi</th><th>Samedi</th><th>Dimanche</th></tr>
{weeks}</table></section>"""
    return render(html_page(body, css))


def mandat() -> bytes:
    css = ".signature { font-family: 'LawDesk Serif'; font-style: italic; font-size: 20pt; color: #1a237e; margin: 2mm 0 0 90mm; }"
    body = """<h1>Mandat de représentation</h1>
<p>Je soussignée, <b>Mme Aïssatou Binta DIALLO</b>, née le 12 avril 1988 à Conakry (Guinée), de nationalité guinéenne,
demeurant 12 rue de la République, 93200 Saint-Denis,</p>
<p>donne mandat à l'association <b>Permanence juridique Droit au séjour 93</b>, 5 place du Caquet, 93200 Saint-Denis,
représentée par Mme Claire Martin, juriste,</p>
<p>pour me représenter et agir en mon nom dans les démarches relatives à ma demande de renouvellement de titre de séjour,
que le téléservice ANEF ne permet pas de déposer, auprès de la préfecture de la Seine-Saint-Denis et de la Défenseure des droits, et notamment
pour saisir la Défenseure des droits d'une réclamation, recevoir les réponses et échanger avec ses services.</p>
<p>J'autorise l'association à communiquer à ces autorités les informations et documents nécessaires à ces démarches.</p>
<p>Fait à Saint-Denis, le 10 mars 2025.</p>
<p style="margin-left: 90mm">Signature du mandant :</p><p class="signature">A. B. Diallo</p>
<p style="margin-left: 90mm; margin-top: 10mm">Pour l'association, acceptation du mandat :</p>
<p class="signature">C. Martin</p>"""
    return render(html_page(body, css))


def anef_screenshot() -> bytes:
    """A desktop browser on the ANEF upload step, showing the error (PNG, like a real screenshot)."""
    image = Image.new("RGB", (1280, 800), (246, 246, 246))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1280, 70), fill=(222, 225, 230))
    draw.rounded_rectangle((150, 18, 1130, 52), radius=16, fill=(255, 255, 255))
    draw.text((170, 24), "https://" + ANEF_URL, font=font(16), fill=(60, 60, 60))
    draw.rectangle((0, 70, 1280, 150), fill=(0, 0, 145))
    draw.text((60, 92), "Administration numérique pour les étrangers en France", font=font(28, True), fill=(255, 255, 255))
    draw.text((60, 190), "Renouvellement de titre de séjour — Étape 4 sur 6 : pièces justificatives", font=font(22, True), fill=(20, 20, 20))
    for step in range(6):
        draw.ellipse((60 + step * 70, 240, 90 + step * 70, 270), fill=(0, 0, 145) if step < 4 else (200, 200, 200))
    draw.rectangle((60, 310, 1220, 420), fill=(255, 233, 233), outline=(206, 5, 0), width=3)
    draw.text((90, 330), "Erreur", font=font(22, True), fill=(206, 5, 0))
    draw.text((90, 368), ANEF_ERROR, font=font(21), fill=(120, 0, 0))
    draw.rounded_rectangle((60, 460, 300, 510), radius=6, fill=(0, 0, 145))
    draw.text((95, 472), "Valider l'étape", font=font(19, True), fill=(255, 255, 255))
    draw.rectangle((0, 770, 1280, 800), fill=(40, 40, 40))
    draw.text((1130, 775), "07/10/2024 10:17", font=font(15), fill=(255, 255, 255))
    return encoded(image.quantize(64, dither=Image.Dither.NONE).convert("RGB"), "PNG", optimize=True)


def phone_screen(size: tuple[int, int], message: str, reference: str = "") -> Image.Image:
    """The ANEF mobile page showing `message`."""
    width, height = size
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 50), fill=(20, 20, 20))
    draw.text((24, 12), "10:21", font=font(22, True), fill=(255, 255, 255))
    draw.rectangle((0, 50, width, 150), fill=(0, 0, 145))
    draw.text((24, 80), "ANEF — Mon espace", font=font(30, True), fill=(255, 255, 255))
    draw.rectangle((24, 220, width - 24, 520), fill=(255, 233, 233), outline=(206, 5, 0), width=4)
    y = paragraph(draw, (48, 245), message, font(30), width - 96, fill=(120, 0, 0))
    if reference:
        paragraph(draw, (48, y + 12), reference, font(24), width - 96, fill=(60, 60, 60))
    return image


def anef_photo() -> bytes:
    """A phone photographed by another phone at the new attempt of 20 November 2024 (the incident that
    cites it): JPEG stored sideways (EXIF orientation 6), with GPS."""
    upright = Image.new("RGB", (900, 1200), (92, 70, 52))
    draw = ImageDraw.Draw(upright)
    for y in range(0, 1200, 6):  # the wooden table
        draw.line((0, y, 900, y + 30), fill=(98 + y % 17, 74 + y % 11, 55))
    screen = phone_screen((600, 1000), ANEF_ERROR, "Code : ERR-TECH-500 — 20/11/2024 18:05")
    draw.rounded_rectangle((120, 80, 780, 1130), radius=60, fill=(15, 15, 15))
    upright.paste(screen.rotate(-2, expand=False, fillcolor=(15, 15, 15)), (150, 110))
    upright = grain(upright.filter(ImageFilter.GaussianBlur(1.2)), 110, seed=3)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    exif[0x010F], exif[0x0110], exif[0x0132] = "Demo Phone", "Demo Phone 12", "2024:11:20 18:05:41"
    exif[0x8825] = GPS
    return encoded(upright.transpose(Image.Transpose.ROTATE_90), "JPEG", quality=72, exif=exif)


def anef_webp() -> bytes:
    screen = phone_screen((720, 1280), "Service momentanément indisponible. " + ANEF_ERROR, "07/10/2024 — 10:24")
    return encoded(screen, "WEBP", quality=70, method=6)


def ccc_gif() -> bytes:
    image = Image.new("RGB", (900, 420), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 900, 70), fill=(0, 0, 145))
    draw.text((30, 18), "Contacter le centre de contact citoyens", font=font(24, True), fill=(255, 255, 255))
    draw.rectangle((30, 110, 870, 300), fill=(229, 247, 233), outline=(24, 117, 60), width=3)
    y = paragraph(draw, (55, 130), "Votre demande a bien été transmise au centre de contact citoyens.", font(22, True), 790, fill=(24, 90, 50))
    y = paragraph(draw, (55, y + 8), "Référence de votre demande : CCC-2024-884211", font(21), 790)
    paragraph(draw, (55, y + 4), "Envoyée le 15/10/2024 à 09:48", font(21), 790)
    return encoded(image.quantize(16, dither=Image.Dither.NONE), "GIF")


def ccc_email() -> bytes:
    message = EmailMessage()
    message["From"] = "Centre de contact citoyens <ne-pas-repondre@anef.interieur.example>"
    message["To"] = "Aïssatou Binta DIALLO <a.diallo@example.org>"
    message["Date"] = "Tue, 15 Oct 2024 14:32:10 +0200"
    message["Subject"] = "Réponse à votre demande n° CCC-2024-884211"
    message["Message-ID"] = "<ccc-2024-884211.reponse@anef.interieur.example>"
    text = ("Madame,\n\nNous accusons réception de votre demande du 15 octobre 2024 (référence CCC-2024-884211).\n\n"
            "Les services techniques ont connaissance de difficultés ponctuelles lors du téléversement des pièces "
            "justificatives. Nous vous invitons à renouveler votre démarche ultérieurement, en vérifiant que vos "
            "fichiers ne dépassent pas la taille autorisée.\n\n"
            "Nous vous prions d'agréer, Madame, nos salutations distinguées.\n\n"
            "Le centre de contact citoyens\n"
            "Ce message est envoyé automatiquement, merci de ne pas y répondre.")
    message.set_content(text)
    paragraphs = "".join(f"<p>{block}</p>" for block in text.split("\n\n"))
    message.add_alternative(f"<html><body>{paragraphs}</body></html>", subtype="html")
    message.set_boundary("=_lawdesk_demo_ccc")
    return message.as_bytes(policy=SMTP)


def paper(size: tuple[int, int], lines: list[tuple[str, int, bool]], seed: int) -> Image.Image:
    """A sheet of paper with `lines` (text, font size, bold) typed on it, photographed at an angle."""
    sheet = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(sheet)
    y = 60
    for text, size_pt, bold in lines:
        y = paragraph(draw, (60, y), text, font(size_pt, bold), size[0] - 120) + 12
    table = Image.new("RGB", (size[0] + 160, size[1] + 160), (120, 95, 70))
    table.paste(sheet.rotate(1.5, expand=True, fillcolor=(120, 95, 70)), (60, 50))
    return grain(table.filter(ImageFilter.GaussianBlur(0.8)), 100, seed=seed)


def caf_heic() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    photo = paper((820, 1100), [
        ("Caisse d'allocations familiales de la Seine-Saint-Denis", 24, True),
        ("Saint-Denis, le 5 mars 2025", 20, False),
        ("Madame DIALLO Aïssatou Binta — n° allocataire 0000000", 20, False),
        ("Objet : suspension de vos droits", 22, True),
        ("Madame, votre titre de séjour a expiré le 31 janvier 2025. Faute de justificatif de séjour régulier en cours "
         "de validité, le versement de vos prestations familiales est suspendu à compter du 1er mars 2025.", 20, False),
        ("Vos droits seront rétablis dès réception d'un titre de séjour, d'un récépissé ou d'une attestation de "
         "prolongation d'instruction.", 20, False),
        ("Votre conseiller CAF", 20, False),
        (FICTITIOUS, 16, False),
    ], seed=4)
    return encoded(photo, "HEIF", quality=55)


def pan_tiff() -> bytes:
    """A two-page fax-like scan (1 bit per pixel, CCITT group 4), 150 dpi A4."""
    pages = []
    texts = [
        [("Sous-préfecture de Saint-Denis — Point d'accueil numérique", 30, True),
         ("Fiche de passage", 36, True),
         ("Date : 4 mars 2025, 10 h 40", 26, False),
         ("Usager : Mme DIALLO Aïssatou Binta — n° étranger 9301234567", 26, False),
         ("Motif : renouvellement de titre de séjour impossible à déposer en ligne (erreur technique à la validation) ; "
          "titre expiré ; suspension du contrat de travail.", 26, False),
         ("Suite donnée : l'usager a été reçu par le médiateur numérique. La demande a été reprise avec lui et la même "
          "erreur technique s'est produite ; le médiateur ne peut pas enregistrer la demande. L'usager est invité à "
          "contacter le centre de contact citoyens.", 26, False),
         ("Cachet du point d'accueil numérique", 26, True)],
        [("Informations remises à l'usager (verso)", 30, True),
         ("Centre de contact citoyens : formulaire en ligne sur le site de l'ANEF.", 26, False),
         ("Les points d'accueil numérique accompagnent les usagers dans l'utilisation du téléservice ; ils n'instruisent "
          "pas les demandes.", 26, False),
         (FICTITIOUS, 22, False)],
    ]
    for lines in texts:
        page = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(page)
        y = 120
        for text, size_pt, bold in lines:
            y = paragraph(draw, (110, y), text, font(size_pt, bold), 1020, fill=0) + 24
        draw.ellipse((760, y + 20, 1060, y + 220), outline=0, width=5)
        pages.append(page.rotate(0.6, fillcolor=255).convert("1"))
    return encoded(pages[0], "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(150, 150))


def sent_document(doc_id: str) -> bytes:
    """The copy of a document as it was sent: LawDesk's own letter, dated the day its step records."""
    from lawdesk.case import load_case
    from lawdesk.documents import DossierInfo, render_document
    from lawdesk.documents.context import document_day

    case = load_case(CASE_DIR)
    when = document_day(case.data, doc_id, dt.date.max)
    return render_document(case, doc_id, DossierInfo(today=when, documents=[doc_id])).pdf


def avis_de_reception() -> bytes:
    """The green LRAR card, scanned: tracking number, date of delivery, signature."""
    image = Image.new("RGB", (1100, 720), (214, 236, 206))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 1090, 710), outline=(40, 90, 40), width=4)
    draw.text((40, 30), "AVIS DE RÉCEPTION", font=font(34, True), fill=(20, 60, 20))
    draw.text((40, 80), "Lettre recommandée n° 1A 234 567 8901 2", font=font(26, True), fill=(0, 0, 0))
    y = paragraph(draw, (40, 140), "Destinataire : Préfecture de la Seine-Saint-Denis — Service des étrangers, "
                  "1 esplanade Jean-Moulin, 93007 Bobigny Cedex", font(22), 1000)
    y = paragraph(draw, (40, y + 10), "Expéditeur : Mme Aïssatou Binta DIALLO, 12 rue de la République, 93200 Saint-Denis",
                  font(22), 1000)
    y = paragraph(draw, (40, y + 30), "Présentée / distribuée le : 14/03/2025", font(26, True), 1000)
    paragraph(draw, (40, y + 10), "Signature du destinataire : (cachet du service courrier de la préfecture)", font(22), 1000)
    draw.ellipse((700, 470, 1000, 660), outline=(30, 30, 120), width=5)
    draw.text((850, 565), "PRÉFECTURE 93\n14 MARS 2025", font=font(22, True), fill=(30, 30, 120), anchor="mm", align="center")
    draw.text((40, 670), FICTITIOUS, font=font(16), fill=(60, 60, 60))
    return encoded(grain(image, 80, seed=5), "JPEG", quality=70)


def accuse_defenseure() -> bytes:
    message = EmailMessage()
    message["From"] = "Défenseur des droits <ne-pas-repondre@defenseurdesdroits.example>"
    message["To"] = "Aïssatou Binta DIALLO <a.diallo@example.org>"
    message["Date"] = "Mon, 24 Mar 2025 11:05:00 +0100"
    message["Subject"] = "Accusé de réception de votre réclamation"
    message["Message-ID"] = "<ddd-2025-03-24.accuse@defenseurdesdroits.example>"
    message.set_content(
        "Madame,\n\nNous avons bien reçu votre réclamation du 17 mars 2025 relative au téléservice ANEF et à la préfecture "
        "de la Seine-Saint-Denis. Elle a été transmise au délégué territorial de la Seine-Saint-Denis, qui prendra contact "
        "avec vous.\n\nNous vous rappelons que la saisine du Défenseur des droits n'interrompt ni ne suspend les délais de "
        "recours.\n\nLe Défenseur des droits\n" + FICTITIOUS)
    return message.as_bytes(policy=SMTP)


# --- writing ------------------------------------------------------------------------------

MAKERS: dict[str, Callable[[], bytes]] = {
    "titre-de-sejour.pdf": titre_de_sejour,
    "anef-erreur-1.png": anef_screenshot,
    "anef-erreur-2.jpg": anef_photo,
    "anef-erreur-3.webp": anef_webp,
    "ccc-formulaire.gif": ccc_gif,
    "ccc-reponse.eml": ccc_email,
    "courriel-prefecture.pdf": courriel_prefecture,
    "employeur.pdf": employeur,
    "caf.heic": caf_heic,
    "pan-fiche-de-passage.tiff": pan_tiff,
    "mandat.pdf": mandat,
    "avis-de-reception.jpg": avis_de_reception,
    "accuse-defenseure.eml": accuse_defenseure,
    # Last: LawDesk's own letters, which list the pièces above among those enclosed.
    "lettre-prefet.pdf": lambda: sent_document("prefecture"),
    "reclamation-defenseure.pdf": lambda: sent_document("defenseur"),
}


def main() -> int:
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_TIMESTAMP
    case = json.loads((CASE_DIR / "case.json").read_text(encoding="utf-8"))
    named = {name for piece in case["pieces"] for name in piece_files(piece)}
    PIECES.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, make in MAKERS.items():
        data = make()
        (PIECES / name).write_bytes(data)
        total += len(data)
        print(f"{len(data):>9,} octets  pieces/{name}")
        named.discard(f"pieces/{name}")
    print(f"{total:>9,} octets  au total")
    if named:
        print("case.json cite des fichiers que ce script ne crée pas : " + ", ".join(sorted(named)), file=sys.stderr)
        return 1
    if total > MAX_TOTAL_BYTES:
        print(f"trop volumineux : {total} octets (maximum {MAX_TOTAL_BYTES})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
