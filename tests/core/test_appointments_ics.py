"""The calendar file a visitor imports into their phone."""
import pytest
from icalendar import Calendar

from core.appointments import appointment_ics, book_appointment, cancel_appointment, cancel_code, reschedule_appointment
from core.errors import PermissionDenied
from tests.core.appointment_factories import NOW, applicant, at, id_number, make_centre


def _event(ics: bytes):
    cal = Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return cal, events[0]


def test_ics_has_chinese_summary_address_local_time_and_a_stable_uid(services):
    centre = make_centre(services)
    appointment = book_appointment(services, centre_id=centre.id, starts_at=at("2026-09-17", "09:00"),
                                   applicant=applicant(1, "王建国"), channel="kiosk", now=NOW)
    code = cancel_code(services.vault, appointment.id)
    cal, event = _event(appointment_ics(services, appointment.id, code=code))
    assert str(event["summary"]) == f"档案查询预约：{centre.name}"
    assert centre.address in str(event["location"])
    start = event.decoded("dtstart")
    assert start == at("2026-09-17", "09:00") and str(start.tzinfo) == "Asia/Shanghai"
    assert event["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert event.decoded("dtend") == at("2026-09-17", "09:30")
    assert str(event["status"]) == "CONFIRMED"
    description = str(event["description"])
    assert "王**" in description and "王建国" not in description and id_number(1) not in description

    reschedule_appointment(services, appointment.id, starts_at=at("2026-09-18", "14:00"), code=code, now=NOW)
    _, moved = _event(appointment_ics(services, appointment.id, code=code))
    assert moved["uid"] == event["uid"] and moved.decoded("dtstart") == at("2026-09-18", "14:00")

    cancel_appointment(services, appointment.id, code=code, now=NOW)
    _, cancelled = _event(appointment_ics(services, appointment.id, code=code))
    assert cancelled["uid"] == event["uid"] and str(cancelled["status"]) == "CANCELLED"


def test_ics_needs_the_cancel_code(services):
    centre = make_centre(services)
    appointment = book_appointment(services, centre_id=centre.id, starts_at=at("2026-09-17", "09:00"),
                                   applicant=applicant(1), channel="kiosk", now=NOW)
    with pytest.raises(PermissionDenied):
        appointment_ics(services, appointment.id, code=None)
    with pytest.raises(PermissionDenied):
        appointment_ics(services, appointment.id, code=cancel_code(services.vault, appointment.id + 1))
