import datetime as dt
import json

import pytest

from lawdesk.case import load_case
from lawdesk.case.model import Case, canonical_json
from lawdesk.case.validate import validate_data
from lawdesk.errors import UnusableInput
from tests.case_data import valid_case

TODAY = dt.date(2025, 6, 1)


def lines(data):
    return [p.line() for p in validate_data(data, TODAY)]


def errors(data):
    return {(p.where, p.message) for p in validate_data(data, TODAY) if p.is_error}


def test_valid_case_has_no_error():
    assert not [p for p in validate_data(valid_case(), TODAY) if p.is_error]


def test_round_trip_keeps_unknown_fields_and_orders_known_ones(tmp_path):
    data = valid_case()
    data["zz_clinic"] = {"b": 1, "a": [1, 2]}
    data["applicant"]["x_note"] = "gardé"
    shuffled = dict(reversed(list(data.items())))
    (tmp_path / "case.json").write_text(json.dumps(shuffled, ensure_ascii=False), encoding="utf-8")
    case = load_case(tmp_path)
    case.save()
    saved = json.loads((tmp_path / "case.json").read_text(encoding="utf-8"))
    assert saved == data
    assert list(saved)[:3] == ["format", "reference", "applicant"]
    assert list(saved)[-1] == "zz_clinic"
    assert list(saved["applicant"])[-1] == "x_note"
    assert (tmp_path / "case.json").read_text(encoding="utf-8") == canonical_json(saved)


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path):
    case = Case(tmp_path, valid_case())
    case.save()
    case.data["reference"] = "AUTRE"
    case.save()
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]
    assert load_case(tmp_path).reference == "AUTRE"


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "JSON invalide ligne 1"),
    ('{"format": "lawdesk.case/2"}', "format « lawdesk.case/2 » non reconnu"),
    ("[1, 2]", "un objet JSON est attendu"),
    ('{"reference": "x"}', "format « absent » non reconnu"),
])
def test_unusable_case_files(tmp_path, content, expected):
    (tmp_path / "case.json").write_text(content, encoding="utf-8")
    with pytest.raises(UnusableInput) as raised:
        load_case(tmp_path)
    assert expected in raised.value.message
    assert "case.json" in raised.value.message


def test_missing_path_and_folder_without_case(tmp_path):
    with pytest.raises(UnusableInput, match="n'existe pas"):
        load_case(tmp_path / "nope")
    with pytest.raises(UnusableInput, match="aucun fichier case.json"):
        load_case(tmp_path)


def test_field_paths_are_one_based_and_messages_say_what_to_do():
    data = valid_case()
    del data["applicant"]["family_name"]
    data["pieces"][1]["files"] = ["x.pdf"]
    data["incidents"][2]["date"] = "15/11/2024"
    data["applicant"]["civility"] = "Dr"
    found = errors(data)
    assert ("applicant.family_name", "champ obligatoire manquant ; renseignez-le") in found
    assert any(w == "pieces[2]" and "soit « file »" in m for w, m in found)
    assert any(w == "incidents[3].date" and "AAAA-MM-JJ" in m for w, m in found)
    assert any(w == "applicant.civility" and "« M. », « Mme »" in m for w, m in found)


def test_impossible_dates_and_rules():
    data = valid_case()
    data["applicant"]["birth_date"] = "2030-01-01"
    data["incidents"][0]["date"] = "2025-06-02"
    data["incidents"][1]["date"] = "2025-02-30"
    data["procedure"]["kind"] = "renewal"
    del data["procedure"]["current_permit"]
    del data["claims"]["deadline_days"]
    data["procedure"]["department"] = "96"
    data["harms"][0]["pieces"] = ["p9"]
    found = {w for w, _m in errors(data)}
    assert {"applicant.birth_date", "incidents[1].date", "incidents[2].date", "procedure.current_permit",
            "claims.deadline_days", "procedure.department", "harms[1].pieces[1]"} <= found


def test_duplicate_piece_ids_are_refused():
    data = valid_case()
    data["pieces"][1]["id"] = "p1"
    assert any(w == "pieces[2].id" for w, _m in errors(data))


def test_risky_but_allowed_cases_give_warnings():
    data = valid_case()
    for incident, day in zip(data["incidents"], ("2024-10-01", "2024-10-03", "2024-10-05")):
        incident["date"] = day
    warnings = [line for line in lines(data) if line.startswith("warning:")]
    assert any("deux semaines" in w for w in warnings)
    data["incidents"] = data["incidents"][:1]
    assert any("une seule tentative infructueuse est décrite" in line for line in lines(data))
    assert not errors(data)


def test_demo_case_matches_published_schema():
    from jsonschema import Draft202012Validator

    from lawdesk.case.validate import case_schema
    from tests.conftest import DEMO_CASE

    Draft202012Validator.check_schema(case_schema())
    data = json.loads((DEMO_CASE / "case.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(case_schema()).iter_errors(data)) == []
