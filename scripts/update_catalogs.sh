#!/usr/bin/env bash
# Extract the messages of lawdesk/ (core, batch and window), update the catalogs, compile them.
#
#   scripts/update_catalogs.sh            # extract + update + fill French + compile
#   PYTHON=/path/to/python scripts/update_catalogs.sh
#
# Messages are written in French in the code: the French catalog is the identity (filled here,
# so that French plural rules apply to ngettext), the English catalog is translated by hand.
# After running it, translate the English messages it lists as untranslated or fuzzy in
# resources/locale/en/LC_MESSAGES/lawdesk.po, then run it again to compile them.
# The compiled .mo files are committed: installs and frozen builds need no build step.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
LOCALES=(fr en)
POT=resources/locale/lawdesk.pot

pybabel() { "$PYTHON" -m babel.messages.frontend "$@"; }

VERSION="$("$PYTHON" -c 'import lawdesk; print(lawdesk.__version__)')"

# 1. Extract (babel.cfg: lawdesk/**.py; `_`, `ngettext` and `N_` are Babel's default keywords).
pybabel --quiet extract -F babel.cfg --project LawDesk --version "$VERSION" \
    --copyright-holder "LawDesk contributors" \
    --add-comments TRANSLATORS: --add-location file -o "$POT" .

# 2. Update (or create) each catalog; messages no longer in the code are dropped.
for lang in "${LOCALES[@]}"; do
    po="resources/locale/$lang/LC_MESSAGES/lawdesk.po"
    if [[ -f "$po" ]]; then
        pybabel --quiet update -i "$POT" -d resources/locale -D lawdesk -l "$lang" --ignore-obsolete
    else
        pybabel --quiet init -i "$POT" -d resources/locale -D lawdesk -l "$lang"
    fi
done

# 3. French is the language of the msgids: msgstr = msgid; then list what English lacks.
"$PYTHON" - <<'EOF'
import sys
from babel.messages.pofile import read_po, write_po

def load(lang):
    with open(f"resources/locale/{lang}/LC_MESSAGES/lawdesk.po", "rb") as handle:
        return read_po(handle, locale=lang)

def save(lang, catalog):
    with open(f"resources/locale/{lang}/LC_MESSAGES/lawdesk.po", "wb") as handle:
        write_po(handle, catalog, include_previous=False, ignore_obsolete=True)

french = load("fr")
for message in french:
    if message.id:
        message.string = message.id
        message.flags.discard("fuzzy")
french.fuzzy = False
save("fr", french)

english = load("en")
todo = [m for m in english if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))]
total = sum(1 for m in english if m.id)
print(f"en: {total - len(todo)}/{total} messages translated")
for message in todo:
    first = message.id[0] if isinstance(message.id, tuple) else message.id
    print(f"  {'fuzzy' if message.fuzzy else 'untranslated'}: {first[:100]!r}", file=sys.stderr)
EOF

# 4. Compile (fuzzy messages are left out, so they show in French until reviewed).
pybabel --quiet compile -d resources/locale -D lawdesk
