import csv

import pytest

from lawdesk.departments import UnknownDepartment, all_departments, department


def test_every_code_of_the_table_is_present():
    codes = set(all_departments())
    expected = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"} | {str(n) for n in range(971, 979)}
    assert codes == expected


@pytest.mark.parametrize(("code", "tribunal", "prefect"), [
    ("93", "Tribunal administratif de Montreuil", "préfet de la Seine-Saint-Denis"),
    ("75", "Tribunal administratif de Paris", "préfet de police"),
    ("2A", "Tribunal administratif de Bastia", "préfet de la Corse-du-Sud"),
    ("972", "Tribunal administratif de la Martinique", "préfet de la Martinique"),
    ("1", "Tribunal administratif de Lyon", "préfet de l'Ain"),
    ("2b", "Tribunal administratif de Bastia", "préfet de la Haute-Corse"),
])
def test_tribunal_and_prefect(code, tribunal, prefect):
    found = department(code)
    assert (found.tribunal, found.prefect) == (tribunal, prefect)


def test_martinique_sits_in_schoelcher():
    assert department("972").tribunal_seat == "Schœlcher"


@pytest.mark.parametrize("code", ["96", "20", "", "979", "abc"])
def test_unknown_code_is_a_clear_error(code):
    with pytest.raises(UnknownDepartment, match="département inconnu"):
        department(code)


def test_table_file_notes_its_source():
    from lawdesk.paths import resource

    text = resource("data", "departements.csv").read_text(encoding="utf-8")
    assert "R. 221-3" in text.splitlines()[0]
    rows = list(csv.reader((l for l in text.splitlines() if not l.startswith("#")), delimiter=";"))
    assert all(len(r) == 7 for r in rows)
