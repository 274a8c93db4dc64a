"""POST /api/applications and GET /api/applications/<pickup_code>, as the kiosk and other clients use them."""
from __future__ import annotations

import pytest

from core import applications as apps
from tests.core.application_factories import form, make_centre, move


@pytest.fixture
def centre(services):
    return make_centre(services)


def test_apply_then_follow_the_status_with_the_pickup_code(client, services, centre):
    r = client.post("/api/applications", json=form(centre.id, relation="agent"))
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert set(body) == {"id", "pickup_code", "status", "due_date", "papers"}
    assert body["status"] == "submitted" and any("公证" in p for p in body["papers"])

    move(services, body["id"], "in_review", "needs_info")
    r = client.get(f"/api/applications/{body['pickup_code'].lower()}")
    assert r.status_code == 200
    status = r.get_json()
    assert (status["status"], status["status_label"]) == ("needs_info", "待补充材料")
    assert status["due_date"] == body["due_date"] and status["overdue"] is False
    assert [h["to"] for h in status["history"]] == ["submitted", "in_review", "needs_info"]
    assert status["history"][2]["note"] == "说明" and status["history"][2]["to_label"] == "待补充材料"
    assert status["applicant"] == "张*" and status["verify_url"] is None
    text = r.get_data(as_text=True)
    for secret in ("staff:wang", form(None)["applicant"]["id_number"], "张伟", "13800000001", "办理房产过户"):
        assert secret not in text


def test_an_unknown_pickup_code_is_a_404_in_chinese(client, services):
    r = client.get("/api/applications/ZZZZZZZZZZ")
    assert r.status_code == 404 and "取件码" in r.get_json()["error"]["message"]


@pytest.mark.parametrize("body, code, says", [
    (None, "invalid_input", "JSON"),
    ([1, 2], "invalid_input", "JSON"),
    ({"channel": "kiosk"}, "missing_fields", "applicant"),
    ({"relation": "self"}, "missing_fields", "subject_names"),
])
def test_a_body_that_is_not_a_whole_form_is_a_400(client, services, centre, body, code, says):
    r = client.post("/api/applications", json=body) if body is not None else client.post(
        "/api/applications", data="{not json", content_type="application/json")
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["code"] == code and says in error["message"]


@pytest.mark.parametrize("overrides, says", [
    ({"year_from": "一九八五"}, "整数"),
    ({"subject_names": "张伟" * 20}, "过长"),
    ({"subject_names": {"a": 1}}, "姓名列表"),
    ({"applicant": ["张伟"]}, "申请人"),
    ({"applicant": {"name": "张伟", "id_number": 110105}}, "身份证"),
    ({"applicant": {"name": ["张伟"], "id_number": "11010519491231002X"}}, "文字"),
    ({"delivery": "pickup"}, "取件方式"),
    ({"delivery": {"type": "pickup", "centre_id": 424242}}, "服务中心"),
    ({"purpose": 12}, "文字"),
    ({"place": ["城关"]}, "文字"),
    ({"relation": ["self"]}, "关系"),
    ({"category": {"x": 1}}, "档案类别"),
    ({"channel": ["kiosk"]}, "渠道"),
    ({"delivery": {"type": "pickup", "centre_id": 99999999999999999999999}}, "正整数"),
    ({"delivery": {"type": ["pickup"]}}, "取件方式"),
    ({"relation": "self", "subject_names": ["李娜"]}, "本人"),
    ({"applicant": {"name": "张伟", "id_number": "110105194912310021"}}, "校验位"),
])
def test_wrong_types_and_values_are_a_400_in_chinese_never_a_500(client, services, centre, overrides, says):
    r = client.post("/api/applications", json=form(centre.id, **overrides))
    assert r.status_code == 400, r.get_data(as_text=True)
    assert says in r.get_json()["error"]["message"]
    assert "110105194912310021" not in r.get_data(as_text=True)


def test_an_ineligible_applicant_is_told_why(client, services, centre):
    r = client.post("/api/applications", json=form(centre.id, relation="other"))
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["code"] == "not_eligible" and "本人" in error["message"]


def test_a_rejected_application_shows_the_reason(client, services, centre):
    body = client.post("/api/applications", json=form(centre.id, delivery={"type": "electronic"})).get_json()
    with services.sessions.begin() as s:
        apps.transition(s, apps.get_application(s, body["id"]), "rejected", actor="staff:wang",
                        reason="请提供当事人的死亡证明")
    status = client.get(f"/api/applications/{body['pickup_code']}").get_json()
    assert status["status_label"] == "未通过" and status["reject_reason"] == "请提供当事人的死亡证明"


def test_a_client_cannot_pick_the_chat_the_bot_writes_to(client, services, centre):
    from sqlalchemy import select

    from core.models import OutboxMessage
    r = client.post("/api/applications", json=form(centre.id, chat_id=123456789))
    assert r.status_code == 201
    with services.sessions() as s:
        assert s.scalars(select(OutboxMessage.chat_id)).all() == [None]  # only a bound chat gets messages


def test_a_known_id_number_with_another_name_is_refused_not_filed_under_the_first(client, services, centre):
    assert client.post("/api/applications", json=form(centre.id)).status_code == 201
    other = form(centre.id, applicant={**form(centre.id)["applicant"], "name": "李四"}, relation="agent")
    r = client.post("/api/applications", json=other)
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "name_mismatch"
    assert form(centre.id)["applicant"]["id_number"] not in r.get_data(as_text=True)
