"""Screenshots of each main screen of the window, taken offscreen (QWidget.grab).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [FOLDER] [LANGUAGE]   (default /tmp/lawdesk-shots fr)

QT_SCALE_FACTOR=2 in the environment takes them as on a 200 % screen. Every screen: first start,
the case list (next deadlines), each section of the demo case (« Envois et échéances » too), the
generation and the preview, a draft with errors, a case after an implicit rejection (documents that
do not fit, with why), the guided mode, the guide, the preferences, the batch, a case read-only.

Uses a copy of examples/demo-case in a scratch workspace; nothing of the user's is touched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def offscreen_screen() -> None:
    """A screen of 1920 × 1080 at 100 % (3840 × 2160 at 200 %): the offscreen platform's own is 800 × 800,
    smaller than a laptop's, and dialogs sized to the screen would look squeezed for no real reason."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    config = Path(tempfile.gettempdir()) / f"lawdesk-screen-{scale:g}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": int(1920 * scale),
                                               "height": int(1080 * scale), "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


offscreen_screen()

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from lawdesk.i18n import set_language  # noqa: E402
from lawdesk.ui.app import configure  # noqa: E402
from lawdesk.ui.main_window import MainWindow  # noqa: E402
from lawdesk.ui.settings import AppSettings  # noqa: E402
from lawdesk.ui.batch_dialog import BatchDialog  # noqa: E402
from lawdesk.ui.progress_dialog import JobProgressDialog  # noqa: E402
from lawdesk.store.folder_lock import CaseLock  # noqa: E402
from lawdesk.ui.settings_dialog import Preferences, SettingsDialog  # noqa: E402
from lawdesk.ui.welcome import WelcomeDialog  # noqa: E402
from tests.batch_samples import HEADERS, make_pieces, sample_row, write_csv  # noqa: E402
from tests.ui_cases import ago, not_registered_case, write_case  # noqa: E402
from lawdesk.store.folder import FolderStore as Workspace  # noqa: E402

SIZE = (1360, 860)


