"""The application detail page: what staff see, the checklist, approve / reject / needs-info, attaching records."""
import re

import pytest

from tests.kiosk.conftest import csrf_of, post_form
from tests.kiosk.staff_apps import audit_lines, leaks, signed_in, status_of, two_applications


@pytest.fixture
def pair(services, two_centres):
    return two_applications(services, two_centres)


def page(client, application_id: int, **query) -> str:
    r = client.get(f"/staff/applications/{application_id}", query_string=query)
    assert r.status_code == 200, r.status_code
    return r.get_data(as_text=True)


def act(client, application_id: int, to: str, note: str = "", papers=(), confirm: bool = False, **extra):
    """Press a workflow button on the detail page, as the clerk would (and tick the confirmation, if asked)."""
    data = {"to": to, "note": note, "papers": list(papers), **extra}
    if confirm:
        data.update(confirm="1", step="confirm")
    return post_form(client, f"/staff/applications/{application_id}", data,
                     to=f"/staff/applications/{application_id}/move")


def test_the_clerk_sees_full_names_and_masked_id_and_the_papers_to_check(app, pair):
    mine, _ = pair
    body = page(signed_in(app, "clerk_a"), mine.id)
    assert "张伟" in body and "李娜" in body and "办理房产过户" in body
    assert re.search(r"330902\*{8}\d{3}[\dX]", body)  # the ID number masked …
    assert "138****0001" in body and "13800000001" not in body  # … and the phone too
    assert "申请人本人的有效身份证件" in body  # 本人 + 婚姻登记: the eligibility rule's papers
    assert "剩 5 个工作日" in body
    assert "<td>申请人</td><td>经自助机提交</td>" in body  # the history names who did what, in words
    assert "citizen:" not in body


