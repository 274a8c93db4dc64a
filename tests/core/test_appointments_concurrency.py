"""The issue's proof that booking never overbooks: 50 people at once for the last seat, exactly one gets it.

Runs on SQLite by default and on PostgreSQL with TEST_DATABASE_URL.
"""
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from core.appointments import book_appointment, cancel_appointment, reschedule_appointment
from core.appointments.slots import to_utc
from core.errors import Conflict
from core.models import Appointment, SlotLoad
from tests.core.appointment_factories import NOW, applicant, at, id_number, make_centre

SLOT = at("2026-09-17", "09:00")
CLIENTS = 50


def _race(n, attempt):
    """Run attempt(i) for i in range(n) on n threads released together; return (results, errors)."""
    gate = threading.Barrier(n)

    def run(i):
        gate.wait()
        try:
            return attempt(i), None
        except Conflict as e:
            return None, e

    with ThreadPoolExecutor(max_workers=n) as pool:
        outcomes = list(pool.map(run, range(n)))
    return [r for r, _ in outcomes if r], [e for _, e in outcomes if e]


def _seats(services, centre_id, starts_at):
    with services.sessions() as s:
        booked = s.scalar(select(SlotLoad.booked).where(SlotLoad.centre_id == centre_id,
                                                        SlotLoad.starts_at == to_utc(starts_at)))
        active = s.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.centre_id == centre_id, Appointment.starts_at == to_utc(starts_at),
            Appointment.status.in_(("booked", "checked_in"))))
    return booked, active


def test_fifty_concurrent_bookings_for_the_last_seat_give_exactly_one(services):
    centre = make_centre(services, slot_capacity=3)
    for i in range(2):  # two of the three seats are taken
        book_appointment(services, centre_id=centre.id, starts_at=SLOT, applicant=applicant(1000 + i),
                         channel="window", now=NOW)

    won, lost = _race(CLIENTS, lambda i: book_appointment(services, centre_id=centre.id, starts_at=SLOT,
                                                          applicant=applicant(i), channel="kiosk", now=NOW))

    assert len(won) == 1
    assert len(lost) == CLIENTS - 1
    assert all(e.code == "slot_full" and "已约满" in e.message for e in lost)
    assert _seats(services, centre.id, SLOT) == (3, 3)  # booked == capacity, and as many visits as seats


def test_concurrent_moves_and_cancels_of_one_appointment_free_its_seat_once(services):
    centre = make_centre(services, slot_capacity=2)
    mine = book_appointment(services, centre_id=centre.id, starts_at=SLOT, applicant=applicant(1), channel="bot",
                            now=NOW)
    targets = [at("2026-09-17", hhmm) for hhmm in ("09:30", "10:00", "10:30", "11:00")]

    def change(i):
        if i % 2:
            return cancel_appointment(services, mine.id, id_number=id_number(1), now=NOW)
        return reschedule_appointment(services, mine.id, starts_at=targets[i // 2 % 4], id_number=id_number(1),
                                      now=NOW)

    won, lost = _race(16, change)
    assert len(won) == 1 and len(lost) == 15
    with services.sessions() as s:
        loads = dict(s.execute(select(SlotLoad.starts_at, SlotLoad.booked)).all())
        active = s.scalar(select(func.count()).select_from(Appointment).where(Appointment.status == "booked"))
    assert sum(loads.values()) == active  # every seat taken belongs to exactly one booked visit
