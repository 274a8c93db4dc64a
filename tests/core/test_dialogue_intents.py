"""Intent and slots of single messages, as citizens write them: colloquial, typos, traditional characters,
dialect, some English."""
from __future__ import annotations

import pytest

from core.dialogue import classify
from tests.core.appointment_factories import make_centre

CASES = [
    ("我想查1985年张伟和李娜的结婚登记", "search_records",
     {"category": "婚姻登记", "year": [1985, 1985], "persons": ["张伟", "李娜"]}),
    ("俺想查查俺爹的工龄，他七几年进的厂", "search_records", {"category": "招工工龄", "year": [1970, 1979], "relation": "父母"}),
    ("查詢1986年結婚登記檔案", "search_records", {"category": "婚姻登记", "year": [1986, 1986]}),
    ("查结昏登记 1988", "search_records", {"category": "婚姻登记", "year": [1988, 1988]}),
    ("我爸妈是82年结的婚，能查到结婚证吗", "search_records", {"category": "婚姻登记", "year": [1982, 1982], "relation": "父母"}),
    ("search marriage records 1985", "search_records", {"category": "婚姻登记", "year": [1985, 1985]}),
    ("我想给我爸妈开结婚证明，他们都不在了", "apply_certificate", {"category": "婚姻登记", "relation": "已故亲属"}),
    ("想整个当兵的证明", "apply_certificate", {"category": "退伍安置"}),
    ("预约明天去城关镇便民服务中心", "book_appointment", {"centre": "城关镇"}),
    ("预越一下", "book_appointment", {}),
    ("查一下进度，取件码K7QXM2PD3R", "check_status", {"code": "K7QXM2PD3R"}),
    ("證明辦好了嗎", "check_status", {}),
    ("我不去了，把预约取消掉", "cancel", {}),
    ("开结婚证明需要什么证件", "procedure_faq", {"category": "婚姻登记"}),
    ("委托别人查要公证吗", "procedure_faq", {"relation": "委托"}),  # 公证 the verb, not the 公证 category
    ("撒子材料都要带起嘛", "procedure_faq", {}),
    ("is it free", "procedure_faq", {}),
    ("城关镇便民服务中心几点上班", "service_info", {"centre": "城关镇"}),
    ("opening hours", "service_info", {}),
    ("转人工", "human_handoff", {}),
    ("谢谢", "greeting", {}),
    ("hello", "greeting", {}),
    ("今天天气怎么样", "out_of_scope", {}),
    ("护照怎么办", "out_of_scope", {}),
]


@pytest.fixture
def archive(indexed):
    make_centre(indexed, "C01", name="城关镇便民服务中心", township="城关镇")
    make_centre(indexed, "C02", name="河上镇便民服务中心", township="河上镇")
    return indexed


@pytest.mark.parametrize("text,intent,slots", CASES, ids=[c[0] for c in CASES])
def test_intent_and_slots(archive, text, intent, slots):
    got_intent, got_slots = classify(archive, text)
    assert got_intent == intent
    assert {k: v for k, v in got_slots.items() if k != "date"} == slots


def test_a_name_the_catalogue_knows_in_traditional_characters(archive):
    intent, slots = classify(archive, "我要查陳國華的婚姻檔案")
    assert intent == "search_records" and slots["persons"] == ["陈国华"]


def test_a_visit_date_is_understood(archive):
    from datetime import date, timedelta

    from core.clock import local_today

    today = local_today(archive.settings.timezone)
    assert classify(archive, "预约明天去城关镇")[1]["date"] == (today + timedelta(days=1)).isoformat()
    assert classify(archive, "预约12月3日")[1]["date"].endswith("-12-03")
    assert date.fromisoformat(classify(archive, "預約下週一")[1]["date"]).weekday() == 0