def test_approving_saves_the_ticked_checklist_and_writes_the_history(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    r = act(client, mine.id, "approved", papers=["申请人本人的有效身份证件"])
    assert r.status_code == 302
    assert status_of(services, mine.id) == "approved"
    body = page(client, mine.id)
    assert "已改为「已批准」" in body
    assert "已提交 → 审核中" in body and "审核中 → 已批准" in body and "<td>clerk_a</td>" in body
    assert re.search(r'value="申请人本人的有效身份证件" checked', body)  # ticked again on the next visit
    assert "已核：申请人本人的有效身份证件" in body
    checklist = audit_lines(services, "application.checklist")
    assert [c.data["checked"] for c in checklist] == [["申请人本人的有效身份证件"]]
    assert "不予受理" in body and "批准</button>" not in body  # approved: no second approval


def test_rejecting_without_a_reason_keeps_what_was_ticked_and_changes_nothing(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    r = act(client, mine.id, "rejected", note="  ", papers=["申请人本人的有效身份证件"])
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and "不予受理时必须写明理由" in body
    assert re.search(r'value="申请人本人的有效身份证件" checked', body)
    assert status_of(services, mine.id) == "submitted"
    assert audit_lines(services, "application.checklist") == []  # rolled back with the refusal

    r = act(client, mine.id, "rejected", note="所查档案不属于本馆保管，请到民政局查询", confirm=True)
    assert r.status_code == 302 and status_of(services, mine.id) == "rejected"
    body = page(client, mine.id)
    assert "所查档案不属于本馆保管" in body and "此申请已办结" in body


def test_asking_for_papers_needs_to_say_what_is_missing(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    r = act(client, mine.id, "needs_info", note="")
    assert r.status_code == 400 and "请写明需要申请人补充什么材料" in r.get_data(as_text=True)
    r = act(client, mine.id, "needs_info", note="请补交户口簿复印件")
    assert r.status_code == 302 and status_of(services, mine.id) == "needs_info"
    body = page(client, mine.id)
    assert "审核中 → 待补充材料" in body and "请补交户口簿复印件" in body
    assert "收到补充材料，继续审核" in body


def test_a_typed_note_survives_a_refused_move(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    assert act(client, mine.id, "approved", papers=["申请人本人的有效身份证件"]).status_code == 302
    r = act(client, mine.id, "issued", note="想直接出证")  # only a certificate makes an application issued
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and "请选择一项可以办理的操作" in body and "想直接出证" in body
    assert status_of(services, mine.id) == "approved"


def test_withdrawing_is_offered_only_while_it_is_legal(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    assert "撤回申请" in page(client, mine.id)
    assert act(client, mine.id, "withdrawn", note="申请人来电撤回", confirm=True).status_code == 302
    assert status_of(services, mine.id) == "withdrawn"
    assert "撤回申请</button>" not in page(client, mine.id)


def test_a_clerk_of_another_centre_gets_404_and_none_of_the_data(app, services, pair):
    _, other = pair
    client = signed_in(app, "clerk_a")
    r = client.get(f"/staff/applications/{other.id}")
    assert r.status_code == 404 and leaks(r.get_data(as_text=True), other) == []
    token = csrf_of(client.get("/staff/queue").get_data(as_text=True))
    for path, data in [("move", {"to": "approved"}), ("move", {"to": "rejected", "note": "x"}),
                       ("records", {"ref": "X"}), ("records/detach", {"ref": "X"}), ("pii", {})]:
        r = client.post(f"/staff/applications/{other.id}/{path}", data={**data, "csrf_token": token})
        assert r.status_code == 404, path
        assert leaks(r.get_data(as_text=True), other) == []
    assert status_of(services, other.id) == "submitted"
    assert signed_in(app, "clerk_b").get(f"/staff/applications/{other.id}").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, pair):
    mine, _ = pair
    r = client.get(f"/staff/applications/{mine.id}")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]
    token = csrf_of(client.get("/staff/login").get_data(as_text=True))
    for path in ("move", "records", "records/detach", "pii"):
        r = client.post(f"/staff/applications/{mine.id}/{path}", data={"to": "approved", "csrf_token": token})
        assert r.status_code == 302 and "/staff/login" in r.headers["Location"], path


def test_a_move_without_the_csrf_token_is_refused(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    r = client.post(f"/staff/applications/{mine.id}/move", data={"to": "approved"})
    assert r.status_code == 400 and status_of(services, mine.id) == "submitted"


def _attach_form(body: str, ref: str) -> dict:
    """The hidden fields of the search panel's 附加 button for this 档号."""
    form = re.search(r'<form method="post" action="([^"]+/records)"[^>]*>(?:(?!</form>).)*?value="'
                     + re.escape(ref) + r'"(?:(?!</form>).)*</form>', body, re.S)
    assert form, f"no 附加 button for {ref}"
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(0)))
    return {"action": form.group(1), **fields}


def test_attach_a_record_found_in_the_staff_search_and_see_mismatches(app, indexed, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    body = page(client, mine.id, q="张伟 李娜 1985 结婚")
    text = re.sub(r"<[^>]+>", "", body)  # the matched words are highlighted
    assert "X002-001-001-001" in text and "张伟、李娜结婚登记申请书及审查处理表" in text  # restricted: staff see it
    form = _attach_form(body, "X002-001-001-001")
    r = client.post(form.pop("action"), data=form)
    assert r.status_code == 302
    body = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "已附加档案 X002-001-001-001" in body and "附加的档案（1 件）" in body
    assert "已附加</span>" in body  # the search result now says so instead of offering it again
    assert "所引档案与申请不符" not in body

    # a record of another kind: attached, but the page warns
    form = _attach_form(page(client, mine.id, q="张伟 调动"), "X002-001-001-004")
    client.post(form.pop("action"), data=form)
    body = page(client, mine.id)
    assert "所引档案与申请不符" in body and "X002-001-001-004 属于「招工工龄」" in body

    r = post_form(client, f"/staff/applications/{mine.id}", {"ref": "X002-001-001-004"},
                  to=f"/staff/applications/{mine.id}/records/detach")
    assert r.status_code == 302
    body = page(client, mine.id)
    assert "附加的档案（1 件）" in body and "所引档案与申请不符" not in body
    assert "附加档案" in body and "取下档案" in body  # the evidence log, with who did it
    assert [e.actor for e in audit_lines(indexed, "application.attach_record")] == ["staff:clerk_a"] * 2


def test_attaching_twice_or_an_unknown_ref_says_why(app, indexed, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    path = f"/staff/applications/{mine.id}"
    post_form(client, path, {"ref": "X002-001-001-001"}, to=path + "/records")
    r = post_form(client, path, {"ref": "X002-001-001-001"}, to=path + "/records", follow_redirects=True)
    assert "已附加在这份申请上" in r.get_data(as_text=True)
    r = post_form(client, path, {"ref": "X999-000"}, to=path + "/records", follow_redirects=True)
    assert "目录中没有档号为 X999-000 的档案" in r.get_data(as_text=True)

