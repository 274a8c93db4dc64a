"""The idle wipe: after the idle limit (or 结束办理) nothing personal is left in the session or on any screen."""
import re
import time
from types import SimpleNamespace

import pytest

from kiosk.public import visitor as visitor_module
from tests.core.appointment_factories import id_number
from tests.kiosk.test_kiosk_identify import identify, type_card
from tests.kiosk.conftest import csrf_of, post_form

NUMBER = id_number(11)
HOUSEKEEPING = {"csrf_token", "seen", "_fresh"}  # the form token, the idle clock, Flask-Login's flag


@pytest.fixture
def busy(indexed, client):
    """A visitor in the middle of things: identified, searched, chatted, holding a bind code."""
    identify(client, "王秀英", NUMBER, "/")
    post_form(client, "/search", {"q": "王建国"})
    post_form(client, "/chat", {"text": "查档要带什么材料"})
    assert "绑定码" in client.get("/bind").get_data(as_text=True)
    return client


def later(monkeypatch, seconds):
    """Let `seconds` pass for the kiosk's idle clock."""
    now = time.time() + seconds
    monkeypatch.setattr(visitor_module, "time", SimpleNamespace(time=lambda: now))


def personal_bits(client) -> list[str]:
    """What of the visitor any screen still shows."""
    found = []
    for path in ("/", "/search", "/chat", "/guide", "/identify"):
        html = client.get(path).get_data(as_text=True)
        for bit in ("王** 您好", "王建国同志先进事迹材料", "value=\"王建国\"", "查档要带什么材料</p>", NUMBER[-4:], "结束办理"):
            if bit in html:
                found.append(f"{path}: {bit}")
    bind = client.get("/bind")
    if bind.status_code != 302:
        found.append("/bind still open")
    return found


def left_in_session(client) -> set[str]:
    with client.session_transaction() as session:
        return set(session)


def test_a_visit_idle_past_the_limit_finds_an_empty_session(busy, app, monkeypatch):
    services = app.extensions["lantai"]
    later(monkeypatch, services.settings.kiosk_idle_seconds + 20 + visitor_module.PING_SLACK + 1)
    assert personal_bits(busy) == []
    assert left_in_session(busy) <= HOUSEKEEPING


def test_a_visit_within_the_limit_goes_on(busy, app, monkeypatch):
    later(monkeypatch, app.extensions["lantai"].settings.kiosk_idle_seconds - 5)
    html = busy.get("/chat").get_data(as_text=True)
    assert "王** 您好" in html and "查档要带什么材料</p>" in html


def test_a_visitor_still_typing_keeps_the_session(busy, app, monkeypatch):
    """kiosk.js reports taps on the keypads (which never reach the server) through /alive."""
    deadline = app.extensions["lantai"].settings.kiosk_idle_seconds + 20 + visitor_module.PING_SLACK
    later(monkeypatch, deadline - 5)
    assert busy.get("/alive").status_code == 204
    later(monkeypatch, 2 * deadline - 10)  # long after the last page, but not after the last ping
    assert "王** 您好" in busy.get("/chat").get_data(as_text=True)
    later(monkeypatch, 3 * deadline)  # and then nothing for longer than the limit
    assert "王** 您好" not in busy.get("/chat").get_data(as_text=True)


def test_the_end_button_wipes_everything(busy):
    html = busy.get("/chat").get_data(as_text=True)
    assert 'action="/wipe"' in html and "结束办理" in html
    response = busy.post("/wipe", data={"csrf_token": csrf_of(html)})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert busy.get_cookie("session") is None  # the emptied session's cookie is deleted
    assert personal_bits(busy) == []
    assert left_in_session(busy) <= HOUSEKEEPING  # the pages since then only put a new form token


def test_back_after_a_wipe_shows_nothing_personal(busy):
    html = busy.get("/search").get_data(as_text=True)
    assert "王建国同志先进事迹材料" in html.replace("<em>", "").replace("</em>", "")
    busy.post("/wipe", data={"csrf_token": csrf_of(html)})
    again = busy.get("/search")  # what Back does: the page was no-store, so the browser asks again
    assert again.headers["Cache-Control"] == "no-store"
    assert "王建国" not in again.get_data(as_text=True).replace('placeholder="姓名、年份、事项，如：1985 张伟 结婚登记"', "")


def test_a_form_posted_from_a_page_older_than_the_wipe_is_refused(busy):
    html = busy.get("/chat").get_data(as_text=True)
    busy.post("/wipe", data={"csrf_token": csrf_of(html)})
    response = busy.post("/chat", data={"text": "还在吗", "csrf_token": csrf_of(html)})
    assert response.status_code == 400 and "页面已过期" in response.get_data(as_text=True)


def test_every_screen_carries_the_idle_timer(client):
    for path in ("/", "/search", "/guide", "/chat", "/identify", "/guide/who/婚姻登记"):
        html = client.get(path).get_data(as_text=True)
        assert 'data-idle-seconds="90"' in html and 'id="idle-warning"' in html and 'id="idle-stay"' in html, path


def test_the_idle_warning_covers_the_page_entirely(client):
    css = client.get("/static/kiosk.css").get_data(as_text=True)
    rule = re.search(r"(?m)^\.overlay \{([^}]*)\}", css).group(1)
    background = re.search(r"background(?:-color)?:\s*([^;]+);", rule).group(1).strip()
    alpha = re.fullmatch(r"rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)\)", background)
    assert background != "transparent" and (alpha is None or float(alpha.group(1)) == 1), (
        f"the idle warning's background {background} lets the typed names show through")
    assert "opacity" not in rule


def test_a_name_waiting_to_be_checked_is_gone_after_the_idle_limit(client, app, monkeypatch):
    html = type_card(client, name="杨建国", number=NUMBER).get_data(as_text=True)
    assert "杨建国" in html
    later(monkeypatch, app.extensions["lantai"].settings.kiosk_idle_seconds + 20 + visitor_module.PING_SLACK + 1)
    page = client.get("/identify").get_data(as_text=True)
    assert "杨建国" not in page and NUMBER[-4:] not in page and "请核对姓名" not in page
    assert left_in_session(client) <= HOUSEKEEPING
    response = client.post("/identify/confirm", data={"action": "confirm", "csrf_token": csrf_of(page)})
    assert response.status_code == 302 and response.headers["Location"] == "/identify"
