"""Every console route, whatever its screen: closed to the public, and a C01 clerk never reaches C02's data.

The sweep reads the app's URL map, so a route added later is covered without touching this file.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from core import applications as apps
from core.applications.certify import issue_for_application
from core.appointments import book_appointment
from core.dialogue.handoff import create_handoff
from tests.core.appointment_factories import applicant, next_open_day
from tests.kiosk.conftest import csrf_of
from tests.kiosk.staff_apps import OTHER, leaks, signed_in, two_applications

OPEN_ROUTES = {"/staff/login"}


def staff_rules(app):
    return [r for r in app.url_map.iter_rules() if r.rule.startswith("/staff") and r.rule not in OPEN_ROUTES]


@pytest.fixture
def c02(services, two_centres):
    """An issued C02 application with its certificate, a C02 visit and a hand-off asked at the C02 kiosk."""
    _, b = two_centres
    _, other = two_applications(services, two_centres)
    with services.sessions.begin() as s:
        application = apps.get_application(s, other.id)
        apps.advance(s, application, "approved", actor="staff:clerk_b")
        number = issue_for_application(s, services, application, actor="staff:archivist").number
    day = next_open_day(services, b)
    starts = datetime.combine(day, datetime.min.time()).replace(hour=9, tzinfo=timezone(timedelta(hours=8)))
    visit = book_appointment(services, centre_id=b.id, starts_at=starts, channel="kiosk",
                             applicant=applicant(2, OTHER["applicant"]))
    handoff = create_handoff(services, question=f"{OTHER['place']}的婚姻档案怎么查", transcript=[], channel="kiosk",
                             centre_id=b.id)
    return {"application_id": other.id, "number": number, "appointment_id": visit.id, "handoff_id": handoff,
            "token": "0" * 32}, other


def url_of(rule, values: dict) -> str:
    return rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]


def test_every_console_route_sends_the_public_to_the_login(app, c02):
    values, _ = c02
    client = app.test_client()
    token = csrf_of(client.get("/staff/login").get_data(as_text=True))
    for rule in staff_rules(app):
        url = url_of(rule, values)
        r = client.get(url) if "GET" in rule.methods else client.post(url, data={"csrf_token": token})
        assert r.status_code == 302 and "/staff/login" in r.headers["Location"], (url, r.status_code)


def test_a_clerk_of_c01_never_reaches_c02_data_on_any_route(app, c02):
    values, other = c02
    clerk = signed_in(app, "clerk_a")
    token = csrf_of(clerk.get("/staff/queue").get_data(as_text=True))
    tried = 0
    for rule in staff_rules(app):
        if not rule.arguments:
            continue
        url = url_of(rule, values)
        data = {"csrf_token": token, "to": "approved", "reason": "x", "note": "x", "text": "答复",
                "record_id": "1", "ref": "X", "kind": "same"}
        r = clerk.get(url) if "GET" in rule.methods else clerk.post(url, data=data)
        body = r.get_data(as_text=True) if r.mimetype.startswith(("text/", "application/json")) else ""
        assert r.status_code in (403, 404), (url, r.status_code)
        body = body.replace(f"没有编号为 {values['number']}", "")  # the number the clerk typed, said not to exist
        assert leaks(body, other) == [] and values["number"] not in body, url
        tried += 1
    assert tried >= 10  # detail, moves, records, PII, certificates, visits, hand-offs, imports

    with app.extensions["lantai"].sessions() as s:  # and nothing was changed by trying
        assert apps.get_application(s, other.id).status == "issued"
    queue = clerk.get("/staff/queue?centre=" + str(other.centre_id)).get_data(as_text=True)
    assert leaks(queue, other) == []
