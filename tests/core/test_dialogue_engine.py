"""Conversations beyond the forms: search answers as the public sees them, status by pickup code, cancelling a
visit, FAQ answers, centres, and the hand-off to staff after two misunderstandings."""
from __future__ import annotations

from sqlalchemy import select

from core.appointments import book_appointment
from core.dialogue import answer_handoff, list_handoffs
from core.models import Appointment, Handoff, OutboxMessage
from tests.core.appointment_factories import applicant, make_centre, next_open_day
from tests.core.application_factories import move, submit
from tests.core.dialogue_chat import Chat


def test_search_shows_open_records_in_full_and_restricted_ones_only_as_counts(indexed):
    r = Chat(indexed).say("我想查1985年张伟和李娜的结婚登记")
    assert r.intent == "search_records"
    assert "婚姻登记档案" in r.text and "未开放" in r.text and "申请" in r.text
    assert "X002-001-001-001" not in r.text and "审查处理表" not in r.text  # a restricted record stays hidden
    assert "开证明" in [b.value for b in r.buttons]
    r = Chat(indexed).say("县革命委员会防汛抗旱的通知")
    assert "C038-001-002-003" in r.text and "防汛抗旱" in r.text  # an open record in full


def test_parents_marriage_search_explains_who_may_obtain_it(indexed):
    r = Chat(indexed).say("查我父母的结婚档案")
    assert r.intent == "search_records" and r.slots["relation"] == "父母"
    assert "健在" in r.text and "经公证的授权委托书" in r.text
    assert "死亡证明" in r.text and "亲属关系" in r.text


def test_the_issues_own_question_is_a_marriage_record_in_a_place_for_a_property_transfer(indexed):
    r = Chat(indexed).say("我爸妈八几年在沈家门结的婚，现在要办房产过户，怎么开证明？")
    assert r.intent == "apply_certificate"
    assert r.slots["category"] == "婚姻登记" and r.slots["year"] == [1980, 1989]  # not 房地产: that is the purpose
    assert r.slots["place"] == "沈家门" and "persons" not in r.slots  # a place, not a person called 沈家门
    assert r.slots["relation"] == "父母" and "经公证的授权委托书" in r.text and "死亡证明" in r.text


def test_after_a_search_apply_starts_with_what_was_asked(indexed):
    chat = Chat(indexed)
    chat.say("我想查1985年张伟和李娜的结婚登记")
    r = chat.say("开证明")
    assert r.intent == "apply_certificate" and "类别" not in r.text  # category, year, names carried over


def test_status_by_pickup_code(services):
    centre = make_centre(services)
    application = submit(services, centre.id)
    move(services, application.id, "in_review")
    chat = Chat(services)
    r = chat.say("我的申请到哪一步了")
    assert r.intent == "check_status" and "取件码" in r.text
    r = chat.say("ABCDEFGHJK")
    assert "没有找到" in r.text
    r = chat.say(application.pickup_code.lower())
    assert "审核中" in r.text and "张*" in r.text and "张伟" not in r.text
    assert chat.state["flow"] is None
    r = Chat(services).say(f"查进度 {application.pickup_code}")
    assert "审核中" in r.text


def test_cancel_a_visit_with_its_cancel_code(services):
    centre = make_centre(services)
    day = next_open_day(services, centre)
    booked = book_appointment(services, centre_id=centre.id, starts_at=f"{day}T09:00", applicant=applicant(1),
                              channel="bot")
    chat = Chat(services)
    r = chat.say("取消预约")
    assert r.intent == "cancel" and "取消码" in r.text
    from core.appointments import cancel_code

    r = chat.say(cancel_code(services.vault, booked.id))
    assert "要取消" in r.text and centre.name in r.text
    r = chat.say("确认")
    assert r.action == {"type": "cancelled", "appointment_id": booked.id}
    with services.sessions() as s:
        assert s.get(Appointment, booked.id).status == "cancelled"


def test_faq_answers_fees_papers_and_time_from_the_knowledge_base(services):
    r = Chat(services).say("查档要钱不")
    assert r.intent == "procedure_faq" and "不收费" in r.text and "快递费" in r.text
    r = Chat(services).say("几天能办好")
    assert "5个工作日" in r.text
    r = Chat(services, lang="en").say("is it free")
    assert "free of charge" in r.text


def test_a_deployment_changes_the_fees_in_its_data_directory(services):
    import json

    from core.dialogue.faq import _cache

    services.settings.data_dir.mkdir(parents=True, exist_ok=True)
    (services.settings.data_dir / "faq.json").write_text(json.dumps(
        {"facts": {"fee": "查档免费，复制件每页收费0.5元"}}, ensure_ascii=False), encoding="utf-8")
    _cache.clear()
    assert "每页收费0.5元" in Chat(services).say("查档收费吗").text


def test_centres_hours_and_the_nearest_one_asks_for_a_location(services):
    centre = make_centre(services)
    r = Chat(services).say("城关镇服务中心几点上班")
    assert r.intent == "service_info" and centre.address in r.text and "08:30–12:00" in r.text
    r = Chat(services).say("离我最近的服务中心在哪")
    assert r.request_location and r.action == {"type": "ask_location"} and centre.name in r.text


