"""External programs (qpdf, poppler) run on evidence under the bounds of SECURITY.md: a wall-clock
timeout, and on Linux a ceiling on memory, processor time and the size of what they write, so that a
hostile file cannot make them exhaust the machine.

The ceilings are set by util-linux's `prlimit`, which then executes the program: nothing runs in the
child between fork and exec. A `preexec_fn` would run Python there, which is not safe in a process with
threads (the window, the generation process): a child hung there, before exec, holding the evidence
check of the window forever."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lawdesk.evidence.limits import MAX_FILE_BYTES, MB
from lawdesk.i18n import _

# One program on one evidence file: well above what ordinary files need (qpdf: milliseconds;
# poppler redrawing 100 pages: a few seconds), well under the build's own memory bound.
TIMEOUT_SECONDS = 60
MEMORY_BYTES = 1024 * MB


class ToolFailed(Exception):
    """The program is missing, failed, or was stopped at a bound; the message says which."""


def _bounded(argv: list[str]) -> list[str]:
    prlimit = find_program("prlimit") if sys.platform.startswith("linux") else None
    if prlimit is None:
        return argv
    return [prlimit, f"--as={MEMORY_BYTES}", f"--cpu={TIMEOUT_SECONDS}", f"--fsize={MAX_FILE_BYTES}", "--", *argv]


def find_program(name: str) -> str | None:
    return shutil.which(name)


def run_bounded(argv: list[str], ok_codes: tuple[int, ...] = (0,)) -> int:
    """Run a program on files; its exit status (one of `ok_codes`), else ToolFailed."""
    program = find_program(argv[0])
    if program is None:
        raise ToolFailed(_("{program} absent de cet ordinateur").format(program=argv[0]))
    try:
        completed = subprocess.run(_bounded([program, *argv[1:]]), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, timeout=TIMEOUT_SECONDS, check=False,
                                   env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"})
    except subprocess.TimeoutExpired:
        raise ToolFailed(_("{program} arrêté après {seconds} s").format(program=argv[0], seconds=TIMEOUT_SECONDS)) from None
    except OSError as exc:
        raise ToolFailed(_("{program} : {reason}").format(program=argv[0], reason=exc.strerror or exc)) from None
    if completed.returncode not in ok_codes:
        raise ToolFailed(_("{program} : échec (code {code})").format(program=argv[0], code=completed.returncode))
    return completed.returncode


def output_of(path: Path) -> bytes:
    """What a program wrote, if anything."""
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else b""
    except OSError:
        data = b""
    if not data:
        raise ToolFailed(_("aucun fichier produit"))
    return data
