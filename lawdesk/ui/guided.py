"""The guided mode: the case one question at a time (lawdesk.guided), for a new volunteer.

Each question is a page built from the same editors as the expert form (lawdesk.ui.form.editors),
bound to the same `case.data` and recorded in the same undo history; the live pre-flight shows on
its fields. « Suivant » goes on only when the page has no blocking error; which question comes next
follows the case (registered or not, letter sent or not, silence or decision).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFormLayout, QGroupBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
    QRadioButton, QStackedWidget, QVBoxLayout, QWidget,
)

from lawdesk import guided
from lawdesk.errors import Problem
from lawdesk.guided import Question
from lawdesk.i18n import _
from lawdesk.offer import offer
from lawdesk.ui.case_form import CaseForm
from lawdesk.ui.evidence_manager import EvidenceSection
from lawdesk.ui.form.binding import Binder, FormBuilder, ProblemLine
from lawdesk.ui.form.documents import DocumentChooser
from lawdesk.ui.form.editors import RECORDS, Fields, PieceChoices
from lawdesk.ui.form.paths import FieldPath, get_in, parse_path, set_in
from lawdesk.ui.form.record_list import RecordListEditor
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.steps import TimelineSummary
from lawdesk.ui.history import recorded
from lawdesk.ui.icons import level_icon, level_of


class GuidedPage(Section):
    """One question: its title, why it is asked, and what answers it."""

    def __init__(self, question: Question, form: CaseForm, view: GuidedView) -> None:
        super().__init__(form.case.data, _(question.help), title=_(question.title))
        self.question = question
        self.summary: TimelineSummary | None = None
        self.evidence: EvidenceSection | None = None
        self._rows: list[tuple[guided.Field, Any]] = []
        self.pieces = PieceChoices(form.catalog, self)
        self.answer: QButtonGroup | None = None
        self.attempted = False  # « Suivant » was clicked: the fields still empty are shown as missing too
        if question.asks:
            self._ask(question.asks, view)
        if question.fields:
            box = QGroupBox(self)
            self.body.addWidget(box)
            self.fields_box = box
            builder = FormBuilder(self.binder, QFormLayout(box))
            fields = Fields(self.data, self.pieces)
            for item in question.fields:
                [field_box] = fields.add(builder, parse_path(item.path))
                self._rows.append((item, field_box))
            self.binder.changed.connect(self._adapt)
        if question.records:
            if question.records == "steps":
                self.summary = TimelineSummary(self)
                self.body.addWidget(self.summary)
            records = RECORDS[question.records](self.data, self.pieces)
            self.body.addWidget(records)
            self.add_target(records)
        if question.pieces:
            self.evidence = EvidenceSection(form.case, form.catalog, view.worker, form.thumbnails, form.store)
            self.evidence.heading.hide()
            self.evidence.intro.hide()
            self.body.addWidget(self.evidence, 1)
            self.evidence.changed.connect(self.changed)
        if question.documents:
            self.summary = TimelineSummary(self)
            self.body.addWidget(self.summary)
            box = QGroupBox(_("Documents à générer, dans l'ordre"), self)
            self.body.addWidget(box)
            self.chooser = DocumentChooser(lambda documents: offer({**self.data, "documents": documents}, dt.date.today()))
            FormBuilder(self.binder, QFormLayout(box)).add_wide(("documents",), self.chooser)
            generate = QPushButton(_("Générer le dossier"), self)
            generate.setObjectName("primary")
            generate.clicked.connect(view.generateRequested)
            self.generate_button = generate
            self.body.addWidget(generate, 0, Qt.AlignmentFlag.AlignLeft)
        self.finish()

    def _ask(self, text: str, view: GuidedView) -> None:
        box = QGroupBox(_(text), self)
        row = QHBoxLayout(box)
        self.answer = QButtonGroup(self)
        for number, label in ((1, _("Oui")), (0, _("Non"))):
            button = QRadioButton(label, box)
            self.answer.addButton(button, number)
            row.addWidget(button)
        row.addStretch(1)
        self.body.addWidget(box)
        self.answer.idClicked.connect(lambda number: view.answered(self, bool(number)))

    def answered_yes(self) -> bool | None:
        """The answer to the page's yes/no question; None before one is given."""
        if self.answer is None:
            return None
        chosen = self.answer.checkedId()
        return None if chosen < 0 else bool(chosen)

    def load(self) -> None:
        super().load()
        if self.answer is not None and self.question.answer is not None and self.question.answer(self.data):
            self.answer.button(1).setChecked(True)
        self.follow_case()
        if self.evidence is not None:
            self.evidence.load()

    def follow_case(self) -> None:
        super().follow_case()
        if self.summary is not None:
            self.summary.show_case(self.data, dt.date.today())
        if self.question.documents:
            self.chooser.refresh()
        self._adapt()

    def _adapt(self) -> None:
        """Show the fields the answers so far call for: after « oui » only, the bar number only for a lawyer…"""
        if not self._rows:
            return
        self.fields_box.setVisible(self.answer is None or self.answered_yes() is True)
        layout = self.fields_box.layout()
        assert isinstance(layout, QFormLayout)
        for item, box in self._rows:
            layout.setRowVisible(box, item.shown(self.data))

    def show_problems(self, problems: list[tuple[FieldPath, Problem]]) -> None:
        """A volunteer is not shown every missing answer at once: a field still empty says so only once
        « Suivant » was tried; what was typed wrong shows at once."""
        if not self.attempted:
            problems = [(path, p) for path, p in problems if get_in(self.data, path) is not None]
        if self.evidence is not None:
            self.evidence.show_problems(problems)
            return
        super().show_problems(problems)


