"""The ID-card screen: typed entry with the on-screen keyboards, check-character validation, the citizen, `next`."""
import json
import logging
import re

import pytest
from sqlalchemy import func, select

from core.errors import ConfigError
from core.identity import check_character
from core.models import Citizen
from core.settings import Settings
from kiosk import create_app
from tests.core.appointment_factories import id_number
from tests.kiosk.conftest import csrf_of, post_form

GOOD = id_number(7)
BAD = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")  # the same number with a wrong check character


def type_card(client, name="张伟", number=GOOD, next_url="/"):
    """Type name and number on the ID screen and press 确定: the response (a new citizen gets the check page)."""
    return post_form(client, f"/identify?next={next_url}", {"name": name, "id_number": number, "next": next_url})


def identify(client, name="张伟", number=GOOD, next_url="/"):
    """Identify as a visitor does: type, press 确定, and 确认 the name when the kiosk asks (a new citizen)."""
    response = type_card(client, name, number, next_url)
    if 'data-testid="confirm"' in response.get_data(as_text=True):
        response = client.post("/identify/confirm", data={"action": "confirm",
                                                          "csrf_token": csrf_of(response.get_data(as_text=True))})
    return response


def test_identify_screen_has_keyboards_and_no_system_keyboard(client):
    html = client.get("/identify?next=/bind").get_data(as_text=True)
    assert "核验身份" in html and 'name="next" value="/bind"' in html
    assert html.count('inputmode="none"') == 2  # name and number: only the on-screen keyboards type
    assert 'data-key="X"' in html and "退格" in html and "清空" in html
    assert 'class="pinyin"' in html and 'class="candidates"' in html


def test_valid_card_identifies_the_visitor_and_goes_on_to_next(client):
    response = identify(client, next_url="/guide")
    assert response.status_code == 302 and response.headers["Location"] == "/guide"
    assert GOOD not in response.headers.get("Set-Cookie", "") and "张伟" not in response.headers.get("Set-Cookie", "")
    html = client.get("/guide").get_data(as_text=True)
    assert "张* 您好" in html and "结束办理" in html
    assert GOOD not in html


def test_a_wrong_check_character_keeps_what_was_typed(client):
    response = identify(client, name="张伟", number=BAD)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "校验位不符" in html
    assert f'value="{BAD}"' in html and 'value="张伟"' in html
    assert "您好" not in html  # not identified


def test_a_short_number_says_how_many_digits_were_typed(client):
    html = identify(client, number=GOOD[:12]).get_data(as_text=True)
    assert "您输入了12位" in html


def test_a_missing_name_is_asked_for(client):
    html = identify(client, name="  ").get_data(as_text=True)
    assert "请输入姓名" in html and f'value="{GOOD}"' in html


def test_a_number_known_under_another_name_is_refused(client, app):
    identify(client, name="张伟")
    other = app.test_client()
    response = identify(other, name="李娜")
    assert response.status_code == 400
    assert "姓名与该身份证号码此前登记的姓名不一致" in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)", "/\\evil"])
def test_next_only_goes_to_local_paths(client, target):
    response = identify(client, next_url=target)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_pages_that_need_an_identified_visitor_come_back_after_identifying(client):
    first = client.get("/bind")
    assert first.status_code == 302 and first.headers["Location"].startswith("/identify?next=")
    html = client.get(first.headers["Location"]).get_data(as_text=True)
    assert 'name="next" value="/bind"' in html
    response = client.post("/identify", data={"name": "张伟", "id_number": GOOD, "next": "/bind",
                                              "csrf_token": csrf_of(html)})
    response = client.post("/identify/confirm", data={"action": "confirm",
                                                      "csrf_token": csrf_of(response.get_data(as_text=True))})
    assert response.headers["Location"] == "/bind"
    assert "绑定码" in client.get("/bind").get_data(as_text=True)


def test_nothing_typed_reaches_the_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    identify(client, name="王秀英", number=BAD)
    identify(client, name="王秀英", number=GOOD)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert GOOD not in logged and BAD not in logged and "王秀英" not in logged


