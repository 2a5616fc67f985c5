"""One case, from facts to dossier: navigation between the sections, the live pre-flight, the
preview, autosave, and generation in the background."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter, QStackedWidget,
    QVBoxLayout, QWidget,
)

from lawdesk.case.model import Case
from lawdesk.case.validate import validate_data
from lawdesk.errors import BlockingProblems, LawdeskError, Problem
from lawdesk.store import journal
from lawdesk.store.merge import merge, resolve
from lawdesk.i18n import _, ngettext
from lawdesk.offer import as_generated, to_generate
from lawdesk.ui import labels
from lawdesk.ui.autosave import Autosaver
from lawdesk.ui.case_form import EVIDENCE, CaseForm
from lawdesk.ui.conflict_dialog import ConflictDialog
from lawdesk.ui.desktop import open_path
from lawdesk.ui.formatting import timestamp
from lawdesk.ui.evidence_views import AcceptsFileDrops
from lawdesk.ui.form.binding import restyle
from lawdesk.ui.form.field_names import described
from lawdesk.ui.generation import build_job, evidence_check_job
from lawdesk.ui.guided import GuidedView
from lawdesk.ui.icons import level_icon, level_of
from lawdesk.ui.lock_keeper import LockKeeper
from lawdesk.ui.message_bar import MessageBar
from lawdesk.ui.presence import case_location, holders_text
from lawdesk.ui.preview import PreviewPane
from lawdesk.ui.problems_panel import ProblemsPanel
from lawdesk.ui.progress_dialog import JobProgressDialog
from lawdesk.ui.worker import Job, Worker
from lawdesk.store.base import CaseStatus, CaseStore, Conflict, Holder, applicant_name, derive_status

if TYPE_CHECKING:
    from lawdesk.build import Report

VALIDATE_AFTER_MS = 250
PREVIEW = "preview"


class CaseEditor(AcceptsFileDrops, QWidget):
    closeRequested = Signal()
    guidedChanged = Signal(bool)  # the user switched between the guided mode and the expert form
    generated = Signal(dict)  # report.json
    generationFailed = Signal(str)
    evidenceChecked = Signal(list)

    def __init__(self, case: Case, store: CaseStore, worker: Worker, parent: QWidget | None = None,
                 templates_dir: Path | None = None, keeper: LockKeeper | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.store = store
        self.worker = worker
        self.templates_dir = templates_dir
        self.report = store.read_report(case)
        self.problems: list[Problem] = []
        self._evidence_problems: list[Problem] = []
        self._evidence_job: Job | None = None
        self._generation: Job | None = None
        self._preview_job: Job | None = None
        self._outdated = self.report is not None and store.dossier_outdated(case)
        self._edits = 0  # edits since the case was opened: a dossier built from older data is outdated
        self._edits_at_generation = 0
        self._failure_shown = False  # the « not generated » bar is on screen, about blocking errors
        self._waiting_for_store = False  # edits kept while the server cannot be reached
        self._built_revision = ""  # the version of the case the generation running was built from

        self.form = CaseForm(case, worker, store, self)
        self.preview = PreviewPane(self)
        self.panel = ProblemsPanel(self.form.describe, self)
        self.messages = MessageBar(self)
        self.autosaver = Autosaver(case, store, parent=self)

        self._build_header()
        if keeper is not None:
            keeper.othersChanged.connect(self.show_others)
            self.show_others(keeper.others)
        self.nav = QListWidget(self)
        self.nav.setObjectName("sectionNav")
        self.nav.setIconSize(QSize(16, 16))
        self.nav.setMinimumWidth(275)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # an explicit height: items laid out before the style sheet polishes the list would overlap
        row_size = QSize(0, self.fontMetrics().height() + 22)
        for title in [*self.form.titles, _("Aperçu du dossier")]:
            item = QListWidgetItem(title)
            item.setSizeHint(row_size)
            self.nav.addItem(item)
        self.nav.item(self.nav.count() - 1).setData(Qt.ItemDataRole.UserRole, PREVIEW)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.form)
        self.pages.addWidget(self.preview)
        self.nav.currentRowChanged.connect(self._navigate)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        self.panel.setMinimumWidth(280)
        splitter.setSizes([275, 745, 340])
        self.expert = splitter
        self.guided = GuidedView(self.form, worker, self.validate, self)
        self.modes = QStackedWidget(self)
        self.modes.addWidget(splitter)
        self.modes.addWidget(self.guided)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.messages)
        layout.addWidget(self.modes, 1)

        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_AFTER_MS)
        self._validate_timer.timeout.connect(self.validate)
        self.form.changed.connect(self._changed)
        self.form.history.indexChanged.connect(self._follow_form)
        self.form.filesAdded.connect(self.check_evidence)
        self.form.notice.connect(self.messages.show_message)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(lambda message: self.messages.show_message("error", message))
        self.autosaver.offline.connect(self._offline)
        self.autosaver.conflicted.connect(self._conflict)
        self.panel.activated.connect(self.go_to)
        self.panel.checkRequested.connect(self.check_evidence)
        self.preview.refreshRequested.connect(self.refresh_preview)
        self.guided.changed.connect(self._changed)
        self.guided.filesAdded.connect(self.check_evidence)
        self.guided.notice.connect(self.messages.show_message)
        self.guided.generateRequested.connect(self.generate)
        self.guided.expertRequested.connect(lambda: self.set_guided(False, by_user=True))
        self.form.restored.connect(self._follow_history)
        self.setAcceptDrops(True)

        self.nav.setCurrentRow(0)
        self.set_guided(False)
        self.validate()
        self.check_evidence()

    def _build_header(self) -> None:
        self.header = QWidget(self)
        self.header.setObjectName("caseHeader")
        back = QPushButton(_("‹ Tous les dossiers"), self.header)
        back.setObjectName("flat")
        back.clicked.connect(self.closeRequested)
        self.title = QLabel(self.header)
        self.title.setObjectName("caseTitle")
        self.status = QLabel(self.header)
        self.status.setObjectName("statusChip")
        self.save_state = QLabel(self.header)
        self.save_state.setObjectName("hint")
        self.where = QLabel(self.header)
        self.where.setObjectName("hint")
        self.where.setText(case_location(self.store, self.case))
        self.others = QLabel(self.header)
        self.others.setObjectName("hint")
        self.others.hide()
        self.mode_button = QPushButton(self.header)
        self.mode_button.setObjectName("flat")
        self.mode_button.clicked.connect(lambda: self.set_guided(not self.is_guided, by_user=True))
        self.generate_button = QPushButton(_("Générer le dossier"), self.header)
        self.generate_button.setObjectName("primary")
        self.generate_button.clicked.connect(self.generate)
        layout = QHBoxLayout(self.header)
        layout.setContentsMargins(12, 8, 16, 8)
        layout.addWidget(back)
        layout.addSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.others)
        layout.addSpacing(8)
        layout.addWidget(self.where)
        layout.addSpacing(8)
        layout.addWidget(self.save_state)
        layout.addSpacing(8)
        layout.addWidget(self.mode_button)
        layout.addWidget(self.generate_button)
        self._update_title()

    def show_others(self, holders: list[Holder]) -> None:
        """Who else has the case open, beside where it lives."""
        self.others.setText(holders_text(holders))
        self.others.setVisible(bool(holders))

    def _update_title(self) -> None:
        name = applicant_name(self.case.data) or _("Nouveau dossier")
        self.title.setText(f"{name}  ·  {self.case.reference}")

    # the guided mode and the expert form: two views of the same case

    @property
    def is_guided(self) -> bool:
        return self.modes.currentWidget() is self.guided

    def set_guided(self, guided: bool, by_user: bool = False) -> None:
        """Show the case as questions, one at a time, or as the whole form; each view shows the case as the
        other left it."""
        if guided:
            self.guided.show_problems(self.problems)
            self.guided.load()
            self.modes.setCurrentWidget(self.guided)
        else:
            for index in self.form.built_sections():
                self.form.section(index).load()
            self.form.catalog.notify()
            self.modes.setCurrentWidget(self.expert)
        self.mode_button.setText(_("Formulaire complet") if guided else _("Mode guidé"))
        self.mode_button.setToolTip(_("Tout le dossier sur une page par section, pour les habitués") if guided else
                                    _("Le dossier question par question, pour débuter"))
        if by_user:
            self.guidedChanged.emit(guided)

    def _follow_history(self) -> None:
        """Undo and redo change the case behind the guided mode's fields: they show it again."""
        if self.is_guided:
            self.guided.load()

    # navigation

    def _navigate(self, row: int) -> None:
        if self.nav.item(row) is not None and self.nav.item(row).data(Qt.ItemDataRole.UserRole) == PREVIEW:
            self.pages.setCurrentWidget(self.preview)
            self._load_preview()
        elif 0 <= row < len(self.form.titles):
            self.pages.setCurrentWidget(self.form)
            self.form.show_section(row)

    def _follow_form(self) -> None:
        """Undo and redo show the section they change: the navigation follows."""
        if self.pages.currentWidget() is self.form:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.form.current_index())
            self.nav.blockSignals(False)

    @property
    def read_only(self) -> bool:
        return self.form.read_only

    def set_read_only(self, reason: str) -> None:
        """Someone else edits this case: it can be read, not changed (nor generated)."""
        self.flush()
        self.form.set_read_only()
        self.guided.set_read_only()
        self.generate_button.setEnabled(False)
        self.messages.show_message("warning", reason)

    def show_section(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def show_preview(self) -> None:
        self.nav.setCurrentRow(self.nav.count() - 1)

    def go_to(self, where: str) -> QWidget:
        """Bring the field a problem is about on screen (a click in the pre-flight panel)."""
        widget = self.form.reveal(where)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(self.form.current_index())
        self.nav.blockSignals(False)
        self.pages.setCurrentWidget(self.form)
        return widget

    # editing, validation, saving

    def _changed(self) -> None:
        if not self.read_only:
            self.autosaver.schedule()
        self._edits += 1
        if self.report is not None and not self._outdated:
            self._outdated = True
            self._show_status()
        self.save_state.setText(_("Modifications en cours…"))
        self._validate_timer.start()
        self._update_title()

    def _saved(self) -> None:
        self.save_state.setText(_("Enregistré à {time}").format(
            time=QLocale().toString(QDateTime.currentDateTime().time(), QLocale.FormatType.ShortFormat)))
        if self._waiting_for_store:
            self._waiting_for_store = False
            self.messages.show_message("success", _("Le serveur répond de nouveau : vos modifications sont enregistrées."),
                                       timeout_ms=8000)

    def _offline(self, message: str) -> None:
        """The server is away: the edits stay in the window (and are tried again every few seconds)."""
        self._waiting_for_store = True
        self.save_state.setText(_("Non enregistré : serveur injoignable"))
        self.messages.show_message("warning", message)

    def _conflict(self, conflict: Conflict) -> None:
        """The case was saved elsewhere since this window read it: what each side changed is merged field by
        field; the fields both changed are the user's choice. Nothing is written before that."""
        if self._take_in(self.autosaver.base, copy.deepcopy(self.case.data), conflict.theirs, conflict.revision,
                         conflict.by, _("Fusion avec la version enregistrée sur un autre poste"),
                         self.flush):
            self.messages.show_message("success", _(
                "{who} a aussi modifié ce dossier : ses modifications sont reprises avec les vôtres, et le dossier est "
                "enregistré.").format(who=conflict.by or _("Un autre poste")), timeout_ms=10000)

    def recover_unsaved(self) -> bool:
        """Edits this computer could not save before its window closed (the server away, a crash meanwhile):
        put back into the case, merged with what was saved since, and saved."""
        unsaved = journal.found(self.store.describe(), self.case.ref)
        if unsaved is None or unsaved.data == self.case.data:
            journal.forget(self.store.describe(), self.case.ref)
            return False
        if not self._take_in(unsaved.base, unsaved.data, copy.deepcopy(self.case.data), self.case.revision, "",
                             _("Reprise des modifications non enregistrées"), self.recover_unsaved):
            return False
        self.messages.show_message("success", _(
            "Des modifications faites le {time} sur ce poste n'avaient pas pu être enregistrées : elles sont reprises "
            "et enregistrées.").format(time=timestamp(unsaved.when)), timeout_ms=15000)
        return True

    def _take_in(self, base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any], revision: str, by: str,
                 step: str, again: Any) -> bool:
        """`mine` (started from `base`) merged with `theirs` (the case saved at `revision`) into the form, as one
        step the user can undo, then saved. The fields both changed are the user's choice: without it, nothing
        is written and a bar offers `again`."""
        merged = merge(base, mine, theirs)
        choices: dict[Any, str] = {}
        if merged.clashes:
            dialog = ConflictDialog(merged, by, self)
            if dialog.exec() != ConflictDialog.DialogCode.Accepted:
                self.save_state.setText(_("Non enregistré"))
                self.messages.show_message("warning", _(
                    "Vos modifications ne sont pas enregistrées : le dossier a été modifié entre-temps sur un autre poste. "
                    "Comparez les deux versions pour les enregistrer."), [(_("Comparer et enregistrer"), again)])
                return False
            choices = dialog.choices()
        places = [p for p in [*merged.taken, *(c.path for c in merged.clashes)] if p and self.form.is_current(str(p[0]))]
        self.form.replace(resolve(merged, choices), step, places[0] if places else ("applicant", "family_name"))
        self.autosaver.resolved(theirs, revision)
        return self.autosaver.flush()

    def validate(self) -> list[Problem]:
        """The live pre-flight: the data now (a few milliseconds) plus the last check of the evidence files."""
        self._validate_timer.stop()
        found = validate_data(as_generated(self.case.data, dt.date.today())) + [
            p for p in self._evidence_problems if self.form.is_current(p.where)]  # not those of files since removed
        self.problems = list(dict.fromkeys(found))  # one line per problem, even if found twice
        by_section = self.form.show_problems(self.problems)
        self.guided.show_problems(self.problems)
        self.panel.set_problems(self.problems)
        self._badges(by_section)
        self._show_status()
        self.form.follow_case()
        self._follow_failure()
        return self.problems

    def _follow_failure(self) -> None:
        """The bar saying the dossier was not generated follows the errors: it counts those left, and
        says when none is."""
        if not self._failure_shown or not self.messages.isVisible():
            self._failure_shown = False
            return
        errors = sum(p.is_error for p in self.problems)
        if errors:
            self.messages.show_message("error", self._not_generated(errors))
        else:
            self._failure_shown = False
            self.messages.show_message("info", _("Les erreurs bloquantes sont corrigées : le dossier peut être généré."),
                                       [(_("Générer le dossier"), self.generate)])

    @staticmethod
    def _not_generated(errors: int) -> str:
        return ngettext("Le dossier n'a pas été généré : {n} erreur bloquante à corriger (voir Vérification, à droite).",
                        "Le dossier n'a pas été généré : {n} erreurs bloquantes à corriger (voir Vérification, à droite).",
                        errors).format(n=errors)

    def _badges(self, by_section: list[list[Problem]]) -> None:
        for row, (title, found) in enumerate(zip(self.form.titles, by_section, strict=True)):
            item = self.nav.item(row)
            item.setText(f"{title}  ({len(found)})" if found else title)
            item.setIcon(level_icon(level_of(found)))

    def _show_status(self) -> None:
        status = derive_status(any(p.is_error for p in self.problems), self.report)
        outdated = self._outdated and status in (CaseStatus.LETTERS, CaseStatus.FILING)
        self.status.setText(labels.status_text(status, outdated))
        self.status.setToolTip(_("Le dossier généré est antérieur aux dernières modifications du cas : générez-le à "
                                 "nouveau avant de l'envoyer.") if outdated else "")
        restyle(self.status, "status", "outdated" if outdated else status.value)

    def check_evidence(self) -> None:
        """Open every evidence file in the background; the result joins the live pre-flight."""
        if self._evidence_job is not None:
            self._evidence_job.cancel()
        job = evidence_check_job(self.case)
        job.succeeded.connect(self._evidence_checked)
        job.failed.connect(self._evidence_check_failed)
        self._evidence_job = job
        self.panel.set_evidence_state(_("Vérification des fichiers de pièces en cours…"))
        self.worker.start(job)

    def _evidence_checked(self, problems: list[Problem]) -> None:
        if self.sender() is not self._evidence_job:
            return  # an older check, superseded
        self._evidence_job = None
        self._evidence_problems = problems
        self.panel.set_evidence_state(_("Fichiers de pièces vérifiés à {time}.").format(
            time=QLocale().toString(QDateTime.currentDateTime().time(), QLocale.FormatType.ShortFormat)))
        self.validate()
        self.evidenceChecked.emit(problems)

    def _evidence_check_failed(self, exc: LawdeskError) -> None:
        if self.sender() is self._evidence_job:
            self._evidence_job = None
            self.panel.set_evidence_state(_("Vérification des pièces impossible : {reason}").format(reason=exc.message))

    def flush(self) -> bool:
        """Save now what is pending (leaving the case, closing the window)."""
        return self.autosaver.flush()

    def leave(self) -> bool:
        """The case is closed: save it, and remove the copies of files no pièce uses any more (their undo
        history goes with the editor)."""
        if self.read_only:
            return True
        saved = self.flush()
        if saved and EVIDENCE in self.form.built_sections():
            try:
                self.store.remove_evidence(self.case, self.form.evidence.unused_copies())
            except (LawdeskError, OSError):
                pass  # copies no pièce uses: left for another time, nothing of the user's is lost
        return saved

    # generation

    def generate(self) -> Job | None:
        """Build the dossier of the chosen documents that fit today, into the case's output folder."""
        job = self._build(preview=False)
        if job is not None:
            self._generation = job
            self._edits_at_generation = self._edits
            job.succeeded.connect(self._generated)
            job.failed.connect(self._generation_failed)
            job.cancelled.connect(self._generation_cancelled)
            job.finished.connect(self._generation_finished)
            self.generate_button.setEnabled(False)
            self.generate_button.setText(_("Génération…"))
            self.worker.start(job)
        return job

    def refresh_preview(self) -> Job | None:
        """The same build, into a folder of its own: the dossier generated (and maybe sent) stays as it is."""
        job = self._build(preview=True)
        if job is not None:
            self._preview_job = job
            job.succeeded.connect(self._previewed)
            job.failed.connect(self._generation_failed)
            job.finished.connect(self._preview_finished)
            self.preview.set_busy(True)
            self.worker.start(job)
        return job

    def _build(self, preview: bool) -> Job | None:
        if self._generation is not None or self._preview_job is not None or self.read_only:
            return None
        if not self.flush():
            return None
        if not preview:
            self._built_revision = self.case.revision
        self.preview.release()
        documents = to_generate(self.case.data, dt.date.today()) or None
        job = build_job(self.case, self.templates_dir, documents, preview=preview)
        title = _("Aperçu du dossier {reference}") if preview else _("Génération du dossier {reference}")
        # the dialog shows itself if the job lasts, and goes when it ends
        JobProgressDialog(job, title.format(reference=self.case.reference), self)
        return job

    def _generation_finished(self) -> None:
        self._generation = None
        self.generate_button.setEnabled(not self.read_only)
        self.generate_button.setText(_("Générer le dossier"))

    def _preview_finished(self) -> None:
        self._preview_job = None
        self.preview.set_busy(False)

    def _previewed(self, outcome: tuple[Report, Path]) -> None:
        report, out = outcome
        self.preview.show_pdf(out / report.bundle, _(
            "Aperçu du {time}, avec les données actuelles : ce n'est pas le dossier généré ; « Générer le dossier » "
            "l'écrit.").format(time=timestamp(dt.datetime.now().timestamp())), draft=True)

    def _generated(self, outcome: tuple[Report, Path]) -> None:
        built, out = outcome
        self.report = built.as_json()
        self._outdated = self._edits != self._edits_at_generation  # typed while it was being built
        self._failure_shown = False
        self._show_status()
        bundle = out / built.bundle
        self._show_dossier(bundle)
        warnings = built.warnings  # one per problem: the build's Report gives each once
        pages = built.pages
        documents = len(built.documents)
        pieces = len(built.pieces)
        # TRANSLATORS: "Dossier généré : 42 pages, 3 documents, 5 pièces."
        text = _("Dossier généré : {pages}, {documents}, {pieces}.").format(
            pages=ngettext("{n} page", "{n} pages", pages).format(n=pages) if isinstance(pages, int) else "?",
            documents=ngettext("{n} document", "{n} documents", documents).format(n=documents),
            pieces=ngettext("{n} pièce", "{n} pièces", pieces).format(n=pieces))
        if warnings:
            text += "\n" + ngettext("{n} avertissement :", "{n} avertissements :", len(warnings)).format(n=len(warnings))
            text += "".join(f"\n• {described(w)}" for w in warnings[:3]) + ("\n…" if len(warnings) > 3 else "")
        self.messages.show_message("success", text, [
            (_("Ouvrir le PDF"), lambda: self.open_file(bundle)),
            (_("Ouvrir le dossier"), lambda: self.open_file(out)),
            (_("Voir l'aperçu"), self.show_preview),
        ])
        self._publish()
        self.generated.emit(self.report)

    def _publish(self) -> Job:
        """The dossier just generated kept where the case lives (on a server: for the other computers too)."""
        built = Case(self.case.folder, {}, self.case.ref, self._built_revision)
        store = self.store

        def work(_progress: Any, _cancel: Any) -> None:
            try:
                store.publish_dossier(built)
            except OSError as exc:
                raise LawdeskError(str(exc.strerror or exc)) from None

        job = Job(work)
        job.failed.connect(lambda exc: self.messages.show_message("warning", _(
            "Le dossier est généré sur ce poste mais n'a pas pu être enregistré là où le cas est conservé : {reason}. "
            "Générez-le à nouveau quand ce sera possible.").format(reason=exc.message)))
        self.worker.start(job)
        return job

    def open_file(self, path: Path) -> bool:
        """Hand a file or folder to the desktop; say so when nothing there can open it."""
        if open_path(path):
            return True
        if path.is_dir():
            text = _("Aucune application n'a pu ouvrir le dossier {folder}.").format(folder=path)
            self.messages.show_message("warning", text)
        else:
            text = _("Aucune application n'est installée pour ouvrir {file} : installez un lecteur de PDF, ou ouvrez "
                     "le dossier et le fichier depuis l'explorateur de fichiers.").format(file=path.name)
            self.messages.show_message("warning", text, [(_("Ouvrir le dossier"), lambda: self.open_file(path.parent)),
                                                         (_("Voir l'aperçu"), self.show_preview)])
        return False

    def _generation_failed(self, exc: LawdeskError) -> None:
        if isinstance(exc, BlockingProblems):
            data_problems = validate_data(as_generated(self.case.data, dt.date.today()))
            self._evidence_problems = [p for p in exc.problems if p not in data_problems]
            message = self._not_generated(sum(p.is_error for p in exc.problems))
            self.messages.show_message("error", message)
            self._failure_shown = True
            self.validate()
        else:
            message = _("Le dossier n'a pas été généré : {reason}").format(reason=exc.message)
            self.messages.show_message("error", message)
        self.generationFailed.emit(message)

    def _generation_cancelled(self) -> None:
        self.messages.show_message("info", _("Génération annulée : le dossier généré précédent, s'il existe, est inchangé."))

    # preview

    def _load_preview(self) -> None:
        if self._generation is not None or self._preview_job is not None or self.preview.showing_draft:
            return
        report = self.report
        self._show_dossier(self.store.dossier_folder(self.case) / str(report["bundle"]) if report and report.get("bundle") else None)

    def _show_dossier(self, bundle: Path | None) -> None:
        """The generated dossier in the preview, with when it was generated and whether the case changed since."""
        caption = ""
        if bundle is not None and bundle.is_file():
            caption = _("Dossier généré le {time}.").format(time=timestamp(bundle.stat().st_mtime))
            if self._outdated:
                caption += " " + _("Le cas a été modifié depuis : « Actualiser l'aperçu » montre le dossier avec les "
                                   "données actuelles, sans remplacer celui-ci.")
        self.preview.show_pdf(bundle, caption)

    # files dropped anywhere on the case go to its pièces

    def files_dropped(self, paths: list[Path]) -> None:
        if self.is_guided:
            evidence = self.guided.show_question("pieces").evidence
            assert evidence is not None
            evidence.add_files(paths)
            return
        self.show_section(EVIDENCE)
        self.form.evidence.add_files(paths)

