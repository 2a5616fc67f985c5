"""Batch: every case of a folder or a spreadsheet, on all cores, with a report and resume."""

from lawdesk.batch.report import BatchResult, BatchRow
from lawdesk.batch.run import run_batch
from lawdesk.batch.template import write_template
from lawdesk.batch.terminal import make_progress_for_terminal

__all__ = ["BatchResult", "BatchRow", "make_progress_for_terminal", "run_batch", "write_template"]
