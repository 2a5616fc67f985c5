"""A temporary folder for a child process, removed by its parent.

LawDesk's child processes (a build's forked helper, the window's generation process, batch
workers) end with `os._exit` — multiprocessing's children all do — or are killed: neither runs
finalisers, so what they leave in the temporary folder stays there. WeasyPrint copies its fonts
into a folder of its own (3.8 MB per process) that only a finaliser removes. So each child works
in a folder made for it (`use`), which the parent removes once the child has ended (`remove`).
"""

from __future__ import annotations

import shutil
import tempfile


def create(kind: str) -> str:
    """A new folder in the temporary folder, for the child processes of one `kind`."""
    return tempfile.mkdtemp(prefix=f"lawdesk-{kind}-")


def use(folder: str) -> None:
    """In the child, first thing: its temporary files go into `folder`."""
    tempfile.tempdir = folder


def remove(folder: str) -> None:
    """In the parent, once the children using `folder` have ended (or been killed)."""
    shutil.rmtree(folder, ignore_errors=True)
