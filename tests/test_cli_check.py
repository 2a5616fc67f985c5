"""`lawdesk check` and `lawdesk --version`: exit statuses 0 / 1 / 2 and one clear line per problem."""

import io
import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfWriter

from lawdesk.cli import main


def run(capsys, *args):
    status = main(list(args))
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    return status, printed.out, printed.err


def set_file(case_dir, piece_index, name):
    data = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    piece = data["pieces"][piece_index]
    piece.pop("files", None)
    piece["file"] = name
    (case_dir / "case.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_demo_case_is_ready(demo_case_dir, capsys):
    status, out, _err = run(capsys, "check", str(demo_case_dir))
    assert status == 0
    assert "error:" not in out


def test_the_case_is_checked_once(demo_case_dir, capsys, monkeypatch):
    """Every file is inspected and every scan read by OCR once, not twice (a line repeated by a merge did)."""
    import lawdesk.check

    checked = []
    real = lawdesk.check.preflight
    monkeypatch.setattr(lawdesk.check, "preflight", lambda *args, **kwargs: checked.append(1) or real(*args, **kwargs))
    status, _out, _err = run(capsys, "check", str(demo_case_dir))
    assert status == 0
    assert len(checked) == 1


def test_version(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.startswith("LawDesk ")


@pytest.mark.parametrize("make", ["missing", "not-json", "wrong-format", "no-case-json"])
def test_unusable_input_exits_2(tmp_path, capsys, make):
    target = tmp_path / "case"
    if make != "missing":
        target.mkdir()
    if make == "not-json":
        (target / "case.json").write_text("{ oups", encoding="utf-8")
    if make == "wrong-format":
        (target / "case.json").write_text('{"format": "autre"}', encoding="utf-8")
    status, _out, err = run(capsys, "check", str(target))
    assert status == 2
    assert err.startswith("error: ") and str(target) in err


def _encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password=user_password, owner_password="proprietaire", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


EVIDENCE_PROBLEMS = {
    "missing": (None, "pieces/absent.pdf"),
    "empty": (b"", "pieces/vide.pdf"),
    "corrupt": (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "pieces/corrompu.pdf"),
    "text-as-image": (b"ceci n'est pas une image\n", "pieces/photo.png"),
    "encrypted": ("user", "pieces/chiffre.pdf"),
    "bad-image": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "pieces/casse.png"),
}


@pytest.mark.parametrize("kind", sorted(EVIDENCE_PROBLEMS))
def test_each_evidence_problem_is_one_error_line_naming_the_file(demo_case_dir, capsys, kind):
    content, name = EVIDENCE_PROBLEMS[kind]
    if content == "user":
        content = _encrypted_pdf("secret")
    if content is not None:
        (demo_case_dir / name).write_bytes(content)
    set_file(demo_case_dir, 0, name)
    status, out, _err = run(capsys, "check", str(demo_case_dir))
    assert status == 1
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0], out


def test_owner_password_only_pdf_is_accepted(demo_case_dir, capsys):
    (demo_case_dir / "pieces" / "proprio.pdf").write_bytes(_encrypted_pdf(""))
    set_file(demo_case_dir, 0, "pieces/proprio.pdf")
    status, out, _err = run(capsys, "check", str(demo_case_dir))
    assert status == 0, out


@pytest.mark.parametrize("name", ["/etc/passwd", "../dehors.pdf", "pieces/../../dehors.pdf", "lien.pdf"])
def test_paths_leaving_the_case_are_refused(demo_case_dir, tmp_path, capsys, name):
    outside = tmp_path / "dehors.pdf"
    outside.write_bytes((demo_case_dir / "pieces" / "employeur.pdf").read_bytes())
    os.symlink(outside, demo_case_dir / "lien.pdf")
    set_file(demo_case_dir, 0, name)
    status, out, _err = run(capsys, "check", str(demo_case_dir))
    assert status == 1
    assert any(line.startswith(f"error: {name} : ") for line in out.splitlines()), out


def test_data_problems_name_their_field(demo_case_dir, capsys):
    data = json.loads((demo_case_dir / "case.json").read_text(encoding="utf-8"))
    data["applicant"]["birth_date"] = "2099-01-01"
    data["incidents"][0]["pieces"] = ["p99"]
    data["procedure"]["department"] = "100"
    del data["claims"]["deadline_days"]
    (demo_case_dir / "case.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, _err = run(capsys, "check", str(demo_case_dir))
    assert status == 1
    for where in ("applicant.birth_date", "incidents[1].pieces[1]", "procedure.department", "claims.deadline_days"):
        assert any(line.startswith(f"error: {where} : ") for line in out.splitlines()), where


def test_console_script_runs_without_traceback(demo_case_dir, tmp_path):
    (demo_case_dir / "case.json").write_text("{", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "lawdesk", "check", str(demo_case_dir)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "JSON invalide" in result.stderr
