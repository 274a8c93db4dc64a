"""Hand-offs in the console: the queue with the conversation, a clerk's scope, the answer reaching the chat."""
import pytest
from sqlalchemy import select

from core.binding import bind_chat, create_binding_code
from core.citizens import identify_citizen
from core.dialogue import create_handoff
from core.models import Handoff, OutboxMessage
from tests.core.appointment_factories import id_number
from tests.kiosk.conftest import login, post_form

BOUND_CHAT = 880011


@pytest.fixture
def queue(services, two_centres):
    """A bot hand-off (no centre), a kiosk one at C01 from an identified citizen whose phone chat is bound, and a
    kiosk one at C02. The C01 transcript carries an ID number written straight into the table (an older row)."""
    a, b = two_centres
    with services.sessions.begin() as s:
        citizen = identify_citizen(s, services.vault, name="王小明", id_number=id_number(1)).id
    bind_chat(services, create_binding_code(services, citizen), BOUND_CHAT)
    bot = create_handoff(services, question="你们周六上班吗", channel="bot", chat_id=5001,
                         transcript=[{"from": "citizen", "text": "你们周六上班吗"}, {"from": "bot", "text": "没听懂"}])
    with services.sessions.begin() as s:
        row = Handoff(channel="kiosk", citizen_id=citizen, centre_id=a.id, question="我父亲的知青档案在哪里",
                      status="open", transcript=[
                          {"from": "citizen", "text": f"我的身份证是{id_number(1)}", "at": "2026-11-20T02:00:00+00:00"},
                          {"from": "bot", "text": "抱歉，我没听懂"},
                          {"from": "citizen", "text": "我父亲的知青档案在哪里"}])
        s.add(row)
        s.flush()
        kiosk_a = row.id
    kiosk_b = create_handoff(services, question="沈家门的土地证明怎么开", channel="kiosk", centre_id=b.id,
                             transcript=[{"from": "citizen", "text": "沈家门的土地证明怎么开"}])
    return {"bot": bot, "a": kiosk_a, "b": kiosk_b, "citizen": citizen}


def handoff(services, handoff_id: int) -> Handoff:
    with services.sessions() as s:
        return s.get(Handoff, handoff_id)


def test_anonymous_visitors_are_sent_to_the_login(client, two_centres):
    r = client.get("/staff/handoffs")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_a_clerk_sees_their_centres_and_the_bots_questions(client, queue):
    login(client, "clerk_a")
    html = client.get("/staff/handoffs").get_data(as_text=True)
    assert "你们周六上班吗" in html and "我父亲的知青档案在哪里" in html
    assert "沈家门的土地证明怎么开" not in html
    assert "待回复（2）" in html


def test_the_conversation_is_shown_as_a_chat_with_id_numbers_masked(client, queue):
    login(client, "clerk_a")
    html = client.get("/staff/handoffs").get_data(as_text=True)
    assert id_number(1) not in html and "330902********" in html
    assert 'class="msg citizen"' in html and 'class="msg bot"' in html and "抱歉，我没听懂" in html
    assert "王**" in html and "回复将通过 Telegram 发送给市民" in html


def test_archivists_see_every_question(client, queue):
    login(client, "archivist")
    html = client.get("/staff/handoffs").get_data(as_text=True)
    assert "沈家门的土地证明怎么开" in html and "待回复（3）" in html


def test_an_answer_from_the_kiosk_reaches_the_citizens_bound_chat(client, queue, services):
    login(client, "clerk_a")
    r = post_form(client, "/staff/handoffs", {"answer": "知青档案在县档案馆，请带户口簿来窗口。"},
                  to=f"/staff/handoffs/{queue['a']}/answer", follow_redirects=True)
    assert "回复将发送到市民的 Telegram 聊天" in r.get_data(as_text=True)
    with services.sessions() as s:
        message = s.scalar(select(OutboxMessage).where(OutboxMessage.event_key == f"handoff:{queue['a']}"))
    assert message.chat_id == BOUND_CHAT and message.citizen_id == queue["citizen"]
    assert "知青档案在县档案馆" in message.text
    row = handoff(services, queue["a"])
    assert row.status == "answered" and row.answered_by == "staff:clerk_a"
    answered = client.get("/staff/handoffs?tab=answered").get_data(as_text=True)
    assert "知青档案在县档案馆，请带户口簿来窗口。" in answered and "clerk_a" in answered
    assert "我父亲的知青档案在哪里" not in client.get("/staff/handoffs").get_data(as_text=True)


def test_an_answer_to_the_bot_goes_to_the_chat_that_asked(client, queue, services):
    login(client, "clerk_b")
    post_form(client, "/staff/handoffs", {"answer": "周六上午开放。"}, to=f"/staff/handoffs/{queue['bot']}/answer")
    with services.sessions() as s:
        message = s.scalar(select(OutboxMessage).where(OutboxMessage.event_key == f"handoff:{queue['bot']}"))
    assert message.chat_id == 5001


def test_a_clerk_cannot_answer_another_centres_question(client, queue, services):
    login(client, "clerk_a")
    r = post_form(client, "/staff/handoffs", {"answer": "不该发出的回复"}, to=f"/staff/handoffs/{queue['b']}/answer")
    assert r.status_code == 404 and "沈家门的土地证明" not in r.get_data(as_text=True)
    assert handoff(services, queue["b"]).status == "open"
    r = post_form(client, "/staff/handoffs", {"answer": "x"}, to="/staff/handoffs/999999/answer")
    assert r.status_code == 404


def test_an_empty_answer_is_refused_and_the_form_keeps_its_place(client, queue, services):
    login(client, "clerk_a")
    r = post_form(client, "/staff/handoffs", {"answer": "   "}, to=f"/staff/handoffs/{queue['a']}/answer")
    assert r.status_code == 400 and "请填写回复内容" in r.get_data(as_text=True)
    assert handoff(services, queue["a"]).status == "open"
    long = "很" * 1001
    r = post_form(client, "/staff/handoffs", {"answer": long}, to=f"/staff/handoffs/{queue['a']}/answer")
    assert r.status_code == 400 and "不能超过1000个字" in r.get_data(as_text=True) and long in r.get_data(as_text=True)


def test_answering_twice_says_it_was_answered(client, queue, services):
    login(client, "clerk_a")
    post_form(client, "/staff/handoffs", {"answer": "第一次"}, to=f"/staff/handoffs/{queue['a']}/answer")
    r = post_form(client, "/staff/handoffs", {"answer": "第二次"}, to=f"/staff/handoffs/{queue['a']}/answer",
                  follow_redirects=True)
    assert "已处理过" in r.get_data(as_text=True) and handoff(services, queue["a"]).answer == "第一次"


def test_an_answer_without_the_csrf_token_is_refused(client, queue, services):
    login(client, "clerk_a")
    r = client.post(f"/staff/handoffs/{queue['a']}/answer", data={"answer": "你好"})
    assert r.status_code == 400 and handoff(services, queue["a"]).status == "open"
