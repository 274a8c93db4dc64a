"""`python -m core cert …` as an archivist and as someone verifying offline run it."""
import json
import subprocess
import sys

from tests.conftest import ROOT
from tests.core.application_factories import make_centre, move, submit
from tests.core.certificate_factories import issue, make_records


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
    new_number = done.stdout.split("已重新出具证明 ", 1)[1].split("（", 1)[0]

    done = core(cli_env, "cert", "revoke", new_number, "--reason", "申请人撤回")
    assert done.returncode == 0, done.stderr and "已撤销" in done.stdout
    done = core(cli_env, "cert", "revoke", new_number, "--reason", "再来一次")
    assert done.returncode == 2 and "已于" in done.stderr
    done = core(cli_env, "cert", "revoke", "LT-1999-000001", "--reason", "x")
    assert done.returncode == 2 and "没有编号为" in done.stderr

    done = core(cli_env, "cert", "keys", "rotate")
    assert done.returncode == 0 and old.key_id in done.stdout  # the old key stays published
    done = core(cli_env, "cert", "verify", str(new_pdf))  # local keys directory, old key included
    assert done.returncode == 0 and "结果：有效" in done.stdout