def test_two_misunderstandings_offer_a_handoff_and_the_question_reaches_staff(services):
    chat = Chat(services, chat_id=4242)
    r = chat.say("哈哈哈呜呜")
    assert r.intent == "out_of_scope" and "转人工" not in [b.value for b in r.buttons]
    r = chat.say("我那个东西咋整嘛 身份证号11010519491231002X")
    assert "转人工" in [b.value for b in r.buttons] and "工作人员" in r.text
    r = chat.say("转人工")
    assert r.action["type"] == "handoff"
    with services.sessions() as s:
        h = s.get(Handoff, r.action["handoff_id"])
        assert h.question == "哈哈哈呜呜" and h.status == "open" and h.chat_id == 4242
        assert len(h.transcript) == 5 and "11010519491231002X" not in str(h.transcript)
    assert [q["id"] for q in list_handoffs(services)] == [r.action["handoff_id"]]
    answer_handoff(services, r.action["handoff_id"], text="请带户口簿到窗口办理。", staff="staff:wang")
    with services.sessions() as s:
        message = s.scalar(select(OutboxMessage).where(OutboxMessage.kind == "handoff_answer"))
        assert message.chat_id == 4242 and "户口簿" in message.text
    assert list_handoffs(services) == []


def test_commands_start_flows_and_cancel_leaves_a_form(services):
    chat = Chat(services)
    r = chat.say(command="apply")
    assert r.intent == "apply_certificate" and "类别" in r.text
    r = chat.say(command="cancel")
    assert "已取消" in r.text and chat.state["flow"] is None
    r = chat.say(command="search")
    assert "查什么" in r.text
    r = chat.say(command="help")
    assert "返回" in r.text


def test_a_forged_state_starts_afresh_instead_of_failing(services):
    from core.dialogue import answer

    state = {"flow": {"form": "apply", "step": "confirm", "data": {"category": "婚姻登记"}, "history": []}}
    r = answer(services, "确认", state=state)
    assert "重新开始" in r.text and r.state["flow"] is None
    r = answer(services, "你好", state={"flow": "garbage", "misses": "x", "transcript": 5})
    assert r.intent == "greeting"


def test_a_question_in_the_middle_of_a_form_is_answered_and_the_form_goes_on(services):
    chat = Chat(services)
    chat.say("开证明")
    r = chat.say("结婚证丢了怎么补办")
    assert r.intent == "apply_certificate" and "民政局" in r.text and "继续办理" in r.text and "类别" in r.text
    r = chat.say("婚姻登记")
    assert "关系" in r.text


def test_a_bound_citizen_cancels_a_visit_from_a_list_of_their_own(services):
    from core.citizens import identify_citizen

    centre = make_centre(services)
    day = next_open_day(services, centre)
    person = applicant(5, "王芳")
    with services.sessions.begin() as s:
        citizen_id = identify_citizen(s, services.vault, name=person["name"], id_number=person["id_number"]).id
    booked = book_appointment(services, centre_id=centre.id, starts_at=f"{day}T10:00", applicant=person,
                              channel="bot")
    chat = Chat(services, citizen_id=citizen_id, chat_id=77)
    r = chat.say("明天去不了了，帮我退掉预约")
    assert r.intent == "cancel" and f"预约号 {booked.id}" in chat.values()
    r = chat.say(f"预约号 {booked.id}")
    assert "要取消" in r.text and chat.state["flow"]["data"]["code"] is None  # derived at the end, never kept
    r = chat.say("确认")
    assert r.action == {"type": "cancelled", "appointment_id": booked.id}
    r = Chat(services).say("取消码 ABCDEFGHJK 取消预约")
    assert "没有找到" in r.text


def test_catalogue_title_words_without_a_verb_are_a_search(indexed, monkeypatch):
    from core.dialogue import classify
    from core.dialogue.context import DialogueLexicon

    r = Chat(indexed).say("县革命委员会防汛")
    assert r.intent == "search_records" and "C038-001-002-003" in r.text
    # words the rules do not know still make a search when the catalogue's search finds records with them
    monkeypatch.setattr(DialogueLexicon, "is_title_word", lambda self, word: False)
    assert classify(indexed, "县革命委员会防汛")[0] == "search_records"
    r = Chat(indexed).say("县革命委员会防汛")
    assert r.intent == "search_records" and "C038-001-002-003" in r.text
    assert Chat(indexed).say("紫色的大象在跳舞").intent == "out_of_scope"  # words that find nothing


def test_the_search_button_after_an_application_starts_a_search(indexed):
    make_centre(indexed)
    chat = Chat(indexed)
    chat.say("我要申请1985年张伟和李娜的结婚证明，本人的")
    for answer in ("跳过", "房产过户", "张伟", "11010519491231002X", "跳过", "电子证明"):
        chat.say(answer)
    r = chat.say("确认")
    assert r.action["type"] == "submitted" and chat.state["flow"] is None
    r = chat.say("查档案")  # the 「查档案」 menu button
    assert r.intent == "search_records" and "要查什么" in r.text
    r = chat.say("县革命委员会防汛")
    assert r.intent == "search_records" and "C038-001-002-003" in r.text
