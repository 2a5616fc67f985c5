"""What a reader could run, open, send or extract from a PDF: found by one walker, so that the
pre-flight reports exactly what the normalisation removes.

Navigation inside the document (an "open at page N" action, /GoTo links and bookmarks, named
destinations, the viewer's page-turning Named actions) is not active content: it is kept, pointed
straight at its page (named destinations are resolved, since the bundle keeps no name tree), or
dropped silently when it leads nowhere. Only what can act or leak is reported, each kind by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from lawdesk.i18n import _


class ActiveContent(StrEnum):
    JAVASCRIPT = "javascript"
    LAUNCH = "launch"
    SUBMIT = "submit"
    REMOTE = "remote"
    MEDIA = "media"
    ATTACHMENTS = "attachments"
    LINKS = "links"


# Action types by what they do; the first kind found in this order names an action chain.
_ACTION_KINDS = (
    (ActiveContent.JAVASCRIPT, frozenset({"/JavaScript"})),
    (ActiveContent.LAUNCH, frozenset({"/Launch"})),
    (ActiveContent.SUBMIT, frozenset({"/SubmitForm", "/ImportData"})),
    (ActiveContent.REMOTE, frozenset({"/GoToR", "/GoToE", "/GoToDp", "/Thread"})),
    (ActiveContent.MEDIA, frozenset({"/Rendition", "/RichMediaExecute", "/Sound", "/Movie"})),
    (ActiveContent.LINKS, frozenset({"/URI"})),  # links that leave the document (no network from the dossier)
)
# The viewer's own page turning: the only Named actions that are navigation.
_NAVIGATION_NAMES = frozenset({"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"})
# Annotations that carry a file or a media player instead of marking up the page.
_EMBEDDING_ANNOTATIONS = {"/FileAttachment": ActiveContent.ATTACHMENTS, "/RichMedia": ActiveContent.MEDIA,
                          "/Screen": ActiveContent.MEDIA, "/Movie": ActiveContent.MEDIA, "/Sound": ActiveContent.MEDIA,
                          "/3D": ActiveContent.MEDIA}
PRIVATE_CATALOG_KEYS = ("/URI", "/SpiderInfo")


def active_content_warning(kind: ActiveContent) -> str:
    messages = {
        ActiveContent.JAVASCRIPT: _("ce PDF contient du JavaScript ou des scripts de formulaire : ils seront neutralisés (retirés du dossier)"),
        ActiveContent.LAUNCH: _("ce PDF contient une commande qui lance un programme sur l'ordinateur du lecteur : "
                                "elle sera retirée du dossier"),
        ActiveContent.SUBMIT: _("ce PDF contient un formulaire qui envoie ou importe des données : "
                                "cette fonction sera retirée du dossier (les champs restent lisibles)"),
        ActiveContent.REMOTE: _("ce PDF contient des liens qui ouvrent d'autres fichiers : ils seront retirés du dossier"),
        ActiveContent.MEDIA: _("ce PDF contient des sons, des vidéos ou des objets 3D : ils seront retirés du dossier"),
        ActiveContent.LINKS: _("ce PDF contient des liens vers des sites extérieurs : ils seront désactivés dans le dossier "
                               "(le texte reste lisible)"),
        ActiveContent.ATTACHMENTS: _("ce PDF contient des fichiers joints intégrés : ils seront retirés du dossier ; "
                                     "ajoutez-les comme pièces distinctes s'ils sont utiles"),
    }
    return messages[kind]


@dataclass(frozen=True)
class Hit:
    """An entry to delete: `container[key]`; `kind` is None for harmless entries removed anyway."""

    container: DictionaryObject | ArrayObject
    key: str | int
    kind: ActiveContent | None


def kinds(hits: Iterable[Hit]) -> list[ActiveContent]:
    found = {hit.kind for hit in hits}
    return [kind for kind in ActiveContent if kind in found]


def active_hits(root: DictionaryObject) -> list[Hit]:
    hits: list[Hit] = []
    if "/OpenAction" in root:  # an action, or a mere "open at page N" destination (harmless, removed silently)
        hits.append(Hit(root, "/OpenAction", _action_kind(root["/OpenAction"])))
    hits += _trigger_hits(root)
    names = _dictionary(root.get("/Names"))
    if names is not None:
        hits += [Hit(names, "/JavaScript", ActiveContent.JAVASCRIPT)] if "/JavaScript" in names else []
        hits += [Hit(names, "/EmbeddedFiles", ActiveContent.ATTACHMENTS)] if "/EmbeddedFiles" in names else []
    if "/Collection" in root:  # a PDF portfolio: a view over embedded files
        hits.append(Hit(root, "/Collection", ActiveContent.ATTACHMENTS))
    if "/AF" in root:  # PDF 2.0 associated files
        hits.append(Hit(root, "/AF", ActiveContent.ATTACHMENTS))
    form = _dictionary(root.get("/AcroForm"))
    if form is not None:
        hits += [Hit(form, "/XFA", ActiveContent.JAVASCRIPT)] if "/XFA" in form else []
        hits += _trigger_hits(form)
        hits += _tree_hits(form.get("/Fields"), "/Kids")
    for page in _page_objects(root):
        hits += _trigger_hits(page)
        hits += [Hit(page, "/AF", ActiveContent.ATTACHMENTS)] if "/AF" in page else []
        hits += _annotation_hits(page)
    outlines = _dictionary(root.get("/Outlines"))
    if outlines is not None:
        hits += _tree_hits(outlines.get("/First"), "/First", sibling="/Next")
    return hits


def _page_objects(root: DictionaryObject) -> Iterator[DictionaryObject]:
    """The page dictionaries themselves, from the page tree (`PdfReader.pages` yields copies), and
    the tree's inner nodes (a reader could run actions placed there too)."""
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
        yield node


