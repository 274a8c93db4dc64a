"""Decisions that cannot be undone ask twice; approving with papers unchecked needs an explicit, audited override;
closed applications offer no checklist saving; the history names people, not codes."""
import re

import pytest

from core.applications import get_application, transition

from tests.kiosk.conftest import csrf_of
from tests.kiosk.staff_apps import audit_lines, signed_in, status_of, two_applications
from tests.kiosk.test_staff_detail import act, page

PAPER = "申请人本人的有效身份证件"  # the one paper of 本人 + 婚姻登记


@pytest.fixture
def pair(services, two_centres):
    return two_applications(services, two_centres)


def confirm_form(body: str) -> dict:
    """The fields the confirmation page will post (hidden ones and the reason), without the tick."""
    form = re.search(r'<section class="card confirm">.*?</form>', body, re.S).group(0)
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    reason = re.search(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', form)
    data: dict = {}
    for name, value in [*fields, reason.groups()]:
        data.setdefault(name, []).append(value)
    return data


@pytest.mark.parametrize("to, verb, tick", [("withdrawn", "撤回", "确认撤回（不可恢复）"),
                                            ("rejected", "不予受理", "确认不予受理（不可恢复）")])
def test_a_final_decision_asks_to_confirm_before_anything_changes(app, services, pair, to, verb, tick):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    r = act(client, mine.id, to, note="申请人来电，不再需要", papers=[PAPER])
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and f"确认{verb}申请 {mine.id}" in body and tick in body and "不能恢复" in body
    assert "申请人来电，不再需要" in body  # the reason, still editable
    assert status_of(services, mine.id) == "submitted" and audit_lines(services, "application.checklist") == []

    data = confirm_form(body)
    assert data["to"] == [to] and data["papers"] == [PAPER]
    r = client.post(f"/staff/applications/{mine.id}/move", data={**data, "csrf_token": csrf_of(body)})
    assert r.status_code == 200 and f"请勾选「{tick}」" in r.get_data(as_text=True)  # not ticked: asked again
    assert status_of(services, mine.id) == "submitted"

    r = client.post(f"/staff/applications/{mine.id}/move", data={**data, "confirm": "1", "csrf_token": csrf_of(body)})
    assert r.status_code == 302 and status_of(services, mine.id) == to
    assert "申请人来电，不再需要" in page(client, mine.id)


def test_withdrawing_needs_a_reason(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    for confirm in (False, True):
        r = act(client, mine.id, "withdrawn", note=" ", confirm=confirm)
        assert r.status_code == 400 and "撤回申请须写明理由" in r.get_data(as_text=True)
    assert status_of(services, mine.id) == "submitted"


def test_approving_with_a_paper_unchecked_warns_and_changes_nothing(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    r = act(client, mine.id, "approved", note="同意")
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and f"还有材料没有核对：{PAPER}" in body and 'name="override" value="1"' in body
    assert "同意" in body  # what was typed stays
    assert status_of(services, mine.id) == "submitted" and audit_lines(services, "application.checklist") == []


def test_the_override_approves_and_is_written_to_the_audit_log(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    r = act(client, mine.id, "approved", note="身份证原件已当面核验", override="1")
    assert r.status_code == 302 and status_of(services, mine.id) == "approved"
    [line] = audit_lines(services, "application.papers_override")
    assert line.actor == "staff:clerk_a" and line.data["missing"] == [PAPER]
    assert line.data["note"] == "身份证原件已当面核验"
    body = page(client, mine.id)
    assert f"材料不全仍批准</td><td>clerk_a</td><td>未核：{PAPER}" in body


def test_the_override_is_not_needed_when_every_paper_is_ticked(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    assert act(client, mine.id, "approved", papers=[PAPER]).status_code == 302
    assert audit_lines(services, "application.papers_override") == []


def test_a_closed_application_offers_no_checklist_saving(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    assert "只保存核对结果" in page(client, mine.id)
    act(client, mine.id, "withdrawn", note="申请人来电撤回", confirm=True)
    body = page(client, mine.id)
    assert "只保存核对结果" not in body and "此申请已办结" in body
    r = act(client, mine.id, "checklist", papers=[PAPER])  # an old page still posting it
    assert r.status_code == 409 and "不能再保存核对结果" in r.get_data(as_text=True)
    assert audit_lines(services, "application.checklist") == []  # withdrawing saves no checklist; nor did this


def test_the_history_names_the_applicant_and_the_system_not_codes(app, services, pair):
    mine, _ = pair
    with services.sessions.begin() as s:
        transition(s, get_application(s, mine.id), "in_review", actor="system")
    body = page(signed_in(app, "clerk_a"), mine.id)
    assert "<td>申请人</td><td>经自助机提交</td>" in body and "<td>系统</td>" in body
    assert "citizen:" not in body and ">system<" not in body
