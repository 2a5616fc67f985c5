"""`lawdesk build`: case → documents → bundle → files, in the order a reader expects, one module each:

1. `plan`: what to write, from the case and the date;
2. `pieces`: the pre-flight, then every pièce made into pages (both cores on a first build) and stamped;
3. `documents`: the documents, drawn by a helper process from the start while the pièces are prepared;
4. `layout` (pure): page numbers, bookmarks, the table of contents, the Télérecours folders;
5. `write`: the cover, the bundle, the files and report.json, put in place at once.

`run.build` goes through them and returns the `Report`.
"""

from lawdesk.build.report import REPORT, Report
from lawdesk.build.run import build, build_dossier

__all__ = ["REPORT", "Report", "build", "build_dossier"]
