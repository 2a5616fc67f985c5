"""Two versions of a case saved from one: merged field by field (lawdesk.store.merge)."""

from __future__ import annotations

from lawdesk.store.merge import MISSING, merge, resolve


BASE = {"reference": "A-1", "applicant": {"family_name": "DIALLO", "birth_place": "Conakry"},
        "incidents": [{"date": "2025-01-02", "description": "a"}, {"date": "2025-01-09", "description": "b"}],
        "pieces": [{"id": "p1", "title": "Titre"}], "notes": {"prefecture": "x"}}


def copy(**changes: object) -> dict:
    import copy as copying

    data = copying.deepcopy(BASE)
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is MISSING:
            del target[leaf]
        elif leaf.isdigit():
            target[int(leaf)] = value
        else:
            target[leaf] = value
    return data


def test_changes_of_each_side_to_different_fields_are_all_kept() -> None:
    mine = copy(applicant__family_name="DIALLO-BAH", incidents__1__description="b, corrigé", notes=MISSING)
    theirs = copy(applicant__birth_place="Kindia", incidents__0__date="2025-01-03", claims={"deadline_days": 8})
    merged = merge(BASE, mine, theirs)
    assert merged.clashes == []
    assert merged.data["applicant"] == {"family_name": "DIALLO-BAH", "birth_place": "Kindia"}
    assert merged.data["incidents"] == [{"date": "2025-01-03", "description": "a"}, {"date": "2025-01-09", "description": "b, corrigé"}]
    assert "notes" not in merged.data and merged.data["claims"] == {"deadline_days": 8}
    assert sorted(merged.taken) == [("applicant", "birth_place"), ("claims",), ("incidents", 0)]


def test_the_same_change_on_both_sides_is_no_clash() -> None:
    both = copy(applicant__family_name="BAH")
    assert merge(BASE, both, both).clashes == [] and merge(BASE, both, both).data == both


def test_a_field_changed_both_ways_is_a_clash_settled_by_the_user() -> None:
    mine = copy(applicant__family_name="TRAN", applicant__birth_place="Hué")
    theirs = copy(applicant__family_name="NGUYEN")
    merged = merge(BASE, mine, theirs)
    [clash] = merged.clashes
    assert (clash.path, clash.base, clash.mine, clash.theirs) == (("applicant", "family_name"), "DIALLO", "TRAN", "NGUYEN")
    assert merged.data["applicant"]["family_name"] == "TRAN"  # mine until the user chooses
    assert resolve(merged, {clash.path: "theirs"})["applicant"] == {"family_name": "NGUYEN", "birth_place": "Hué"}
    assert resolve(merged, {clash.path: "mine"})["applicant"]["family_name"] == "TRAN"


def test_rows_added_on_both_sides_make_the_list_one_choice() -> None:
    mine = copy(incidents=[*BASE["incidents"], {"date": "2025-02-01", "description": "mine"}])
    theirs = copy(incidents=[*BASE["incidents"], {"date": "2025-02-02", "description": "theirs"}])
    merged = merge(BASE, mine, theirs)
    assert [c.path for c in merged.clashes] == [("incidents",)]
    assert resolve(merged, {("incidents",): "theirs"})["incidents"][-1]["description"] == "theirs"


def test_a_field_removed_on_one_side_and_changed_on_the_other_is_a_clash() -> None:
    merged = merge(BASE, copy(notes=MISSING), copy(notes={"prefecture": "y"}))
    [clash] = merged.clashes
    assert clash.mine is MISSING and "notes" not in merged.data
    assert resolve(merged, {("notes",): "theirs"})["notes"] == {"prefecture": "y"}
