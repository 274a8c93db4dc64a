"""Full PII on an explicit click: the ID number and phone appear only after the button, and each view is audited."""
import logging

import pytest

from tests.core.appointment_factories import id_number
from tests.kiosk.conftest import csrf_of, post_form
from tests.kiosk.staff_apps import audit_lines, leaks, signed_in, two_applications

FULL_ID, FULL_PHONE = id_number(1), "13800000001"  # the factory's applicant(1) at C01


@pytest.fixture
def pair(services, two_centres):
    return two_applications(services, two_centres)


def reveal(client, application_id: int):
    return post_form(client, f"/staff/applications/{application_id}", to=f"/staff/applications/{application_id}/pii")


def test_the_page_shows_masked_numbers_until_the_button_is_pressed(app, services, pair, caplog):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    before = client.get(f"/staff/applications/{mine.id}").get_data(as_text=True)
    assert FULL_ID not in before and FULL_PHONE not in before
    assert FULL_ID[:6] + "********" + FULL_ID[-4:] in before and "显示完整身份信息" in before
    assert audit_lines(services, "pii.view") == []  # opening the page is not a PII view

    caplog.set_level(logging.DEBUG)
    r = reveal(client, mine.id)
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and FULL_ID in body and FULL_PHONE in body
    assert "本次查看已记入审计日志" in body and "显示完整身份信息</button>" not in body
    assert r.headers["Cache-Control"] == "no-store"
    assert FULL_ID not in caplog.text and FULL_PHONE not in caplog.text

    [line] = audit_lines(services, "pii.view")
    assert line.actor == "staff:clerk_a" and line.entity == "citizen"
    assert line.data["application_id"] == mine.id
    assert FULL_ID not in str(line.data) and FULL_PHONE not in str(line.data)

    again = client.get(f"/staff/applications/{mine.id}").get_data(as_text=True)
    assert FULL_ID not in again  # shown once, on that response only
    assert len(audit_lines(services, "pii.view")) == 1


def test_every_press_is_one_more_audit_line(app, services, pair):
    mine, _ = pair
    reveal(signed_in(app, "archivist"), mine.id)
    reveal(signed_in(app, "admin"), mine.id)
    assert [e.actor for e in audit_lines(services, "pii.view")] == ["staff:archivist", "staff:admin"]


def test_a_clerk_of_another_centre_gets_404_nothing_shown_nothing_audited(app, services, pair):
    _, other = pair
    client = signed_in(app, "clerk_a")
    token = csrf_of(client.get("/staff/queue").get_data(as_text=True))
    r = client.post(f"/staff/applications/{other.id}/pii", data={"csrf_token": token})
    body = r.get_data(as_text=True)
    assert r.status_code == 404 and id_number(2) not in body and leaks(body, other) == []
    assert audit_lines(services, "pii.view") == []


def test_without_the_csrf_token_or_signed_out_nothing_is_revealed(app, client, services, pair):
    mine, _ = pair
    r = signed_in(app, "clerk_a").post(f"/staff/applications/{mine.id}/pii")
    assert r.status_code == 400 and FULL_ID not in r.get_data(as_text=True)
    token = csrf_of(client.get("/staff/login").get_data(as_text=True))
    r = client.post(f"/staff/applications/{mine.id}/pii", data={"csrf_token": token})
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]
    assert audit_lines(services, "pii.view") == []
