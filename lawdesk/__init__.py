"""LawDesk: legal dossiers for people blocked by the ANEF téléservice."""

__version__ = "0.1.0"
