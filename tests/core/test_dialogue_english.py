"""The engine in English (lang="en", e.g. a Telegram user whose language is English): form prompts, validation,
summaries, search answers and the eligibility rules; catalogue titles, 档号 and category names stay Chinese."""
from __future__ import annotations

import re

from core.models import Application, Appointment
from tests.core.appointment_factories import id_number, make_centre
from tests.core.dialogue_chat import Chat

GOOD_ID = "11010519491231002X"
BAD_ID = "110105194912310021"  # one check character off
CJK_SENTENCE = re.compile(r"[\u4e00-\u9fff]{6,}[，。？：]")  # a Chinese clause, not a name or a category


def english(text: str) -> bool:
    """Written in English: no Chinese sentence (names, categories, titles and 档号 may stay Chinese)."""
    return re.search(r"[A-Za-z]{3,}", text) is not None and not CJK_SENTENCE.search(text)


def test_a_whole_application_in_english(services):
    make_centre(services)
    chat = Chat(services, lang="en")
    chat.never_show(GOOD_ID)
    r = chat.say(command="apply")
    assert "Which kind of record" in r.text and english(r.text)
    assert any(b.label == "婚姻登记 (marriage registration)" and b.value == "婚姻登记" for b in r.buttons)
    assert [b.label for b in r.buttons][-1] == "Cancel"
    r = chat.say("婚姻登记")
    assert "How are you related" in r.text and "marriage registration" in r.text
    assert "yourself" in [b.label for b in r.buttons]
    r = chat.say("其他人")  # refused for personal records: core's reason, in English
    assert "personal information" in r.text and english(r.text)
    r = chat.say("本人")
    assert "Name(s)" in r.text
    r = chat.say("张伟、李娜")
    assert "which year" in r.text
    r = chat.say("19850")
    assert "1985 or 1983-1985" in r.text
    r = chat.say("1985")
    assert "Where was the record made" in r.text and "Skip" in [b.label for b in r.buttons]
    r = chat.say("skip")
    assert "What do you need it for" in r.text
    r = chat.say("房产过户")
    assert "Your full name" in r.text
    r = chat.say("Zhang Wei 2")
    assert "no digits" in r.text and "Your full name" in r.text
    r = chat.say("张伟")
    assert "ID card number" in r.text
    r = chat.say(BAD_ID)  # core.identity's Chinese reason, mapped to English
    assert "check character" in r.text and "ID card number" in r.text and english(r.text)
    r = chat.say(GOOD_ID, secret=GOOD_ID)
    assert "phone number" in r.text
    r = chat.say("12ab")
    assert "not valid" in r.text
    r = chat.say("13800138000")
    assert "How would you like to receive" in r.text
    assert [b.label for b in r.buttons][:2] == ["Pickup at a centre", "Electronic certificate"]
    r = chat.say("到服务中心领取")
    assert "Which service centre" in r.text
    r = chat.say(chat.values()[0])
    assert "Please check your application" in r.text and english(r.text)
    assert "婚姻登记 (marriage registration)" in r.text and "yourself" in r.text and "张伟、李娜" in r.text
    assert "110105********002X" in r.text and "138****8000" in r.text and "Please bring" in r.text
    assert [b.label for b in r.buttons] == ["Confirm", "Back", "Cancel"] and chat.values() == ["确认", "返回", "取消"]
    r = chat.say("confirm")
    assert r.action["type"] == "submitted" and english(r.text)
    assert f"Pickup code: {r.action['pickup_code']}" in r.text and "your own valid ID card" in r.text
    with services.sessions() as s:
        a = s.get(Application, r.action["application_id"])
        assert (a.category, a.relation, a.subject_names) == ("婚姻登记", "self", ["张伟", "李娜"])
    r = chat.say(f"status {r.action['pickup_code']}")
    assert "status: submitted" in r.text and english(r.text)


def test_parents_record_rules_are_explained_in_english(services):
    r = Chat(services, lang="en").say("apply for my parents' marriage certificate")
    assert r.intent == "apply_certificate" and english(r.text)
    assert "authorise" in r.text and "NOTARISED" in r.text and "death certificate" in r.text
    assert "How are you related" in r.text


def test_a_search_in_english(indexed):
    chat = Chat(indexed, lang="en")
    r = chat.say("search marriage records 1985 张伟 李娜")
    assert r.intent == "search_records" and english(r.text)
    assert "婚姻登记 (marriage registration)" in r.text and "not open" in r.text
    assert "X002-001-001-001" not in r.text  # a restricted record stays hidden in any language
    assert "Apply for a certificate" in [b.label for b in r.buttons]
    r = chat.say("县革命委员会防汛抗旱的通知")
    assert "open record" in r.text and "ref. C038-001-002-003" in r.text and "防汛抗旱" in r.text


def test_booking_in_english(services):
    centre = make_centre(services)
    chat = Chat(services, lang="en")
    r = chat.say("book an appointment")
    assert r.intent == "book_appointment" and "Which day" in r.text and "free)" in r.buttons[0].label
    r = chat.say(chat.values()[0])
    assert "Which time" in r.text
    r = chat.say(chat.values()[0])
    chat.say("王芳")
    chat.say(id_number(7))
    r = chat.say("skip")
    assert "Please check your booking" in r.text and centre.name in r.text and english(r.text)
    r = chat.say("确认")
    assert r.action["type"] == "booked" and "cancel code" in r.text and english(r.text)
    with services.sessions() as s:
        assert s.get(Appointment, r.action["appointment_id"]).status == "booked"


def test_chinese_stays_the_default(services):
    r = Chat(services).say(command="apply")
    assert "请选择要申请的档案类别" in r.text and r.buttons[0].label == "婚姻登记"
    r = Chat(services, lang="zh-hans").say(command="apply")
    assert "请选择要申请的档案类别" in r.text


def test_centres_and_core_messages_in_english(services):
    centre = make_centre(services)
    r = Chat(services, lang="en").say("opening hours of 城关镇")
    assert r.intent == "service_info" and centre.name in r.text
    assert "Address:" in r.text and "Opening hours: Mon–Fri" in r.text and english(r.text)
    r = Chat(services, lang="en").say("status KXQMPDRZAB")  # a code of letters only, said to be a status
    assert r.intent == "check_status" and "Not found" in r.text
