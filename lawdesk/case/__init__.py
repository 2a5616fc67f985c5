"""The case: format lawdesk.case/1 (contract.md section 1)."""

from typing import Any

from lawdesk.case.model import CASE_FILE, FORMAT, Case

__all__ = ["CASE_FILE", "FORMAT", "Case", "load_case", "locate_case"]


def __getattr__(name: str) -> Any:
    """`load_case` and `locate_case` read case folders: they live with the folder store (lawdesk.store.folder),
    imported when first asked for (the store imports this package)."""
    if name in ("load_case", "locate_case"):
        from lawdesk.store import folder

        return getattr(folder, name)
    raise AttributeError(name)
