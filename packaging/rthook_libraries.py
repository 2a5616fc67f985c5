"""PyInstaller runtime hook: WeasyPrint's native libraries come from the bundle, never from the system.

WeasyPrint opens GObject, Pango, HarfBuzz, Fontconfig and PangoFT2 with `cffi.FFI.dlopen`,
trying bare names ("libgobject-2.0-0", "gobject-2.0", "libgobject-2.0.so.0", ...). A bare
name is looked up by the operating system, not in the bundle:

- Windows: WeasyPrint only calls `os.add_dll_directory` when *not* frozen, and loads with
  LOAD_LIBRARY_SEARCH_DEFAULT_DIRS (executable folder, System32, added folders). The DLLs
  sit in `_internal`, next to nothing on that list, so the bundle folder is added here.
- macOS: dyld looks for a bare name in DYLD_* variables (ignored under the hardened runtime)
  and ~/lib:/usr/local/lib:/usr/lib, so a Mac with Homebrew would load Homebrew's Pango and
  any other Mac would fail.
- Linux: the bootloader puts the bundle first on LD_LIBRARY_PATH (read once by the dynamic
  loader at start-up); the wrapper below only makes the choice explicit.

So `FFI.dlopen` is wrapped: a bare name whose library stem ("gobject", "pango", ...) matches
exactly one library at the top of the bundle is opened by its absolute path there.

LD_LIBRARY_PATH (Linux) is left as the bootloader set it: LawDesk's worker processes (batch,
the window's generation) are the frozen executable started again, and their bootloader, seeing
it runs under LawDesk, relies on the inherited value; with the system's value they load the
system's libstdc++/libffi and fail. Programs LawDesk starts itself (xdg-open) need a cleaned
environment at the call (LD_LIBRARY_PATH_ORIG, no QT_PLUGIN_PATH).
"""


def _lawdesk_bundle_libraries() -> None:
    import os
    import re
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle:
        return
    if sys.platform == "win32":
        # The returned handle has no finaliser: the folder stays on the search list.
        os.add_dll_directory(bundle)

    version_tail = re.compile(r"([.-]\d+)+$")

    def stem(name: str) -> str:
        name = name.lower()
        name = re.sub(r"\.(dll|dylib)$", "", name)
        name = re.sub(r"\.so(\.\d+)*$", "", name)
        name = name[3:] if name.startswith("lib") else name
        return version_tail.sub("", name)

    found: dict[str, list[str]] = {}
    for entry in os.listdir(bundle):
        if re.search(r"\.(dll|dylib)$|\.so(\.\d+)*$", entry, re.IGNORECASE):
            found.setdefault(stem(entry), []).append(os.path.join(bundle, entry))
    bundled = {key: paths[0] for key, paths in found.items() if len(paths) == 1}

    try:
        import cffi
    except ImportError:
        return
    original_dlopen = cffi.FFI.dlopen

    def dlopen(self, name, flags=0):
        if isinstance(name, str) and "/" not in name and "\\" not in name:
            name = bundled.get(stem(name), name)
        return original_dlopen(self, name, flags)

    dlopen.__doc__ = original_dlopen.__doc__
    cffi.FFI.dlopen = dlopen


_lawdesk_bundle_libraries()
del _lawdesk_bundle_libraries
