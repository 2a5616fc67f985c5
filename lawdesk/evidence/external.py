"""External programs (qpdf, poppler) run on evidence under the bounds of SECURITY.md: a wall-clock
timeout, and on POSIX systems a ceiling on memory and processor time, so that a hostile file
cannot make them exhaust the machine."""

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


def _limits() -> None:  # pragma: no cover - runs in the child between fork and exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (TIMEOUT_SECONDS, TIMEOUT_SECONDS))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))  # what it writes: no larger than a pièce


def find_program(name: str) -> str | None:
    return shutil.which(name)


def run_bounded(argv: list[str], ok_codes: tuple[int, ...] = (0,)) -> int:
    """Run a program on files; its exit status (one of `ok_codes`), else ToolFailed."""
    program = find_program(argv[0])
    if program is None:
        raise ToolFailed(_("{program} absent de cet ordinateur").format(program=argv[0]))
    try:
        completed = subprocess.run([program, *argv[1:]], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, timeout=TIMEOUT_SECONDS, check=False,
                                   preexec_fn=_limits if os.name == "posix" and sys.platform != "darwin" else None,
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