def settle(seconds: float = 0.6) -> None:
    """Let background jobs (thumbnails, checks) report and the window repaint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, folder: Path, name: str, settling: float = 0.6) -> None:
    settle(settling)
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
    letter = not_registered_case(steps=[{"document": "prefecture", "sent": ago(6).isoformat(), "mode": "lrar",
                                         "tracking": "1A 111 222 3334 5", "received": ago(4).isoformat(),
                                         "deadline_days": 8, "pieces": ["p3"]}])
    write_case(root, "SSD-2026-0311", letter)
    rejected = not_registered_case(documents=["annulation"], notes={"annulation": "Mme CAMARA remplit les conditions de "
                                                                    "l'article L. 421-1 du CESEDA."})
    rejected["applicant"].update({"civility": "Mme", "family_name": "CAMARA", "given_names": "Fatoumata"})
    rejected["procedure"].update({"anef_deposit_date": ago(150).isoformat(), "anef_file_number": "9300000123456",
                                  "acknowledgement": {"date": ago(150).isoformat(), "mentions_delays": True},
                                  "received": [{"kind": "attestation_de_depot", "date": ago(150).isoformat(),
                                                "piece": "p2"}]})
    write_case(root, "SSD-2026-0420", rejected)
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
    window.open_case(case_folder.name)
    settle(1)
    save(window, folder, "17-lecture-seule")
    window.show_list()


def after_rejection(window: MainWindow, workspace: Workspace, folder: Path) -> None:
    """A case past its implicit rejection: the situation and deadlines, the documents that fit and why not the others."""
    editor = window.open_case("SSD-2026-0420")
    assert editor is not None
    settle(1.5)
    for index, name in ((8, "18-rejet-envois"), (7, "19-rejet-documents"), (1, "20-rejet-procedure")):
        editor.nav.setCurrentRow(index)
        save(window, folder, name)
    section = editor.form.currentWidget()
    section.verticalScrollBar().setValue(section.verticalScrollBar().maximum())  # the accusé de réception, the documents received
    save(window, folder, "20b-rejet-procedure-bas")
    window.show_list()


def guided_screens(window: MainWindow, workspace: Workspace, folder: Path) -> None:
    """The guided mode: the first question (nothing filled, « Suivant » says why), the yes/no question,
    the route after a rejection, the last question; then the guide."""
    window.cases.new_case("GUIDE-2026-0001")
    editor = window.editor
    assert editor is not None
    editor.set_guided(True)
    settle(1)
    editor.guided.next()
    save(window, folder, "21-guide-premiere-question")
    editor.case.data["procedure"]["kind"] = "first_application"
    editor.guided.show_question("registered")
    save(window, folder, "22-guide-enregistree")
    window.show_list()
    editor = window.open_case("SSD-2026-0420")
    assert editor is not None
    editor.set_guided(True)
    settle(1)
    editor.guided.show_question("after")
    save(window, folder, "23-guide-apres-rejet")
    editor.guided.show_question("documents")
    save(window, folder, "24-guide-documents")
    editor.set_guided(False)
    window.show_list()
    from lawdesk.ui.help_dialog import GuideDialog

    guide = GuideDialog(window)
    guide.show()
    save(guide, folder, "25-aide-guide")
    guide.contents.setCurrentRow(2)
    save(guide, folder, "26-aide-preuves")
    guide.close()


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "/tmp/lawdesk-shots")
    folder.mkdir(parents=True, exist_ok=True)
    set_language(argv[1] if len(argv) > 1 else "fr")
    app = QApplication.instance() or QApplication(["lawdesk"])
    configure(app)
    scratch = Path(tempfile.mkdtemp(prefix="lawdesk-shots-"))
    try:
        welcome = WelcomeDialog(scratch / "Documents" / "LawDesk")
        welcome.resize(640, 420)
        welcome.show()
        save(welcome, folder, "01-premier-lancement")
        welcome.close()

        settings = AppSettings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
        workspace = demo_workspace(scratch / "Dossiers")
        window = MainWindow(workspace, settings)
        window.resize(*SIZE)
        window.show()
        save(window, folder, "02-dossiers")

        editor = window.open_case("SSD-2025-0142")
        assert editor is not None
        settle(3)
        for index, title in enumerate(editor.form.titles):
            editor.nav.setCurrentRow(index)
            save(window, folder, f"03-section{index + 1}-{title.split()[0].lower()}")

        done: list[object] = []
        editor.generated.connect(done.append)
        editor.generationFailed.connect(done.append)
        job = editor.generate()
        assert job is not None
        dialog = None
        while not done and dialog is None:  # the dialog shows when the generation lasts over 400 ms
            settle(0.1)
            dialog = next((w for w in editor.findChildren(JobProgressDialog) if w.isVisible()), None)
        if dialog is not None:  # taken at once: a first build may end (and its dialog go) within the settling time
            save(dialog, folder, "11-generation", settling=0)
        else:
            print("11-generation: none, the generation ended before its dialog showed", file=sys.stderr)
        while not done:
            settle(0.2)
        editor.show_preview()
        save(window, folder, "12-apercu")
        editor.case.data["applicant"]["birth_place"] = "Conakry (Guinée)"
        editor._changed()
        preview: list[object] = []
        job = editor.refresh_preview()
        assert job is not None
        job.finished.connect(lambda: preview.append(True))
        while not preview:
            settle(0.2)
        save(window, folder, "12b-apercu-non-enregistre")

        window.show_list()
        window.open_case("SSD-2025-0187")
        settle(1.5)
        save(window, folder, "13-erreurs")
        after_rejection(window, workspace, folder)
        guided_screens(window, workspace, folder)
        other_screens(window, workspace, scratch, folder)
        window.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
