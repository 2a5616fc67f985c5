"""The Jinja2 sandbox that renders the templates, with a clinic's override folder in front.

Case data is data, never code: the environment is sandboxed and autoescapes, so text such as
``<b>x</b> & {{ 7*7 }}`` typed in a case comes out literally. Environments are cached per
override folder (compiled templates are reused; a template edited on disk is reloaded), and their
compiled code is kept between processes in the user's cache folder (never in a case folder, which travels).
"""

from __future__ import annotations

import hashlib
import re
import traceback
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.sandbox import SandboxedEnvironment

from lawdesk import __version__
from lawdesk.documents.french import amount, counted, enumeration, long_date, typo
from lawdesk.errors import TemplateError
from lawdesk.i18n import N_, _
from lawdesk.paths import templates_dir

TEMPLATE_SUFFIXES = (".j2", ".css", ".html")


def _ucfirst(value: Any) -> str:
    text = str(value)
    return text[:1].upper() + text[1:]


def _lcfirst(value: Any) -> str:
    text = str(value)
    return text[:1].lower() + text[1:]


# What shapes the code Jinja compiles a template into (its lexer's options, the escaping).
_COMPILE_OPTIONS: dict[str, Any] = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}


class _CompiledTemplates(FileSystemBytecodeCache):
    """Each process (the command line, every batch worker, the window's generation process) would
    otherwise compile the templates it uses again: 0.07 s for the requête alone. An entry is used only
    for the very source it was compiled from; a folder that cannot be written only means no gain."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


@lru_cache(maxsize=1)
def _compiled_templates() -> _CompiledTemplates | None:
    from platformdirs import user_cache_dir

    # (Jinja's version from its module: a frozen application may not carry the packages' metadata)
    shaped_by = f"{__version__} {getattr(jinja2, '__version__', '')} {sorted(_COMPILE_OPTIONS.items())}"
    folder = (Path(user_cache_dir("LawDesk", appauthor=False)) / "modeles-compiles"
              / hashlib.sha256(shaped_by.encode()).hexdigest()[:16])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder))


@lru_cache(maxsize=16)
def _environment(override: str | None) -> SandboxedEnvironment:
    folders = ([override] if override else []) + [str(templates_dir())]
    environment = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        undefined=StrictUndefined,
        auto_reload=True,
        bytecode_cache=_compiled_templates(),
        **_COMPILE_OPTIONS,
    )
    environment.filters.update(typo=typo, montant=amount, date_longue=long_date, ucfirst=_ucfirst,
                               lcfirst=_lcfirst, enumeration=enumeration)
    environment.globals.update(nombre=counted)
    return environment


def environment(override: Path | None) -> SandboxedEnvironment:
    return _environment(str(override.resolve()) if override else None)


_JINJA_MESSAGES = (
    (re.compile(r"No filter named '([^']*)'"), N_("filtre inconnu « {0} »")),
    (re.compile(r"No test named '([^']*)'"), N_("test inconnu « {0} »")),
    (re.compile(r"'([^']*)' is undefined"), N_("nom inconnu « {0} »")),
    (re.compile(r"has no attribute '([^']*)'"), N_("champ inconnu « {0} »")),
    (re.compile(r"access to attribute '([^']*)' of .* is unsafe"),
     N_("accès interdit à « {0} » (un modèle ne peut pas exécuter de code)")),
    (re.compile(r"unexpected end of template", re.IGNORECASE),
     N_("fin du modèle inattendue (une balise {{% … %}} n’est pas fermée)")),
    (re.compile(r"unexpected '([^']*)'", re.IGNORECASE), N_("« {0} » inattendu")),
)


def _french(message: str) -> str:
    for pattern, french in _JINJA_MESSAGES:
        found = pattern.search(message)
        if found:
            return _(french).format(*found.groups()) + f" ({message})"
    return message


def template_error(file: str, line: int | None, message: str) -> TemplateError:
    where = _("{file}, ligne {line}").format(file=file, line=line) if line else file
    return TemplateError(
        _("modèle {where} : {problem} ; corrigez ce modèle, ou retirez-le du dossier des modèles "
          "pour revenir au modèle fourni avec LawDesk").format(where=where, problem=_french(message)))


def _template_frame(exc: BaseException) -> tuple[str, int | None]:
    """Where in a template a runtime error happened (Jinja maps its frames to template lines)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(TEMPLATE_SUFFIXES):
            return frame.filename, frame.lineno
    return "", None


def render_template(name: str, context: dict[str, Any], override: Path | None) -> str:
    """Render template `name` (override folder first); any template fault is a TemplateError."""
    env = environment(override)
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as exc:
        raise TemplateError(_("modèle introuvable : {name} ; réinstallez LawDesk ou ajoutez ce fichier "
                              "au dossier des modèles").format(name=exc.name)) from None
    except TemplateSyntaxError as exc:
        raise template_error(exc.filename or exc.name or name, exc.lineno, exc.message or str(exc)) from None
    except Exception as exc:
        file, line = _template_frame(exc)
        if not file:
            raise
        raise template_error(file, line, str(exc)) from None


def template_file(name: str, override: Path | None) -> Path:
    """A non-Jinja template file (a Word shell): the override's if present, else the built-in one."""
    if override is not None and (override / name).is_file():
        return override / name
    return templates_dir() / name
