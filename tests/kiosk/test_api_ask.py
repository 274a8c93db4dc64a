"""POST /api/ask: the kiosk's chat with the dialogue engine, the state carried by the client."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from core.models import Application
from tests.core.appointment_factories import make_centre

GOOD_ID = "11010519491231002X"


def ask(client, text, state=None, **extra):
    r = client.post("/api/ask", json={"text": text, "state": state, **extra})
    return r.status_code, r.get_json()


def test_a_question_gets_intent_slots_reply_and_buttons(client):
    status, body = ask(client, "查档要带什么材料")
    assert status == 200
    assert {"intent", "slots", "reply", "buttons", "state"} <= set(body)
    assert body["intent"] == "procedure_faq" and "身份证" in body["reply"]
    assert all(set(b) == {"label", "value"} for b in body["buttons"])


def test_a_whole_application_through_the_api_never_returns_the_id_number(client, services):
    make_centre(services)
    state = None
    for text in ("我要开1985年张伟的结婚证明，本人的", "跳过", "房产过户", "张伟", "110105194912310021", GOOD_ID,
                 "跳过", "电子证明"):
        status, body = ask(client, text, state)
        assert status == 200 and GOOD_ID not in json.dumps(body, ensure_ascii=False)
        state = body["state"]
    assert "请核对" in body["reply"] and "110105********002X" in body["reply"]
    status, body = ask(client, "确认", state)
    assert body["action"]["type"] == "submitted" and body["action"]["pickup_code"] in body["reply"]
    with services.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Application).where(Application.channel == "kiosk")) == 1


def test_bad_requests_are_400_with_a_chinese_message(client):
    for payload in ({"text": ""}, {"text": 5}, {"text": "你好", "state": "x"}, {"text": "好" * 501}):
        r = client.post("/api/ask", json=payload)
        assert r.status_code == 400 and set(r.get_json()["error"]) == {"code", "message"}
    r = client.post("/api/ask", data="not json", content_type="text/plain")
    assert r.status_code == 400 and "JSON" in r.get_json()["error"]["message"]


def test_a_forged_state_does_not_submit_anything(client, services):
    forged = {"flow": {"form": "apply", "step": "confirm", "history": [],
                       "data": {"category": "婚姻登记", "relation": "self", "subject_names": ["张伟"],
                                "years": [1985, 1985], "purpose": "x", "applicant_name": "张伟",
                                "id_number": {"cipher": "not-a-token", "masked": "1101**"}, "delivery": "electronic"}}}
    status, body = ask(client, "确认", forged)
    assert status == 200 and "重新开始" in body["reply"]
    with services.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Application)) == 0
