"""Booking rules, cancel, reschedule, check-in and no-show, as the visitor and the window clerk see them."""
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from core.appointments import (book_appointment, cancel_appointment, cancel_code, check_in, list_free_slots,
                               mark_no_show, reschedule_appointment)
from core.appointments.slots import to_utc
from core.errors import Conflict, InvalidIdNumber, InvalidInput, NotFound, PermissionDenied
from core.models import Appointment, AuditEntry, OutboxMessage, SlotLoad
from tests.core.appointment_factories import NOW, applicant, at, id_number, make_centre, make_staff

DAY = "2026-09-17"  # a Thursday


def book(services, centre, i, hhmm="09:00", day=DAY, **kw):
    return book_appointment(services, centre_id=centre.id, starts_at=at(day, hhmm), applicant=applicant(i),
                            channel=kw.pop("channel", "kiosk"), now=kw.pop("now", NOW), **kw)


def free_at(services, centre, hhmm, day=DAY, now=NOW):
    slots = {f"{s.starts_at:%H:%M}": s.free for s in list_free_slots(services, centre.id, date.fromisoformat(day), now=now)}
    return slots.get(hhmm, 0)


def test_booking_takes_a_seat_and_the_last_seat_then_the_slot_is_full_with_a_suggestion(services):
    centre = make_centre(services)
    first = book(services, centre, 1)
    assert first.status == "booked" and first.centre.name == centre.name
    assert first.starts_at.astimezone(NOW.tzinfo) == at(DAY, "09:00") and first.day == date(2026, 9, 17)
    assert free_at(services, centre, "09:00") == 1
    book(services, centre, 2)
    assert free_at(services, centre, "09:00") == 0
    with pytest.raises(Conflict) as full:
        book(services, centre, 3)
    assert full.value.code == "slot_full" and "已约满" in full.value.message
    assert "09:30" in full.value.message  # the next slot with a seat


def test_one_booking_per_citizen_per_centre_per_day(services):
    centre, other = make_centre(services), make_centre(services, "C02")
    book(services, centre, 1)
    with pytest.raises(Conflict, match="每人每天只能预约一次") as again:
        book(services, centre, 1, "14:00")
    assert again.value.code == "already_booked"
    book(services, other, 1, "14:00")  # another centre the same day
    book(services, centre, 1, "14:00", day="2026-09-18")  # the same centre another day


def test_a_cancelled_booking_frees_the_seat_and_the_day(services):
    centre = make_centre(services, slot_capacity=1)
    first = book(services, centre, 1)
    cancelled = cancel_appointment(services, first.id, code=cancel_code(services.vault, first.id), now=NOW)
    assert cancelled.status == "cancelled"
    assert free_at(services, centre, "09:00") == 1
    book(services, centre, 1)  # the same person may book that day again


@pytest.mark.parametrize("day,hhmm,message", [
    (DAY, "09:10", "不是"), (DAY, "12:00", "不是"), ("2026-09-25", "09:00", "节假日"),
    ("2026-09-16", "09:30", "已经开始或已过"), ("2026-10-30", "09:00", "30天以内"),
])
def test_only_real_future_slots_of_the_centre_can_be_booked(services, day, hhmm, message):
    centre = make_centre(services)
    with pytest.raises(InvalidInput, match=message):
        book(services, centre, 1, hhmm, day=day)


def test_bad_input_is_refused_in_chinese(services):
    centre = make_centre(services)
    with pytest.raises(InvalidInput, match="渠道"):
        book(services, centre, 1, channel="fax")
    with pytest.raises(InvalidIdNumber):
        book_appointment(services, centre_id=centre.id, starts_at=at(DAY, "09:00"), channel="kiosk", now=NOW,
                         applicant={"name": "张伟", "id_number": "330902196003150011", "phone": "13800000000"})
    with pytest.raises(InvalidInput, match="手机号码"):
        book_appointment(services, centre_id=centre.id, starts_at=at(DAY, "09:00"), channel="kiosk", now=NOW,
                         applicant={**applicant(1), "phone": "call me"})
    with pytest.raises(InvalidInput, match="格式"):
        book_appointment(services, centre_id=centre.id, starts_at="tomorrow 9am", applicant=applicant(1),
                         channel="kiosk", now=NOW)
    with pytest.raises(NotFound):
        book_appointment(services, centre_id=999, starts_at=at(DAY, "09:00"), applicant=applicant(1),
                         channel="kiosk", now=NOW)


def test_times_in_other_zones_and_strings_mean_the_same_slot(services):
    centre = make_centre(services, slot_capacity=3)
    book_appointment(services, centre_id=centre.id, starts_at="2026-09-17T09:00", applicant=applicant(1),
                     channel="bot", now=NOW)
    book_appointment(services, centre_id=centre.id, starts_at=datetime(2026, 9, 17, 1, 0, tzinfo=timezone.utc),
                     applicant=applicant(2), channel="window", now=NOW)
    assert free_at(services, centre, "09:00") == 1
    with services.sessions() as s:
        assert s.scalar(select(func.count()).select_from(SlotLoad)) == 1


def test_booking_and_cancelling_tell_the_applicant_through_the_outbox(services):
    centre = make_centre(services)
    appointment = book(services, centre, 1)
    cancel_appointment(services, appointment.id, id_number=id_number(1), now=NOW)
    with services.sessions() as s:
        messages = s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert [m.kind for m in messages] == ["appointment.booked", "appointment.cancelled"]
    assert centre.name in messages[0].text and "9月17日" in messages[0].text and "09:00" in messages[0].text
    assert all(m.citizen_id == appointment.citizen_id for m in messages)


