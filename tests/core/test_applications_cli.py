"""`python -m core app …` and `audit verify` as window staff and archivists run them."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from core import applications as apps
from tests.core.application_factories import make_centre, make_staff, submit
from tests.core.test_cli import core


@pytest.fixture
def application(services):
    return submit(services, make_centre(services).id)


def test_a_clerk_works_an_application_through_and_the_audit_chain_holds(services, cli_env, application):
    make_staff(services, "wang")
    a = str(application.id)
    done = core(cli_env, "app", "review", a, "--staff", "wang")
    assert done.returncode == 0, done.stderr
    assert "审核中" in done.stdout
    assert core(cli_env, "app", "ask", a, "--note", "请补交户口簿复印件", "--staff", "wang").returncode == 0
    assert core(cli_env, "app", "approve", a, "--staff", "wang").returncode == 0  # back through review
    listed = core(cli_env, "app", "list", "--status", "approved")
    assert application.pickup_code in listed.stdout and "共 1 份" in listed.stdout

    shown = json.loads(core(cli_env, "app", "show", a, "--json").stdout)
    assert shown["status"] == "approved" and shown["pickup_code"] == application.pickup_code
    assert [(h["to"], h["actor"]) for h in shown["history"][1:]] == [
        ("in_review", "staff:wang"), ("needs_info", "staff:wang"), ("in_review", "staff:wang"),
        ("approved", "staff:wang")]
    assert shown["history"][2]["note"] == "请补交户口簿复印件"
    human = core(cli_env, "app", "show", a)
    assert "请补交户口簿复印件" in human.stdout and "张伟" in human.stdout  # staff see the subjects' names

    verified = core(cli_env, "audit", "verify")
    assert verified.returncode == 0 and verified.stdout.startswith("OK") and "5 行" in verified.stdout


def test_domain_errors_print_chinese_and_exit_2(services, cli_env, application):
    a = str(application.id)
    illegal = core(cli_env, "app", "deliver", a)
    assert illegal.returncode == 2 and "不能改为" in illegal.stderr
    unknown = core(cli_env, "app", "review", a, "--staff", "nobody")
    assert unknown.returncode == 2 and "nobody" in unknown.stderr
    missing = core(cli_env, "app", "show", "99999")
    assert missing.returncode == 2 and "没有编号为 99999" in missing.stderr
    not_approved = core(cli_env, "app", "issue", a, "--no-record", "--out", "x.pdf")
    assert not_approved.returncode == 2 and "须先批准" in not_approved.stderr
    both = core(cli_env, "app", "issue", a, "--records", "X-1", "--no-record", "--out", "x.pdf")
    assert both.returncode == 2 and "二者选一" in both.stderr


def test_a_clerk_cannot_move_another_centres_application(services, cli_env, application):
    make_centre(services, "C02")
    make_staff(services, "zhao", centre_code="C02")
    refused = core(cli_env, "app", "approve", str(application.id), "--staff", "zhao")
    assert refused.returncode == 2 and f"没有编号为 {application.id}" in refused.stderr
    with services.sessions() as s:
        assert apps.get_application(s, application.id).status == "submitted"


def test_reject_with_a_reason_and_list_overdue(services, cli_env, application):
    done = core(cli_env, "app", "reject", str(application.id), "--reason", "查无当事人档案")
    assert done.returncode == 0, done.stderr
    with services.sessions() as s:
        a = apps.get_application(s, application.id)
        assert a.reject_reason == "查无当事人档案"
        assert apps.history(s, a, tz="Asia/Shanghai", with_actors=True)[-1]["actor"] == "staff:cli"
    listed = json.loads(core(cli_env, "app", "list", "--overdue", "--json").stdout)
    assert listed == []


def test_audit_verify_reports_a_deleted_line_and_exits_1(services, cli_env, application):
    for to in ("in_review", "approved"):
        with services.sessions.begin() as s:
            apps.transition(s, apps.get_application(s, application.id), to, actor="staff:wang")
    with services.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 2"))
    done = core(cli_env, "audit", "verify")
    assert done.returncode == 1 and "第 3 行" in done.stdout and "缺少第 2 行" in done.stdout


def test_issue_writes_the_pdf_prints_the_verify_url_and_the_status_page_shows_it(services, cli_env, application,
                                                                                  tmp_path):
    from core.models import Record

    with services.sessions.begin() as s:
        s.add(Record(ref="X001-001-000-001", title="张伟、李娜结婚登记申请书及审查处理表", creator="临江县民政局",
                     date_year=1985, date_month=3, date_day=12, access="控制", category="婚姻登记",
                     persons=["张伟", "李娜"], content_hash="0" * 32))
        s.add(Record(ref="X001-001-000-002", title="王五、赵六结婚登记申请书", creator="临江县民政局",
                     date_year=1950, access="控制", category="婚姻登记", persons=["王五", "赵六"], content_hash="1" * 32))
        apps.advance(s, apps.get_application(s, application.id), "approved", actor="staff:wang")
    a, out = str(application.id), tmp_path / "证明.pdf"

    unknown = core(cli_env, "app", "issue", a, "--records", "X001-001-000-001,X9-9", "--out", str(out))
    assert unknown.returncode == 2 and "X9-9" in unknown.stderr and not out.exists()
    from tests.core.application_factories import make_staff
    make_staff(services, "xiaowang", "clerk")
    clerk = core(cli_env, "app", "issue", a, "--records", "X001-001-000-001", "--out", str(out), "--staff", "xiaowang")
    assert clerk.returncode == 2 and "无权出具证明" in clerk.stderr and not out.exists()
    another_couple = core(cli_env, "app", "issue", a, "--records", "X001-001-000-002", "--out", str(out))
    assert another_couple.returncode == 2 and not out.exists()
    assert "1950 年" in another_couple.stderr and "没有当事人" in another_couple.stderr

    done = core(cli_env, "app", "issue", a, "--records", "X001-001-000-001", "--out", str(out))
    assert done.returncode == 0, done.stderr
    url = done.stdout.strip().splitlines()[-1].removeprefix("核验网址：")
    assert "/V/" in url and out.read_bytes().startswith(b"%PDF")
    with services.sessions() as s:
        view = apps.describe(services, s, apps.get_application(s, application.id), staff=False)
    assert view["status"] == "issued" and view["verify_url"] == url
    assert "证明编号" in view["history"][-1]["note"]

    assert core(cli_env, "app", "deliver", a).returncode == 0
    again = core(cli_env, "app", "issue", a, "--no-record", "--out", str(out))
    assert again.returncode == 2 and "须先批准" in again.stderr
    assert core(cli_env, "audit", "verify").returncode == 0
