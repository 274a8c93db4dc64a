"""`python -m core` as an archivist runs it."""
import json
import subprocess
import sys

from tests.conftest import ROOT
from tests.core.catalogue_files import good_row, write_csv


def core(env, *args):
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_import_of_1000_rows_with_3_bad_names_them_exits_non_zero_and_is_idempotent(services, cli_env, tmp_path):
    rows = [good_row(i) for i in range(1, 1001)]
    rows[99]["日期"] = "1985-13-01"     # line 101
    rows[499]["档号"] = ""               # line 501
    rows[899]["保管期限"] = "五十年"      # line 901
    path = write_csv(tmp_path / "catalogue.csv", rows)

    first = core(cli_env, "import", str(path))
    assert first.returncode == 1
    assert "新增 997" in first.stdout and "拒绝 3" in first.stdout
    assert "第101行 [日期]" in first.stdout
    assert "第501行 [档号]" in first.stdout
    assert "第901行 [保管期限]" in first.stdout and "五十年" in first.stdout

    second = core(cli_env, "import", str(path))
    assert second.returncode == 1
    assert "新增 0，更新 0，未变 997，拒绝 3" in second.stdout


def test_import_json_report_and_success_exit_code(services, cli_env, tmp_path):
    path = write_csv(tmp_path / "ok.csv", [good_row(i) for i in range(1, 4)])
    done = core(cli_env, "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["read"], report["imported"], report["updated"], report["unchanged"], report["rejected"]) == (3, 3, 0, 0, 0)


def test_unreadable_file_is_explained_in_chinese_with_exit_2(services, cli_env, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    done = core(cli_env, "import", str(path))
    assert done.returncode == 2
    assert "错误：文件是空的" in done.stderr
    assert "Traceback" not in done.stderr


def test_init_creates_then_reports_up_to_date(tmp_path, cli_env):
    env = dict(cli_env, LANTAI_DATA_DIR=str(tmp_path / "fresh"))
    env.pop("DATABASE_URL")
    first = core(env, "init")
    assert first.returncode == 0 and "已创建" in first.stdout
    assert (tmp_path / "fresh" / "lantai.db").exists()
    again = core(env, "init")
    assert "已是最新" in again.stdout


def test_staff_add_prints_generated_password_once(services, cli_env):
    done = core(cli_env, "staff", "add", "lihua", "--name", "李华", "--role", "archivist")
    assert done.returncode == 0, done.stderr
    assert "已创建档案员账号 lihua" in done.stdout and "初始密码" in done.stdout
    dup = core(cli_env, "staff", "add", "lihua", "--role", "archivist")
    assert dup.returncode == 2 and "已存在" in dup.stderr
    clerk = core(cli_env, "staff", "add", "wang", "--role", "clerk")
    assert clerk.returncode == 2 and "服务中心" in clerk.stderr


def test_misconfiguration_is_explained_not_a_traceback(services, cli_env, tmp_path):
    for extra, expected in [({"PORT": "abc"}, "PORT"), ({"LANTAI_IDENTITY_KEY": "abc"}, "LANTAI_IDENTITY_KEY")]:
        done = core(dict(cli_env, **extra), "init")
        assert done.returncode == 2 and expected in done.stderr and "Traceback" not in done.stderr


def test_a_second_node_with_another_identity_key_is_refused(services, cli_env):
    assert core(cli_env, "init").returncode == 0  # records this data dir's key in the database
    import base64
    import os
    other = dict(cli_env, LANTAI_IDENTITY_KEY=base64.b64encode(os.urandom(32)).decode())
    done = core(other, "staff", "add", "x", "--role", "admin")
    assert done.returncode == 2 and "LANTAI_IDENTITY_KEY" in done.stderr


def test_staff_add_works_on_a_fresh_data_directory(cli_env, tmp_path):
    env = dict(cli_env, LANTAI_DATA_DIR=str(tmp_path / "fresh"))
    env.pop("DATABASE_URL")
    done = core(env, "staff", "add", "boss", "--role", "admin")
    assert done.returncode == 0 and "已创建管理员账号 boss" in done.stdout


def test_import_json_reports_a_file_error_as_json(services, cli_env, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("档号,题名,日期\n", encoding="utf-8")
    done = core(cli_env, "import", str(path), "--json")
    assert done.returncode == 2 and json.loads(done.stdout)["error"]["message"] == "文件中只有表头，没有数据行。"
