"""The kiosk chat panel: the dialogue engine's answers, its buttons as taps, and the hand-off to a clerk."""
import re
from html import unescape

from sqlalchemy import select

from core.binding import bind_chat
from core.dialogue import answer_handoff
from core.models import Handoff, OutboxMessage
from tests.core.appointment_factories import id_number, make_centre
from tests.kiosk.conftest import post_form


def say(client, text):
    response = post_form(client, "/chat", {"text": text})
    assert response.status_code == 302
    return client.get("/chat").get_data(as_text=True)


def test_a_question_gets_the_engines_answer_and_its_buttons(client):
    html = say(client, "查档要带什么材料")
    assert '<p class="bubble me">查档要带什么材料</p>' in html
    reply = re.search(r'data-testid="reply">(.*?)</div>', html, re.S).group(1)
    assert "身份证" in reply
    assert 'name="text" value="转人工"' in html  # the reply's buttons are taps that send their value


def test_quick_phrases_are_taps(client):
    html = client.get("/chat").get_data(as_text=True)
    assert 'name="text" value="查档收费吗"' in html
    html = say(client, "查档收费吗")
    assert "不收费" in html


def test_the_conversation_goes_on_with_the_state(client):
    say(client, "查档要带什么材料")
    html = say(client, "开证明")
    assert "查档要带什么材料" in html  # the earlier turn is still on screen
    assert "档案类别" in html or "哪类档案" in html
    assert 'href="/apply"' in html  # the touch-screen flow is offered


def test_a_long_conversation_keeps_the_cookie_small(client):
    for i in range(14):
        html = say(client, f"查{1970 + i}年王建国的招工档案，我是他儿子，要带什么材料")
    cookie = client.get_cookie("session")
    assert len(cookie.value) < 3600
    assert f"查{1970 + 13}年王建国的招工档案" in html and 'data-testid="reply"' in html


def test_handoff_from_an_anonymous_visitor_goes_to_this_kiosks_centre(services, client):
    centre = make_centre(services, "C01")
    say(client, "天气怎么样")
    html = say(client, "转人工")
    assert "已转给工作人员" in html and "请到服务窗口当面询问" in html
    with services.sessions() as s:
        h = s.scalars(select(Handoff)).one()
    assert (h.channel, h.centre_id, h.citizen_id) == ("kiosk", centre.id, None)
    assert "天气怎么样" in h.question


def test_handoff_of_an_identified_visitor_reaches_the_chat_they_bind(services, client):
    make_centre(services, "C01")
    post_form(client, "/identify", {"name": "王秀英", "id_number": id_number(5), "next": "/chat"})
    html = say(client, "转人工")
    assert "绑定手机" in html and 'href="/bind"' in html
    code = re.sub(r"\s", "", unescape(re.search(r'data-testid="code">([^<]+)<', client.get("/bind").get_data(as_text=True)).group(1)))
    bind_chat(services, code, chat_id=4242)
    with services.sessions() as s:
        handoff_id = s.scalars(select(Handoff.id)).one()
    answer_handoff(services, handoff_id, text="请带户口簿来窗口。", staff="staff:clerk_a")
    with services.sessions() as s:
        message = s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "handoff_answer")).one()
    assert message.chat_id == 4242 and "请带户口簿来窗口" in message.text


def test_clearing_the_chat_starts_again(client):
    say(client, "查档要带什么材料")
    post_form(client, "/chat", {"reset": "1"})
    html = client.get("/chat").get_data(as_text=True)
    assert "查档要带什么材料</p>" not in html and "我是档案馆的智能助手" in html


def test_an_empty_message_changes_nothing(client):
    html = say(client, "   ")
    assert "我是档案馆的智能助手" in html and 'data-testid="reply"' not in html
