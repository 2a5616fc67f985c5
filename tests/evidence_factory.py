"""Evidence files for tests, good and hostile, made from code into a folder (usually tmp_path),
and readers of what the normalisation produced.

Every maker writes one file and returns its path. Markers (PAYLOAD, CAMERA, ...) are
distinctive strings planted in the places that must not survive normalisation.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)
A3 = (842.0, 1191.0)
A4_LANDSCAPE = (842.0, 595.0)

PAYLOAD = "LAWDESK-PAYLOAD"
CAMERA = "LawDeskCam"
PNG_COMMENT = "LAWDESK-PNG-COMMENT"
ATTACHED_SECRET = b"LAWDESK-ATTACHED-SECRET"
GPS_LATITUDE = (48.0, 56.0, 12.34)
EMAIL_SUBJECT = "Réponse à votre demande n° CCC-2024-884211 — ANEF"
EMAIL_TEXT = ("Madame,\n\nNous avons bien reçu votre demande.\nVeuillez réessayer ultérieurement.\n\n"
              "Le centre de contact citoyens")

_EXIF_ORIENTATION = 0x0112
_EXIF_MAKE = 0x010F
_EXIF_MODEL = 0x0110
_EXIF_GPS_IFD = 0x8825


# --- PDF -------------------------------------------------------------------------------

def _text_page(writer: PdfWriter, size: tuple[float, float], text: str) -> DictionaryObject:
    """A page showing `text` in Helvetica (so that extract_text finds it)."""
    page = writer.add_blank_page(*size)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 20 Tf 60 {size[1] - 80:.0f} Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    return page


def _write(writer: PdfWriter, path: Path) -> Path:
    with path.open("wb") as out:
        writer.write(out)
    return path


def pdf_bytes(pages: int = 3, size: tuple[float, float] = A4, label: str = "Page") -> bytes:
    writer = PdfWriter()
    for number in range(1, pages + 1):
        _text_page(writer, size, f"{label} {number}")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_file(folder: Path, name: str = "document.pdf", pages: int = 3, label: str = "Page") -> Path:
    path = folder / name
    path.write_bytes(pdf_bytes(pages, label=label))
    return path


def rotated_pdf(folder: Path, name: str = "rotated.pdf") -> Path:
    """Three pages: /Rotate 90, 0 and 270."""
    writer = PdfWriter()
    for number, rotation in enumerate((90, 0, 270), start=1):
        page = _text_page(writer, A4, f"Rotated {number}")
        if rotation:
            page[NameObject("/Rotate")] = NumberObject(rotation)
    return _write(writer, folder / name)


def sized_pdf(folder: Path, name: str = "sizes.pdf") -> Path:
    """US letter, A3 and A4 landscape pages."""
    writer = PdfWriter()
    for size, label in ((LETTER, "Letter"), (A3, "A3"), (A4_LANDSCAPE, "Landscape")):
        _text_page(writer, size, label)
    return _write(writer, folder / name)


def _annotation(writer: PdfWriter, page: DictionaryObject, fields: dict[str, object]) -> DictionaryObject:
    annotation = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                   NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (60, 600, 300, 640)])})
    annotation.update({NameObject(k): v for k, v in fields.items()})  # type: ignore[misc]
    reference = writer._add_object(annotation)
    page.setdefault(NameObject("/Annots"), ArrayObject()).append(reference)
    return annotation


def _text_field(writer: PdfWriter, page: DictionaryObject, name: str, value: str,
                actions: DictionaryObject | None = None) -> None:
    """A filled-in text field (field and widget in one object) registered in the AcroForm."""
    appearance = DecodedStreamObject()
    appearance.set_data(f"/Tx BMC BT /Helv 12 Tf 2 6 Td ({value}) Tj ET EMC".encode("latin-1"))
    appearance.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                       NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (0, 0, 240, 40)])})
    fields: dict[str, object] = {
        "/Subtype": NameObject("/Widget"), "/FT": NameObject("/Tx"), "/T": TextStringObject(name),
        "/V": TextStringObject(value), "/P": page.indirect_reference,
        "/AP": DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
    }
    if actions is not None:
        fields["/AA"] = actions
    widget = _annotation(writer, page, fields)
    root = writer.root_object
    form = root.setdefault(NameObject("/AcroForm"), DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/NeedAppearances"): BooleanObject(False)}))
    form["/Fields"].append(widget.indirect_reference)


def form_pdf(folder: Path, name: str = "form.pdf") -> Path:
    """A page with a filled form field, a sticky note (both kept) and a web link (disabled)."""
    writer = PdfWriter()
    page = _text_page(writer, A4, "Formulaire")
    _text_field(writer, page, "nom", "DIALLO")
    _annotation(writer, page, {"/Subtype": NameObject("/Text"), "/Contents": TextStringObject("Note de la juriste")})
    _annotation(writer, page, {"/Subtype": NameObject("/Link"), "/A": _action("/URI", "/URI", "https://www.service-public.fr/")})
    return _write(writer, folder / name)


def _action(kind: str, key: str | None = None, value: str = "", **extra: object) -> DictionaryObject:
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(kind)})
    if key:
        action[NameObject(key)] = TextStringObject(value)
    action.update({NameObject(f"/{k}"): v for k, v in extra.items()})  # type: ignore[misc]
    return action


def active_pdf(folder: Path, name: str = "active.pdf") -> Path:
    """Everything a PDF can run or hide: document JavaScript, OpenAction, a Launch link, page and field
    additional actions, a bookmark running JavaScript, an embedded file and a file-attachment annotation.
    Also a web link (disabled) and a note (kept)."""
    writer = PdfWriter()
    page = _text_page(writer, A4, "Active content")
    _text_page(writer, A4, "Second page")
    script = _action("/JavaScript", "/JS", f"app.alert('{PAYLOAD}');")
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(script)
    writer.add_attachment("secret.txt", ATTACHED_SECRET)
    document_script = writer._add_object(_action("/JavaScript", "/JS", f"app.alert('{PAYLOAD}-names');"))
    writer.root_object["/Names"].get_object()[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("init"), document_script])})
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _action("/JavaScript", "/JS", f"{PAYLOAD}-page-open")})
    _annotation(writer, page, {"/Subtype": NameObject("/Link"),
                               "/A": _action("/Launch", "/F", f"cmd.exe /c {PAYLOAD}")})
    _annotation(writer, page, {"/Subtype": NameObject("/Link"),
                               "/A": _action("/URI", "/URI", "https://www.example.org/",
                                             Next=_action("/JavaScript", "/JS", f"{PAYLOAD}-chained"))})
    _annotation(writer, page, {"/Subtype": NameObject("/Link"), "/A": _action("/URI", "/URI", "https://www.interieur.gouv.fr/")})
    _annotation(writer, page, {"/Subtype": NameObject("/Text"), "/Contents": TextStringObject("Note conservée")})
    attached = DecodedStreamObject()
    attached.set_data(ATTACHED_SECRET)
    attached[NameObject("/Type")] = NameObject("/EmbeddedFile")
    _annotation(writer, page, {"/Subtype": NameObject("/FileAttachment"), "/FS": DictionaryObject({
        NameObject("/Type"): NameObject("/Filespec"), NameObject("/F"): TextStringObject("other.txt"),
        NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(attached)})})})
    _text_field(writer, page, "date", "15/10/2024",
                DictionaryObject({NameObject("/K"): _action("/JavaScript", "/JS", f"{PAYLOAD}-keystroke")}))
    writer.root_object["/AcroForm"][NameObject("/AA")] = DictionaryObject(
        {NameObject("/C"): _action("/JavaScript", "/JS", f"{PAYLOAD}-calculate")})
    bookmark = writer.add_outline_item(title="Signet", page_number=0)
    bookmark.get_object()[NameObject("/A")] = _action("/JavaScript", "/JS", f"{PAYLOAD}-bookmark")
    return _write(writer, folder / name)


def owner_password_pdf(folder: Path, name: str = "owner-only.pdf") -> Path:
    """Opens without a password; only printing/copying rights are restricted."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(2)))
    writer.encrypt(user_password="", owner_password="proprietaire", algorithm="AES-128", permissions_flag=0)
    return _write(writer, folder / name)


