"""PDF evidence: open it safely, and make it inert (no scripts, automatic actions or hidden files).

The pages themselves are kept as they are (vector text, rotation, forms, annotations, page
sizes); only what a reader could execute or extract is removed. One walker finds the active
content, so that the pre-flight reports exactly what the normalisation removes.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject

from lawdesk.errors import EvidenceError
from lawdesk.evidence.common import failures_as
from lawdesk.i18n import _

# pypdf logs every repair it makes on damaged files; LawDesk reports problems in its own words.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class ActiveContent(StrEnum):
    JAVASCRIPT = "javascript"
    ACTIONS = "actions"
    ATTACHMENTS = "attachments"
    LINKS = "links"


_SCRIPT_ACTIONS = frozenset({"/JavaScript"})
# Actions that run, fetch, send or open something; GoTo and Named (page navigation) stay.
_RISKY_ACTIONS = frozenset({"/Launch", "/ImportData", "/SubmitForm", "/GoToR", "/GoToE", "/Rendition",
                            "/RichMediaExecute", "/Sound", "/Movie"})
# Links that leave the document: the dossier must not send its reader anywhere (no network).
_EXTERNAL_LINKS = frozenset({"/URI"})
# Annotations that carry a file or a media player instead of marking up the page.
_EMBEDDING_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"})


def corrupt_message() -> str:
    return _("PDF endommagé ou incomplet (fichier tronqué ?) : il ne peut pas être lu ; ouvrez-le dans un lecteur PDF pour vérifier, "
             "puis enregistrez-en une nouvelle copie ou demandez à nouveau le document")


def active_content_warning(kind: ActiveContent) -> str:
    messages = {
        ActiveContent.JAVASCRIPT: _("ce PDF contient du JavaScript ou des scripts de formulaire : ils seront neutralisés (retirés du dossier)"),
        ActiveContent.ACTIONS: _("ce PDF contient des actions automatiques (à l'ouverture, sur une page, un lien ou un champ de formulaire, "
                                 "lancement de programme) : elles seront retirées du dossier"),
        ActiveContent.LINKS: _("ce PDF contient des liens vers des sites extérieurs : ils seront désactivés dans le dossier "
                               "(le texte reste lisible)"),
        ActiveContent.ATTACHMENTS: _("ce PDF contient des fichiers joints intégrés : ils seront retirés du dossier ; "
                                     "ajoutez-les comme pièces distinctes s'ils sont utiles"),
    }
    return messages[kind]


def open_pdf(path: Path, shown_as: str) -> PdfReader:
    """A readable PDF with at least one page (owner-password-only files open; others are refused)."""
    with failures_as(shown_as, corrupt_message()):
        reader = PdfReader(path)
        if reader.is_encrypted:
            _decrypt(reader, shown_as)
        page_count = len([page.mediabox for page in reader.pages])  # resolves every page and its size
    if page_count == 0:
        raise EvidenceError(shown_as, _("ce PDF ne contient aucune page : exportez à nouveau le document"))
    return reader


def _decrypt(reader: PdfReader, shown_as: str) -> None:
    protected = _("PDF protégé par un mot de passe à l'ouverture : enregistrez une copie sans mot de passe "
                  "(ouvrez-le avec le mot de passe puis « Imprimer » vers « Enregistrer au format PDF »), et remplacez le fichier")
    try:
        opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # noqa: BLE001 - unsupported or broken encryption: the same remedy applies
        opened = False
    if not opened:
        raise EvidenceError(shown_as, protected)


def active_content(path: Path, shown_as: str) -> list[ActiveContent]:
    """What `inert_pdf` would remove from this PDF, without changing anything."""
    reader = open_pdf(path, shown_as)
    with failures_as(shown_as, corrupt_message()):
        return _kinds(_active_hits(reader.root_object))


def inert_pdf(path: Path, shown_as: str) -> tuple[bytes, list[str]]:
    """The PDF without active content, and a warning for each kind of content removed."""
    reader = open_pdf(path, shown_as)
    with failures_as(shown_as, corrupt_message()):
        hits = _active_hits(reader.root_object)
        _remove(hits)  # in the reader's objects: the copy below takes only what is still reachable
        writer = PdfWriter(clone_from=reader)
        output = io.BytesIO()
        writer.write(output)
    return output.getvalue(), [active_content_warning(kind) for kind in _kinds(hits)]


@dataclass(frozen=True)
class _Hit:
    """An entry to delete: `container[key]`; `kind` is None for harmless entries removed anyway."""

    container: DictionaryObject | ArrayObject
    key: str | int
    kind: ActiveContent | None


def _kinds(hits: Iterable[_Hit]) -> list[ActiveContent]:
    found = {hit.kind for hit in hits}
    return [kind for kind in ActiveContent if kind in found]


def _active_hits(root: DictionaryObject) -> list[_Hit]:
    hits: list[_Hit] = []
    if "/OpenAction" in root:  # an action, or a mere "open at page N" destination (harmless, removed too)
        open_action = root["/OpenAction"].get_object()
        kind = (_action_kind(open_action) or ActiveContent.ACTIONS) if isinstance(open_action, DictionaryObject) else None
        hits.append(_Hit(root, "/OpenAction", kind))
    hits += _trigger_hits(root)
    names = _dictionary(root.get("/Names"))
    if names is not None:
        hits += [_Hit(names, "/JavaScript", ActiveContent.JAVASCRIPT)] if "/JavaScript" in names else []
        hits += [_Hit(names, "/EmbeddedFiles", ActiveContent.ATTACHMENTS)] if "/EmbeddedFiles" in names else []
    if "/Collection" in root:  # a PDF portfolio: a view over embedded files
        hits.append(_Hit(root, "/Collection", ActiveContent.ATTACHMENTS))
    form = _dictionary(root.get("/AcroForm"))
    if form is not None:
        hits += [_Hit(form, "/XFA", ActiveContent.JAVASCRIPT)] if "/XFA" in form else []
        hits += _trigger_hits(form)
        hits += _tree_hits(form.get("/Fields"), "/Kids")
    for page in _page_objects(root):
        hits += _trigger_hits(page)
        hits += _annotation_hits(page)
    outlines = _dictionary(root.get("/Outlines"))
    if outlines is not None:
        hits += _tree_hits(outlines.get("/First"), "/First", sibling="/Next")
    return hits


def _page_objects(root: DictionaryObject) -> Iterator[DictionaryObject]:
    """The page dictionaries themselves, from the page tree (`PdfReader.pages` yields copies)."""
    seen: set[int] = set()
    pending = [root.get("/Pages")]
    while pending:
        node = _dictionary(pending.pop())
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        kids = node.get("/Kids")
        kids = kids.get_object() if kids is not None else None
        if isinstance(kids, ArrayObject):
            pending.extend(kids)
        else:
            yield node


def _annotation_hits(page: DictionaryObject) -> list[_Hit]:
    annotations = page.get("/Annots")
    annotations = annotations.get_object() if annotations is not None else None
    if not isinstance(annotations, ArrayObject):
        return []
    hits: list[_Hit] = []
    for index, item in enumerate(annotations):
        annotation = _dictionary(item)
        if annotation is None:
            continue
        if annotation.get("/Subtype") in _EMBEDDING_ANNOTATIONS:
            hits.append(_Hit(annotations, index, ActiveContent.ATTACHMENTS))
        else:
            hits += _trigger_hits(annotation)
            hits += _tree_hits(annotation.get("/Parent"), "/Parent")  # the form field of a widget
    return hits


def _tree_hits(start: Any, child: str, sibling: str | None = None) -> list[_Hit]:
    """Trigger hits of every node reachable from `start` (a node or a list) through `child`/`sibling` links."""
    hits: list[_Hit] = []
    seen: set[int] = set()
    pending = [start]
    while pending:
        item = pending.pop()
        item = item.get_object() if item is not None else None
        if isinstance(item, ArrayObject):
            pending.extend(item)
            continue
        if not isinstance(item, DictionaryObject) or id(item) in seen:
            continue
        seen.add(id(item))
        hits += _trigger_hits(item)
        pending += [item.get(link) for link in (child, sibling) if link and link in item]
    return hits


def _trigger_hits(node: DictionaryObject) -> list[_Hit]:
    """The /AA (additional actions: open, close, focus, keystroke...) and a risky /A of one object."""
    hits: list[_Hit] = []
    if "/AA" in node:
        triggers = _dictionary(node["/AA"])
        kinds = [_action_kind(action) for action in (triggers or {}).values()]
        kind = ActiveContent.JAVASCRIPT if ActiveContent.JAVASCRIPT in kinds else ActiveContent.ACTIONS
        hits.append(_Hit(node, "/AA", kind))
    if "/A" in node:
        kind = _action_kind(node["/A"])
        if kind is not None:
            hits.append(_Hit(node, "/A", kind))
    return hits


def _action_kind(action: Any) -> ActiveContent | None:
    """JAVASCRIPT, ACTIONS or LINKS if the action or any action chained after it (/Next) is risky."""
    types = set(_action_types(action, set()))
    if types & _SCRIPT_ACTIONS:
        return ActiveContent.JAVASCRIPT
    if types & _RISKY_ACTIONS:
        return ActiveContent.ACTIONS
    return ActiveContent.LINKS if types & _EXTERNAL_LINKS else None


def _action_types(action: Any, seen: set[int]) -> Iterator[str]:
    action = action.get_object() if action is not None else None
    if isinstance(action, ArrayObject):
        for item in action:
            yield from _action_types(item, seen)
    elif isinstance(action, DictionaryObject) and id(action) not in seen:
        seen.add(id(action))
        yield str(action.get("/S", ""))
        yield from _action_types(action.get("/Next"), seen)


def _dictionary(value: Any) -> DictionaryObject | None:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else None


def _remove(hits: list[_Hit]) -> None:
    """Delete every hit once; list items from the end so that the other indices stay right."""
    array_items: dict[int, tuple[ArrayObject, set[int]]] = {}
    for hit in hits:
        if isinstance(hit.container, ArrayObject) and isinstance(hit.key, int):
            array_items.setdefault(id(hit.container), (hit.container, set()))[1].add(hit.key)
        else:
            hit.container.pop(hit.key, None)
    for array, indices in array_items.values():
        for index in sorted(indices, reverse=True):
            del array[index]
