"""The `lawdesk` command (contract.md section 2): messages for people, exit statuses for scripts."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lawdesk import __version__
from lawdesk.crashlog import record_crash
from lawdesk.errors import CannotWrite, ExitStatus, LawdeskError, UnusableInput
from lawdesk.i18n import _, language_from_environment, ngettext, set_language

if TYPE_CHECKING:
    from lawdesk.case.model import Case


def _parser() -> argparse.ArgumentParser:
    from lawdesk.procedures import DOCUMENTS

    parser = argparse.ArgumentParser(
        prog="lawdesk",
        description=_("Dossiers ANEF : courrier au préfet, saisine de la Défenseure des droits, référé mesures utiles. "
                      "Sans argument, ouvre la fenêtre de l'application."),
    )
    parser.add_argument("--version", action="version", version=f"LawDesk {__version__}")
    language_help = _("langue des messages (par défaut : celle du système, sinon le français)")
    parser.add_argument("--lang", choices=["fr", "en"], help=language_help)
    # --lang is also accepted after the command (`lawdesk check CASE --lang en`); main() reads it before argparse.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", choices=["fr", "en"], default=argparse.SUPPRESS, help=language_help)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMANDE"))

    # --date D: the day the case is judged and the documents are dated (contract.md section 2).
    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument("--date", metavar="AAAA-MM-JJ", help=_("date à laquelle le cas est examiné et les documents datés (par défaut : aujourd'hui)"))

    # --store: the case is REF in a store (a clinic's server, or a workspace folder) instead of a folder.
    stored = argparse.ArgumentParser(add_help=False)
    stored.add_argument("--store", metavar="URL", help=_(
        "lit le cas dans un espace partagé : postgresql://utilisateur@serveur/base (mot de passe : PGPASSWORD ou "
        ".pgpass) ou un dossier d'espace de travail ; CASE est alors sa référence"))
    case_help = _("dossier du cas ou son fichier case.json (avec --store : la référence du cas)")

    check = commands.add_parser("check", parents=[language, dated, stored], help=_("vérifie un cas et toutes ses pièces"))
    check.add_argument("case", metavar="CASE", help=case_help)

    build = commands.add_parser("build", parents=[language, dated, stored], help=_("produit le dossier complet d'un cas"))
    build.add_argument("case", metavar="CASE", help=case_help)
    build.add_argument("-o", "--output", required=True, metavar="OUT", help=_("dossier de sortie"))
    build.add_argument("--documents", metavar="a,b,c", help=_("documents à produire, dans l'ordre, parmi : {known}").format(
        known=", ".join(DOCUMENTS)))
    build.add_argument("--templates", metavar="DIR", help=_("dossier de modèles personnalisés (à défaut, les modèles intégrés)"))
    build.add_argument("--pdfa", action="store_true", help=_("écrit le dossier au format PDF/A-2b, pour l'archivage"))

    status = commands.add_parser("status", parents=[language, dated, stored],
                                 help=_("chronologie du cas, situation, échéances datées et prochaine étape"))
    status.add_argument("case", metavar="CASE", help=case_help)
    status.add_argument("--json", action="store_true", help=_("sortie JSON : situation, dates, next_step"))
    status.add_argument("--ics", metavar="FICHIER", help=_("écrit les échéances dans un fichier iCalendar (.ics)"))

    batch = commands.add_parser("batch", parents=[language, dated], help=_("produit les dossiers d'un dossier de cas ou d'un tableur CSV/XLSX"))
    batch.add_argument("input", metavar="INPUT", nargs="?", help=_("dossier de dossiers de cas, ou fichier CSV/XLSX"))
    batch.add_argument("-o", "--output", metavar="OUT", help=_("dossier de sortie"))
    batch.add_argument("--workers", type=int, metavar="N", help=_("nombre de processus (par défaut : nombre de cœurs)"))
    batch.add_argument("--templates", metavar="DIR", help=_("dossier de modèles personnalisés"))
    batch.add_argument("--template", metavar="FICHIER", help=_("écrit un tableur vide (.csv ou .xlsx) avec toutes les colonnes, puis s'arrête"))
    batch.add_argument("--store", metavar="URL", help=_(
        "traite les cas du serveur de la clinique (postgresql://utilisateur@serveur/base) avec les autres postes qui "
        "lancent la même commande : chaque cas est constitué une seule fois, un seul rapport"))
    batch.add_argument("--lease", type=float, metavar="SECONDES", help=_(
        "avec --store : délai après lequel les cas d'un poste qui ne répond plus sont repris par un autre (120 par défaut)"))

    store = commands.add_parser("store", parents=[language], help=_("serveur partagé de la clinique : création, import, export"))
    actions = store.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    init = actions.add_parser("init", parents=[language], help=_("crée le schéma LawDesk dans la base, ou le met à jour"))
    init.add_argument("url", metavar="URL", help=_("postgresql://utilisateur@serveur/base"))
    imported = actions.add_parser("import", parents=[language], help=_("copie des dossiers de cas dans l'espace partagé"))
    imported.add_argument("url", metavar="URL", help=_("postgresql://utilisateur@serveur/base, ou un dossier d'espace de travail"))
    imported.add_argument("folders", metavar="FOLDER", nargs="+",
                          help=_("dossier d'un cas, ou dossier de dossiers de cas"))
    exported = actions.add_parser("export", parents=[language], help=_("écrit des cas de l'espace partagé comme dossiers de cas"))
    exported.add_argument("url", metavar="URL", help=_("postgresql://utilisateur@serveur/base, ou un dossier d'espace de travail"))
    exported.add_argument("refs", metavar="REF", nargs="+", help=_("référence du cas (ou son identifiant)"))
    exported.add_argument("-o", "--output", required=True, metavar="FOLDER", help=_("dossier où écrire les cas"))
    return parser


def _print_problems(problems: list) -> None:
    for problem in problems:
        print(problem.line())


def _day(args: argparse.Namespace) -> dt.date:
    """The --date option, or today."""
    if not args.date:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(args.date)
    except ValueError:
        raise UnusableInput(_("--date « {value} » : date illisible ; écrivez-la AAAA-MM-JJ (par ex. 2025-06-03)").format(
            value=args.date)) from None


def _case(args: argparse.Namespace) -> Case:
    """The case of CASE: a case folder, or with --store the case of that reference in the store (its
    evidence files fetched into a working copy on this computer)."""
    if not args.store:
        from lawdesk.case import load_case

        return load_case(args.case)
    from lawdesk.store import open_store

    store = open_store(args.store)
    try:
        return store.load(store.find(args.case))
    finally:
        store.close()


def _check(args: argparse.Namespace) -> int:
    from lawdesk.check import preflight

    case = _case(args)
    problems = preflight(case, _day(args))
    _print_problems(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    warnings_text = ngettext("{n} avertissement", "{n} avertissements", warnings).format(n=warnings)
    if errors:
        # TRANSLATORS: {errors} is "2 erreurs bloquantes", {warnings} is "1 avertissement".
        print(_("{ref} : {errors}, {warnings} ; corrigez les erreurs puis relancez « lawdesk check »").format(
            ref=case.reference, errors=ngettext("{n} erreur bloquante", "{n} erreurs bloquantes", errors).format(n=errors),
            warnings=warnings_text), file=sys.stderr)
        return ExitStatus.BLOCKING
    # TRANSLATORS: {warnings} is "1 avertissement" or "3 avertissements".
    print(_("{ref} : prêt ({warnings})").format(ref=case.reference, warnings=warnings_text), file=sys.stderr)
    return ExitStatus.OK


def _document_list(value: str | None) -> list[str] | None:
    return [item.strip() for item in value.split(",") if item.strip()] if value else None


def _build(args: argparse.Namespace) -> int:
    from lawdesk.build import build

    report = build(_case(args), Path(args.output), documents=_document_list(args.documents),
                   templates_dir=Path(args.templates) if args.templates else None, today=_day(args), pdfa=args.pdfa)
    _print_problems(report.warnings)
    print(_("{ref} : dossier écrit dans {out} ({pages} pages : {bundle})").format(
        ref=report.case, out=args.output, pages=report.pages, bundle=report.bundle), file=sys.stderr)
    return ExitStatus.OK


def _status(args: argparse.Namespace) -> int:
    from lawdesk.timeline import timeline
    from lawdesk.timeline.ics import write_ics
    from lawdesk.status import status_lines

    case = _case(args)
    t = timeline(case.data, _day(args))
    if args.json:
        print(json.dumps(t.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(status_lines(t, case.data, case.reference)))
    if args.ics:
        target = Path(args.ics)
        try:
            write_ics(t, case.reference, target)
        except OSError as exc:
            raise CannotWrite(target, exc.strerror or str(exc)) from None
        print(_("échéances écrites dans {file}").format(file=target), file=sys.stderr)
    return ExitStatus.OK


def _batch(args: argparse.Namespace) -> int:
    from lawdesk.batch import make_progress_for_terminal, run_batch, write_template

    if args.template:
        write_template(Path(args.template))
        print(_("tableur vide écrit : {file}").format(file=args.template), file=sys.stderr)
        return ExitStatus.OK
    if args.store and args.output and not args.input:
        from lawdesk.batch.shared import DEFAULT_LEASE, run_shared_batch

        result = run_shared_batch(args.store, Path(args.output), workers=args.workers,
                                  progress=make_progress_for_terminal(sys.stderr),
                                  templates_dir=Path(args.templates) if args.templates else None, today=_day(args),
                                  lease=args.lease or DEFAULT_LEASE)
        print(result.summary(), file=sys.stderr)
        return int(result.exit_status)
    if not args.input or not args.output:
        raise UnusableInput(_("indiquez le dossier ou le tableur à traiter et le dossier de sortie : lawdesk batch INPUT -o OUT "
                              "(ou lawdesk batch --store URL -o OUT)"))
    result = run_batch(Path(args.input), Path(args.output), workers=args.workers,
                       progress=make_progress_for_terminal(sys.stderr),
                       templates_dir=Path(args.templates) if args.templates else None, today=_day(args))
    print(result.summary(), file=sys.stderr)
    return int(result.exit_status)


def _store(args: argparse.Namespace) -> int:
    from lawdesk.store.commands import export_cases, import_folders, init_store

    if args.action == "init":
        return init_store(args.url)
    if args.action == "import":
        return import_folders(args.url, [Path(f) for f in args.folders])
    return export_cases(args.url, args.refs, Path(args.output))


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"check": _check, "build": _build, "status": _status,
                                                             "batch": _batch, "store": _store}


def _report_crash(exc: BaseException) -> int:
    """A bug, not a user error: a short message, the details in the crash log for the maintainers."""
    log_file = record_crash(exc)
    where = _("détails enregistrés dans {file}").format(file=log_file) if log_file else _("le journal n'a pas pu être écrit")
    print(_("erreur interne de LawDesk ({kind}) ; {where}. Signalez-la avec ce fichier.").format(
        kind=type(exc).__name__, where=where), file=sys.stderr)
    return ExitStatus.INTERNAL_ERROR


def _language_option(argv: list[str]) -> str | None:
    """`--lang en` or `--lang=en`, read before argparse so that its help and errors are translated too."""
    for index, item in enumerate(argv):
        if item == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if item.startswith("--lang="):
            return item.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # frozen app: batch workers and window generation start as processes
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language_option(argv) or language_from_environment())
    if not argv or argv[0] in ("--workspace", "--store"):  # the window, on a folder or a server
        from lawdesk.ui.app import main as open_window

        return open_window(argv)
    logging.basicConfig(level=logging.ERROR)
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return ExitStatus.UNUSABLE_INPUT
    try:
        return int(_COMMANDS[args.command](args))
    except LawdeskError as exc:
        from lawdesk.errors import BlockingProblems

        if isinstance(exc, BlockingProblems):
            _print_problems(exc.problems)
        else:
            print(f"error: {exc.message}", file=sys.stderr)
        return int(exc.exit_status)
    except KeyboardInterrupt:
        print(_("interrompu ; rien d'incomplet n'a été laissé"), file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback for a user
        return _report_crash(exc)


if __name__ == "__main__":
    sys.exit(main())
