"""Replaces the contributed weasyprint hook: build.spec collects Pango, HarfBuzz, GObject and
Fontconfig itself (from MSYS2, Homebrew or the system) and rthook_fontconfig.py writes the
Fontconfig setup, so only WeasyPrint's own data (user-agent stylesheets) is collected here."""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("weasyprint")
