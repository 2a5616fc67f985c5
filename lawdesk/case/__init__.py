"""The case: format lawdesk.case/1 (contract.md section 1)."""

from lawdesk.case.model import CASE_FILE, FORMAT, Case, load_case, locate_case

__all__ = ["CASE_FILE", "FORMAT", "Case", "load_case", "locate_case"]
