"""At the window: staff check visitors in on the day, and mark those who did not come once their slot is over."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..audit import append
from ..errors import Conflict
from ..models import Appointment, ServiceCentre
from .access import staff_member
from .booking import claim_booked, load_appointment
from .seats import write_transaction
from .slots import local_now_of, md, to_local

STATUS_LABELS = {"booked": "已预约", "checked_in": "已签到", "no_show": "未到", "cancelled": "已取消"}  # for screens
_STATES = {"cancelled": "已取消", "checked_in": "已签到", "no_show": "已记为爽约"}


def _booked(appointment: Appointment) -> None:
    if appointment.status != "booked":
        raise Conflict(f"该预约{_STATES[appointment.status]}。", code="not_booked")


def check_in(services, appointment_id: int, *, staff: str, now: datetime | None = None) -> Appointment:
    """Check a visitor in at the window; only on the day of the appointment."""
    now = local_now_of(services, now)
    with write_transaction(services) as s:
        appointment = load_appointment(s, appointment_id)
        user = staff_member(s, staff, appointment.centre_id)
        _booked(appointment)
        if appointment.day != now.date():
            raise Conflict(f"只能在预约当天签到（预约日期：{md(appointment.day)}）。", code="wrong_day")
        claim_booked(s, appointment, status="checked_in")
        append(s, actor=f"staff:{user.username}", action="appointment.check_in", entity="appointment",
               entity_id=appointment.id, data={"at": now.isoformat()})
        appointment.centre = s.get(ServiceCentre, appointment.centre_id)
    return appointment


def mark_no_show(services, appointment_id: int, *, staff: str, now: datetime | None = None) -> Appointment:
    """Record that the visitor did not come; only after the slot has ended."""
    tz, now = services.settings.timezone, local_now_of(services, now)
    with write_transaction(services) as s:
        appointment = load_appointment(s, appointment_id)
        user = staff_member(s, staff, appointment.centre_id)
        _booked(appointment)
        if to_local(appointment.ends_at, tz) > now:
            raise Conflict("预约时段还没结束，不能记为爽约。", code="not_over")
        claim_booked(s, appointment, status="no_show")
        append(s, actor=f"staff:{user.username}", action="appointment.no_show", entity="appointment",
               entity_id=appointment.id, data={})
        appointment.centre = s.get(ServiceCentre, appointment.centre_id)
    return appointment


def appointments_of_day(services, centre_id: int, day) -> list[Appointment]:
    """The centre's appointments of one day in time order, with their citizens (for the window's list)."""
    with services.sessions() as s:
        rows = s.scalars(select(Appointment).where(Appointment.centre_id == centre_id, Appointment.day == day)
                         .order_by(Appointment.starts_at, Appointment.id).options(selectinload(Appointment.citizen)))
        return list(rows)
