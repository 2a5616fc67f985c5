"""What every evidence file goes through first: can it be read, and what is it?"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lawdesk.errors import EvidenceError
from lawdesk.evidence.limits import MAX_FILE_BYTES, too_big_file_message
from lawdesk.evidence.sniff import EvidenceKind, sniff
from lawdesk.i18n import _

_CLAIMED_BY_EXTENSION = {
    ".pdf": "PDF", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".heic": "HEIC", ".heif": "HEIF",
    ".tif": "TIFF", ".tiff": "TIFF", ".webp": "WebP", ".gif": "GIF", ".eml": "e-mail",
}


def _accepted_types() -> str:
    return _("PDF, PNG, JPEG, HEIC/HEIF, TIFF, WebP, GIF ou e-mail enregistré au format .eml")


def evidence_kind(path: Path, shown_as: str) -> EvidenceKind:
    """The kind of a usable file; EvidenceError if it is missing, empty, unreadable or unsupported."""
    try:
        kind = _readable_kind(path, shown_as)
    except PermissionError:
        raise EvidenceError(shown_as, _("lecture interdite (droits insuffisants) : donnez-vous le droit de lire ce fichier ou copiez-le ailleurs dans le dossier du cas")) from None
    except OSError as exc:
        raise EvidenceError(shown_as, _("lecture impossible ({reason}) : vérifiez le disque ou copiez à nouveau le fichier").format(reason=exc.strerror or exc)) from None
    if kind is EvidenceKind.UNKNOWN:
        raise EvidenceError(shown_as, _unsupported_message(path))
    return kind


def _readable_kind(path: Path, shown_as: str) -> EvidenceKind:
    if not path.exists():
        raise EvidenceError(shown_as, _("fichier introuvable : vérifiez le chemin indiqué dans le cas, ou placez le fichier à cet endroit du dossier du cas"))
    if path.is_dir():
        raise EvidenceError(shown_as, _("c'est un dossier, pas un fichier : indiquez chacun des fichiers qu'il contient"))
    size = path.stat().st_size
    if size == 0:
        raise EvidenceError(shown_as, _("fichier vide (0 octet) : la copie ou le téléchargement a probablement échoué ; remplacez-le par le document complet"))
    if size > MAX_FILE_BYTES:
        raise EvidenceError(shown_as, too_big_file_message(size))
    if not path.is_file():  # a device, a pipe or a socket: reading it could block forever
        raise EvidenceError(shown_as, _("ce n'est pas un fichier ordinaire : copiez le document lui-même dans le dossier du cas"))
    return sniff(path)


def _unsupported_message(path: Path) -> str:
    claimed = _CLAIMED_BY_EXTENSION.get(path.suffix.lower())
    if claimed:
        return _("le nom se termine par « {suffix} » mais le contenu n'est pas un fichier {claimed} (fichier endommagé ou mal renommé) ; "
                 "exportez le document à nouveau dans un format accepté : {accepted}").format(
            suffix=path.suffix, claimed=claimed, accepted=_accepted_types())
    return _("type de fichier non pris en charge ; enregistrez ou exportez le document dans un format accepté : {accepted}").format(
        accepted=_accepted_types())


@contextmanager
def failures_as(shown_as: str, message: str) -> Iterator[None]:
    """Report any failure of a third-party decoder on this file as an EvidenceError with `message`.

    Decoders (pypdf, Pillow, libheif, the e-mail parser) raise all sorts of exceptions on
    hostile or damaged input; the user must get one clear sentence, never a traceback.
    """
    try:
        yield
    except EvidenceError:
        raise
    except Exception as exc:  # noqa: BLE001 - see docstring
        raise EvidenceError(shown_as, message) from exc
