"""Jobs that run the core's slow work on a snapshot of the case: the pre-flight and the build.

The snapshot (a deep copy of the data) lets the user keep typing while the worker reads.
The core modules are imported inside the jobs (the build in its own process): WeasyPrint
and the PDF stack never load at start-up.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from lawdesk.case.model import Case
from lawdesk.errors import Problem
from lawdesk.progress import CancelToken, Progress
from lawdesk.generation import run_in_process
from lawdesk.ui.worker import Job
from lawdesk.store.folder import output_dir, preview_dir

if TYPE_CHECKING:
    from lawdesk.build import Report


def snapshot(case: Case) -> Case:
    return Case(case.folder, copy.deepcopy(case.data))


def evidence_check_job(case: Case) -> Job:
    """The pre-flight problems that come from the evidence files (the data ones are checked live), found
    in the generation process. A newer check supersedes this one without cancelling it: cancelling would
    end the generation process, and what this one reads (OCR) serves the next."""
    frozen = snapshot(case)

    def work(progress: Progress, _cancel: CancelToken) -> list[Problem]:
        return run_in_process("lawdesk.check:evidence_check", (frozen,), progress, CancelToken())

    return Job(work)


def build_job(case: Case, templates_dir: Path | None = None, documents: list[str] | None = None,
              preview: bool = False) -> Job:
    """Builds the dossier of `documents` (None: the case's own) in the generation process (lawdesk.generation says
    why), with the clinic's templates if given; succeeds with (Report, output folder). The dossier goes
    to the case's output folder; a `preview` to a folder of its own, so that it never replaces the
    dossier the user generated and may have sent."""
    frozen = snapshot(case)
    out = preview_dir(case.folder) if preview else output_dir(case.folder)

    def work(progress: Progress, cancel: CancelToken) -> tuple[Report, Path]:
        return run_in_process("lawdesk.build:build", (frozen, out, documents, templates_dir), progress, cancel), out

    return Job(work)
