"""Evidence ingestion: what a file is (by content), whether it is usable, and its pages as an inert PDF."""

from lawdesk.evidence.inspect import inspect_file
from lawdesk.evidence.normalize import NormalizedPiece, normalize_files
from lawdesk.evidence.sniff import EvidenceKind, sniff

__all__ = ["EvidenceKind", "NormalizedPiece", "inspect_file", "normalize_files", "sniff"]
