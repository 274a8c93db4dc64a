"""Whole conversations: applying (wrong then right ID number, 返回, 取消, 确认) and booking, through answer()."""
from __future__ import annotations

from sqlalchemy import func, select

from core.models import Application, Appointment
from tests.core.appointment_factories import id_number, make_centre
from tests.core.dialogue_chat import Chat

GOOD_ID = "11010519491231002X"
BAD_ID = "110105194912310021"  # one check character off


def test_apply_asks_only_for_what_is_missing_checks_the_id_and_submits_after_confirmation(services):
    make_centre(services)
    chat = Chat(services)
    chat.never_show(GOOD_ID)
    r = chat.say("我要申请1985年张伟和李娜的结婚证明，本人的")
    assert r.intent == "apply_certificate" and r.slots["category"] == "婚姻登记"
    # category, relation, names and year came with the message: the form goes on to what is missing
    assert "哪里" in r.text and "跳过" in chat.values()
    r = chat.say("城关镇")
    assert "用途" in r.text
    r = chat.say("房产过户")
    assert "姓名" in r.text
    r = chat.say("张伟")
    assert "身份证" in r.text
    r = chat.say(BAD_ID)
    assert "校验位" in r.text and "身份证" in r.text  # the Chinese reason, and the question again
    r = chat.say(GOOD_ID, secret=GOOD_ID)
    assert "电话" in r.text and "跳过" in chat.values()
    r = chat.say("跳过")
    assert "领取" in r.text
    r = chat.say("到服务中心领取")
    assert "服务中心" in r.text and any("城关镇" in v for v in chat.values())
    r = chat.say(chat.values()[0])
    assert "请核对" in r.text and "110105********002X" in r.text and "张伟、李娜" in r.text
    assert chat.values() == ["确认", "返回", "取消"]
    r = chat.say("确认")
    assert r.action["type"] == "submitted" and r.action["pickup_code"] in r.text
    assert chat.state["flow"] is None
    with services.sessions() as s:
        a = s.get(Application, r.action["application_id"])
        assert (a.category, a.relation, a.subject_names, a.year_from, a.purpose, a.channel) == \
            ("婚姻登记", "self", ["张伟", "李娜"], 1985, "房产过户", "bot")


def test_back_goes_one_step_back_and_cancel_abandons_the_form(services):
    chat = Chat(services)
    r = chat.say("开证明")
    assert r.intent == "apply_certificate" and "类别" in r.text and "婚姻登记" in chat.values()
    r = chat.say("返回")
    assert "第一步" in r.text and "类别" in r.text
    chat.say("学籍")
    r = chat.say("本人")
    assert "姓名" in r.text and "当事人" in r.text
    r = chat.say("返回")
    assert "关系" in r.text  # the relation is asked again
    r = chat.say("监护人")
    assert "当事人" in r.text
    r = chat.say("取消")
    assert "已取消" in r.text and chat.state["flow"] is None
    with services.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Application)) == 0


def test_parents_marriage_record_explains_agent_and_next_of_kin_with_the_papers(services):
    chat = Chat(services)
    r = chat.say("我想给我爸妈开结婚证明")
    assert r.intent == "apply_certificate"
    assert "健在" in r.text and "公证" in r.text and "死亡证明" in r.text
    assert "关系" in r.text  # the form asks which of the two applies
    r = chat.say("父母")
    assert "委托" in r.text and "近亲属" in r.text  # still both ways explained: a parent is not a relation key
    r = chat.say("其他人")
    assert "只能由本人" in r.text  # refused for personal records
    r = chat.say("近亲属/继承人")
    assert "当事人" in r.text


def test_booking_offers_open_days_and_free_slots_and_books_after_confirmation(services):
    centre = make_centre(services)
    chat = Chat(services, channel="kiosk")
    visitor = id_number(7)
    chat.never_show(visitor)
    r = chat.say("我想预约城关镇")
    assert r.intent == "book_appointment" and "哪一天" in r.text
    r = chat.say(chat.values()[0])
    assert "时段" in r.text and ":" in chat.values()[0]
    slot = chat.values()[0]
    r = chat.say(slot)
    r = chat.say("王芳")
    r = chat.say(visitor, secret=visitor)
    r = chat.say("13800138000")
    assert "请核对" in r.text and centre.name in r.text and slot in r.text
    r = chat.say("确认")
    assert r.action["type"] == "booked" and r.action["cancel_code"] in r.text
    with services.sessions() as s:
        appointment = s.get(Appointment, r.action["appointment_id"])
        assert appointment.status == "booked" and appointment.channel == "kiosk"


def test_a_bound_citizen_is_not_asked_for_name_or_id(services):
    from core.citizens import identify_citizen

    make_centre(services)
    with services.sessions.begin() as s:
        citizen_id = identify_citizen(s, services.vault, name="李娜", id_number=id_number(3)).id
    chat = Chat(services, citizen_id=citizen_id, chat_id=555)
    r = chat.say("预约城关镇")
    chat.say(chat.values()[0])
    r = chat.say(chat.values()[0])
    assert "请核对" in r.text and "李*" not in r.text and "李娜" in r.text
    r = chat.say("确认")
    assert r.action["type"] == "booked"
