"""Which slots a visitor is offered: hours and lunch break, holidays, 调休, closed days, past slots, the window."""
from datetime import date, datetime

import pytest

from core.appointments import book_appointment, day_slots, list_free_slots
from core.errors import InvalidInput, NotFound
from tests.core.appointment_factories import NOW, applicant, at, make_centre


def times(slots):
    return [f"{s.starts_at:%H:%M}" for s in slots]


def test_a_weekday_has_morning_and_afternoon_slots_and_nothing_over_lunch(services):
    centre = make_centre(services)
    slots = list_free_slots(services, centre.id, date(2026, 9, 17), now=NOW)
    assert times(slots) == ["08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
                            "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"]
    assert slots[0].ends_at == at("2026-09-17", "09:00") and slots[0].starts_at.tzinfo is not None
    assert {s.free for s in slots} == {2}


def test_a_span_tail_shorter_than_a_slot_is_not_offered(services):
    centre = make_centre(services, slot_minutes=45)
    assert times(list_free_slots(services, centre.id, date(2026, 9, 17), now=NOW))[:5] == [
        "08:30", "09:15", "10:00", "10:45", "13:30"]  # 11:30–12:15 would run into lunch


def test_today_offers_only_slots_that_have_not_started(services):
    centre = make_centre(services)
    assert times(list_free_slots(services, centre.id, NOW.date(), now=NOW))[:3] == ["10:30", "11:00", "11:30"]
    evening = datetime(2026, 9, 16, 17, 5, tzinfo=NOW.tzinfo)
    result = day_slots(services, centre.id, NOW.date(), now=evening)
    assert result.slots == [] and "已结束" in result.reason


def test_saturday_morning_and_sunday_rest_day(services):
    centre = make_centre(services)
    assert times(list_free_slots(services, centre.id, date(2026, 9, 19), now=NOW)) == [
        "08:30", "09:00", "09:30", "10:00", "10:30", "11:00"]
    sunday = day_slots(services, centre.id, date(2026, 10, 11), now=NOW)
    assert sunday.slots == [] and sunday.closed == "rest_day" and "星期日" in sunday.reason and "休息日" in sunday.reason


def test_public_holidays_close_the_centre_even_on_its_saturday(services):
    centre = make_centre(services)
    for day in (date(2026, 9, 25), date(2026, 9, 26), date(2026, 10, 1)):  # 中秋 Friday and Saturday, 国庆
        result = day_slots(services, centre.id, day, now=NOW)
        assert result.slots == [] and result.closed == "holiday" and "节假日" in result.reason


def test_a_worked_weekend_day_takes_the_centres_monday_hours(services):
    centre = make_centre(services, hours={"mon": [["09:00", "10:00"]], "sat": [["08:30", "09:00"]], "sun": []})
    assert times(list_free_slots(services, centre.id, date(2026, 9, 20), now=NOW)) == ["09:00", "09:30"]  # Sunday
    assert times(list_free_slots(services, centre.id, date(2026, 10, 10), now=NOW)) == ["09:00", "09:30"]  # Saturday


def test_a_closed_day_of_the_centre(services):
    centre = make_centre(services, closed_days=["2026-09-18"])
    result = day_slots(services, centre.id, date(2026, 9, 18), now=NOW)
    assert result.slots == [] and result.closed == "closed" and "闭馆" in result.reason


def test_past_days_and_days_beyond_the_window_are_refused(services):
    centre = make_centre(services)
    with pytest.raises(InvalidInput, match="已经过去"):
        list_free_slots(services, centre.id, date(2026, 9, 15), now=NOW)
    assert list_free_slots(services, centre.id, date(2026, 10, 16), now=NOW)  # 30 days ahead
    with pytest.raises(InvalidInput, match="30天以内"):
        list_free_slots(services, centre.id, date(2026, 10, 19), now=NOW)
    with pytest.raises(NotFound):
        list_free_slots(services, 9999, date(2026, 9, 17), now=NOW)


def test_full_slots_are_not_offered_and_a_full_day_says_so(services):
    centre = make_centre(services, hours={"thu": [["09:00", "09:30"]]}, slot_capacity=1)
    book_appointment(services, centre_id=centre.id, starts_at=at("2026-09-17", "09:00"), applicant=applicant(1),
                     channel="kiosk", now=NOW)
    result = day_slots(services, centre.id, date(2026, 9, 17), now=NOW)
    assert [s.free for s in result.slots] == [0] and result.free == []
    assert "已约满" in result.reason


def test_a_schedule_from_holidays_json_closes_and_opens_days(services):
    from core.workdays import WorkCalendar
    centre = make_centre(services)
    services.calendar = WorkCalendar(holidays={date(2026, 9, 17), date(2026, 9, 19)}, workdays={date(2026, 10, 11)})
    assert day_slots(services, centre.id, date(2026, 9, 17), now=NOW).closed == "holiday"
    assert day_slots(services, centre.id, date(2026, 9, 19), now=NOW).closed == "holiday"  # a Saturday in the block
    assert times(list_free_slots(services, centre.id, date(2026, 10, 11), now=NOW))[0] == "08:30"  # worked Sunday
