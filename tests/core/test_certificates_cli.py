"""`python -m core cert …` as an archivist and as someone verifying offline run it."""
import json
import subprocess
import sys

import pytest

from core.errors import NotFound, PermissionDenied
from core.staff import CERTIFICATE_ROLES, require_role
from tests.conftest import ROOT
from tests.core.application_factories import make_centre, make_staff, move, submit
from tests.core.certificate_factories import ITEM_REFS, REFS, issue, issued_application, make_records


def core(env, *args):
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_offline_verify_of_token_url_and_pdf_with_the_published_keys(services, cli_env, tmp_path):
    make_records(services)
    cert = issue(services)
    keys = tmp_path / "keys.json"
    done = core(cli_env, "cert", "keys", "export", "--out", str(keys))
    assert done.returncode == 0, done.stderr
    assert cert.key_id in json.loads(keys.read_text())["keys"]
    pdf = tmp_path / "证明.pdf"
    pdf.write_bytes(cert.pdf)
    # somewhere else entirely: no data directory, no database, only the key file
    offline = {**cli_env, "LANTAI_DATA_DIR": str(tmp_path / "empty"), "DATABASE_URL": "postgresql://x@127.0.0.1:9/none"}
    url = f"http://127.0.0.1:8000/v/{cert.token}"
    for subject in (cert.token, url, str(pdf)):
        done = core(offline, "cert", "verify", subject, "--keys", str(keys))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "结果：有效" in done.stdout and cert.number in done.stdout and "离线" in done.stdout
        assert "撤销" in done.stdout  # it says it cannot know about revocation
    assert "PDF 文件：与出具时一致" in done.stdout
    assert not (tmp_path / "empty").exists()

    altered = tmp_path / "altered.pdf"
    altered.write_bytes(cert.pdf.replace(b"/Author (", b"/Author (X", 1))
    done = core(offline, "cert", "verify", str(altered), "--keys", str(keys), "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["reason"] == "pdf_altered"

    done = core(offline, "cert", "verify", cert.token)
    assert done.returncode == 2 and "--keys" in done.stderr


def test_revoke_reissue_and_rotate_from_the_command_line(services, cli_env, tmp_path):
    make_records(services)
    centre = make_centre(services)
    application = move(services, submit(services, centre.id).id, "in_review", "approved")
    old = issue(services, application=application)
    new_pdf = tmp_path / "new.pdf"
    done = core(cli_env, "cert", "reissue", old.number, "--out", str(new_pdf))
    assert done.returncode == 0, done.stderr
    assert "已重新出具证明" in done.stdout and "核验网址：HTTP://127.0.0.1:8000/V/" in done.stdout
    new_number = done.stdout.split("已重新出具证明 ", 1)[1].split("，", 1)[0]

    done = core(cli_env, "cert", "revoke", new_number, "--reason", "申请人撤回")
    assert done.returncode == 0, done.stderr and "已撤销" in done.stdout
    done = core(cli_env, "cert", "revoke", new_number, "--reason", "再来一次")
    assert done.returncode == 2 and "已于" in done.stderr and "年" in done.stderr
    done = core(cli_env, "cert", "revoke", "LT-1999-000001", "--reason", "x")
    assert done.returncode == 2 and "没有编号为" in done.stderr

    done = core(cli_env, "cert", "keys", "rotate")
    assert done.returncode == 0 and old.key_id in done.stdout  # the old key stays published
    keys = tmp_path / "keys.json"
    assert core(cli_env, "cert", "keys", "export", "--out", str(keys)).returncode == 0
    done = core(cli_env, "cert", "verify", str(new_pdf), "--keys", str(keys))  # old key still published
    assert done.returncode == 0 and "结果：有效" in done.stdout
    done = core(cli_env, "cert", "verify", str(new_pdf))  # here the register is reachable: it was revoked
    assert done.returncode == 1 and "结果：已撤销" in done.stdout and "申请人撤回" in done.stdout


def test_only_archivists_and_administrators_handle_certificates(services, cli_env, tmp_path):
    make_records(services)
    _, cert = issued_application(services)  # at service centre C01
    for name, role in (("wang", "clerk"), ("lihua", "archivist"), ("root", "admin")):
        make_staff(services, name, role, centre_code="C01" if role == "clerk" else None)
    with services.sessions() as s:
        with pytest.raises(PermissionDenied, match="wang 是窗口人员，无权撤销证明：只有档案员或管理员可以撤销证明"):
            require_role(s, "wang", CERTIFICATE_ROLES, action="撤销证明")
        assert require_role(s, "lihua", CERTIFICATE_ROLES).role == "archivist"
        assert require_role(s, "root", CERTIFICATE_ROLES).role == "admin"
        with pytest.raises(NotFound):
            require_role(s, "nobody", CERTIFICATE_ROLES)
    done = core(cli_env, "cert", "revoke", cert.number, "--reason", "x", "--staff", "wang")
    assert done.returncode == 2 and "无权撤销证明" in done.stderr
    done = core(cli_env, "cert", "reissue", cert.number, "--out", str(tmp_path / "n.pdf"), "--staff", "wang")
    assert done.returncode == 2 and "无权重新出具证明" in done.stderr and not (tmp_path / "n.pdf").exists()
    done = core(cli_env, "cert", "revoke", cert.number, "--reason", "姓名有误", "--staff", "lihua")
    assert done.returncode == 0, done.stderr


def test_a_revoked_certificate_is_reissued_with_corrected_records(services, cli_env, tmp_path):
    make_records(services)
    _, cert = issued_application(services)
    assert core(cli_env, "cert", "revoke", cert.number, "--reason", "档号列错了").returncode == 0
    out = tmp_path / "new.pdf"
    done = core(cli_env, "cert", "reissue", cert.number, "--records", f"{REFS[1]},{REFS[2]}", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"替代原证明 {cert.number}" in done.stdout and out.read_bytes().startswith(b"%PDF")
    done = core(cli_env, "cert", "verify", str(out), "--json")
    body = json.loads(done.stdout)
    assert done.returncode == 0 and body["record_refs"] == REFS[1:] and body["revocation_checked"] is True
    unlinked = issue(services)
    done = core(cli_env, "cert", "reissue", unlinked.number, "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and "没有关联的申请" in done.stderr
    done = core(cli_env, "cert", "reissue", cert.number, "--records", "X9", "--no-record", "--out", "x.pdf")
    assert done.returncode == 2 and "只能选一个" in done.stderr


def test_verify_where_the_database_is_reachable_consults_the_register(services, cli_env, tmp_path):
    make_records(services)
    cert = issue(services)
    done = core(cli_env, "cert", "verify", cert.token)
    assert done.returncode == 0 and "结果：有效" in done.stdout and "在线" in done.stdout
    assert "离线" not in done.stdout
    assert core(cli_env, "cert", "revoke", cert.number, "--reason", "申请人提供的材料不实").returncode == 0
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(cert.pdf)
    for subject in (cert.token, f"http://127.0.0.1:8000/v/{cert.token}", str(pdf)):
        done = core(cli_env, "cert", "verify", subject)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "结果：已撤销" in done.stdout and "申请人提供的材料不实" in done.stdout
    # with --keys: offline, as before (valid signature, and the note that revocation was not checked)
    keys = tmp_path / "keys.json"
    assert core(cli_env, "cert", "keys", "export", "--out", str(keys)).returncode == 0
    done = core(cli_env, "cert", "verify", cert.token, "--keys", str(keys))
    assert done.returncode == 0 and "离线" in done.stdout


def test_offline_verify_of_a_certificate_citing_twenty_files(services, cli_env, tmp_path):
    make_records(services, ITEM_REFS)
    cert = issue(services, refs=ITEM_REFS)
    keys = tmp_path / "keys.json"
    assert core(cli_env, "cert", "keys", "export", "--out", str(keys)).returncode == 0
    done = core(cli_env, "cert", "verify", cert.token, "--keys", str(keys))
    assert done.returncode == 0 and "结果：有效" in done.stdout
    assert "20 件" in done.stdout and "摘要" in done.stdout and ITEM_REFS[0] not in done.stdout
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(cert.pdf)
    done = core(cli_env, "cert", "verify", str(pdf), "--keys", str(keys))
    assert done.returncode == 0 and f"档号（20 件）：{'、'.join(ITEM_REFS)}" in done.stdout
