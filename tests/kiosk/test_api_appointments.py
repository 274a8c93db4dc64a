"""The appointment API as a kiosk or a script uses it (real clock: days are picked relative to today)."""
from datetime import timedelta

import pytest
from icalendar import Calendar

from core.appointments.slots import opening_spans
from tests.core.appointment_factories import applicant, id_number, make_centre, next_open_day


@pytest.fixture
def centre(services):
    return make_centre(services, slot_capacity=1)


@pytest.fixture
def day(services, centre):
    return next_open_day(services, centre)


def _book(client, centre, day, i=1, hhmm="09:00", **extra):
    return client.post("/api/appointments", json={"centre_id": centre.id, "starts_at": f"{day}T{hhmm}",
                                                  "applicant": applicant(i), "channel": "kiosk", **extra})


def test_centres_list_hours_in_chinese(client, centre):
    body = client.get("/api/centres").get_json()
    [c] = body["centres"]
    assert (c["id"], c["name"], c["township"], c["address"], c["phone"]) == (
        centre.id, centre.name, "城关镇", centre.address, centre.phone)
    assert (c["lat"], c["lon"]) == (29.1, 119.6)
    assert c["hours"][0] == {"day": "mon", "name": "星期一", "text": "08:30–12:00、13:30–17:00"}
    assert c["hours"][6] == {"day": "sun", "name": "星期日", "text": "休息"}


def test_slots_of_an_open_day_and_of_a_closed_day(client, services, centre, day):
    body = client.get(f"/api/centres/{centre.id}/slots?date={day}").get_json()
    assert body["slots"][0]["starts_at"].startswith(f"{day}T") and body["slots"][0]["starts_at"].endswith("+08:00")
    assert body["slots"][0]["free"] == 1 and body["closed"] is None
    sunday = day + timedelta(days=(6 - day.weekday()) % 7 or 7)
    if opening_spans(centre, sunday, services.calendar).closed:  # not a 调休 working Sunday
        closed = client.get(f"/api/centres/{centre.id}/slots?date={sunday}")
        assert closed.status_code == 200
        assert closed.get_json()["slots"] == [] and closed.get_json()["reason"]


@pytest.mark.parametrize("query,status", [("", 400), ("?date=明天", 400), ("?date=2020-01-01", 400)])
def test_bad_slot_queries_are_400_in_chinese(client, centre, query, status):
    response = client.get(f"/api/centres/{centre.id}/slots{query}")
    assert response.status_code == status
    assert response.get_json()["error"]["message"]


def test_unknown_centre_is_404(client, day):
    response = client.get(f"/api/centres/999/slots?date={day}")
    assert response.status_code == 404 and response.get_json()["error"]["message"] == "没有这个服务中心。"


def test_book_then_full_then_cancel_with_the_code(client, centre, day):
    response = _book(client, centre, day)
    assert response.status_code == 201, response.get_json()
    booked = response.get_json()
    assert booked["status"] == "booked" and booked["starts_at"] == f"{day}T09:00:00+08:00"
    assert booked["centre"]["name"] == centre.name and len(booked["cancel_code"]) == 10
    assert booked["applicant"] == {"name": "张*", "id_number": "330902********" + id_number(1)[-4:]}
    assert id_number(1) not in response.get_data(as_text=True)

    full = _book(client, centre, day, i=2)
    assert full.status_code == 409
    assert full.get_json()["error"]["code"] == "slot_full" and "已约满" in full.get_json()["error"]["message"]
    listed = client.get(f"/api/centres/{centre.id}/slots", query_string={"date": day}).get_json()["slots"]
    taken = [s for s in listed if s["starts_at"] == f"{day}T09:00:00+08:00"]
    assert taken and taken[0]["free"] == 0  # a full slot is listed (the kiosk greys it out), not hidden
    assert "09:30" in full.get_json()["error"]["message"]

    assert client.delete(f"/api/appointments/{booked['id']}").status_code == 400  # no code at all
    assert client.delete(f"/api/appointments/{booked['id']}?code=WRONGCODE2").status_code == 403
    cancelled = client.delete(f"/api/appointments/{booked['id']}?code={booked['cancel_code']}")
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert _book(client, centre, day, i=2).status_code == 201  # the seat is free again


def test_cancel_with_the_id_number_in_the_body(client, centre, day):
    booked = _book(client, centre, day).get_json()
    wrong = client.delete(f"/api/appointments/{booked['id']}", json={"id_number": id_number(2)})
    assert wrong.status_code == 403
    assert client.delete(f"/api/appointments/{booked['id']}", json={"id_number": 12345}).status_code == 400
    assert client.delete(f"/api/appointments/{booked['id']}", data="{", content_type="application/json").status_code == 400
    done = client.delete(f"/api/appointments/{booked['id']}", json={"id_number": id_number(1)})
    assert done.status_code == 200 and done.get_json()["status"] == "cancelled"
    again = client.delete(f"/api/appointments/{booked['id']}", json={"id_number": id_number(1)})
    assert again.status_code == 409


def test_ics_link(client, centre, day):
    booked = _book(client, centre, day).get_json()
    response = client.get(booked["ics_url"])
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["summary"]).startswith("档案查询预约") and event.decoded("dtstart").date() == day
    assert client.get(f"/api/appointments/{booked['id']}.ics?code=NOPE").status_code == 403
    assert client.get("/api/appointments/9999.ics?code=NOPE").status_code == 404


@pytest.mark.parametrize("body,message", [
    ("not json", "JSON"),
    ({"centre_id": None, "starts_at": "2026-01-01T09:00", "applicant": applicant(1)}, "服务中心"),
    ({"starts_at": "9点", "applicant": applicant(1)}, "格式"),
    ({"applicant": "张伟"}, "预约人"),
    ({"applicant": {"name": "", "id_number": "x"}}, "姓名"),
    ({"applicant": {**applicant(1), "id_number": "123"}}, "身份证"),
    ({"channel": "fax"}, "渠道"),
    ({"application_id": "abc"}, "申请"),
    ({"starts_at": 20260101}, "预约时间"),
])
def test_bad_bookings_are_400_in_chinese_never_500(client, centre, day, body, message):
    if isinstance(body, dict):
        full = {"centre_id": centre.id, "starts_at": f"{day}T09:00", "applicant": applicant(1), "channel": "kiosk"}
        full.update(body)
        response = client.post("/api/appointments", json=full)
    else:
        response = client.post("/api/appointments", data=body, content_type="application/json")
    assert response.status_code == 400, response.get_json()
    assert message in response.get_json()["error"]["message"]


def test_one_booking_a_day_is_a_409(client, services, day):
    centre = make_centre(services, "C09", slot_capacity=3)
    assert _book(client, centre, day).status_code == 201
    again = _book(client, centre, day, hhmm="10:00")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_booked"


@pytest.mark.parametrize("ref", ["99999999999999999999", "-1", "1.5", "abc", "１"])
def test_odd_ids_are_404_not_500(client, centre, day, ref):
    assert client.get(f"/api/centres/{ref}/slots?date={day}").status_code == 404
    assert client.delete(f"/api/appointments/{ref}?code=X").status_code == 404
    response = client.post("/api/appointments", json={"centre_id": ref, "starts_at": f"{day}T09:00",
                                                      "applicant": applicant(1), "channel": "kiosk"})
    assert response.status_code == 404


def test_an_application_id_that_is_not_the_applicants_is_400(client, centre, day):
    for value in (99999999999999999999, 12345, True, [1]):
        response = _book(client, centre, day, application_id=value)
        assert response.status_code == 400 and "申请" in response.get_json()["error"]["message"]
