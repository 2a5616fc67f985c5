"""The working copy of a case kept on a server: a folder of this computer laid out as a case folder
(case.json, the evidence files, `dossier-genere/`, `.lawdesk/`), so that the build, the pre-flight,
the thumbnails and the preview read files as they do for a case folder.

Files are written when their content (by SHA-256) differs from what the folder holds, each at once
(atomic); names come from the server and go through the same path checks as a case's pièces, so a
hostile name cannot write outside the folder. The folders live in the user's cache folder, one per
server, and can be removed at any time: they are fetched again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from lawdesk.case.pieces import UnsafePath, resolve_case_file
from lawdesk.fs import atomic_write_bytes

MANIFEST = Path(".lawdesk") / "fichiers-serveur.json"


def default_root(url_key: str) -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("LawDesk", appauthor=False)) / "serveurs" / hashlib.sha256(url_key.encode()).hexdigest()[:16]


class WorkingCopy:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _manifest_path(self, area: str) -> Path:
        return self.folder / MANIFEST.with_name(f"{area}-{MANIFEST.name}")

    def manifest(self, area: str) -> dict[str, str]:
        try:
            found = json.loads(self._manifest_path(area).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def remember(self, area: str, manifest: dict[str, str]) -> None:
        atomic_write_bytes(self._manifest_path(area), json.dumps(manifest, sort_keys=True).encode())

    def path(self, name: str, under: str = "") -> Path | None:
        """Where the file `name` goes (None: a name that would leave the folder)."""
        base = self.folder / under if under else self.folder
        base.mkdir(parents=True, exist_ok=True)
        try:
            return resolve_case_file(base, name)
        except UnsafePath:
            return None

    def sync(self, files: dict[str, bytes], fetch: Callable[[bytes], bytes], area: str = "pieces", under: str = "",
             remove_others: bool = True) -> None:
        """Make the folder (or its sub-folder `under`) hold exactly `files` (name → SHA-256), fetching
        only what differs; files it wrote before and no longer listed go (never other files)."""
        known = self.manifest(area)
        wanted = {name: digest.hex() for name, digest in files.items()}
        changed = False
        for name, digest in wanted.items():
            target = self.path(name, under)
            if target is None:
                continue
            if known.get(name) == digest and target.is_file():
                continue
            atomic_write_bytes(target, fetch(bytes.fromhex(digest)))
            known[name] = digest
            changed = True
        if remove_others:
            for name in [n for n in known if n not in wanted]:
                target = self.path(name, under)
                if target is not None:
                    target.unlink(missing_ok=True)
                del known[name]
                changed = True
        if changed or not self._manifest_path(area).is_file():
            self.remember(area, known)

    def note(self, name: str, digest: bytes, area: str = "pieces") -> None:
        """A file this computer wrote itself (an evidence file just added): known, not fetched again."""
        known = self.manifest(area)
        known[name] = digest.hex()
        self.remember(area, known)

    def forget(self, names: list[str], area: str = "pieces") -> None:
        known = self.manifest(area)
        for name in names:
            target = self.path(name)
            if target is not None and name in known:
                target.unlink(missing_ok=True)
            known.pop(name, None)
        self.remember(area, known)

    def clear(self, under: str) -> None:
        shutil.rmtree(self.folder / under, ignore_errors=True)
