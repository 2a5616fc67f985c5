"""The dossier as files: the bundle PDF (stamps, bookmarks, page numbers) and the Télérecours export."""
