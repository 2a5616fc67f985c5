"""Screenshots of each main screen of the window, taken offscreen (QWidget.grab).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [FOLDER] [LANGUAGE]   (default /tmp/lawdesk-shots fr)

QT_SCALE_FACTOR=2 in the environment takes them as on a 200 % screen.

Uses a copy of examples/demo-case in a scratch workspace; nothing of the user's is touched.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from lawdesk.i18n import _, set_language  # noqa: E402
from lawdesk.ui.app import configure  # noqa: E402
from lawdesk.ui.main_window import MainWindow  # noqa: E402
from lawdesk.ui.settings import AppSettings  # noqa: E402
from lawdesk.ui.batch_dialog import BatchDialog  # noqa: E402
from lawdesk.ui.case_lock import CaseLock  # noqa: E402
from lawdesk.ui.settings_dialog import Preferences, SettingsDialog  # noqa: E402
from lawdesk.ui.welcome import WelcomeDialog  # noqa: E402
from tests.batch_samples import HEADERS, make_pieces, sample_row, write_csv  # noqa: E402
from lawdesk.ui.workspace import Workspace  # noqa: E402

SIZE = (1360, 860)


def settle(seconds: float = 0.6) -> None:
    """Let background jobs (thumbnails, checks) report and the window repaint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, folder: Path, name: str) -> None:
    settle()
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def demo_workspace(root: Path) -> Workspace:
    workspace = Workspace(root)
    shutil.copytree(ROOT / "examples" / "demo-case", root / "SSD-2025-0142")
    draft = workspace.new_case("SSD-2025-0187")
    draft.data["applicant"].update({"civility": "M.", "family_name": "PETROV", "given_names": "Ivan",
                                    "foreign_national_number": "7501234"})
    draft.data["procedure"].update({"department": "69", "kind": "first_application"})
    draft.data["incidents"] = [{"date": (dt.date.today() + dt.timedelta(days=3)).isoformat(), "channel": "anef",
                                "description": "Erreur au dépôt."}]
    draft.save()
    other = workspace.new_case("BOB-2025-0031")
    other.data["applicant"].update({"family_name": "NGUYEN", "given_names": "Thi Mai"})
    other.data["procedure"]["department"] = "93"
    other.save()
    return workspace


def clinic_spreadsheet(folder: Path) -> Path:
    """Two people in a spreadsheet with French headers, one of them with a mistake."""
    french = {"reference": "Référence", "applicant.family_name": "Nom", "applicant.given_names": "Prénom(s)",
              "applicant.birth_date": "Date de naissance", "procedure.department": "Département",
              "applicant.nationality": "Nationalité", "pieces_dir": "Pièces"}
    rows = [sample_row("PERM-01"), sample_row("PERM-02", family_name="KONÉ", birth_date="31/02/1990")]
    for row in rows:
        make_pieces(folder / row["pieces_dir"])
    return write_csv(folder / "permanence.csv", ({french.get(k, k): v for k, v in r.items()} for r in rows),
                     [french.get(h, h) for h in HEADERS])


def other_screens(window: MainWindow, workspace: Workspace, scratch: Path, folder: Path) -> None:
    """Préférences, the batch (mapped, then run), a case open read-only."""
    preferences = SettingsDialog(Preferences(
        {"kind": "association", "name": "Droits Devant 93", "representative": "Claire Martin, juriste",
         "address": {"line1": "3 rue Gabriel Péri", "postal_code": "93200", "city": "Saint-Denis"},
         "email": "permanence@dd93.example"}, None, workspace.root, "fr"), window)
    preferences.show()
    save(preferences, folder, "14-preferences")
    preferences.close()

    batch = BatchDialog(workspace, window.worker, window.settings, window)
    batch.set_source(clinic_spreadsheet(scratch / "clinique"))
    batch.show()
    save(batch, folder, "15-lot-colonnes")
    done: list[object] = []
    batch.batchFinished.connect(done.append)
    batch.run()
    while not done:
        settle(0.2)
    batch.rows.setCurrentCell(1, 0)
    save(batch, folder, "16-lot-rapport")
    batch.close()

    case_folder = workspace.root / "BOB-2025-0031"
    CaseLock(case_folder).acquire()  # as if another volunteer had it open
    window.open_case(case_folder)
    settle(1)
    save(window, folder, "17-lecture-seule")
    window.show_list()


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "/tmp/lawdesk-shots")
    folder.mkdir(parents=True, exist_ok=True)
    set_language(argv[1] if len(argv) > 1 else "fr")
    app = QApplication.instance() or QApplication(["lawdesk"])
    configure(app)
    scratch = Path(tempfile.mkdtemp(prefix="lawdesk-shots-"))
    try:
        welcome = WelcomeDialog(scratch / "Documents" / "LawDesk")
        welcome.resize(620, 300)
        welcome.show()
        save(welcome, folder, "01-premier-lancement")
        welcome.close()

        settings = AppSettings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
        workspace = demo_workspace(scratch / "Dossiers")
        window = MainWindow(workspace, settings)
        window.resize(*SIZE)
        window.show()
        save(window, folder, "02-dossiers")

        editor = window.open_case(workspace.root / "SSD-2025-0142")
        assert editor is not None
        settle(3)
        for index, title in enumerate(editor.form.titles):
            editor.nav.setCurrentRow(index)
            save(window, folder, f"{index + 3:02d}-{title.split()[0].lower()}")

        job = editor.generate()
        assert job is not None
        settle(1.5)
        dialog = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle().startswith(_("Génération du dossier {reference}").split("{")[0]))
        save(dialog, folder, "11-generation")
        done: list[object] = []
        editor.generated.connect(done.append)
        editor.generationFailed.connect(done.append)
        while not done:
            settle(0.2)
        editor.show_preview()
        save(window, folder, "12-apercu")

        window.show_list()
        window.open_case(workspace.root / "SSD-2025-0187")
        settle(1.5)
        save(window, folder, "13-erreurs")
        other_screens(window, workspace, scratch, folder)
        window.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
