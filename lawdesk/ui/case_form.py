"""The case form: the sections a lawyer recognises, stacked, with problems routed to their fields.

A section is built the first time it is shown (building them all at once would freeze the
window for a second when a case opens); problems for a section not built yet wait for it.
Problems come as field paths (`incidents[2].date`) or, for evidence, as the file path
written in the case (`pieces/scan.pdf`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from lawdesk.case.model import Case
from lawdesk.case.pieces import piece_files
from lawdesk.errors import Problem
from lawdesk.store.base import CaseStore
from lawdesk.ui.evidence_manager import EvidenceSection
from lawdesk.ui.form import field_names
from lawdesk.ui.form.applicant import ApplicantSection
from lawdesk.ui.form.binding import Binder
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.claims import ClaimsSection
from lawdesk.ui.form.counsel import CounselSection
from lawdesk.ui.form.documents import DocumentsSection
from lawdesk.ui.form.facts import HarmsSection, IncidentsSection
from lawdesk.ui.form.paths import FieldPath, parse_path
from lawdesk.ui.form.procedure import ProcedureSection
from lawdesk.ui.form.record_list import RecordListEditor
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.steps import StepsSection
from lawdesk.ui.history import CaseHistory, Change
from lawdesk.ui.thumbnails import ThumbnailCache
from lawdesk.ui.worker import Worker

EVIDENCE = EvidenceSection.index


class CaseForm(QStackedWidget):
    changed = Signal()
    filesAdded = Signal(list)  # relayed from the Pièces section
    notice = Signal(str, str)  # kind, message
    restored = Signal()  # an undo or redo put another state of the case back

    def __init__(self, case: Case, worker: Worker, store: CaseStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.store = store  # where the evidence files added go
        self.catalog = PieceCatalog(case.data, self)
        self.thumbnails = ThumbnailCache(worker, self)
        data = case.data
        self._factories: list[Callable[[], Section]] = [
            lambda: ApplicantSection(data, self.catalog),
            lambda: ProcedureSection(data, self.catalog),
            lambda: IncidentsSection(data, self.catalog),
            lambda: HarmsSection(data, self.catalog),
            lambda: EvidenceSection(case, self.catalog, worker, self.thumbnails, self.store),
            lambda: CounselSection(data, self.catalog),
            lambda: ClaimsSection(data, self.catalog),
            lambda: DocumentsSection(data, self.catalog),
            lambda: StepsSection(data, self.catalog),
        ]
        self.titles = [s.title for s in field_names.sections()]
        self.history = CaseHistory(case.data, self.restore, self)
        self.read_only = False
        self._built: dict[int, Section] = {}
        self._problems: dict[int, list[tuple[FieldPath, Problem]]] = {}

    def section(self, index: int) -> Section:
        """The section at `index`, built now if it was not."""
        if index not in self._built:
            section = self._factories[index]()
            self._built[index] = section
            self.addWidget(section)
            section.changed.connect(self.changed)
            for target in (section, *section.findChildren(RecordListEditor), *section.findChildren(Binder)):
                if hasattr(target, "history"):
                    target.history = self.history
            if isinstance(section, EvidenceSection):
                section.filesAdded.connect(self.filesAdded)
                section.notice.connect(self.notice)
            section.show_problems(self._problems.get(index, []))
            section.widget().setEnabled(not self.read_only)
        return self._built[index]

    def set_read_only(self) -> None:
        """Fields can be read (and the page scrolled) but not changed; the history is dropped."""
        self.read_only = True
        self.history.clear()
        self.history.setActive(False)
        for section in self._built.values():
            section.widget().setEnabled(False)

    def built_sections(self) -> list[int]:
        return list(self._built)

    @property
    def evidence(self) -> EvidenceSection:
        found = self.section(EVIDENCE)
        assert isinstance(found, EvidenceSection)
        return found

    def show_section(self, index: int) -> Section:
        section = self.section(index)
        self.setCurrentWidget(section)
        return section

    def current_index(self) -> int:
        return next((i for i, s in self._built.items() if s is self.currentWidget()), 0)

    def is_current(self, where: str) -> bool:
        """A problem is about the case as it is: a field of the case format, or a file a pièce still has."""
        files = {f for piece in self.case.data.get("pieces") or [] if isinstance(piece, dict) for f in piece_files(piece)}
        known = {key for section in field_names.sections() for key in section.keys}
        return where in files or (bool(where) and parse_path(where)[0] in known)

    def locate(self, where: str) -> FieldPath:
        """The field path of a problem; an evidence file is located on the files of its pièce."""
        for index, piece in enumerate(self.case.data.get("pieces") or []):
            if isinstance(piece, dict) and where in piece_files(piece):
                return ("pieces", index, "files")
        return parse_path(where)

    def show_problems(self, problems: list[Problem]) -> list[list[Problem]]:
        """Show each problem on its field; returns them by section (for the navigation badges)."""
        routed: list[list[tuple[FieldPath, Problem]]] = [[] for _title in self.titles]
        for problem in problems:
            path = self.locate(problem.where)
            routed[field_names.section_index(path)].append((path, problem))
        self._problems = dict(enumerate(routed))
        for index, section in self._built.items():
            section.show_problems(routed[index])
        return [[p for _path, p in found] for found in routed]

    def follow_case(self) -> None:
        """What the built sections derive from the whole case (the situation, the documents that fit) is
        brought up to date."""
        for section in self._built.values():
            section.follow_case()

    def reveal(self, where: str) -> QWidget:
        """Show the section and the field a problem is about, and put the cursor there."""
        path = self.locate(where)
        widget = self.show_section(field_names.section_index(path)).reveal(path)
        widget.setFocus()
        return widget

    def restore(self, snapshot: dict[str, Any], where: FieldPath) -> None:
        """Put a snapshot of the case data back (undo, redo) and show the field it is about."""
        self.case.data.clear()
        self.case.data.update(copy.deepcopy(snapshot))
        for section in self._built.values():
            section.load()
        self.catalog.notify()
        self.changed.emit()
        self.restored.emit()
        self.show_section(field_names.section_index(where)).reveal(where).setFocus()

    def replace(self, data: dict[str, Any], text: str, where: FieldPath) -> None:
        """Put another version of the whole case in the form (a merge with what was saved elsewhere), as
        one step the user can undo; the section on screen stays."""
        before = copy.deepcopy(self.case.data)
        self.case.data.clear()
        self.case.data.update(copy.deepcopy(data))
        for section in self._built.values():
            section.load()
        self.catalog.notify()
        self.history.push(Change(text, before, copy.deepcopy(data), where, self.restore))
        self.changed.emit()
        self.restored.emit()

    def describe(self, where: str) -> str:
        """"Démarches et incidents ANEF › Démarche n° 2 › Date": where a problem is, in words."""
        return field_names.describe(self.locate(where))
