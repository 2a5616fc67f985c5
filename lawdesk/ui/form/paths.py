"""Field paths: `incidents[2].date` in messages (1-based, like pièce numbers) ↔ ("incidents", 1, "date").

No Qt here: reading and writing a value at a path in the case data, and finding which
field of a form answers for a path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FieldPath = tuple[str | int, ...]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> FieldPath:
    """("incidents", 1, "date") for "incidents[2].date"; list indices become 0-based."""
    parts: list[str | int] = []
    for name, index in _PART.findall(text):
        parts.append(int(index) - 1 if index else name)
    return tuple(parts)


def format_path(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def get_in(root: Any, path: FieldPath, default: Any = None) -> Any:
    value = root
    for part in path:
        if isinstance(part, int):
            if not isinstance(value, list) or not 0 <= part < len(value):
                return default
        elif not isinstance(value, dict) or part not in value:
            return default
        value = value[part]
    return value


def set_in(root: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Set a value, creating the objects on the way; None removes the field (absent = not given),
    and then the objects it leaves empty (an address with no line is no address)."""
    if value is None:
        _remove(root, path)
        return
    container: Any = root
    for part in path[:-1]:
        if isinstance(part, int):
            container = container[part]
            continue
        if not isinstance(container.get(part), dict):
            container[part] = {}
        container = container[part]
    container[path[-1]] = value


def _remove(root: dict[str, Any], path: FieldPath) -> None:
    parent = get_in(root, path[:-1])
    if isinstance(parent, dict):
        parent.pop(path[-1], None)
        if not parent and len(path) > 1 and isinstance(path[-2], str):
            _remove(root, path[:-1])


def best_match(target: FieldPath, candidates: Iterable[FieldPath]) -> FieldPath | None:
    """The field that answers for `target`: itself, else its first sub-field (a missing object),
    else its closest enclosing field (an item of a list field)."""
    candidates = list(candidates)
    if target in candidates:
        return target
    for candidate in candidates:
        if candidate[: len(target)] == target:
            return candidate
    enclosing = [c for c in candidates if target[: len(c)] == c]
    return max(enclosing, key=len) if enclosing else None
