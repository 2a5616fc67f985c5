"""`lawdesk store init|import|export`: a clinic's server made ready, filled from case folders, and
its cases written back as case folders (the same bytes: unknown fields and file layout kept)."""

from __future__ import annotations

import sys
from pathlib import Path

from lawdesk.case.model import CASE_FILE
from lawdesk.errors import ExitStatus, UnusableInput
from lawdesk.i18n import _, ngettext
from lawdesk.store import is_server_url, open_store
from lawdesk.store.base import CaseNotFound
from lawdesk.store.url import display


def init_store(url: str) -> int:
    from lawdesk.store.server import upgrade

    if not is_server_url(url):
        raise UnusableInput(_("« {url} » n'est pas l'adresse d'un serveur ; indiquez postgresql://utilisateur@serveur/base").format(
            url=url))
    before, now = upgrade(url)
    if before is None:
        message = _("serveur {server} : schéma LawDesk créé (version {revision})")
    elif before == now:
        message = _("serveur {server} : schéma LawDesk déjà à jour (version {revision})")
    else:
        message = _("serveur {server} : schéma LawDesk mis à jour de la version {before} à la version {revision}")
    print(message.format(server=display(url), revision=now, before=before), file=sys.stderr)
    return ExitStatus.OK


def _case_folders(folder: Path) -> list[Path]:
    """A case folder, or the case folders of a folder of case folders."""
    if (folder / CASE_FILE).is_file() or not folder.is_dir():
        return [folder]
    found = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / CASE_FILE).is_file()),
                   key=lambda p: p.name.lower())
    return found or [folder]


def import_folders(location: str, folders: list[Path]) -> int:
    """Each case folder copied into the store; one line per case, failures said and the others imported."""
    store = open_store(location)
    failed = imported = 0
    try:
        for folder in (f for given in folders for f in _case_folders(given)):
            try:
                case = store.import_folder(folder)
            except UnusableInput as exc:
                print(f"error: {exc.message}", file=sys.stderr)
                failed += 1
                continue
            imported += 1
            print(_("{folder} : importé ({reference}, {ref})").format(folder=folder, reference=case.reference, ref=case.ref))
    finally:
        store.close()
    print(ngettext("{n} dossier importé", "{n} dossiers importés", imported).format(n=imported)
          + (ngettext(", {n} en échec", ", {n} en échec", failed).format(n=failed) if failed else ""), file=sys.stderr)
    return ExitStatus.BLOCKING if failed else ExitStatus.OK


def export_cases(location: str, refs: list[str], out: Path) -> int:
    """Each case written as a case folder in OUT, named after its reference."""
    store = open_store(location)
    failed = 0
    try:
        for text in refs:
            try:
                ref = store.find(text)
                target = store.export_case(ref, out / store.export_name(ref))
            except CaseNotFound as exc:
                print(f"error: {exc.message}", file=sys.stderr)
                failed += 1
                continue
            print(_("{ref} : écrit dans {folder}").format(ref=text, folder=target))
    except OSError as exc:
        from lawdesk.errors import CannotWrite

        raise CannotWrite(out, exc.strerror or str(exc)) from None
    finally:
        store.close()
    return ExitStatus.BLOCKING if failed else ExitStatus.OK
