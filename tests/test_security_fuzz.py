"""Property-based fuzzing of what users and strangers hand to LawDesk.

- any JSON text → a case or `UnusableInput`, then `validate_data` → a list of `Problem`s;
- any CSV bytes (encoding, separator, quotes, junk) → spreadsheet rows or a `LawdeskError`;
- corrupted variants of the demo evidence → `inspect_file` / `normalize_files` give a
  result or an `EvidenceError`, in a bounded time.

Never another exception (a traceback for the user). The long run with thousands of inputs is
benchmarks/fuzz_evidence.py; these examples keep the test suite fast.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdesk.case.model import parse_case_json
from lawdesk.case.validate import validate_data
from lawdesk.errors import EvidenceError, LawdeskError, Problem, UnusableInput
from tests.case_data import valid_case
from tests.conftest import DEMO_CASE
from tests.fuzz_hostile import MUTATIONS, mutate

# The suite's examples are the same on every run (CI must not fail by the luck of a draw);
# LAWDESK_FUZZ_EXAMPLES=5000 draws that many new ones, for a search of new failures.
_EXAMPLES = os.environ.get("LAWDESK_FUZZ_EXAMPLES")
FUZZ = settings(max_examples=int(_EXAMPLES or 150), derandomize=_EXAMPLES is None, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TODAY = dt.date(2025, 6, 1)

# --- the case file -----------------------------------------------------------------------

_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10 ** 30), max_value=10 ** 30)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
            | st.sampled_from(["", " ", "2025-02-30", "2024-10-02\n", "p1", "p99", "93", "2A", "renewal",
                               "refere", "anef", "\x00", "\ud800", "\u202e", "../x.pdf", "M.", "{{ 7*7 }}"]))
JSON_VALUES = st.recursive(_SCALARS, lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=12), children, max_size=4), max_leaves=12)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


_CASE_PATHS = [path for path in _paths(valid_case()) if path]


def _replaced(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def _problems_or_unusable(text: str) -> None:
    try:
        data = parse_case_json(text, "case.json")
    except UnusableInput as refused:
        assert refused.message.startswith("case.json : ")
        return
    problems = validate_data(data, TODAY)
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)


@FUZZ
@given(JSON_VALUES)
def test_any_json_is_a_case_or_unusable_input(value: Any) -> None:
    _problems_or_unusable(json.dumps(value))
    if isinstance(value, dict):
        _problems_or_unusable(json.dumps({**value, "format": "lawdesk.case/1"}))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(_CASE_PATHS), _SCALARS | JSON_VALUES), min_size=1, max_size=4))
def test_a_valid_case_with_any_fields_replaced_gives_problems(replacements: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = valid_case()
    for path, value in replacements:
        try:
            data = _replaced(copy.deepcopy(data), path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed this path
    _problems_or_unusable(json.dumps(data))


@FUZZ
@given(st.text(max_size=200))
def test_any_text_is_a_case_or_unusable_input(text: str) -> None:
    _problems_or_unusable(text)


@pytest.mark.parametrize("text", [
    '{"format": "lawdesk.case/1", "claims": {"deadline_days": ' + "9" * 5000 + "}}",  # int too long to convert
    '{"format": "lawdesk.case/1", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",  # nesting beyond the stack
    '{"format": "lawdesk.case/1", "reference": "\\ud800"}',  # a lone surrogate
    '{"format": "lawdesk.case/1", "reference": NaN, "applicant": Infinity}',
], ids=["huge-int", "deep-nesting", "surrogate", "nan"])
def test_pathological_json_is_refused_clearly(text: str) -> None:
    _problems_or_unusable(text)


@pytest.mark.parametrize("where", [("applicant", "family_name"), ("incidents", 1, "description"), ("notes", "refere"),
                                   ("unknown field",)], ids=["name", "description", "note", "unknown-field"])
def test_lone_surrogates_are_errors_naming_the_field(where: tuple[Any, ...]) -> None:
    """"\\ud800" is valid JSON but no PDF, DOCX or UTF-8 file can hold it: refused before the build."""
    data = valid_case()
    data.setdefault("notes", {})
    _replaced(data, where, "Ali\ud800")
    problems = [p for p in validate_data(data, TODAY) if p.is_error]
    assert [p.where for p in problems] == [".".join(str(part) for part in where).replace(".1.", "[2].")], problems


@pytest.mark.parametrize("value", [5, {"a": 1}, "p1", None, [[1]]], ids=["int", "dict", "string", "null", "nested"])
def test_piece_references_of_any_type_give_problems(value: Any) -> None:
    data = valid_case()
    data["incidents"][0]["pieces"] = value
    data["harms"][0]["pieces"] = value
    assert all(isinstance(p, Problem) for p in validate_data(data, TODAY))


def test_dates_that_the_schema_lets_through_are_still_checked() -> None:
    data = valid_case()
    data["incidents"][0]["date"] = "2024-10-02\n"  # `$` matches before a final newline
    problems = [p for p in validate_data(data, TODAY) if p.is_error]
    assert [p.where for p in problems] == ["incidents[1].date"], problems


# --- the spreadsheet importer ------------------------------------------------------------------

_HEADERS = ["reference", "applicant.family_name", "applicant.birth_date", "incidents.1.date",
            "incidents.1.pieces", "claims.deadline_days", "procedure.department", "pieces_dir", "documents"]
_CELLS = st.text(max_size=20) | st.sampled_from(["", "12/04/1988", "2024-13-45", "1 500,50", "p1, p2", "..", "/etc",
                                                 "=cmd|' /C calc'!A0", "\x00", "\"", "\r\n", ";;;", "01"])


def _csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def _read_spreadsheet(path: Path) -> None:
    from lawdesk.batch.spreadsheet import SpreadsheetSource

    try:
        source = SpreadsheetSource(path, path.parent / "out")
        jobs = list(source.jobs())
    except LawdeskError as refused:
        assert refused.message
        return
    assert source.total == len(jobs)
    for job in jobs:
        assert job.data is not None and all(isinstance(p, Problem) for p in job.problems)
        validate_data(job.data, TODAY)


@FUZZ
@given(header=st.lists(st.sampled_from(_HEADERS) | st.text(max_size=15), min_size=1, max_size=8),
       rows=st.lists(st.lists(_CELLS, max_size=9), max_size=4),
       delimiter=st.sampled_from([";", ",", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
def test_any_csv_gives_rows_or_a_clear_error(tmp_path_factory: pytest.TempPathFactory, header: list[str],
                                             rows: list[list[str]], delimiter: str, encoding: str) -> None:
    folder = tmp_path_factory.mktemp("csv")
    path = folder / "cas.csv"
    path.write_bytes(_csv_bytes(header, rows, delimiter, encoding))
    _read_spreadsheet(path)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_any_bytes_as_spreadsheet_give_rows_or_a_clear_error(tmp_path_factory: pytest.TempPathFactory,
                                                             data: bytes, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("raw")
    path = folder / f"cas{suffix}"
    path.write_bytes(data)
    _read_spreadsheet(path)


# --- evidence ingestion: corrupted variants of the demo pièces ---------------------------------

EVIDENCE_TIMEOUT = 30  # seconds for one file: a hang is a failure


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def expired(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def ingest(path: Path, shown: str) -> str:
    """'built', or 'refused' (an error naming the file); anything else propagates (a crash)."""
    from lawdesk.evidence import inspect_file, normalize_files

    with _time_limit(EVIDENCE_TIMEOUT):
        problems = inspect_file(path, shown)
        assert all(p.where == shown for p in problems)
        try:
            # The decoders are fuzzed here; OCR reads only the pages they made (tests/test_evidence_ocr.py),
            # and would add ~1 s per corrupted photo.
            piece = normalize_files([path], [shown], ocr=False)
        except EvidenceError as refused:
            assert refused.file == shown and refused.reason
            return "refused"
    assert piece.page_count >= 1 and piece.pdf.startswith(b"%PDF")
    return "built"


DEMO_PIECES = sorted(p.name for p in (DEMO_CASE / "pieces").iterdir())


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow on damaged TIFF tags
@pytest.mark.parametrize("name", DEMO_PIECES)
def test_corrupted_evidence_is_built_or_refused_never_a_crash(tmp_path: Path, name: str) -> None:
    original = (DEMO_CASE / "pieces" / name).read_bytes()
    rng = random.Random(name)
    outcomes = []
    for index, kind in enumerate(MUTATIONS * 2):
        mutation, data = mutate(original, rng, kind)
        path = tmp_path / f"{index}-{name}"
        path.write_bytes(data)
        outcomes.append(ingest(path, f"pieces/{path.name}"))
    assert set(outcomes) <= {"built", "refused"}


def test_a_case_with_a_lone_surrogate_can_still_be_saved_and_reloaded(tmp_path: Path) -> None:
    """The window autosaves what it loaded; validation names the field (above), saving must not crash."""
    from lawdesk.case import Case, load_case

    data = {**valid_case(), "reference": "A\ud800"}
    Case(tmp_path, data).save()
    assert load_case(tmp_path).data == data


def test_a_number_cell_of_thousands_of_digits_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cas.csv"
    path.write_text("reference;claims.deadline_days;pieces_dir\nA-1;" + "9" * 5000 + ";p\n", encoding="utf-8")
    _read_spreadsheet(path)


@pytest.mark.parametrize("value", [True, 5, "p1", {"id": "p1"}, [None, 3, "x", []]], ids=["bool", "int", "string", "dict", "odd-items"])
def test_pieces_of_any_type_give_problems(value: Any) -> None:
    from lawdesk.case.model import Case
    from lawdesk.check import preflight

    data = {**valid_case(), "pieces": value}
    assert all(isinstance(p, Problem) for p in validate_data(data, TODAY))
    assert any(p.is_error for p in preflight(Case(Path("/nonexistent"), data), TODAY))
