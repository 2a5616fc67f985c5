"""`LawDesk --packaging-self-test [FOLDER]`: is this frozen bundle complete? (CI and support.)

Renders a page with Latin, Cyrillic and Arabic text through LawDesk's own WeasyPrint path,
checks that fonts are embedded and the text comes back, checks that Pango, GObject,
HarfBuzz, Fontconfig and PangoFT2 were loaded from inside the bundle (not from the system),
does the same in the generation process the way the window generates (lawdesk.generation),
then opens that PDF with Qt PDF (QPdfDocument, a QPdfView) on the offscreen platform unless
QT_QPA_PLATFORM says otherwise. Writes selftest.pdf into FOLDER when one is given.
One line per check; exit status 0 when all passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

NAMES = ("Łukasz Ærø-Čapek", "Анна ПЕТРОВА", "فاطمة الزهراء")
NATIVE = ("gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "pangoft2-1.0")


def _loaded_libraries() -> list[str]:
    """Paths of the shared libraries mapped in this process."""
    if sys.platform.startswith("linux"):
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            return sorted({line.split(None, 5)[5].strip() for line in maps if len(line.split(None, 5)) == 6 and "/" in line})
    import ctypes

    if sys.platform == "darwin":
        dyld = ctypes.CDLL(None)
        dyld._dyld_image_count.restype = ctypes.c_uint32
        dyld._dyld_get_image_name.restype = ctypes.c_char_p
        dyld._dyld_get_image_name.argtypes = [ctypes.c_uint32]
        return [dyld._dyld_get_image_name(i).decode() for i in range(dyld._dyld_image_count())]
    from ctypes import wintypes

    psapi, kernel32 = ctypes.WinDLL("psapi"), ctypes.WinDLL("kernel32")
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.GetModuleFileNameW.argtypes = [wintypes.HMODULE, wintypes.LPWSTR, wintypes.DWORD]
    psapi.EnumProcessModules.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.HMODULE), wintypes.DWORD,
                                         ctypes.POINTER(wintypes.DWORD)]
    modules, needed = (wintypes.HMODULE * 2048)(), wintypes.DWORD()
    psapi.EnumProcessModules(kernel32.GetCurrentProcess(), modules, ctypes.sizeof(modules), ctypes.byref(needed))
    names = []
    for module in modules[: needed.value // ctypes.sizeof(wintypes.HMODULE)]:
        buffer = ctypes.create_unicode_buffer(1024)
        kernel32.GetModuleFileNameW(module, buffer, 1024)
        names.append(buffer.value)
    return names


def _render() -> bytes:
    from lawdesk.htmlpdf import render_pdf
    from lawdesk.paths import resource

    fonts_css = resource("fonts", "fonts.css").as_uri()
    paragraphs = "".join(f"<p>{name}</p>" for name in NAMES[:2])
    html = (f'<html lang="fr"><head><link rel="stylesheet" href="{fonts_css}"><style>'
            'body { font-family: "LawDesk Serif", "LawDesk Arabic"; }</style></head><body>'
            f'<h1>LawDesk</h1>{paragraphs}<p dir="rtl" lang="ar">{NAMES[2]}</p></body></html>')
    return render_pdf(html, Path(tempfile.gettempdir()))


def _outside_bundle(loaded: list[str]) -> dict[str, list[str]]:
    """For each of WeasyPrint's libraries, the paths it was loaded from that are not in the bundle."""
    bundle = Path(getattr(sys, "_MEIPASS", sys.prefix)).resolve()
    found = {}
    for name in NATIVE:
        paths = [p for p in loaded if name in Path(p).name.lower()]
        found[name] = [p for p in paths if not Path(p).resolve().is_relative_to(bundle)] if paths else ["not loaded"]
    return found


def child_render(*, progress, cancel) -> dict:
    """Run by the window's way of generating (lawdesk.generation: a spawned process kept warm)."""
    pdf = _render()
    return {"bytes": len(pdf), "outside": _outside_bundle(_loaded_libraries()),
            "fontconfig": os.environ.get("FONTCONFIG_FILE")}


def main(args: list[str]) -> int:
    from lawdesk import __version__

    failures = 0

    def report(ok: bool, what: str) -> None:
        nonlocal failures
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}", flush=True)

    bundle = Path(getattr(sys, "_MEIPASS", sys.prefix)).resolve()
    print(f"LawDesk {__version__}, {sys.platform}, bundle {bundle}")
    print(f"FONTCONFIG_FILE={os.environ.get('FONTCONFIG_FILE', '(unset)')}")
    report(getattr(sys, "frozen", False), "running from a frozen bundle")
    fonts_conf = os.environ.get("FONTCONFIG_FILE")
    report(bool(fonts_conf) and Path(fonts_conf).is_file(), "fonts.conf written by the runtime hook")

    import io

    from pypdf import PdfReader

    pdf = _render()
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    report(len(reader.pages) >= 1, f"WeasyPrint rendered {len(reader.pages)} page(s), {len(pdf)} bytes")
    for name in NAMES[:2]:
        report(name in text, f"text comes back from the PDF: {name}")
    fonts = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font.get("/BaseFont"))] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    report(bool(fonts) and all(fonts.values()), "fonts embedded: " + ", ".join(f"{n}{'' if e else ' (NOT embedded)'}" for n, e in sorted(fonts.items())))
    report(any("Arabic" in name for name in fonts), "Arabic font used for the Arabic line")

    loaded = _loaded_libraries()
    for name, outside in _outside_bundle(loaded).items():
        paths = [p for p in loaded if name in Path(p).name.lower()]
        report(not outside, f"{name} loaded from the bundle: {', '.join(paths) or 'not loaded'}")

    # The window generates in a spawned process: the frozen executable started again by multiprocessing.
    from lawdesk.progress import CancelToken, NullProgress
    from lawdesk.generation import run_in_process

    child = run_in_process("packaging_self_test:child_render", (), NullProgress(), CancelToken())
    child_outside = {name: paths for name, paths in child["outside"].items() if paths}
    report(child["bytes"] > 1000 and not child_outside and child["fontconfig"] == fonts_conf,
           f"spawned process (as the window generates): {child['bytes']} bytes of PDF, "
           f"libraries {'from the bundle' if not child_outside else f'NOT from the bundle: {child_outside}'}, "
           f"same fonts.conf: {child['fontconfig'] == fonts_conf}")

    if args:
        Path(args[0]).mkdir(parents=True, exist_ok=True)
        Path(args[0], "selftest.pdf").write_bytes(pdf)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtWidgets import QApplication

    app = QApplication(["LawDesk"])
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    report(document.status() == QPdfDocument.Status.Ready and document.pageCount() == len(reader.pages),
           f"Qt PDF opens it: status {document.status().name}, {document.pageCount()} page(s)")
    image = document.render(0, QSize(300, 420))
    report(not image.isNull() and image.width() == 300, "Qt PDF renders page 1")
    view = QPdfView()
    view.setDocument(document)
    view.resize(400, 500)
    view.show()
    app.processEvents()
    report(view.grab().width() > 0, f"QPdfView shown on the {app.platformName()} platform")
    view.close()

    print(f"{'all checks passed' if not failures else f'{failures} check(s) failed'}")
    return 1 if failures else 0