def _annotations(page: DictionaryObject) -> ArrayObject | None:
    annotations = page.get("/Annots")
    annotations = annotations.get_object() if annotations is not None else None
    return annotations if isinstance(annotations, ArrayObject) else None


def _annotation_hits(page: DictionaryObject) -> list[Hit]:
    annotations = _annotations(page)
    if annotations is None:
        return []
    hits: list[Hit] = []
    for index, item in enumerate(annotations):
        annotation = _dictionary(item)
        if annotation is None:
            continue
        subtype = annotation.get("/Subtype")
        if subtype in _EMBEDDING_ANNOTATIONS:
            hits.append(Hit(annotations, index, _EMBEDDING_ANNOTATIONS[str(subtype)]))
        else:
            hits += _trigger_hits(annotation)
            hits += _tree_hits(annotation.get("/Parent"), "/Parent")  # the form field of a widget
    return hits


def _tree_hits(start: Any, child: str, sibling: str | None = None) -> list[Hit]:
    """Trigger hits of every node reachable from `start` (a node or a list) through `child`/`sibling` links."""
    hits: list[Hit] = []
    for node in _tree_nodes(start, child, sibling):
        hits += _trigger_hits(node)
    return hits


def _tree_nodes(start: Any, child: str, sibling: str | None = None) -> Iterator[DictionaryObject]:
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
        yield item
        pending += [item.get(link) for link in (child, sibling) if link and link in item]


def _trigger_hits(node: DictionaryObject) -> list[Hit]:
    """The /AA (additional actions: open, close, focus, keystroke...) and a risky /A of one object.
    Additional actions that only navigate are removed silently."""
    hits: list[Hit] = []
    if "/AA" in node:
        triggers = _dictionary(node["/AA"])
        found = kinds(Hit(node, "/AA", _action_kind(action)) for action in (triggers or {}).values())
        hits.append(Hit(node, "/AA", found[0] if found else None))
    if "/A" in node:
        kind = _action_kind(node["/A"])
        if kind is not None:
            hits.append(Hit(node, "/A", kind))
    return hits


def _action_kind(action: Any) -> ActiveContent | None:
    """The kind of the action or of any action chained after it (/Next); None if all only navigate."""
    types = set(_action_types(action, set()))
    for kind, members in _ACTION_KINDS:
        if types & members:
            return kind
    return None


def _action_types(action: Any, seen: set[int]) -> Iterator[str]:
    action = action.get_object() if action is not None else None
    if isinstance(action, ArrayObject):  # a destination, or a list of actions
        for item in action:
            if isinstance(item.get_object(), DictionaryObject) and "/S" in item.get_object():
                yield from _action_types(item, seen)
    elif isinstance(action, DictionaryObject) and id(action) not in seen:
        seen.add(id(action))
        kind = str(action.get("/S", ""))
        if kind == "/Named" and str(action.get("/N", "")) not in _NAVIGATION_NAMES:
            kind = "/Launch"  # a menu command of the viewer (print, save, open...), not page turning
        yield kind
        yield from _action_types(action.get("/Next"), seen)


def _dictionary(value: Any) -> DictionaryObject | None:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else None


def remove(hits: list[Hit]) -> None:
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


def point_navigation_at_pages(reader: PdfReader) -> None:
    """Links and bookmarks that go to a named destination go straight to its page instead (the bundle
    and the Télérecours files keep no name tree); those that lead nowhere lose their target. Then
    the name trees of destinations go."""
    root = reader.root_object
    named: dict[str, Any] | None = None
    holders = [node for page in _page_objects(root) for node in map(_dictionary, _annotations(page) or []) if node is not None]
    outlines = _dictionary(root.get("/Outlines"))
    if outlines is not None:
        holders += list(_tree_nodes(outlines.get("/First"), "/First", sibling="/Next"))
    for node in holders:
        action = _dictionary(node.get("/A"))
        holder, key = (action, "/D") if action is not None and action.get("/S") == "/GoTo" else (node, "/Dest")
        target = holder.get(key)
        target = target.get_object() if target is not None else None
        if target is None or isinstance(target, ArrayObject):
            continue
        if named is None:
            named = _named_destinations(reader)
        page = named.get(str(target))
        if page is None:
            holder.pop(key, None)
            if holder is action:
                node.pop("/A", None)
        else:
            holder[NameObject(key)] = page
    names = _dictionary(root.get("/Names"))
    if names is not None:
        names.pop("/Dests", None)
    root.pop("/Dests", None)


def _named_destinations(reader: PdfReader) -> dict[str, ArrayObject]:
    """Each named destination as an explicit one: [page /XYZ left top zoom] or /Fit."""
    from pypdf.generic import FloatObject, NullObject

    explicit: dict[str, ArrayObject] = {}
    for name, destination in reader.named_destinations.items():
        page = destination.get("/Page")
        if page is None or isinstance(page, NullObject) or not hasattr(page, "idnum"):
            continue
        top = destination.get("/Top")
        left = destination.get("/Left")
        explicit[str(name)] = ArrayObject([page, NameObject("/XYZ"),
                                           FloatObject(left) if isinstance(left, (int, float)) else NullObject(),
                                           FloatObject(top) if isinstance(top, (int, float)) else NullObject(), NullObject()])
    return explicit