class GuidedView(QWidget):
    """The questions down the left, the current one on the right, « Précédent » and « Suivant » below."""

    changed = Signal()
    generateRequested = Signal()
    expertRequested = Signal()
    filesAdded = Signal(list)
    notice = Signal(str, str)

    def __init__(self, form: CaseForm, worker: Any, validate: Callable[[], list[Problem]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self._validate = validate
        self.data = form.case.data
        self.worker = worker
        self.problems: list[Problem] = []
        self.current = guided.QUESTIONS[0].id
        self._pages: dict[str, GuidedPage] = {}
        self._answers: dict[str, bool] = {}
        self._visited: set[str] = set()
        self.read_only = False

        self.steps = QListWidget(self)
        self.steps.setObjectName("sectionNav")
        self.steps.setIconSize(QSize(16, 16))
        self.steps.setMinimumWidth(275)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setAccessibleName(_("Étapes du mode guidé"))
        self.steps.itemClicked.connect(self._step_clicked)
        self.pages = QStackedWidget(self)
        self.blocked = ProblemLine(self)
        self.previous_button = QPushButton(_("‹ Précédent"), self)
        self.next_button = QPushButton(_("Suivant ›"), self)
        self.next_button.setObjectName("primary")
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        expert = QPushButton(_("Passer au formulaire complet"), self)
        expert.setObjectName("flat")
        expert.clicked.connect(self.expertRequested)
        bar = QHBoxLayout()
        bar.setContentsMargins(28, 8, 28, 12)
        bar.addWidget(expert)
        bar.addWidget(self.blocked, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.pages, 1)
        right.addLayout(bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.steps)
        layout.addLayout(right, 1)

    # the questions

    def questions(self) -> list[Question]:
        return guided.questions(self.data, dt.date.today())

    def page(self, question_id: str) -> GuidedPage:
        if question_id not in self._pages:
            page = GuidedPage(guided.question(question_id), self.form, self)
            for target in (*page.findChildren(RecordListEditor), *page.findChildren(Binder)):
                target.history = self.form.history
            if page.evidence is not None:
                page.evidence.history = self.form.history
                page.evidence.filesAdded.connect(self.filesAdded)
                page.evidence.notice.connect(self.notice)
            page.changed.connect(self.changed)
            page.changed.connect(self._refresh_steps)
            if question_id in self._answers and page.answer is not None:
                page.answer.button(int(self._answers[question_id])).setChecked(True)
            page.show_problems(self._routed(page.question))
            page.widget().setEnabled(not self.read_only)
            self._pages[question_id] = page
            self.pages.addWidget(page)
        return self._pages[question_id]

    def show_question(self, question_id: str) -> GuidedPage:
        ids = [q.id for q in self.questions()]
        if question_id not in ids:  # an answer changed the route: the nearest question that applies
            order = [q.id for q in guided.QUESTIONS]
            question_id = next((i for i in ids if order.index(i) >= order.index(question_id)), ids[-1])
        if self.current != question_id:
            self._visited.add(self.current)
        self.current = question_id
        page = self.page(question_id)
        page.follow_case()
        self.pages.setCurrentWidget(page)
        self.blocked.set_messages([], "")
        self._refresh_steps()
        return page

    def _refresh_steps(self) -> None:
        questions = self.questions()
        self.steps.blockSignals(True)
        self.steps.clear()
        row_size = QSize(0, self.fontMetrics().height() + 22)
        for number, question in enumerate(questions, start=1):
            item = QListWidgetItem(f"{number}. {_(question.step)}")
            item.setToolTip(_(question.title))
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            item.setSizeHint(row_size)
            found = [p for _path, p in self._routed(question)]
            if question.id in self._visited:  # only where the volunteer has been: not every error at once
                item.setIcon(level_icon(level_of(found)))
            self.steps.addItem(item)
            if question.id == self.current:
                self.steps.setCurrentItem(item)
        self.steps.blockSignals(False)
        ids = [q.id for q in questions]
        self.previous_button.setEnabled(self.current in ids and ids.index(self.current) > 0)
        self.next_button.setEnabled(self.current in ids and ids.index(self.current) < len(ids) - 1)

    def _step_clicked(self, item: QListWidgetItem) -> None:
        wanted = item.data(Qt.ItemDataRole.UserRole)
        ids = [q.id for q in self.questions()]
        if ids.index(wanted) > ids.index(self.current) and not self._may_leave():
            self._refresh_steps()
            return
        self.show_question(wanted)

    # moving on

    def next(self) -> None:
        if not self._may_leave():
            return
        ids = [q.id for q in self.questions()]
        position = ids.index(self.current) if self.current in ids else 0
        if position + 1 < len(ids):
            self.show_question(ids[position + 1])

    def previous(self) -> None:
        ids = [q.id for q in self.questions()]
        position = ids.index(self.current) if self.current in ids else 0
        self.show_question(ids[max(position - 1, 0)])

    def _may_leave(self) -> bool:
        """The page is answered and has no blocking error; otherwise say what to do and go to it."""
        page = self.page(self.current)
        page.attempted = True
        self._visited.add(self.current)
        if page.answer is not None and page.answered_yes() is None:
            self.blocked.set_messages([_("répondez d'abord à la question : oui ou non")], "error")
            return False
        self._validate()  # now, not 250 ms after the last key
        errors = [(path, p) for path, p in self._routed(page.question) if p.is_error]
        if errors:
            self.blocked.set_messages([_("à corriger avant de continuer : {problem}").format(problem=errors[0][1].message)],
                                      "error")
            widget = page.reveal(errors[0][0])
            widget.setFocus()
            return False
        return True

    def answered(self, page: GuidedPage, yes: bool) -> None:
        """A yes/no answer: « non » removes what « oui » had recorded (the deposit, its date…)."""
        self._answers[page.question.id] = yes
        if not yes:
            paths = [parse_path(f.path) for f in page.question.fields]
            present = [p for p in paths if self._present(p)]
            if present:
                with recorded(self.form.history, _("Réponse « non » : {question}").format(question=_(page.question.title)),
                              present[0]):
                    for path in present:
                        set_in(self.data, path, None)
                page.load()
                self.changed.emit()
        page._adapt()
        self.blocked.set_messages([], "")
        self._refresh_steps()

    def _present(self, path: FieldPath) -> bool:
        return get_in(self.data, path) is not None

    def set_read_only(self) -> None:
        """Someone else edits the case: the answers can be read, not changed."""
        self.read_only = True
        for page in self._pages.values():
            page.widget().setEnabled(False)

    # the case and its problems

    def load(self) -> None:
        """The case changed elsewhere (the expert form, an undo): every page shows it again."""
        for page in self._pages.values():
            page.load()
            page.show_problems(self._routed(page.question))
        self.show_question(self.current)

    def _routed(self, question: Question) -> list[tuple[FieldPath, Problem]]:
        found = []
        for problem in self.problems:
            path = self.form.locate(problem.where)
            if guided.belongs(path, question):
                found.append((path, problem))
        return found

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        for page in self._pages.values():
            page.show_problems(self._routed(page.question))
            page.follow_case()
        self._refresh_steps()