def user_password_pdf(folder: Path, name: str = "locked.pdf") -> Path:
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(2)))
    writer.encrypt(user_password="secret", owner_password="proprietaire", algorithm="AES-256")
    return _write(writer, folder / name)


def truncated_pdf(folder: Path, name: str = "truncated.pdf") -> Path:
    data = pdf_bytes(4)
    path = folder / name
    path.write_bytes(data[: len(data) * 3 // 5])
    return path


def pdf_without_pages(folder: Path, name: str = "no-pages.pdf") -> Path:
    return _write(PdfWriter(), folder / name)


def garbage_file(folder: Path, name: str = "garbage.pdf") -> Path:
    path = folder / name
    path.write_bytes(b"\x13\x37" + random.Random(7).randbytes(4094))
    return path


def empty_file(folder: Path, name: str = "empty.pdf") -> Path:
    path = folder / name
    path.write_bytes(b"")
    return path


# --- images ----------------------------------------------------------------------------

def upright_picture(size: tuple[int, int] = (300, 400)) -> Image.Image:
    """A picture whose right way up can be checked: red band at the top, blue at the bottom."""
    width, height = size
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 5), fill=(220, 0, 0))
    draw.rectangle((0, height - height // 5, width, height), fill=(0, 0, 220))
    draw.text((10, height // 2), "ANEF erreur", fill="black")
    return image


def _exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[_EXIF_ORIENTATION] = orientation
    exif[_EXIF_MAKE] = CAMERA
    exif[_EXIF_MODEL] = f"{CAMERA} Pro"
    exif[_EXIF_GPS_IFD] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (2.0, 21.0, 7.65)}
    return exif


def _stored(size: tuple[int, int], orientation: int) -> Image.Image:
    """The pixels a camera stores for a picture that is `size` upright (orientation 6: turned left)."""
    upright = upright_picture(size)
    return upright.transpose(Image.Transpose.ROTATE_90) if orientation == 6 else upright


def jpeg_photo(folder: Path, name: str = "photo.jpg", orientation: int = 6, size: tuple[int, int] = (300, 400)) -> Path:
    """A JPEG stored sideways with EXIF orientation 6 (turn 90° clockwise to view) and GPS coordinates.

    Upright, the picture is `size` (portrait by default); stored, it is landscape.
    """
    stored = _stored(size, orientation)
    path = folder / name
    stored.save(path, "JPEG", quality=90, exif=_exif(orientation))
    return path


def png_screenshot(folder: Path, name: str = "screenshot.png", size: tuple[int, int] = (320, 200)) -> Path:
    """A sharp-edged screenshot with a text comment and EXIF (with GPS) chunks."""
    from PIL.PngImagePlugin import PngInfo

    image = Image.new("RGB", size, (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 4):
        draw.line((x, 40, x, 60), fill=(0, 0, 0) if x % 8 else (255, 0, 0))
    draw.text((10, 100), "Une erreur technique est survenue", fill=(180, 0, 0))
    info = PngInfo()
    info.add_text("Comment", PNG_COMMENT)
    path = folder / name
    image.save(path, "PNG", pnginfo=info, exif=_exif(1))
    return path


def gray16_png(folder: Path, name: str = "scan16.png", level: int = 40_000) -> Path:
    """A 16-bit greyscale scan (uniform `level` out of 65535)."""
    path = folder / name
    Image.new("I;16", (120, 160), level).save(path, "PNG")
    return path


def png_with_icc(folder: Path, name: str = "profiled.png") -> Path:
    path = folder / name
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    upright_picture((200, 120)).save(path, "PNG", icc_profile=profile)
    return path


def transparent_png(folder: Path, name: str = "transparent.png") -> Path:
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((50, 25, 150, 75), fill=(0, 128, 0, 255))
    path = folder / name
    image.save(path, "PNG")
    return path


def photo_of_a_letter(folder: Path, name: str = "courrier.jpg", size: tuple[int, int] = (3000, 4000)) -> Path:
    """A phone's 12-megapixel photo of a typed letter: lines of 11-point text (at about 360 dpi),
    slightly soft, on paper lit unevenly."""
    from PIL import ImageFilter, ImageFont

    from lawdesk.paths import resource

    width, height = size
    image = Image.new("L", size, 0)
    ImageDraw.Draw(image).rectangle((0, 0, width, height), fill=235)
    for x in range(0, width, 50):  # the light falls off towards one side
        ImageDraw.Draw(image).rectangle((x, 0, x + 50, height), fill=235 - 30 * x // width)
    font = ImageFont.truetype(str(resource("fonts", "NotoSerif-Regular.ttf")), 56)
    draw = ImageDraw.Draw(image)
    for line, y in enumerate(range(300, height - 300, 84)):
        draw.text((280, y), f"Ligne {line} : récépissé n° 93{line:04d}, demande de titre de séjour déposée sur l'ANEF.",
                  font=font, fill=25)
    path = folder / name
    image.filter(ImageFilter.GaussianBlur(0.8)).convert("RGB").save(path, "JPEG", quality=92)
    return path


def large_photo(folder: Path, name: str = "large.jpg", size: tuple[int, int] = (3000, 4000)) -> Path:
    path = folder / name
    upright_picture(size).save(path, "JPEG", quality=60)
    return path


def heic_photo(folder: Path, name: str = "photo.heic", orientation: int = 1, size: tuple[int, int] = (300, 400)) -> Path:
    """An HEIC photo with GPS; with orientation 6 it is stored sideways, as phones do."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    path = folder / name
    _stored(size, orientation).save(path, "HEIF", quality=80, exif=_exif(orientation).tobytes())
    return path


def multipage_tiff(folder: Path, name: str = "scan.tiff") -> Path:
    """Two pages: a portrait one and a landscape one."""
    path = folder / name
    first, second = upright_picture((300, 400)), upright_picture((400, 300)).convert("L")
    first.save(path, "TIFF", save_all=True, append_images=[second], compression="tiff_deflate")
    return path


def webp_image(folder: Path, name: str = "capture.webp", lossless: bool = False) -> Path:
    path = folder / name
    upright_picture((300, 400)).save(path, "WEBP", lossless=lossless, quality=80)
    return path


def animated_gif(folder: Path, name: str = "anim.gif", frames: int = 3) -> Path:
    path = folder / name
    images = [upright_picture((200, 150)).convert("P") for _ in range(frames)]
    images[0].save(path, "GIF", save_all=True, append_images=images[1:], duration=200, loop=0)
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(folder: Path, name: str = "bomb.png", width: int = 50_000, height: int = 50_000) -> Path:
    """A few hundred bytes whose header claims width × height pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1000, 9)
    path = folder / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", pixels)
                     + _png_chunk(b"IEND", b""))
    return path


def truncated_jpeg(folder: Path, name: str = "cut.jpg") -> Path:
    buffer = io.BytesIO()
    upright_picture((600, 800)).save(buffer, "JPEG", quality=90)
    path = folder / name
    path.write_bytes(buffer.getvalue()[: buffer.tell() // 2])
    return path


def text_named_png(folder: Path, name: str = "not-an-image.png") -> Path:
    path = folder / name
    path.write_text("Ceci n'est pas une image.\n", encoding="utf-8")
    return path


def png_named_pdf(folder: Path, name: str = "screenshot-really.pdf") -> Path:
    source = png_screenshot(folder, "source-for-rename.png")
    path = folder / name
    source.rename(path)
    return path


# --- e-mail ----------------------------------------------------------------------------

def email_message(subject: str = EMAIL_SUBJECT, attachments: bool = True, html_only: bool = False,
                  text: str = EMAIL_TEXT) -> EmailMessage:
    """A message from the contact centre: text and HTML versions (or HTML only), two attachments."""
    message = EmailMessage()
    message["From"] = "Centre de contact citoyens <ne-pas-repondre@anef.example.org>"
    message["To"] = "Aïssatou Binta DIALLO <a.diallo@example.org>"
    message["Cc"] = "Permanence juridique <permanence@example.org>"
    message["Date"] = "Tue, 15 Oct 2024 14:32:10 +0200"
    message["Subject"] = subject
    html = "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>" \
           "<p>Madame,</p><p>Nous avons bien reçu votre demande.</p><img src='https://tracker.example.com/pixel.png'>" \
           "<p>Consultez <a href='https://www.service-public.fr/'>le site</a>.</p></body></html>"
    if html_only:
        message.set_content(html, subtype="html")
    else:
        message.set_content(text)
        message.add_alternative(html, subtype="html")
    if attachments:
        message.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="demande-initiale.pdf")
        message.add_attachment(b"\x89PNG fake", maintype="image", subtype="png", filename="capture écran.png")
    return message


def email_file(folder: Path, name: str = "message.eml", **options: Any) -> Path:
    path = folder / name
    path.write_bytes(email_message(**options).as_bytes(policy=SMTP))
    return path


def nested_email(folder: Path, name: str = "nested.eml", depth: int = 3000) -> Path:
    """A hostile message: thousands of multipart levels, one inside the other."""
    text = ("From: a@example.org\r\nTo: b@example.org\r\nSubject: nested\r\n"
            "Date: Tue, 15 Oct 2024 14:32:10 +0200\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=b0\r\n\r\n")
    text += "".join(f"--b{level - 1}\r\nContent-Type: multipart/mixed; boundary=b{level}\r\n\r\n" for level in range(1, depth))
    text += f"--b{depth - 1}\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
    text += "".join(f"--b{level}--\r\n" for level in range(depth - 1, -1, -1))
    path = folder / name
    path.write_text(text, encoding="ascii")
    return path


def legacy_email(folder: Path, name: str = "legacy.eml") -> Path:
    """What old mailers write: ISO-8859-1 encoded words, raw 8-bit Windows-1252 headers and body,
    a malformed address list."""
    raw = ("From: =?iso-8859-1?Q?Pr=E9fecture_de_la_Seine-Saint-Denis?= <etrangers@prefecture.example>\r\n"
           "To: Aïssatou <a.diallo@example.org>, \"Bad, <<\" <x@\r\n"
           "Subject: =?iso-8859-1?Q?Demande_de_r=E9c=E9piss=E9?=\r\n"
           "Date: Mon, 1 Jul 2024 09:05:00 +0200\r\n"
           "Content-Type: text/plain\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n"
           "Votre dossier est en cours d'instruction. Réponse sous 15 jours.\r\n").encode("cp1252")
    path = folder / name
    path.write_bytes(raw)
    return path


# --- reading what was produced -----------------------------------------------------------

ACTIVE_KEYS = frozenset({"/JavaScript", "/JS", "/OpenAction", "/Launch", "/AA", "/EmbeddedFiles", "/EmbeddedFile",
                         "/FileAttachment", "/XFA", "/SubmitForm", "/ImportData"})


def every_object(pdf: bytes) -> list[PdfObject]:
    """Every object the file holds, whether anything refers to it or not."""
    reader = PdfReader(io.BytesIO(pdf))
    numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
    numbers |= {(number, 0) for number in reader.xref_objStm}
    return [reader.get_object(IndirectObject(number, generation, reader)) for number, generation in sorted(numbers)]


def _leaves(value: object) -> list[object]:
    if isinstance(value, DictionaryObject):
        found: list[object] = list(value.keys())
        for item in value.values():
            found += [] if isinstance(item, IndirectObject) else _leaves(item)
        if isinstance(value, StreamObject):
            found.append(value.get_data())
        return found
    if isinstance(value, ArrayObject):
        return [leaf for item in value if not isinstance(item, IndirectObject) for leaf in _leaves(item)]
    return [value]


def active_names(pdf: bytes) -> set[str]:
    """Active-content keys and action types present anywhere in the file."""
    leaves = [leaf for obj in every_object(pdf) for leaf in _leaves(obj)]
    return {str(leaf) for leaf in leaves if isinstance(leaf, str) and str(leaf) in ACTIVE_KEYS}


def holds(pdf: bytes, marker: bytes) -> bool:
    """True if `marker` appears in any string or (decoded) stream of the file, or in its raw bytes."""
    if marker in pdf:
        return True
    for obj in every_object(pdf):
        for leaf in _leaves(obj):
            data = leaf if isinstance(leaf, bytes) else str(leaf).encode("utf-8", "replace")
            if marker in data:
                return True
    return False


def page_images(pdf: bytes) -> list[list[Image.Image]]:
    """The images drawn on each page, decoded."""
    return [[image.image for image in page.images] for page in PdfReader(io.BytesIO(pdf)).pages]


def image_filters(pdf: bytes) -> list[str]:
    """The compression filter of each page's image (/DCTDecode: JPEG, /FlateDecode: lossless); the
    form that holds the OCR text layer is not an image."""
    filters = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for obj in page["/Resources"]["/XObject"].values():
            if obj.get_object()["/Subtype"] == "/Image":
                filters.append(str(obj.get_object()["/Filter"]))
    return filters
