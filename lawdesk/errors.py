"""User errors: each has a French message and an exit status, shared by the CLI and the window."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

from lawdesk.i18n import _


class ExitStatus(IntEnum):
    OK = 0
    BLOCKING = 1
    UNUSABLE_INPUT = 2
    CANNOT_WRITE = 3  # the output folder cannot be written (read-only, full, gone)
    INTERNAL_ERROR = 70  # a bug of LawDesk (sysexits' EX_SOFTWARE); the details are in the crash log
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


@dataclass(frozen=True)
class Problem:
    """One finding of the pre-flight: `where` is a field path (``pieces[3].file``) or a file."""

    level: Literal["error", "warning"]
    where: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def line(self) -> str:
        """`error: where : message`; the `error:`/`warning:` prefix is never translated (scripts read it)."""
        if not self.where:
            return f"{self.level}: {self.message}"
        # TRANSLATORS: a field path or a file, then what is wrong with it (French puts a space before the colon).
        return f"{self.level}: " + _("{where} : {message}").format(where=self.where, message=self.message)


def error(where: str, message: str) -> Problem:
    return Problem("error", where, message)


def warning(where: str, message: str) -> Problem:
    return Problem("warning", where, message)


def _restore(kind: type[LawdeskError], args: tuple[object, ...], state: dict[str, object]) -> LawdeskError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class LawdeskError(Exception):
    """An error the user can fix; its message is final text, never a traceback.

    Every subclass pickles with its type, message and attributes (problems, file…), whatever its
    constructor's signature: errors cross from a generation process or a batch worker as they are."""

    exit_status = ExitStatus.BLOCKING

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:
        return _restore, (type(self), self.args, self.__dict__)


class UnusableInput(LawdeskError):
    """No such path, not a case folder, unreadable or malformed case file."""

    exit_status = ExitStatus.UNUSABLE_INPUT


class BlockingProblems(LawdeskError):
    """The pre-flight found errors: nothing can be built until they are fixed."""

    def __init__(self, problems: list[Problem], message: str = "") -> None:
        super().__init__(message or "\n".join(p.line() for p in problems if p.is_error))
        self.problems = problems


class EvidenceError(LawdeskError):
    """An evidence file cannot be used (missing, encrypted, corrupt, unsupported...)."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file} : {message}")
        self.file = file
        self.reason = message


class TemplateError(LawdeskError):
    """A document template (built-in or a clinic's override) cannot be used."""


class Cancelled(LawdeskError):
    """The user stopped the work; nothing half-done is left behind."""

    exit_status = ExitStatus.INTERRUPTED


class CannotWrite(LawdeskError):
    """The output cannot be written: a read-only or full disk, a folder removed meanwhile."""

    exit_status = ExitStatus.CANNOT_WRITE

    def __init__(self, target: object, reason: str) -> None:
        super().__init__(_("{target} : écriture impossible ({reason}) ; choisissez un dossier où vous pouvez écrire, ou "
                           "libérez de la place sur le disque ; rien n'a été modifié").format(target=target, reason=reason))
        self.target = str(target)