def test_a_new_visitor_does_not_inherit_the_last_ones_session(client):
    identify(client, name="张伟")
    post_form(client, "/chat", {"text": "查档要带什么材料"})
    identify(client, name="李娜", number=id_number(8))
    html = client.get("/chat").get_data(as_text=True)
    assert "李* 您好" in html and "查档要带什么材料</p>" not in html


def test_an_identified_visitor_sees_who_they_are_on_the_screen(client):
    identify(client)
    html = client.get("/identify?next=/search").get_data(as_text=True)
    assert "您已核验身份" in html and GOOD[:6] + "********" + GOOD[-4:] in html and 'href="/search"' in html


def test_an_unknown_reader_is_a_config_error_at_start(services, settings):
    bad = Settings.from_env({"LANTAI_KIOSK_ID_READER": "nfc"}, data_dir=settings.data_dir,
                            database_url=settings.database_url)
    with pytest.raises(ConfigError, match="nfc"):
        create_app({"LANTAI_SETTINGS": bad, "TESTING": True})


def test_fifteen_digit_numbers_are_upgraded(client):
    old = "330902600315123"  # a first-generation card: 15 digits, no check character
    full = old[:6] + "19" + old[6:]
    response = identify(client, number=old)
    assert response.status_code == 302
    html = client.get("/identify").get_data(as_text=True)
    assert full[:6] + "********" + (full + check_character(full))[-4:] in html


def test_a_new_citizen_checks_the_full_typed_name_before_it_is_registered(client, services):
    response = type_card(client, name="杨建国", number=GOOD, next_url="/guide")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "请核对姓名" in html
    assert re.search(r'data-testid="fullname">杨建国<', html)  # the whole name, not 杨**
    assert GOOD[:6] + "********" + GOOD[-4:] in html and GOOD not in html
    assert "确认" in html and "修改" in html
    with services.sessions() as s:
        assert s.scalar(select(func.count(Citizen.id))) == 0  # nothing registered before 确认
    cookie = client.get_cookie("session").value
    assert GOOD not in cookie and "杨建国" not in cookie
    with client.session_transaction() as session:
        assert GOOD not in json.dumps(session, ensure_ascii=False)
        assert "杨建国" not in json.dumps(session, ensure_ascii=False)  # sealed with the vault key until confirmed
    assert "您好" not in html
    confirmed = client.post("/identify/confirm", data={"action": "confirm", "csrf_token": csrf_of(html)})
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "/guide"
    assert "杨** 您好" in client.get("/guide").get_data(as_text=True)
    with services.sessions() as s:
        assert s.scalars(select(Citizen.name)).all() == ["杨建国"]


def test_edit_goes_back_to_the_form_with_what_was_typed_and_registers_nothing(client, services):
    html = type_card(client, name="杨建图", number=GOOD).get_data(as_text=True)
    back = client.post("/identify/confirm", data={"action": "edit", "csrf_token": csrf_of(html)})
    page = back.get_data(as_text=True)
    assert back.status_code == 200 and 'value="杨建图"' in page and f'value="{GOOD}"' in page
    with services.sessions() as s:
        assert s.scalar(select(func.count(Citizen.id))) == 0
    response = identify(client, name="杨建国", number=GOOD)  # corrected: registered under the right name
    assert response.status_code == 302
    with services.sessions() as s:
        assert s.scalars(select(Citizen.name)).all() == ["杨建国"]


def test_a_known_citizen_is_not_asked_again(client, app):
    identify(client, name="杨建国")
    other = app.test_client()
    response = type_card(other, name="杨建国", next_url="/guide")
    assert response.status_code == 302 and response.headers["Location"] == "/guide"


def test_confirming_after_the_visit_was_wiped_starts_again(client, services):
    html = type_card(client, name="杨建国").get_data(as_text=True)
    client.post("/wipe", data={"csrf_token": csrf_of(html)})
    token = csrf_of(client.get("/identify").get_data(as_text=True))
    response = client.post("/identify/confirm", data={"action": "confirm", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/identify"
    with services.sessions() as s:
        assert s.scalar(select(func.count(Citizen.id))) == 0
