"""PyInstaller runtime hook: a Fontconfig configuration that belongs to the frozen application.

Pango (through WeasyPrint) and, on Linux, Qt find fonts with Fontconfig. A frozen program
must not depend on the machine's /etc/fonts (absent on Windows and macOS, different on each
Linux) nor write its font cache next to the program (read-only under Program Files or in a
signed .app). At each start this hook writes, if it changed, `fonts.conf` into the per-user
cache folder (platformdirs: ~/.cache/LawDesk, %LOCALAPPDATA%\\LawDesk\\Cache,
~/Library/Caches/LawDesk) with absolute paths, and points FONTCONFIG_FILE at it:

- the fonts shipped in the bundle (lawdesk/resources/fonts, Noto) come first and carry the
  generic families (serif, sans-serif, monospace);
- the system's font folders follow, only as a fallback for scripts Noto does not cover;
- the cache goes to a writable per-user folder next to fonts.conf.

If the per-user folder cannot be written, a per-user folder in the temporary folder is used;
the program never fails to start because of this hook. Processes the program starts (batch
workers, the window's generation process) reuse their parent's file.
"""


def _lawdesk_fontconfig() -> None:
    import os
    import sys
    import tempfile
    from pathlib import Path
    from xml.sax.saxutils import escape

    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle:
        return
    bundled_fonts = Path(bundle, "lawdesk", "resources", "fonts")
    home = Path.home()
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        system_fonts = [Path(windir, "Fonts")]
        if os.environ.get("LOCALAPPDATA"):
            system_fonts.append(Path(os.environ["LOCALAPPDATA"], "Microsoft", "Windows", "Fonts"))
    elif sys.platform == "darwin":
        system_fonts = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        system_fonts = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                        home / ".local" / "share" / "fonts", home / ".fonts"]

    def plain(path: Path) -> str:
        """The path as Fontconfig can open it. On Windows Fontconfig goes through the ANSI code page,
        so a folder under a user profile named with accents (C:\\Users\\Aïssatou) is given by its
        8.3 short name, which is ASCII, when the volume has one."""
        text = str(path)
        if sys.platform != "win32" or text.isascii() or not path.exists():
            return text
        import ctypes

        buffer = ctypes.create_unicode_buffer(32768)
        length = ctypes.windll.kernel32.GetShortPathNameW(text, buffer, len(buffer))
        return buffer.value if 0 < length < len(buffer) and buffer.value.isascii() else text

    def config(cache: Path) -> str:
        def element(tag: str, path: Path) -> str:
            return f"  <{tag}>{escape(plain(path))}</{tag}>\n"

        dirs = "".join(element("dir", d) for d in [bundled_fonts, *system_fonts])
        prefer = "".join(
            f"  <alias binding=\"strong\"><family>{generic}</family><prefer>"
            + "".join(f"<family>{family}</family>" for family in families)
            + "</prefer></alias>\n"
            for generic, families in (
                ("serif", ("Noto Serif", "Noto Naskh Arabic")),
                ("sans-serif", ("Noto Sans", "Noto Naskh Arabic")),
                ("monospace", ("Noto Sans", "Noto Naskh Arabic")),
            )
        )
        return (
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            "<!-- Written by LawDesk at start-up; changes are overwritten. -->\n<fontconfig>\n"
            f"{dirs}{element('cachedir', cache)}{prefer}"
            "  <config><rescan><int>0</int></rescan></config>\n</fontconfig>\n"
        )

    def write(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cache").mkdir(exist_ok=True)
        target = folder / "fonts.conf"
        text = config(folder / "cache")
        try:
            if target.read_text(encoding="utf-8") == text:
                return target
        except OSError:
            pass
        # Atomic: the batch runner starts several processes that all run this hook.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".fonts-", suffix=".conf")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
        return target

    def temporary_folder() -> Path:
        """Per user in the temporary folder; on a shared /tmp, ours only (mode 700, owned by us)."""
        if sys.platform == "win32":  # %TEMP% is in the user's profile
            return Path(tempfile.gettempdir(), "lawdesk-fontconfig")
        folder = Path(tempfile.gettempdir(), f"lawdesk-fontconfig-{os.getuid()}")
        folder.mkdir(mode=0o700, exist_ok=True)
        status = folder.lstat()
        if status.st_uid != os.getuid() or status.st_mode & 0o077 or folder.is_symlink():
            return Path(tempfile.mkdtemp(prefix="lawdesk-fontconfig-"))
        return folder

    def use(conf: str) -> None:
        os.environ["FONTCONFIG_FILE"] = conf
        os.environ["LAWDESK_FONTCONFIG_FILE"] = conf
        os.environ.pop("FONTCONFIG_PATH", None)

    # A process started by LawDesk (batch workers, the window's generation process) takes its
    # parent's file when it is for this same bundle.
    inherited = os.environ.get("LAWDESK_FONTCONFIG_FILE")
    if inherited:
        try:
            if escape(plain(bundled_fonts)) in Path(inherited).read_text(encoding="utf-8"):
                use(inherited)
                return
        except OSError:
            pass

    def per_user_folder() -> Path:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("LawDesk", appauthor=False)) / "fontconfig"

    folders = [per_user_folder, temporary_folder]
    for folder in folders:
        try:
            use(plain(write(folder())))
            return
        except Exception:  # noqa: BLE001 - never block the start of the program; try the next folder
            continue


_lawdesk_fontconfig()
del _lawdesk_fontconfig
