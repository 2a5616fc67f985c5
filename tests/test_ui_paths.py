"""Field paths between the validation's messages and the form (no Qt)."""

from __future__ import annotations

from lawdesk.ui.form import field_names
from lawdesk.ui.form.paths import best_match, format_path, get_in, parse_path, set_in


def test_paths_are_one_based_in_text_zero_based_in_code() -> None:
    assert parse_path("incidents[2].pieces[1]") == ("incidents", 1, "pieces", 0)
    assert format_path(("incidents", 1, "pieces", 0)) == "incidents[2].pieces[1]"
    assert parse_path("pieces") == ("pieces",)


def test_set_in_creates_objects_and_none_removes_what_it_empties() -> None:
    data = {"applicant": {"family_name": "X"}, "unknown": {"kept": True}}
    set_in(data, ("applicant", "address", "city"), "Saint-Denis")
    assert get_in(data, ("applicant", "address", "city")) == "Saint-Denis"
    set_in(data, ("applicant", "address", "city"), None)
    assert data == {"applicant": {"family_name": "X"}, "unknown": {"kept": True}}
    assert get_in(data, ("incidents", 3, "date")) is None


def test_best_match_prefers_the_field_then_its_first_subfield_then_the_enclosing_field() -> None:
    fields = [("address", "line1"), ("address", "city"), ("pieces",)]
    assert best_match(("address", "city"), fields) == ("address", "city")
    assert best_match(("address",), fields) == ("address", "line1")
    assert best_match(("pieces", 0), fields) == ("pieces",)
    assert best_match(("email",), fields) is None


def test_describe_names_section_item_and_field() -> None:
    assert field_names.describe(("incidents", 1, "date")) == "Démarches et incidents ANEF › Démarche n° 2 › Date"
    assert field_names.describe(("incidents", 1, "pieces", 0)) == (
        "Démarches et incidents ANEF › Démarche n° 2 › Pièces justificatives")
    assert field_names.describe(("applicant", "address")) == "Demandeur › Adresse"
    assert field_names.describe(("pieces",)) == "Pièces"
    assert field_names.section_index(("notes", "refere")) == 7
