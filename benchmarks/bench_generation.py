"""« Générer » in the real window, against a rebuild in a warm process (issue 17's target: ≤ 1.2×).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_generation.py [--runs 5]

Opens the window on a scratch workspace holding the demo case, lets the generation process get ready
as the application does after its first paint, opens the case and clicks « Générer le dossier »: the
first click builds with an empty cache, the next ones are rebuilds, each timed from the click to the
dossier shown. Then times rebuilds of the same case in this process, already warm (imports done,
cache filled). Prints the medians, their ratio, and the longest pause of the window during the clicks.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from lawdesk.generation import generation_ready, start_generation_process
    from lawdesk.ui.main_window import MainWindow
    from lawdesk.ui.settings import AppSettings
    from lawdesk.store.folder import FolderStore

    app = QApplication.instance() or QApplication(["lawdesk"])
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(ROOT / "examples" / "demo-case", root / "ws" / "demo", ignore=shutil.ignore_patterns(".lawdesk"))
        window = MainWindow(FolderStore(root / "ws"), AppSettings(QSettings(str(root / "s.ini"), QSettings.Format.IniFormat)))
        window.show()
        started = time.perf_counter()
        QTimer.singleShot(300, start_generation_process)  # as lawdesk.ui.app does
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 400)  # the window paints, the timer fires
        while not generation_ready(0.05):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        print(f"generation process ready {time.perf_counter() - started:.2f} s after the window showed")
        editor = window.open_case("demo")
        assert editor is not None

        gaps: list[int] = []
        clock = QElapsedTimer()
        heartbeat = QTimer()
        heartbeat.setInterval(10)
        heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))
        times: list[float] = []
        pauses: list[int] = []
        for _ in range(runs + 1):
            gaps.clear()
            done: list[float] = []
            editor.generated.connect(lambda _report: done.append(time.perf_counter()))
            clock.start()
            heartbeat.start()
            click = time.perf_counter()
            QTest.mouseClick(editor.generate_button, Qt.MouseButton.LeftButton)
            while not done:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            heartbeat.stop()
            times.append(done[0] - click)
            pauses.append(max(gaps, default=0))
            editor.generated.disconnect()
            while not editor.generate_button.isEnabled():
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        first, clicks = times[0], times[1:]

        from lawdesk.build import build_dossier
        from lawdesk.case import load_case

        build_dossier(load_case(root / "ws" / "demo"), root / "warm-out")  # this process warmed up
        rebuilds = []
        for _ in range(runs):
            started = time.perf_counter()
            build_dossier(load_case(root / "ws" / "demo"), root / "warm-out")
            rebuilds.append(time.perf_counter() - started)
        window.close()

    click, rebuild = statistics.median(clicks), statistics.median(rebuilds)
    print(f"« Générer », first (empty cache): {first:.2f} s")
    print(f"« Générer », again (median of {runs}): {click:.2f} s ({', '.join(f'{t:.2f}' for t in clicks)})")
    print(f"rebuild in a warm process (median of {runs}): {rebuild:.2f} s ({', '.join(f'{t:.2f}' for t in rebuilds)})")
    print(f"ratio {click / rebuild:.2f} (target ≤ 1.2); longest pause of the window during each click: "
          f"{', '.join(f'{p} ms' for p in pauses)} (the first: an empty cache)")


if __name__ == "__main__":
    main()
