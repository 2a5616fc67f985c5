"""E-mails saved as .eml → readable A4 pages: the headers in French, the text, the attachments' names.

The page is part of a French court file whatever the interface language, so its labels are
French in the template (not translated). HTML bodies are reduced to text: nothing remote is
ever fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import cast

from babel.dates import format_datetime
from jinja2 import FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment

from lawdesk.evidence.common import failures_as
from lawdesk.evidence.html_text import html_to_text
from lawdesk.htmlpdf import render_pdf
from lawdesk.i18n import _, ngettext
from lawdesk.paths import resource, templates_dir

TEMPLATE = "email.html.j2"
MAX_BODY_CHARS = 200_000
_UNNAMED_ATTACHMENT = "pièce jointe sans nom"
_SURROGATES = re.compile("[\udc80-\udcff]")
_FOLDING = re.compile(r"\r?\n[ \t]+")


@dataclass(frozen=True)
class Email:
    sender: str
    to: str
    cc: str
    date: str
    subject: str
    body: str
    attachments: list[str]
    html_only: bool
    truncated: bool


def _unparseable_message() -> str:
    return _("courriel illisible (fichier .eml endommagé) : enregistrez à nouveau le message depuis votre messagerie "
             "(« Enregistrer sous », format .eml), ou imprimez-le en PDF")


def read_email(path: Path, shown_as: str) -> Email:
    with failures_as(shown_as, _unparseable_message()), path.open("rb") as stream:
        message = cast(EmailMessage, BytesParser(policy=policy.default).parse(stream))
        body_part = message.get_body(preferencelist=("plain", "html"))
        body = _body_text(body_part) if body_part is not None else ""
        return Email(
            sender=_header(message, "From"),
            to=_header(message, "To"),
            cc=_header(message, "Cc"),
            date=_date(_header(message, "Date")),
            subject=_header(message, "Subject"),
            body=body[:MAX_BODY_CHARS],
            attachments=_attachment_names(message, body_part),
            html_only=body_part is not None and body_part.get_content_subtype() == "html",
            truncated=len(body) > MAX_BODY_CHARS,
        )


def email_to_pdf(path: Path, shown_as: str) -> tuple[bytes, list[str]]:
    """The e-mail as PDF pages, and warnings about what the pages do not reproduce."""
    email = read_email(path, shown_as)
    html = _environment().get_template(TEMPLATE).render(
        email=email, source=PurePosixPath(shown_as).name, fonts_css=resource("fonts", "fonts.css").as_uri())
    with failures_as(shown_as, _("mise en page du courriel impossible : imprimez-le en PDF depuis votre messagerie et joignez ce PDF")):
        pdf = render_pdf(html, templates_dir() / "evidence")
    return pdf, _warnings(email)


@cache
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader(templates_dir() / "evidence"), autoescape=True)


def _warnings(email: Email) -> list[str]:
    warnings: list[str] = []
    if email.attachments:
        warnings.append(ngettext(
            "ce courriel a {n} pièce jointe ({names}) : seul son nom figure dans le dossier ; ajoutez-la comme pièce distincte si elle est utile",
            "ce courriel a {n} pièces jointes ({names}) : seuls leurs noms figurent dans le dossier ; ajoutez-les comme pièces distinctes si elles sont utiles",
            len(email.attachments)).format(n=len(email.attachments), names=", ".join(email.attachments)))
    if email.html_only:
        warnings.append(_("ce courriel n'a qu'une version HTML : son texte est reproduit sans mise en forme ni images"))
    if email.truncated:
        warnings.append(_("texte du courriel très long : seuls ses {n} premiers caractères sont reproduits").format(n=MAX_BODY_CHARS))
    return warnings


def _header(message: EmailMessage, name: str) -> str:
    """The decoded value (RFC 2047, raw 8-bit text); a header the parser rejects is shown as written."""
    try:
        values = [str(value) for value in message.get_all(name, [])]
    except Exception:  # noqa: BLE001 - the standard parser fails on some malformed address lists
        values = [_FOLDING.sub(" ", raw) for key, raw in message.raw_items() if key.lower() == name.lower()]
    return _repaired(", ".join(value.strip() for value in values if value.strip()))


def _repaired(text: str) -> str:
    """Undo the parser's escaping of raw 8-bit bytes: UTF-8 if they are, else Windows-1252."""
    if not _SURROGATES.search(text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _date(value: str) -> str:
    """"15 octobre 2024 à 14:32", in the sender's time zone as written in the header; else the header as is."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    return _french_datetime(moment)


def _french_datetime(moment: datetime) -> str:
    day = "1er" if moment.day == 1 else str(moment.day)
    return format_datetime(moment, f"'{day}' MMMM y 'à' HH:mm", locale="fr")


def _body_text(part: EmailMessage) -> str:
    data = part.get_payload(decode=True)
    text = _decoded(data if isinstance(data, bytes) else b"", part.get_content_charset())
    return html_to_text(text) if part.get_content_subtype() == "html" else text.replace("\r\n", "\n").strip()


def _decoded(data: bytes, charset: str | None) -> str:
    """The declared charset when it works, else UTF-8, else Windows-1252 (what mailers really send)."""
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("cp1252", errors="replace")


def _attachment_names(message: EmailMessage, body_part: EmailMessage | None) -> list[str]:
    names: list[str] = []
    for part in message.walk():
        if part is body_part or part.get_content_maintype() == "multipart":
            continue
        filename = part.get_filename()
        if filename or part.is_attachment():
            names.append(_repaired(filename) if filename else _UNNAMED_ATTACHMENT)
    return names
