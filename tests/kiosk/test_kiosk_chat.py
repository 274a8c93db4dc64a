"""The kiosk chat panel: the dialogue engine's answers, its buttons as taps, and the hand-off to a clerk."""
import re
from html import unescape

from sqlalchemy import select

from core.binding import bind_chat
from core.dialogue import answer_handoff
from core.models import Handoff, OutboxMessage
from kiosk.public.chat import CHAT_BUDGET
from tests.core.appointment_factories import id_number, make_centre
from tests.kiosk.test_kiosk_identify import identify
from tests.kiosk.conftest import post_form


def say(client, text):
    """Send a message; the page that shows the answer (a reply too big for the cookie comes with the POST)."""
    response = post_form(client, "/chat", {"text": text})
    assert response.status_code in (200, 302)
    return client.get("/chat").get_data(as_text=True) if response.status_code == 302 else response.get_data(as_text=True)


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
    assert "请留意消息" not in html and "您没有核验身份，答复没法发到您的手机上" in html
    with services.sessions() as s:
        h = s.scalars(select(Handoff)).one()
    assert (h.channel, h.centre_id, h.citizen_id) == ("kiosk", centre.id, None)
    assert "天气怎么样" in h.question


def test_handoff_of_an_identified_visitor_reaches_the_chat_they_bind(services, client):
    make_centre(services, "C01")
    identify(client, "王秀英", id_number(5), "/chat")
    html = say(client, "转人工")
    assert "绑定手机" in html and 'href="/bind"' in html
    assert "请留意消息" not in html and "您还没有绑定手机" in html
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


def reply_of(html):
    return unescape(re.search(r'data-testid="reply">(.*?)</div>', html, re.S).group(1))


def test_a_long_search_answer_is_shown_whole_and_does_not_start_with_another(indexed, client):
    html = say(client, "我爸妈结婚1985")
    reply = reply_of(html)
    assert "①" in reply and "②" in reply and "亲属关系或继承关系证明" in reply and not reply.endswith("…")
    assert reply.startswith("有 ") and "另有" not in reply.split("\n")[0]


def test_every_centres_hours_are_shown_whole(services, client):
    for i in range(1, 10):
        make_centre(services, f"C{i:02d}", name=f"第{i}镇便民服务中心", township=f"第{i}镇",
                    address=f"临江县第{i}镇文化路{100 + i}号")
    html = say(client, "服务中心几点上班")
    reply = reply_of(html)
    assert all(f"第{i}镇便民服务中心" in reply for i in range(1, 10)) and "…" not in reply
    assert len(client.get_cookie("session").value) < 4000


def test_a_reply_too_big_for_the_cookie_is_shown_whole_once_and_kept_as_a_stub(services, client):
    for i in range(1, 25):
        make_centre(services, f"C{i:02d}", name=f"第{i}镇党群服务中心便民服务大厅", township=f"第{i}镇",
                    address=f"临江县第{i}镇人民政府东侧文化广场北路{100 + i}号")
    response = post_form(client, "/chat", {"text": "服务中心几点上班"})
    assert response.status_code == 200  # shown at once, not through the cookie
    html = response.get_data(as_text=True)
    reply = reply_of(html)
    assert len(reply.encode()) > CHAT_BUDGET and all(f"第{i}镇党群服务中心" in reply for i in range(1, 25))
    assert len(client.get_cookie("session").value) < 4000
    later = client.get("/chat").get_data(as_text=True)
    assert "刚才已经完整显示过" in later and "服务中心几点上班</p>" in later
    html = say(client, "查档收费吗")  # the conversation goes on from the stub
    assert "不收费" in reply_of(html)


def test_handoff_of_a_visitor_with_a_bound_phone_says_the_answer_comes_to_telegram(services, client):
    make_centre(services, "C01")
    identify(client, "王秀英", id_number(6), "/chat")
    code = re.sub(r"\s", "", unescape(re.search(r'data-testid="code">([^<]+)<',
                                                 client.get("/bind").get_data(as_text=True)).group(1)))
    bind_chat(services, code, chat_id=777)
    html = say(client, "转人工")
    assert "答复会发到您手机上的兰台 Telegram 机器人里" in html
    assert "请留意消息" not in html and "您还没有绑定手机" not in html
