"""Nearest centres for a shared location, today's hours, and the reminders the day before a visit."""
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from core import binding
from core.appointments import book_appointment
from core.appointments.reminders import enqueue_due_reminders, enqueue_reminders
from core.models import Appointment, OutboxMessage
from core.places import distance_km, hours_on, nearest_centres
from tests.core.appointment_factories import TZ, applicant, make_centre, next_open_day


def test_distance_is_the_great_circle_in_km():
    assert abs(distance_km(39.9042, 116.4074, 31.2304, 121.4737) - 1067) < 3  # Beijing – Shanghai
    assert distance_km(29.0, 120.0, 29.0, 120.0) == 0


def test_nearest_centres_come_nearest_first(services):
    for code, lat in (("C01", 29.30), ("C02", 29.01), ("C03", 29.10), ("C04", 29.20)):
        make_centre(services, code, latitude=lat, longitude=120.0)
    found = nearest_centres(services, 29.0, 120.0)
    assert [c.code for c, _ in found] == ["C02", "C03", "C04"]
    assert [round(km, 1) for _, km in found] == [1.1, 11.1, 22.2]


def test_todays_hours_know_holidays_closed_days_and_rest_days(services):
    centre = make_centre(services, closed_days=["2026-09-17"])
    assert hours_on(centre, date(2026, 9, 16), services.calendar) == "08:30–12:00、13:30–17:00"
    assert hours_on(centre, date(2026, 9, 17), services.calendar) == "闭馆"
    assert hours_on(centre, date(2026, 9, 25), services.calendar) == "休息（法定节假日）"  # 中秋
    assert hours_on(centre, date(2026, 9, 27), services.calendar) == "休息（法定节假日）"
    assert hours_on(centre, date(2026, 9, 20), services.calendar) == "08:30–12:00、13:30–17:00"  # 调休 Sunday
    assert hours_on(centre, date(2026, 9, 13), services.calendar) == "休息"  # an ordinary Sunday


def _book(services, centre, day, i=1):
    return book_appointment(services, centre_id=centre.id, starts_at=f"{day}T09:00", channel="bot",
                            applicant=applicant(i))


def reminders(services):
    with services.sessions() as s:
        return list(s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "appointment.reminder")))


def test_a_visit_gets_one_reminder_the_day_before_however_often_it_is_queued(services):
    centre = make_centre(services)
    day = next_open_day(services, centre, datetime.now(TZ).date() + timedelta(days=2))
    appointment = _book(services, centre, day)
    binding.follow_appointment(services, appointment.id, 4242)  # booked from this chat
    assert enqueue_reminders(services, day) == 1
    assert enqueue_reminders(services, day) == 0
    [row] = reminders(services)
    assert row.chat_id == 4242 and "明天" in row.text and centre.name in row.text and "09:00–09:30" in row.text


def test_a_visit_booked_the_day_before_needs_no_reminder(services):
    centre = make_centre(services)
    day = next_open_day(services, centre, datetime.now(TZ).date() + timedelta(days=2))
    appointment = _book(services, centre, day)
    with services.sessions.begin() as s:  # as if it had been booked on the eve, at 15:00
        s.get(Appointment, appointment.id).created_at = datetime.combine(day - timedelta(days=1), time(15), TZ)
    assert enqueue_reminders(services, day) == 0 and reminders(services) == []


def test_reminders_for_tomorrow_start_at_nine(services):
    centre = make_centre(services)
    today = datetime.now(TZ).date()
    day = next_open_day(services, centre, today + timedelta(days=2))
    _book(services, centre, day)
    eve = day - timedelta(days=1)
    assert enqueue_due_reminders(services, datetime.combine(eve, datetime.min.time(), TZ).replace(hour=8)) == 0
    assert enqueue_due_reminders(services, datetime.combine(eve, datetime.min.time(), TZ).replace(hour=9)) == 1
