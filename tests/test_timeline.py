"""The case as a timeline: the situation at a date, each deadline with its legal basis, the next step,
and `lawdesk status` (text, --json, --ics). Dates are chosen on both sides of every limit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from lawdesk.case.validate import validate_data
from lawdesk.cli import main
from lawdesk.timeline import Situation, timeline
from tests.test_documents_cases import demo

D = dt.date


def renewal(**procedure: Any) -> dict[str, Any]:
    """The demo renewal (permit expiring 31 January 2025, deposit 20 November 2024), procedure fields replaced."""
    data = demo()
    data["procedure"].update(procedure)
    return data


def kinds(data: dict[str, Any], day: dt.date) -> dict[str, tuple[dt.date, str]]:
    return {d.kind: (d.date, d.basis) for d in timeline(data, day).deadlines}


# --- situations ---------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "situation"), [
    (D(2024, 11, 19), Situation.NOT_REGISTERED),  # the deposit of the 20th is not known yet
    (D(2024, 11, 20), Situation.UNDER_INSTRUCTION),
    (D(2025, 3, 19), Situation.UNDER_INSTRUCTION),  # the last day of the four months
    (D(2025, 3, 20), Situation.IMPLICIT_REJECTION),  # R. 432-2: four months after the deposit
])
def test_situation_follows_the_deposit_and_the_four_months(day: dt.date, situation: Situation) -> None:
    t = timeline(demo(), day)
    assert t.situation is situation
    if situation is Situation.IMPLICIT_REJECTION:
        assert t.rejection == D(2025, 3, 20) and t.rejection_basis == "articles R. 432-1 et R. 432-2 du CESEDA"


def test_an_attestation_or_a_recepisse_does_not_prevent_the_implicit_rejection() -> None:
    data = renewal(received=[{"kind": "apri", "date": "2025-01-30", "valid_until": "2025-04-30"}])
    t = timeline(data, D(2025, 4, 2))
    assert t.situation is Situation.IMPLICIT_REJECTION
    assert "n’y fait pas obstacle (CE, avis, 6 mai 2025, n° 499904)" in t.deadline("implicit_rejection").basis


def test_shorter_silence_periods_of_r_432_2() -> None:
    student = renewal(permit_requested="carte de séjour pluriannuelle « étudiant »")
    assert timeline(student, D(2025, 2, 18)).situation is Situation.IMPLICIT_REJECTION  # 20 November + 90 days
    assert timeline(student, D(2025, 2, 17)).situation is Situation.UNDER_INSTRUCTION
    assert "délai de 90 jours" in timeline(student, D(2025, 2, 18)).rejection_basis
    warnings = [p.message for p in validate_data(student, D(2025, 2, 1)) if p.where == "procedure.permit_requested"]
    assert warnings and "90 jours" in warnings[0]


def test_an_incomplete_file_gives_no_rejection_date() -> None:
    data = renewal(incomplete=True)
    t = timeline(data, D(2025, 6, 1))
    assert t.situation is Situation.UNDER_INSTRUCTION and "implicit_rejection" not in kinds(data, D(2025, 6, 1))
    assert any("CE, avis, 10 octobre 2024, n° 494718" in p.message for p in validate_data(data, D(2025, 6, 1)))


def test_a_recorded_classement_is_a_decision_with_two_months_to_appeal() -> None:
    data = renewal(received=[{"kind": "classement_sans_suite", "date": "2025-01-10", "piece": "p2"}])
    t = timeline(data, D(2025, 2, 1))
    assert t.situation is Situation.DECISION
    assert kinds(data, D(2025, 2, 1))["appeal"][0] == D(2025, 3, 10)
    assert "implicit_rejection" not in kinds(data, D(2025, 2, 1))  # decided before the four months ran


# --- deadlines ----------------------------------------------------------------------------

def test_the_letters_deadline_runs_from_its_avis_de_reception_or_from_sending_without_one() -> None:
    data = renewal()
    data["steps"] = [{"document": "prefecture", "sent": "2025-03-12", "mode": "lrar", "received": "2025-03-14",
                      "deadline_days": 8, "pieces": ["p5"]}]
    assert kinds(data, D(2025, 3, 13))["letter_deadline"][0] == D(2025, 3, 20)  # the AR is not known on the 13th
    end, basis = kinds(data, D(2025, 3, 15))["letter_deadline"]
    assert end == D(2025, 3, 22) and "à compter de sa réception le 14 mars 2025" in basis


def test_renewal_window_of_r_431_5() -> None:
    found = kinds(demo(), D(2024, 9, 1))
    assert found["window_opens"] == (D(2024, 10, 3), "article R. 431-5 du CESEDA")  # 120 days before 31 January 2025
    assert found["window_closes"][0] == D(2024, 12, 2)  # 60 days before
    assert timeline(demo(), D(2025, 1, 1)).filed_in_time is True
    late = renewal(anef_deposit_date="2024-12-20")
    assert timeline(late, D(2025, 1, 1)).filed_in_time is False
    [warning] = [p for p in validate_data(late, D(2025, 1, 1)) if p.where == "procedure.anef_deposit_date"]
    assert "hors du délai de l'article R. 431-5 du CESEDA (du 3 octobre 2024 au 2 décembre 2024)" in warning.message
    assert "article R. 431-15-1 du CESEDA" in warning.message


@pytest.mark.parametrize(("acknowledgement", "end", "words"), [
    ({"date": "2024-11-20", "mentions_delays": True}, D(2025, 5, 20), "article R. 421-2 du code de justice administrative"),
    ({"date": "2024-11-20", "mentions_delays": False}, D(2026, 3, 20), "Czabaj, n° 387763"),
    (None, D(2026, 3, 20), "Jounda Nguegoh, n° 417270"),
])
def test_appeal_deadline_needs_a_compliant_accuse_de_reception(acknowledgement: Any, end: dt.date, words: str) -> None:
    data = renewal(**({"acknowledgement": acknowledgement} if acknowledgement else {}))
    found, basis = kinds(data, D(2025, 4, 1))["appeal"]
    assert found == end and words in basis


def test_a_request_for_reasons_extends_the_appeal_but_one_year_at_most() -> None:
    data = renewal(acknowledgement={"date": "2024-11-20", "mentions_delays": True})
    data["steps"] = [{"document": "motifs", "sent": "2025-04-10", "mode": "lrar", "received": "2025-04-12", "pieces": ["p5"]}]
    silent, basis = kinds(data, D(2025, 6, 1))["appeal"]
    assert silent == D(2026, 4, 10) and "CE, avis, 2 octobre 2025, n° 504677" in basis  # one year from the request
    assert kinds(data, D(2025, 6, 1))["reasons_due"][0] == D(2025, 5, 12)  # one month from its receipt
    data["steps"][0]["answer"] = {"date": "2025-06-15", "summary": "Motifs communiqués"}
    assert kinds(data, D(2025, 7, 1))["appeal"][0] == D(2025, 8, 15)  # two months after the reasons


def test_a_refusal_with_an_oqtf_has_no_computed_deadline_and_says_to_act_at_once() -> None:
    data = renewal(received=[{"kind": "refus_avec_oqtf", "date": "2025-02-01"}])
    t = timeline(data, D(2025, 2, 5))
    assert t.situation is Situation.DECISION and t.deadline("appeal") is None
    assert "agissez sans attendre" in t.next_step
    problems = [p for p in validate_data(data | {"documents": ["annulation"]}, D(2025, 2, 5)) if p.is_error]
    assert any(p.where == "documents" and "LawDesk ne rédige aucun document" in p.message for p in problems)


def test_next_step_follows_the_situation() -> None:
    data = renewal()
    assert "Envoyer la lettre au préfet" in timeline(data, D(2025, 1, 5)).next_step
    data["steps"] = [{"document": "prefecture", "sent": "2025-01-06", "mode": "lrar", "received": "2025-01-08",
                      "deadline_days": 8, "pieces": ["p5"]}]
    assert "le référé pourra être déposé à partir du 17 janvier 2025" in timeline(data, D(2025, 1, 10)).next_step
    assert "Saisir le juge des référés" in timeline(data, D(2025, 1, 17)).next_step
    after = timeline(data, D(2025, 4, 1)).next_step
    assert "« motifs »" in after and "« annulation »" in after and "« suspension »" in after


# --- lawdesk status -----------------------------------------------------------------------

def test_status_prints_the_timeline_deadlines_and_next_step(demo_case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(demo_case_dir), "--date", "2025-03-18"]) == 0
    out = capsys.readouterr().out
    assert "situation au 18 mars 2025 : demande non enregistrée par le téléservice" in out
    assert "Courrier au préfet (recommandé avec accusé de réception), n° 1A 234 567 8901 2, avis de réception du 14 mars 2025" in out
    assert "22 mars 2025" in out and "dans 4 jours" in out
    assert "Prochaine étape : Attendre la réponse du préfet jusqu'au 22 mars 2025" in out


def test_status_json_and_ics(demo_case_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ics = tmp_path / "echeances.ics"
    assert main(["status", str(demo_case_dir), "--date", "2025-03-18", "--json", "--ics", str(ics)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["situation"] == "not_registered" and shown["next_step"]
    assert {"what", "date", "basis"} <= set(shown["dates"][0])
    letter = next(d for d in shown["dates"] if d["date"] == "2025-03-22")
    assert "lettre du 12 mars 2025" in letter["what"]
    events = [c for c in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert len(events) == len(shown["dates"])
    by_day = {e.decoded("dtstart"): e for e in events}
    assert str(by_day[D(2025, 3, 22)]["summary"]).startswith("SSD-2025-0142 — Fin du délai laissé au préfet")
    assert "DIALLO" not in ics.read_text(encoding="utf-8")  # the calendar names the case by its reference only


def test_status_refuses_an_impossible_date(demo_case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(demo_case_dir), "--date", "2025-02-30"]) == 2
    assert "2025-02-30" in capsys.readouterr().err
