"""Two versions of a case saved from the same one: what each side changed, merged field by field.

`merge(base, mine, theirs)` keeps every change of either side that the other did not touch; a field
both changed, each its own way, is a `Clash` the user settles (`resolve`). Objects merge key by key;
a list merges item by item when it has as many items in the three versions (the same facts, edited),
and is otherwise one value (rows added or removed on a side: taken whole, or chosen).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Literal

Path = tuple[str | int, ...]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self  # one sentinel: a copy would be taken for a value and saved


MISSING: Any = _Missing()
"""A field absent from one version."""


@dataclass(frozen=True)
class Clash:
    path: Path
    base: Any
    mine: Any
    theirs: Any


@dataclass
class Merged:
    data: dict[str, Any]  # mine, with the changes of theirs that touch nothing of mine
    clashes: list[Clash] = field(default_factory=list)
    taken: list[Path] = field(default_factory=list)  # where their changes came in


def merge(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> Merged:
    found = Merged({})
    found.data = _merge(base, mine, theirs, (), found)
    return found


def _merge(base: Any, mine: Any, theirs: Any, path: Path, found: Merged) -> Any:
    if mine == theirs:
        return copy.deepcopy(mine)
    if mine == base:
        found.taken.append(path)
        return copy.deepcopy(theirs)
    if theirs == base:
        return copy.deepcopy(mine)
    if isinstance(mine, dict) and isinstance(theirs, dict):
        base = base if isinstance(base, dict) else {}
        keys = list(mine) + [k for k in theirs if k not in mine]
        merged = {}
        for key in keys:
            value = _merge(base.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING), (*path, key), found)
            if value is not MISSING:
                merged[key] = value
        return merged
    if isinstance(mine, list) and isinstance(theirs, list) and isinstance(base, list) and len(base) == len(mine) == len(theirs):
        return [_merge(b, m, t, (*path, index), found) for index, (b, m, t) in enumerate(zip(base, mine, theirs))]
    found.clashes.append(Clash(path, base, mine, theirs))
    return copy.deepcopy(mine)


def resolve(merged: Merged, choices: dict[Path, Literal["mine", "theirs"]]) -> dict[str, Any]:
    """The merged case with each clash settled as chosen (a clash not named keeps mine)."""
    data = copy.deepcopy(merged.data)
    for clash in merged.clashes:
        if choices.get(clash.path) == "theirs":
            data = _put(data, clash.path, copy.deepcopy(clash.theirs))
    return data


def _put(data: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        if value is MISSING and not rest:
            data.pop(head, None)
        else:
            data[head] = _put(data.get(head, {}), rest, value)
    elif isinstance(data, list) and isinstance(head, int) and head < len(data):
        data[head] = _put(data[head], rest, value)
    return data