def test_only_the_booker_or_staff_can_cancel(services):
    centre = make_centre(services)
    appointment = book(services, centre, 1)
    with pytest.raises(InvalidInput, match="取消码"):
        cancel_appointment(services, appointment.id, now=NOW)
    with pytest.raises(PermissionDenied, match="取消码不正确"):
        cancel_appointment(services, appointment.id, code="AAAAAAAAAA", now=NOW)
    with pytest.raises(PermissionDenied, match="不符"):
        cancel_appointment(services, appointment.id, id_number=id_number(2), now=NOW)
    make_staff(services, "clerk2", centre_code=make_centre(services, "C02").code)
    with pytest.raises(PermissionDenied, match="本服务中心"):
        cancel_appointment(services, appointment.id, staff="clerk2", now=NOW)
    code = cancel_code(services.vault, appointment.id)
    assert cancel_appointment(services, appointment.id, code=code.lower(), now=NOW).status == "cancelled"
    with pytest.raises(Conflict, match="已取消"):
        cancel_appointment(services, appointment.id, code=code, now=NOW)


def test_a_started_visit_can_no_longer_be_cancelled(services):
    centre = make_centre(services)
    appointment = book(services, centre, 1)
    with pytest.raises(Conflict, match="已经开始"):
        cancel_appointment(services, appointment.id, id_number=id_number(1), now=at(DAY, "09:05"))


def test_reschedule_moves_the_seat(services):
    centre = make_centre(services, slot_capacity=1)
    appointment = book(services, centre, 1)
    moved = reschedule_appointment(services, appointment.id, starts_at=at("2026-09-18", "14:00"),
                                   id_number=id_number(1), now=NOW)
    assert moved.starts_at.astimezone(NOW.tzinfo) == at("2026-09-18", "14:00") and moved.day == date(2026, 9, 18)
    assert free_at(services, centre, "09:00") == 1
    assert free_at(services, centre, "14:00", day="2026-09-18") == 0
    with services.sessions() as s:
        assert s.scalar(select(OutboxMessage.text).where(OutboxMessage.kind == "appointment.moved")).count("9月18日")


def test_every_move_is_announced_even_back_and_forth(services):
    centre = make_centre(services)
    appointment = book(services, centre, 1)
    for hhmm in ("14:00", "09:00", "14:00"):
        reschedule_appointment(services, appointment.id, starts_at=at(DAY, hhmm), id_number=id_number(1), now=NOW)
    with services.sessions() as s:
        assert s.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "appointment.moved")) == 3


def test_reschedule_to_a_full_slot_changes_nothing(services):
    centre = make_centre(services, slot_capacity=1)
    mine = book(services, centre, 1)
    book(services, centre, 2, "10:00")
    with pytest.raises(Conflict, match="已约满"):
        reschedule_appointment(services, mine.id, starts_at=at(DAY, "10:00"), id_number=id_number(1), now=NOW)
    assert free_at(services, centre, "09:00") == 0 and free_at(services, centre, "10:00") == 0
    with services.sessions() as s:
        assert to_utc(s.get(Appointment, mine.id).starts_at) == at(DAY, "09:00")
        assert sorted(s.scalars(select(SlotLoad.booked))) == [1, 1]


def test_check_in_by_staff_only_on_the_day(services):
    centre = make_centre(services)
    clerk = make_staff(services, "clerk1")
    appointment = book(services, centre, 1)
    with pytest.raises(Conflict, match="只能在预约当天签到"):
        check_in(services, appointment.id, staff=clerk, now=NOW)
    with pytest.raises(PermissionDenied):
        check_in(services, appointment.id, staff="nobody", now=at(DAY, "08:50"))
    done = check_in(services, appointment.id, staff=clerk, now=at(DAY, "08:50"))
    assert done.status == "checked_in"
    with pytest.raises(Conflict, match="已签到"):
        cancel_appointment(services, appointment.id, staff=clerk, now=at(DAY, "08:55"))
    with services.sessions() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "appointment.check_in"))
        assert entry.actor == "staff:clerk1" and entry.entity_id == str(appointment.id)


def test_no_show_only_after_the_slot_has_ended(services):
    centre = make_centre(services)
    archivist = make_staff(services, "archivist", role="archivist", centre_code=None)
    appointment = book(services, centre, 1)
    with pytest.raises(Conflict, match="还没结束"):
        mark_no_show(services, appointment.id, staff=archivist, now=at(DAY, "09:20"))
    assert mark_no_show(services, appointment.id, staff=archivist, now=at(DAY, "09:31")).status == "no_show"
    with pytest.raises(Conflict, match="爽约"):
        check_in(services, appointment.id, staff=archivist, now=at(DAY, "09:40"))


def test_capacity_zero_pauses_booking(services):
    centre = make_centre(services, slot_capacity=0)
    assert list_free_slots(services, centre.id, date(2026, 9, 17), now=NOW) == []
    with pytest.raises(Conflict, match="已约满"):
        book(services, centre, 1)


def test_cancel_codes_differ_per_appointment_and_deployment(services):
    codes = {cancel_code(services.vault, i) for i in range(1, 200)}
    assert len(codes) == 199 and all(len(c) == 10 and c.isalnum() for c in codes)
