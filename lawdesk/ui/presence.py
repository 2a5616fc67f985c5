"""Where a case lives and who else has it open, in words (the case list and the case's header)."""

from __future__ import annotations

from lawdesk.case.model import Case
from lawdesk.i18n import _
from lawdesk.store.base import CaseStore, Holder


def location_text(store: CaseStore) -> str:
    """Where the cases of a store live: a folder of this computer (or a share), or a server."""
    if store.kind == "server":
        return _("Sur le serveur {server}").format(server=store.describe())
    return _("Dans le dossier {folder}").format(folder=store.describe())


def case_location(store: CaseStore, case: Case) -> str:
    """Where one case lives."""
    if store.kind == "server":
        return _("Enregistré sur le serveur {server}").format(server=store.describe())
    return _("Enregistré dans le dossier {folder}").format(folder=case.folder)


def holders_text(holders: list[Holder] | tuple[Holder, ...]) -> str:
    """« Ouvert par claire (poste clinique-2) », one line for each person who has the case open."""
    return "\n".join((_("Ouvert par {user} (poste {host})") if h.mode == "edit" else
                      _("Consulté par {user} (poste {host})")).format(user=h.user, host=h.host) for h in holders)
